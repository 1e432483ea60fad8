"""The site model: every source, its extraction, and the pages built from them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from functools import cached_property, lru_cache
from typing import Any

from .entities import SECTIONS, Entity, entity_aliases, entity_kind, entity_slug, members
from .extract import Extraction, extract_source
from .curated import CuratedInitiative, parse_curated
from .dates import DateRef
from .diskcache import MISS, DiskCache, WorkCache, cache_key
from .glossary import Definition, Glossary, build_glossary, definition_text
from .initiatives import Initiative, Mention, name_key
from .linker import Linker, Target
from .render_text import format_date_ref
from .model import Problem, Source
from .quotes import Quote
from .sources import parse_source
from .urls import page_url

# The key under which the MkDocs hooks keep this build's model in the config.
STATE_KEY = "_explainer_site"

SOURCES_DIR = "sources"
# The who-said-what table is one page up to this many statements (the seed article has ~30).
# Beyond, it becomes a page per month of publication (quotes/2021-03.md, quotes/undated.md)
# and quotes/index.md lists the months and the speakers: one table of 2,241 statements cost a
# phone-class browser 4.7 s of blocked main thread, and every edit rebuilt all of it.
QUOTES_ONE_PAGE_MAX = 400
# The glossary lists at most this many sentences under each entry (the newest); a term used
# more often gets a page of its own with all of them (glossary/<slug>.md): at 1,000 sources
# the glossary listed 8,000 sentences (2 MB) and took 1.4 s of a phone's main thread.
GLOSSARY_SENTENCES_SHOWN = 10


@dataclass(frozen=True)
class SourceInput:
    """A source file as the build found it."""

    path: str
    """For messages: 'docs/sources/x.md'."""
    src_uri: str
    """In the docs folder: 'sources/x.md'."""
    data: bytes


@dataclass(frozen=True, eq=False)
class SiteSource:
    """One analysed source in the site. The same file (same bytes, same place) gives the same
    object in every build of a process, so what is derived from it alone is computed once
    (the cached properties below) across `mkdocs serve` rebuilds."""

    source: Source
    extraction: Extraction
    src_uri: str
    url: str
    digest: str = ""
    """sha256 of the file's bytes: what its page was made from."""

    @property
    def slug(self) -> str:
        return self.source.meta.slug

    @cached_property
    def card(self) -> tuple[str, str, str | None, str | None]:
        """(url, title, publisher, published): what other pages show of this source."""
        m = self.source.meta
        return (self.url, m.title, m.publisher, m.published.isoformat() if m.published else None)

    @cached_property
    def sentence_texts(self) -> dict[str, str]:
        return {s.id: s.text for s in self.extraction.document.sentences}

    @cached_property
    def places(self) -> tuple[Place, ...]:
        return tuple(Place(self, q) for q in self.extraction.quotes)

    @cached_property
    def named(self) -> tuple[tuple[str, str, str], ...]:
        """(entity kind, name, sentence id) of each sentence naming a person, organisation or
        country, once per sentence, in text order."""
        doc = self.extraction.document
        out: dict[tuple[str, str, str], None] = {}
        for a, _, name, kind in self.extraction.mentions:
            s = doc.sentence_at(a)
            if s is not None:
                out.setdefault((entity_kind(name, kind), name, s.id))
        return tuple(out)

    @cached_property
    def entity_slices(self) -> dict[tuple[str, str], str]:
        """(kind, name) -> digest of what this source shows of that entity (its quotes here, the
        sentences naming it): the part of an entity page that comes from this source."""
        parts: dict[tuple[str, str], list[Any]] = {}
        for q in self.extraction.quotes:
            for name, kind in members(q):
                parts.setdefault((kind, name), []).append(q)
        for kind, name, sid in self.named:
            parts.setdefault((kind, name), []).append((sid, self.sentence_texts[sid]))
        return {k: _digest(self.card, v) for k, v in parts.items()}

    @cached_property
    def quotes_digest(self) -> str:
        return _digest(self.card, self.extraction.quotes)

    @cached_property
    def initiatives_digest(self) -> str:
        """What initiative pages show from this source: its findings, the sentences naming the
        initiatives, the quotes about them."""
        ex = self.extraction
        texts = [_texts(self, [m.sentence for m in ini.mentions]) for ini in ex.initiatives]
        return _digest(self.card, ex.initiatives, texts, [q for q in ex.quotes if q.about])

    @cached_property
    def timeline_digest(self) -> str:
        ex = self.extraction
        return _digest(self.card, ex.dates, [(i.name, i.announced) for i in ex.initiatives])


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


