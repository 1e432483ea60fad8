"""Sentence splitting, paragraphs and stable sentence ids."""

from __future__ import annotations

import pytest

from explainer.text import analyse_text, sentence_id, split_paragraphs, split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China acted. The US replied.", ["China acted.", "The US replied."]),
        ("Did it work? Nobody knows! Maybe.", ["Did it work?", "Nobody knows!", "Maybe."]),
        # abbreviations and titles
        ("Mr. Wang met Dr. Lavrov in Moscow. They spoke.", ["Mr. Wang met Dr. Lavrov in Moscow.", "They spoke."]),
        ("It was signed on Sept. 8 in Beijing. Then it spread.", ["It was signed on Sept. 8 in Beijing.", "Then it spread."]),
        ("He ranked No. 1 on the list. Others did not.", ["He ranked No. 1 on the list.", "Others did not."]),
        ("Sen. Graham and Gov. Newsom disagreed.", ["Sen. Graham and Gov. Newsom disagreed."]),
        # initialisms: stay unless a sentence starter follows
        ("The U.S. Government objected.", ["The U.S. Government objected."]),
        ("It targets the U.S. The move is new.", ["It targets the U.S.", "The move is new."]),
        ("Talks in Washington, D.C. on Monday failed.", ["Talks in Washington, D.C. on Monday failed."]),
        # initials
        ("J. K. Rowling wrote it. She agreed.", ["J. K. Rowling wrote it.", "She agreed."]),
        # quotes containing several sentences stay with their attribution
        ('"We act. We win," said Wang. "Really."', ['"We act. We win," said Wang.', '"Really."']),
        ("\u201cIt is bullying. It must stop,\u201d he said.", ["\u201cIt is bullying. It must stop,\u201d he said."]),
        ('He said: "This is naked bullying." Others agreed.', ['He said: "This is naked bullying."', "Others agreed."]),
        # quote closes the sentence
        ("\u201cNo.\u201d He left.", ["\u201cNo.\u201d", "He left."]),
        # no space after the period (scraped text)
        ("said on Monday.The ministry replied.", ["said on Monday.", "The ministry replied."]),
        ('the "hacker empire."Some politicians left.', ['the "hacker empire."', "Some politicians left."]),
        # must not split
        ("Version 3.5 was released by ift.tt today.", ["Version 3.5 was released by ift.tt today."]),
        ("It costs $3.5bn. e.g. the rest.", ["It costs $3.5bn. e.g. the rest."]),
        ("Visit example.com for more.", ["Visit example.com for more."]),
        ("A sentence without a final stop", ["A sentence without a final stop"]),
        ("Wait... what happened?", ["Wait... what happened?"]),
        # an unbalanced quote must not swallow the paragraph
        ('He said "it is over. Nobody came. The end.', ['He said "it is over.', "Nobody came.", "The end."]),
        ("(Reuters) China spoke. (AP) Then Russia.", ["(Reuters) China spoke.", "(AP) Then Russia."]),
        # listed quotations with a dash attribution each
        ("\u201cIt is a disgrace.\u201d \u2015 Jane Doe\n\u201cWe must vote.\u201d \u2015 Omar Haddad",
         ["\u201cIt is a disgrace.\u201d \u2015 Jane Doe", "\u201cWe must vote.\u201d \u2015 Omar Haddad"]),
        ('"What do we have?" Mayor Ann Bell asked.', ['"What do we have?" Mayor Ann Bell asked.']),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_paragraphs_markdown_semantics() -> None:
    text = "First line\nsame paragraph.\n\n- a bullet\n- another bullet\n\nLast."
    paras = split_paragraphs(text)
    assert [(text[p.start:p.end], p.kind) for p in paras] == [
        ("First line\nsame paragraph.", "paragraph"),
        ("a bullet", "bullet"),
        ("another bullet", "bullet"),
        ("Last.", "paragraph"),
    ]


def test_paragraphs_plain_text_one_per_line() -> None:
    text = "One line.\nAnother line.\n  \u2022 A bullet.\n"
    paras = split_paragraphs(text, soft_wrap=False)
    assert [(text[p.start:p.end], p.kind) for p in paras] == [
        ("One line.", "paragraph"), ("Another line.", "paragraph"), ("A bullet.", "bullet")]


def test_sentence_ids_are_stable_when_other_paragraphs_change() -> None:
    a = analyse_text("Intro here.\n\nChina acted on Tuesday. The US replied.")
    b = analyse_text("A completely new intro. With two sentences.\n\nChina acted on Tuesday. The US replied.")
    ids_a = {s.text: s.id for s in a.sentences}
    ids_b = {s.text: s.id for s in b.sentences}
    assert ids_a["China acted on Tuesday."] == ids_b["China acted on Tuesday."]
    assert ids_a["The US replied."] == ids_b["The US replied."]


def test_sentence_ids_ignore_rewrapping_but_not_words() -> None:
    assert sentence_id("China acted\non Tuesday.") == sentence_id("China acted on Tuesday.")
    assert sentence_id("China acted on Monday.") != sentence_id("China acted on Tuesday.")


def test_repeated_sentences_get_unique_ids() -> None:
    doc = analyse_text("It is bullying. It is bullying.\n\nIt is bullying.")
    ids = [s.id for s in doc.sentences]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids[1] == f"{ids[0]}-2" and ids[2] == f"{ids[0]}-3"


def test_offsets_are_exact() -> None:
    text = "  Lead para, with spaces.  \n\nSecond.  Third!\n"
    doc = analyse_text(text)
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text
    assert [s.text for s in doc.sentences] == ["Lead para, with spaces.", "Second.", "Third!"]


@pytest.mark.parametrize(("offsets", "expected"), [
    ([], {}),
    ([0, 5, 20], {0: [0], 1: [1], 2: [2]}),
    ([1, 3, 6], {0: [0, 1], 1: [2]}),
    ([4, 10], {}),  # the space after 'One.' and the blank line belong to no sentence
    ([22, 30], {}),  # a sentence's end is outside it; past the text, none
    ([11, 0, 21], {2: [0, 2], 0: [1]}),  # indexes of the offsets, in their order
])
def test_offsets_grouped_by_sentence(offsets: list[int], expected: dict[int, list[int]]) -> None:
    doc = analyse_text("One. Two.\n\nThree four.")
    assert [(s.start, s.end) for s in doc.sentences] == [(0, 4), (5, 9), (11, 22)]
    assert doc.in_sentences(offsets) == expected
