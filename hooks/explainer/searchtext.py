"""A lighter copy of a page's HTML for a search indexer that keeps only text, headings and a
few block tags (Material's): inline markup (sentence wrappers, quote marks, links, dates) is
dropped, the text stays. Each tag costs the indexer time in html.parser, and explainer pages
carry several hundred; aggregate pages at scale, tens of thousands."""

from __future__ import annotations

import re

# Tags dropped with their text kept (the indexer keeps only the text of these anyway):
#   '<span class="ex-s" id="s-1f0c">' ... '</span>', '<time datetime="2020-09-08">', '<mark>',
#   '<a href="../../sources/x/#s-1f0c">8 September 2020</a>' -> '8 September 2020'
# but not a heading's permalink ('<a class="headerlink" ...>'), which the indexer drops itself.
INLINE_MARKUP: re.Pattern[str] = re.compile(
    r'</?(?:span|time|mark)\b[^>]*>|<a\b(?![^>]*\bheaderlink\b)[^>]*>((?:(?!</?a\b)[^<]|<(?!/?a\b))*)</a>')


def search_html(html: str) -> str:
    """``html`` without the explainer's inline markup. Pages that mark elements for the
    indexer ('data-search-exclude') are returned unchanged."""
    if "data-search-" in html:
        return html
    return INLINE_MARKUP.sub(lambda m: m.group(1) or "", html)
