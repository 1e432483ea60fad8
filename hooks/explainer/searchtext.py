"""What Material's search indexes, made cheaper.

``search_html``: a lighter copy of a page's HTML for an indexer that keeps only text, headings
and a few block tags: inline markup (sentence wrappers, quote marks, links, dates) is dropped,
the text stays. ``sections``: that indexer's split of a page into sections, ported from its
html.parser code to one regex per tag."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Tags dropped with their text kept (the indexer keeps only the text of these anyway):
#   '<span class="ex-s" id="s-1f0c">' ... '</span>', '<time datetime="2020-09-08">', '<mark>',
#   '<a href="../../sources/x/#s-1f0c">8 September 2020</a>' -> '8 September 2020'
# but not a heading's permalink ('<a class="headerlink" ...>'), which the indexer drops itself.
INLINE_MARKUP: re.Pattern[str] = re.compile(
    r'</?(?:span|time|mark)\b[^>]*>|<a\b(?![^>]*\bheaderlink\b)[^>]*>((?:(?!</?a\b)[^<]|<(?!/?a\b))*)</a>')


# An element holding text repeated from the sources (a term's or a person's sentences, the
# quotes tables, the timeline): left out of the index, which finds that text on the source
# pages. '<details class="ex-entry__appears ex-nosearch">' ... '</details>'
REPEATED: re.Pattern[str] = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*\bclass="[^"]*\bex-nosearch\b[^"]*"[^>]*>')
# a heading that starts a search section ('<h3 id="backdoor">'): never dropped with a block
SECTION_HEADING: re.Pattern[str] = re.compile(r"<h[1-6]\b[^>]*\sid=")


def search_html(html: str) -> str:
    """``html`` without the explainer's inline markup and without the blocks that repeat the
    sources' text (as if Material were told 'data-search-exclude' on them). Pages that mark
    elements for the indexer themselves ('data-search-exclude') are returned unchanged."""
    if "data-search-" in html:
        return html
    if "ex-nosearch" in html:
        html = _drop_repeated(html)
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", html)


def _drop_repeated(html: str) -> str:
    out: list[str] = []
    pos = 0
    while (m := REPEATED.search(html, pos)) is not None:
        end = _element_end(html, m.group(1), m.end())
        if end is None or SECTION_HEADING.search(html, m.end(), end):
            out.append(html[pos:m.end()])  # unbalanced, or holding a section: kept
            pos = m.end()
            continue
        out.append(html[pos:m.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _element_end(html: str, tag: str, start: int) -> int | None:
    """Where the element whose start tag ends at ``start`` ends (after its end tag)."""
    depth = 1
    for m in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


# --- Material's search sections, without html.parser ------------------------------------------
#
# Material's search plugin splits each page into sections (one per heading with an id) with
# html.parser, in pure Python: at 1,000 sources that is a quarter of the build. `sections` gives
# the same sections for the well-formed HTML that Markdown and our templates write, with one
# regex per tag, and None for anything it does not cover (scripts, comments, unquoted odd
# attributes, a stray '<'): Material then parses that page itself. tests/test_search_index.py
# checks it against Material's parser on every page of a built site and on generated HTML.

# Elements whose content html.parser or Material treat specially, and Material's own markers
# ('<script>', '<title>', 'data-search-exclude', '<div class="linenodiv">'), looked for in the
# lower-cased page: a superset of what html.parser (which lower-cases tag and attribute names)
# treats so, and plain substring tests are far faster than one regex.
NOT_COVERED: tuple[str, ...] = (
    "<script", "<style", "<object", "<textarea", "<title", "<plaintext", "<xmp", "<iframe", "<noembed",
    "<noframes", "<noscript", "data-search-", "linenodiv")
# An end tag ('</h2>': group 1) or a start tag with quoted or plain attribute values
# ('<h2 id="key-points" class=x>', '<br/>': name, attributes, '/').
TAG: re.Pattern[str] = re.compile(
    r"""<(?:/([a-zA-Z][-a-zA-Z0-9:_.]*)\s*|([a-zA-Z][-a-zA-Z0-9:_.]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`/]+))?)*)\s*(/?))>""")
# One attribute of a start tag: 'id="key-points"' -> ('id', '"key-points"')
ATTRIBUTE: re.Pattern[str] = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`/]+))?""")
# Material's parser's lists: tags without content, tags kept in the index text.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
KEEP = frozenset("p code pre li ol ul sub sup".split())
HEADING_TAGS = frozenset(f"h{i}" for i in range(1, 7))


@dataclass
class Section:
    """What Material's search parser makes of a heading and the content up to the next one."""

    tag: str
    """The heading's tag, or 'hx' for the text before the first heading."""
    depth: float = 0
    id: str | None = None
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _attributes(raw: str) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for m in ATTRIBUTE.finditer(raw):
        value = m.group(2)
        if value is not None and value[:1] in "\"'" and value[:1] == value[-1:] and len(value) >= 2:
            value = value[1:-1]
        out[m.group(1).lower()] = html.unescape(value) if value else value
    return out


