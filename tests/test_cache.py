"""The on-disk caches (analyses; linking, search sections and rendered pages): keyed by content
and code version, safe to lose or corrupt, never a reason for a different site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from explainer.site import analyse

DATA = b"---\ntitle: T\npublished: 2020-09-08\n---\n\n\"We act,\" said Omar Haddad on Tuesday.\n"


def test_cache_roundtrip_and_corruption(tmp_path: Path) -> None:
    first = analyse("docs/sources/a.md", DATA, tmp_path)
    files = list(tmp_path.rglob("*.pickle"))
    assert len(files) == 1
    again = analyse("docs/sources/a.md", DATA, tmp_path)
    assert again[1] is not None and first[1] is not None
    assert again[1].to_json() == first[1].to_json()
    files[0].write_bytes(b"not a pickle")
    third = analyse("docs/sources/a.md", DATA, tmp_path)
    assert third[1] is not None and third[1].to_json() == first[1].to_json()
    # other content, other entry
    analyse("docs/sources/a.md", DATA.replace(b"Tuesday", b"Monday"), tmp_path)
    assert len(list(tmp_path.rglob("*.pickle"))) == 2


def test_full_build_sweeps_analyses_of_removed_sources_and_old_code(tmp_path: Path) -> None:
    """Analyses are kept per file content and code version; a full build removes the ones no
    source of this build needs (a removed or edited source, an older library), nothing else."""
    from conftest import SECOND_SOURCE, copy_project, run_build

    proj = copy_project(tmp_path / "proj")
    second = proj / "docs" / "sources" / "ministers-trade-words.md"
    second.write_text(SECOND_SOURCE, encoding="utf-8")
    cache = proj / ".cache" / "explainer"
    old = cache / "ab" / ("ab" + "0" * 62 + ".pickle")  # an analysis made by other code
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    assert run_build(proj).returncode == 0
    sources = len([f for f in (proj / "docs" / "sources").glob("*.md") if f.name != "index.md"])
    assert sources >= 2
    assert not old.exists()
    assert len(list(cache.rglob("*.pickle"))) == sources
    second.unlink()
    assert run_build(proj).returncode == 0
    assert len(list(cache.rglob("*.pickle"))) == sources - 1
    assert list(cache.glob("work-*.sqlite"))  # the rest of the cache is left alone


def test_unwritable_cache_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    got = analyse("docs/sources/a.md", DATA, blocker / "cache")  # cannot create a folder under a file
    assert got[0] is not None


def test_work_cache_keeps_a_builds_writes_and_sweeps_what_it_did_not_use(tmp_path: Path) -> None:
    from explainer.diskcache import MISS, WorkCache, cache_key

    assert cache_key("a", "b") != cache_key("ab") != cache_key("a", "b", "")
    db = tmp_path / "work.sqlite"
    first = WorkCache(db)
    assert first.get("k1") is MISS
    first.put("k1", ("x", [1]))
    first.put("k2", "y")
    assert first.commit() == 0
    second = WorkCache(db)
    assert second.get("k1") == ("x", [1]) and second.get("k2") == "y"
    second.put("k3", "z")
    second.commit()  # not a full build: nothing swept
    third = WorkCache(db)
    assert third.get("k3") == "z"
    assert third.commit(sweep=True) == 2  # k1 and k2 were not used by this build
    fourth = WorkCache(db)
    assert fourth.get("k1") is MISS and fourth.get("k3") == "z"
    fourth.put("k4", "w")
    del fourth  # a failed build: its writes are not kept
    assert WorkCache(db).get("k4") is MISS


def test_work_cache_never_fails_a_build(tmp_path: Path) -> None:
    from explainer.diskcache import MISS, WorkCache

    blocked = tmp_path / "file"
    blocked.write_text("x")
    ro = WorkCache(blocked / "work.sqlite")  # cannot make a folder under a file
    ro.put("k", 1)
    assert ro.get("k") is MISS and ro.commit(sweep=True) == 0
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not a database" * 100)
    bad = WorkCache(damaged)  # a file that is not a database is replaced by an empty cache
    assert bad.get("k") is MISS
    bad.put("k", 1)
    bad.commit()
    assert WorkCache(damaged).get("k") == 1
    held = WorkCache(tmp_path / "shared.sqlite")
    held.put("a", 1)  # holds the write lock, as a build in another process would
    other = WorkCache(tmp_path / "shared.sqlite")
    other.put("b", 2)  # waits once, then stops writing
    other.put("c", 3)
    assert other.get("a") is MISS and other.commit() == 0
    held.commit()
    assert WorkCache(tmp_path / "shared.sqlite").get("a") == 1


def test_builds_with_a_warm_work_cache_equal_builds_without(tmp_path: Path) -> None:
    """Linking, search sections, glossary scans and rendered pages reused from the last full build: after
    edits to a source, a glossary entry and a template, the site is byte for byte what a build
    with no cache writes; the entries the edits made useless are swept."""
    from conftest import SECOND_SOURCE, copy_project, run_build

    proj = copy_project(tmp_path / "proj")
    second = proj / "docs" / "sources" / "ministers-trade-words.md"
    second.write_text(SECOND_SOURCE, encoding="utf-8")
    assert run_build(proj).returncode == 0
    cache = proj / ".cache" / "explainer"
    first = {name: _keys(cache / f"work-{name}.sqlite") for name in ("pages", "links", "search", "terms", "html")}
    assert all(first.values())

    second.write_text(SECOND_SOURCE.replace("answer in kind", "answer at once"), encoding="utf-8")
    entry = proj / "docs" / "glossary" / "data-security.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nEdited for the cache test.\n", encoding="utf-8")
    template = proj / "overrides" / "explainer" / "quotes.md"
    template.write_text(template.read_text(encoding="utf-8").replace("# Who said what\n", "# Who said what (edited)\n"),
                        encoding="utf-8")
    res = run_build(proj)
    assert res.returncode == 0 and "WARNING" not in res.stderr, res.stderr
    warm = {str(p.relative_to(proj / "site")): p.read_bytes() for p in (proj / "site").rglob("*") if p.is_file()}
    env_cold = {**os.environ, "EXPLAINER_NO_CACHE": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(proj / "mkdocs.yml"),
                    "--site-dir", str(tmp_path / "nocache")], env=env_cold, check=True, capture_output=True,
                   cwd=tmp_path)
    cold = {str(p.relative_to(tmp_path / "nocache")): p.read_bytes() for p in (tmp_path / "nocache").rglob("*")
            if p.is_file()}
    assert sorted(warm) == sorted(cold)
    assert [k for k in warm if warm[k] != cold[k]] == []
    page = warm["quotes/index.html"].decode()
    assert "Who said what (edited)" in page and "answer at once" in page
    assert "Edited for the cache test." in warm["glossary/index.html"].decode()
    for name, keys in first.items():
        assert keys - _keys(cache / f"work-{name}.sqlite"), f"{name}: nothing the edits made useless was swept"


def test_reused_conversions_keep_titles_anchors_and_every_link_warning(tmp_path: Path) -> None:
    """A page converted from Markdown in an earlier build is reused only with the same text,
    place and link targets: its title (from its heading), its anchors and its links to other
    pages' anchors come back with it, and a link that broke since then, or was broken all
    along, is reported on every build."""
    from conftest import copy_project

    proj = copy_project(tmp_path / "proj")
    docs = proj / "docs"
    (docs / "notes.md").write_text("# Reading notes\n\nSee [the target](target.md#second-part).\n\n## Mine\n",
                                   encoding="utf-8")
    target = docs / "target.md"
    target.write_text("# Target\n\n## Second part\n\nText.\n", encoding="utf-8")
    (docs / "broken.md").write_text("# Broken\n\nA [lost page](lost.md).\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build() -> str:
        res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(proj / "mkdocs.yml")],
                             capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert res.returncode == 0, res.stderr
        return res.stderr

    lost = "'broken.md' contains a link 'lost.md', but the target is not found"
    first = build()
    assert lost in first and "'notes.md' contains" not in first
    html_db = proj / ".cache" / "explainer" / "work-html.sqlite"
    stored = _keys(html_db)
    second = build()  # everything reused but the page that logged a warning
    assert lost in second and "'notes.md' contains" not in second
    assert _keys(html_db) == stored
    page = (proj / "site" / "notes" / "index.html").read_text(encoding="utf-8")
    assert "<title>Reading notes - Explainer</title>" in page and 'id="mine"' in page
    assert 'href="../target/#second-part"' in page

    target.write_text("# Target\n\nNo parts now.\n", encoding="utf-8")  # notes.md is reused as it was
    third = build()
    assert "'notes.md' contains a link 'target.md#second-part', but the doc 'target.md' does not contain an " \
           "anchor '#second-part'" in third, third
    target.unlink()
    fourth = build()
    assert "'notes.md' contains a link 'target.md#second-part', but the target 'target.md' is not found" in fourth, fourth


def test_no_conversion_is_reused_with_an_extension_that_reads_other_files(tmp_path: Path) -> None:
    """pymdownx.snippets puts other files' text into a page: its Markdown alone no longer says
    what the page is, so no conversion is stored (each build converts every page)."""
    from conftest import copy_project, run_build

    proj = copy_project(tmp_path / "proj")
    yml = proj / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - pymdownx.superfences\n",
                                                            "  - pymdownx.superfences\n  - pymdownx.snippets\n"),
                   encoding="utf-8")
    assert "pymdownx.snippets" in yml.read_text(encoding="utf-8")
    res = run_build(proj)
    assert res.returncode == 0, res.stderr
    html_db = proj / ".cache" / "explainer" / "work-html.sqlite"
    assert not html_db.exists() or _keys(html_db) == set()
    assert _keys(proj / ".cache" / "explainer" / "work-links.sqlite")  # the rest of the cache works


def _keys(db: Path) -> set[str]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return {k for (k,) in con.execute("SELECT key FROM work")}
    finally:
        con.close()


def test_installed_distributions_name_the_packages_that_convert_pages() -> None:
    """Part of the Markdown cache's key: the packages with their versions (listed once a process)."""
    import markdown
    import mkdocs

    from explainer.diskcache import installed_distributions

    listed = installed_distributions()
    assert repr(("mkdocs", mkdocs.__version__)) in listed
    assert repr(("Markdown", markdown.__version__)) in listed or repr(("markdown", markdown.__version__)) in listed
    assert installed_distributions() is listed
