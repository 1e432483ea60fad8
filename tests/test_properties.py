"""Property tests: any text, however odd, never crashes the library, and everything it
extracts points at exactly the text it claims. `make test` runs a short profile; `make
test-long` runs 10,000 examples per property."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explainer.extract import extract_plain
from explainer.sources import parse_source
from explainer.text import analyse_text

settings.register_profile("short", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "short"))

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb`"
PIECES = st.sampled_from([
    " said ", " told Reuters ", "Wang Yi", "the minister", " according to ", ", ", ". ", "\n", "\n\n", "- ",
    "China", "the Clean Network program", " initiative", "on Tuesday", "last month", "Mr. ", "U.S.", ":", ";",
    " he said.", "Sources", " calls on ", " to ", "\u2014", "\u2026", "<script>", "&amp;", "\u4e2d\u6587",
    "\u0627\u0644\u0635\u064a\u0646", "5G", "backdoors",
]) | st.sampled_from(list(QUOTES)) | st.text(max_size=12)
TEXTS = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=400)


def check(ex: object, text: str) -> None:
    doc = ex.document  # type: ignore[attr-defined]
    ids = [s.id for s in doc.sentences]
    assert len(ids) == len(set(ids))
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text
    for q in ex.quotes:  # type: ignore[attr-defined]
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
        for a, b in ((q.speaker_start, q.speaker_end), (q.cue_start, q.cue_end)):
            if a is not None:
                assert b is not None and 0 <= a <= b <= len(text)
    for ini in ex.initiatives:  # type: ignore[attr-defined]
        for m in ini.mentions:
            assert text[m.start:m.end] == m.surface
    for a, b, _, _ in ex.mentions:  # type: ignore[attr-defined]
        assert 0 <= a < b <= len(text)


@given(TEXTS)
def test_any_plain_text(text: str) -> None:
    import datetime as dt
    check(extract_plain("x.txt", text, dt.date(2020, 9, 8)), text)


@given(TEXTS)
def test_any_source_body(body: str) -> None:
    data = ("---\ntitle: T\npublished: 2020-09-08\n---\n\n" + body).encode("utf-8", "surrogatepass")
    src, problems = parse_source("docs/sources/x.md", data)
    if src is None:
        assert problems and all(p.path == "docs/sources/x.md" for p in problems)
        return
    from explainer.extract import extract_source
    check(extract_source(src), src.text)


@given(st.binary(max_size=300))
def test_any_bytes_as_a_source(data: bytes) -> None:
    src, problems = parse_source("docs/sources/x.md", data)
    assert src is not None or problems


@given(TEXTS)
def test_sentence_ids_unique_and_stable(text: str) -> None:
    a = analyse_text(text)
    b = analyse_text("Another paragraph first.\n\n" + text)
    ids_a = {s.text: s.id for s in a.sentences}
    for s in b.sentences:
        if s.text in ids_a and list(ids_a).count(s.text) == 1 and ids_a[s.text].count("-") == 0 \
                and s.text != "Another paragraph first.":
            assert s.id.split("-")[0] == ids_a[s.text]


# The linker's form index must find exactly what one big alternation regex finds (the rule it
# replaces for speed): same spans, same order, longest form first, same boundaries.
FORMS = ["5G", "5G Clean Network", "ICT", "U.S.", "back door", "backdoor", "Clean Network",
         "Clean Network Initiative", "network", "Huawei", "Wang Yi", "data security", "EU"]
FORM_TEXTS = st.lists(st.sampled_from(FORMS + [" ", "  ", "\n", "s", "es", "'s", "\u2019", ".", ",", "-", "/",
                                               "@", "#", "x", "5", "CLEAN", "network's", "Networks", "."]),
                      max_size=30).map("".join) | st.text(alphabet="5GIC.TUS back dorNetwlkiuy'\u2019-/@#,\n",
                                                          max_size=80)


@given(FORM_TEXTS)
def test_linker_form_index_equals_one_big_regex(text: str) -> None:
    import re

    from explainer.linker import Linker, Target, _form_pattern, is_acronym

    linker = Linker([Target(f"t:{i}", (f,), "glossary/", "") for i, f in enumerate(FORMS)])
    forms = sorted(set(FORMS), key=lambda f: (-len(f), f))
    alts = "|".join(f"(?-i:{_form_pattern(f)})" if is_acronym(f) else _form_pattern(f) for f in forms)
    reference = re.compile(rf"(?<![\w/.@#-])(?:{alts})(?![\w/@-]|\.\w)", re.IGNORECASE)
    assert linker._forms is not None
    assert linker._forms.finditer(text) == [(m.start(), m.end()) for m in reference.finditer(text)]


DATE_PHRASES = ["in September", "since 2019", "by May 2021", "mid-August", "early June", "last Tuesday",
                "next Friday", "two days earlier", "3 weeks ago", "a year later", "Sept. 8, 2020", "8 September 2020",
                "8th Sept.", "this week", "earlier this month", "later this year", "past month", "2020-09-08",
                "August 2020", "in 2019", "yesterday", "tonight", "May 4", "on May 4", "x May 4"]
DATE_PIECES = st.sampled_from(DATE_PHRASES) | st.sampled_from([
    " ", "  ", "\n", ",", ".", "-", "in ", "since ", "by ", "mid-", "mid ", "early ", "last ", "this ", "next ",
    "earlier ", "later ", "past ", "Sept. ", "Sept ", "September ", "May ", "Mayday ", "Jan.", "June ", "8 ",
    "8th ", "31 ", "2020", "2019 ", "2020-09-08", "1999-12-31 ", "Tuesday", "Sunday ", "yesterday", "today",
    "week", "month", "year", "s", " ago", " earlier", " later", "3 ", "a ", "an ", "two ", "days", "Xin",
    "\u0663 ", "x", "_",
])
DATE_TEXTS = st.lists(DATE_PIECES, max_size=30).map("".join)


@given(DATE_TEXTS, st.integers(0, 40), st.integers(0, 40))
@example(" and ".join(DATE_PHRASES) + ".", 0, 0)
def test_find_dates_equals_scanning_with_each_pattern(text: str, cut_a: int, cut_b: int) -> None:
    """find_dates tries its patterns only where a match can start; it must find what scanning
    the whole text with each pattern finds."""
    import datetime as dt

    from explainer.dates import DATE_PATTERNS, DateRef, accept, find_dates

    def reference(text: str, published: dt.date, start: int, end: int) -> list[DateRef]:
        found: list[DateRef] = []
        taken: list[tuple[int, int]] = []
        for name, rx in DATE_PATTERNS:
            for m in rx.finditer(text, start, end):
                ref = accept(name, m, text, published, taken)
                if ref is not None:
                    found.append(ref)
        return sorted(found, key=lambda d: d.start)

    pub = dt.date(2020, 9, 8)
    start, end = min(cut_a, len(text)), max(0, len(text) - cut_b)
    start = min(start, end)
    assert find_dates(text, pub, start, end) == reference(text, pub, start, end)
    assert find_dates(text, pub) == reference(text, pub, 0, len(text))


@given(TEXTS)
def test_token_pattern_equals_its_plain_form(text: str) -> None:
    """The tokenizer's word alternative is written for speed ('a run of word characters, then
    runs joined by an apostrophe, dot or hyphen'); it must match what the plain per-character
    form matches."""
    import re

    from explainer.mentions import TOKEN

    plain = re.compile(TOKEN.pattern.replace(
        r"[^\W_][\w&]*(?:['\u2019.-][^\W_][\w&]*)*(?:['\u2019]s?\b)?",
        r"[^\W_](?:[\w&]|['\u2019.-](?=[^\W_]))*(?:['\u2019]s?\b)?"))
    assert plain.pattern != TOKEN.pattern
    assert [m.span() for m in TOKEN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="ABCX5G9 -_.a\u0663\u00e9\n", max_size=30) | TEXTS)
def test_acronym_pattern_equals_its_plain_form(text: str) -> None:
    import re

    from explainer.terms import ACRONYM

    plain = re.compile(r"(?<![\w-])(?:\d[A-Z]|[A-Z]{2,6}\d?|[A-Z]\d[A-Z]?)(?![\w])")
    assert [m.span() for m in ACRONYM.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(TEXTS | st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u3000ab", max_size=20))
def test_sentence_id_is_the_digest_of_its_words(text: str) -> None:
    """Sentence ids are links that must never change: the id is the digest of the text with
    every run of white space (as the regex \\s sees it) made one space."""
    import hashlib
    import re
    import unicodedata

    from explainer.text import sentence_id

    norm = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())
    assert sentence_id(text) == hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
