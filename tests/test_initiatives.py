"""Initiatives: detection, coreference, facts, merging across sources and curated pages."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.extract import extract_plain
from explainer.initiatives import name_key, themes_of
from explainer.site import SourceInput, build_site_model

TUE = dt.date(2020, 9, 8)


def inits(text: str, published: dt.date | None = TUE) -> dict[str, object]:
    ex = extract_plain("a.txt", text, published, title="T")
    return {i.name: i for i in ex.initiatives}


@pytest.mark.parametrize(("text", "names"), [
    ("Brazil joined the Belt and Road Initiative in 2019.", ["Belt and Road Initiative"]),
    ("The US expanded its Clean Network program last month.", ["Clean Network"]),
    ('Officials backed the "Clean Path" program on Monday.', ["Clean Path"]),
    ('Wang criticised the so-called "Digital Shield," saying it was unfair.', ["Digital Shield"]),
    ("Canada passed the Online Harms Act after a long debate.", ["Online Harms Act"]),
    ("The order relied on the International Emergency Economic Powers Act and the National Emergencies Act.",
     ["International Emergency Economic Powers Act", "National Emergencies Act"]),
    ("India announced a new national data security initiative on Monday.", ["National Data Security Initiative"]),
    ("The Global Initiative on Data Security was unveiled by Wang Yi.", ["Global Initiative on Data Security"]),
    # nothing to find
    ("The weather was fine and nobody launched anything.", []),
    ("The Executive Order was signed on Thursday.", []),
    ("China launched an initiative to address data issues.", []),
    ("Huawei Technologies said the network was safe.", []),
    ("The Wall Street Journal reported the plan first.", []),
    ('He called it a "clean" network.', []),
])
def test_detection(text: str, names: list[str]) -> None:
    assert list(inits(text)) == names


@pytest.mark.parametrize(("text", "surfaces"), [
    ("The US expanded its Clean Network program last month.", ["Clean Network program"]),
    ("Then the Clean Network Initiative grew.", ["Clean Network Initiative"]),
    ('Officials backed the "Clean Path" program on Monday.', ['Clean Path" program']),  # the span as written
    ("Brazil joined the Belt and Road Initiative in 2019.", ["Belt and Road Initiative"]),
])
def test_mention_spans(text: str, surfaces: list[str]) -> None:
    """A mention's offsets cover its surface, a trailing 'program' included."""
    ex = extract_plain("a.txt", text, TUE, title="T")
    mentions = [m for i in ex.initiatives for m in i.mentions]
    assert [m.surface for m in mentions] == surfaces
    assert [text[m.start:m.end] for m in mentions] == surfaces


@pytest.mark.parametrize(("text", "name", "proponent"), [
    ("China unveiled the Global Initiative on Data Security on Tuesday. The initiative, announced by foreign "
     "minister Wang Yi, was a surprise.", "Global Initiative on Data Security", "Wang Yi"),
    ("China unveiled the Global Initiative on Data Security on Tuesday.", "Global Initiative on Data Security", "China"),
    ("The Trump administration's Clean Network program is broad.", "Clean Network", "Trump administration"),
    ('Pompeo said the U.S. "Clean Network" program would grow.', "Clean Network", "United States"),
    ("US Secretary of State Mike Pompeo last month unveiled the Clean Network program.", "Clean Network", "Mike Pompeo"),
    ("China's Global Initiative on Data Security drew attention.", "Global Initiative on Data Security", "China"),
    ("The order relied on the National Emergencies Act.", "National Emergencies Act", None),
])
def test_proponent(text: str, name: str, proponent: str | None) -> None:
    got = inits(text)[name]
    assert (got.proponent.value if got.proponent else None) == proponent  # type: ignore[attr-defined]


def test_dates_provisions_relations_and_coreference() -> None:
    text = ("China outlined a new global data security initiative on Tuesday, and called on others to join.\n\n"
            "The initiative is a retaliation against the US' \"Clean Network Initiative\" which it unveiled last month.\n\n"
            "Per Reuters, China's initiative calls on firms to seal up any security backdoors.\n\n"
            "It also calls on countries not to engage in mass surveillance.\n\n"
            "Meanwhile, the Trump administration's Clean Network Initiative is broad. The idea is to block apps; "
            "stop phone makers from pre-installing apps; and guard undersea cables.")
    got = inits(text)
    gids, clean = got["Global Data Security Initiative"], got["Clean Network Initiative"]
    assert gids.announced.value.iso() == "2020-09-08" and gids.announced.value.precision == "day"  # type: ignore[attr-defined]
    assert clean.announced.value.iso() == "2020-08" and clean.announced.value.precision == "month"  # type: ignore[attr-defined]
    assert [r.value for r in gids.relations] == [("responds_to", ("clean", "network"))]  # type: ignore[attr-defined]
    assert [p.value for p in gids.provisions] == [  # type: ignore[attr-defined]
        "firms to seal up any security backdoors", "countries not to engage in mass surveillance"]
    assert [p.value for p in clean.provisions] == [  # type: ignore[attr-defined]
        "block apps", "stop phone makers from pre-installing apps", "guard undersea cables"]
    surfaces = [m.surface for m in gids.mentions]  # type: ignore[attr-defined]
    assert surfaces == ["global data security initiative", "The initiative", "China's initiative"]
    assert clean.proponent.value == "Trump administration"  # type: ignore[attr-defined]


