"""MkDocs glue: Material's search plugin indexes a lighter copy of each page (see
``explainer.searchtext``); the page itself keeps all its markup."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import CombinedEvent, event_priority

from explainer.searchtext import search_html
from generated import SEARCH_HTML_KEY

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


@event_priority(10)  # before material/search (priority 0) reads page.content
def _lighten(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    light = search_html(page.content or "")
    if light != page.content:  # pages left as they are keep Material's own handling
        config[SEARCH_HTML_KEY][page.url] = page.content
        page.content = light
    return context


@event_priority(-10)  # after it: the page is rendered with its full HTML
def _restore(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    full = config[SEARCH_HTML_KEY].pop(page.url, None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_lighten, _restore)