@dataclass
class QuoteMonth:
    """One page of the who-said-what table when it is split by month of publication."""

    slug: str  # "2021-03", or "undated"
    month: dt.date | None  # the first day of the month
    statements: list[Statement]

    @property
    def src_uri(self) -> str:
        return f"quotes/{self.slug}.md"


def _same_date(a: DateRef, b: DateRef) -> bool:
    """Equal at the coarser of the two precisions: 2020-08 and 2020-08-05 agree."""
    order = {"year": 0, "month": 1, "week": 2, "day": 3}
    p = a.precision if order[a.precision] <= order[b.precision] else b.precision
    if p == "year":
        return a.date.year == b.date.year
    if p == "month":
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    if p == "week":
        return abs((a.date - b.date).days) < 7
    return a.date == b.date


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


@dataclass
class SiteInitiative:
    """One initiative across the site: curated page and every source's extraction merged."""

    slug: str
    name: str
    kind: str = "initiative"
    aliases: list[str] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)
    curated: CuratedInitiative | None = None
    found: list[tuple[SiteSource, Initiative]] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"initiatives/{self.slug}.md"

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def proponents(self) -> list[tuple[str, SiteSource | None, str | None]]:
        """(name, source, sentence id); the curated one first, without a source."""
        out: list[tuple[str, SiteSource | None, str | None]] = []
        if self.curated and self.curated.proponent:
            out.append((self.curated.proponent, None, None))
        for src, ini in self.found:
            if ini.proponent:
                out.append((ini.proponent.value, src, ini.proponent.sentence))
        return out

    def dates(self) -> list[tuple[DateRef, SiteSource | None, str | None]]:
        out: list[tuple[DateRef, SiteSource | None, str | None]] = []
        if self.curated and self.curated.announced:
            out.append((self.curated.announced, None, None))
        for src, ini in self.found:
            if ini.announced:
                out.append((ini.announced.value, src, ini.announced.sentence))
        return out

    def provisions(self) -> list[tuple[str, SiteSource | None, str | None]]:
        out: list[tuple[str, SiteSource | None, str | None]] = []
        if self.curated:
            out.extend((p, None, None) for p in self.curated.provisions)
        for src, ini in self.found:
            out.extend((p.value, src, p.sentence) for p in ini.provisions)
        return out

    def mentions(self) -> list[tuple[SiteSource, Mention]]:
        return [(src, m) for src, ini in self.found for m in ini.mentions]


