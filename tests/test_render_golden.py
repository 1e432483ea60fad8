"""Golden files for the rendered Markdown of explainer pages.

Each ``tests/golden/<feature>/<case>.md`` is a source; ``<case>.out.md`` is the page the
build generates from it. Run ``pytest --update-golden`` to rewrite them, then review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from explainer.render import Renderer
from explainer.site import SourceInput, build_site_model

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted((GOLDEN / "source_page").glob("*.md"))
CASES = [c for c in CASES if not c.name.endswith(".out.md")]


def render_case(path: Path) -> str:
    site, problems = build_site_model(
        [SourceInput(f"docs/sources/{path.name}", f"sources/{path.name}", path.read_bytes())])
    assert [p for p in problems if p.level == "error"] == []
    renderer = Renderer([ROOT / "overrides"])
    return str(renderer.source_page(site.sources[0], site))


def compare(actual: str, expected_path: Path, update: bool) -> None:
    if update or not expected_path.exists():
        expected_path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"created {expected_path.name}; review it and run again")
        return
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(expected_path), "rendered"))
        pytest.fail(f"rendered page differs from {expected_path.name} (pytest --update-golden):\n{diff}")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_source_page_golden(case: Path, update_golden: bool) -> None:
    compare(render_case(case), case.with_suffix(".out.md"), update_golden)


def test_hostile_values_are_escaped() -> None:
    out = render_case(GOLDEN / "source_page" / "hostile.md")
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert 'href="javascript' not in out
    assert 'href="https://example.com/a?b=1&amp;c=2"' in out


def test_sources_index_has_a_section_per_month_newest_first() -> None:
    def src(name: str, published: str | None) -> SourceInput:
        date = f"published: {published}\n" if published else ""
        data = f"---\ntitle: Story {name}\n{date}---\n\nChina said it would act.\n".encode()
        return SourceInput(f"docs/sources/{name}.md", f"sources/{name}.md", data)

    site, problems = build_site_model([src("a", "2020-09-08"), src("b", "2020-10-01"), src("c", None),
                                       src("d", "2020-09-20")])
    assert [p for p in problems if p.level == "error"] == []
    body = Renderer([ROOT / "overrides"]).sources_index(site).body
    heads = [line for line in body.splitlines() if line.startswith("## ")]
    assert heads == ["## October 2020", "## September 2020", "## Undated"]
    assert body.index("Story d") < body.index("Story a")  # newest first within a month


def _month_sources() -> list[SourceInput]:
    """Five short sources over three months and one undated, quoting overlapping speakers."""
    def src(name: str, published: str | None, body: str) -> SourceInput:
        date = f"published: {published}\n" if published else ""
        data = f"---\ntitle: Story {name}\npublisher: Wire {name}\n{date}---\n\n{body}\n".encode()
        return SourceInput(f"docs/sources/{name}.md", f"sources/{name}.md", data)
    return [
        src("a", "2020-09-08", '"We will not accept this," Foreign Minister Wang Yi said.'),
        src("b", "2020-10-01", '"The network is clean," Secretary of State Mike Pompeo said.\n\n'
                               '"We will not accept this," Wang Yi said on Thursday.'),
        src("c", None, 'Trade minister Omar Haddad said the cables were safe.'),
        src("d", "2020-09-20", '"Data must flow," Wang Yi told reporters.'),
        src("e", "2020-11-02", '"Rules come first," said Anna Khan, a spokesperson for the ministry.'),
    ]


def test_quotes_table_is_split_by_month_when_long(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    """Past QUOTES_ONE_PAGE_MAX statements, /quotes/ lists months and speakers and each month
    has a page: golden files for the front page and one month, and every statement once."""
    import explainer.site

    site, problems = build_site_model(_month_sources())
    assert [p for p in problems if p.level == "error"] == []
    assert site.quote_months == []  # 6 statements fit on one page
    monkeypatch.setattr(explainer.site, "QUOTES_ONE_PAGE_MAX", 3)
    site, _ = build_site_model(_month_sources())
    months = site.quote_months
    assert [m.slug for m in months] == ["2020-11", "2020-10", "2020-09", "undated"]
    assert [m.src_uri for m in months][0] == "quotes/2020-11.md"
    listed = [st for m in months for st in m.statements]
    assert sorted(map(id, listed)) == sorted(map(id, site.statements))  # each statement on one page
    renderer = Renderer([ROOT / "overrides"])
    compare(str(renderer.quotes_page(site)), GOLDEN / "quotes" / "split_index.out.md", update_golden)
    compare(str(renderer.quote_month_page(months[1], site)), GOLDEN / "quotes" / "split_2020-10.out.md", update_golden)
    undated = renderer.quote_month_page(months[-1], site).body
    assert "with no publication date" in undated and "Older:" not in undated and "Newer: September 2020" in undated


def test_a_much_used_term_gets_a_page(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    """Past GLOSSARY_SENTENCES_SHOWN sentences, the glossary lists the newest and links to the
    term's page, which lists them all (golden file), newest source first."""
    import explainer.site

    monkeypatch.setattr(explainer.site, "GLOSSARY_SENTENCES_SHOWN", 2)
    entry = (b"---\nterm: Undersea cables\naliases: [subsea cable]\nrelated: [Data security]\n---\n"
             b"Cables on the sea floor that carry most of the world's internet traffic.\n")
    other = b"---\nterm: Data security\n---\nKeeping data from people who should not have it.\n"
    sources = [SourceInput(f"docs/sources/{n}.md", f"sources/{n}.md",
                           f"---\ntitle: Story {n}\npublished: 2020-09-{d:02d}\n---\n\n{body}\n".encode())
               for n, d, body in [("a", 1, "Undersea cables carry data. A subsea cable broke."),
                                  ("b", 9, "The undersea cables were cut, the ministry said."),
                                  ("c", 5, "No cables here.")]]
    site, problems = build_site_model(sources, glossary_files=[("docs/glossary/undersea-cables.md", entry),
                                                               ("docs/glossary/data-security.md", other)])
    assert [p for p in problems if p.level == "error"] == []
    assert [d.slug for d in site.term_pages()] == ["undersea-cables"]
    renderer = Renderer([ROOT / "overrides"])
    glossary = renderer.glossary_page(site).body
    cables = glossary[glossary.index('id="undersea-cables"'):]
    cables = cables[:cables.index("</section>")]
    assert "Appears in 3 sentences in 2 sources" in cables and cables.count("<li>") == 2
    assert '<a href="undersea-cables/">every sentence on the page for Undersea cables</a>' in cables
    assert cables.index("Story b") < cables.index("Story a")  # the newest first
    page = renderer.term_page(site.term_pages()[0], site)
    compare(str(page), GOLDEN / "glossary" / "undersea-cables.out.md", update_golden)


