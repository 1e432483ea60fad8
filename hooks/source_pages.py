"""MkDocs glue for the explainer pages: one page per source, and the sources index."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.render import Renderer
from explainer.site import SOURCES_DIR
from generated import add_generated, require_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = require_site(config, "source_pages")
    try:
        renderer = Renderer(config.theme.dirs)
    except FileNotFoundError as e:
        raise PluginError(f"Explainer templates missing: {e}") from e
    for item in site.sources:
        # rendered only if MkDocs reads the page: under `serve --dirty` unchanged pages are not
        add_generated(files, config, item.src_uri, partial(renderer.source_page, item, site),
                      key=renderer.source_key(item, site))
    if files.get_file_from_path(f"{SOURCES_DIR}/index.md") is None:
        add_generated(files, config, f"{SOURCES_DIR}/index.md", lambda: renderer.sources_index(site),
                      key=site.digest([(s.card, s.source.meta) for s in site.sources]))
    return files
