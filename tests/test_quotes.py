"""Quote extraction: a table of invented passages, each with exactly what must be found.

Each case lists (kind, text, speaker) for every quote expected; ``[]`` means nothing may be
extracted. Texts are invented for the tests (no article text is copied here).
"""

from __future__ import annotations

import pytest

from explainer.extract import extract_plain
from explainer.quotes import Quote
from explainer.text import analyse_text
from explainer.quotes import extract_quotes

D, P, I = "direct", "partial", "indirect"

CASES: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # --- direct quotes, cue after ------------------------------------------------------
    ('"We will not back down," said Maria Lopez.', [(D, "We will not back down,", "Maria Lopez")]),
    ('"We will not back down," Maria Lopez said.', [(D, "We will not back down,", "Maria Lopez")]),
    ("\u201cThe plan is sound,\u201d the minister said.", [(D, "The plan is sound,", None)]),
    ("Trade minister Omar Haddad spoke first. \u201cThe plan is sound,\u201d the minister said.",
     [(D, "The plan is sound,", "Omar Haddad")]),
    ('"It is over," he said.', []),
    ('Senator Jane Roe arrived late. "It is over," she said.', [(D, "It is over,", "Jane Roe")]),
    ('"Prices will rise," Roe warned on Monday.', [(D, "Prices will rise,", "Roe")]),
    ('"Prices will rise," warned Jane Roe, a senator from Ohio.', [(D, "Prices will rise,", "Jane Roe")]),
    ('"We are ready," said Li Wei, spokesperson for the trade ministry.', [(D, "We are ready,", "Li Wei")]),
    # straight quotes inside an HTML tag written into the text delimit attributes, not quotations
    ('"<b onmouseover="x()">Cables</b> stay open," said Wang Yi.',
     [(P, '<b onmouseover="x()">Cables</b> stay open,', "Wang Yi")]),
    # 'told' is never inverted: what follows it is who was told
    ('"Rules must be fair," Anna Khan, a spokesperson for the ministry, told reporters.',
     [(D, "Rules must be fair,", "Anna Khan")]),
    ('"We are ready," Li Wei, spokesperson for the trade ministry, said on Monday.',
     [(D, "We are ready,", "Li Wei")]),
    ('"We are ready," Li Wei, who leads the delegation, said.', [(D, "We are ready,", "Li Wei")]),
    ('"We are ready," Senate leader Tom Hart (R-Ohio) said.', [(D, "We are ready,", "Tom Hart")]),
    ('"What do we have?" Mayor Ann Bell asked.', [(D, "What do we have?", "Ann Bell")]),
    ('"No deal," Acme Corp said in a statement.', [(D, "No deal,", "Acme Corp")]),
    # --- direct quotes, cue before ------------------------------------------------------
    ('Ann Bell added: "The city will appeal."', [(D, "The city will appeal.", "Ann Bell")]),
    ('Ann Bell said, "The city will appeal."', [(D, "The city will appeal.", "Ann Bell")]),
    ('The mayor, Ann Bell, spoke on Monday, saying "The city will appeal."',
     [(D, "The city will appeal.", "Ann Bell")]),
    ('Ann Bell tweeted: "See you in court."', [(D, "See you in court.", "Ann Bell")]),
    # --- split statements and continuations ------------------------------------------------
    ('"We act," said Omar Haddad. "We win."', [(D, "We act,", "Omar Haddad"), (D, "We win.", "Omar Haddad")]),
    ('"We act," Omar Haddad said.\n\n"We win."', [(D, "We act,", "Omar Haddad"), (D, "We win.", "Omar Haddad")]),
    ("\u2018We will appeal,\u2019 Acme Corp said. \u2018The order is wrong.\u2019",
     [(D, "We will appeal,", "Acme Corp"), (D, "The order is wrong.", "Acme Corp")]),
    ('Omar Haddad said:\n\n"The talks failed."', [(D, "The talks failed.", "Omar Haddad")]),
    # --- nested and curly quotes ----------------------------------------------------------
    ('"They call it \'clean\', but it is not," said Maria Lopez.',
     [(D, "They call it 'clean', but it is not,", "Maria Lopez")]),
    ("\u201cThey call it \u2018clean\u2019, but it is not,\u201d said Maria Lopez.",
     [(D, "They call it \u2018clean\u2019, but it is not,", "Maria Lopez")]),
    ("\u201cIt is a disgrace.\u201d \u2015 Jane Doe\n\u201cWe must vote.\u201d \u2015 Omar Haddad",
     [(D, "It is a disgrace.", "Jane Doe"), (D, "We must vote.", "Omar Haddad")]),
    # --- partial quotes ---------------------------------------------------------------------
    ('Maria Lopez called the ruling "a disgrace."', [(P, "a disgrace.", "Maria Lopez")]),
    ('Maria Lopez said the rules were "unfair to small firms."', [(P, "unfair to small firms.", "Maria Lopez")]),
    ('Maria Lopez said the city had "no right" to act.', [(P, "no right", "Maria Lopez")]),
    ('Mayor Ann Bell welcomed the vote, calling it "long overdue".', [(P, "long overdue", "Ann Bell")]),
    ('Ann Bell accused the council of "bullying".', [(P, "bullying", "Ann Bell")]),
    ("Acme Corp described the fine as \u2018a political stunt\u2019.", [(P, "a political stunt", "Acme Corp")]),
    # --- anonymous, unnamed and institutional speakers --------------------------------------
    ('"It is dead," one official said.', [(D, "It is dead,", None)]),
    ("Sources told the paper the deal is dead.", [(I, "the deal is dead", "Sources")]),
    ("A source said the deal is dead.", [(I, "the deal is dead", "Sources")]),
    ("The ministry of trade said the tariffs would stay.", [(I, "the tariffs would stay", "ministry of trade")]),
    ("Brazil said it would not sign the accord.", [(I, "it would not sign the accord", "Brazil")]),
    ("Washington said the accord was unfair.", [(I, "the accord was unfair", "United States")]),
    # --- indirect speech ----------------------------------------------------------------------
    ("Maria Lopez said the rules would change next year.", [(I, "the rules would change next year", "Maria Lopez")]),
    ("Maria Lopez said that the rules would change.", [(I, "the rules would change", "Maria Lopez")]),
    ("The rules will change next year, Maria Lopez said on Friday.",
     [(I, "The rules will change next year", "Maria Lopez")]),
    ("The rules will change next year, said Maria Lopez.", [(I, "The rules will change next year", "Maria Lopez")]),
    ("According to Maria Lopez, the rules will change next year.",
     [(I, "the rules will change next year", "Maria Lopez")]),
    ("The rules will change next year, according to Maria Lopez.",
     [(I, "The rules will change next year", "Maria Lopez")]),
    ("Brazil called on other countries to join the accord.", [(I, "other countries to join the accord", "Brazil")]),
    ("Brazil urged its neighbours not to sign.", [(I, "its neighbours not to sign", "Brazil")]),
    ("Brazil's proposal calls on firms to store data locally.", [(I, "firms to store data locally", "Brazil")]),
    ("Brazil launched a plan on Monday and called on others to join it.", [(I, "others to join it", "Brazil")]),
    ("Maria Lopez warned that prices would rise, adding that wages would not.",
     [(I, "prices would rise", "Maria Lopez"), (I, "wages would not", "Maria Lopez")]),
    ("Omar Haddad told Reuters the talks had failed.", [(I, "the talks had failed", "Omar Haddad")]),
    ("Acme Corp and Globex said the merger was off.", [(I, "the merger was off", "Acme Corp and Globex")]),
    ("Acme Corp and Globex said the merger was off. They allege that the law is void.",
     [(I, "the merger was off", "Acme Corp and Globex"), (I, "the law is void", "Acme Corp and Globex")]),
    # --- pronouns and surnames --------------------------------------------------------------
    ("Maria Lopez, the trade minister, spoke first. Lopez said the rules would change.",
     [(I, "the rules would change", "Maria Lopez")]),
    ("Trade minister Maria Lopez spoke first. She said the rules would change.",
     [(I, "the rules would change", "Maria Lopez")]),
    ("Chinese foreign minister Wang Yi spoke. Wang said the rules would change.",
     [(I, "the rules would change", "Wang Yi")]),
    # --- nothing to extract -------------------------------------------------------------------
    ("", []),
    ("The weather was mild on Tuesday.", []),
    ('The US launched the "Clean Path" program last year.', []),
    ('The so-called "Digital Shield" plan was shelved.', []),
    ('Officials banned "untrusted" apps from stores.', []),
    ('The council offered a "fair" price for the land.', []),
    ('He read "War and Peace" twice.', []),
    ("The report said nothing new.", []),
    ('"It was a long day."', []),
    ("Prices rose. Wages did not.", []),
    ('The "hacker empire" is a myth, the column argued.', []),
    ('Her comment on "leading firms" was widely shared.', []),
    ("The decision was announced on Monday.", []),
    ("He was told to leave.", []),
    ("The ban has been criticised as heavy-handed.", []),
    ("The company declined to comment.", []),
    ('"This is the end of', []),
    ('The statement ended with "and that is final', []),
    ("Reports said the app would be banned.", []),
    ("Acme shares rose 5 per cent, Reuters reported.", []),
    ("The tweet went viral, drawing thousands of replies.", []),
    ("Meanwhile, the talks said little about cables.", []),
    ("Claims by observers that the border moved were denied.", []),
    ('The film "Say Anything" returns.', []),
    ("He said.", []),
    ("It said.", []),
    ('A few highlights: "open supply chains" and "no backdoors."', []),
]


