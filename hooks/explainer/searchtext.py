"""A lighter copy of a page's HTML for a search indexer that keeps only text, headings and a
few block tags (Material's): the inline markup the explainer adds (sentence wrappers and
anchors, quote marks, term links) is dropped, the text stays. Each tag costs the indexer
time in html.parser, and explainer pages carry several hundred."""

from __future__ import annotations

import re

# Tags dropped with their text kept, or dropped whole when they hold no text:
#   '<span class="ex-s" id="s-1f0c">', '</span>',
#   '<a class="ex-s__link" href="#s-1f0c" aria-label="Link to this sentence"></a>',
#   '<a class="ex-link ex-link--term" href="..." title="...">data security</a>' -> 'data security'
INLINE_MARKUP: re.Pattern[str] = re.compile(
    r'</?span\b[^>]*>|<a class="ex-s__link"[^>]*></a>|<a class="ex-link[^"]*"[^>]*>([^<]*)</a>')


def search_html(html: str) -> str:
    """``html`` without the explainer's inline markup. Pages that mark elements for the
    indexer ('data-search-exclude') are returned unchanged."""
    if "data-search-" in html:
        return html
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", html)
