"""Turn a raw article text (copied from a feed or a page) into a source file.

It removes boilerplate lines by the rules in :mod:`explainer.boilerplate`, turns a
leading bullet summary into ``key_points``, normalises whitespace and line endings, and
keeps every sentence of the article verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from . import lexicon as lx
from .boilerplate import DATE_PREFIX, boilerplate_kind
from .model import Problem
from .sources import decode, slugify

_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A headline: no sentence-final period, a few words. e.g. 'China Debuts Data Security Initiative'
HEADLINE: re.Pattern[str] = re.compile(r"^[^\n]{10,200}(?<![.:;,])$")


@dataclass(frozen=True)
class Imported:
    """The result of an import: the Markdown source and what was dropped."""

    slug: str
    markdown: str
    key_points: tuple[str, ...]
    paragraphs: tuple[str, ...]
    removed: tuple[tuple[int, str, str], ...]
    """(line, rule, text) for every boilerplate line dropped."""


def detect_soft_wrap(text: str) -> bool:
    """True when paragraphs are blank-line separated and hard-wrapped inside.

    Scraped text usually has one paragraph per line; e-mail and plain-text archives wrap
    lines at ~72 characters and separate paragraphs with blank lines.
    """
    if "\n\n" not in text.strip():
        return False
    breaks = wrapped = 0
    lines = text.split("\n")
    for a, b in zip(lines, lines[1:]):
        if a.strip() and b.strip() and not lx.BULLET.match(b):
            breaks += 1
            if not re.search(r"[.!?:\"'\u201d\u2019)]\s*$", a):
                wrapped += 1
    return breaks > 0 and wrapped * 2 >= breaks


def _paragraph_lines(text: str) -> list[tuple[int, str, bool]]:
    """(first line number, text, is_bullet) for each paragraph of a raw text."""
    soft = detect_soft_wrap(text)
    out: list[tuple[int, str, bool]] = []
    cur: list[str] = []
    cur_line = 0
    cur_bullet = False

    def flush() -> None:
        nonlocal cur
        if cur:
            out.append((cur_line, " ".join(cur), cur_bullet))
        cur = []

    for n, raw in enumerate(text.split("\n"), start=1):
        line = _WS.sub(" ", raw).strip()
        if not line:
            flush()
            continue
        m = lx.BULLET.match(raw)
        if m:
            flush()
            cur, cur_line, cur_bullet = [_WS.sub(" ", raw[m.end():]).strip()], n, True
        elif cur and soft:
            cur.append(line)
        else:
            flush()
            cur, cur_line, cur_bullet = [line], n, False
    flush()
    return out


def import_text(data: bytes, *, path: str = "<stdin>", slug: str | None = None,
                title: str | None = None, publisher: str | None = None, url: str | None = None,
                published: dt.date | None = None) -> tuple[Imported | None, list[Problem]]:
    """Build a source file from raw article text.

    Without ``title`` a first line that reads as a headline becomes the title.
    Returns the import (None on error) and problems: errors, and one info line per
    removed boilerplate line so nothing disappears silently.
    """
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    m = DATE_PREFIX.match(text)
    if m:
        if published is None:
            try:
                published = dt.date.fromisoformat(m.group(1))
            except ValueError:
                pass
        text = text[m.end():]
    paras = _paragraph_lines(text)
    removed: list[tuple[int, str, str]] = []
    kept: list[tuple[int, str, bool]] = []
    for line, ptext, bullet in paras:
        kind = boilerplate_kind(ptext)
        if kind:
            removed.append((line, kind, ptext))
        else:
            kept.append((line, ptext, bullet))
    if title is None and kept and not kept[0][2] and HEADLINE.match(kept[0][1]) and len(kept) > 1:
        title = kept.pop(0)[1]
    if not title:
        return None, [Problem(path, 1, "no title: the text has no headline line; pass --title")]
    key_points: list[str] = []
    while kept and kept[0][2]:
        key_points.append(kept.pop(0)[1])
    body = [t for _, t, b in kept]
    if not body:
        return None, [Problem(path, 1, "no article text left after removing boilerplate")]
    fm: dict[str, object] = {"title": " ".join(title.split())}
    if publisher:
        fm["publisher"] = publisher
    if url:
        fm["url"] = url
    if published:
        fm["published"] = published.isoformat()
    if key_points:
        fm["key_points"] = key_points
    front = yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, width=10_000)
    bullets_in_body = [f"- {t}" if b else t for _, t, b in kept]
    md = f"---\n{front}---\n\n" + "\n\n".join(bullets_in_body) + "\n"
    info = [Problem(path, line, f"removed {kind}: {t[:60]!r}", "info") for line, kind, t in removed]
    return Imported(slug or slugify(title), md, tuple(key_points), tuple(body), tuple(removed)), info
