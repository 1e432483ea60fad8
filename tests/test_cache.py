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


def test_unwritable_cache_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    got = analyse("docs/sources/a.md", DATA, blocker / "cache")  # cannot create a folder under a file
    assert got[0] is not None


def test_disk_cache_misses_on_damage_and_sweeps_what_was_not_used(tmp_path: Path) -> None:
    from explainer.diskcache import MISS, DiskCache, cache_key

    assert cache_key("a", "b") != cache_key("ab") != cache_key("a", "b", "")
    c = DiskCache(tmp_path / "work")
    assert c.get("k1") is MISS
    c.put("k1", ("x", [1]))
    c.put("k2", "y")
    assert DiskCache(tmp_path / "work").get("k1") == ("x", [1])
    next((tmp_path / "work").rglob("k2.pickle")).write_bytes(b"\x80garbage")
    assert DiskCache(tmp_path / "work").get("k2") is MISS
    later = DiskCache(tmp_path / "work")
    later.get("k1")  # used in this build; k2 not
    assert later.sweep() == 1 and later.get("k1") == ("x", [1])
    blocked = tmp_path / "file"
    blocked.write_text("x")
    ro = DiskCache(blocked / "work")  # cannot make a folder under a file: every put is a no-op
    ro.put("k", 1)
    assert ro.get("k") is MISS and ro.sweep() == 0


def test_builds_with_a_warm_work_cache_equal_builds_without(tmp_path: Path) -> None:
    """Linking, search sections and rendered pages reused from the last full build: after
    edits to a source, a glossary entry and a template, the site is byte for byte what a build
    with no cache writes; the entries the edits made useless are swept."""
    from conftest import SECOND_SOURCE, copy_project, run_build

    proj = copy_project(tmp_path / "proj")
    second = proj / "docs" / "sources" / "ministers-trade-words.md"
    second.write_text(SECOND_SOURCE, encoding="utf-8")
    assert run_build(proj).returncode == 0
    work = proj / ".cache" / "explainer" / "work"
    first = {p.name for p in work.rglob("*.pickle")}
    assert {p.name for p in (work / "pages").rglob("*.pickle")} and (work / "links").is_dir() and (work / "search").is_dir()

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
    assert first - {p.name for p in work.rglob("*.pickle")}, "nothing the edits made useless was swept"
