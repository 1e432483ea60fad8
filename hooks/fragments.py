"""MkDocs glue: parts of Material's page template that come out the same on many pages are
rendered once a build for all of them, instead of once a page (at 1,000 sources, the same
sidebar a thousand times).

The templates ask ``explainer_fragment_key(name, page, nav, base_url)`` for a key and keep what
they rendered under it in ``explainer_fragments``; no key means render as usual. A key holds
everything the part depends on, so two pages share the HTML only when it would be the same:

- ``nav`` (``overrides/partials/nav.html``, which includes Material's own template as
  ``material-theme/partials/nav.html``: nothing of it is copied here): only for a page outside
  the nav (so no nav item is active) when Material does not put the table of contents into the
  nav (``toc.integrate``); the key holds every URL the navigation links to, made relative to
  the page.
- ``config`` (the ``__config`` script block, in ``overrides/main.html``) and ``search`` (the
  search form, ``overrides/partials/search.html``): the same on every page but for links to
  the site's root folders, so keyed by the page's way to the root.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_theme_dir, normalize_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

THEME_PREFIX = "material-theme"  # '{% include "material-theme/partials/nav.html" %}': Material's own file
ROOT_ONLY = ("config", "search")  # parts that link (if at all) to the site's root folders, e.g. assets/


class Fragments(dict[tuple[str, ...], str]):
    """Rendered parts by key, for one build (the theme environment is new every build)."""

    def put(self, key: tuple[str, ...], html: str) -> str:
        self[key] = html
        return html


def on_env(env: jinja2.Environment, config: MkDocsConfig, **kwargs: Any) -> jinja2.Environment:
    if env.loader is not None and not isinstance(env.loader, jinja2.ChoiceLoader):
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader(
            {THEME_PREFIX: jinja2.FileSystemLoader(get_theme_dir("material"))})])
    urls = _nav_urls(config)
    features = config.theme.get("features") or []

    def fragment_key(name: str, page: Page | None, nav: Navigation | None, base_url: str) -> tuple[str, ...] | None:
        if page is None:
            return None
        if name in ROOT_ONLY:  # base_url alone would join 'x/' and 'assets/x/' (both '..')
            return (name, base_url, normalize_url("assets/", page=page))
        if name != "nav" or nav is None or "toc.integrate" in features or page in nav.pages:
            return None
        return (name, base_url, *(normalize_url(u, page=page) for u in urls(nav)))

    env.globals["explainer_fragment_key"] = fragment_key
    env.globals["explainer_fragments"] = Fragments()
    return env


def _nav_urls(config: MkDocsConfig) -> Callable[[Navigation], list[str]]:
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
