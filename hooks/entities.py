"""MkDocs glue for people, organisations and countries: one page each, an index per kind,
and the export. Entity pages stay out of the sidebar (``not_in_nav``) so the nav stays small."""

from __future__ import annotations

from functools import partial
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
    keys = {}
    for e in site.entities.values():
        keys[e.src_uri] = site.entity_key(e)
        add_generated(files, config, e.src_uri, partial(renderer.entity_page, e, site), key=keys[e.src_uri])
    for section in SECTIONS.values():
        shown = [(e, len(site.entity_places(e))) for e in site.entities.values() if e.section == section]
        add_generated(files, config, f"{section}/index.md", partial(renderer.entity_index, section, site),
                      key=site.digest(section, shown))
    add_generated(files, config, "data/entities.json", lambda: entities_json(site), key=site.digest(sorted(keys.items())))
    return files
