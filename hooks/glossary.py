"""MkDocs glue for the glossary: the /glossary/ page, a page per much-used term, its export and the
missing-terms note."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.exports import glossary_json
from explainer.render import Renderer
from generated import add_generated, require_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = require_site(config, "glossary")
    renderer = Renderer(config.theme.dirs)
    add_generated(files, config, "glossary/index.md", lambda: renderer.glossary_page(site), key=site.glossary_key)
    for d in site.term_pages():  # a term used too often for the glossary to list every sentence
        add_generated(files, config, site.term_page_uri(d), partial(renderer.term_page, d, site), key=site.glossary_key)
    add_generated(files, config, "data/glossary.json", lambda: glossary_json(site), key=site.glossary_key)
    missing = site.missing_terms()
    if missing:
        top = ", ".join(f"{t} ({n})" for t, n, _ in missing[:8])
        log.info(f"{len(missing)} term candidates have no glossary entry, e.g. {top}; "
                 "see 'explainer glossary --missing'")
    return files
