"""Glossary: definition files, the shared linker, the sanitizer and term candidates."""

from __future__ import annotations

import html

import pytest

from explainer.glossary import build_glossary, definition_html, definition_text
from explainer.linker import Linker, Target, is_acronym
from explainer.sanitize import sanitize
from explainer.terms import find_terms
from explainer.text import analyse_text

T = [
    Target("term:backdoor", ("backdoor", "back door"), "glossary/#backdoor", "A hidden way in.", "term", "backdoor"),
    Target("term:5g", ("5G",), "glossary/#5g", "Fifth generation.", "term", "5g"),
    Target("term:ict", ("ICT",), "glossary/#ict", "Info & comms <tech>, \"so\" it's said.", "term", "ict"),
    Target("term:network", ("network",), "glossary/#network", "A network.", "term", "network"),
    Target("init:clean", ("Clean Network Initiative", "Clean Network"), "initiatives/clean-network/",
           "A US program.", "initiative"),
]
L = Linker(T)


def linked(html_in: str, url: str = "sources/x/") -> list[str]:
    out, _ = L.link(html_in, url)
    import re
    return re.findall(r'<a class="ex-link[^"]*" href="[^"]*" title="[^"]*">([^<]*)</a>', out)


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<p>A backdoor.</p>", ["backdoor"]),
    ("<p>Backdoors everywhere.</p>", ["Backdoors"]),  # plural, any case
    ("<p>The back door's key.</p>", ["back door's"]),  # alias, possessive
    ("<p>China\u2019s backdoor.</p>", ["backdoor"]),
    ("<p>5G and 5g.</p>", ["5G"]),  # acronyms exact
    ("<p>ict or ICT.</p>", ["ICT"]),
    ("<p>The Clean Network Initiative and a network.</p>", ["Clean Network Initiative", "network"]),  # longest wins
    ("<p>Networking is not a network.</p>", ["network"]),  # word boundaries
    ("<p>See https://example.com/backdoor now.</p>", []),  # not inside a URL
    ("<p>file.backdoor and back-door</p>", []),
    ("<p>A backdoor and another backdoor.</p>", ["backdoor"]),  # first mention only
    ("<h2 id='a'>Backdoor</h2><p>backdoor</p><h2 id='b'>Next</h2><p>backdoor</p>", ["backdoor", "backdoor"]),
    ("<p><a href='x'>backdoor</a> backdoor</p>", ["backdoor"]),  # not in links, but later text yes
    ("<p><code>backdoor</code></p>", []),
    ("<pre><code>5G backdoor</code></pre>", []),
    ("<h3>Backdoor</h3>", []),
    ('<p><img alt="backdoor" title="backdoor"></p>', []),  # never in attributes
    ("<p><button>backdoor</button></p>", []),
    ("<p><span class=\"ex-who\">Network</span></p>", []),
    ("<h3 id=\"backdoor\">Backdoor</h3><p>A backdoor is ... </p>", []),  # its own entry
    ("<p>backdoor &amp; 5G &lt;b&gt;</p>", ["backdoor", "5G"]),
    ("<!-- backdoor --><p>none</p>", []),
])
def test_linker_rules(fragment: str, expected: list[str]) -> None:
    assert linked(fragment) == expected


def test_linker_keeps_escaping_and_escapes_tooltips_twice() -> None:
    out, hits = L.link("<p>ICT &lt;script&gt;alert(1)&lt;/script&gt;</p>", "sources/x/")
    assert "<script>" not in out and "&lt;script&gt;" in out
    # decoded once, still text for Material (which inserts it as HTML); quotes escaped once,
    # so a browser without script shows them as they are
    assert 'title="Info &amp;amp; comms &amp;lt;tech&amp;gt;, &quot;so&quot; it&#x27;s said."' in out
    assert 'href="../../glossary/#ict"' in out and hits == {"term:ict": 1}


@pytest.mark.parametrize(("form", "acr"), [("5G", True), ("ICT", True), ("IEEPA", True), ("backdoor", False),
                                           ("Clean Network", False), ("App Stores", False)])
def test_is_acronym(form: str, acr: bool) -> None:
    assert is_acronym(form) is acr


def entry(term: str, body: str = "A definition.", **extra: object) -> bytes:
    import yaml
    fm = {"term": term, **extra}
    return ("---\n" + yaml.safe_dump(fm, sort_keys=False) + "---\n" + body + "\n").encode()


