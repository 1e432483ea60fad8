"""MkDocs glue for "who said what": the /quotes/ table (a page per month when it is long) and its exports.

All pages come from the site model built in ``site_model.on_files`` (so they stay whole
under ``mkdocs serve`` and ``--dirty``); this hook only turns it into files.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.exports import quotes_csv, quotes_json
from explainer.render import Renderer
from generated import add_generated, require_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = require_site(config, "quotes")
    renderer = Renderer(config.theme.dirs)
    add_generated(files, config, "quotes/index.md", lambda: renderer.quotes_page(site), key=site.quotes_key)
    for qm in site.quote_months:  # a page per month once the table is too long for one
        add_generated(files, config, qm.src_uri, partial(renderer.quote_month_page, qm, site),
                      key=site.quote_month_key(qm))
    add_generated(files, config, "data/quotes.json", lambda: quotes_json(site), key=site.quotes_key)
    add_generated(files, config, "data/quotes.csv", lambda: quotes_csv(site), key=site.quotes_key)
    doubts = sum(1 for s in site.sources for p in s.extraction.problems if p.level == "info")
    # (counts that cost nothing: statements are grouped only when the quotes page is built)
    log.info(f"{len(site.places)} quotes; "
             f"{doubts} extraction notes (run 'explainer extract' on a source to see them)")
    return files
