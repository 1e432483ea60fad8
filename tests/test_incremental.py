"""Incremental rebuilds as `make serve` runs them (`mkdocs serve --dirty`): after any edit, every
page and data file must equal what a clean build of the same content writes, and pages whose
inputs did not change must not be rebuilt."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import SECOND_SOURCE

SERVE_URL = "http://127.0.0.1:8000/"

SECOND = SECOND_SOURCE


def serve_build(project: Path, site_dir: Path, dirty: bool = True) -> None:
    """One rebuild the way `mkdocs serve --dirty` does it: a fresh config, a dirty build."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)


def outputs(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".csv") and p.name != "search_index.json"}


def search_entries(site: Path) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return sorted(json.dumps(d, sort_keys=True) for d in docs)


def assert_same_as_clean(project: Path, site: Path, tmp_path: Path) -> None:
    clean = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    serve_build(project, clean, dirty=False)
    got, want = outputs(site), outputs(clean)
    assert sorted(got) == sorted(want)
    for name in want:
        assert got[name] == want[name], f"{name} differs from a clean build"
    assert search_entries(site) == search_entries(clean)


def first_build(project: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed plus a second source, built once: (the second source's file, the site)."""
    second = project / "docs" / "sources" / "ministers-trade-words.md"
    second.write_text(SECOND, encoding="utf-8")
    site = tmp_path / "site"
    serve_build(project, site)
    return second, site


@pytest.fixture(autouse=True)
def quiet_dirty_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="mkdocs")


def test_edits_rebuild_exactly_what_depends_on_them(site_copy: Path, tmp_path: Path) -> None:
    project = site_copy
    second, site = first_build(project, tmp_path)
    seed_page = site / "sources" / "china-global-data-security-initiative" / "index.html"
    mtimes = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}

    # 1. a new quote in one source: its page, the quotes page and export, the speaker's page
    second.write_text(SECOND.replace("We will answer in kind", "We will answer in kind and at once"),
                      encoding="utf-8")
    serve_build(project, site)
    assert "answer in kind and at once" in (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "answer in kind and at once" in (site / "data" / "quotes.json").read_text(encoding="utf-8")
    assert "answer in kind and at once" in (site / "people" / "omar-haddad" / "index.html").read_text(encoding="utf-8")
    assert seed_page.stat().st_mtime_ns == mtimes[seed_page], "an unrelated page was rebuilt"
    rebuilt = [p for p, t in mtimes.items() if p.exists() and p.stat().st_mtime_ns != t]
    assert 2 <= len(rebuilt) < len(mtimes) / 2
    assert_same_as_clean(project, site, tmp_path)

    # 2. a glossary definition: its tooltip changes on every page that links the term
    entry = project / "docs" / "glossary" / "data-security.md"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.rstrip("\n") + "\n\nEdited for the incremental test.\n", encoding="utf-8")
    serve_build(project, site)
    assert "Edited for the incremental test" in seed_page.read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)

    # 3. a template: every page made from it changes (the Jinja environment is kept across
    # rebuilds, so this also checks that it sees the edit)
    template = project / "overrides" / "explainer" / "source_page.md"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "## Who said what in this article", "## Who said what in this article (edited)"), encoding="utf-8")
    serve_build(project, site)
    assert "Who said what in this article (edited)" in seed_page.read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)

    # 4. a source removed: aggregates forget it
    second.unlink()
    serve_build(project, site)
    assert "answer in kind" not in (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "answer in kind" not in (site / "data" / "quotes.json").read_text(encoding="utf-8")
    assert "answer in kind" not in json.dumps(search_entries(site))

    # 5. a contributor page added, then removed: its output and search entries go with it
    extra = project / "docs" / "extra-note.md"
    extra.write_text("# Extra note\n\nA page written for the removal check.\n", encoding="utf-8")
    serve_build(project, site)
    assert (site / "extra-note" / "index.html").exists()
    extra.unlink()
    serve_build(project, site)
    assert not (site / "extra-note" / "index.html").exists()
    assert "removal check" not in json.dumps(search_entries(site))
    assert_same_as_clean(project, site, tmp_path)


def test_a_failed_rebuild_leaves_nothing_stale(site_copy: Path, tmp_path: Path) -> None:
    """After a build that stopped on bad input, the next one still rebuilds what changed."""
    project = site_copy
    second, site = first_build(project, tmp_path)
    second.write_text("---\ntitle: [broken\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(Exception):
        serve_build(project, site)
    second.write_text(SECOND.replace("answer in kind", "answer quickly"), encoding="utf-8")
    serve_build(project, site)
    assert "answer quickly" in (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)


def test_make_serve_command_updates_aggregates(site_copy: Path) -> None:
    """The command `make serve` runs (`mkdocs serve --dirty`), end to end: a saved edit reaches
    the quotes page, its export and the search index, and the pages it did not touch keep
    their search entries."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    second = site_copy / "docs" / "sources" / "ministers-trade-words.md"
    second.write_text(SECOND, encoding="utf-8")
    log = (site_copy / "serve.log").open("w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(site_copy / "mkdocs.yml"),
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=site_copy, env=env,
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}/"

    def fetch(path: str) -> str:
        try:
            return urllib.request.urlopen(base + path, timeout=5).read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(path: str, needle: str, limit: float = 60) -> bool:
        end = time.time() + limit
        while time.time() < end:
            if needle in fetch(path):
                return True
            time.sleep(0.2)
        return False

    try:
        assert wait_for("quotes/", "We will answer in kind"), (site_copy / "serve.log").read_text(encoding="utf-8")
        second.write_text(SECOND.replace("answer in kind", "answer in good time"), encoding="utf-8")
        assert wait_for("quotes/", "We will answer in good time")
        assert wait_for("data/quotes.json", "We will answer in good time")
        assert wait_for("search/search_index.json", "answer in good time")
        assert "answer in kind" not in fetch("search/search_index.json")
        index = json.loads(fetch("search/search_index.json"))["docs"]
        locations = [d["location"] for d in index]
        assert len(locations) == len(set(locations)), "duplicate search entries after a rebuild"
        assert any(loc.startswith("sources/china-global-data-security-initiative/") for loc in locations)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_serve_watcher_polls_often(site_copy: Path, tmp_path: Path) -> None:
    """`make serve` notices a save within a tenth of a second, not MkDocs' default half second:
    the hooks' on_serve shortens the polling of the watcher MkDocs set up."""
    from mkdocs.livereload import LiveReloadServer

    config = load_config(config_file=str(site_copy / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(config.docs_dir)
        server.watch(str(site_copy / "hooks"))
        emitters = list(server.observer.emitters)
        assert len(emitters) == 2 and all(e.timeout == 0.5 for e in emitters)  # MkDocs' default
        server = config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert [e.timeout for e in server.observer.emitters] == [0.1, 0.1]
        server.watch(str(site_copy / "overrides"))  # watches added later poll as often
        assert sorted(e.timeout for e in server.observer.emitters) == [0.1, 0.1, 0.1]
    finally:
        server.server_close()


def test_split_quotes_table_rebuilds_only_the_months_an_edit_touches(
        site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the who-said-what table split by month, a quote edit rebuilds its month's page and
    the front page, not the other months (not even one showing a statement that also stands in
    the edited source); a source moved to another month moves its quotes;
    a month left empty loses its page. After each step the site equals a clean build."""
    import explainer.site

    monkeypatch.setattr(explainer.site, "QUOTES_ONE_PAGE_MAX", 3)
    monkeypatch.setattr(explainer.site, "GLOSSARY_SENTENCES_SHOWN", 1)  # term pages too
    project = site_copy
    october = project / "docs" / "sources" / "october-story.md"
    october.write_text(SECOND.replace("2020-09-10", "2020-10-05"), encoding="utf-8")
    site = tmp_path / "site"
    serve_build(project, site)
    sept, octo = site / "quotes" / "2020-09" / "index.html", site / "quotes" / "2020-10" / "index.html"
    front = (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert 'href="2020-10/"' in front and 'href="2020-09/"' in front and "By speaker" in front
    assert "We will answer in kind" in octo.read_text(encoding="utf-8")
    assert "We will answer in kind" not in sept.read_text(encoding="utf-8")
    term = site / "glossary" / "data-security" / "index.html"
    assert "Ministers trade words over cable security" in term.read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)

    sept_mtime = sept.stat().st_mtime_ns
    october.write_text(october.read_text(encoding="utf-8").replace("answer in kind", "answer in kind today"),
                       encoding="utf-8")
    serve_build(project, site)
    assert "answer in kind today" in octo.read_text(encoding="utf-8")
    assert sept.stat().st_mtime_ns == sept_mtime, "a month the edit did not touch was rebuilt"
    assert_same_as_clean(project, site, tmp_path)

    # a September source repeating an October statement: the statement (on October's page)
    # stands in both; a quote added to the September source rebuilds September, not October
    echo = project / "docs" / "sources" / "september-echo.md"
    echo.write_text(october.read_text(encoding="utf-8").replace("2020-10-05", "2020-09-20")
                    .replace("Ministers trade words", "Echoes of ministers"), encoding="utf-8")
    serve_build(project, site)
    assert "Echoes of ministers" in octo.read_text(encoding="utf-8")  # the merged statement's places
    assert_same_as_clean(project, site, tmp_path)
    octo_mtime = octo.stat().st_mtime_ns
    echo.write_text(echo.read_text(encoding="utf-8") + '\n"Talks will go on," Omar Haddad said.\n', encoding="utf-8")
    serve_build(project, site)
    assert "Talks will go on" in sept.read_text(encoding="utf-8")
    assert octo.stat().st_mtime_ns == octo_mtime, "a month whose statements did not change was rebuilt"
    assert_same_as_clean(project, site, tmp_path)
    echo.unlink()
    serve_build(project, site)
    assert "Echoes of ministers" not in octo.read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)

    october.write_text(october.read_text(encoding="utf-8").replace("2020-10-05", "2020-11-05"), encoding="utf-8")
    serve_build(project, site)
    assert not octo.exists(), "the page of a month with no statements left is still there"
    assert "answer in kind today" in (site / "quotes" / "2020-11" / "index.html").read_text(encoding="utf-8")
    assert 'href="2020-11/"' in (site / "quotes" / "index.html").read_text(encoding="utf-8")
    assert "answer in kind today" not in json.dumps([e for e in search_entries(site) if "2020-10" in e])
    assert_same_as_clean(project, site, tmp_path)

    # the October source gone: the term's page no longer lists it
    october.unlink()
    serve_build(project, site)
    assert "Ministers trade words" not in term.read_text(encoding="utf-8")
    assert_same_as_clean(project, site, tmp_path)
