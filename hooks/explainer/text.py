"""Paragraphs, sentences and stable sentence ids.

Does not cover: sentence ends inside a quotation (a quoted passage of several sentences
stays one sentence with its attribution), nor abbreviations outside ``lexicon``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from . import lexicon as lx
from .model import Document, Paragraph, ParagraphKind, Sentence


def sentence_id(text: str) -> str:
    """A short id from the sentence's words: 'China launched it.' -> '1f0c3a9e' (8 hex)."""
    # runs of white space as one space (str.split() splits on what the regex \s matches)
    norm = unicodedata.normalize("NFC", " ".join(text.split()))
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=4).hexdigest()


def split_paragraphs(text: str, *, soft_wrap: bool = True, kind: ParagraphKind = "paragraph",
                     start_index: int = 0, base: int = 0, end: int | None = None) -> list[Paragraph]:
    """Split ``text[base:end]`` into paragraphs.

    Arguments:
        soft_wrap: Markdown semantics (a single newline continues the paragraph);
            when False every non-blank line is a paragraph (scraped plain text).
        kind: the kind given to non-bullet paragraphs.
    """
    end = len(text) if end is None else end
    paras: list[Paragraph] = []
    cur: list[int] | None = None  # [start, end, is_bullet]

    def close() -> None:
        nonlocal cur
        if cur is not None:
            s, e = cur[0], cur[1]
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                k: ParagraphKind = "bullet" if cur[2] else kind
                paras.append(Paragraph(start_index + len(paras), s, e, k))
        cur = None

    pos = base
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl == -1 else nl
        line = text[pos:line_end]
        if not line.strip():
            close()
        else:
            m = lx.BULLET.match(line)
            if m:
                close()
                cur = [pos + m.end(), line_end, 1]
            elif cur is not None and (soft_wrap or (cur[2] and line[:1] in " \t")):
                cur[1] = line_end
            else:
                close()
                cur = [pos, line_end, 0]
        pos = line_end + 1
    close()
    return paras


# The characters the sentence splitter stops at: sentence ends and double quotes.
_STOPS = re.compile(r"[.!?\u2026\"\u201c\u201d\u201e\u00ab\u00bb]")
_DQ = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _quote_depths_balanced(text: str, start: int, end: int) -> bool:
    """True when the double quotation marks in the span pair up."""
    depth = 0
    for m in _DQ.finditer(text, start, end):
        ch = m.group(0)
        if ch in lx.OPENING_DOUBLE:
            depth += 1
        elif ch in lx.CLOSING_DOUBLE:
            depth -= 1
        elif ch == '"':
            depth = 0 if depth else 1
        if depth < 0:
            return False
    return depth == 0


def _is_boundary(text: str, m: re.Match[str], para_end: int) -> tuple[bool, int]:
    """Decide whether the punctuation match ends a sentence; return (yes, next start)."""
    punct_end = m.end()
    nxt = punct_end
    while nxt < para_end and text[nxt].isspace():
        nxt += 1
    if nxt >= para_end:
        return False, para_end
    spaced = nxt > punct_end
    first = text[nxt]
    # The sentence goes on when the next word is lower case: 'e.g. this', 'Mr. smith'.
    probe = nxt
    while probe < para_end and text[probe] in "\"'\u201c\u2018([":
        probe += 1
    if probe >= para_end:
        return False, nxt
    nchar = text[probe]
    if not (nchar.isupper() or nchar.isdigit() or not nchar.isalpha() and nchar not in ",;:"):
        return False, nxt
    punct = m.group(1)
    wm = lx.WORD_BEFORE_PERIOD.search(text[max(0, m.start() - 40):m.start()])
    word = wm.group(1) if wm else ""
    if not spaced:
        # 'on Monday.The ministry' splits; 'ift.tt', 'U.S.A' and '3.5' do not.
        if m.group(2) == "" and not (
            punct == "."
            and len(word) >= 2
            and word.isalpha()
            and word[-1].islower()
            and nchar.isupper()
            and probe + 1 < para_end
            and text[probe + 1].islower()
        ):
            return False, nxt
        if first.isdigit():
            return False, nxt
    if m.group(2) and DASH_NAME.match(text, nxt, para_end):
        # '"... a disgrace." ― Jane Doe': the name closes the quotation's sentence
        return False, nxt
    if m.group(2) and punct in "?!" and _attribution_follows(text, probe, para_end):
        # '"What do I have?" Trump asked.' stays one sentence with its attribution
        return False, nxt
    if punct != "." or m.group(2):
        return True, nxt
    low = word.lower()
    next_word_m = NEXT_WORD.match(text, probe, para_end)
    next_word = next_word_m.group(0).lower() if next_word_m else ""
    if low in lx.ABBREVIATIONS_BEFORE_NUMBER:
        return (not nchar.isdigit()) and low not in {"no", "nos", "vol", "fig", "pp"}, nxt
    if low in lx.ABBREVIATIONS:
        return False, nxt
    if len(word) == 1 and word.isupper():
        # An initial ('J. K. Rowling') rather than a sentence end.
        return False, nxt
    if lx.DOTTED_INITIALISM.match(word):
        return next_word in lx.SENTENCE_STARTERS, nxt
    return True, nxt


