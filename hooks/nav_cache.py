"""MkDocs glue: Material renders the sidebar navigation once for all the pages that show it
the same way, instead of once a page (at 1,000 sources it is the same sidebar a thousand times).

``overrides/partials/nav.html`` asks ``explainer_nav_key`` for a page's key and keeps the
rendered navigation under it. A page gets a key only when nothing in the navigation depends on
it but the relative URLs: it is not in the nav (so no nav item is active) and Material does not
put its table of contents into the nav (``toc.integrate``). The key holds every URL the
navigation links to, made relative to the page, so two pages share the HTML only when every
link in it is the same. Material's own template stays the one that renders
(``material-theme/partials/nav.html``): nothing of it is copied here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_theme_dir, normalize_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

THEME_PREFIX = "material-theme"  # '{% include "material-theme/partials/nav.html" %}': Material's own file


class NavHtml(dict[tuple[str, ...], str]):
    """Rendered navigation by key, for one build (the theme environment is new every build)."""

    def put(self, key: tuple[str, ...], html: str) -> str:
        self[key] = html
        return html


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs: Any) -> jinja2.Environment:
    if env.loader is not None and not isinstance(env.loader, jinja2.ChoiceLoader):
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
            {THEME_PREFIX: jinja2.FileSystemLoader(get_theme_dir("material"))})])
    urls = _nav_urls(config)
    features = config.theme.get("features") or []

    def nav_key(page: Page | None, nav: Navigation | None, base_url: str) -> tuple[str, ...] | None:
        if page is None or nav is None or "toc.integrate" in features or page in nav.pages:
            return None
        return (base_url, *(normalize_url(u, page=page) for u in urls(nav)))

    env.globals["explainer_nav_key"] = nav_key
    env.globals["explainer_nav_html"] = NavHtml()
    return env


def _nav_urls(config: MkDocsConfig) -> Any:
    """Every URL the navigation may link to: its pages and links, the home page and the logo."""
    extra = [str(u) for u in (config.extra.get("homepage"), config.theme.get("logo")) if u]
    cache: dict[int, list[str]] = {}

    def urls(nav: Navigation) -> list[str]:
        if id(nav) not in cache:
            out: list[str] = []

            def walk(items: list[Any]) -> None:
                for it in items:
                    if isinstance(it, Section):
                        walk(it.children)
                    elif isinstance(it, (Page, Link)):
                        out.append(it.url)

            walk(nav.items)
            cache[id(nav)] = out + extra
        return cache[id(nav)]

    return urls