@dataclass
class Event:
    """A dated event for the timeline."""

    date: DateRef
    what: str
    source: SiteSource | None
    sentence: str | None
    kind: str = "event"
    """event | announcement | publication | background"""
    initiative: str | None = None


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
    curated: tuple[CuratedInitiative, ...] = ()
    work: WorkCache | None = field(default=None, compare=False, repr=False)
    """Where glossary scans of the sources are kept between builds (None: no cache)."""

    @cached_property
    def initiatives(self) -> list[SiteInitiative]:
        """Curated pages first, then every extracted initiative, merged by name and alias."""
        out: list[SiteInitiative] = []
        by_key: dict[tuple[str, ...], SiteInitiative] = {}

        def register(si: SiteInitiative, forms: list[str]) -> None:
            for f in forms:
                k = name_key(f)
                if k:
                    si.keys.add(k)
                    by_key.setdefault(k, si)

        for c in self.curated:
            si = SiteInitiative(c.slug, c.name, "initiative", list(c.aliases), curated=c)
            register(si, [c.name, *c.aliases])
            out.append(si)
        for src in self.by_date()[::-1]:
            for ini in src.extraction.initiatives:
                forms = [ini.name, *ini.aliases]
                known = next((by_key[name_key(f)] for f in forms if name_key(f) in by_key), None)
                if known is None:
                    si = SiteInitiative("", ini.name, ini.kind)
                    out.append(si)
                else:
                    si = known
                for f in forms:
                    if f.lower() != si.name.lower() and f.lower() not in (a.lower() for a in si.aliases):
                        si.aliases.append(f)
                register(si, forms)
                si.found.append((src, ini))
        taken: set[str] = set()
        for si in out:
            base = si.slug or entity_slug(si.name)
            slug, n = base, 1
            while slug in taken or slug == "index":
                n += 1
                slug = f"{base}-{n}"
            si.slug = slug
            taken.add(slug)
        return out

    def initiative_by_name(self, name: str) -> SiteInitiative | None:
        k = name_key(name)
        return next((si for si in self.initiatives if k in si.keys), None)

    def responds_to(self, si: SiteInitiative) -> list[tuple[SiteInitiative, SiteSource | None, str | None]]:
        out: list[tuple[SiteInitiative, SiteSource | None, str | None]] = []
        if si.curated and si.curated.responds_to:
            other = self.initiative_by_name(si.curated.responds_to)
            if other is not None and other is not si:
                out.append((other, None, None))
        for src, ini in si.found:
            names = {i.key: i for i in src.extraction.initiatives}
            for r in ini.relations:
                target = names.get(r.value[1])
                other = self.initiative_by_name(target.name) if target else None
                if other is not None and other is not si and not any(o[0] is other and o[1] is src for o in out):
                    out.append((other, src, r.sentence))
        return out

    def responded_by(self, si: SiteInitiative) -> list[tuple[SiteInitiative, SiteSource | None, str | None]]:
        return [(o, src, sid) for o in self.initiatives for t, src, sid in self.responds_to(o) if t is si]

    def contradictions(self) -> list[Problem]:
        """Curated dates that disagree with what a source says (both are shown on the page)."""
        out = []
        for si in self.initiatives:
            c = si.curated
            if not c or not c.announced:
                continue
            for d, src, sid in si.dates():
                if src is None or _same_date(c.announced, d):
                    continue
                line = src.source.lines.line_of(next(s.start for s in src.extraction.document.sentences if s.id == sid))
                out.append(Problem(c.path, c.line("announced"),
                                   f"announced: {c.announced.iso()} here, but {src.source.path}:{line} says "
                                   f"{d.iso()} ('{d.text}'); both are shown on the page", "warning"))
        return out

    @cached_property
    def timeline(self) -> list[Event]:
        events: list[Event] = []
        for si in self.initiatives:
            if si.curated and si.curated.announced:
                events.append(Event(si.curated.announced, f"{si.name} announced (background)", None, None,
                                    "background", si.slug))
        for src in self.sources:
            m = src.source.meta
            if m.published:
                events.append(Event(DateRef(0, 0, m.published.isoformat(), m.published, "day"),
                                    f"{m.publisher or 'A source'} publishes \u201c{m.title}\u201d", src, None,
                                    "publication"))
            ann: dict[str, str] = {}
            for ini in src.extraction.initiatives:
                if ini.announced:
                    ann.setdefault(ini.announced.sentence, ini.name)
            texts = {s.id: s.text for s in src.extraction.document.sentences}
            for sid, d in src.extraction.dates:
                ini_name = ann.get(sid)
                named = self.initiative_by_name(ini_name) if ini_name else None
                events.append(Event(d, texts[sid], src, sid, "announcement" if ini_name else "event",
                                    named.slug if named else None))
        return sorted(events, key=lambda e: (e.date.date, {"year": 0, "month": 1, "week": 2, "day": 3}[e.date.precision],
                                             e.kind != "background", e.what))

    @cached_property
    def glossary_targets(self) -> list[Target]:
        url = "glossary/"
        return [Target(f"term:{d.slug}", d.forms, f"{url}#{d.slug}", definition_text(d), "term", d.slug)
                for d in self.glossary.definitions]

    @cached_property
    def linker(self) -> Linker:
        """The one linker for every page: glossary terms, initiatives, then entities."""
        targets = list(self.glossary_targets)
        for si in self.initiatives:
            who = _short_list([p[0] for p in si.proponents()], curated=bool(si.curated and si.curated.proponent)) \
                or "unknown"
            when = _short_list([format_date_ref(d) for d, _, _ in si.dates()], limit=1,
                               curated=bool(si.curated and si.curated.announced), more="other dates")
            kind = "Law" if si.kind == "law" else "Initiative"
            tip = f"{kind}: {si.name}." + (f" Proposed by {who}." if si.kind != "law" else "") + \
                (f" Announced {when}." if when else "")
            targets.append(Target(f"initiative:{si.slug}", si.forms, self.url(si.src_uri), tip, "initiative"))
        for e in self.entities.values():
            forms = [e.name, *entity_aliases(e.name, e.kind)]
            label = {"person": "Person", "org": "Organisation", "country": "Country"}[e.kind]
            tip = f"{label}: {e.name}" + (f" ({'; '.join(e.roles[:2])})" if e.roles else "")
            targets.append(Target(f"{e.kind}:{e.slug}", tuple(forms), self.url(e.src_uri), tip, e.kind))
        return Linker(targets)

    @property
    def appearances(self) -> dict[str, list[Appearance]]:
        """Glossary slug -> every sentence that uses the term, in source order."""
        return self._glossary_index[0]

    @cached_property
    def _glossary_index(self) -> tuple[dict[str, list[Appearance]], dict[str, dict[str, set[str]]]]:
        out: dict[str, list[Appearance]] = {d.slug: [] for d in self.glossary.definitions}
        by_source: dict[str, dict[str, set[str]]] = {}
        for src in self.by_date():
            apps, used, _ = self._terms[src.src_uri]
            by_source[src.src_uri] = used
            for slug, app in apps:
                out[slug].append(app)
        return out, by_source

    @cached_property
    def _glossary_target_set(self) -> tuple[TargetSet, str]:
        targets = tuple(self.glossary_targets)
        return _target_set(targets), _digest(targets)

    @cached_property
    def _terms(self) -> dict[str, tuple[list[tuple[str, Appearance]], dict[str, set[str]], str]]:
        """``_source_terms`` of each source by src_uri, its scan taken from this process's memo or
        the work cache when a previous build made it (scanning a thousand sources for every
        glossary term costs a second)."""
        targets, targets_digest = self._glossary_target_set
        out = {}
        for src in self.sources:
            if self.work is None:
                out[src.src_uri] = _source_terms(src, targets)
                continue
            key = cache_key("terms", code_version(), src.src_uri, src.digest, targets_digest)
            self.work.keep(key)  # a full build keeps what it used, even from the memo
            out[src.src_uri] = _source_terms(src, targets, _found_terms(src, targets, key, _Passed(self.work)))
        return out

    def appearances_listed(self, d: Definition) -> list[Appearance]:
        """The sentences the glossary page lists under an entry: the newest few."""
        return self.appearances[d.slug][:GLOSSARY_SENTENCES_SHOWN]

    def term_pages(self) -> list[Definition]:
        """The glossary entries used in more sentences than the glossary page lists."""
        return [d for d in self.glossary.definitions if len(self.appearances[d.slug]) > GLOSSARY_SENTENCES_SHOWN]

    @staticmethod
    def term_page_uri(d: Definition) -> str:
        """glossary/<slug>.md ('index' is the glossary page itself)."""
        return f"glossary/{d.slug}.md" if d.slug != "index" else f"glossary/{d.slug}-term.md"

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
        used = self._terms_by_source.get(src.src_uri, {})
        out = [(d, len(used[d.slug])) for d in self.glossary.definitions if d.slug in used]
        return sorted(out, key=lambda x: x[0].term.lower())

    @property
    def _terms_by_source(self) -> dict[str, dict[str, set[str]]]:
        """Source page -> glossary slug -> ids of the sentences using the term."""
        return self._glossary_index[1]

    # Keys: digests of what a generated page is made from. Equal keys mean equal pages, so a
    # rebuild can skip rendering (and MkDocs can skip building) the pages whose key is unchanged.

    @cached_property
    def quotes_key(self) -> str:
        """What the exports and the one-page quotes table show: each source's card and quotes,
        and (for the speakers' links) where every entity lives."""
        return _digest([s.quotes_digest for s in self.sources], self.link_digest)

    def quote_month_key(self, qm: QuoteMonth) -> str:
        """What one month's quotes page shows: its statements with the quote records and the
        sources (cards) they stand in, where the entities live, and the other months (its links
        to the newer and older ones). Not the rest of those sources: a quote added to a source
        rebuilds the month it lands in, not every month sharing a statement with that source."""
        rows = [(st.speaker, st.speaker_kind, st.text, st.kind, st.roles, st.vias,
                 [(p.source.card, p.quote) for p in st.places]) for st in qm.statements]
        return _digest(qm.slug, rows, self.link_digest, [m.slug for m in self.quote_months])

    @cached_property
    def timeline_key(self) -> str:
        """What the timeline shows: cards, dates, initiative names and announcements."""
        return _digest(self.curated, [s.timeline_digest for s in self.sources],
                       [(si.name, si.slug) for si in self.initiatives])

    @cached_property
    def glossary_key(self) -> str:
        """What the glossary page shows: the entries and every sentence using them."""
        return _digest(self.glossary.definitions, [self._terms[s.src_uri][2] for s in self.sources])

    @cached_property
    def initiatives_key(self) -> str:
        """What the initiative pages show: curated pages, each source's findings and the
        sentences they stand in, and the quotes about initiatives."""
        per = [(si.name, si.slug, si.kind, [(src.src_uri, ini.name) for src, ini in si.found])
               for si in self.initiatives]
        return _digest(self.curated, per, [s.initiatives_digest for s in self.sources])

    @cached_property
    def link_digest(self) -> str:
        """Where every entity, initiative and glossary entry lives, and which initiative each
        source's finding belongs to: what a source page needs from the rest of the site."""
        return _digest(sorted((k, e.slug) for k, e in self.entities.items()),
                       [(si.slug, si.name, [(src.src_uri, ini.name) for src, ini in si.found]) for si in self.initiatives],
                       [(d.term, d.slug) for d in self.glossary.definitions])

    @cached_property
    def work_salt(self) -> str:
        """What linking and search sections depend on besides a page's HTML: the library's code
        and the linker's vocabulary (a prefix for keys of cached page work, and part of every
        page's incremental key)."""
        return _digest(code_version(), repr(self.linker.targets))

    def digest(self, *parts: Any) -> str:
        """A key for a page made from ``parts`` (plain data) and the site's URL style."""
        return _digest(self.use_directory_urls, parts)

    def entity_key(self, e: Entity) -> str:
        """What an entity's page shows: its quotes, the sentences naming it, its initiatives."""
        key = (e.kind, e.name)
        return _digest(e, [src.entity_slices[key] for src in self._entity_sources.get(key, [])],
                       [(si.name, si.slug, how) for si, how in self.entity_initiatives(e)])

    @cached_property
    def _entity_sources(self) -> dict[tuple[str, str], list[SiteSource]]:
        out: dict[tuple[str, str], list[SiteSource]] = {}
        for src in self.by_date():
            for key in src.entity_slices:
                out.setdefault(key, []).append(src)
        return out

    def initiatives_in(self, src: SiteSource) -> list[tuple[SiteInitiative, Initiative]]:
        """The site's initiatives one source names, with what that source says of each."""
        return self._initiatives_by_source.get(src.src_uri, [])

    @cached_property
    def _initiatives_by_source(self) -> dict[str, list[tuple[SiteInitiative, Initiative]]]:
        out: dict[str, list[tuple[SiteInitiative, Initiative]]] = {}
        for si in self.initiatives:
            for src, ini in si.found:
                out.setdefault(src.src_uri, []).append((si, ini))
        return out

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.use_directory_urls)

    @cached_property
    def places(self) -> list[Place]:
        """Every quote on the site, by source date then position."""
        return [p for s in self.by_date() for p in s.places]

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
    def statements_by_date(self) -> list[Statement]:
        """The who-said-what order: newest source first, undated last, then by position."""
        def key(st: Statement) -> tuple[bool, int, int]:
            published = st.places[0].source.source.meta.published
            return published is None, -(published.toordinal() if published else 0), st.places[0].quote.start
        return sorted(self.statements, key=key)

    @cached_property
    def quote_months(self) -> list[QuoteMonth]:
        """The pages of the who-said-what table, newest first: [] while it fits on one page."""
        if len(self.statements) <= QUOTES_ONE_PAGE_MAX:
            return []
        out: list[QuoteMonth] = []
        for st in self.statements_by_date:
            published = st.places[0].source.source.meta.published
            month = published.replace(day=1) if published else None
            if not out or out[-1].month != month:
                out.append(QuoteMonth(f"{month:%Y-%m}" if month else "undated", month, []))
            out[-1].statements.append(st)
        return out

    @cached_property
    def entities(self) -> dict[tuple[str, str], Entity]:
        """People, organisations and countries named or quoted anywhere, keyed by (kind, name);
        slugs unique per section."""
        found: dict[tuple[str, str], Entity] = {}
        for p in self.places:
            for name, kind in members(p.quote):
                e = found.setdefault((kind, name), Entity(name, kind, ""))
                role = p.quote.speaker_role
                if role and p.quote.speaker_kind != "group" and role not in e.roles:
                    e.roles.append(role)
        for src in self.sources:
            for _, _, name, kind in src.extraction.mentions:
                found.setdefault((entity_kind(name, kind), name), Entity(name, entity_kind(name, kind), ""))
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

    @cached_property
    def entity_mentions(self) -> dict[tuple[str, str], list[tuple[SiteSource, str]]]:
        """(kind, name) -> (source, sentence id) of each sentence that names it, in order."""
        out: dict[tuple[str, str], list[tuple[SiteSource, str]]] = {}
        for src in self.by_date():
            for kind, name, sid in src.named:
                out.setdefault((kind, name), []).append((src, sid))
        return out

    @cached_property
    def _initiative_index(self) -> list[tuple[SiteInitiative, set[str], set[tuple[str, str]]]]:
        """(initiative, proponent names, (source, sentence) of its mentions), computed once."""
        return [(si, {p[0] for p in si.proponents()}, {(src.slug, m.sentence) for src, m in si.mentions()})
                for si in self.initiatives]

    def entity_initiatives(self, e: Entity) -> list[tuple[SiteInitiative, str]]:
        """Initiatives an entity proposed or is mentioned with: (initiative, 'proposed' | 'mentioned')."""
        out: list[tuple[SiteInitiative, str]] = []
        sents = {(src.slug, sid) for src, sid in self.entity_mentions.get((e.kind, e.name), [])}
        for si, proponents, spots in self._initiative_index:
            if e.name in proponents:
                out.append((si, "proposed"))
            elif not sents.isdisjoint(spots):
                out.append((si, "mentioned"))
        return out

    def entity(self, name: str, kind: str) -> Entity | None:
        return self.entities.get((kind, name))

    @cached_property
    def _places_by_entity(self) -> dict[tuple[str, str], list[Place]]:
        out: dict[tuple[str, str], list[Place]] = {}
        for p in self.places:
            for name, kind in members(p.quote):
                out.setdefault((name, kind), []).append(p)
        return out

    def entity_places(self, e: Entity) -> list[Place]:
        return self._places_by_entity.get((e.name, e.kind), [])

    def by_date(self) -> list[SiteSource]:
        """Newest first; undated last, then by title."""
        return sorted(self.sources, key=lambda s: (s.source.meta.published is None,
                                                   -(s.source.meta.published.toordinal()
                                                     if s.source.meta.published else 0),
                                                   s.source.meta.title.lower()))


