"""MkDocs glue for "who said what": the /quotes/ table and its exports.

All pages come from the site model built in ``source_pages.on_files`` (so they stay whole
under ``mkdocs serve`` and ``--dirty``); this hook only turns it into files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from explainer.exports import quotes_csv, quotes_json
from explainer.render import Renderer
from explainer.site import STATE_KEY, SiteModel
from generated import add_generated

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        raise PluginError("hooks/quotes.py needs hooks/source_pages.py listed before it under 'hooks:'")
    renderer = Renderer(config.theme.dirs)
    _add(files, config, "quotes/index.md", renderer.quotes_page(site))
    _add(files, config, "data/quotes.json", quotes_json(site))
    _add(files, config, "data/quotes.csv", quotes_csv(site))
    doubts = sum(1 for s in site.sources for p in s.extraction.problems if p.level == "info")
    log.info(f"{len(site.places)} quotes, {len(site.statements)} statements; "
             f"{doubts} extraction notes (run 'explainer extract' on a source to see them)")
    return files


def _add(files: Files, config: MkDocsConfig, src_uri: str, content: str) -> None:
    add_generated(files, config, src_uri, content)
