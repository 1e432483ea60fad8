"""MkDocs glue: read every source and glossary entry once per build into the site model.

It runs first (``hooks:`` order) and keeps the model in the config for the feature hooks.
The inputs are read in ``on_files``, never in page events, so every page derived from them
stays complete under ``mkdocs serve`` and ``--dirty`` rebuilds; the analysis is cached by file
content inside the library, so unchanged sources cost nothing on a rebuild.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from explainer.curated import INITIATIVES_DIR
from explainer.glossary import GLOSSARY_DIR
from explainer.model import Problem
from explainer.site import SOURCES_DIR, STATE_KEY, SourceInput, build_site_model
from generated import (BLOCKS_KEY, BUILT_KEY, CACHE_DIR_KEY, INPUTS_KEY, KEYS_FINAL_KEY, KEYS_KEY, SEARCH_HTML_KEY,
                       TAKEN_KEY, WORK_CACHES_KEY, GeneratedFile, work_cache)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    config[STATE_KEY] = None  # a new build starts with no model
    config[BLOCKS_KEY] = {}  # and no HTML blocks set aside
    config[KEYS_KEY] = {}  # nor page keys (see hooks/incremental.py)
    config[BUILT_KEY] = set()
    config[CACHE_DIR_KEY] = None
    config[TAKEN_KEY] = None
    config[SEARCH_HTML_KEY] = {}
    config[WORK_CACHES_KEY] = {}
    config[KEYS_FINAL_KEY] = False
    config[INPUTS_KEY] = ()
    return config


def _read_inputs(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    with _collector_paused():
        return _read(files, config)


def _read(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path or config.docs_dir).resolve().parent
    sources: list[SourceInput] = []
    glossary: list[tuple[str, bytes]] = []
    curated: list[tuple[str, bytes]] = []
    for f in list(files):
        kind = _input_kind(f)
        if kind is None:
            continue
        assert f.abs_src_path is not None
        shown = os.path.relpath(f.abs_src_path, root)
        try:
            data = Path(f.abs_src_path).read_bytes()
        except OSError as e:
            raise PluginError(f"Error reading '{shown}': {e.strerror or e}") from e
        if kind == "source":
            sources.append(SourceInput(shown, f.src_uri, data))
        elif kind == "glossary":
            glossary.append((shown, data))
        else:
            curated.append((shown, data))
        files.remove(f)  # an input, not a page: the feature hooks generate the pages
    # Analyses are cached on disk by content (and code version) next to mkdocs.yml, so a new
    # build or a restarted `mkdocs serve` only re-reads the sources that changed.
    cache = None if os.environ.get("EXPLAINER_NO_CACHE") else root / ".cache" / "explainer"
    config[CACHE_DIR_KEY] = cache
    config[INPUTS_KEY] = tuple(sources)
    site, problems = build_site_model(sources, use_directory_urls=config.use_directory_urls,
                                      glossary_files=glossary, initiative_files=curated, cache_dir=cache,
                                      work=work_cache(config, "terms"))
    _report(problems)
    config[STATE_KEY] = site
    sentences = sum(len(s.extraction.document.sentences) for s in site.sources)
    log.info(f"{len(site.sources)} sources, {sentences} sentences, {len(site.glossary.definitions)} glossary "
             f"entries, {len(site.initiatives)} initiatives, {len(site.entities)} entities")
    return files


@event_priority(-300)  # after every hook's on_files: the model and the pages to make are all there
def _set_model_aside(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    """What exists now lives until the build ends (the site model, its keys, the files):
    the collector need not walk it again on every full collection while the pages are
    rendered. ``on_post_build`` (or ``on_build_error``) hands it back."""
    gc.freeze()
    return files


on_files = CombinedEvent(_read_inputs, _set_model_aside)


# How the build treats Python's cycle collector, all here: a higher threshold, the analyses read
# with it paused and then frozen out of its walks for the build, a full collection after each
# build, and none at exit (on_shutdown).
# The collector runs every 700 allocations by default, each time re-scanning young objects a
# large site model keeps producing. Measured at 1,000 sources over 50 serve rebuilds: 0.75 s a
# rebuild at the default, 0.55 s at 10,000 (peak memory 327 -> 406 MB).
GC_THRESHOLD = (10_000, 10, 10)


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    gc.set_threshold(*GC_THRESHOLD)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading ~1,000 cached analyses makes ~200,000 objects and no garbage: without the
    cycle collector running in between (three passes over everything, ~0.15 s)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # set aside unwalked (see _set_model_aside)
        if was:
            gc.enable()


# Under `mkdocs serve` each rebuild leaves the last build's model behind as cyclic garbage
# (~55,000 objects, ~20 MB at 1,000 sources) that CPython's own schedule did not collect:
# 16 rebuilds grew the process from 150 to 460 MB. A full collection shortly after each build,
# when the reader has the page, keeps it flat (~0.1-0.2 s of work that no one waits for).
IDLE_COLLECT_S = 1.0


def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    gc.unfreeze()  # the model can go when the next `mkdocs serve` build replaces it
    timer = threading.Timer(IDLE_COLLECT_S, gc.collect)
    timer.daemon = True  # `mkdocs build` exits without waiting for it
    timer.start()


def on_build_error(**kwargs: Any) -> None:
    gc.unfreeze()


def _input_kind(f: File) -> str | None:
    if f.abs_src_path is None or f.generated_by or not f.src_uri.endswith(".md"):
        return None
    if f.src_uri.startswith(f"{SOURCES_DIR}/") and f.src_uri != f"{SOURCES_DIR}/index.md":
        return "source"
    if f.src_uri.startswith(f"{GLOSSARY_DIR}/") and f.src_uri != f"{GLOSSARY_DIR}/index.md":
        return "glossary"
    if f.src_uri.startswith(f"{INITIATIVES_DIR}/") and f.src_uri != f"{INITIATIVES_DIR}/index.md":
        return "initiative"
    return None


def _report(problems: list[Problem]) -> None:
    """Errors stop the build in one message; warnings fail strict builds; infos are notes."""
    errors = [p for p in problems if p.level == "error"]
    for p in problems:
        if p.level == "warning":
            log.warning(str(p))
        elif p.level == "info":
            log.debug(str(p))
    if errors:
        lines = "\n".join(f"  {p}" for p in sorted(errors, key=lambda p: (p.path, p.line or 0)))
        raise PluginError(f"{len(errors)} problem(s) in the content:\n{lines}")


# First, so every other hook sees the page's front matter.
@event_priority(100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """A generated page's front matter comes as data, not YAML in its text (see
    ``explainer.render.MarkdownPage``)."""
    if isinstance(page.file, GeneratedFile) and page.file.meta is not None:
        page.meta = dict(page.file.meta)
    return markdown


def on_shutdown(**kwargs: Any) -> None:
    """The `mkdocs` process is about to exit: keep CPython's last collection from walking
    every object the build made (~280,000 at 1,000 sources: ~0.8 s) only to free memory the
    OS takes back anyway. MkDocs sends this once, after the last build of `mkdocs build` or
    `mkdocs serve`, never to a build run in-process (tests, `build()`)."""
    gc.freeze()