class TargetSet:
    """Link targets as one memoisation key, hashed once: a tuple of dataclasses is hashed
    field by field on every lookup (a thousand lookups a rebuild). Made by ``_target_set``,
    which returns the same object for equal targets, so later lookups compare by identity."""

    __slots__ = ("targets", "_hash")

    def __init__(self, targets: tuple[Target, ...]) -> None:
        self.targets = targets
        self._hash = hash(targets)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, TargetSet) and self._hash == other._hash
                                 and self.targets == other.targets)


@lru_cache(maxsize=8)
def _target_set(targets: tuple[Target, ...]) -> TargetSet:
    return TargetSet(targets)


@lru_cache(maxsize=8)
def _linker(targets: TargetSet) -> Linker:
    return Linker(list(targets.targets))


@lru_cache(maxsize=16384)
def _term_matches(src: SiteSource, targets: TargetSet) -> tuple[tuple[int, int, str], ...]:
    """Where glossary terms occur in one source's text: (start, end, slug), one pass."""
    return tuple((a, b, t.key.split(":", 1)[1]) for a, b, t in _linker(targets).find_all(src.extraction.document.text))


class _Passed:
    """An ``lru_cache`` argument that is not part of the memo's key: every one equals every
    other. For what a result does not depend on (which build's work cache it came through)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Passed)


@lru_cache(maxsize=16384)
def _found_terms(src: SiteSource, targets: TargetSet, key: str, work: _Passed) -> tuple[tuple[int, int, str], ...]:
    """``_term_matches`` through the work cache (``work.value``) under ``key``: a new process
    reads what an earlier one scanned; within a process the memo answers without reading."""
    found = work.value.get(key)
    if found is MISS or not isinstance(found, tuple):
        found = _term_matches(src, targets)
        work.value.put(key, found)
    return found


@lru_cache(maxsize=16384)
def _source_terms(src: SiteSource, targets: TargetSet, found: tuple[tuple[int, int, str], ...] | None = None
                  ) -> tuple[list[tuple[str, Appearance]], dict[str, set[str]], str]:
    """Every glossary match in one source, by sentence: (slug, appearance) in text order,
    slug -> ids of the sentences using it, and a digest of both (for the glossary page's key).
    ``found`` is the source's ``_term_matches`` when a cache kept them. Memoised: a rebuild
    only scans the sources that changed."""
    doc = src.extraction.document
    apps: list[tuple[str, Appearance]] = []
    used: dict[str, set[str]] = {}
    for a, b, slug in (found if found is not None else _term_matches(src, targets)):
        s = doc.sentence_at(a)
        if s is not None and s.start <= a and b <= s.end:
            apps.append((slug, Appearance(src, s.id, s.text, a - s.start, b - s.start)))
            used.setdefault(slug, set()).add(s.id)
    return apps, used, _digest(src.card, [(slug, a.sentence_id, a.text, a.start, a.end) for slug, a in apps])


def _short_list(items: list[str], *, limit: int = 3, curated: bool = False, more: str = "more") -> str:
    """A tooltip-sized list: the curated item first, then the most cited, then 'and N more'.
    _short_list(['China', 'Wang Yi', 'China']) -> 'China, Wang Yi'"""
    counts: dict[str, int] = {}
    for x in items:
        counts[x] = counts.get(x, 0) + 1
    order = list(counts)
    ranked = order[:1] + sorted(order[1:], key=lambda x: -counts[x]) if curated else \
        sorted(order, key=lambda x: -counts[x])
    shown = ", ".join(ranked[:limit]) if limit > 1 else ranked[0] if ranked else ""
    rest = len(ranked) - limit
    return shown + (f" (and {rest} {more})" if rest > 0 else "")


def _texts(src: SiteSource, ids: list[str]) -> list[str]:
    texts = src.sentence_texts
    return [texts[i] for i in ids if i in texts]


def _digest(*parts: Any) -> str:
    """A digest of the ``repr`` of plain data (frozen dataclasses, tuples, lists, dicts)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the library's code and data: cached analyses from other code are not reused."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for f in sorted(pkg.rglob("*")):
        if f.suffix in (".py", ".yml") and f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=4096)
