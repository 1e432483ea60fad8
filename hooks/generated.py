"""Helpers shared by the explainer hooks (not a hook itself: it has no event functions).

Incremental builds: every page the build writes carries a key (a digest of what it was made
from, plus the site-wide inputs every page depends on) in a ``<meta name="explainer-build">``
tag. ``incremental.on_files`` removes the outputs whose key changed; a page whose output is missing
is rebuilt, the others are left as they are under ``mkdocs serve --dirty``. A normal build
cleans ``site/`` first, so every page is built.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from explainer.blocks import split_blocks
from explainer.diskcache import MISS, WorkCache, cache_key
from explainer.render import MarkdownPage
from explainer.site import STATE_KEY, SiteModel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


# Per-build stores in the config (all reset in site_model.on_config):
BLOCKS_KEY = "_explainer_blocks"  # page src_uri -> raw HTML blocks kept out of Markdown
KEYS_KEY = "_explainer_keys"  # page src_uri -> digest of what the page is made from
BUILT_KEY = "_explainer_built"  # urls of the pages built in this run (for the search index)
CACHE_DIR_KEY = "_explainer_cache_dir"  # the build cache folder, or None
SEARCH_HTML_KEY = "_explainer_search_html"  # page url -> full HTML while the search plugin sees a light copy
TAKEN_KEY = "_explainer_taken"  # src_uris already used (contributor files and generated ones)
WORK_CACHES_KEY = "_explainer_work_caches"  # name -> DiskCache of this build (see work_cache)
KEYS_FINAL_KEY = "_explainer_keys_final"  # True once incremental.on_files made KEYS_KEY cover site-wide inputs
INPUTS_KEY = "_explainer_inputs"  # this build's sources (SourceInput), for sweeping old analyses

T = TypeVar("T")

# The key a built page carries: '<meta name="explainer-build" content="3f9a...">'
BUILD_META = '<meta name="explainer-build" content="{}">'
BUILD_META_RE: re.Pattern[bytes] = re.compile(rb'<meta name="explainer-build" content="([0-9a-f]+)">')


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:32]


def work_cache(config: MkDocsConfig, name: str) -> WorkCache | None:
    """This build's cache of one kind of page work ('links', 'search', 'pages') in the build
    cache (.cache/explainer/work-<name>.sqlite), or None when builds run without a cache.
    Entries are keyed by digests of their inputs; ``incremental.on_post_build`` keeps this
    build's writes and, after a full build, drops the entries it did not use."""
    caches = config.get(WORK_CACHES_KEY)
    if caches is None:
        caches = config[WORK_CACHES_KEY] = {}
    if name not in caches:
        root = config.get(CACHE_DIR_KEY)
        caches[name] = WorkCache(Path(root) / f"work-{name}.sqlite") if root is not None else None
    return caches[name]


def cached_work(config: MkDocsConfig, name: str, key_parts: Callable[[], tuple[str | bytes, ...]],
                compute: Callable[[], T], accept: Callable[[object], bool]) -> T:
    """``compute()``, or the value a previous build stored under the same key in the ``name``
    work cache (``accept`` checks its shape); the key is made only when there is a cache."""
    cache = work_cache(config, name)
    if cache is None:
        return compute()
    key = cache_key(*key_parts())
    got = cache.get(key)
    if got is not MISS and accept(got):
        return got
    value = compute()
    cache.put(key, value)
    return value


class GeneratedFile(File):
    """A generated page or data file. Its content may be rendered lazily (only when MkDocs
    reads it), and under ``--dirty`` it is rebuilt only when its output is missing."""

    _render: Callable[[], str] | None = None
    meta: dict[str, Any] | None = None
    """A generated page's front matter, handed to MkDocs by ``site_model.on_page_markdown``."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)

    def _materialise(self) -> None:
        if self._content is None and self._render is not None:
            self._content = self._render()
            self._render = None

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        self._materialise()
        super().copy_file(dirty)

    @property
    def content_string(self) -> str:
        self._materialise()
        return File.content_string.fget(self)  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._render = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        self._materialise()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._render = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]


Content = str | MarkdownPage  # what a generated file is made of: text, or a page with front matter


def add_generated(files: Files, config: MkDocsConfig, src_uri: str, content: Content | Callable[[], Content],
                  key: str | None = None) -> None:
    """Add a generated page or data file; a contributor file at the same place is an error.

    ``content`` is the text, or a function that renders it when the page is read; then
    ``key`` must be a digest of everything that function reads. A page's raw HTML blocks are
    set aside and restored by ``links.on_page_content``.
    """
    taken = config.get(TAKEN_KEY)
    if taken is None:  # first call of this build (a set: Files.get_file_from_path is slow in a loop)
        taken = config[TAKEN_KEY] = {f.src_uri for f in files}
    if src_uri in taken:
        raise PluginError(f"'{src_uri}' is generated by the build: remove docs/{src_uri}")
    taken.add(src_uri)
    if isinstance(content, MarkdownPage):
        key = digest(repr(content.meta), content.body)
    elif isinstance(content, str):
        key = digest(content)
    elif key is None:
        raise ValueError(f"{src_uri}: a lazily rendered file needs a key")
    config[KEYS_KEY][src_uri] = key
    blocks_store = config[BLOCKS_KEY]

    f = GeneratedFile.generated(config, src_uri, content="")
    assert isinstance(f, GeneratedFile)

    def prepared(page: Content) -> str:
        if isinstance(page, MarkdownPage):
            f.meta = page.meta
            page = page.body
        if not src_uri.endswith(".md"):
            return page
        text, blocks = split_blocks(page)
        blocks_store[src_uri] = blocks
        return text

    if not callable(content):
        f._content = prepared(content)
    else:
        render = content
        f._content = None
        f._render = lambda: prepared(_cached_render(config, src_uri, render))
    files.append(f)


def _cached_render(config: MkDocsConfig, src_uri: str, render: Callable[[], Content]) -> Content:
    """``render()``, or what a previous build rendered for the same key. Only once the key
    covers the site-wide inputs too (templates, code, config: ``incremental.on_files``)."""
    page_key = config[KEYS_KEY].get(src_uri) if config.get(KEYS_FINAL_KEY) else None
    if page_key is None:
        return render()
    return cached_work(config, "pages", lambda: (src_uri, page_key),  # files made from the same inputs share a page key
                       render, lambda got: isinstance(got, (str, MarkdownPage)))


def require_site(config: MkDocsConfig, hook: str) -> SiteModel:
    """This build's site model; a clear error when hooks/site_model.py is not listed first."""
    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        raise PluginError(f"hooks/{hook}.py needs hooks/site_model.py listed before it under 'hooks:'")
    return site
