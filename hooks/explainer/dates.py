"""Dates in news text, resolved against the publication date, with their precision.

'on Tuesday' in an article published on Tuesday 8 Sept 2020 is that day; 'last month' is
August 2020 (precision month); 'last year' is 2019 (precision year); 'this week' is the week
(precision week, dated by its Monday); 'Sept. 8' and '8 September 2020' are days.

Does not cover: ranges ('between May and July'), seasons, fiscal years, or dates in other
calendars. Weekdays are taken to be the most recent such day on or before publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}

_MON = r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Each pattern with an example of what it matches.
DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(rx)) for name, rx in (
    ("iso", r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),                                # 2020-09-08
    ("mdy", rf"\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),                                    # Sept. 8, 2020
    ("dmy", rf"\b{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?\b"),                                    # 8 September 2020
    ("month", rf"\b(?:in|since|until|by|from|early|late|mid-?)\s+{_MON}(?:\s+{_YEAR})?\b"),  # in August (2020)
    ("month_year", rf"\b{_MON}\s+{_YEAR}\b"),                                             # August 2020
    ("year", rf"\b(?:in|since|until|by)\s+{_YEAR}\b"),                                    # in 2019
    ("weekday", rf"\b(?P<last>last\s+|this\s+|next\s+)?{_WD}\b"),                         # (last) Tuesday
    ("relday", r"\b(?P<rel>yesterday|today|tomorrow|tonight)\b"),                         # yesterday
    ("rel", r"\b(?P<which>last|this|next|earlier this|later this|past)\s+(?P<unit>week|month|year)\b"),  # last month
    ("ago", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a|an)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|before)\b"),  # two days earlier
))


@dataclass(frozen=True)
class DateRef:
    """A date expression found in text."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str
    """day | week | month | year"""

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def to_json(self) -> dict[str, Any]:
        return {"date": self.iso(), "precision": self.precision, "text": self.text}


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _shift_month(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _resolve(name: str, m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    try:
        if name == "iso":
            return dt.date.fromisoformat(g["iso"]), "day"
        if name in ("mdy", "dmy"):
            month, day = _month(g["mon"]), int(g["day"])
            if g.get("year"):
                return dt.date(int(g["year"]), month, day), "day"
            if pub is None:
                return None
            d = dt.date(pub.year, month, day)
            # a date far after publication is last year's ('Dec. 30' in a January article)
            return (dt.date(pub.year - 1, month, day) if (d - pub).days > 60 else d), "day"
        if name in ("month", "month_year"):
            month = _month(g["mon"])
            if g.get("year"):
                return dt.date(int(g["year"]), month, 1), "month"
            if pub is None:
                return None
            year = pub.year if month <= pub.month + 1 else pub.year - 1
            return dt.date(year, month, 1), "month"
        if name == "year":
            return dt.date(int(g["year"]), 1, 1), "year"
        if pub is None:
            return None
        if name == "weekday":
            wd = WEEKDAYS[g["wd"].lower()]
            back = (pub.weekday() - wd) % 7
            last = (g.get("last") or "").strip().lower()
            if last == "last" and back == 0:
                back = 7
            if last == "next":
                return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7), "day"
            return pub - dt.timedelta(days=back), "day"
        if name == "relday":
            shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["rel"].lower()]
            return pub + dt.timedelta(days=shift), "day"
        if name == "rel":
            which, unit = g["which"].lower(), g["unit"].lower()
            n = {"last": -1, "past": -1, "next": 1}.get(which, 0)
            if unit == "week":
                monday = pub - dt.timedelta(days=pub.weekday())
                return monday + dt.timedelta(weeks=n), "week"
            if unit == "month":
                return _shift_month(pub, n), "month"
            return dt.date(pub.year + n, 1, 1), "year"
        if name == "ago":
            n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
            sign = 1 if g["dir"].lower() == "later" else -1
            unit = g["unit"].lower()
            if unit == "day":
                return pub + dt.timedelta(days=sign * n), "day"
            if unit == "week":
                return pub + dt.timedelta(weeks=sign * n), "week"
            if unit == "month":
                return _shift_month(pub, sign * n), "month"
            return dt.date(pub.year + sign * n, 1, 1), "year"
    except (ValueError, KeyError):
        return None
    return None


# Every pattern above starts at the beginning of a run of word characters, and only runs like
# these can begin a match: 'Sept' (mdy, month_year), 'in' (month, year), 'last' (weekday, rel),
# any number (iso, dmy, ago). Trying each pattern only at such runs finds the same matches as
# scanning the whole text with each (a property test checks it), several times faster.
def _start_words() -> dict[str, frozenset[str]]:
    """Word -> the patterns a match of which can begin with it (case as the patterns have it)."""
    months = [m.capitalize() for m in MONTHS]  # 'Sept', 'September', 'May', ...
    weekdays = [d.capitalize() for d in WEEKDAYS]
    out: dict[str, frozenset[str]] = {}
    for name, words in (
        ("mdy", months), ("month_year", months),
        ("month", "in since until by from early late mid".split()),
        ("year", "in since until by".split()),
        ("weekday", ["last", "this", "next", *weekdays]),
        ("relday", "yesterday today tomorrow tonight".split()),
        ("rel", "last this next earlier later past".split()),
        ("ago", list(NUMBERS)),
    ):
        for w in words:
            out[w] = out.get(w, frozenset()) | {name}
    return out


START_WORDS = _start_words()
NUMBER_STARTS = frozenset(("iso", "dmy", "ago"))  # '2020-09-08', '8th September', '3 days ago'
WORD_RUN: re.Pattern[str] = re.compile(r"\w+")


def _starts(text: str, start: int, end: int) -> dict[str, list[int]]:
    """Offsets where each pattern may match, in order."""
    out: dict[str, list[int]] = {}
    for m in WORD_RUN.finditer(text, start, end):
        run = m.group()
        names = NUMBER_STARTS if run[0].isdecimal() else START_WORDS.get(run)
        if names:
            p = m.start()
            for name in names:
                out.setdefault(name, []).append(p)
    return out


def find_dates(text: str, published: dt.date | None, start: int = 0, end: int | None = None) -> list[DateRef]:
    """Every date expression in ``text[start:end]`` that can be resolved, left to right."""
    end = len(text) if end is None else end
    found: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    starts = _starts(text, start, end)
    for name, rx in DATE_PATTERNS:
        last = start  # where the pattern's left-to-right scan has got to
        for p in starts.get(name, ()):
            if p < last:
                continue
            m = rx.match(text, p, end)
            if m is None:
                continue
            last = m.end()
            ref = accept(name, m, text, published, taken)
            if ref is not None:
                found.append(ref)
    found.sort(key=lambda d: d.start)
    return found


def accept(name: str, m: re.Match[str], text: str, published: dt.date | None,
           taken: list[tuple[int, int]]) -> DateRef | None:
    """The date a pattern's match names, unless it overlaps one found before (``taken``, which
    it then joins) or is not a date ('May' the verb, a day that does not exist)."""
    if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
        return None
    if name == "mdy" and m.group("mon").lower() == "may" and not m.group("year") \
            and text[max(0, m.start() - 1):m.start()] not in (" ", ""):
        return None
    got = _resolve(name, m, published)
    if got is None:
        return None
    taken.append((m.start(), m.end()))
    return DateRef(m.start(), m.end(), m.group(0), got[0], got[1])


def resolve(expression: str, published: dt.date | None) -> DateRef | None:
    """The date one expression names: resolve('last month', date(2020, 9, 8)) -> 2020-08."""
    got = find_dates(expression, published)
    return got[0] if got else None
