"""Full strict builds of the real site in a temporary copy."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_build
from explainer.sources import parse_source

pytestmark = pytest.mark.build
SEED = "china-global-data-security-initiative"


class _Sentences(HTMLParser):
    """Collects the text of every sentence span (.ex-s) and the ids on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.sentences: dict[str, str] = {}
        self._stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            return
        classes = (a.get("class") or "").split()
        sid = a.get("id") if "ex-s" in classes else None
        # Speaker chips after marked quotes are added by the site, not part of the sentence.
        self._stack.append("-" if "ex-who" in classes else sid)
        if sid:
            self.sentences[sid] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if "-" in self._stack:
            return
        for sid in self._stack:
            if sid:
                self.sentences[sid] += data


@pytest.fixture(scope="module")
def built(built_site: Path) -> Path:
    return built_site


def test_seed_page_has_card_and_every_sentence(built: Path) -> None:
    from conftest import ROOT
    page = (built / "sources" / SEED / "index.html").read_text(encoding="utf-8")
    assert "<title>China is retaliating against the US for its &#39;naked bullying&#39; of TikTok" in page \
        or "<title>China is retaliating against the US for its &#x27;naked bullying&#x27; of TikTok" in page
    assert 'class="ex-card"' in page and "Business Insider" in page
    assert '<time datetime="2020-09-08">8 September 2020</time>' in page
    assert 'href="https://ift.tt/3kd1DYT"' in page
    src, _ = parse_source("x.md", (ROOT / "docs" / "sources" / f"{SEED}.md").read_bytes(), SEED)
    assert src is not None and len(src.document.sentences) == 16
    parser = _Sentences()
    parser.feed(page)
    for s in src.document.sentences:
        assert s.anchor in parser.sentences, s.text
        assert parser.sentences[s.anchor] == s.text  # text intact, entities decoded once
        assert f'href="#{s.anchor}"' in page
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids on the page"
    # Quotation marks arrive escaped, never as markup.
    assert "&#34;This is naked bullying and should be opposed and rejected.&#34;" in page \
        or "&quot;This is naked bullying and should be opposed and rejected.&quot;" in page


def test_sources_index_and_home(built: Path) -> None:
    index = (built / "sources" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SEED}/"' in index
    home = (built / "index.html").read_text(encoding="utf-8")
    assert f"sources/{SEED}/" in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_no_external_assets(built: Path) -> None:
    for f in built.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'<(script|link|img|iframe|source)\b[^>]*>', text):
            tag = m.group(0)
            if 'rel="canonical"' in tag:
                continue  # names the page's public address; nothing is fetched
            if re.search(r'(?:src|href)="(?:https?:)?//', tag):
                pytest.fail(f"{f}: loads an external asset: {tag}")


