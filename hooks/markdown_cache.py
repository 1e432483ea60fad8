"""MkDocs glue: a page's Markdown -> HTML conversion reused from an earlier build of the
same input (the build cache's work-html.sqlite), so a build converts only the pages that
changed. At 1,000 sources converting every page took ~1.1 s of a ~5 s warm build.

What MkDocs' ``Page.render`` makes is a function of: the page's Markdown (after every
``on_page_markdown``), where the page is, every file a link could point to (its URL and
whether it is excluded), the config (extensions, validation, URL style) and the installed
packages. All of that is the key. On a hit the page's ``render`` is replaced, for this page
object only (MkDocs makes new ones every build), by one that puts back the stored HTML, table
of contents, title, anchors and links to anchors: no Python-Markdown instance is made at all
(making one with this site's extensions costs ~0.3 ms, ~0.35 s for 1,210 pages).

A conversion that logged anything (a broken link, an unrecognised one) is never stored: the
message must come again on the next build.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink, get_toc

from explainer.diskcache import cache_key, installed_distributions
from generated import work_cache

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

STATE = "_explainer_markdown_cache"  # this build's _State (set in on_files), or absent
FORMAT = "1"  # bump when what is stored changes

# Extensions whose output depends on files other than the page (a snippet's text changes,
# the page's key does not): with one of them configured nothing is cached.
# e.g. markdown_extensions: [pymdownx.snippets]
READS_OTHER_FILES = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include",
                               "markdown_include"})


PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # Page.render keeps links to anchors unless debugging

# ' at 0x7f3a2c1b9e50' in '<function slugify at 0x7f3a2c1b9e50>'
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


class _Capture(logging.Handler):
    """Counts log records while one page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _State:
    setup: str  # digest of the config, the packages and every file a link can point to
    misses: dict[str, tuple[str, _Capture]] = field(default_factory=dict)  # src_uri -> (key, capture)


@dataclass
class _Reuse:
    """Stands in for ``Page.render`` on a hit: sets what ``Page.render`` would have set."""

    page: Page
    stored: tuple[Any, ...]  # (html, toc tokens, title, anchor ids, links to anchors)

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        html, toc, title, anchors, links = self.stored
        page = self.page
        del page.render  # once only; and no page -> render -> page cycle left behind
        page.content = html
        page.toc = get_toc(toc)
        page._title_from_render = title  # what MkDocs takes from the first heading
        page.present_anchor_ids = set(anchors)
        if PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render: not kept when debugging
            page.links_to_anchors = {t: dict(a) for t, a in ((files.get_file_from_path(u), a) for u, a in links)
                                     if t is not None}


def _loggers() -> list[logging.Logger]:
    # MkDocs' loggers do not propagate to the root; extensions log under their own names
    return [logging.getLogger("mkdocs"), logging.getLogger()]


# Last: after every hook that changes the files.
@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    config[STATE] = None
    names = {e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__name__}"
             for e in config.markdown_extensions}
    if work_cache(config, "html") is None or any(n == r or n.startswith(f"{r}.") for n in names
                                                 for r in READS_OTHER_FILES):
        return files
    parts: list[str | bytes] = [FORMAT, repr(sorted(names)), _stable_repr(config.mdx_configs),
                                str(config.use_directory_urls), _stable_repr(config.validation)]
    if config.config_file_path and Path(config.config_file_path).is_file():
        parts.append(Path(config.config_file_path).read_bytes())
    parts.append(installed_distributions())
    parts.append("\n".join(f"{f.src_uri}\t{f.url}\t{f.inclusion.name}" for f in sorted(files, key=lambda f: f.src_uri)))
    config[STATE] = _State(cache_key(*parts))
    return files


@event_priority(-200)  # last: the Markdown MkDocs is about to convert
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    state = config.get(STATE)
    cache = work_cache(config, "html")
    if not isinstance(state, _State) or cache is None:
        return markdown
    f = page.file
    key = cache_key(state.setup, f.src_uri, f.url, f.inclusion.name, markdown)
    got = cache.get(key)
    if isinstance(got, tuple) and len(got) == 5 and isinstance(got[0], str):
        page.render = _Reuse(page, got)  # type: ignore[method-assign]  # MkDocs calls it next
        return markdown
    capture = _Capture()
    for lg in _loggers():
        lg.addHandler(capture)
    state.misses[f.src_uri] = (key, capture)
    return markdown


@event_priority(200)  # first: what MkDocs converted, before any other hook changes it
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    state = config.get(STATE)
    if not isinstance(state, _State):
        return html
    key, capture = state.misses.pop(page.file.src_uri, (None, None))
    if key is None or capture is None:
        return html
    for lg in _loggers():
        lg.removeHandler(capture)
    cache = work_cache(config, "html")
    if cache is not None and capture.count == 0 and page.links_to_anchors is not None:
        links = sorted((t.src_uri, sorted(a.items())) for t, a in page.links_to_anchors.items())
        cache.put(key, (html, _tokens(page.toc), page._title_from_render, sorted(page.present_anchor_ids or ()),
                        links))
    return html


def on_build_error(**kwargs: Any) -> None:
    """A page failed to convert: stop counting for it (MkDocs gives this event no config)."""
    for lg in _loggers():
        for h in [h for h in lg.handlers if isinstance(h, _Capture)]:
            lg.removeHandler(h)


def _stable_repr(value: Any) -> str:
    """``repr`` without the addresses of functions and objects (e.g. a toc ``slugify``)."""
    return ADDRESS.sub("", repr(value))


def _tokens(items: Any) -> list[dict[str, Any]]:
    """The table of contents as the Markdown ``toc`` extension's tokens (what get_toc reads)."""
    out = []
    for a in items:
        assert isinstance(a, AnchorLink)
        out.append({"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)})
    return out