class _Sections:
    """Material's Parser (material/plugins/search/plugin.py), handler for handler."""

    def __init__(self) -> None:
        self.context: list[tuple[str, bool]] = []  # (tag, is a heading permalink)
        self.open: dict[str, int] = {}  # tag -> how many are open
        self.section: Section | None = None
        self.data: list[Section] = []

    def start(self, tag: str, raw_attrs: str) -> None:
        if tag in VOID:
            return
        # only headings' ids and links' classes matter here: other tags' attributes are not parsed
        attrs = _attributes(raw_attrs) if raw_attrs and (tag == "a" or tag in HEADING_TAGS) else {}
        self.context.append((tag, tag == "a" and attrs.get("class") == "headerlink"))
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in HEADING_TAGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section("hx", depth)
                self.data.append(self.section)
            self.section = Section(tag, depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        if tag in KEEP:
            self._target().append(f"<{tag}>")

    def _target(self) -> list[str]:
        assert self.section is not None
        return self.section.title if self.open.get(self.section.tag) else self.section.text

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1][0] != tag:
            return
        assert self.section is not None
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.open[tag] -= 1
        if tag in KEEP:
            data = self._target()
            # Material looks for the first such opening tag (ValueError when it is in the other
            # list) and drops it with what follows if that is only white space
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    data.append(f"</{tag}>")
                    break
            else:
                del data[index:]

    def text(self, data: str) -> None:
        if not self.open.get("pre"):
            data = data.replace("\n", " ") if not data.isspace() else " "
        if self.section is None:
            self.section = Section("hx")
            self.data.append(self.section)
        section = self.section
        if self.open.get(section.tag):
            if not any(permalink for _, permalink in self.context):
                section.title.append(html.escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or self.open.get("pre"):
                section.text.append(data)
        else:
            section.text.append(html.escape(data, quote=False))


def sections(page_html: str) -> list[Section] | None:
    """The sections Material's search parser finds in ``page_html``, or None where this port
    does not cover the HTML (Material should parse that page itself)."""
    low = page_html.lower()
    if any(marker in low for marker in NOT_COVERED):
        return None
    p = _Sections()
    start, end, text, unescape = p.start, p.end, p.text, html.unescape
    pos = 0
    try:
        for m in TAG.finditer(page_html):
            j = m.start()
            if j > pos:
                chunk = page_html[pos:j]
                if "<" in chunk:  # a '<' that starts no tag this port reads
                    return None
                text(unescape(chunk))
            closing, name, attrs, empty = m.groups()
            if closing is not None:
                end(closing.lower())
            else:
                name = name.lower()
                start(name, attrs)
                if empty:  # '<x/>': html.parser calls the end handler too
                    end(name)
            pos = m.end()
        if pos < len(page_html):
            chunk = page_html[pos:]
            if "<" in chunk:
                return None
            text(unescape(chunk))
    except ValueError:
        return None
    return p.data
