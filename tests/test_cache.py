"""The on-disk analysis cache: keyed by content and code version, safe to lose or corrupt."""

from __future__ import annotations

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
