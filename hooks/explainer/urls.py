"""Page URLs the way MkDocs computes them, and relative links between pages."""

from __future__ import annotations

import posixpath
from functools import lru_cache


@lru_cache(maxsize=65536)
def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """'sources/x.md' -> 'sources/x/' (or 'sources/x.html'); 'sources/index.md' -> 'sources/'."""
    stem, _ = posixpath.splitext(src_uri)
    head, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{head}/" if head else ""
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(from_url: str, to_url: str, anchor: str | None = None) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    to_dir, to_name = (to_url, "") if to_url.endswith("/") or not to_url else posixpath.split(to_url)
    out = _relative_dir(from_dir, to_dir) + to_name or "./"
    return f"{out}#{anchor}" if anchor else out


@lru_cache(maxsize=65536)
def _relative_dir(from_dir: str, to_dir: str) -> str:
    """'../glossary/' from 'sources/x/' to 'glossary/' (a pure function: memoised)."""
    rel = posixpath.relpath("/" + to_dir, "/" + from_dir)
    return "" if rel == "." else rel + "/"
