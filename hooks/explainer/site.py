"""The site model: every source, its extraction, and the pages built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .entities import SECTIONS, Entity, entity_slug, members
from .extract import Extraction, extract_source
from .glossary import GLOSSARY_DIR, Definition, Glossary, build_glossary, definition_text
from .linker import Linker, Target
from .model import Problem, Source
from .quotes import Quote
from .sources import parse_source
from .urls import page_url

# The key under which the MkDocs hooks keep this build's model in the config.
STATE_KEY = "_explainer_site"

SOURCES_DIR = "sources"
_ = GLOSSARY_DIR


@dataclass(frozen=True)
class SourceInput:
    """A source file as the build found it."""

    path: str
    """For messages: 'docs/sources/x.md'."""
    src_uri: str
    """In the docs folder: 'sources/x.md'."""
    data: bytes


@dataclass(frozen=True)
class SiteSource:
    source: Source
    extraction: Extraction
    src_uri: str
    url: str

    @property
    def slug(self) -> str:
        return self.source.meta.slug


@dataclass(frozen=True)
class Place:
    """Where a quote stands: its source and the quote record."""

    source: SiteSource
    quote: Quote


@dataclass
class Statement:
    """One statement for the who-said-what table: repeats by the same speaker merged."""

    speaker: str | None
    speaker_kind: str | None
    text: str
    kind: str
    roles: list[str] = field(default_factory=list)
    vias: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@dataclass(frozen=True)
class Appearance:
    """A sentence that uses a glossary term: where, and the matched words' offsets."""

    source: SiteSource
    sentence_id: str
    text: str
    start: int
    """Offsets of the match within ``text`` (the sentence)."""
    end: int


