"""MkDocs glue for people, organisations and countries: one page each, an index per kind,
and the export. Entity pages stay out of the sidebar (``not_in_nav``) so the nav stays small."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.entities import SECTIONS
from explainer.exports import entities_json
from explainer.render import Renderer
from generated import add_generated, require_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = require_site(config, "entities")
    renderer = Renderer(config.theme.dirs)
    for e in site.entities.values():
        add_generated(files, config, e.src_uri, renderer.entity_page(e, site))
    for section in SECTIONS.values():
        add_generated(files, config, f"{section}/index.md", renderer.entity_index(section, site))
    add_generated(files, config, "data/entities.json", entities_json(site))
    return files
