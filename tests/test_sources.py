"""Front matter validation: every error names the file and the line."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.sources import MAX_SOURCE_BYTES, parse_source, slugify

P = "docs/sources/x.md"
GOOD = "---\ntitle: A title\npublished: 2020-09-08\n---\n\nChina acted. The US replied.\n"


def problems(raw: bytes | str) -> list[str]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    src, probs = parse_source(P, data)
    return [str(p) for p in probs]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", f"{P}:1: the file is empty"),
        ("Just text, no front matter.\n", f"{P}:1: no front matter"),
        ("---\ntitle: x\nbody without a closing fence\n", f"{P}:1: front matter is not closed"),
        ("---\ntitle: [unclosed\npublished: 2020-09-08\n---\nBody.\n", f"{P}:3: front matter is not valid YAML"),
        ("---\ntitle: a\n  bad: indent\n---\nBody.\n", f"{P}:3: front matter is not valid YAML"),
        ("---\n- a\n- b\n---\nBody.\n", f"{P}:2: front matter must be 'key: value' lines"),
        ("---\npublisher: X\n---\nBody.\n", f"{P}:1: title: is required"),
        ("---\ntitle: ''\n---\nBody.\n", f"{P}:2: title: is empty"),
        ("---\ntitle: [a, b]\n---\nBody.\n", f"{P}:2: title: must be text"),
        ("---\ntitle: T\npublished: Sept 8\n---\nBody.\n", f"{P}:3: published: 'Sept 8' is not a date (YYYY-MM-DD)"),
        ("---\ntitle: T\npublished: '2020-02-30'\n---\nBody.\n", f"{P}:3: published: '2020-02-30' is not a real date"),
        ("---\ntitle: T\nurl: javascript:alert(1)\n---\nBody.\n", f"{P}:3: url: 'javascript:alert(1)' is not a web address"),
        ("---\ntitle: T\nurl: data:text/html,hi\n---\nBody.\n", f"{P}:3: url: 'data:text/html,hi' is not a web address"),
        ("---\ntitle: T\nkey_points: one\n---\nBody.\n", f"{P}:3: key_points: must be a list"),
        ("---\ntitle: T\nauthors: {a: 1}\n---\nBody.\n", f"{P}:3: authors: must be a name or a list"),
        ("---\ntitle: T\n---\n\n   \n", f"{P}:4: the article body is empty"),
        (b"---\ntitle: T\n---\nOK line.\nBad \xff byte.\n", f"{P}:5: not valid UTF-8 (byte 0xff"),
        (b"---\ntitle: T\n---\nA\x00B\n", f"{P}:4: contains a NUL byte"),
    ],
)
def test_errors_name_file_and_line(raw: str | bytes, expected: str) -> None:
    src, probs = parse_source(P, raw.encode() if isinstance(raw, str) else raw)
    assert src is None
    assert any(str(p).startswith(expected) for p in probs), [str(p) for p in probs]


def test_too_large_file_is_refused_with_size() -> None:
    body = ("China acted. " * 200_000).encode()
    assert len(body) > MAX_SOURCE_BYTES
    src, probs = parse_source(P, b"---\ntitle: T\n---\n" + body)
    assert src is None and "MB; sources are limited to" in str(probs[0])


def test_unknown_key_is_a_warning_not_an_error() -> None:
    src, probs = parse_source(P, b"---\ntitle: T\npublised: 2020-01-01\n---\nBody.\n")
    assert src is not None
    assert [(p.level, str(p)) for p in probs] == [
        ("warning", f"{P}:3: unknown front matter key 'publised' (known: title, publisher, url, published, "
                    "authors, key_points, slug)")]


def test_valid_source() -> None:
    raw = ("---\r\ntitle: '  A   title '\r\npublisher: BI\r\nurl: https://ift.tt/x\r\npublished: 2020-09-08\r\n"
           "authors: Jane Doe\r\nkey_points:\r\n  - China acted.\r\n  - The US replied.\r\n---\r\n\r\n"
           "First para. Second sentence.\r\n\r\nThird para.\r\n")
    src, probs = parse_source(P, raw.encode())
    assert probs == [] and src is not None
    m = src.meta
    assert (m.slug, m.title, m.publisher, m.url, m.published, m.authors) == (
        "x", "A title", "BI", "https://ift.tt/x", dt.date(2020, 9, 8), ("Jane Doe",))
    assert m.key_points == ("China acted.", "The US replied.")
    kinds = [p.kind for p in src.document.paragraphs]
    assert kinds == ["key_point", "key_point", "paragraph", "paragraph"]
    # Every sentence maps back to its line in the file (CRLF normalised).
    lines = {s.text: src.lines.line_of(s.start) for s in src.document.sentences}
    assert lines == {"China acted.": 8, "The US replied.": 9, "First para.": 12, "Second sentence.": 12,
                     "Third para.": 14}
    for s in src.document.sentences:
        assert src.text[s.start:s.end] == s.text


def test_bom_is_ignored() -> None:
    src, _ = parse_source(P, "\ufeff---\ntitle: T\n---\nBody.\n".encode())
    assert src is not None and src.meta.title == "T"


def test_slug_from_file_name_must_be_valid() -> None:
    src, probs = parse_source("docs/sources/Bad Name.md", GOOD.encode())
    assert src is None and "is not a valid slug" in str(probs[0])


@pytest.mark.parametrize(("title", "slug"), [
    ("China's \u201cnaked bullying\u201d (2020)", "chinas-naked-bullying-2020"),
    ("\u00c9lys\u00e9e  & Z\u00fcrich!", "elysee-zurich"),
    ("\u4e2d\u6587", "source"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
