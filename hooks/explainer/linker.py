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
# A tag or comment: '<a href="x">', '</p>', '<!-- c -->'
TAG: re.Pattern[str] = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
TAG_NAME: re.Pattern[str] = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
HEADING_ID: re.Pattern[str] = re.compile(r"""\sid=["']([^"']+)["']""")
# Words, for the linker's pre-check: 'Clean', '5G', 'U.S'
_WORDS: re.Pattern[str] = re.compile(r"[\w.'\u2019-]+")


@dataclass
class Linker:
    """Compiled once per build from all targets."""

    targets: list[Target]
    _by_form: dict[str, Target] = field(default_factory=dict, init=False, repr=False)
    _exact: dict[str, Target] = field(default_factory=dict, init=False, repr=False)
    _rx: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _first: frozenset[str] = field(default=frozenset(), init=False, repr=False)

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
        self._first = frozenset(re.split(r"\s+", f.strip())[0].lower()[:4] for f in forms if f.strip())
        if forms:
            forms = sorted(set(forms), key=lambda f: (-len(f), f))
            alts = "|".join(f"(?-i:{_form_pattern(f)})" if is_acronym(f) else _form_pattern(f) for f in forms)
            # word boundaries, and not inside a URL-ish or hyphenated word
            self._rx = re.compile(rf"(?<![\w/.@#-])(?:{alts})(?![\w/@-]|\.\w)", re.IGNORECASE)

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
        if self._rx is None:
            return []
        out = []
        for m in self._rx.finditer(text):
            t = self._target(m.group(0))
            if t is not None:
                out.append((m.start(), m.end(), t))
        return out

    def link(self, content: str, page_url: str) -> tuple[str, dict[str, int]]:
        """Link first mentions in an HTML fragment; returns the new HTML and hits per key."""
        if self._rx is None or not content:
            return content, {}
        out: list[str] = []
        hits: dict[str, int] = {}
        seen: set[str] = set()
        own: str | None = None
        stack: list[tuple[str, bool]] = []
        skipping = 0
        pos = 0
        for m in TAG.finditer(content):
            if m.start() > pos:
                text = content[pos:m.start()]
                out.append(text if skipping else self._link_text(text, page_url, seen, own, hits))
            tag = m.group(0)
            out.append(tag)
            pos = m.end()
            nm = TAG_NAME.match(tag)
            if not nm:
                continue
            closing, name = nm.group(1) == "/", nm.group(2).lower()
            if closing:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        skipping -= sum(flag for _, flag in stack[i:])
                        del stack[i:]
                        break
                continue
            if name in ("h1", "h2", "h3", "h4"):
                seen = set()  # a new section: first mentions count again
                hid = HEADING_ID.search(tag)
                own = hid.group(1) if hid else None
            if name in VOID_TAGS or tag.endswith("/>"):
                continue
            flag = name in SKIP_TAGS or (name == "span" and "ex-who" in tag)
            stack.append((name, flag))
            skipping += flag
        if pos < len(content):
            out.append(content[pos:] if skipping else self._link_text(content[pos:], page_url, seen, own, hits))
        return "".join(out), hits

    def _link_text(self, text: str, page_url: str, seen: set[str], own: str | None,
                   hits: dict[str, int]) -> str:
        assert self._rx is not None
        if not text.strip() or not any(w[:4].lower() in self._first for w in _WORDS.findall(text)):
            return text
        # work on unescaped text so '&amp;' never splits a word; re-escape what we emit
        raw = html.unescape(text)
        parts: list[str] = []
        pos = 0
        for m in self._rx.finditer(raw):
            t = self._target(m.group(0))
            if t is None or t.key in seen or (own and t.page_anchor == own):
                continue
            seen.add(t.key)
            hits[t.key] = hits.get(t.key, 0) + 1
            parts.append(html.escape(raw[pos:m.start()], quote=False))
            href = relative_url(page_url, t.url.split("#")[0], t.url.split("#")[1] if "#" in t.url else None)
            # Material puts the title into the tooltip as HTML: escape it twice.
            tip = html.escape(html.escape(t.tooltip, quote=True), quote=True)
            parts.append(f'<a class="ex-link ex-link--{t.kind}" href="{html.escape(href, quote=True)}" '
                         f'title="{tip}">{html.escape(m.group(0), quote=False)}</a>')
            pos = m.end()
        if not parts:
            return text
        parts.append(html.escape(raw[pos:], quote=False))
        return "".join(parts)
