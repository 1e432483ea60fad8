"""Find quotation spans: which marks open and close a quotation.

Handles straight and curly double quotes, curly single quotes used for speech, nested quotes
(inner marks stay part of the outer quote), quotations running over several paragraphs, and
texts cut off mid-quote. An odd or mismatched mark drops only the ambiguous part.

Does not cover: straight single quotes used for speech (too easily confused with
apostrophes), or guillemets used the German way (» … «).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Paragraph

OPENERS = {"\u201c": '"', "\u201e": '"', "\u00ab": '"', "\u2018": "'"}
CLOSERS = {"\u201d": '"', "\u00bb": '"', "\u2019": "'"}
_SPACE_BEFORE_OPEN = " \t\n([{\u2014\u2013-/:;,\u201c\u2018\"'`"


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``text[start:end]`` is what stands between the marks."""

    open: int
    """Offset of the opening mark."""
    close: int | None
    """Offset of the closing mark; None when the quotation runs on into the next paragraph."""
    start: int
    end: int
    paragraph: int

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


@dataclass(frozen=True)
class QuoteNote:
    """A quotation mark the finder declined to pair (an info-level doubt)."""

    offset: int
    message: str


def _straight_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for a straight double quote at ``i``."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before in _SPACE_BEFORE_OPEN and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014\u2013-'\u2019" or i + 1 >= hi):
        return "close"
    return "either"


_MARKS = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")


# An HTML tag written into an article's text: '<b onmouseover="x">', '</b>', '<img src="a">'.
# Its straight quotes delimit attribute values, not quotations.
HTML_TAG: re.Pattern[str] = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    tags = [(m.start(), m.end()) for m in HTML_TAG.finditer(text, lo, hi)] if "<" in text[lo:hi] else []
    for m in _MARKS.finditer(text, lo, hi):
        i = m.start()
        ch = text[i]
        if tags and ch == '"' and any(a < i < b for a, b in tags):
            continue
        if ch == '"':
            out.append((i, _straight_role(text, i, lo, hi)))
        elif ch in OPENERS and OPENERS[ch] == '"':
            out.append((i, "open"))
        elif ch in CLOSERS and CLOSERS[ch] == '"':
            out.append((i, "close"))
    return out


def _starts_with_opening(text: str, p: Paragraph) -> bool:
    ch = text[p.start] if p.start < p.end else ""
    return ch in ("\u201c", "\u201e", "\u00ab", "\u2018") or (ch == '"' and _straight_role(text, p.start, p.start, p.end) == "open")


def find_quote_spans(text: str, paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> tuple[list[QuoteSpan], list[QuoteNote]]:
    """Every quotation in the (non-boilerplate) paragraphs, in text order."""
    spans: list[QuoteSpan] = []
    notes: list[QuoteNote] = []
    paras = [p for p in paragraphs if not p.boilerplate]
    for k, p in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        open_at: int | None = None
        doubles: list[QuoteSpan] = []
        for pos, role in _double_marks(text, p.start, p.end):
            if role == "open" or (role == "either" and open_at is None):
                if open_at is not None:
                    notes.append(QuoteNote(open_at, "opening quotation mark never closed; dropped that quote"))
                open_at = pos
            elif open_at is not None:
                doubles.append(QuoteSpan(open_at, pos, open_at + 1, pos, p.index))
                open_at = None
            else:
                notes.append(QuoteNote(pos, "closing quotation mark with no opening one; ignored"))
        if open_at is not None:
            if nxt is not None and _starts_with_opening(text, nxt):
                doubles.append(QuoteSpan(open_at, None, open_at + 1, p.end, p.index))
            elif nxt is None and p.end >= len(text.rstrip()):
                notes.append(QuoteNote(open_at, "quotation cut off at the end of the text; skipped"))
            else:
                notes.append(QuoteNote(open_at, "odd number of quotation marks in the paragraph; "
                                                "dropped the unpaired quote"))
        spans.extend(doubles)
        spans.extend(_single_spans(text, p, doubles, notes, last=nxt is None))
    spans.sort(key=lambda s: s.open)
    return spans, notes


def _single_spans(text: str, p: Paragraph, doubles: list[QuoteSpan], notes: list[QuoteNote],
                  last: bool) -> list[QuoteSpan]:
    """Curly single quotes used for speech (‘…’), outside double-quoted spans."""
    inside = [(d.open, d.outer_end) for d in doubles]
    out: list[QuoteSpan] = []
    i = p.start
    while i < p.end:
        i = text.find("\u2018", i, p.end)
        if i < 0:
            break
        ch = text[i]
        if ch == "\u2018" and not any(a <= i < b for a, b in inside):
            before = text[i - 1] if i > p.start else " "
            if before in _SPACE_BEFORE_OPEN or before.isspace():
                j = i + 1
                close = None
                while j < p.end:
                    if text[j] == "\u2019":
                        after = text[j + 1] if j + 1 < p.end else " "
                        prev = text[j - 1]
                        if not after.isalpha() and not prev.isspace():
                            close = j
                            break
                    elif text[j] == "\u2018" and text[j - 1].isspace():
                        break  # a new opening before any close: this one is unpaired
                    j += 1
                if close is not None and close > i + 1:
                    out.append(QuoteSpan(i, close, i + 1, close, p.index))
                    i = close + 1
                    continue
                if last and j >= p.end:
                    notes.append(QuoteNote(i, "quotation cut off at the end of the text; skipped"))
        i += 1
    return out
