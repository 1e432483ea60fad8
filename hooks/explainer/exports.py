"""Machine-readable exports of the site model (JSON and CSV), documented on /data/."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .site import SiteModel

SCHEMA_VERSION = 1
QUOTE_CSV_FIELDS = ("speaker", "speaker_kind", "speaker_role", "kind", "text", "via", "cue",
                    "source", "source_title", "publisher", "published", "sentence", "url")


def quote_records(site: SiteModel) -> list[dict[str, Any]]:
    """One record per quote occurrence, in source order; URLs are relative to the site root."""
    out = []
    for p in site.places:
        q, src = p.quote, p.source
        m = src.source.meta
        out.append({
            "speaker": q.speaker, "speaker_kind": q.speaker_kind, "speaker_role": q.speaker_role,
            "kind": q.kind, "text": q.text, "via": q.via, "cue": q.cue,
            "source": src.slug, "source_title": m.title, "publisher": m.publisher,
            "published": m.published.isoformat() if m.published else None,
            "sentence": q.sentence, "url": f"{src.url}#s-{q.sentence}",
            "start": q.start, "end": q.end,
        })
    return out


def quotes_json(site: SiteModel) -> str:
    return json.dumps({"schema": "explainer/quotes", "version": SCHEMA_VERSION,
                       "quotes": quote_records(site)}, ensure_ascii=False, indent=1) + "\n"


def quotes_csv(site: SiteModel) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=QUOTE_CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in quote_records(site):
        # A cell starting with = + - @ would run as a formula in a spreadsheet: quote it.
        w.writerow({k: (f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v) for k, v in r.items()})
    return buf.getvalue()


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
                      ensure_ascii=False, indent=1) + "\n"