@dataclass(frozen=True)
class SiteModel:
    sources: tuple[SiteSource, ...]
    use_directory_urls: bool = True
    glossary: Glossary = field(default_factory=Glossary)

    @cached_property
    def glossary_targets(self) -> list[Target]:
        url = "glossary/"
        return [Target(f"term:{d.slug}", d.forms, f"{url}#{d.slug}", definition_text(d), "term", d.slug)
                for d in self.glossary.definitions]

    @cached_property
    def linker(self) -> Linker:
        """The one linker for every page: glossary terms (initiatives and entities join later)."""
        return Linker(self.glossary_targets)

    @cached_property
    def appearances(self) -> dict[str, list[Appearance]]:
        """Glossary slug -> every sentence that uses the term, in source order."""
        only = Linker(self.glossary_targets)
        out: dict[str, list[Appearance]] = {d.slug: [] for d in self.glossary.definitions}
        for src in self.by_date():
            for s in src.extraction.document.sentences:
                for a, b, t in only.find_all(s.text):
                    out[t.key.split(":", 1)[1]].append(Appearance(src, s.id, s.text, a, b))
        return out

    def missing_terms(self) -> list[tuple[str, int, list[tuple[SiteSource, str]]]]:
        """Candidates no glossary entry covers: (term, sentences, places), most used first."""
        forms = {f.lower() for d in self.glossary.definitions for f in d.forms}
        forms |= {f.lower().rstrip("s") for f in forms}
        agg: dict[str, tuple[str, list[tuple[SiteSource, str]]]] = {}
        for src in self.sources:
            for t in src.extraction.terms:
                key = t.term.lower()
                if key in forms or key.rstrip("s") in forms:
                    continue
                shown, places = agg.setdefault(key, (t.term, []))
                places.extend((src, sid) for sid in t.sentences)
        out = [(shown, len(places), places) for shown, places in agg.values()]
        return sorted(out, key=lambda x: (-x[1], x[0].lower()))

    def terms_in(self, src: SiteSource) -> list[tuple[Definition, int]]:
        """Glossary entries a source uses, with how many sentences use them."""
        out = []
        for d in self.glossary.definitions:
            n = len({a.sentence_id for a in self.appearances[d.slug] if a.source is src})
            if n:
                out.append((d, n))
        return sorted(out, key=lambda x: x[0].term.lower())

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.use_directory_urls)

    @cached_property
    def places(self) -> list[Place]:
        """Every quote on the site, by source date then position."""
        return [Place(s, q) for s in self.by_date() for q in s.extraction.quotes]

    @cached_property
    def statements(self) -> list[Statement]:
        merged: dict[tuple[str, str], Statement] = {}
        for p in self.places:
            q = p.quote
            key = (q.speaker or f"~{q.speaker_role or ''}", _norm(q.text))
            st = merged.get(key)
            if st is None:
                st = merged[key] = Statement(q.speaker, q.speaker_kind, q.text, q.kind)
            if q.speaker_role and q.speaker_role not in st.roles:
                st.roles.append(q.speaker_role)
            if q.via and q.via not in st.vias:
                st.vias.append(q.via)
            if q.kind == "direct" and st.kind != "direct":
                st.kind = "direct"
            st.places.append(p)
        return list(merged.values())

    @cached_property
    def entities(self) -> dict[tuple[str, str], Entity]:
        """Speakers with a page, keyed by (kind, canonical name); slugs unique per section."""
        found: dict[tuple[str, str], Entity] = {}
        for p in self.places:
            for name, kind in members(p.quote):
                e = found.setdefault((kind, name), Entity(name, kind, ""))
                role = p.quote.speaker_role
                if role and p.quote.speaker_kind != "group" and role not in e.roles:
                    e.roles.append(role)
        taken: dict[str, set[str]] = {sec: set() for sec in SECTIONS.values()}
        for key in sorted(found):
            e = found[key]
            base = entity_slug(e.name)
            slug, n = base, 1
            while slug in taken[e.section] or slug == "index":
                n += 1
                slug = f"{base}-{n}"
            taken[e.section].add(slug)
            e.slug = slug
        return found

    def entity(self, name: str, kind: str) -> Entity | None:
        return self.entities.get((kind, name))

    def entity_places(self, e: Entity) -> list[Place]:
        return [p for p in self.places if (e.name, e.kind) in members(p.quote)]

    def by_date(self) -> list[SiteSource]:
        """Newest first; undated last, then by title."""
        return sorted(self.sources, key=lambda s: (s.source.meta.published is None,
                                                   -(s.source.meta.published.toordinal()
                                                     if s.source.meta.published else 0),
                                                   s.source.meta.title.lower()))


@lru_cache(maxsize=2048)
def _analyse(path: str, data: bytes) -> tuple[Source | None, Extraction | None, tuple[Problem, ...]]:
    """Parse and extract one file. Cached by content: results are immutable."""
    src, problems = parse_source(path, data)
    if src is None:
        return None, None, tuple(problems)
    ex = extract_source(src)
    return src, ex, tuple(problems) + ex.problems


def build_site_model(inputs: list[SourceInput], *, use_directory_urls: bool = True,
                     glossary_files: list[tuple[str, bytes]] | None = None) -> tuple[SiteModel, list[Problem]]:
    """Analyse every source and read the glossary; errors (bad files, duplicate slugs or
    terms) come back as problems."""
    glossary, problems = build_glossary(glossary_files or [])
    out: list[SiteSource] = []
    seen: dict[str, str] = {}
    for inp in sorted(inputs, key=lambda i: i.src_uri):
        src, ex, probs = _analyse(inp.path, inp.data)
        problems.extend(probs)
        if src is None or ex is None:
            continue
        slug = src.meta.slug
        if slug in seen:
            problems.append(Problem(inp.path, None, f"duplicate slug '{slug}': {seen[slug]} has it too "
                                                    "(rename one of the files)"))
            continue
        seen[slug] = inp.path
        uri = f"{SOURCES_DIR}/{slug}.md"
        out.append(SiteSource(src, ex, uri, page_url(uri, use_directory_urls)))
    return SiteModel(tuple(out), use_directory_urls, glossary), problems
