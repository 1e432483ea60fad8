"""Glossary candidates: acronyms, domain phrases from a lexicon and head-noun rules, and
quoted coinages.

Does not cover: terms outside the lexicon's domain unless they are acronyms or quoted, and
verb phrases ("censors content").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import lexicon as lx
from .model import Document

_T = lx.load_data("terms")
LEXICON: frozenset[str] = frozenset(t.lower() for t in _T["lexicon"])
HEADS: frozenset[str] = frozenset(_T["heads"])
MODIFIERS: frozenset[str] = frozenset(_T["modifiers"])
NOT_ACRONYMS: frozenset[str] = frozenset(_T["not_acronyms"])
# An acronym or initialism: '5G', 'ICT', 'IEEPA', 'CFIUS' (not 'US' or 'I'). The plain form is
# (?<![\w-])(?:\d[A-Z]|[A-Z]{2,6}\d?|[A-Z]\d[A-Z]?)(?![\w]); this one starts with a character
# class so the regex engine skips to candidates fast (a property test checks they agree).
ACRONYM: re.Pattern[str] = re.compile(
    r"[A-Z\d](?<![\w-].)(?:(?<=\d)[A-Z]|(?<=[A-Z])(?:[A-Z]{1,5}\d?|\d[A-Z]?))(?![\w])")
# Words that never belong in a domain phrase.
STOP: frozenset[str] = frozenset(
    "the a an of to in on at for by with from and or but its his her their our this that these those "
    "is are was were be been has have had will would can could should may might said says new other "
    "such some any all more most many much very also not no".split())
_WORD: re.Pattern[str] = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\w-]*")


@dataclass(frozen=True)
class TermCandidate:
    term: str
    count: int
    sentences: tuple[str, ...]
    defined: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"term": self.term, "count": self.count, "sentences": list(self.sentences), "defined": self.defined}


@lru_cache(maxsize=65536)
def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _index(lex: dict[str, str]) -> tuple[dict[str, str], frozenset[str]]:
    """The lexicon singularised, and every word that may start one of its phrases: a first
    word, or a plural whose singular is one ('networks', 'policies'), so that one set test
    tells whether a word or a whole sentence needs a closer look."""
    sing = {" ".join(_singular(w) for w in k.split()): v for k, v in lex.items()}
    first = frozenset(k.split()[0] for k in lex) | frozenset(k.split()[0] for k in sing)
    # _singular changes only '-ies' (to '-y') and '-s' endings: these are all its plurals
    plurals = {p for f in first for p in (f + "s", f[:-1] + "ies" if f.endswith("y") else "")
               if p and _singular(p) == f}
    return sing, first | plurals


def _longest(lex: dict[str, str], sing: dict[str, str]) -> dict[str, int]:
    """First word -> the most words a lexicon phrase starting with it has (as written or
    singularised): 'data' -> 3 for 'data security initiative'."""
    out: dict[str, int] = {}
    for phrase in (*lex, *sing):
        words = phrase.split()
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


# The lexicon, singularised, and the first words of its phrases (to skip most words quickly).
_LEX: dict[str, str] = {t: t for t in LEXICON}
_LEX_SING, _LEX_FIRST = _index(_LEX)
_LEX_LONGEST = _longest(_LEX, _LEX_SING)


def find_terms(doc: Document, defined: set[str] | None = None,
               extra: dict[str, str] | None = None) -> list[TermCandidate]:
    """Candidates in a document, most frequent first.

    Arguments:
        defined: lower-cased terms and aliases that have a glossary entry (marks ``defined``).
        extra: more surface forms to look for (lower-cased form -> canonical term), e.g. the
            glossary's own terms and aliases.
    """
    defined = defined or set()
    if extra:
        lex = dict(_LEX)
        for form, canonical in extra.items():
            lex.setdefault(form.lower(), canonical)
        lex_sing, lex_first = _index(lex)
        longest = _longest(lex, lex_sing)
    else:
        lex, lex_sing, lex_first, longest = _LEX, _LEX_SING, _LEX_FIRST, _LEX_LONGEST
    found: dict[str, list[str]] = {}
    display: dict[str, str] = {}

    def add(term: str, sid: str, shown: str | None = None) -> None:
        key = " ".join(_singular(w) for w in term.lower().split())
        found.setdefault(key, []).append(sid)
        display.setdefault(key, shown or term)

    text = doc.text
    for s in doc.sentences:
        words = _WORD.findall(text, s.start, s.end)
        low = list(map(str.lower, words))
        if "\u2019" in s.text:
            low = [w.replace("\u2019", "'") for w in low]
        # 1. lexicon phrases, longest first, tried only at words that may start one
        used: set[int] = set()
        starts = [] if lex_first.isdisjoint(low) else [k for k, w in enumerate(low) if w in lex_first]
        sing = list(map(_singular, low)) if starts else []
        i = 0  # words before i are taken by a phrase found
        for i0 in starts:
            if i0 < i:
                continue
            i = i0 + 1
            most = max(longest.get(low[i0], 0), longest.get(sing[i0], 0))
            for n in range(min(most, len(words) - i0), 0, -1):
                phrase = " ".join(low[i0:i0 + n])
                sphrase = " ".join(sing[i0:i0 + n])
                if phrase in lex or sphrase in lex_sing:
                    canonical = lex.get(phrase) or lex_sing.get(sphrase) or phrase
                    add(canonical, s.id)
                    # its shorter lexicon terms too: 'data sovereignty' -> 'sovereignty'
                    for a in range(i0 + 1, i0 + n):
                        sub = " ".join(low[a:i0 + n])
                        if sub in lex:
                            add(lex[sub], s.id)
                    used.update(range(i0, i0 + n))
                    i = i0 + n
                    break
        # 2. head-noun phrases: up to two domain modifiers before a domain head
        heads = [] if HEADS.isdisjoint(low) else [k for k, w in enumerate(low) if w in HEADS]
        for j in heads:
            if j in used:
                continue
            k = j
            while k > 0 and j - k < 2 and low[k - 1] in MODIFIERS and low[k - 1] not in STOP \
                    and (k - 1) not in used:
                k -= 1
            if k < j and not (words[k][0].isupper() and low[k] not in MODIFIERS):
                add(" ".join(low[k:j + 1]), s.id)
        # 3. acronyms
        for m in ACRONYM.finditer(text, s.start, s.end):
            acr = m.group(0)
            if acr not in NOT_ACRONYMS and acr.lower() not in lx.COUNTRIES and acr.lower() not in lx.ORGANIZATIONS \
                    and acr.lower() not in lx.OUTLETS:
                add(acr, s.id, acr)
    out = []
    for key, sids in found.items():
        term = display[key]
        out.append(TermCandidate(term, len(sids), tuple(dict.fromkeys(sids)),
                                 term.lower() in defined or key in defined))
    out.sort(key=lambda t: (-t.count, t.term.lower()))
    return out


def quoted_coinages(doc: Document, label_spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(text, sentence id) of short scare-quoted words: '"untrusted" apps' -> 'untrusted'."""
    out = []
    for a, b in label_spans:
        t = doc.text[a:b].strip(" ,.;:")
        if t and len(t.split()) <= 3 and not t[:1].isupper():
            s = doc.sentence_at(a)
            if s is not None:
                out.append((t, s.id))
    return out

