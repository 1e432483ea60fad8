"""The light copy of each page that Material's search indexes: same index, fewer tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from explainer import searchtext
from explainer.searchtext import search_html
from explainer.searchtext import sections as port_sections

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
    # blocks repeating the sources' text are dropped, nested ones whole, a section never
    ('<h3 id="x">X</h3><p>Def.</p><details class="ex-entry__appears ex-nosearch"><summary>In 2</summary>'
     '<details><p>A sentence.</p></details><ul><li>B.</li></ul></details><p>After.</p>',
     '<h3 id="x">X</h3><p>Def.</p><p>After.</p>'),
    ('<ul class="ex-mentions ex-nosearch"><li>One.</li></ul>\n<ul class="ex-nosearch"><li>Two.</li></ul>x', "\nx"),
    ('<div class="ex-group ex-nosearch"><h3 id="q">Q</h3></div>', '<div class="ex-group ex-nosearch"><h3 id="q">Q</h3></div>'),
    ('<ul class="ex-nosearch"><li>unclosed</li>', '<ul class="ex-nosearch"><li>unclosed</li>'),
    ('<p class="ex-nosearchable">kept</p>', '<p class="ex-nosearchable">kept</p>'),
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
    """Material's parser gives the same sections (same words, same kept tags) for each page's
    light copy as for the page with its repeated-text blocks marked 'data-search-exclude'."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for page in pages:
        m = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', page.read_text(encoding="utf-8"),
                      re.S)
        if m is None:
            continue
        html = m.group(1)
        marked = re.sub(r'(<[a-z][a-z0-9]*\b[^>]*\bclass="[^"]*\bex-nosearch\b[^"]*")', r"\1 data-search-exclude", html)
        assert sections(search_html(html)) == sections(marked), page
        checked += 1
    assert checked > 20
    source = (built_site / "sources" / "china-global-data-security-initiative" / "index.html").read_text(encoding="utf-8")
    article = source[source.index("<article"):source.index("</article>")]
    tags = len(re.findall(r"<[a-z]", article))
    assert len(re.findall(r"<[a-z]", search_html(article))) < tags * 0.7, "the light copy should drop many tags"


def material(html: str) -> list[tuple[str | None, str, str]] | None:
    """Material's own sections, exactly (None where its parser fails)."""
    p = Parser()
    try:
        p.feed(html)
        p.close()
    except ValueError:
        return None
    return [(s.id, "".join(s.title), "".join(s.text)) for s in p.data if not s.is_excluded()]


def port(html: str) -> list[tuple[str | None, str, str]] | None:
    found = port_sections(html)
    return None if found is None else [(s.id, "".join(s.title), "".join(s.text)) for s in found]


def test_section_port_equals_material_on_every_built_page(built_site: Path) -> None:
    """Our port of Material's parser covers every page of the real site, full or light, and
    gives exactly its sections (same ids, titles, texts, white space included)."""
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        m = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>',
                      page.read_text(encoding="utf-8"), re.S)
        if m is None:
            continue
        for html in (m.group(1), search_html(m.group(1))):
            got = port(html)
            assert got is not None, f"{page}: not covered by the port"
            assert got == material(html), page
        checked += 1
    assert checked > 20


# HTML the port covers and HTML it must leave to Material (None).
TAGS = ['<p>', '</p>', '<h1 id="t">', '</h1>', '<h2 id="a">', '</h2>', "<h3 id='b&amp;c'>", '</h3>', '<h2>',
        '<div class="x">', '</div>', '<pre>', '</pre>', '<code>', '</code>', '<ul>', '</ul>', '<li>', '</li>',
        '<a class="headerlink" href="#a" title="Permanent link">', '<a href=x>', '</a>', '<br>', '<br/>',
        '<span/>', '<hx>', '</hx>', '<details open>', '</details>', '<sup>', '</sup>', '<P>', '</P >']
TEXTS = [" ", "\n", "\n\n", "text", "a\nb", "&amp;", "&lt;b&gt;", "&para;", "&quot;x&quot;", "\u2019", "\t"]
HTML = st.lists(st.sampled_from(TAGS + TEXTS), max_size=40).map("".join)


@given(HTML)
def test_section_port_equals_material_on_generated_html(html: str) -> None:
    got = port(html)
    if got is not None:
        assert got == material(html)
    else:
        assert material(html) is None  # it declines only what Material itself fails on


@pytest.mark.parametrize("html", [
    "<p>a</p><script>var x = '<h2 id=\"z\">';</script>",
    "<!-- a comment --><p>a</p>",
    "<p>1 < 2</p>",
    '<div data-search-exclude><h2 id="a">A</h2></div>',
    '<div class="linenodiv">1</div>',
    "<a href=../x/>x</a>",
    "<style>p{}</style>",
    "<!doctype html><p>x</p>",
])
def test_section_port_leaves_other_html_to_material(html: str) -> None:
    assert port_sections(html) is None


def test_search_finds_sentences_on_their_sources_only(built_site: Path) -> None:
    """The glossary, people, initiative, timeline and quotes pages repeat the sources' sentences;
    search finds those on the source pages, and the other pages by their own words."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    source = " ".join(d["text"] for d in docs if d["location"].startswith("sources/china-global"))
    others = [d for d in docs if not d["location"].startswith("sources/")]
    sentence = "throwing dirty water on other countries"  # quoted in the seed article
    assert sentence in source
    assert [d["location"] for d in others if sentence in d["text"]] == []
    glossary = " ".join(d["text"] for d in docs if d["location"].startswith("glossary/"))
    assert "Data security" in glossary or "data security" in glossary  # a definition is still found
    assert any(d["location"].startswith("people/wang-yi/") for d in docs)


def test_search_index_is_material_s_own(site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole search index of a build is byte for byte the one Material writes by itself."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def index(site: Path) -> bytes:
        config = load_config(config_file=str(site_copy / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        return (site / "search" / "search_index.json").read_bytes()

    ours = index(tmp_path / "ours")
    monkeypatch.setattr(searchtext, "sections", lambda html: None)
    assert index(tmp_path / "material") == ours
    assert len(ours) > 10_000