def _analyse(path: str, data: bytes) -> tuple[Source | None, Extraction | None, tuple[Problem, ...]]:
    """Parse and extract one file. Cached by content: results are immutable."""
    src, problems = parse_source(path, data)
    if src is None:
        return None, None, tuple(problems)
    ex = extract_source(src)
    return src, ex, tuple(problems) + ex.problems


def analyse(path: str, data: bytes, cache_dir: Path | None = None
            ) -> tuple[Source | None, Extraction | None, tuple[Problem, ...]]:
    """``_analyse`` with an optional on-disk cache keyed by the code version, path and content
    (and an in-process memo on top, so a `mkdocs serve` rebuild does not even unpickle)."""
    if cache_dir is None:
        return _analyse(path, data)
    return _analyse_on_disk(path, data, str(cache_dir))


def analysis_key(path: str, data: bytes) -> str:
    """Where the on-disk cache keeps one file's analysis: its path, bytes and the code version."""
    return hashlib.sha256(code_version().encode() + b"\0" + path.encode() + b"\0" + data).hexdigest()


@lru_cache(maxsize=4096)
def _analyse_on_disk(path: str, data: bytes, cache_dir_name: str
                     ) -> tuple[Source | None, Extraction | None, tuple[Problem, ...]]:
    key = analysis_key(path, data)
    cache = DiskCache(Path(cache_dir_name))  # a read-only or damaged cache is a miss, never an error
    got = cache.get(key)
    if isinstance(got, tuple) and len(got) == 3:
        return got
    got = _analyse(path, data)
    cache.put(key, got)
    return got


