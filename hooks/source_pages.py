"""MkDocs glue for the explainer pages: one page per file in docs/sources/, and the index.

The sources are read and analysed in ``on_files`` (not in page events) so that every page
derived from them stays complete under ``mkdocs serve`` and ``--dirty`` rebuilds. The
analysis is cached by file content inside the library, so an unchanged source costs
nothing on a rebuild.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from explainer.model import Problem
from explainer.render import Renderer
from explainer.site import SOURCES_DIR, STATE_KEY, SiteModel, SourceInput, build_site_model

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)

def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    config[STATE_KEY] = None  # A new build starts with no model.
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    root = Path(config.config_file_path or config.docs_dir).resolve().parent
    inputs: list[SourceInput] = []
    originals: list[File] = []
    for f in files:
        if not _is_source(f):
            continue
        assert f.abs_src_path is not None
        shown = os.path.relpath(f.abs_src_path, root)
        try:
            data = Path(f.abs_src_path).read_bytes()
        except OSError as e:
            raise PluginError(f"Error reading source '{shown}': {e.strerror or e}") from e
        inputs.append(SourceInput(shown, f.src_uri, data))
        originals.append(f)

    site, problems = build_site_model(inputs, use_directory_urls=config.use_directory_urls)
    _report(problems)
    try:
        renderer = Renderer(config.theme.dirs)
    except FileNotFoundError as e:
        raise PluginError(f"Explainer templates missing: {e}") from e

    for f in originals:
        files.remove(f)
    for item in site.sources:
        files.append(File.generated(config, item.src_uri, content=renderer.source_page(item, site)))
    if files.get_file_from_path(f"{SOURCES_DIR}/index.md") is None:
        files.append(File.generated(config, f"{SOURCES_DIR}/index.md", content=renderer.sources_index(site)))
    config[STATE_KEY] = site
    log.info(f"{len(site.sources)} sources, {sum(len(s.extraction.document.sentences) for s in site.sources)} sentences")
    return files


def _is_source(f: File) -> bool:
    return (
        f.src_uri.startswith(f"{SOURCES_DIR}/")
        and f.src_uri.endswith(".md")
        and f.src_uri != f"{SOURCES_DIR}/index.md"
        and f.abs_src_path is not None
        and not f.generated_by
    )


def _report(problems: list[Problem]) -> None:
    """Errors stop the build in one message; warnings fail strict builds; infos are notes."""
    errors = [p for p in problems if p.level == "error"]
    for p in problems:
        if p.level == "warning":
            log.warning(str(p))
        elif p.level == "info":
            log.info(str(p))
    if errors:
        lines = "\n".join(f"  {p}" for p in sorted(errors, key=lambda p: (p.path, p.line or 0)))
        raise PluginError(f"{len(errors)} problem(s) in the sources:\n{lines}")


def site_model(config: MkDocsConfig) -> SiteModel | None:
    """This build's site model, for the other explainer hooks."""
    value = config.get(STATE_KEY)
    return value if isinstance(value, SiteModel) else None
