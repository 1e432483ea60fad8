"""Typed, immutable records shared by the whole library."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """Something wrong or doubtful in an input file.

    ``error`` stops the build, ``warning`` fails a strict build, ``info`` is a
    doubt worth a look (an extraction the library declined to make, say).
    """

    path: str
    """The file, as the user would name it (``docs/sources/x.md``)."""
    line: int | None
    """1-based line in that file, when known."""
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


ParagraphKind = Literal["key_point", "paragraph", "bullet"]


@dataclass(frozen=True)
class Paragraph:
    """A block of the analysed text: offsets exclude any bullet marker."""

    index: int
    start: int
    end: int
    kind: ParagraphKind
    boilerplate: bool = False
    """Syndication junk ("Visit X's homepage for more stories."): shown, never mined."""


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``text == document.text[start:end]``."""

    id: str
    """Stable id derived from the sentence's own words (the page anchor is ``s-<id>``)."""
    start: int
    end: int
    text: str
    paragraph: int

    @property
    def anchor(self) -> str:
        return f"s-{self.id}"


@dataclass(frozen=True)
class Document:
    """A text split into paragraphs and sentences, with offsets into ``text``."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._starts and self.sentences:
            object.__setattr__(self, "_starts", tuple(s.start for s in self.sentences))

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (or the nearest one before it)."""
        if not self.sentences:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[max(i, 0)]

    def in_sentences(self, offsets: Sequence[int]) -> dict[int, list[int]]:
        """Sentence index -> the indexes of the ``offsets`` inside that sentence, in order
        (offsets between sentences belong to none): one pass, not a scan per sentence."""
        out: dict[int, list[int]] = {}
        for k, offset in enumerate(offsets):
            i = bisect.bisect_right(self._starts, offset) - 1
            if i >= 0 and offset < self.sentences[i].end:
                out.setdefault(i, []).append(k)
        return out

    def paragraph_sentences(self, index: int) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.paragraph == index)


@dataclass(frozen=True)
class SourceMeta:
    """Validated front matter of a source."""

    slug: str
    title: str
    publisher: str | None = None
    url: str | None = None
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineMap:
    """Maps offsets of an analysed text back to 1-based lines of the file it came from.

    ``points`` are ``(offset, line)`` pairs, sorted: from each offset on, the text is a
    verbatim run of the file starting at that line, so newlines count as lines.
    """

    text: str
    points: tuple[tuple[int, int], ...] = ((0, 1),)

    def line_of(self, offset: int) -> int:
        offsets = [p[0] for p in self.points]
        i = max(bisect.bisect_right(offsets, offset) - 1, 0)
        base, line = self.points[i]
        return line + self.text.count("\n", base, max(offset, base))


@dataclass(frozen=True)
class Source:
    """A source article ready for analysis.

    ``text`` is what the extractors read: the key points (one ``- point`` line each),
    a blank line, then the body. Every offset the library emits is into ``text``.
    """

    path: str
    meta: SourceMeta
    text: str
    document: Document
    lines: LineMap
    body_start: int
    """Offset in ``text`` where the article body begins."""
