"""The quote exports are put together from each source's piece (reused across `mkdocs serve`
rebuilds): they must be exactly what serialising every record at once gives."""

from __future__ import annotations

import csv
import io
import json

from explainer.exports import QUOTE_CSV_FIELDS, quote_records, quotes_csv, quotes_json
from explainer.site import SourceInput, build_site_model


def _src(slug: str, published: str, body: str) -> SourceInput:
    text = f"---\ntitle: Story {slug}\npublisher: Wire\npublished: {published}\n---\n{body}\n"
    return SourceInput(f"docs/sources/{slug}.md", f"sources/{slug}.md", text.encode())


SOURCES = [
    _src("older", "2020-08-05", "\u201cWe will answer in kind,\u201d said Wang Yi, the foreign minister.\n\n"
                                "The ministry said it would study the plan."),
    _src("none", "2020-09-01", "A paragraph with no quote at all."),  # no records: no stray comma
    _src("newer", "2020-09-08", "\u201c=SUM(A1) is not a formula here,\u201d said Mike Pompeo.\n\n"
                                "\u201cData security is a matter of \u00e9gard,\u201d Hua Chunying told Reuters."),
]


def _reference(records: list[dict[str, object]]) -> tuple[str, str]:
    """The exports serialised in one go, as they were before they came in pieces."""
    js = json.dumps({"schema": "explainer/quotes", "version": 1, "quotes": records},
                    ensure_ascii=False, separators=(",", ":")) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(QUOTE_CSV_FIELDS)
    for r in records:
        w.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in map(r.get, QUOTE_CSV_FIELDS)])
    return js, buf.getvalue()


def test_pieced_exports_equal_serialising_all_records_at_once() -> None:
    site, problems = build_site_model(SOURCES)
    assert not [p for p in problems if p.level == "error"]
    records = quote_records(site)
    assert [r["source"] for r in records][:1] == ["newer"] and {r["source"] for r in records} == {"newer", "older"}
    assert any(r["text"].startswith("=SUM") for r in records)
    js, table = _reference(records)
    assert quotes_json(site) == js
    assert quotes_csv(site) == table
    assert "'=SUM(A1)" in table  # the formula guard survives the pieces


def test_a_rebuild_with_one_source_edited_equals_a_fresh_serialisation() -> None:
    """The unchanged sources' pieces are reused; the edited one's is new."""
    first, _ = build_site_model(SOURCES)
    quotes_json(first)
    edited = SOURCES[:2] + [_src("newer", "2020-09-08", "\u201cWe changed our minds,\u201d said Mike Pompeo.")]
    site, _ = build_site_model(edited)
    js, table = _reference(quote_records(site))
    assert quotes_json(site) == js and "changed our minds" in js and "=SUM" not in js
    assert quotes_csv(site) == table


def test_no_quotes_at_all() -> None:
    site, _ = build_site_model([SOURCES[1]])
    assert json.loads(quotes_json(site))["quotes"] == []
    assert quotes_json(site) == _reference([])[0] and quotes_csv(site) == _reference([])[1]
