"""Glossary definitions written by contributors: one Markdown file per term.

``docs/glossary/<slug>.md``::

    ---
    term: Backdoor
    aliases: [backdoors, back door, security backdoors]
    related: [Encryption]
    source: https://example.org/backdoor
    ---
    A hidden way into a device or program that skips its normal security checks.

Errors (duplicate term or alias, an alias shared by two terms, an empty definition, a bad
source) name the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .frontmatter import read_front_matter, str_list
from .model import Problem
from .sources import WEB_URL, slugify

GLOSSARY_DIR = "glossary"
KNOWN_KEYS = ("term", "aliases", "related", "source", "slug")


@dataclass(frozen=True)
class Definition:
    term: str
    slug: str
    definition: str
    """The definition as the contributor wrote it (Markdown, raw HTML not allowed)."""
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source: str | None = None
    path: str = ""
    line: int = 1
    alias_line: int = 1

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass
class Glossary:
    definitions: list[Definition] = field(default_factory=list)

    def by_form(self) -> dict[str, Definition]:
        """Lower-cased term or alias -> its definition."""
        return {f.lower(): d for d in self.definitions for f in d.forms}

    def find(self, term: str) -> Definition | None:
        return self.by_form().get(term.lower())


def parse_definition(path: str, data: bytes) -> tuple[Definition | None, list[Problem]]:
    """One definition file; errors name the file and line."""
    got, out = read_front_matter(path, data, "a glossary entry", "term", KNOWN_KEYS, "the word or phrase defined")
    if got is None:
        return None, out
    fm, lines = got.data, got.lines
    term = str(fm["term"])
    aliases = str_list(fm.get("aliases"))
    related = str_list(fm.get("related"))
    if aliases is None:
        out.append(Problem(path, lines.get("aliases", 1), "aliases: must be a list of words or phrases"))
    if related is None:
        out.append(Problem(path, lines.get("related", 1), "related: must be a list of glossary terms"))
    source = fm.get("source")
    if source is not None and (not isinstance(source, str) or not WEB_URL.match(source.strip())):
        out.append(Problem(path, lines.get("source", 1), f"source: '{str(source)[:60]}' is not a web address"))
        source = None
    body, body_line = got.body, got.body_line
    if not body:
        out.append(Problem(path, body_line, f"the definition of '{term}' is empty (write it below the front matter)"))
    if any(p.level == "error" for p in out):
        return None, out
    slug = str(fm.get("slug") or slugify(term))
    return Definition(" ".join(term.split()), slug, body, tuple(aliases or ()), tuple(related or ()),
                      source.strip() if isinstance(source, str) else None, path, lines.get("term", 2),
                      lines.get("aliases", lines.get("term", 2))), out


def build_glossary(files: list[tuple[str, bytes]]) -> tuple[Glossary, list[Problem]]:
    """All definition files; duplicate terms and aliases are errors naming both files."""
    g = Glossary()
    problems: list[Problem] = []
    owner: dict[str, Definition] = {}
    for path, data in sorted(files):
        d, probs = parse_definition(path, data)
        problems.extend(probs)
        if d is None:
            continue
        clash = False
        for form in d.forms:
            key = form.lower()
            other = owner.get(key)
            if other is not None and other is not d:
                what = "term" if form == d.term else "alias"
                problems.append(Problem(d.path, d.line if what == "term" else d.alias_line,
                                        f"{what} '{form}' is already defined by {other.path} "
                                                        f"('{other.term}'); each term and alias belongs to one entry"))
                clash = True
        if len({f.lower() for f in d.forms}) < len(d.forms):
            problems.append(Problem(d.path, d.alias_line, f"'{d.term}' lists the same alias twice"))
            clash = True
        if clash:
            continue
        for form in d.forms:
            owner[form.lower()] = d
        g.definitions.append(d)
    terms = {d.term.lower() for d in g.definitions}
    for d in g.definitions:
        for r in d.related:
            if r.lower() not in owner:
                problems.append(Problem(d.path, d.line, f"related term '{r}' has no glossary entry", "warning"))
    slugs: dict[str, str] = {}
    for d in g.definitions:
        if d.slug in slugs:
            problems.append(Problem(d.path, d.line, f"slug '{d.slug}' is used by {slugs[d.slug]} too"))
        slugs[d.slug] = d.path
    _ = terms
    return g, problems


# Raw HTML is not allowed in definitions: '<' outside code is shown as text.
_CODE_OR_LT = re.compile(r"(`+)(.+?)\1|<", re.S)


def definition_markdown(d: Definition) -> str:
    """The definition's Markdown with raw HTML neutralised (``<`` becomes ``&lt;`` outside code)."""
    return _CODE_OR_LT.sub(lambda m: m.group(0) if m.group(1) else "&lt;", d.definition)


def definition_html(d: Definition) -> str:
    """The definition rendered from Markdown and sanitised (safe to insert anywhere)."""
    import markdown

    from .sanitize import sanitize

    return sanitize(markdown.markdown(definition_markdown(d), extensions=["abbr"], output_format="html"))


def definition_text(d: Definition) -> str:
    """One line of plain text, for tooltips."""
    from .sanitize import plain_text

    return plain_text(definition_html(d))
