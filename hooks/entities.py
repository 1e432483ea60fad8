"""MkDocs glue for people, organisations and countries: one page each, an index per kind,
and the export. Entity pages stay out of the sidebar (``not_in_nav``) so the nav stays small."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.entities import SECTIONS
from explainer.exports import entities_json
from explainer.render import Renderer
from explainer.site import STATE_KEY, SiteModel
from generated import add_generated

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        raise PluginError("hooks/entities.py needs hooks/site_model.py listed before it under 'hooks:'")
    renderer = Renderer(config.theme.dirs)
    for e in site.entities.values():
        add_generated(files, config, e.src_uri, renderer.entity_page(e, site))
    for section in SECTIONS.values():
        add_generated(files, config, f"{section}/index.md", renderer.entity_index(section, site))
    add_generated(files, config, "data/entities.json", entities_json(site))
    return files