def test_no_date_without_publication_date() -> None:
    got = inits("China unveiled the Global Initiative on Data Security on Tuesday.", None)
    assert got["Global Initiative on Data Security"].announced is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("a", "b"), [
    ("Clean Network Initiative", "Clean Network"), ("the Clean Network program", "clean network"),
    ("Global Initiative on Data Security", "global data security initiative"),
])
def test_name_key_merges_wordings(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("provision", "themes"), [
    ("remove untrusted apps from app stores", ["apps"]),
    ("guard undersea cables", ["cables"]),
    ("must not plant backdoors", ["backdoors"]),
    ("use judicial assistance to obtain data held abroad", ["law-enforcement access"]),
    ("be nice", []),
])
def test_themes(provision: str, themes: list[str]) -> None:
    assert themes_of(provision) == themes


def src(slug: str, body: str, published: str = "2020-09-08") -> SourceInput:
    return SourceInput(f"docs/sources/{slug}.md", f"sources/{slug}.md",
                       f"---\ntitle: {slug}\npublished: {published}\n---\n\n{body}\n".encode())


def test_merge_across_sources_and_curated_page() -> None:
    curated = ("docs/initiatives/gids.md", b"---\nname: Global Initiative on Data Security\naliases: "
               b"[Global Data Security Initiative, international data security initiative]\nannounced: 2020-09-08\n"
               b"responds_to: Clean Network\n---\nBackground.\n")
    site, problems = build_site_model(
        [src("a", "China outlined a new global data security initiative on Tuesday."),
         src("b", "China announced an international data security initiative on Tuesday, a reply to the "
                  "Clean Network program.", "2020-09-09")],
        initiative_files=[curated])
    assert [p for p in problems if p.level != "info"] == [
        p for p in problems if "announced:" in p.message]  # only date contradictions may warn
    names = [si.name for si in site.initiatives]
    assert names.count("Global Initiative on Data Security") == 1
    gids = site.initiative_by_name("international data security initiative")
    assert gids is not None and gids.slug == "gids" and len(gids.found) == 2
    clean = site.initiative_by_name("Clean Network")
    assert clean is not None and [o.name for o, _, _ in site.responds_to(gids)][0] == "Clean Network"
    # stated twice: on the curated page and in source b ('a reply to the Clean Network program')
    assert [(o.name, src.slug if src else None) for o, src, _ in site.responded_by(clean)] == [
        ("Global Initiative on Data Security", None), ("Global Initiative on Data Security", "b")]
    # 'on Tuesday' in the second source (published Wednesday 9 Sept) is 8 Sept: no contradiction
    assert not [p for p in problems if "announced:" in p.message]


def test_curated_date_contradiction_is_a_warning_naming_both_files() -> None:
    curated = ("docs/initiatives/gids.md", b"---\nname: Global Initiative on Data Security\naliases: "
               b"[global data security initiative]\nannounced: 2020-07-01\n---\nBackground.\n")
    _, problems = build_site_model([src("a", "China outlined a new global data security initiative on Tuesday.")],
                                   initiative_files=[curated])
    msgs = [str(p) for p in problems if p.level == "warning"]
    assert msgs == ["docs/initiatives/gids.md:4: announced: 2020-07-01 here, but docs/sources/a.md:6 says "
                    "2020-09-08 ('Tuesday'); both are shown on the page"]


@pytest.mark.parametrize(("fm", "message"), [
    ("aliases: [x]", "name: is required"),
    ("name: X\nannounced: Sept 2020", "announced: 'Sept 2020' is not a date"),
    ("name: X\nofficial_url: javascript:alert(1)", "official_url: 'javascript:alert(1)' is not a web address"),
    ("name: X\nprovisions: {a: 1}", "provisions: must be a list"),
])
def test_curated_errors(fm: str, message: str) -> None:
    _, problems = build_site_model([], initiative_files=[("docs/initiatives/x.md", f"---\n{fm}\n---\nB.\n".encode())])
    assert any(message in str(p) and p.level == "error" for p in problems), [str(p) for p in problems]
