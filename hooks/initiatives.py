"""MkDocs glue for initiatives and the timeline: index with comparison, one page per
initiative, /timeline/, and their exports."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from explainer.exports import initiatives_json, timeline_json
from explainer.render import Renderer
from generated import add_generated, require_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    site = require_site(config, "initiatives")
    renderer = Renderer(config.theme.dirs)
    add_generated(files, config, "initiatives/index.md", lambda: renderer.initiatives_index(site),
                  key=site.initiatives_key)
    for si in site.initiatives:
        add_generated(files, config, si.src_uri, partial(renderer.initiative_page, si, site),
                      key=site.initiatives_key)
    add_generated(files, config, "timeline/index.md", lambda: renderer.timeline_page(site), key=site.timeline_key)
    add_generated(files, config, "data/initiatives.json", lambda: initiatives_json(site), key=site.initiatives_key)
    add_generated(files, config, "data/timeline.json", lambda: timeline_json(site), key=site.timeline_key)
    # (counts that cost nothing: the timeline itself is built only when its page is)
    log.info(f"{len(site.initiatives)} initiatives")
    return files