# The word after a full stop: 'Inc. Shares' -> 'Shares'
NEXT_WORD: re.Pattern[str] = re.compile(r"[\w'\u2019]+")
# A dash and a name after a quotation, to the end of the line: '― Esther Tapia'
DASH_NAME = re.compile(r"[\u2015\u2014\u2013]\s*[A-Z][\w.'\u2019-]*(?:[ \u00a0][A-Z][\w.'\u2019-]*){0,3}[ \u00a0]*(?=\n|$)")
# The same at the end of a line, where a listed quotation ends before the next one starts
DASH_NAME_EOL = re.compile(r"[\u2015\u2014\u2013]\s*[A-Z][\w.'\u2019-]*(?:[ \u00a0][A-Z][\w.'\u2019-]*){0,3}[ \u00a0.]*$")
_WORD = re.compile(r"[\w'\u2019.-]+|[^\w\s]")


def _attribution_follows(text: str, start: int, end: int) -> bool:
    """'Trump asked.', 'the senator said,' right after a closing quote: up to five words, then a cue."""
    for k, m in enumerate(_WORD.finditer(text, start, min(end, start + 80))):
        w = m.group(0).rstrip(".")
        if k >= 6 or not (w[:1].isalnum()):
            return False
        if w.lower() in lx.REPORTING_VERBS and lx.REPORTING_VERBS[w.lower()][0] in ("say", "that"):
            return k > 0
    return False


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans: list[tuple[int, int]] = []
    use_quotes = _quote_depths_balanced(text, start, end)
    depth = 0
    cur = start
    pos = start
    while pos < end:
        nm = _STOPS.search(text, pos, end)
        if nm is None:
            break
        nl = text.find("\n", pos, nm.start())
        if nl >= 0 and DASH_NAME_EOL.search(text, cur, nl):
            # '... ― Esther Tapia\n"Next quote": a listed quotation ends at its line
            spans.append((cur, nl if text[nl - 1] not in " \u00a0" else len(text[:nl].rstrip(" \u00a0"))))
            cur = nl + 1
            while cur < end and text[cur].isspace():
                cur += 1
            pos = cur
            depth = 0
            continue
        pos = nm.start()
        ch = text[pos]
        if use_quotes and ch in lx.DOUBLE_QUOTES:
            if ch in lx.OPENING_DOUBLE:
                depth += 1
            elif ch in lx.CLOSING_DOUBLE:
                depth = max(depth - 1, 0)
            else:
                depth = 0 if depth else 1
            pos += 1
            continue
        if ch in ".!?\u2026":
            m = lx.SENTENCE_END.match(text, pos, end)
            assert m is not None
            closers = m.group(2)
            # Closing double quotes inside the match end the quotation.
            d = depth
            if use_quotes:
                for c in closers:
                    if c in lx.CLOSING_DOUBLE or (c == '"' and d):
                        d = max(d - 1, 0)
            if d == 0:
                ok, nxt = _is_boundary(text, m, end)
                if ok:
                    spans.append((cur, m.end()))
                    cur = nxt
                    depth = 0
                    pos = nxt
                    continue
            pos = m.end() if not closers else m.start(2)
            continue
        pos += 1
    tail_s, tail_e = cur, end
    while tail_s < tail_e and text[tail_s].isspace():
        tail_s += 1
    while tail_e > tail_s and text[tail_e - 1].isspace():
        tail_e -= 1
    if tail_e > tail_s:
        spans.append((tail_s, tail_e))
    return spans


def build_document(text: str, paragraphs: list[Paragraph]) -> Document:
    """Split every paragraph into sentences and give each a stable, unique id.

    Paragraphs marked as boilerplate (or a headline) get no sentences: nothing cites them.
    """
    sentences: list[Sentence] = []
    seen: dict[str, int] = {}
    for p in paragraphs:
        if p.boilerplate:
            continue
        for s, e in split_sentences(text, p.start, p.end):
            frag = text[s:e]
            base = sentence_id(frag)
            n = seen.get(base, 0) + 1
            seen[base] = n
            sid = base if n == 1 else f"{base}-{n}"
            sentences.append(Sentence(sid, s, e, frag, p.index))
    return Document(text, tuple(paragraphs), tuple(sentences), tuple(s.start for s in sentences))


def analyse_text(text: str, *, soft_wrap: bool = True) -> Document:
    """Paragraphs and sentences of a whole plain text."""
    return build_document(text, split_paragraphs(text, soft_wrap=soft_wrap))