@pytest.mark.parametrize(("files", "message"), [
    ([("g/a.md", entry("Backdoor")), ("g/b.md", entry("backdoor"))],
     "g/b.md:2: term 'backdoor' is already defined by g/a.md ('Backdoor')"),
    ([("g/a.md", entry("Backdoor", aliases=["trapdoor"])), ("g/b.md", entry("Trapdoor"))],
     "g/b.md:2: term 'Trapdoor' is already defined by g/a.md"),
    ([("g/a.md", entry("A", aliases=["shared"])), ("g/b.md", entry("B", aliases=["shared"]))],
     "g/b.md:3: alias 'shared' is already defined by g/a.md ('A')"),
    ([("g/a.md", entry("A", aliases=["x", "X"]))], "g/a.md:3: 'A' lists the same alias twice"),
    ([("g/a.md", entry("A", body=""))], "g/a.md:4: the definition of 'A' is empty"),
    ([("g/a.md", b"---\naliases: [x]\n---\nText.\n")], "g/a.md:1: term: is required"),
    ([("g/a.md", entry("A", source="javascript:alert(1)"))], "g/a.md:3: source: 'javascript:alert(1)' is not a web address"),
    ([("g/a.md", b"---\nterm: [x\n---\nText.\n")], "g/a.md:3: front matter is not valid YAML"),
    ([("g/a.md", b"no front matter\n")], "g/a.md:1: a glossary entry starts with front matter"),
    ([("g/a.md", entry("A", aliases={"x": 1}))], "g/a.md:3: aliases: must be a list"),
])
def test_definition_errors(files: list[tuple[str, bytes]], message: str) -> None:
    _, problems = build_glossary(files)
    assert any(str(p).startswith(message) and p.level == "error" for p in problems), [str(p) for p in problems]


def test_definition_warnings() -> None:
    g, problems = build_glossary([("g/a.md", entry("A", related=["Nothing"], colour="red"))])
    assert len(g.definitions) == 1
    assert sorted((p.level, str(p)) for p in problems) == [
        ("warning", "g/a.md:2: related term 'Nothing' has no glossary entry"),
        ("warning", "g/a.md:5: unknown key 'colour' (known: term, aliases, related, source, slug)"),
    ]


def test_definitions_are_sanitised() -> None:
    body = ('A **bold** [link](https://ok.example/) and [bad](javascript:alert(1)) <script>alert(1)</script> '
            '<img src=x onerror=alert(1)> <iframe src="x"></iframe> `<code>`')
    g, _ = build_glossary([("g/a.md", entry("A", body=body))])
    out = definition_html(g.definitions[0])
    assert "<strong>bold</strong>" in out and 'href="https://ok.example/"' in out
    assert "javascript:" not in out.replace("&lt;", "") or 'href="javascript' not in out
    assert 'href="javascript' not in out and "<script" not in out and "<img" not in out and "<iframe" not in out
    assert "&lt;script&gt;" in out and "<code>&lt;code&gt;</code>" in out
    assert "onerror" not in definition_text(g.definitions[0]) or "<img" not in out


@pytest.mark.parametrize(("dirty", "clean"), [
    ('<p onclick="x()">hi</p>', "<p>hi</p>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
    ('<a href="https://a.example/">x</a>', '<a href="https://a.example/" rel="noopener nofollow">x</a>'),
    ('<a href="../glossary/#x">x</a>', '<a href="../glossary/#x">x</a>'),
    ("<script>alert(1)</script>ok", "ok"),
    ("<div><em>x</em></div>", "<em>x</em>"),
])
def test_sanitize(dirty: str, clean: str) -> None:
    assert sanitize(dirty) == clean


def test_term_candidates() -> None:
    doc = analyse_text("China opposed mass surveillance and security backdoors. The ICT rules cover undersea "
                       "cables and 5G networks. The US said the cloud services were a national security risk.")
    terms = {t.term: t for t in find_terms(doc)}
    for expected in ("mass surveillance", "security backdoors", "ICT", "undersea cables", "5G", "cloud services",
                     "national security"):
        assert expected in terms, sorted(terms)
    assert "US" not in terms and "China" not in terms
    assert all(len(t.sentences) >= 1 and t.count >= 1 for t in terms.values())


def test_no_candidates_in_plain_prose() -> None:
    assert find_terms(analyse_text("The cat sat on the mat. It was a sunny day in the park.")) == []


def test_tooltip_text_is_one_plain_line() -> None:
    g, _ = build_glossary([("g/a.md", entry("A", body="Line *one*\nline <b>two</b> & more."))])
    assert definition_text(g.definitions[0]) == "Line one line <b>two</b> & more."
    assert html.escape(definition_text(g.definitions[0]))
