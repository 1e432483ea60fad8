"""Render pages as Markdown with HTML blocks, through Jinja templates that autoescape.

Every value that comes from a source goes through Jinja's escaping (or
:func:`markupsafe.escape` for spans), so article text can never inject HTML. The article
body is emitted inside raw HTML blocks, so Markdown syntax in it is shown, not obeyed.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import yaml
from markupsafe import Markup, escape

from .entities import SECTION_TITLES, SECTIONS, Entity, members
from .glossary import Definition
from .initiatives import themes_of
from .model import Sentence
from .quotes import Quote
from .site import (Appearance, Place, QuoteMonth, SiteInitiative, SiteModel, SiteSource,
                   Statement)
from .sanitize import tooltip_attr
from .urls import relative_url

TEMPLATE_DIR = "explainer"


from .render_text import format_date, format_date_ref  # noqa: E402


@dataclass(frozen=True)
class MarkdownPage:
    """A generated page: its front matter (already escaped for MkDocs' templates) and its
    Markdown. ``str(page)`` is the file a contributor would write; the build hands ``meta`` to
    MkDocs directly, so the front matter is neither written as YAML nor parsed back."""

    meta: dict[str, Any]
    body: str

    def __str__(self) -> str:
        head = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, width=100_000)
        return f"---\n{head}---\n\n{self.body}"


@dataclass(frozen=True)
class Mark:
    """Markup to wrap around ``text[start:end]`` (offsets into the document text)."""

    start: int
    end: int
    before: Markup
    after: Markup


def annotate(text: str, start: int, end: int, marks: Sequence[Mark]) -> Markup:
    """Escape ``text[start:end]``, wrapping the marked runs (non-overlapping, clipped)."""
    out: list[str] = []
    pos = start
    for mk in sorted(marks, key=lambda x: x.start):
        a, b = max(mk.start, pos), min(mk.end, end)
        if a >= b:
            continue
        out.append(escape(text[pos:a]))
        out.append(mk.before + escape(text[a:b]) + mk.after)
        pos = b
    out.append(escape(text[pos:end]))
    return Markup("".join(out))


def sentence_html(s: Sentence, marks: Sequence[Mark] = (), text: str | None = None) -> Markup:
    """One sentence with its anchor: shown on hover and focus, like a heading permalink."""
    body = annotate(text, s.start, s.end, marks) if text is not None and marks else escape(s.text)
    # (concatenation with escape(): the same bytes as Markup.format, several times faster)
    a = escape(s.anchor)
    return Markup(f'<span class="ex-s" id="{a}">{body}<a class="ex-s__link" href="#{a}" '
                  'aria-label="Link to this sentence"></a></span>')


ELLIPSIS = "\u2026"


def snippet(text: str, a: int, b: int, width: int = 70) -> Markup:
    """'… words <mark>term</mark> words …' around a match in a sentence."""
    left = max(0, a - width)
    right = min(len(text), b + width)
    if left > 0:
        left = text.find(" ", left, a) + 1 or left
    if right < len(text):
        sp = text.rfind(" ", b, right)
        right = sp if sp > b else right
    before = ELLIPSIS if left > 0 else ""
    after = ELLIPSIS if right < len(text) else ""
    return Markup(f"{before}{escape(text[left:a])}<mark>{escape(text[a:b])}</mark>{escape(text[b:right])}{after}")


# Comparison cells list what curated pages say and at most this many findings from the sources
# (at 1,000 synthetic sources a proponent cell named over 100 and the page weighed 207 KB)
COMPARE_FOUND_SHOWN = 3
SPEAKER_ROLES_SHOWN = 3  # roles listed per speaker on the split quotes table's front page
KIND_LABELS = {"direct": "direct quote", "partial": "partial quote", "indirect": "reported speech"}


def speaker_label(q: Quote) -> str:
    """What to call the speaker in a table: the name, or the unnamed role."""
    if q.speaker:
        return q.speaker
    if q.speaker_role:
        return f"unnamed {q.speaker_role}"
    if q.via:
        return f"({q.via})"
    return "unattributed"


def meta_text(value: str) -> str:
    """Front matter values MkDocs and Material print without escaping (title, description)."""
    return html.escape(" ".join(value.split()), quote=True)


# Long lists (a term's sentences, a person's quotes and mentions, an initiative's provisions,
# reactions and mentions) come in blocks of CHUNK sources or items, each a ``div.ex-chunk`` the
# browser lays out only near the viewport (CSS content-visibility). Measured at 1,000 sources
# (Lighthouse, mobile): the most mentioned organisation's page 64 -> 97-98 with blocks of 25.
CHUNK = 25
# An initiative's key facts (proponents, dates, relations) and a quotes table's Source cell
# show this many entries, the rest behind "N more" (macros.html): a closed <details> is not
# laid out until opened. The largest month of quotes at 1,000 sources, where statements stand
# in ~140 sources each, went from Lighthouse 72 to 75-77.
FACTS_SHOWN = 5


@lru_cache(maxsize=8)
def _environment(dirs: tuple[str, ...]) -> jinja2.Environment:
    """One Jinja environment per template folder list, kept across `mkdocs serve` rebuilds so
    templates are compiled once (Jinja recompiles a template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    env.filters["dateref"] = format_date_ref
    env.filters["meta"] = meta_text
    env.globals["sentence"] = sentence_html
    env.globals["kind_label"] = lambda k: KIND_LABELS.get(k, k)
    env.globals["speaker_label"] = speaker_label
    env.globals["CHUNK"] = CHUNK
    env.globals["FACTS_SHOWN"] = FACTS_SHOWN
    return env


class Renderer:
    """Renders the generated pages from templates found in the theme's folders."""

    def __init__(self, template_dirs: Sequence[str | Path]) -> None:
        dirs = [str(Path(d) / TEMPLATE_DIR) for d in template_dirs if (Path(d) / TEMPLATE_DIR).is_dir()]
        if not dirs:
            raise FileNotFoundError(f"no '{TEMPLATE_DIR}/' template folder in {list(map(str, template_dirs))}")
        self.env = _environment(tuple(dirs))

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def page(self, name: str, front: dict[str, Any], **context: Any) -> MarkdownPage:
        """A Markdown page: front matter (text values escaped for MkDocs' templates) + template."""
        meta = {k: meta_text(v) if isinstance(v, str) else v for k, v in front.items()}
        return MarkdownPage(meta, self.render(name, **context))

    def speakers(self, q: Quote, site: SiteModel, here: str) -> list[tuple[str, str | None]]:
        """(name, link or None) for each entity a quote's speaker names."""
        ms = members(q)
        if not ms:
            return [(speaker_label(q), None)]
        out: list[tuple[str, str | None]] = []
        for name, kind in ms:
            e = site.entity(name, kind)
            out.append((name, relative_url(here, site.url(e.src_uri)) if e else None))
        return out

    def who(self, q: Quote, speakers: list[tuple[str, str | None]]) -> Markup:
        """The speaker chip after a marked quote: a link to the speaker's page when there is one."""
        parts = []
        for name, url in speakers:
            if url:
                parts.append(Markup(f'<a href="{escape(url)}">{escape(name)}</a>'))
            else:
                parts.append(escape(name))
        kind, names = escape(KIND_LABELS.get(q.kind, q.kind)), Markup(" and ").join(parts)
        return Markup(f'<span class="ex-who"><span class="ex-sr">{kind} by </span>{names}</span>')

    def quote_marks(self, item: SiteSource, site: SiteModel,
                    speakers: list[list[tuple[str, str | None]]] | None = None) -> list[Mark]:
        text = item.extraction.document.text
        if speakers is None:
            speakers = [self.speakers(q, site, item.url) for q in item.extraction.quotes]
        marks = []
        for q, who in zip(item.extraction.quotes, speakers):
            a, b = q.start, q.end
            if q.kind != "indirect":
                if a > 0 and not text[a - 1].isalnum():
                    a -= 1
                if b < len(text) and not text[b].isalnum() and not text[b].isspace():
                    b += 1
            title = f"{KIND_LABELS[q.kind].capitalize()}: {speaker_label(q)}"
            before = Markup(f'<span class="ex-quote ex-quote--{escape(q.kind)}" title="{tooltip_attr(title)}">')
            marks.append(Mark(a, b, before, Markup("</span>") + self.who(q, who)))
        return marks

    def source_inputs(self, item: SiteSource, site: SiteModel) -> dict[str, Any]:
        """What a source page shows besides its own text (links to its speakers, terms and
        initiatives, the site's indexes)."""
        here = item.url
        return {
            "index_url": relative_url(here, _sources_index_url(site)),
            "quotes_url": relative_url(here, site.url("quotes/index.md")),
            "speakers": [self.speakers(q, site, here) for q in item.extraction.quotes],
            "terms": [(d, n, relative_url(here, "glossary/", d.slug)) for d, n in site.terms_in(item)],
            "initiatives": [(si, relative_url(here, site.url(si.src_uri)), ini) for si, ini in site.initiatives_in(item)],
        }

    def source_key(self, item: SiteSource, site: SiteModel) -> str:
        """A digest of everything ``source_page`` reads: the file, its place, and where the
        site's entities, initiatives and glossary entries live. Equal keys, equal pages."""
        return site.digest(item.digest, item.src_uri, item.url, site.link_digest)

    def source_page(self, item: SiteSource, site: SiteModel) -> MarkdownPage:
        inputs = self.source_inputs(item, site)
        doc = item.extraction.document
        paragraphs = [(p, doc.paragraph_sentences(p.index)) for p in doc.paragraphs]
        marks = self.quote_marks(item, site, inputs["speakers"])
        by_sentence: dict[str, list[Mark]] = {s.id: [] for s in doc.sentences}
        if marks:
            for s in doc.sentences:
                by_sentence[s.id] = [mk for mk in marks if mk.start < s.end and mk.end > s.start]
        quotes = list(zip(item.extraction.quotes, inputs["speakers"]))
        m = item.source.meta
        desc = f"Explainer of the article “{m.title}”" + (f" ({m.publisher})" if m.publisher else "")
        return self.page(
            "source_page.md",
            {"title": m.title, "description": desc},
            s=item,
            meta=item.source.meta,
            key_points=[x for x in paragraphs if x[0].kind == "key_point"],
            body=[x for x in paragraphs if x[0].kind != "key_point"],
            index_url=inputs["index_url"],
            quotes_url=inputs["quotes_url"],
            marks=by_sentence,
            text=doc.text,
            quotes=quotes,
            terms=inputs["terms"],
            initiatives=inputs["initiatives"],
        )

    def _quote_rows(self, statements: list[Statement], site: SiteModel, here: str) -> list[dict[str, Any]]:
        return [{"st": st,
                 "speakers": self.speakers(st.places[0].quote, site, here),
                 "places": [(p.source, relative_url(here, p.source.url, f"s-{p.quote.sentence}")) for p in st.places]}
                for st in statements]

    def _quote_table(self, statements: list[Statement], site: SiteModel, here: str) -> dict[str, Any]:
        """What the table and its filters show: rows, and the speakers and sources to filter by."""
        titles = {p.source.source.meta.title for st in statements for p in st.places}
        return {"rows": self._quote_rows(statements, site, here),
                "speakers": sorted({speaker_label(st.places[0].quote) for st in statements}, key=str.lower),
                "sources": [s.source.meta.title for s in site.by_date() if s.source.meta.title in titles],
                **_quote_exports(here)}

    def quotes_page(self, site: SiteModel) -> MarkdownPage:
        """/quotes/: the whole table, or (when it is split by month) the months and speakers."""
        here = site.url("quotes/index.md")
        front = {"title": "Who said what", "hide": ["toc"],
                 "description": "Every quote and reported statement in the sources, "
                                "with its speaker, role, channel and sentence."}
        if not site.quote_months:
            return self.page("quotes.md", front, month=None, **self._quote_table(site.statements_by_date, site, here))
        months = [(qm, relative_url(here, site.url(qm.src_uri))) for qm in site.quote_months]
        return self.page("quotes_index.md", front,
                         years=runs(months, lambda m: f"{m[0].month:%Y}" if m[0].month else "Undated"),
                         speakers=self._speaker_rows(site, here, {qm.slug: url for qm, url in months}),
                         total=len(site.statements), **_quote_exports(here))

    def _speaker_rows(self, site: SiteModel, here: str, month_urls: dict[str, str]) -> list[dict[str, Any]]:
        """A row per speaker for the split table's front page: links, roles, how many
        statements, and the month of the newest one."""
        newest: dict[str, tuple[QuoteMonth, Statement]] = {}
        counts: dict[str, int] = {}
        roles: dict[str, list[str]] = {}
        for qm in site.quote_months:  # newest first
            for st in qm.statements:
                label = speaker_label(st.places[0].quote)
                newest.setdefault(label, (qm, st))
                counts[label] = counts.get(label, 0) + 1
                rs = roles.setdefault(label, [])
                rs.extend(r for r in st.roles if r not in rs)
        rows = []
        for label, (qm, st) in newest.items():
            rows.append({"label": label, "speakers": self.speakers(st.places[0].quote, site, here),
                         "roles": roles[label][:SPEAKER_ROLES_SHOWN], "more_roles": len(roles[label]) > SPEAKER_ROLES_SHOWN,
                         "count": counts[label], "month": month_title(qm.month), "month_url": month_urls[qm.slug]})
        return sorted(rows, key=lambda r: (-r["count"], r["label"].lower()))

    def quote_month_page(self, qm: QuoteMonth, site: SiteModel) -> MarkdownPage:
        """One month of the split who-said-what table, with links to the months around it."""
        here = site.url(qm.src_uri)
        months = site.quote_months
        i = months.index(qm)
        near = lambda m: (month_title(m.month), relative_url(here, site.url(m.src_uri)))  # noqa: E731
        title = month_title(qm.month)
        return self.page("quotes.md",
                         {"title": f"Who said what: {title}", "hide": ["toc"],
                          "description": f"Quotes and reported statements in the sources published in {title}."
                                         if qm.month else "Quotes and reported statements in the undated sources."},
                         month=title, index_url=relative_url(here, site.url("quotes/index.md")),
                         newer=near(months[i - 1]) if i > 0 else None,
                         older=near(months[i + 1]) if i + 1 < len(months) else None,
                         **self._quote_table(qm.statements, site, here))

    def entity_page(self, e: Entity, site: SiteModel) -> MarkdownPage:
        here = site.url(e.src_uri)
        groups: dict[str, list[tuple[Place, str]]] = {}
        order: list[SiteSource] = []
        for p in site.entity_places(e):
            if p.source.slug not in groups:
                groups[p.source.slug] = []
                order.append(p.source)
            groups[p.source.slug].append((p, relative_url(here, p.source.url, f"s-{p.quote.sentence}")))
        by_source = [(src, relative_url(here, src.url), groups[src.slug]) for src in order]
        kind_word = {"person": "Person", "org": "Organisation", "country": "Country"}[e.kind]
        mentioned: dict[str, tuple[SiteSource, str, list[tuple[str, str]]]] = {}
        for src, sid in site.entity_mentions.get((e.kind, e.name), []):
            if src.slug not in mentioned:
                mentioned[src.slug] = (src, relative_url(here, src.url), [])
            text = next(x.text for x in src.extraction.document.sentences if x.id == sid)
            mentioned[src.slug][2].append((text, relative_url(here, src.url, f"s-{sid}")))
        inits = [(si, how, relative_url(here, site.url(si.src_uri))) for si, how in site.entity_initiatives(e)]
        return self.page("entity.md", {"title": e.name, "description": f"{kind_word}: {e.name}. "
                                       "What the sources say by and about them."},
                         e=e, kind_word=kind_word, by_source=by_source, mentioned=list(mentioned.values()),
                         initiatives=inits,
                         index_url=relative_url(here, site.url(f"{e.section}/index.md")),
                         quotes_url=relative_url(here, site.url("quotes/index.md")))

    def _link_place(self, here: str, src: SiteSource | None, sid: str | None) -> str | None:
        return relative_url(here, src.url, f"s-{sid}") if src is not None and sid else None

    def initiative_page(self, si: SiteInitiative, site: SiteModel) -> MarkdownPage:
        from .curated import body_html

        here = site.url(si.src_uri)
        link = lambda src, sid: self._link_place(here, src, sid)  # noqa: E731
        people = {(e.kind, e.name): e for e in site.entities.values()}

        def who(name: str) -> tuple[str, str | None]:
            for kind in ("person", "org", "country"):
                e = people.get((kind, name))
                if e is not None:
                    return name, relative_url(here, site.url(e.src_uri))
            return name, None

        reactions = []
        for p in site.places:
            if si.name in p.quote.about or any(a.lower() in p.quote.text.lower() for a in si.forms):
                reactions.append((p, self.speakers(p.quote, site, here), link(p.source, p.quote.sentence)))
        mentions = [(src, m, link(src, m.sentence)) for src, m in si.mentions()]
        spots = {(src.slug, m.sentence) for src, m in si.mentions()}
        related = sorted((e for e in site.entities.values()
                          if not spots.isdisjoint((x.slug, y) for x, y in site.entity_mentions.get((e.kind, e.name), []))),
                         key=lambda e: (e.kind, e.name))
        return self.page("initiative.md", {"title": si.name, "description": f"{si.name}: who launched it, when, "
                                           "what it asks for, reactions and how it relates to other initiatives."},
                         si=si,
                         proponents=[(who(n), src, link(src, sid)) for n, src, sid in si.proponents()],
                         dates=[(d, src, link(src, sid)) for d, src, sid in si.dates()],
                         provisions=[(t, src, link(src, sid), themes_of(t)) for t, src, sid in si.provisions()],
                         responds_to=[(o, relative_url(here, site.url(o.src_uri)), src, link(src, sid))
                                      for o, src, sid in site.responds_to(si)],
                         responded_by=[(o, relative_url(here, site.url(o.src_uri)), src, link(src, sid))
                                       for o, src, sid in site.responded_by(si)],
                         reactions=reactions, mentions=mentions,
                         related=[(e, relative_url(here, site.url(e.src_uri))) for e in related],
                         background=Markup(body_html(si.curated)) if si.curated and si.curated.body else None,
                         index_url=relative_url(here, site.url("initiatives/index.md")))

    def initiatives_index(self, site: SiteModel) -> MarkdownPage:
        from .initiatives import THEMES

        here = site.url("initiatives/index.md")
        link = lambda src, sid: self._link_place(here, src, sid)  # noqa: E731
        inits = [si for si in site.initiatives if si.kind != "law"]
        laws = [si for si in site.initiatives if si.kind == "law"]
        compared = [si for si in inits if si.curated or si.provisions()][:4]
        rows = []
        for theme in THEMES:
            cells = []
            for si in compared:
                items = [(t, src, link(src, sid)) for t, src, sid in si.provisions() if theme in themes_of(t)]
                cells.append(_cell(items, lambda x: x[0], lambda x: x[1]))
            if any(shown for shown, _ in cells):
                rows.append((theme, [([(t, url) for t, _, url in shown], more) for shown, more in cells]))
        return self.page("initiatives.md", {"title": "Initiatives", "hide": ["toc"],
                                            "description": "Every named initiative, program and law in the sources, "
                                                           "compared side by side."},
                         inits=[(si, relative_url(here, site.url(si.src_uri))) for si in inits],
                         laws=[(si, relative_url(here, site.url(si.src_uri))) for si in laws],
                         compared=[(si, relative_url(here, site.url(si.src_uri)),
                                    _cell(si.proponents(), lambda p: p[0], lambda p: p[1], distinct=True),
                                    _cell(si.dates(), lambda d: format_date_ref(d[0]), lambda d: d[1], distinct=True),
                                    len({src.slug for src, _ in si.mentions()}))
                                   for si in compared],
                         rows=rows, data_json=relative_url(here, "data/initiatives.json"),
                         timeline_url=relative_url(here, site.url("timeline/index.md")))

    def timeline_page(self, site: SiteModel) -> MarkdownPage:
        here = site.url("timeline/index.md")
        by_slug = {si.slug: si for si in site.initiatives}
        # a section per year, and in it one per month (events known only to the year come
        # first): at scale the page is navigable from its table of contents and search hits
        # land on a month, not on one section of thousands of events
        items = []
        for ev in site.timeline:
            ini = by_slug.get(ev.initiative) if ev.initiative else None
            items.append((ev, self._link_place(here, ev.source, ev.sentence) or
                          (relative_url(here, ev.source.url) if ev.source else None),
                          (ini, relative_url(here, site.url(ini.src_uri))) if ini else None))
        years = []
        for year, in_year in runs(items, lambda it: it[0].date.date.year):
            whole_year = [it for it in in_year if it[0].date.precision == "year"]
            rest = [it for it in in_year if it[0].date.precision != "year"]  # sorted after them
            years.append((year, whole_year, runs(rest, lambda it: month_title(it[0].date.date))))
        return self.page("timeline.md", {"title": "Timeline",
                                         "description": "Dated events in the sources, with relative dates resolved "
                                                        "from each article's publication date."},
                         years=years, data_json=relative_url(here, "data/timeline.json"))

    def _appearance_groups(self, appearances: list[Appearance], here: str) -> list[tuple[SiteSource, str, list[tuple[Markup, str]]]]:
        """Sentences using a term, grouped by source: (source, its link, [(snippet, link)])."""
        groups: dict[str, tuple[SiteSource, str, list[tuple[Markup, str]]]] = {}
        for a in appearances:
            if a.source.slug not in groups:
                groups[a.source.slug] = (a.source, relative_url(here, a.source.url), [])
            groups[a.source.slug][2].append((snippet(a.text, a.start, a.end),
                                             relative_url(here, a.source.url, f"s-{a.sentence_id}")))
        return list(groups.values())

    def glossary_page(self, site: SiteModel) -> MarkdownPage:
        from .glossary import definition_html

        here = site.url("glossary/index.md")
        defs = sorted(site.glossary.definitions, key=lambda d: d.term.lower())
        slugs = {f.lower(): d.slug for d in defs for f in d.forms}
        paged = {d.slug for d in site.term_pages()}
        letters: dict[str, list[dict[str, Any]]] = {}
        for d in defs:
            first = d.term[:1].upper()
            letter = first if "A" <= first <= "Z" else "#"
            apps = site.appearances[d.slug]
            letters.setdefault(letter, []).append({
                "d": d, "html": Markup(definition_html(d)),
                "related": [(r, slugs.get(r.lower())) for r in d.related],
                "groups": self._appearance_groups(site.appearances_listed(d), here),
                "count": len(apps),
                "sources": len({a.source.slug for a in apps}),
                "page": relative_url(here, site.url(site.term_page_uri(d))) if d.slug in paged else None,
            })
        alphabet = [(c, c in letters) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ([("#", True)] if "#" in letters else [])
        return self.page("glossary.md", {"title": "Glossary",
                                         "description": "The terms a reader of these articles meets, explained, "
                                                        "with every sentence that uses them."},
                         letters=sorted(letters.items()), alphabet=alphabet,
                         data_json=relative_url(here, "data/glossary.json"))

    def term_page(self, d: Definition, site: SiteModel) -> MarkdownPage:
        """A glossary entry used too often for the glossary page to list every sentence."""
        from .glossary import definition_html

        here = site.url(site.term_page_uri(d))
        glossary = site.url("glossary/index.md")
        slugs = {f.lower(): relative_url(here, glossary, x.slug) for x in site.glossary.definitions for f in x.forms}
        apps = site.appearances[d.slug]
        return self.page("glossary_term.md",
                         {"title": d.term, "description": f"{d.term}: what it means, and every sentence in the "
                                                          "sources that uses it."},
                         d=d, html=Markup(definition_html(d)),
                         related=[(r, slugs.get(r.lower())) for r in d.related],
                         groups=self._appearance_groups(apps, here), count=len(apps),
                         glossary_url=relative_url(here, glossary, d.slug))

    def entity_index(self, section: str, site: SiteModel) -> MarkdownPage:
        here = site.url(f"{section}/index.md")
        kind = {v: k for k, v in SECTIONS.items()}[section]
        items = sorted((e for e in site.entities.values() if e.kind == kind), key=lambda e: e.name.lower())
        rows = [(e, relative_url(here, site.url(e.src_uri)), len(site.entity_places(e))) for e in items]
        title = SECTION_TITLES[section]
        return self.page("entity_index.md", {"title": title,
                                             "description": f"{title} quoted in the sources."},
                         rows=rows, title=title)

    def sources_index(self, site: SiteModel) -> MarkdownPage:
        here = _sources_index_url(site)
        # newest first, a section per month of publication (a table of a thousand rows is slow
        # to lay out; month sections off screen are skipped by the browser)
        months = runs([(x, relative_url(here, x.url)) for x in site.by_date()],
                      lambda row: month_title(row[0].source.meta.published))
        return self.page("sources_index.md",
                         {"title": "Sources", "description": "Every article this site explains, newest first."},
                         months=months)


K = TypeVar("K")
T = TypeVar("T")


def runs(items: Iterable[T], key: Callable[[T], K]) -> list[tuple[K, list[T]]]:
    """Consecutive items with the same key, in order: the sections of a page sorted by date."""
    return [(k, list(group)) for k, group in groupby(items, key)]


def _quote_exports(here: str) -> dict[str, str]:
    """Links from a quotes page to the quote exports (data_json, data_csv)."""
    return {"data_json": relative_url(here, "data/quotes.json").rstrip("/"),
            "data_csv": relative_url(here, "data/quotes.csv").rstrip("/")}


def _cell(items: list[T], text: Callable[[T], str], source: Callable[[T], SiteSource | None],
          distinct: bool = False) -> tuple[list[T], int]:
    """A comparison cell: every curated item (no source), then at most COMPARE_FOUND_SHOWN found
    in the sources, those reported by most sources first; and how many more there are. With
    ``distinct``, items with the same text are one (the first)."""
    curated = [x for x in items if source(x) is None]
    found = [x for x in items if source(x) is not None]
    counts: dict[str, set[str]] = {}
    for x in found:
        src = source(x)
        counts.setdefault(text(x).lower(), set()).add(src.slug if src else "")
    if distinct:
        seen = {text(x).lower() for x in curated}
        unique = []
        for x in found:
            if text(x).lower() not in seen:
                seen.add(text(x).lower())
                unique.append(x)
        found = unique
    ranked = sorted(found, key=lambda x: -len(counts[text(x).lower()]))  # stable: ties keep their order
    return curated + ranked[:COMPARE_FOUND_SHOWN], max(0, len(ranked) - COMPARE_FOUND_SHOWN)


def month_title(d: dt.date | None) -> str:
    """'September 2020' (a section heading), or 'Undated'."""
    return f"{d:%B %Y}" if d else "Undated"


def _sources_index_url(site: SiteModel) -> str:
    return "sources/"
