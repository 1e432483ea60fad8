"""MkDocs glue for fast, correct rebuilds under ``mkdocs serve --dirty`` (what ``make serve`` runs).

MkDocs' ``--dirty`` rebuilds a page only when its file looks modified. For the explainer that
is not enough: a page also depends on other files (an edited source changes the quotes page,
a new glossary entry changes the links on every page). So every page gets a key, a digest of
what it is made from plus the site-wide inputs (linker vocabulary, templates, config), written
into its output; here, before pages are built, every output whose key differs from the new one
is removed, and a page with no output is rebuilt. Unchanged pages are not even rendered.
Data files (JSON, CSV) cannot carry a tag: their keys are kept in a small manifest per output
folder in the build cache (``.cache/explainer/outputs/``), written only after a build succeeds.

Material's search plugin keeps the previous index under ``--dirty`` but merges it assuming one
page was rebuilt; ``on_post_build`` hands it the previous entries minus every rebuilt page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import material
import mkdocs
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from explainer.diskcache import DiskCache
from explainer.site import analysis_key
from generated import (BUILD_META, BUILD_META_RE, BUILT_KEY, CACHE_DIR_KEY, INPUTS_KEY, KEYS_FINAL_KEY, KEYS_KEY,
                       WORK_CACHES_KEY, GeneratedFile, digest, require_site)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

FILES_KEY = "_explainer_files"  # this build's files, for the manifest written after it


def site_key(files: Files, config: MkDocsConfig) -> str:
    """A digest of what every page depends on beyond its own content."""
    site = require_site(config, "incremental")
    # the library's code and the linker's vocabulary, then the tools and the site's address
    parts: list[str | bytes] = [site.work_salt, mkdocs.__version__, material.__version__, str(config.site_url)]
    if config.config_file_path and os.path.isfile(config.config_file_path):
        parts.append(Path(config.config_file_path).read_bytes())
    installed = Path(material.__file__).resolve().parent
    for d in config.theme.dirs:  # theme overrides and explainer templates: names, sizes, times
        if Path(d).resolve().is_relative_to(installed):
            continue  # the installed theme is covered by its version
        for root, _dirs, names in sorted(os.walk(d)):
            for n in sorted(names):
                st = os.stat(os.path.join(root, n))
                parts.append(f"{os.path.relpath(os.path.join(root, n), d)}:{st.st_size}:{st.st_mtime_ns}")
    # contributor pages (in the nav or not): adding one can change the navigation of all
    parts.extend(f.src_uri for f in files.documentation_pages() if not isinstance(f, GeneratedFile))
    return digest(*parts)


# MkDocs' file watcher polls every 0.5 s: on average a quarter of a second passes before a
# save is even noticed (a third of a one-second edit budget). Polled every 0.1 s instead; one
# poll of a 1,000-source docs folder takes ~5 ms (~5% of a core while serving; ~0.3 ms for
# tens of sources).
WATCH_POLL_S = 0.1


def on_serve(server: Any, config: MkDocsConfig, builder: Any, **kwargs: Any) -> Any:
    """Poll for changes more often than MkDocs' default. The watcher is watchdog's polling
    observer inside MkDocs' LiveReloadServer; its emitters read their interval on each poll.
    Anything not shaped as expected is left alone (the default still works)."""
    observer = getattr(server, "observer", None)
    for obj in [observer, *getattr(observer, "emitters", ())]:
        if obj is not None and isinstance(getattr(obj, "_timeout", None), (int, float)):
            obj._timeout = min(obj._timeout, WATCH_POLL_S)
    return server


# Last, after every hook has added its pages.
@event_priority(-100)
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    common = site_key(files, config)
    config[FILES_KEY] = files
    keys = config[KEYS_KEY]
    manifest = _manifest_path(config)
    previous, gone = _read_manifest(manifest)
    if manifest is not None:
        manifest.unlink(missing_ok=True)  # rewritten only when this build succeeds
    stale = 0
    for f in files:
        page = f.is_documentation_page()
        if not page and not isinstance(f, GeneratedFile):
            continue
        if f.src_uri in keys:
            key = digest(common, keys[f.src_uri])
        else:  # a contributor page: its own bytes
            try:
                key = digest(common, f.content_bytes)
            except OSError:
                continue  # MkDocs reports unreadable pages itself
        keys[f.src_uri] = key
        dest = f.abs_dest_path
        if page:
            try:
                with open(dest, "rb") as fh:
                    head = fh.read(4096)
            except OSError:
                continue  # no output yet: it will be built
            m = BUILD_META_RE.search(head)
            current = m is not None and m.group(1).decode() == key
        else:
            current = previous.get(f.dest_uri) == key
        if not current and os.path.exists(dest):
            os.remove(dest)  # stale: rebuild it
            stale += 1
    current_dests = {f.dest_uri for f in files}
    for dest_uri in gone:  # outputs of last time's files that are gone (a source or page removed)
        if dest_uri not in current_dests:
            Path(config.site_dir, dest_uri).unlink(missing_ok=True)
    config[KEYS_FINAL_KEY] = True  # every key now covers the site-wide inputs as well
    if stale:
        log.debug(f"{stale} output(s) out of date")
    return files


def _manifest_path(config: MkDocsConfig) -> Path | None:
    cache = config.get(CACHE_DIR_KEY)
    if cache is None:
        return None
    return Path(cache) / "outputs" / f"{digest(os.path.abspath(config.site_dir))}.json"


def _read_manifest(path: Path | None) -> tuple[dict[str, str], list[str]]:
    """(data file -> key, every output) recorded after the last build into this folder."""
    try:
        got = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}, []
    keys = got.get("keys") if isinstance(got, dict) else None
    outs = got.get("outputs") if isinstance(got, dict) else None
    return (keys if isinstance(keys, dict) else {},
            [x for x in outs if isinstance(x, str) and ".." not in x] if isinstance(outs, list) else [])


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs: Any) -> jinja2.Environment:
    """MkDocs makes a new theme environment every build, so Material's templates are compiled
    again on every `serve` rebuild; keep their bytecode in the build cache (Jinja checks each
    template's source before using it)."""
    cache = config.get(CACHE_DIR_KEY)
    if cache is not None and env.bytecode_cache is None:
        folder = Path(cache) / "jinja"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env
        env.bytecode_cache = _BytecodeCache(str(folder))
    return env


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only cache folder: templates are compiled every build, that is all


def on_page_context(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    config[BUILT_KEY].add(page.url)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    key = config[KEYS_KEY].get(page.file.src_uri)
    if key is None or "<head>" not in output:
        return output
    return output.replace("<head>", "<head>" + BUILD_META.format(key), 1)


# Before the search plugin writes its index (default priority 0).
@event_priority(10)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    _merge_search_index(config)
    _write_manifest(config)
    _commit_work_caches(config)


def _commit_work_caches(config: MkDocsConfig) -> None:
    """Keep this build's cached page work. After a build that built every page, first drop
    what it did not use (made from earlier pages, templates or code); a `serve --dirty`
    rebuild keeps everything."""
    files = config.get(FILES_KEY)
    pages = {f.page.url for f in files.documentation_pages() if f.page is not None} if files is not None else set()
    full = bool(pages) and pages <= config[BUILT_KEY]
    gone = sum(c.commit(sweep=full) for c in (config.get(WORK_CACHES_KEY) or {}).values() if c is not None)
    cache = config.get(CACHE_DIR_KEY)
    if full and cache is not None:  # and the analyses of files (or code) no longer there
        gone += DiskCache(Path(cache)).sweep({analysis_key(i.path, i.data) for i in config.get(INPUTS_KEY) or ()})
    if gone:
        log.debug(f"{gone} unused cache entries removed")


def _merge_search_index(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search")
    prev = getattr(search, "search_index_prev", None)
    index = getattr(search, "search_index", None)
    if prev is None or index is None:
        return  # a full build: the index is complete
    built = config[BUILT_KEY]
    files = config.get(FILES_KEY)
    # page urls as Material records them (Page.url: the home page is '', not './')
    pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()} if files is not None else set()
    kept = [e for e in prev.entries if (page := e["location"].split("#", 1)[0]) not in built and page in pages]
    prev.entries = kept + index.entries
    index.entries = []  # Material then takes the merged previous index as it is


def _write_manifest(config: MkDocsConfig) -> None:
    path = _manifest_path(config)
    if path is None:
        return
    files = config.get(FILES_KEY)
    keys = {f.dest_uri: config[KEYS_KEY][f.src_uri] for f in files or []
            if isinstance(f, GeneratedFile) and not f.is_documentation_page() and f.src_uri in config[KEYS_KEY]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.json"):  # forget output folders that are gone (old `serve` runs)
            try:
                if not os.path.isdir(json.loads(old.read_text(encoding="utf-8")).get("site_dir", "")):
                    old.unlink()
            except (OSError, ValueError, AttributeError):
                old.unlink(missing_ok=True)
        outs = [f.dest_uri for f in files or []]  # every output: what is gone next time is deleted
        path.write_text(json.dumps({"site_dir": os.path.abspath(config.site_dir), "keys": keys, "outputs": outs}),
                        encoding="utf-8")
    except OSError:
        pass  # a read-only checkout: data files are simply rewritten every build