@pytest.mark.parametrize(("items", "distinct", "shown", "more"), [
    ([], False, [], 0),
    # curated items (no source) always, first; then findings reported by most sources
    ([("Pompeo", None), ("US", "a"), ("China", "b"), ("US", "c"), ("India", "d"), ("Japan", "e")], True,
     ["Pompeo", "US", "China", "India"], 1),
    # without distinct, each finding stands alone (provisions), ranked by how many sources repeat it
    ([("ban apps", "a"), ("seal cables", "b"), ("Ban apps", "c")], False, ["ban apps", "Ban apps", "seal cables"], 0),
    ([("x", "a"), ("y", "b"), ("z", "c"), ("w", "d"), ("v", "e")], False, ["x", "y", "z"], 2),
    ([("US", None), ("us", "a")], True, ["US"], 0),  # the same name as the curated one is not repeated
])
def test_comparison_cells_keep_curated_and_the_most_reported(
        items: list[tuple[str, str | None]], distinct: bool, shown: list[str], more: int) -> None:
    from explainer.render import _cell

    class Src:
        def __init__(self, slug: str) -> None:
            self.slug = slug
    rows = [(text, Src(slug) if slug else None) for text, slug in items]
    got, n_more = _cell(rows, lambda r: r[0], lambda r: r[1], distinct=distinct)  # type: ignore[arg-type,return-value]
    assert [t for t, _ in got] == shown and n_more == more


