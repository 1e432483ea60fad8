"""The importer: boilerplate rules, key points, verbatim sentences."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from explainer.boilerplate import boilerplate_kind
from explainer.importer import detect_soft_wrap, import_text
from explainer.sources import parse_source


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("from Business Insider https://ift.tt/3kd1DYT", "feed footer"),
        ("from The Verge http://feeds.example.com/x?y=1", "feed footer"),
        ("Source: Reuters https://reut.rs/abc", "feed footer"),
        ("This article originally appeared on Vox.", "feed footer"),
        ("This story was first published by ProPublica", "feed footer"),
        ("Visit Business Insider's homepage for more stories.", "homepage link"),
        ("Visit Morning Brew\u2019s homepage for more news", "homepage link"),
        ("No comments:", "comment widget"),
        ("12 comments:", "comment widget"),
        ("Post a Comment", "comment widget"),
        ("Leave a reply", "comment widget"),
        ("Newer Post Older Post Home", "comment widget"),
        ("Subscribe to: Post Comments (Atom)", "comment widget"),
        ("Share this story with your network", "share line"),
        ("Share this article", "share line"),
        ("Share on Facebook", "share line"),
        ("Tweet Email Print", "share line"),
        ("Subscribe to our daily newsletter.", "subscribe line"),
        ("Sign up for our free Asia Briefing newsletter!", "subscribe line"),
        ("Stay up to date on emerging tech", "subscribe line"),
        ("Follow us on Twitter", "subscribe line"),
        ("Read more: China bans 59 apps", "read-more line"),
        ("READ MORE \u00bb Huawei loses UK 5G deal", "read-more line"),
        ("Continue reading", "read-more line"),
        ("Advertisement", "advertisement"),
    ],
)
def test_boilerplate_lines(line: str, kind: str) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "China said comments from Washington were unwelcome.",
        "Subscribe to the idea that China is right, he said.",
        "Read more about the initiative in our explainer, which says China is right.",
        "He shared the story from Reuters on Tuesday.",
        "The company said it would not post a comment on the ruling until Monday.",
        "Sources told The Wall Street Journal China has already started lobbying other countries.",
        "Visit the homepage, the minister told reporters, for more details on the plan.",
        "x" * 200,
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    assert boilerplate_kind(line) is None


RAW = """China Acts on Data Security\r
- China outlined a new initiative on Tuesday.\r
- Visit Example News's homepage for more stories.\r
- It answers the US program.\r
China has launched   an attempt to set global standards.\r
"We act," said Wang.\t"We win."\r
Share this story with your network\r
The US replied on Wednesday.\r
from Example News https://ex.am/ple\r
No comments:\r
Post a Comment\r
"""


def test_import_seed_like_text() -> None:
    imp, info = import_text(RAW.encode(), path="raw.txt", publisher="Example News",
                            url="https://ex.am/ple", published=dt.date(2020, 9, 8))
    assert imp is not None
    assert imp.slug == "china-acts-on-data-security"
    assert imp.key_points == ("China outlined a new initiative on Tuesday.", "It answers the US program.")
    assert imp.paragraphs == ("China has launched an attempt to set global standards.",
                              '"We act," said Wang. "We win."', "The US replied on Wednesday.")
    assert [(line, kind) for line, kind, _ in imp.removed] == [
        (3, "homepage link"), (7, "share line"), (9, "feed footer"), (10, "comment widget"),
        (11, "comment widget")]
    assert all(p.level == "info" and p.path == "raw.txt" for p in info)
    src, probs = parse_source("docs/sources/x.md", imp.markdown.encode())
    assert src is not None and probs == []
    assert src.meta.title == "China Acts on Data Security"
    assert src.meta.published == dt.date(2020, 9, 8)
    assert "\r" not in imp.markdown


def test_import_keeps_every_article_sentence_verbatim() -> None:
    article = [
        "Per Reuters, China's initiative calls on firms to seal up any security backdoors.",
        "It also calls on countries not to engage in mass surveillance of other countries.",
        "\u201cThis is naked bullying and should be opposed and rejected,\u201d said Wang.",
    ]
    raw = "\n".join(["A Headline About Data Rules", *article, "Read more: other story", "Advertisement"])
    imp, _ = import_text(raw.encode())
    assert imp is not None
    for sentence in article:
        assert sentence in imp.markdown


def test_import_title_option_keeps_first_line_in_body() -> None:
    imp, _ = import_text(b"China spoke on Tuesday.\nThe US replied.\n", title="Given")
    assert imp is not None and imp.paragraphs == ("China spoke on Tuesday.", "The US replied.")


def test_import_without_headline_needs_title() -> None:
    imp, probs = import_text(b"China spoke on Tuesday.\n")
    assert imp is None and str(probs[0]) == "<stdin>:1: no title: the text has no headline line; pass --title"


def test_import_only_boilerplate_is_an_error() -> None:
    imp, probs = import_text(b"No comments:\nPost a Comment\n", title="T")
    assert imp is None and "no article text left" in str(probs[0])


def test_import_reads_storage_date_prefix() -> None:
    imp, _ = import_text(b" date 2020-09-12 MOSCOW, Sept. 12 (Xinhua) -- China calls for rules.\n", title="T")
    assert imp is not None and "published: '2020-09-12'" in imp.markdown
    assert imp.paragraphs == ("MOSCOW, Sept. 12 (Xinhua) -- China calls for rules.",)


def test_hard_wrapped_text_is_joined() -> None:
    raw = ("Headline Of A Wrapped Story\n\nChina outlined a new initiative on\nTuesday and called on "
           "others\nto join it.\n\nThe US replied on Wednesday and\nsaid nothing else.\n")
    assert detect_soft_wrap(raw)
    imp, _ = import_text(raw.encode())
    assert imp is not None
    assert imp.paragraphs == ("China outlined a new initiative on Tuesday and called on others to join it.",
                              "The US replied on Wednesday and said nothing else.")


def test_non_utf8_import_names_line() -> None:
    imp, probs = import_text(b"Title Of It\nok\n\xe9t\xe9\n", path="raw.txt")
    assert imp is None and re.match(r"raw\.txt:3: not valid UTF-8", str(probs[0]))
