"""One linker for glossary terms, initiatives and entities: it links the first mention of
each target per page section and gives it a tooltip.

Rules: case-insensitive for words, exact for acronyms (5G, ICT); aliases, plurals and
possessives; the longest match wins ("Clean Network Initiative" over "network"); word
boundaries are respected (no match in "networking" or inside a URL). It never links inside
links, code, headings, buttons, form fields, scripts or attributes, and never a term on its
own glossary entry. The tooltip text is escaped for Material, which inserts it as HTML.

Does not cover: inflections beyond -s/-es/'s (no "surveilled" for "surveillance").
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .sanitize import tooltip_attr
from .urls import relative_url


@dataclass(frozen=True)
class Target:
    """Something to link to."""

    key: str
    """Unique id, e.g. 'term:backdoor' or 'initiative:clean-network'."""
    forms: tuple[str, ...]
    url: str
    """Site-relative URL with anchor: 'glossary/#backdoor'."""
    tooltip: str
    kind: str = "term"
    page_anchor: str | None = None
    """The heading id of the target's own entry (no self-links in that section)."""


def is_acronym(form: str) -> bool:
    """'5G', 'ICT', 'IEEPA', 'U.S.' match exactly; words match in any case."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or any(c.isdigit() for c in form)) and " " not in form


def _form_pattern(form: str) -> str:
    words = [re.escape(w) for w in form.split()]
    body = r"\s+".join(words)
    if is_acronym(form):
        return body + r"(?:s|['\u2019]s)?"
    return body + r"(?:s|es|['\u2019]s?)?"


# Tags whose text is never linked.
SKIP_TAGS = frozenset("a code pre kbd samp script style textarea button select option label svg math "
                      "h1 h2 h3 h4 h5 h6 abbr title time var figcaption dt th".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HEADING_ID: re.Pattern[str] = re.compile(r"""\sid=["']([^"']+)["']""")
# The first (up to) four characters of each word, for the linker's pre-check: 'Clea', '5G', 'U.S'
_WORD_HEADS: re.Pattern[str] = re.compile(r"(?<![\w.'\u2019-])[\w.'\u2019-]{1,4}")
# A tag or comment; a tag's closing slash and name in the same match: '</p>' -> ('/', 'p');
# comments and odd tags ('<!-- c -->', '<!doctype html>') match without a name.
TOKEN: re.Pattern[str] = re.compile(r"<!--.*?-->|<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<[^>]*>", re.S)
HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
# Where a form may begin: a non-space not preceded by a word or URL-ish character
# ('C' in ' Clean', not 'l' in 'Clean' nor 'x' in '/x'); the same test as the pattern's lookbehind.
FORM_START: re.Pattern[str] = re.compile(r"(?<![\w/.@#-])\S")
# Forms are looked up by the first (up to) three characters of their first word.
PREFIX = 3
# What may follow a form: not a word, URL-ish character or '.x' ('Huawei,' yes; 'Huaweis2' no).
FORM_END = r"(?![\w/@-]|\.\w)"


class _Forms:
    r"""Finds forms the way one big alternation regex would (same matches, same order), but
    without trying every alternative at every position: a dict from the lower-cased first
    characters of a form to the forms starting so, each compiled alone.

    ``(?<![\w/.@#-])(?:long form|shorter form|...)(?![\w/@-]|\.\w)`` tries each alternative
    in turn at each position, which costs ~1 us per character with 300 forms; here only the
    few forms sharing a text position's first characters are tried, longest first.
    """

    def __init__(self, forms: list[str]) -> None:
        # forms in alternation order: longest first (the pattern's rule for overlaps)
        self._by_prefix: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
        self._lengths: tuple[int, ...] = ()
        lengths: set[int] = set()
        for i, f in enumerate(forms):
            alt = f"(?-i:{_form_pattern(f)})" if is_acronym(f) else _form_pattern(f)
            rx = re.compile(f"(?:{alt}){FORM_END}", re.IGNORECASE)
            first = f.split()[0]
            key = first[:PREFIX].lower()
            if len(key) != len(first[:PREFIX]):  # lower() changed the length ('İ'): use the whole form
                key = first.lower()
            lengths.add(len(key))
            self._by_prefix.setdefault(key, []).append((i, rx))
        self._lengths = tuple(sorted(lengths))

    def finditer(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, left to right, non-overlapping."""
        out: list[tuple[int, int]] = []
        end = 0
        by_prefix, lengths = self._by_prefix, self._lengths
        for m in FORM_START.finditer(text):
            p = m.start()
            if p < end:
                continue
            cands: list[tuple[int, re.Pattern[str]]] = []
            for k in lengths:
                c = by_prefix.get(text[p:p + k].lower())
                if c:
                    cands.extend(c)
            if not cands:
                continue
            if len(cands) > 1:
                cands.sort(key=lambda c: c[0])
            for _, rx in cands:
                mm = rx.match(text, p)
                if mm:
                    end = mm.end()
                    out.append((p, end))
                    break
        return out


@dataclass
class Linker:
    """Compiled once per build from all targets."""

    targets: list[Target]
    _by_form: dict[str, Target] = field(default_factory=dict, init=False, repr=False)
    _exact: dict[str, Target] = field(default_factory=dict, init=False, repr=False)
    _first: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _forms: _Forms | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        forms: list[str] = []
        for t in self.targets:
            for f in t.forms:
                f = " ".join(f.split())
                if not f:
                    continue
                if is_acronym(f):
                    self._exact.setdefault(f, t)
                else:
                    self._by_form.setdefault(f.lower(), t)
                forms.append(f)
        # first words of every form: a text with none of them cannot match (a cheap pre-check)
        heads = [re.split(r"\s+", f.strip())[0] for f in forms if f.strip()]
        self._first = frozenset([h.lower()[:4] for h in heads] + [h[:4].lower() for h in heads])
        if forms:
            forms = sorted(set(forms), key=lambda f: (-len(f), f))
            self._forms = _Forms(forms)

    def _target(self, matched: str) -> Target | None:
        norm = " ".join(matched.split())
        if norm in self._exact:
            return self._exact[norm]
        base = re.sub(r"(?:['\u2019]s?)$", "", norm)
        for cand in (norm, base, base[:-1] if base.endswith("s") else None, base[:-2] if base.endswith("es") else None):
            if cand is None:
                continue
            if cand in self._exact:
                return self._exact[cand]
            t = self._by_form.get(cand.lower())
            if t is not None:
                return t
        return None

    def find_all(self, text: str) -> list[tuple[int, int, Target]]:
        """Every match in plain text (not only first mentions): (start, end, target)."""
        if self._forms is None:
            return []
        out = []
        for a, b in self._forms.finditer(text):
            t = self._target(text[a:b])
            if t is not None:
                out.append((a, b, t))
        return out

    def link(self, content: str, page_url: str) -> tuple[str, dict[str, int]]:
        """Link first mentions in an HTML fragment; returns the new HTML and hits per key."""
        if self._forms is None or not content:
            return content, {}
        out: list[str] = []
        hits: dict[str, int] = {}
        seen: set[str] = set()
        own: str | None = None
        stack: list[tuple[str, bool]] = []
        skipping = 0
        pos = 0  # end of the last tag
        kept = 0  # content[kept:pos] is unchanged and not yet in out
        link_text = self._link_text
        for m in TOKEN.finditer(content):
            start, end = m.span()
            if start > pos and not skipping:
                text = content[pos:start]
                if not text.isspace():
                    linked = link_text(text, page_url, seen, own, hits)
                    if linked is not text:
                        out.append(content[kept:pos])
                        out.append(linked)
                        kept = start
            pos = end
            closing, name = m.groups()
            if name is None:
                continue
            name = name.lower()
            if closing:  # pop to the matching opening tag, if any
                if stack and stack[-1][0] == name:
                    skipping -= stack.pop()[1]
                    continue
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        skipping -= sum(flag for _, flag in stack[i:])
                        del stack[i:]
                        break
                continue
            if name in HEADINGS:
                seen = set()  # a new section: first mentions count again
                hid = HEADING_ID.search(content, start, pos)
                own = hid.group(1) if hid else None
            if name in VOID_TAGS or content[pos - 2] == "/":
                continue
            flag = name in SKIP_TAGS or (name == "span" and "ex-who" in content[start:pos])
            stack.append((name, flag))
            skipping += flag
        if pos < len(content) and not skipping:
            text = content[pos:]
            linked = link_text(text, page_url, seen, own, hits)
            if linked is not text:
                out.append(content[kept:pos])
                out.append(linked)
                kept = len(content)
        if not out:
            return content, hits
        out.append(content[kept:])
        return "".join(out), hits

    def _link_text(self, text: str, page_url: str, seen: set[str], own: str | None,
                   hits: dict[str, int]) -> str:
        assert self._forms is not None
        if self._first.isdisjoint(map(str.lower, _WORD_HEADS.findall(text))):
            return text
        # work on unescaped text so '&amp;' never splits a word; re-escape what we emit
        raw = html.unescape(text)
        parts: list[str] = []
        pos = 0
        for a, b in self._forms.finditer(raw):
            matched = raw[a:b]
            t = self._target(matched)
            if t is None or t.key in seen or (own and t.page_anchor == own):
                continue
            seen.add(t.key)
            hits[t.key] = hits.get(t.key, 0) + 1
            parts.append(html.escape(raw[pos:a], quote=False))
            href = relative_url(page_url, t.url.split("#")[0], t.url.split("#")[1] if "#" in t.url else None)
            parts.append(f'<a class="ex-link ex-link--{t.kind}" href="{html.escape(href, quote=True)}" '
                         f'title="{tooltip_attr(t.tooltip)}">{html.escape(matched, quote=False)}</a>')
            pos = b
        if not parts:
            return text
        parts.append(html.escape(raw[pos:], quote=False))
        return "".join(parts)
