"""MkDocs glue for finishing every page's HTML: generated HTML blocks are put back (they
skip Markdown), then glossary terms, initiatives and entities get a link and a tooltip at
their first mention in each section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority, get_plugin_logger

from explainer.blocks import restore_blocks
from explainer.site import STATE_KEY, SiteModel
from generated import BLOCKS_KEY, cached_work

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


# Late, after other plugins have produced the page's final HTML (e.g. toc permalinks).
@event_priority(-50)
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    blocks = (config.get(BLOCKS_KEY) or {}).get(page.file.src_uri)
    if blocks:
        # generated HTML set aside before Markdown: put it back, and register its ids
        # (sentence anchors) so links to them validate
        html, ids = restore_blocks(html, blocks)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= ids
    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        return html
    # a full build reuses the last one's links of the same HTML
    return cached_work(config, "links", lambda: (site.work_salt, page.url, html),
                       lambda: site.linker.link(html, page.url)[0], lambda got: isinstance(got, str))
