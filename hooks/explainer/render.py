"""Render pages as Markdown with HTML blocks, through Jinja templates that autoescape.

Every value that comes from a source goes through Jinja's escaping (or
:func:`markupsafe.escape` for spans), so article text can never inject HTML. The article
body is emitted inside raw HTML blocks, so Markdown syntax in it is shown, not obeyed.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from .model import Sentence
from .site import SiteModel, SiteSource
from .urls import relative_url

TEMPLATE_DIR = "explainer"


def format_date(d: dt.date | None) -> str:
    """'8 September 2020'."""
    return f"{d.day} {d:%B %Y}" if d else ""


def sentence_html(s: Sentence) -> Markup:
    """One sentence with its anchor: shown on hover and focus, like a heading permalink."""
    return Markup(
        '<span class="ex-s" id="{a}">{t}<a class="ex-s__link" href="#{a}" '
        'aria-label="Link to this sentence"></a></span>'
    ).format(a=s.anchor, t=s.text)


def meta_text(value: str) -> str:
    """Front matter values MkDocs and Material print without escaping (title, description)."""
    return html.escape(" ".join(value.split()), quote=True)


class Renderer:
    """Renders the generated pages from templates found in the theme's folders."""

    def __init__(self, template_dirs: Sequence[str | Path]) -> None:
        dirs = [str(Path(d) / TEMPLATE_DIR) for d in template_dirs if (Path(d) / TEMPLATE_DIR).is_dir()]
        if not dirs:
            raise FileNotFoundError(f"no '{TEMPLATE_DIR}/' template folder in {list(map(str, template_dirs))}")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(dirs),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["date"] = format_date
        self.env.filters["meta"] = meta_text
        self.env.globals["sentence"] = sentence_html

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)

    def page(self, name: str, front: dict[str, str], **context: Any) -> str:
        """A Markdown page: front matter (values escaped for MkDocs' templates) + template."""
        front = yaml.safe_dump({k: meta_text(v) for k, v in front.items()}, allow_unicode=True,
                               sort_keys=False, width=100_000)
        return f"---\n{front}---\n\n" + self.render(name, **context)

    def source_page(self, item: SiteSource, site: SiteModel) -> str:
        doc = item.extraction.document
        paragraphs = [(p, doc.paragraph_sentences(p.index)) for p in doc.paragraphs]
        here = item.url
        m = item.source.meta
        desc = f"Explainer of the article “{m.title}”" + (f" ({m.publisher})" if m.publisher else "")
        return self.page(
            "source_page.md",
            {"title": m.title, "description": desc},
            s=item,
            meta=item.source.meta,
            key_points=[x for x in paragraphs if x[0].kind == "key_point"],
            body=[x for x in paragraphs if x[0].kind != "key_point"],
            index_url=relative_url(here, _sources_index_url(site)),
        )

    def sources_index(self, site: SiteModel) -> str:
        here = _sources_index_url(site)
        rows = [(x, relative_url(here, x.url)) for x in site.by_date()]
        return self.page("sources_index.md",
                         {"title": "Sources", "description": "Every article this site explains, newest first."},
                         rows=rows)


def _sources_index_url(site: SiteModel) -> str:
    return "sources/"
