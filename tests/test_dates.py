"""Relative and explicit dates resolved from the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from explainer.dates import find_dates, resolve

D = dt.date
TUE = D(2020, 9, 8)  # a Tuesday


@pytest.mark.parametrize(("expr", "published", "iso", "precision"), [
    ("on Tuesday", TUE, "2020-09-08", "day"),                 # the day itself
    ("on Monday", TUE, "2020-09-07", "day"),
    ("on Wednesday", TUE, "2020-09-02", "day"),               # last Wednesday, not tomorrow
    ("last Tuesday", TUE, "2020-09-01", "day"),
    ("next Friday", TUE, "2020-09-11", "day"),
    ("on Friday", D(2020, 10, 1), "2020-09-25", "day"),       # across a month end (Thu 1 Oct)
    ("on Sunday", D(2021, 1, 1), "2020-12-27", "day"),        # across a year end (Fri 1 Jan)
    ("yesterday", D(2020, 3, 1), "2020-02-29", "day"),        # leap year
    ("today", TUE, "2020-09-08", "day"),
    ("tomorrow", D(2020, 12, 31), "2021-01-01", "day"),
    ("last month", TUE, "2020-08", "month"),
    ("last month", D(2021, 1, 15), "2020-12", "month"),       # January
    ("this month", TUE, "2020-09", "month"),
    ("next month", D(2020, 12, 3), "2021-01", "month"),
    ("last year", TUE, "2019", "year"),
    ("this year", TUE, "2020", "year"),
    ("earlier this year", TUE, "2020", "year"),
    ("this week", TUE, "2020-09-07", "week"),
    ("earlier this week", D(2020, 9, 10), "2020-09-07", "week"),
    ("last week", TUE, "2020-08-31", "week"),
    ("two days earlier", D(2020, 9, 12), "2020-09-10", "day"),
    ("3 weeks ago", TUE, "2020-08-18", "week"),
    ("a year ago", TUE, "2019", "year"),
    ("in August", TUE, "2020-08", "month"),
    ("in December", D(2021, 1, 10), "2020-12", "month"),      # the December before
    ("in August 2019", TUE, "2019-08", "month"),
    ("August 2020", None, "2020-08", "month"),
    ("on Sept. 8", TUE, "2020-09-08", "day"),
    ("Sept 8, 2020", None, "2020-09-08", "day"),
    ("September 8th", TUE, "2020-09-08", "day"),
    ("on 8 September 2020", None, "2020-09-08", "day"),
    ("5 Aug", TUE, "2020-08-05", "day"),
    ("Dec. 30", D(2021, 1, 4), "2020-12-30", "day"),          # without a year, near a year end
    ("2020-04-29", None, "2020-04-29", "day"),
    ("in 2019", None, "2019", "year"),
    ("by mid-September", TUE, None, None),                    # not a date we resolve exactly
])
def test_resolve(expr: str, published: dt.date | None, iso: str | None, precision: str | None) -> None:
    got = resolve(expr, published)
    if iso is None:
        assert got is None or got.precision == "month"
        return
    assert got is not None, expr
    assert (got.iso(), got.precision) == (iso, precision)


@pytest.mark.parametrize("expr", ["on Tuesday", "last month", "yesterday", "in August", "on Sept. 8"])
def test_relative_dates_need_a_publication_date(expr: str) -> None:
    assert resolve(expr, None) is None


@pytest.mark.parametrize("text", ["She may go.", "The March of progress", "No dates here at all.",
                                  "He scored 2020 points.", "A 5-3 vote"])
def test_no_dates(text: str) -> None:
    got = find_dates(text, TUE)
    assert [d.text for d in got if d.text.lower() not in ("march",)] == []


def test_offsets_in_text() -> None:
    text = "China outlined it on Tuesday, a month after the US acted last month."
    got = find_dates(text, TUE)
    assert [(text[d.start:d.end], d.iso()) for d in got] == [("Tuesday", "2020-09-08"), ("last month", "2020-08")]