def test_comparison_links_what_it_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no room for findings, each cell keeps the curated facts and links the rest."""
    import explainer.render

    docs = ROOT / "docs"
    sources = [SourceInput(f"docs/sources/{p.name}", f"sources/{p.name}", p.read_bytes())
               for p in sorted((docs / "sources").glob("*.md")) if p.name != "index.md"]
    curated = [(f"docs/initiatives/{p.name}", p.read_bytes())
               for p in sorted((docs / "initiatives").glob("*.md")) if p.name != "index.md"]
    site, _ = build_site_model(sources, initiative_files=curated)
    renderer = Renderer([ROOT / "overrides"])
    full = renderer.initiatives_index(site).body
    assert "more</a>" not in full
    monkeypatch.setattr(explainer.render, "COMPARE_FOUND_SHOWN", 0)
    body = renderer.initiatives_index(site).body
    assert '<br><a class="ex-more" href="clean-network/">and 1 more</a>' in body  # the Trump administration, found
    assert "Trump administration" in full and "Trump administration" not in body.split("## All initiatives")[0]
    assert body.count("¶") < full.count("¶")


def test_long_lists_come_in_blocks_the_browser_lays_out_when_near() -> None:
    """A person quoted in, and an initiative mentioned in, more sources than CHUNK: their pages
    list every source once, in blocks of CHUNK sources (or items), each a div.ex-chunk; an
    initiative's long key facts show FACTS_SHOWN entries and keep the rest behind "N more"."""
    import re

    from explainer.render import CHUNK

    n = CHUNK + 3
    sources = [SourceInput(f"docs/sources/s{i:02d}.md", f"sources/s{i:02d}.md",
                           (f"---\ntitle: Story {i:02d}\npublished: 2020-09-{1 + i % 28:02d}\n---\n\n"
                            f"\u201cWe stand by the Global Initiative on Data Security,\u201d said Wang Yi on day {i}.\n\n"
                            "China announced the Global Initiative on Data Security on Tuesday.\n").encode())
               for i in range(n)]
    site, problems = build_site_model(sources)
    assert [p for p in problems if p.level == "error"] == []
    renderer = Renderer([ROOT / "overrides"])
    wang = next(e for (kind, name), e in site.entities.items() if name == "Wang Yi")
    person = renderer.entity_page(wang, site).body
    quoted = person[person.index("## What the sources quote"):]
    quoted = quoted[:quoted.index("\n## ")] if "\n## " in quoted else quoted
    blocks = quoted.split('<div class="ex-chunk">')[1:]
    assert [b.count('<h3 class="ex-entity__source">') for b in blocks] == [CHUNK, 3]
    assert sorted(re.findall(r"Story (\d\d)</a></h3>", quoted)) == [f"{i:02d}" for i in range(n)]
    assert person.count("<div") == person.count("</div>")
    gids = next(si for si in site.initiatives if si.name == "Global Initiative on Data Security")
    page = renderer.initiative_page(gids, site).body
    # key facts: the first FACTS_SHOWN entries, the others behind a disclosure that names them
    from explainer.render import FACTS_SHOWN

    facts = page[page.index("## Key facts"):page.index("</dl>")]
    announced = facts[facts.index("<dt>Announced</dt>"):]
    announced = announced[:announced.index("</dd>")]
    shown, _, hidden = announced.partition('<details class="ex-rest">')
    assert shown.count("<time") == FACTS_SHOWN and hidden.count("<time") == len(gids.dates()) - FACTS_SHOWN > 0
    assert f"<summary>{len(gids.dates()) - FACTS_SHOWN} more dates</summary>" in hidden
    assert "more proponents</summary>" in facts
    # the quotes table: the statement made in every source is one row; its Source cell shows
    # FACTS_SHOWN of them and the rest behind "N more sources"; the filter still knows them all
    table = renderer.quotes_page(site).body
    row = next(r for r in table.split("<tr ")[1:] if "We stand by the Global Initiative" in r)
    cell = row.split("<td>")[-1]
    shown, _, rest = cell.partition('<details class="ex-rest">')
    assert shown.count("<a ") == FACTS_SHOWN and rest.count("<a ") == n - FACTS_SHOWN
    assert f"<summary>{n - FACTS_SHOWN} more sources</summary>" in rest
    assert row.split('data-source="')[1].split('"')[0].count("|") == n - 1
    mentions = page[page.index("## Mentions in the sources"):]
    total = len(gids.mentions())
    assert total == 2 * n
    assert [b.count("<li>") for b in mentions.split('<div class="ex-chunk">')[1:]] == [CHUNK, CHUNK, total - 2 * CHUNK]
    assert page.count("<div") == page.count("</div>")