def found(text: str) -> list[tuple[str, str, str | None]]:
    quotes, _ = extract_quotes(analyse_text(text))
    return [(q.kind, q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"q{i:02d}" for i in range(len(CASES))])
def test_quote_table(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert found(text) == expected


def test_table_size() -> None:
    assert len(CASES) >= 80
    assert sum(1 for _, exp in CASES if not exp) >= 20


@pytest.mark.parametrize(("text", "via"), [
    ('Per Reuters, Brazil\'s plan calls on firms to store data locally.', "Reuters"),
    ('"We act," Maria Lopez said, according to a transcript of her speech seen by The Journal.',
     "a transcript of her speech seen by The Journal"),
    ('"We act," Maria Lopez told The Wall Street Journal.', "The Wall Street Journal"),
    ('Maria Lopez told Reuters the talks had failed.', "Reuters"),
    ('"We act," Maria Lopez tweeted.', "Twitter"),
    ('"We act," Acme Corp said in a statement.', "a statement"),
    ('In a letter to lawmakers, Maria Lopez said the rules would change.', "a letter to lawmakers"),
    ('In an interview with Xinhua on Monday, Maria Lopez said the rules would change.', "Xinhua"),
    ('"We act," Maria Lopez said.', None),
])
def test_via(text: str, via: str | None) -> None:
    quotes, _ = extract_quotes(analyse_text(text))
    assert quotes and quotes[0].via == via


def test_via_carries_over_to_continuation() -> None:
    quotes, _ = extract_quotes(analyse_text('"We act," Maria Lopez told Reuters.\n\n"We win."'))
    assert [(q.text, q.via) for q in quotes] == [("We act,", "Reuters"), ("We win.", "Reuters")]


def test_role_and_mention_offsets() -> None:
    text = "State Department spokesperson Morgan Ortagus said the ban would stand."
    (q,) = extract_quotes(analyse_text(text))[0]
    assert q.speaker == "Morgan Ortagus"
    assert q.speaker_role == "State Department spokesperson"
    assert text[q.speaker_start:q.speaker_end] == "Morgan Ortagus"
    assert text[q.cue_start:q.cue_end] == "said"


def test_role_from_apposition() -> None:
    (q,) = extract_quotes(analyse_text('"We are ready," said Li Wei, spokesperson for the trade ministry.'))[0]
    assert q.speaker_role == "spokesperson for the trade ministry"


def test_unnamed_official_keeps_role() -> None:
    (q,) = extract_quotes(analyse_text('"It is dead," one U.S. official said.'))[0]
    assert (q.speaker, q.speaker_role, q.speaker_kind) == (None, "U.S. official", "role")


def test_cut_off_quote_and_odd_marks_are_noted() -> None:
    text = 'Maria Lopez said "we will win and left.\n\nNothing else.\n\n"We act," said Omar Haddad. And "this'
    quotes, notes = extract_quotes(analyse_text(text))
    assert [(q.text, q.speaker) for q in quotes] == [("We act,", "Omar Haddad")]
    assert any("odd number" in n.message for n in notes)
    assert any("cut off" in n.message for n in notes)


def test_every_quote_is_verbatim_in_every_case() -> None:
    for text, _ in CASES:
        for q in extract_quotes(analyse_text(text))[0]:
            assert text[q.start:q.end] == q.text
            if q.speaker_start is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(text)


def test_extract_plain_includes_quotes_and_notes() -> None:
    ex = extract_plain("a.txt", 'A Headline Here\n"We act," said Omar Haddad. And "this')
    assert [q.text for q in ex.quotes] == ["We act,"]
    assert ex.problems and all(p.level == "info" and p.path == "a.txt" for p in ex.problems)
    assert all(isinstance(q, Quote) for q in ex.quotes)
