"""MkDocs glue for Material's search: it indexes a lighter copy of each page (see
``explainer.searchtext``), split into sections by our port of its parser where that covers the
page (the same sections, several times faster), by its own parser elsewhere. The page itself
keeps all its markup: it is put back at priority -10. (Another plugin reading ``page.content``
in ``on_page_context`` between priorities 10 and -10 would see the light copy, or nothing
where the sections were already added; none of the site's plugins does.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import CombinedEvent, event_priority

from explainer import searchtext
from explainer.site import STATE_KEY, SiteModel
from generated import SEARCH_HTML_KEY, cached_work

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, if enabled; None otherwise."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # another theme's search: it parses pages itself
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled and hasattr(plugin, "search_index"):
            return plugin
    return None


@event_priority(10)  # before material/search (priority 0) reads page.content
def _lighten(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    full = page.content or ""
    plugin = _search_plugin(config)
    wanted = plugin is not None and not (page.meta.get("search") or {}).get("exclude")
    light, found = _light_and_sections(full, wanted, config)
    if found is not None:
        # add the sections the way Material's own parser would, and give it nothing to parse
        for section in found:
            plugin.search_index.create_entry_for_section(section, page.toc, page.url, page)
        config[SEARCH_HTML_KEY][page.url] = full
        page.content = ""
    elif light != full:  # pages left as they are keep Material's own handling
        config[SEARCH_HTML_KEY][page.url] = full
        page.content = light
    return context


def _light_and_sections(full: str, wanted: bool, config: MkDocsConfig) -> tuple[str, list[searchtext.Section] | None]:
    """The light copy of a page and (when ``wanted``) its sections, or None where Material must
    parse it (the light copy is kept only then); a full build reuses the last one's."""
    def compute() -> tuple[str, list[searchtext.Section] | None]:
        light = searchtext.search_html(full)
        found = searchtext.sections(light) if wanted else None
        return ("" if found is not None else light), found

    site = config.get(STATE_KEY)
    if not isinstance(site, SiteModel):
        return compute()
    return cached_work(config, "search", lambda: (site.work_salt, str(wanted), full), compute,
                       lambda got: isinstance(got, tuple) and len(got) == 2)


@event_priority(-10)  # after it: the page is rendered with its full HTML
def _restore(context: Any, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    full = config[SEARCH_HTML_KEY].pop(page.url, None)
    if full is not None:
        page.content = full
    return context


on_page_context = CombinedEvent(_lighten, _restore)
