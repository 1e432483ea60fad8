"""MkDocs glue for the linker: glossary terms (and later initiatives and entities) get a
link and a tooltip at their first mention in each section of every page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger

from explainer.site import STATE_KEY, SiteModel

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


# Late, after other plugins have produced the page's final HTML (e.g. toc permalinks).
@event_priority(-50)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        return html
    linked, _hits = site.linker.link(html, page.url)
    return linked