def test_second_source_gets_page_and_index_entry(site_copy: Path) -> None:
    (site_copy / "docs" / "sources" / "zz-invented-story.md").write_text(
        "---\ntitle: An invented story <em>about</em> cables\npublisher: Nowhere Times\n"
        "published: 2021-03-29\n---\n\nThe Arab League signed a data pact. It was the first such pact.\n",
        encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode == 0, res.stderr
    page = (site_copy / "site" / "sources" / "zz-invented-story" / "index.html").read_text(encoding="utf-8")
    assert "An invented story &lt;em&gt;about&lt;/em&gt; cables" in page
    assert "<em>about</em>" not in page
    index = (site_copy / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    # Newest first: the 2021 story comes before the 2020 seed.
    assert index.index("zz-invented-story/") < index.index(f"{SEED}/")
    assert "29 March 2021" in index


def test_broken_source_fails_with_file_and_line_and_no_pages(site_copy: Path) -> None:
    (site_copy / "docs" / "sources" / "bad.md").write_text(
        "---\ntitle: Bad\npublished: Sept 8\n---\n\nText.\n", encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode != 0
    assert "docs/sources/bad.md:3: published: 'Sept 8' is not a date (YYYY-MM-DD)" in res.stderr
    assert "Traceback" not in res.stderr
    assert not list((site_copy / "site").rglob("*.html")) if (site_copy / "site").exists() else True


def test_unknown_key_fails_strict_build(site_copy: Path) -> None:
    seed = site_copy / "docs" / "sources" / f"{SEED}.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("---\ntitle:", "---\nauthor: X\ntitle:", 1),
                    encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode != 0
    assert f"docs/sources/{SEED}.md:2: unknown front matter key 'author'" in res.stderr


def test_title_cannot_break_out_of_title_element(site_copy: Path) -> None:
    (site_copy / "docs" / "sources" / "t.md").write_text(
        "---\ntitle: \"</title><script>alert(1)</script>\"\n---\n\nBody.\n", encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode == 0, res.stderr
    page = (site_copy / "site" / "sources" / "t" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    head = page[: page.index("</head>")]
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    assert title and html.unescape(title.group(1)).startswith("</title><script>alert(1)</script>")


def test_quotes_page_speaker_pages_and_exports(built: Path) -> None:
    import csv
    import json
    quotes = (built / "quotes" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../people/wang-yi/">Wang Yi</a>' in quotes
    # The statement made twice (key point and body) is one row with two places.
    row = quotes.split("This is naked bullying and should be opposed and rejected.")
    assert len(row) == 2, "repeated statement must be merged into one row"
    assert quotes.count(f'href="../sources/{SEED}/#s-') >= 8
    person = (built / "people" / "wang-yi" / "index.html").read_text(encoding="utf-8")
    assert "foreign minister" in person and f'href="../../sources/{SEED}/#s-' in person
    assert (built / "countries" / "china" / "index.html").exists()
    data = json.loads((built / "data" / "quotes.json").read_text(encoding="utf-8"))
    assert data["schema"] == "explainer/quotes" and data["version"] == 1
    speakers = {(q["speaker"], q["kind"]) for q in data["quotes"]}
    assert ("Wang Yi", "direct") in speakers and ("China", "indirect") in speakers and ("Sources", "indirect") in speakers
    for q in data["quotes"]:
        assert q["url"].startswith(f"sources/{SEED}/#s-")
    with (built / "data" / "quotes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(data["quotes"]) and rows[0]["source"] == SEED
    page = (built / "sources" / SEED / "index.html").read_text(encoding="utf-8")
    assert 'class="ex-quote ex-quote--direct"' in page
    assert '<span class="ex-sr">direct quote by </span><a href="../../people/wang-yi/">Wang Yi</a>' in page


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    """Walk the built site: every relative href/src points at a file, every #fragment at an id."""
    from urllib.parse import unquote, urlsplit

    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for f in built.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        ids[f] = set(re.findall(r'\sid="([^"]+)"', text))
        links += [(f, html.unescape(m)) for m in re.findall(r'\s(?:href|src)="([^"]+)"', text)]
    bad = []
    for f, link in links:
        parts = urlsplit(link)
        if parts.scheme or link.startswith(("//", "mailto:", "javascript:", "data:")):
            continue
        if not parts.path:
            target = f
        elif parts.path.startswith("/"):  # 404.html links from the site root
            target = (built / unquote(parts.path).lstrip("/")).resolve()
        else:
            target = (f.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            bad.append(f"{f.relative_to(built)}: {link} (no file)")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in ids.get(target, set()) \
                and parts.fragment not in ("", "__search", "__drawer"):
            bad.append(f"{f.relative_to(built)}: {link} (no id)")
    assert not bad, "\n".join(bad[:20])


def test_added_source_updates_every_aggregate(site_copy: Path) -> None:
    (site_copy / "docs" / "sources" / "zz-cables.md").write_text(
        "---\ntitle: Cables story\npublished: 2021-01-05\n---\n\n"
        "\u201cThe cables are safe,\u201d said Priya Natarajan, a researcher at the institute.\n\n"
        "Wang Yi said the rules would help everyone.\n", encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode == 0, res.stderr
    site = site_copy / "site"
    quotes = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "The cables are safe," in quotes and '<a href="../people/priya-natarajan/">Priya Natarajan</a>' in quotes
    person = (site / "people" / "priya-natarajan" / "index.html").read_text(encoding="utf-8")
    assert "researcher at the institute" in person and "zz-cables/#s-" in person
    wang = (site / "people" / "wang-yi" / "index.html").read_text(encoding="utf-8")
    assert "Cables story" in wang and "the rules would help everyone" in wang
    people = (site / "people" / "index.html").read_text(encoding="utf-8")
    assert "priya-natarajan/" in people


def test_glossary_tooltips_and_backlinks(built: Path) -> None:
    page = (built / "sources" / SEED / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<a class="ex-link ex-link--term" href="../../glossary/#unilateralism" title="([^"]+)">'
                  r'unilateralism</a>', page)
    assert m and "acting on its own" in html.unescape(html.unescape(m.group(1)))
    assert 'href="../../glossary/#mass-surveillance"' in page
    glossary = (built / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<h3 id="backdoor">Backdoor</h3>' in glossary
    assert f'href="../sources/{SEED}/#s-' in glossary and "<mark>security backdoors</mark>" in glossary
    # Terms are linked on every kind of page, never inside their own entry's heading section.
    quotes = (built / "quotes" / "index.html").read_text(encoding="utf-8")
    assert 'class="ex-link ex-link--term"' in quotes
    entry = glossary[glossary.index('<h3 id="backdoor">'):]
    entry = entry[:entry.index("<h3", 5)]
    assert 'href="#backdoor"' not in entry and "glossary/#backdoor" not in entry
    import json
    data = json.loads((built / "data" / "glossary.json").read_text(encoding="utf-8"))
    bd = next(t for t in data["terms"] if t["slug"] == "backdoor")
    assert bd["appearances"] and bd["appearances"][0]["url"].startswith(f"sources/{SEED}/#s-")


def test_added_term_is_linked(site_copy: Path) -> None:
    (site_copy / "docs" / "glossary" / "data-laws.md").write_text(
        "---\nterm: Data laws\naliases: [data law]\n---\nLaws on how data may be collected and used.\n",
        encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode == 0, res.stderr
    page = (site_copy / "site" / "sources" / SEED / "index.html").read_text(encoding="utf-8")
    assert '<a class="ex-link ex-link--term" href="../../glossary/#data-laws" title="Laws on how data' in page
    glossary = (site_copy / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<h3 id="data-laws">Data laws</h3>' in glossary and "<mark>data laws</mark>" in glossary


def test_bad_glossary_entry_fails_with_file_and_line(site_copy: Path) -> None:
    (site_copy / "docs" / "glossary" / "dup.md").write_text("---\nterm: Backdoors\n---\nAgain.\n", encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "docs/glossary/dup.md:2: term 'Backdoors' is already defined by docs/glossary/backdoor.md" in res.stderr


def test_initiative_pages_comparison_and_timeline(built: Path) -> None:
    import json
    index = (built / "initiatives" / "index.html").read_text(encoding="utf-8")
    assert '<table class="ex-table" data-ex="compare">' in index
    assert 'href="global-initiative-on-data-security/"' in index and 'href="clean-network/"' in index
    assert "not addressed" in index and ">Backdoors</th>" in index
    gids = (built / "initiatives" / "global-initiative-on-data-security" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2020-09-08">8 September 2020</time>' in gids
    assert 'href="../clean-network/">Clean Network</a>' in gids  # responds to, shown on both pages
    assert "Background written for this site" in gids and f'href="../../sources/{SEED}/#s-' in gids
    clean = (built / "initiatives" / "clean-network" / "index.html").read_text(encoding="utf-8")
    assert "Answered by" in clean and 'href="../global-initiative-on-data-security/"' in clean
    assert '<time datetime="2020-08">August 2020</time>' in clean  # 'last month' from the seed, month precision
    timeline = (built / "timeline" / "index.html").read_text(encoding="utf-8")
    assert timeline.index('datetime="2020-08"') < timeline.index('datetime="2020-09-08"')
    # a section per year, one per month inside it; events known only to the year come first
    order = [timeline.index(x) for x in ('<h2 id="2019">', 'datetime="2019"', '<h2 id="2020">',
                                         '<h3 id="august-2020">', 'datetime="2020-08"',
                                         '<h3 id="september-2020">', 'datetime="2020-09-08"')]
    assert order == sorted(order)
    assert 'href="#september-2020"' in timeline  # listed in the page's table of contents
    sources = (built / "sources" / "index.html").read_text(encoding="utf-8")
    assert sources.index('<h2 id="september-2020">') < sources.index(f'href="{SEED}/"')
    data = json.loads((built / "data" / "initiatives.json").read_text(encoding="utf-8"))
    by = {i["slug"]: i for i in data["initiatives"]}
    assert {"name": "Wang Yi", "from": None} in by["global-initiative-on-data-security"]["proponents"]
    assert by["global-initiative-on-data-security"]["responds_to"][0]["initiative"] == "clean-network"
    events = json.loads((built / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert {"date": "2020-08", "precision": "month"}.items() <= events[1].items() or \
        any(e["date"] == "2020-08" and e["precision"] == "month" for e in events)
    ents = json.loads((built / "data" / "entities.json").read_text(encoding="utf-8"))["entities"]
    assert any(e["name"] == "Huawei" and e["kind"] == "org" and e["mentions"] for e in ents)
    huawei = (built / "organizations" / "huawei" / "index.html").read_text(encoding="utf-8")
    assert "Mentioned in" in huawei and f'href="../../sources/{SEED}/#s-' in huawei
    # Initiatives and entities are linked from the article text too.
    page = (built / "sources" / SEED / "index.html").read_text(encoding="utf-8")
    assert 'class="ex-link ex-link--initiative" href="../../initiatives/clean-network/"' in page
    assert 'class="ex-link ex-link--org" href="../../organizations/huawei/"' in page


def test_curated_date_contradiction_fails_strict_build(site_copy: Path) -> None:
    p = site_copy / "docs" / "initiatives" / "clean-network.md"
    p.write_text(p.read_text(encoding="utf-8").replace("announced: 2020-08-05", "announced: 2019-01-02"),
                 encoding="utf-8")
    res = run_build(site_copy)
    assert res.returncode != 0
    assert "docs/initiatives/clean-network.md:5: announced: 2019-01-02 here, but docs/sources/" in res.stderr


def test_every_local_link_resolves_without_directory_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `use_directory_urls: false` (pages as x.html, e.g. for browsing site/ from disk),
    every link on every page, the split quotes table and term pages included, reaches a file."""
    from urllib.parse import unquote

    import explainer.render
    import explainer.site
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import SPLIT_SOURCES, copy_project

    proj = copy_project(tmp_path / "proj")
    for name, text in SPLIT_SOURCES.items():
        (proj / "docs" / "sources" / name).write_text(text, encoding="utf-8")
    with (proj / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write("\nuse_directory_urls: false\n")
    monkeypatch.setattr(explainer.site, "QUOTES_ONE_PAGE_MAX", 3)
    monkeypatch.setattr(explainer.site, "GLOSSARY_SENTENCES_SHOWN", 1)
    monkeypatch.setattr(explainer.render, "COMPARE_FOUND_SHOWN", 0)
    config = load_config(config_file=str(proj / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    site = tmp_path / "site"
    assert (site / "quotes" / "2020-10.html").exists() and (site / "glossary" / "data-security.html").exists()
    broken, checked = [], 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # absolute links from the site's root, by design
            continue
        for href in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            checked += 1
            if not (page.parent / unquote(href)).resolve().exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert checked > 1000 and broken == []


def _python(code: str, cwd: Path, *args: Path) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh Python (the collector's state is the process's own)."""
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=cwd, timeout=300)


def test_the_model_is_set_aside_from_the_collector_during_a_build_only(site_copy: Path) -> None:
    """While pages are rendered, what on_files made (the model, the files) is frozen out of the
    cycle collector's walks; the collector stays on; after the build, or a build that fails in
    on_files, nothing stays frozen (under `mkdocs serve` the old model must be collectable)."""
    (site_copy / "probe.py").write_text(
        "import gc\nSEEN = []\n\ndef on_page_content(html, page, **kwargs):\n"
        "    SEEN.append((gc.get_freeze_count(), gc.isenabled()))\n    return html\n", encoding="utf-8")
    yml = site_copy / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - probe.py\n", 1),
                   encoding="utf-8")
    code = ("import gc, sys\nfrom pathlib import Path\nfrom mkdocs.commands.build import build\n"
            "from mkdocs.config import load_config\n"
            "cfg = load_config(sys.argv[1])\nbuild(cfg)\n"
            "probe = [m for m in cfg.plugins.values() if hasattr(m, 'SEEN')][0]\n"
            "print('DURING', min(f for f, _ in probe.SEEN), all(on for _, on in probe.SEEN))\n"
            "print('AFTER', gc.get_freeze_count(), gc.isenabled())\n"
            "Path(sys.argv[2]).write_text('---\\ntitle: [broken\\n---\\nText.\\n')\n"
            "try:\n    build(load_config(sys.argv[1]))\nexcept Exception as e:\n    print('FAILED', type(e).__name__)\n"
            "print('AFTER-ERROR', gc.get_freeze_count(), gc.isenabled())\n")
    broken = site_copy / "docs" / "sources" / "zz-broken.md"
    res = _python(code, site_copy, yml, broken)
    lines = dict(line.split(" ", 1) for line in res.stdout.splitlines())
    frozen, enabled = lines["DURING"].split()
    assert int(frozen) > 10_000 and enabled == "True", res.stdout + res.stderr
    assert lines["AFTER"] == "0 True"
    assert lines["FAILED"] == "Abort" and lines["AFTER-ERROR"] == "0 True", res.stdout + res.stderr


def test_a_full_collection_follows_each_build(site_copy: Path) -> None:
    """Under `mkdocs serve` the last build's model is cyclic garbage that CPython's own schedule
    left alone (16 rebuilds at 1,000 sources: 150 -> 460 MB); a full collection runs shortly
    after each build, off the reader's path."""
    code = ("import gc, sys, time\nfrom mkdocs.commands.build import build\n"
            "from mkdocs.config import load_config\n"
            "cfg = load_config(sys.argv[1])\ncfg.plugins.on_startup(command='serve', dirty=True)\n"
            "build(cfg, dirty=True)\nfull = []\n"
            "gc.callbacks.append(lambda phase, info: full.append(1) if phase == 'stop' and info['generation'] == 2 "
            "else None)\n"
            "deadline = time.monotonic() + 10\n"
            "while not full and time.monotonic() < deadline:\n    time.sleep(0.05)\n"
            "print('FULL', len(full))\n")
    res = _python(code, site_copy, site_copy / "mkdocs.yml")
    full = [int(line.split()[1]) for line in res.stdout.splitlines() if line.startswith("FULL ")]
    assert full and full[0] >= 1, res.stdout + res.stderr


def test_cli_build_skips_the_exit_collection_but_builds_in_process_do_not(site_copy: Path) -> None:
    """`mkdocs build` ends with on_shutdown, which freezes what the build made so CPython's last
    collection does not walk it (~0.8 s at 1,000 sources); a build run in-process gets no
    shutdown event and keeps collecting normally."""
    code = ("import gc, sys\nfrom mkdocs.__main__ import cli\nfrom mkdocs.commands.build import build\n"
            "from mkdocs.config import load_config\n"
            "build(load_config(sys.argv[1]))\nprint('IN-PROCESS', gc.get_freeze_count())\n"
            "try:\n    cli(['build', '--strict', '-f', sys.argv[1]])\nexcept SystemExit as e:\n"
            "    print('EXIT', e.code, gc.get_freeze_count())\n")
    res = _python(code, site_copy, site_copy / "mkdocs.yml")
    lines = dict(line.split(" ", 1) for line in res.stdout.splitlines())
    assert lines["IN-PROCESS"] == "0", res.stderr
    code_, frozen = lines["EXIT"].split()
    assert code_ in ("0", "None") and int(frozen) > 10_000, res.stderr
    assert (site_copy / "site" / "index.html").is_file()
