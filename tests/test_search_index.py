"""The light copy of each page that Material's search indexes: same index, fewer tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from explainer.searchtext import search_html

CASES = [
    # (html, expected)
    ('<p><span class="ex-s" id="s-1">China acts.</span></p>', "<p>China acts.</p>"),
    ('<p>A.<a class="ex-s__link" href="#s-1" aria-label="Link to this sentence"></a></p>', "<p>A.</p>"),
    ('<p>On <a class="ex-link ex-link--term" href="../g/#x" title="Term: x">data security</a>.</p>',
     "<p>On data security.</p>"),
    # headings, their permalinks and ordinary links stay
    ('<h2 id="a">Key points<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>',
     '<h2 id="a">Key points<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'),
    ('<p><a href="https://example.org/">the <code>original</code></a>, <time datetime="2020">2020</time></p>',
     "<p>the <code>original</code>, 2020</p>"),
    ('<h2 id="b"><a href="../x/">Wang Yi</a><a class="headerlink" href="#b">&para;</a></h2>',
     '<h2 id="b">Wang Yi<a class="headerlink" href="#b">&para;</a></h2>'),
    # a page that marks elements for the indexer is left alone
    ('<div data-search-exclude><span>hidden</span></div>', '<div data-search-exclude><span>hidden</span></div>'),
    ("", ""),
]


@pytest.mark.parametrize("html,expected", CASES)
def test_search_html(html: str, expected: str) -> None:
    assert search_html(html) == expected


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """Material's sections of a page: (id, title, text), white-space runs as one space (the
    search tokenizer splits on white space, so runs of it do not matter)."""
    p = Parser()
    p.feed(html)
    p.close()
    return [(s.id, " ".join("".join(s.title).split()), " ".join("".join(s.text).split()))
            for s in p.data if not s.is_excluded()]


def test_index_of_every_built_page_is_unchanged(built_site: Path) -> None:
    """Material's parser gives the same sections (same words, same kept tags) for each page and
    for its light copy."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for page in pages:
        m = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', page.read_text(encoding="utf-8"),
                      re.S)
        if m is None:
            continue
        html = m.group(1)
        assert sections(search_html(html)) == sections(html), page
        checked += 1
    assert checked > 20
    source = (built_site / "sources" / "china-global-data-security-initiative" / "index.html").read_text(encoding="utf-8")
    article = source[source.index("<article"):source.index("</article>")]
    tags = len(re.findall(r"<[a-z]", article))
    assert len(re.findall(r"<[a-z]", search_html(article))) < tags * 0.7, "the light copy should drop many tags"
