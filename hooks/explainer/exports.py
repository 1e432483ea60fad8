"""Machine-readable exports of the site model (JSON and CSV), documented on /data/."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from typing import Any

from .quotes import Quote
from .site import SiteModel, SiteSource

SCHEMA_VERSION = 1
QUOTE_CSV_FIELDS = ("speaker", "speaker_kind", "speaker_role", "kind", "text", "via", "cue",
                    "source", "source_title", "publisher", "published", "sentence", "url")


def quote_records(site: SiteModel) -> list[dict[str, Any]]:
    """One record per quote occurrence, newest source first, then in text order; URLs are
    relative to the site root."""
    return [_quote_record(p.quote, p.source) for p in site.places]


def _quote_record(q: Quote, src: SiteSource) -> dict[str, Any]:
    m = src.source.meta
    return {
        "speaker": q.speaker, "speaker_kind": q.speaker_kind, "speaker_role": q.speaker_role,
        "kind": q.kind, "text": q.text, "via": q.via, "cue": q.cue,
        "source": src.slug, "source_title": m.title, "publisher": m.publisher,
        "published": m.published.isoformat() if m.published else None,
        "sentence": q.sentence, "url": f"{src.url}#s-{q.sentence}",
        "start": q.start, "end": q.end,
    }


@lru_cache(maxsize=4096)
def _source_quotes(src: SiteSource) -> tuple[str, str]:
    """One source's quote records as JSON objects joined by commas, and as CSV rows. A record
    is made from its source alone, and the same file at the same place is the same object in
    every build of a process, so a `mkdocs serve` rebuild writes only the edited source's anew
    (all of them took ~0.16 s at 1,000 sources)."""
    records = [_quote_record(p.quote, src) for p in src.places]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in records:
        # A cell starting with = + - @ would run as a formula in a spreadsheet: quote it.
        w.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in map(r.get, QUOTE_CSV_FIELDS)])
    return ",".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records), buf.getvalue()


def quotes_json(site: SiteModel) -> str:
    """``{"schema", "version", "quotes": quote_records(site)}``, compact."""
    empty = json.dumps({"schema": "explainer/quotes", "version": SCHEMA_VERSION, "quotes": []},
                       ensure_ascii=False, separators=(",", ":"))
    body = ",".join(part for part in (_source_quotes(s)[0] for s in site.by_date()) if part)
    return f"{empty[:-2]}{body}{empty[-2:]}\n"  # the records go between the list's brackets


def quotes_csv(site: SiteModel) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(QUOTE_CSV_FIELDS)
    return buf.getvalue() + "".join(_source_quotes(s)[1] for s in site.by_date())


def glossary_json(site: SiteModel) -> str:
    """Every entry with its definition (sanitised HTML and plain text) and where it appears."""
    from .glossary import definition_html, definition_text

    entries = []
    for d in sorted(site.glossary.definitions, key=lambda d: d.term.lower()):
        entries.append({
            "term": d.term, "slug": d.slug, "aliases": list(d.aliases), "related": list(d.related),
            "definition": definition_text(d), "definition_html": definition_html(d), "source": d.source,
            "url": f"glossary/#{d.slug}",
            "appearances": [{"source": a.source.slug, "sentence": a.sentence_id,
                             "url": f"{a.source.url}#s-{a.sentence_id}", "text": a.text[a.start:a.end]}
                            for a in site.appearances[d.slug]],
        })
    return json.dumps({"schema": "explainer/glossary", "version": SCHEMA_VERSION, "terms": entries},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def initiatives_json(site: SiteModel) -> str:
    """Every initiative with proponents, dates, provisions, relations and mentions (with sentences)."""
    from .initiatives import themes_of

    def place(src: Any, sid: str | None) -> dict[str, Any] | None:
        return {"source": src.slug, "sentence": sid, "url": f"{src.url}#s-{sid}"} if src is not None and sid else None

    items = []
    for si in site.initiatives:
        items.append({
            "name": si.name, "slug": si.slug, "kind": si.kind, "aliases": si.aliases, "url": site.url(si.src_uri),
            "curated": si.curated.path if si.curated else None,
            "official_url": si.curated.official_url if si.curated else None,
            "proponents": [{"name": n, "from": place(src, sid)} for n, src, sid in si.proponents()],
            "announced": [{**d.to_json(), "from": place(src, sid)} for d, src, sid in si.dates()],
            "provisions": [{"text": t, "themes": themes_of(t), "from": place(src, sid)} for t, src, sid in si.provisions()],
            "responds_to": [{"initiative": o.slug, "from": place(src, sid)} for o, src, sid in site.responds_to(si)],
            "mentions": [{"text": m.surface, **(place(src, m.sentence) or {})} for src, m in si.mentions()],
        })
    return json.dumps({"schema": "explainer/initiatives", "version": SCHEMA_VERSION, "initiatives": items},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def entities_json(site: SiteModel) -> str:
    items = []
    for (kind, name), e in sorted(site.entities.items()):
        items.append({
            "name": name, "kind": kind, "slug": e.slug, "url": site.url(e.src_uri), "roles": e.roles,
            "mentions": [{"source": src.slug, "sentence": sid, "url": f"{src.url}#s-{sid}"}
                         for src, sid in site.entity_mentions.get((kind, name), [])],
            "quotes": len(site.entity_places(e)),
            "initiatives": [{"initiative": si.slug, "role": how} for si, how in site.entity_initiatives(e)],
        })
    return json.dumps({"schema": "explainer/entities", "version": SCHEMA_VERSION, "entities": items},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def timeline_json(site: SiteModel) -> str:
    items = [{"date": ev.date.iso(), "precision": ev.date.precision, "expression": ev.date.text, "kind": ev.kind,
              "what": ev.what, "initiative": ev.initiative,
              "source": ev.source.slug if ev.source else None,
              "url": (f"{ev.source.url}#s-{ev.sentence}" if ev.sentence else ev.source.url) if ev.source else None}
             for ev in site.timeline]
    return json.dumps({"schema": "explainer/timeline", "version": SCHEMA_VERSION, "events": items},
                      ensure_ascii=False, separators=(",", ":")) + "\n"