@lru_cache(maxsize=4096)
def _site_source(path: str, data: bytes, cache_dir: Path | None, uri: str, url: str) -> SiteSource:
    """The same object for the same file at the same place, in every build of a process."""
    src, ex, _ = analyse(path, data, cache_dir)  # memoised: this is the analysis just made
    assert src is not None and ex is not None
    return SiteSource(src, ex, uri, url, hashlib.sha256(data).hexdigest())


def build_site_model(inputs: list[SourceInput], *, use_directory_urls: bool = True,
                     glossary_files: list[tuple[str, bytes]] | None = None,
                     initiative_files: list[tuple[str, bytes]] | None = None,
                     cache_dir: Path | None = None, work: WorkCache | None = None
                     ) -> tuple[SiteModel, list[Problem]]:
    """Analyse every source, read the glossary and the curated initiative pages; errors (bad
    files, duplicate slugs or terms) come back as problems. ``cache_dir`` keeps analyses and
    ``work`` glossary scans between builds (the caller commits it)."""
    glossary, glossary_problems = build_glossary(glossary_files or [])
    problems = list(glossary_problems)
    curated: list[CuratedInitiative] = []
    for path, data in sorted(initiative_files or []):
        c, probs = parse_curated(path, data)
        problems.extend(probs)
        if c is not None:
            curated.append(c)
    out: list[SiteSource] = []
    seen: dict[str, str] = {}
    for inp in sorted(inputs, key=lambda i: i.src_uri):
        src, ex, analysed = analyse(inp.path, inp.data, cache_dir)
        problems.extend(analysed)
        if src is None or ex is None:
            continue
        slug = src.meta.slug
        if slug in seen:
            problems.append(Problem(inp.path, None, f"duplicate slug '{slug}': {seen[slug]} has it too "
                                                    "(rename one of the files)"))
            continue
        seen[slug] = inp.path
        uri = f"{SOURCES_DIR}/{slug}.md"
        out.append(_site_source(inp.path, inp.data, cache_dir, uri, page_url(uri, use_directory_urls)))
    site = SiteModel(tuple(out), use_directory_urls, glossary, tuple(curated), work)
    return site, problems + site.contradictions()
