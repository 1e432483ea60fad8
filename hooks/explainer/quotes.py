"""Who said what: direct, partial and reported (indirect) quotes with their speakers.

The rules, in order of trust:

1. Quotation spans come from :mod:`explainer.quotemarks`; names and scare quotes
   (``the "Clean Network" program``, ``"untrusted" apps``) are set aside.
2. A quote is attached to a reporting cue in its sentence (``said``, ``told``, ``added:``,
   ``according to``, ``saying``), before, after or around it; a quote standing alone right
   after an attributed one continues that statement (speaker and via carry over).
3. The cue's subject is resolved to a canonical speaker: a full name (first full mention,
   then surnames, titles, pronouns and role nouns), an organisation, a country, "Sources",
   or ``None`` for an unnamed official (the role is kept).
4. Reported speech without quotation marks needs a cue and a resolvable speaker.

Does not cover: speakers named only in another sentence's subordinate clause, gender
agreement of pronouns, quotes whose cue is a noun ("his comment that ..."), or statements
attributed across more than two paragraphs. When in doubt it emits nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import lexicon as lx
from .mentions import Mentions, Token, find_mentions, name_runs, role_after, tokenize
from .model import Document, Sentence
from .quotemarks import QuoteNote, QuoteSpan, find_quote_spans

DETERMINERS = frozenset("a an the this that these those its his her their our my your".split())
# Words before a short quote that make it a label or scare quote: 'the "Clean Network"', 'a "fair"'.
LABEL_BEFORE = DETERMINERS | {"so-called", "dubbed", "named"}
# Small words a title-case name keeps in lower case: "Global Initiative on Data Security".
TITLE_SMALL_WORDS = frozenset("on of the and for in to a an at by with".split())
# Words after a short quote that show it continues a clause: '"no right" to establish'.
CLAUSE_AFTER = frozenset("to from in on at for with by against and or but than".split())
PRONOUN_KIND = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "group",
                "it": "institution"}
ANONYMOUS = frozenset("source sources insiders insider".split())
# Cues that may come before their subject: '"...," said Wang', '"...," read a statement'.
# not "tell": the noun phrase after it is the one told ("..., told reporters"), never the speaker
INVERTING = frozenset("say add write continue explain ask read reply note stress warn insist argue "
                      "declare state claim concede admit recall answer respond counter observe remark "
                      "comment tweet quip joke boast predict".split())
# How a complete sentence ends.
TERMINAL = tuple(".!?\"'\u201d\u2019)\u2026")
# Words that may follow a clause-final attribution: 'said here on Friday in a statement to reporters'.
TRAILER_WORDS = frozenset("in on at to of by from with via during behalf a an the his her its their "
                          "reporters journalists news agency press conference briefing interview "
                          "phone call local time".split())
# An age or a US party tag after a name: 'Quina Jones, 25, said', 'Mitch McConnell, R-Ky., said'
AGE_OR_PARTY = re.compile(r"^(?:\d{1,3}|[RDI]-[A-Z][A-Za-z.]*)$")
# Words that open an aside between a speaker and the cue: 'Clinton, at a later briefing, said'
ASIDE_START = frozenset("at in on during after before speaking writing asked".split())
# Heads of phrases that stand for their author: "China's initiative calls on ..."
INITIATIVE_NOUNS = frozenset("initiative proposal plan program programme order rules law bill".split())
GROUP_NOUNS = frozenset("companies firms groups governments countries officials".split())
PARTICIPLES_SUBJECT_FIRST = frozenset("noting adding saying arguing claiming alleging insisting stressing "
                                      "warning calling urging describing explaining asserting".split())


@dataclass(frozen=True)
class Quote:
    """One quote or reported statement.

    ``text`` is exactly ``document.text[start:end]``: for direct and partial quotes what
    stands between the marks, for indirect ones the reported clause.
    """

    text: str
    kind: str
    """direct | partial | indirect"""
    start: int
    end: int
    sentence: str
    """Id of the sentence it sits in (anchor ``s-<id>``)."""
    speaker: str | None
    speaker_role: str | None
    speaker_start: int | None
    """The mention the cue attaches to ("he", "Wang", "a spokesperson")."""
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    via: str | None
    about: tuple[str, ...] = ()
    speaker_kind: str | None = None
    """person | group | org | country | anonymous | role | document"""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text, "kind": self.kind, "start": self.start, "end": self.end,
            "sentence": self.sentence, "speaker": self.speaker, "speaker_kind": self.speaker_kind,
            "speaker_role": self.speaker_role,
            "speaker_start": self.speaker_start, "speaker_end": self.speaker_end, "cue": self.cue,
            "cue_start": self.cue_start, "cue_end": self.cue_end, "via": self.via, "about": list(self.about),
        }


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    start: int
    end: int
    kind: str
    """person | group | org | country | anonymous | role (unnamed official)"""
    via: str | None = None


@dataclass
class Cue:
    i: int
    """Index of its first token."""
    j: int
    """Index after its last token."""
    cls: str
    lemma: str
    speaker: Speaker | None = None
    inverted: bool = False
    np_start: int = -1
    """Token index where the speaker phrase begins (for clause-final attributions)."""
    np_end: int = -1


@dataclass
class _State:
    """What earlier sentences established, for pronouns and continuations."""

    last_group: Speaker | None = None
    last_institution: tuple[Speaker, int] | None = None
    doc_issuer: Speaker | None = None
    last_quote: tuple[Speaker, str | None, str | None, int, int] | None = None
    """(speaker, cue text, via, paragraph, sentence index)"""
    pending: tuple[Speaker, int, str | None] | None = None
    """A speaker announced with a colon at the end of a paragraph, for the next quote."""
    persons: list[tuple[int, str, str | None]] = field(default_factory=list)
    """(offset, name, role) of attributed person speakers."""


def extract_quotes(doc: Document, mentions: Mentions | None = None,
                   marks: tuple[list[QuoteSpan], list[QuoteNote]] | None = None) -> tuple[list[Quote], list[QuoteNote]]:
    """All quotes in the document, in text order, and notes on what was skipped."""
    mentions = mentions or find_mentions(doc)
    spans, notes = marks if marks is not None else find_quote_spans(doc.text, doc.paragraphs)
    notes = list(notes)
    state = _State()
    out: list[Quote] = []
    inside = doc.in_sentences([q.open for q in spans])
    for si, s in enumerate(doc.sentences):
        qs = [spans[k] for k in inside.get(si, ())]
        out.extend(_sentence(doc, si, s, qs, mentions, state, notes))
    out.sort(key=lambda q: (q.start, q.end))
    return out, notes


# --- one sentence -------------------------------------------------------------------------

def _sentence(doc: Document, si: int, s: Sentence, qs: list[QuoteSpan], m: Mentions, st: _State,
              notes: list[QuoteNote]) -> list[Quote]:
    text = doc.text
    regions = [(q.open, min(q.outer_end, s.end)) for q in qs]
    toks = tokenize(text, s.start, s.end, regions) if qs or s.start not in m.tokens else m.tokens[s.start]
    cues = _find_cues(toks)
    svia = _sentence_via(text, toks)
    for c in cues:
        _attach_speaker(text, toks, c, cues, m, st, s)
    acc = _according_to(text, toks, m, st, s)
    out: list[Quote] = []
    used: set[int] = set()
    labels: set[int] = set()
    for qi, q in enumerate(qs):
        ti = next(k for k, t in enumerate(toks) if t.quote == qi)
        content = text[q.start:q.end]
        if _is_label(toks, ti, content):
            labels.add(qi)
            continue
        direct = _is_direct(toks, ti, content)
        cue = _cue_for_quote(toks, ti, cues, direct)
        speaker = cue.speaker if cue else None
        if cue is None and direct:
            dashed = _dash_attribution(text, toks, ti, m, st, s)
            if dashed is not None:
                out.append(_make(text, s, q, "direct", dashed, None, svia))
                _remember(st, dashed, None, svia, s.paragraph, si)
                continue
        via = svia
        if cue is None and acc is not None and acc[0] is not None:
            speaker, via = acc[0], acc[1] or svia
        if cue is not None and cue.speaker is not None:
            via = _cue_via(text, toks, cue) or cue.speaker.via or svia
        if speaker is None and cue is None and st.pending is not None and ti == 0 and \
                st.pending[1] >= s.paragraph - 1:
            sp_p, _, via_p = st.pending
            out.append(_make(text, s, q, "direct" if _starts_statement(content) else "partial", sp_p, None, via_p))
            _remember(st, sp_p, None, via_p, s.paragraph, si)
            st.pending = None
            continue
        if speaker is None and cue is None:
            if _standalone(toks, ti) and st.last_quote and st.last_quote[3] >= s.paragraph - 1 \
                    and st.last_quote[4] >= si - 3:
                prev_sp, prev_cue, prev_via, _, _ = st.last_quote
                out.append(_make(text, s, q, "direct" if direct or _starts_statement(content) else "partial",
                                 prev_sp, None, prev_via, continued=True))
                st.last_quote = (prev_sp, prev_cue, prev_via, s.paragraph, si)
                continue
            notes.append(QuoteNote(q.open, "quote with no identifiable speaker; skipped"))
            continue
        if speaker is None or (speaker.name is None and speaker.kind not in ("role", "document")):
            notes.append(QuoteNote(q.open, "quote whose speaker could not be resolved; skipped"))
            continue
        kind = "direct" if direct else "partial"
        out.append(_make(text, s, q, kind, speaker, toks if cue else None, via, cue=cue))
        used.add(id(cue)) if cue else None
        _remember(st, speaker, text[toks[cue.i].start:toks[cue.j - 1].end] if cue else None, via, s.paragraph, si)
    st.pending = None
    if toks and toks[-1].text == ":" and not qs:
        # 'He said:' -> the quotation that opens the next paragraph is his
        last = next((c for c in reversed(cues) if c.speaker is not None and c.j >= len(toks) - 4), None)
        if last is not None and last.speaker is not None:
            st.pending = (last.speaker, s.paragraph, _cue_via(text, toks, last) or svia)
    if si == len(doc.sentences) - 1 and not s.text.rstrip().endswith(TERMINAL):
        return out  # the text is cut off here: a reported clause may be incomplete
    out.extend(_indirect(text, s, si, toks, cues, qs, labels, svia, acc, st))
    return out


def _make(text: str, s: Sentence, q: QuoteSpan, kind: str, sp: Speaker, toks: list[Token] | None | bool,
          via: str | None, cue: Cue | None = None, continued: bool = False) -> Quote:
    cue_text = cue_start = cue_end = None
    if cue is not None and isinstance(toks, list):
        cue_start, cue_end = toks[cue.i].start, toks[cue.j - 1].end
        cue_text = text[cue_start:cue_end]
    return Quote(text[q.start:q.end], kind, q.start, q.end, s.id, sp.name, sp.role,
                 sp.start, sp.end, cue_text, cue_start, cue_end, via, speaker_kind=sp.kind)


def _remember(st: _State, sp: Speaker, cue: str | None, via: str | None, para: int, si: int) -> None:
    st.last_quote = (sp, cue, via, para, si)
    if sp.kind == "person" and sp.name:
        st.persons.append((sp.start, sp.name, sp.role))
    elif sp.kind == "group":
        st.last_group = sp
    elif sp.kind in ("org", "country"):
        st.last_institution = (sp, si)


# --- cues and speakers ----------------------------------------------------------------------

# First words of the two-word reporting verbs ('went on', 'pointed out'): only these need a look
# at the next token.
_TWO_WORD_FIRST: frozenset[str] = frozenset(k.split()[0] for k in lx.REPORTING_VERBS if " " in k)


def _find_cues(toks: list[Token]) -> list[Cue]:
    cues: list[Cue] = []
    lows = [t.low for t in toks]
    verbs = lx.REPORTING_VERBS
    if verbs.keys().isdisjoint(lows) and _TWO_WORD_FIRST.isdisjoint(lows):
        return cues  # most sentences: no reporting verb at all
    # only a reporting verb, or the first word of a two-word one, can start a cue
    i = 0
    for k in [k for k, w in enumerate(lows) if w in verbs or w in _TWO_WORD_FIRST]:
        if k < i:
            continue
        i = k
        t = toks[i]
        hit = None
        if t.quote < 0 and (t.text[:1].islower() or i == 0):
            two = f"{t.low} {toks[i + 1].low}" if t.low in _TWO_WORD_FIRST and i + 1 < len(toks) \
                and toks[i + 1].quote < 0 else ""
            if two in lx.REPORTING_VERBS:
                hit = (i + 2, *lx.REPORTING_VERBS[two])
            elif t.low in lx.REPORTING_VERBS:
                hit = (i + 1, *lx.REPORTING_VERBS[t.low])
        if hit:
            prev = toks[i - 1].low if i > 0 else ""
            # passives and infinitives are not speech acts of the subject: 'was told', 'to say'
            if prev not in ("been", "be", "being", "was", "were", "is", "are", "to", "not", "never"):
                cues.append(Cue(i, hit[0], hit[1], hit[2]))
            i = hit[0]
        else:
            i += 1
    return cues


def _skip_back(toks: list[Token], j: int) -> int:
    """From token j going left, skip auxiliaries, adverbs, time phrases and a parenthesis
    ('Harry M. Reid (D-Nev.) said'); return the new j."""
    while j >= 0:
        if toks[j].text == ")":
            k = j
            while k >= 0 and toks[k].text != "(":
                k -= 1
            if k > 0 and j - k <= 8:
                j = k - 1
                continue
        low = toks[j].low
        if toks[j].quote < 0 and (low in lx.AUX_ADVERBS or (low in lx.TIME_WORDS and low not in ("in", "at"))):
            j -= 1
        else:
            break
    return j


def _np_backward(toks: list[Token], j: int) -> int:
    """Index where the noun phrase ending at token j begins (j+1 when there is none)."""
    k = j
    has_head = False
    while k >= 0:
        t = toks[k]
        if t.quote >= 0 or not t.is_word:
            break
        low = t.bare.lower()
        if low in lx.REPORTING_VERBS and t.text[:1].islower() and low not in lx.ROLE_HEADS:
            break
        if low in ("that", "who", "which", "whom", "whose", "because", "but", "if", "when", "while", "as",
                   "including", "like", "after", "before", "since", "although", "though", "where"):
            break
        if t.is_cap or low in lx.ROLE_HEADS or low in lx.ORG_HEADS or low in lx.DOCUMENT_NOUNS \
                or low in GROUP_NOUNS or low in ANONYMOUS or low in PRONOUN_KIND or low in DETERMINERS \
                or low in INITIATIVE_NOUNS or (low in lx.TITLE_WORDS and low not in ("the", "and")) \
                or low in ("of", "for", "at", "to", "and", "one", "two", "some", "several", "many", "both",
                           "people", "familiar", "with", "matter", "parent", "owner", "employees", "employee",
                           "side", "unnamed", "anonymous", "senior", "top", "former", "chinese", "u.s."):
            if low in lx.ROLE_HEADS or low in lx.ORG_HEADS or low in GROUP_NOUNS or low in ANONYMOUS:
                has_head = True
            if low in ("of", "for", "at", "to", "with"):
                # a preposition inside a name or role only: 'spokesperson for X', 'Secretary of State',
                # not 'a shot at the Trump administration'
                if k == j or k == 0:
                    break
                pl = toks[k - 1].bare.lower()
                if not (toks[k - 1].is_cap or pl in lx.ROLE_HEADS or pl in lx.ORG_HEADS or pl in lx.TITLE_WORDS):
                    break
            k -= 1
            continue
        if t.text[:1].islower() and has_head and j - k <= 5:
            k -= 1  # modifier of a role: 'communications' in 'communications director'
            continue
        break
    # an NP does not start with a preposition or conjunction
    k += 1
    while k <= j and toks[k].low in ("of", "for", "at", "to", "and", "with"):
        k += 1
    return k


def _np_forward(toks: list[Token], i: int) -> int:
    """Index after the noun phrase starting at token i (i when there is none)."""
    k = i
    while k < len(toks):
        t = toks[k]
        if t.quote >= 0 or not t.is_word:
            break
        low = t.bare.lower()
        if low in lx.REPORTING_VERBS and t.text[:1].islower():
            break
        if low in lx.TIME_WORDS and t.text[:1].islower() and low not in ("here",):
            break
        if t.is_cap or low in lx.ROLE_HEADS or low in lx.ORG_HEADS or low in lx.DOCUMENT_NOUNS or low in DETERMINERS \
                or low in ANONYMOUS or low in PRONOUN_KIND or low in GROUP_NOUNS or low in INITIATIVE_NOUNS \
                or (low in lx.TITLE_WORDS and low not in ("the", "to", "and")) \
                or low in ("of", "for", "at", "and", "issued", "by", "one", "senior", "top", "former"):
            k += 1
            continue
        break
    while k > i and toks[k - 1].low in ("of", "for", "at", "and", "by", "issued", "the", "a"):
        k -= 1
    return k


def _attach_speaker(text: str, toks: list[Token], c: Cue, cues: list[Cue], m: Mentions, st: _State,
                    s: Sentence) -> None:
    prev = toks[c.i - 1] if c.i > 0 else None
    # Inverted: '"...," said Wang' / '..., said the ministry.' / '"...," read a statement issued by X'
    if prev is not None and (prev.quote >= 0 or prev.text == ",") and c.lemma in INVERTING \
            and not toks[c.i].low.endswith("ing"):
        e = _np_forward(toks, c.j)
        if e > c.j:
            sp = _resolve(text, toks, c.j, e, m, st, s)
            if sp is not None:
                if sp.role is None:
                    r = role_after(text, toks, e)
                    if r:
                        sp = Speaker(sp.name, r, sp.start, sp.end, sp.kind, sp.via)
                c.speaker, c.inverted, c.np_start, c.np_end = sp, True, c.j, e
                return
    # 'Said Ellis: "..."' (a cue opening the sentence, its speaker right after it)
    if c.i == 0 and c.lemma in INVERTING and not toks[0].low.endswith("ing"):
        e = _np_forward(toks, c.j)
        if e > c.j and e < len(toks) and toks[e].text in (":", ","):
            sp = _resolve(text, toks, c.j, e, m, st, s)
            if sp is not None:
                c.speaker, c.inverted, c.np_start, c.np_end = sp, True, c.j, e
                return
    # Participles share the subject of the main clause: '..., saying ...', 'Noting that ..., Wang said'
    if toks[c.i].low in PARTICIPLES_SUBJECT_FIRST or toks[c.i].low.endswith("ing"):
        if (prev is not None and prev.low in (",", "by", "after", "before", "while", "upon", "when")) or c.i == 0:
            before = [x for x in cues if x.i < c.i and x.speaker is not None]
            if before:
                c.speaker = before[-1].speaker
                return
            after = [x for x in cues if x.i > c.i] if c.i == 0 else []
            if after:
                return  # resolved when the main cue is
            sp = _subject(text, toks, m, st, s)
            if sp is not None:
                c.speaker = sp
            return
    j = _skip_back(toks, c.i - 1)
    if j < 0:
        return
    if toks[j].low in ("which", "who") and j >= 2 and toks[j - 1].text == ",":
        # 'sanctions imposed by the US, which claims ...' -> the US
        a = _np_backward(toks, j - 2)
        if a <= j - 2:
            sp = _resolve(text, toks, a, j - 1, m, st, s)
            if sp is not None and sp.kind != "role":
                c.speaker, c.np_start, c.np_end = sp, a, j - 1
        return
    if toks[j].text == "," and c.lemma != "read":
        # 'Zhao Lijian, spokesperson for China's Foreign Ministry, said' / 'X, who ..., said'
        k = j - 1
        while k >= 0 and toks[k].text != "," and toks[k].quote < 0:
            k -= 1
        if k > 0 and toks[k].text == ",":
            inner = [t.low for t in toks[k + 1:j]]
            aside = bool(inner) and (inner[0] in ASIDE_START or all(_age_or_party(t.text) or not t.is_word
                                                                    for t in toks[k + 1:j]))
            if inner and (inner[0] in ("who", "which") or any(w in lx.ROLE_HEADS for w in inner) or aside):
                e = _skip_back(toks, k - 1) + 1  # 'Rep. Jim Jordan (R-Ohio), an oversight panel member, said'
                a = _np_backward(toks, e - 1)
                if a <= e - 1:
                    sp = _resolve(text, toks, a, e, m, st, s)
                    if sp is not None:
                        role = None if inner[0] in ("who", "which") or aside else \
                            text[toks[k + 1].start:toks[j - 1].end]
                        if role and role.split()[0].lower() in ("a", "an", "the"):
                            role = role.split(" ", 1)[1] if " " in role else role
                        c.speaker = Speaker(sp.name, role or sp.role, sp.start, sp.end, sp.kind, sp.via)
                        c.np_start, c.np_end = a, e
                        return
        return
    if c.i > 0 and toks[c.i - 1].low == "and" and (c.i < 2 or toks[c.i - 2].text == "," or toks[c.i - 2].is_word):
        # 'China outlined ... on Tuesday, and called on other countries to sign up'
        sp = _subject(text, toks, m, st, s)
        if sp is not None:
            c.speaker = sp
        return
    a = _np_backward(toks, j)
    if a <= j:
        sp = _resolve(text, toks, a, j + 1, m, st, s)
        if sp is not None:
            c.speaker, c.np_start, c.np_end = sp, a, j + 1


def _age_or_party(word: str) -> bool:
    """'25' (an age) or 'R-Ky.' / 'D-Calif.' (a US party and state) in an apposition."""
    return bool(AGE_OR_PARTY.match(word))


def _subject(text: str, toks: list[Token], m: Mentions, st: _State, s: Sentence) -> Speaker | None:
    """The main clause's subject: the first noun phrase, after an introductory phrase."""
    i = 0
    comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
    if toks and comma is not None and comma < 8 and (toks[0].low in lx.NOT_NAMES or toks[0].low in lx.TIME_WORDS
                                                      or toks[0].text[:1].islower()):
        i = comma + 1
    e = _np_forward(toks, i)
    # trailing time words are not part of the subject: 'Pompeo last month unveiled'
    if e > i:
        return _resolve(text, toks, i, e, m, st, s)
    return None


def _resolve(text: str, toks: list[Token], a: int, b: int, m: Mentions, st: _State,
             s: Sentence) -> Speaker | None:
    """Who the words toks[a:b] name, or None when they name no one we can trust."""
    words = toks[a:b]
    if not words:
        return None
    lows = [w.bare.lower().replace("\u2019", "'") for w in words]
    start, end = words[0].start, words[-1].end
    content = [w for w, lo in zip(words, lows) if lo not in DETERMINERS]
    clows = [w.bare.lower().replace("\u2019", "'") for w in content]
    if len(words) == 1 and lows[0] in PRONOUN_KIND:
        return _pronoun(lows[0], start, end, m, st, s)
    # "a statement issued by the ministry" -> the ministry, via "a statement"
    if "by" in lows and lows[0] in DETERMINERS and any(lo in lx.DOCUMENT_NOUNS for lo in lows[: lows.index("by")]):
        k = lows.index("by")
        inner = _resolve(text, toks, a + k + 1, b, m, st, s)
        if inner is not None:
            via = text[start:words[k - 1].end] if lows[k - 1] != "issued" else text[start:words[k - 2].end]
            st.doc_issuer = inner
            return Speaker(inner.name, inner.role, inner.start, inner.end, inner.kind, via)
        return None
    # joint speakers: 'TikTok and ByteDance', 'Tiktok and its Chinese parent ByteDance'
    if "and" in clows and len(content) <= 8:
        parts: list[list[int]] = [[]]
        for k, lo in enumerate(lows):
            if lo == "and":
                parts.append([])
            else:
                parts[-1].append(k)
        names: list[str] = []
        for part in parts:
            if not part:
                return None
            sp = _resolve(text, toks, a + part[0], a + part[-1] + 1, m, st, s)
            if sp is None or sp.name is None or sp.kind == "role":
                names = []
                break
            names.append(sp.name)
        if len(names) >= 2:
            return Speaker(" and ".join(names), None, start, end, "group")
    if any(lo in ANONYMOUS for lo in clows) and not any(
            w.is_cap and lo not in lx.TITLE_WORDS and lo not in ANONYMOUS for w, lo in zip(content, clows)):
        return Speaker("Sources", None, start, end, "anonymous")
    if clows and clows[-1] in ("people",) and "familiar" in clows:
        return Speaker("Sources", None, start, end, "anonymous")
    runs = name_runs(words)
    if runs:
        ri, rj = runs[-1]
        if rj == len(words) or all(w.low in ("jr", "sr") for w in words[rj:]):
            name_words = [w.bare for w in words[ri:rj]]
            full = m.resolve_name(name_words)
            role = " ".join(w.text for w in words[:ri] if True).strip() or None
            if role:
                role = _strip_det(role)
                if role and not any(x.lower().replace("\u2019", "'") in lx.ROLE_HEADS | lx.TITLE_WORDS
                                    for x in role.split()):
                    role = None
            if full is None and len(name_words) >= 2:
                full = " ".join(name_words)
            if full is None:
                if (name_words[0].lower() in lx.COUNTRIES or name_words[0].lower() in lx.ORGANIZATIONS):
                    pass
                elif role or len(words) == 1:
                    full = name_words[0]  # a lone surname the text never completes
                else:
                    return None
            if full is not None:
                if role is None:
                    p = m.people.get(full)
                    role = p.roles[0] if p and p.roles else None
                    for off, name, r in reversed(st.persons):
                        if name == full and r:
                            role = role or r
                            break
                return Speaker(full, role, words[ri].start, words[rj - 1].end, "person")
    # role nouns first when the role heads the phrase: 'a spokesperson for China's Foreign Ministry'
    first_prep = next((k for k, lo in enumerate(clows) if lo in ("for", "of", "at", "to", "with")), len(clows))
    if any(lo in lx.ROLE_HEADS for lo in clows[:first_prep]) and clows[-1] not in lx.DOCUMENT_NOUNS:
        return _role_speaker(text, words, clows, start, end, m, st)
    # organisations, outlets and countries
    phrase = " ".join(w.bare for w in content).lower().replace("\u2019", "'")
    last = clows[-1] if clows else ""
    if last in lx.ORGANIZATIONS and len(content) > 1 and not any(lo in lx.ORG_HEADS for lo in clows):
        w = content[-1]
        return Speaker(lx.ORGANIZATIONS[last], None, w.start, w.end, "org")
    if phrase in lx.OUTLETS and phrase not in lx.ORGANIZATIONS:
        return None  # an outlet reporting news ('reports Reuters') is not a speaker here
    if phrase in lx.ORGANIZATIONS:
        return Speaker(lx.ORGANIZATIONS[phrase], None, start, end, "org")
    if phrase in lx.COUNTRIES:
        return Speaker(lx.COUNTRIES[phrase], None, start, end, "country")
    if clows and clows[-1] not in lx.ORG_HEADS and any(lo in lx.ORG_HEADS for lo in clows) and \
            not any(lo in lx.DOCUMENT_NOUNS for lo in clows):
        return Speaker(_strip_det(text[start:end]), None, start, end, "org")
    if clows and clows[-1] in lx.ORG_HEADS:
        if len(content) == 1 and words[0].low in ("the", "its"):
            hit = _last_org(m, clows[-1], start, st)
            if hit:
                return Speaker(hit, None, start, end, "org")
            if clows[-1] in ("companies", "firms"):
                return st.last_group if st.last_group else None
            return None
        if clows[-1] in ("companies", "firms"):
            return st.last_group if st.last_group and words[0].low == "the" else None
        return Speaker(_strip_det(text[start:end]), None, start, end, "org")
    if clows and clows[-1] in GROUP_NOUNS and words[0].low == "the":
        return st.last_group
    # "China's initiative calls on ..." -> China
    if len(content) >= 2 and content[0].text.endswith(("'s", "\u2019s")) and \
            clows[-1] in lx.DOCUMENT_NOUNS | INITIATIVE_NOUNS:
        owner = content[0].bare.lower().replace("\u2019", "'")
        if owner in lx.COUNTRIES:
            return Speaker(lx.COUNTRIES[owner], None, content[0].start, content[0].end, "country")
        if owner in lx.ORGANIZATIONS:
            return Speaker(lx.ORGANIZATIONS[owner], None, content[0].start, content[0].end, "org")
        full = m.resolve_name([content[0].bare])
        if full:
            return Speaker(full, None, content[0].start, content[0].end, "person")
        return None
    # role nouns: 'a spokesperson for China's Foreign Ministry', 'the minister', 'One U.S. official'
    if any(lo in lx.ROLE_HEADS for lo in clows) and clows[-1] not in lx.DOCUMENT_NOUNS:
        return _role_speaker(text, words, clows, start, end, m, st)
    # a document with no named author: 'the letter says', 'the ad claims'
    if clows and clows[-1] in lx.DOCUMENT_NOUNS and words[0].low in DETERMINERS and len(content) <= 4:
        return Speaker(None, None, start, end, "document", text[start:end])
    return None


def _role_speaker(text: str, words: list[Token], clows: list[str], start: int, end: int, m: Mentions,
                  st: _State) -> Speaker | None:
    """'the minister' -> the one person the text gives that role; else an unnamed official."""
    heads = [lo for lo in clows if lo in lx.ROLE_HEADS]
    if heads:
        head = heads[0]
        if head in ANONYMOUS:
            return Speaker("Sources", None, start, end, "anonymous")
        role = _strip_det(text[start:end])
        cands = [p for p in m.people.values() if any(head in r.lower().split() for r in p.roles)]
        if len(cands) == 1:
            return Speaker(cands[0].name, role, start, end, "person")
        if words[0].low == "the":
            for off, name, r in reversed(st.persons):
                if r and head in r.lower().split():
                    return Speaker(name, role, start, end, "person")
        if role and role.split()[0].lower() == "one":
            role = role.split(" ", 1)[1]
        return Speaker(None, role, start, end, "role")
    return None


def _strip_det(s: str) -> str:
    parts = s.split(" ", 1)
    if len(parts) == 2 and parts[0].lower() in ("a", "an", "the"):
        return parts[1]
    return s


def _last_org(m: Mentions, head: str, before: int, st: _State) -> str | None:
    if st.last_institution and head in (st.last_institution[0].name or "").lower().split():
        return st.last_institution[0].name
    return None


def _pronoun(p: str, start: int, end: int, m: Mentions, st: _State, s: Sentence) -> Speaker | None:
    kind = PRONOUN_KIND[p]
    if kind == "person":
        best: tuple[int, str, str | None] | None = None
        last_sp = st.persons[-1] if st.persons else None
        mention = m.last_person_before(start)
        if last_sp and mention and mention != last_sp[1]:
            # the nearer of the last speaker and the last person named
            moff = max(off for off, name in m.person_at if name == mention and off < start)
            best = last_sp if last_sp[0] >= moff else (moff, mention, None)
        elif last_sp:
            best = last_sp
        elif mention:
            best = (0, mention, None)
        if best is None:
            return None
        role = best[2]
        if role is None:
            person = m.people.get(best[1])
            role = person.roles[0] if person and person.roles else None
        return Speaker(best[1], role, start, end, "person")
    if kind == "group":
        return Speaker(st.last_group.name, None, start, end, "group") if st.last_group else None
    if st.last_institution:
        sp, _ = st.last_institution
        return Speaker(sp.name, None, start, end, sp.kind, sp.via)
    return None


# --- quotes ---------------------------------------------------------------------------------

def _is_label(toks: list[Token], ti: int, content: str) -> bool:
    """A name or scare quote: 'the "Clean Network" program', '"untrusted" Chinese apps'."""
    words = content.split()
    if not words:
        return True
    prev = toks[ti - 1].low if ti > 0 else ""
    nxt = toks[ti + 1] if ti + 1 < len(toks) else None
    stripped = [w.strip(",.;:!?") for w in words]
    title_case = all(w[:1].isupper() or not w[:1].isalpha() or w in TITLE_SMALL_WORDS for w in stripped if w) \
        and len(words) <= 6 and stripped[0][:1].isupper()
    if title_case and ti > 0 and prev not in (":", "saying", "said", "says", "tweeted", "wrote", "added"):
        if not (nxt is None or nxt.text in (".",)) or len(words) <= 3:
            return True
    if len(words) <= 3 and prev in LABEL_BEFORE:
        return True
    if len(words) <= 2 and nxt is not None and nxt.is_word and nxt.low not in CLAUSE_AFTER \
            and nxt.low not in lx.REPORTING_VERBS and content.rstrip()[-1:] not in (",", ".", "!", "?"):
        return True  # an adjective in quotes before its noun: 'a "fair" price', '"untrusted" apps'

    if len(words) <= 2 and content.rstrip(",.").lower() == content.rstrip(",.") and not any(c.isalpha() for c in content):
        return True
    return False


def _starts_statement(content: str) -> bool:
    c = content.lstrip(" \u2026.\u2014-([")
    return bool(c) and (c[0].isupper() or c[0].isdigit())


def _is_direct(toks: list[Token], ti: int, content: str) -> bool:
    """A whole statement: it starts like a sentence and stands where a statement stands."""
    if not _starts_statement(content):
        # '"If he wins," the narrator says, "what then?"': the second half of a split statement
        return ti >= 3 and toks[ti - 1].text == "," and _is_say(toks[ti - 2]) and toks[0].quote >= 0 \
            and _starts_statement(toks[0].text.lstrip("\"'\u201c\u2018"))
    prev = toks[ti - 1] if ti > 0 else None
    if prev is not None and prev.text == "," and ti >= 2 and _is_say(toks[ti - 2]):
        prev = toks[ti - 2]  # 'said, "..."'
    ok_before = prev is None or prev.text in (":", "\u2014", "-", "--") or _is_say(prev) or prev.low == "that"
    if not ok_before:
        return False
    nxt = toks[ti + 1] if ti + 1 < len(toks) else None
    if nxt is None or nxt.text in (",", ".", "!", "?", ";", "\u2014", "-", "--") or nxt.quote >= 0 or \
            nxt.low in lx.REPORTING_VERBS or content.rstrip()[-1:] in (",", ".", "!", "?", "\u2026"):
        return True
    # '"But why?" reporter Jackie Nespral asked him.'
    return any(t.low in lx.REPORTING_VERBS and t.text[:1].islower() for t in toks[ti + 1:ti + 9])


def _is_say(t: Token) -> bool:
    return t.quote < 0 and t.low in lx.REPORTING_VERBS and lx.REPORTING_VERBS[t.low][0] in ("say", "that")


DASHES = ("\u2015", "\u2014", "\u2013", "-", "--")


def _dash_attribution(text: str, toks: list[Token], ti: int, m: Mentions, st: _State,
                      s: Sentence) -> Speaker | None:
    """'"We must vote." ― Jorge Falcon': a name after a dash closes the quotation's sentence."""
    k = ti + 1
    if k >= len(toks) or toks[k].text not in DASHES:
        return None
    e = k + 1
    while e < len(toks) and toks[e].is_cap and e - k <= 4:
        e += 1
    rest = toks[e:]
    # the name ends the sentence, or the next quotation starts right after it (a list of quotes)
    if e == k + 1 or not (all(t.text in (".", ",") for t in rest) or (rest and rest[0].quote >= 0)
                          or (len(rest) > 1 and rest[0].text in (".", ",") and rest[1].quote >= 0)):
        return None
    sp = _resolve(text, toks, k + 1, e, m, st, s)
    return sp if sp is not None and sp.kind == "person" else None


def _standalone(toks: list[Token], ti: int) -> bool:
    rest = [t for k, t in enumerate(toks) if k != ti and t.text not in (".", ",", "!", "?", "-", "\u2014", "\u2013")]
    return not rest


def _cue_for_quote(toks: list[Token], ti: int, cues: list[Cue], direct: bool) -> Cue | None:
    with_sp = [c for c in cues if c.speaker is not None]
    if not with_sp:
        return None
    after = [c for c in with_sp if c.i > ti]
    before = [c for c in with_sp if c.j <= ti]
    if direct:
        # '"...," said Wang' / '"...," Wang said' / 'Wang added: "..."' / 'saying "..."'
        for c in after:
            # only punctuation between the quote and the attribution ('"...," Li Wei, spokesperson ..., said')
            upto = c.i if c.inverted or c.np_start < 0 else c.np_start
            if upto > ti and all(t.text in (",", "-", "\u2014", "\u2013") for t in toks[ti + 1:upto]):
                return c
        if before:
            c = before[-1]
            between = toks[c.j:ti]
            if len(between) <= 12 and not any(t.quote >= 0 for t in between):
                return c
        return None
    # partial: the cue whose clause holds the quote
    if before:
        c = before[-1]
        if not any(t.quote >= 0 and t.quote != toks[ti].quote and False for t in toks[c.j:ti]):
            return c
    if after:
        c = after[0]
        between = toks[ti + 1:c.i]
        if c.np_start > ti and all(t.quote < 0 for t in between):
            return c
        # 'it is the US that "X," and ... "Y," a spokesperson said on Monday.'
        if c.np_start > ti and _comma_at(toks, c.np_start - 1) and _after_attribution(toks, c) is not None:
            return c
    return None


def _comma_at(toks: list[Token], k: int) -> bool:
    """A comma at token k, or a quotation ending in one ('"...,"' in American style)."""
    if k < 0 or k >= len(toks):
        return False
    t = toks[k]
    return t.text == "," or (t.quote >= 0 and t.text.rstrip("\"'\u201d\u2019").endswith(","))


def _cue_via(text: str, toks: list[Token], c: Cue) -> str | None:
    """A channel named right at the cue: 'told Reuters', 'tweeted', 'said in a statement'."""
    if c.lemma == "tweet":
        return "Twitter"
    k = c.np_end if c.inverted and c.np_end > 0 else c.j
    if c.lemma == "tell" and k < len(toks) and not c.inverted:
        o = _outlet_at(toks, c.j)
        if o:
            return o
    # 'said in a statement', 'wrote on Twitter', 'said in a blog post'
    for start in (c.j, k):
        if start + 1 < len(toks) and toks[start].low in ("in", "on", "via"):
            t1 = toks[start + 1]
            if t1.low in lx.PLATFORMS:
                return lx.PLATFORMS[t1.low]
            if t1.low in ("a", "an") or t1.low == "the":
                e = start + 2
                while e < len(toks) and toks[e].is_word and toks[e].low not in lx.TIME_WORDS and e < start + 6:
                    e += 1
                if any(toks[x].low in lx.DOCUMENT_NOUNS for x in range(start + 2, e)):
                    return text[t1.start:toks[e - 1].end]
    return None


def _outlet_at(toks: list[Token], i: int) -> str | None:
    for k in range(min(len(toks), i + 5), i, -1):
        phrase = " ".join(t.text for t in toks[i:k]).lower().replace("\u2019", "'")
        if phrase in lx.OUTLETS:
            return lx.OUTLETS[phrase]
    # an unknown outlet: a capitalised name with a possessive ('BBC's Newsnight')
    k = i
    while k < len(toks) and toks[k].is_cap:
        k += 1
    if k > i and any(t.text.endswith(("'s", "\u2019s")) for t in toks[i:k - 1]):
        return " ".join(t.text for t in toks[i:k])
    return None


def _sentence_via(text: str, toks: list[Token]) -> str | None:
    """A channel named for the whole sentence: 'Per Reuters,', 'In a letter to ...,', 'On X's Twitter account,'."""
    if not toks:
        return None
    comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
    first = toks[0].low
    if first == "per" and comma:
        phrase = text[toks[1].start:toks[comma - 1].end]
        return lx.OUTLETS.get(phrase.lower().replace("\u2019", "'"), phrase)
    if first in ("in", "on") and comma and comma <= 14 and len(toks) > 2:
        inner = toks[1:comma]
        lows = [t.low for t in inner]
        if any(lo in lx.DOCUMENT_NOUNS for lo in lows) or any(lo in lx.PLATFORMS for lo in lows):
            for k in range(len(inner)):
                o = _outlet_at(inner, k)
                if o and o in lx.OUTLETS.values():
                    return o
            e = len(inner)
            while e > 1 and (inner[e - 1].low in lx.TIME_WORDS):
                e -= 1
            return text[inner[0].start:inner[e - 1].end]
    # 'according to a transcript of his speech seen by The Journal'
    span = _according_span(toks)
    if span is not None:
        inner = toks[span[0] + 2:span[1]]
        if inner and inner[0].low in DETERMINERS and any(t.low in lx.DOCUMENT_NOUNS for t in inner[:4]):
            return text[inner[0].start:inner[-1].end]
        if inner:
            phrase = " ".join(t.text for t in inner).lower().replace("\u2019", "'")
            if phrase in lx.OUTLETS:
                return lx.OUTLETS[phrase]
    return None


def _according_span(toks: list[Token]) -> tuple[int, int] | None:
    """Token range of 'according to X' (up to a comma, semicolon, period or quotation)."""
    for k in range(len(toks) - 2):
        if toks[k].low == "according" and toks[k + 1].low == "to":
            e = k + 2
            while e < len(toks) and toks[e].text not in (",", ";", ".") and toks[e].quote < 0:
                e += 1
            return k, e
    return None


def _according_to(text: str, toks: list[Token], m: Mentions, st: _State,
                  s: Sentence) -> tuple[Speaker | None, str | None, int, int] | None:
    """'According to X, ...' or '..., according to X.': (speaker, via, token start, token end)."""
    span = _according_span(toks)
    if span is None:
        return None
    k, e = span
    inner = toks[k + 2:e]
    if not inner:
        return None
    lows = [t.low for t in inner]
    if any(lo in lx.DOCUMENT_NOUNS for lo in lows[:4]):
        via = text[inner[0].start:inner[-1].end]
        issuer = st.doc_issuer
        if "by" in lows:
            b = lows.index("by")
            got = _resolve(text, toks, k + 2 + b + 1, e, m, st, s)
            if got is not None and got.kind != "person" or (got and "seen" not in lows):
                issuer = got
        return (issuer, via, k, e)
    sp = _resolve(text, toks, k + 2, e, m, st, s)
    return (sp, None, k, e)


# --- reported speech ------------------------------------------------------------------------

def _indirect(text: str, s: Sentence, si: int, toks: list[Token], cues: list[Cue], qs: list[QuoteSpan],
              labels: set[int], svia: str | None, acc: tuple[Speaker | None, str | None, int, int] | None,
              st: _State) -> list[Quote]:
    out: list[Quote] = []
    taken: list[tuple[int, int]] = []

    def has_real_quote(a: int, b: int) -> bool:
        return any(t.quote >= 0 and t.quote not in labels for t in toks[a:b])

    def emit(a: int, b: int, sp: Speaker, c: Cue | None, via: str | None) -> None:
        while b > a and (not toks[b - 1].is_word and toks[b - 1].quote < 0):
            b -= 1
        while a < b and toks[a].low in ("that", "whether", ":", ","):
            a += 1
        if b - a < 3 or has_real_quote(a, b):
            return
        if sp.name is None:
            return
        start, end = toks[a].start, toks[b - 1].end
        if any(not (end <= x or start >= y) for x, y in taken):
            return
        taken.append((start, end))
        cs = ce = ct = None
        if c is not None:
            cs, ce = toks[c.i].start, toks[c.j - 1].end
            ct = text[cs:ce]
        out.append(Quote(text[start:end], "indirect", start, end, s.id, sp.name, sp.role, sp.start, sp.end,
                         ct, cs, ce, via, speaker_kind=sp.kind))
        _remember(st, sp, ct, via, s.paragraph, si)

    n = len(toks)
    end_idx = n
    # 1. Clause-final attribution: 'CLAUSE, Wang said (on Monday).' / 'CLAUSE, said Wang.'
    for c in cues:
        if c.speaker is None or c.cls not in ("say", "that"):
            continue
        np_a = c.np_start if c.np_start >= 0 else c.i
        first = min(np_a, c.i)
        if first < 2 or toks[first - 1].text != ",":
            continue
        tail = _after_attribution(toks, c)
        if tail is None:
            continue
        emit(0, first - 1, c.speaker, c, _cue_via(text, toks, c) or c.speaker.via or svia)
        end_idx = first - 1
        # a following participle clause shares the speaker: ', saying ...'
        break
    # 2. Forward clauses: 'Wang said (that) CLAUSE', 'China called on X to Y', ', adding that ...'
    for ci, c in enumerate(cues):
        if c.speaker is None or c.cls == "label":
            continue
        if c.i < end_idx and any(x.i < c.i for x in cues if x.speaker is not None and x is not c
                                 and x.np_start >= 0 and toks[x.np_start - 1].text == "," and x.i >= end_idx):
            continue
        lead = _skip_clause_lead(toks, c.np_end if c.inverted else c.j, c)
        if lead is None:
            continue
        a = b = lead
        while b < n:
            t = toks[b]
            if t.text in (";", "\u2013", "\u2014", "--") or (t.text == "," and b + 1 < n and (toks[b + 1].low in PARTICIPLES_SUBJECT_FIRST
                                                                    or toks[b + 1].low == "according")):
                break
            b += 1
        # an inner cue with its own speaker takes over ('He noted that ... Locsin said that ...')
        inner = [x for x in cues[ci + 1:] if a <= x.i < b and x.speaker is not None and not x.inverted
                 and x.cls in ("say", "that", "call") and x.speaker.name != c.speaker.name]
        if inner:
            continue
        if c.i < end_idx <= b and end_idx < n:
            continue  # this cue is inside a clause already attributed
        emit(a, b, c.speaker, c, _cue_via(text, toks, c) or c.speaker.via or svia)
        # 'Noting that CLAUSE, Wang said ...': the leading participle clause
    # 3. Leading participle: 'Noting that CLAUSE, Wang said ...'
    if cues and cues[0].i == 0 and toks[0].low in PARTICIPLES_SUBJECT_FIRST:
        main = next((x for x in cues[1:] if x.speaker is not None), None)
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        if main is not None and comma:
            emit(cues[0].j, comma, main.speaker, cues[0], svia)  # type: ignore[arg-type]
    # 4. 'According to X, CLAUSE.' / 'CLAUSE, according to X.'
    if acc is not None and acc[0] is not None and acc[0].name:
        sp, (_, via, ka, kb) = acc[0], acc
        if ka == 0 and kb < n and toks[kb].text == ",":
            emit(kb + 1, n, sp, None, via or svia)
        elif ka >= 2 and toks[ka - 1].text == ",":
            emit(0, ka - 1, sp, None, via or svia)
    return out


def _after_attribution(toks: list[Token], c: Cue) -> int | None:
    """For a clause-final cue: index where what follows the attribution ends, or None if it is
    not clause-final (only time, place and channel words may follow it)."""
    k = c.np_end if c.inverted else c.j
    n = len(toks)
    budget = 12
    while k < n and budget:
        t = toks[k]
        if t.text in (".", "!", "?"):
            return k
        if t.text == "," and k + 1 < n and (toks[k + 1].low in PARTICIPLES_SUBJECT_FIRST or toks[k + 1].low == "according"):
            return k
        if t.quote >= 0 or t.low in ("that", "whether", ":"):
            return None
        if not (t.is_cap or t.low in lx.TIME_WORDS or t.low in TRAILER_WORDS or t.low in lx.DOCUMENT_NOUNS
                or t.text in (",", "(", ")")):
            return None
        k += 1
        budget -= 1
    return k if k >= n else None


def _skip_clause_lead(toks: list[Token], a: int, c: Cue) -> int | None:
    """Where the reported clause begins after a cue, or None when none follows."""
    n = len(toks)
    if c.cls == "call":
        # 'called on other countries to sign up' -> 'other countries to sign up'
        window = [t.low for t in toks[a:a + 12]]
        return a if "to" in window else None
    if c.lemma == "tell" and a + 2 < n and toks[a].low in ("the", "a", "an") and not toks[a + 1].is_cap:
        a += 2  # 'told the paper the deal is dead'
    elif c.lemma == "tell":
        o = a
        while o < n and (toks[o].is_cap or toks[o].low in ("reporters", "journalists", "lawmakers", "the",
                                                           "congress", "parliament")) and o < a + 5:
            if toks[o].low == "the" and o + 1 < n and not toks[o + 1].is_cap:
                break
            o += 1
        if o == a:
            return None
        a = _outlet_end(toks, a, o)
    # time, place and channel words: 'said on Monday that', 'said here Friday', 'said on behalf of ASEAN that'
    k = a
    while k < n and k < a + 8 and toks[k].quote < 0 and toks[k].low not in ("that", "whether") and (
            toks[k].low in lx.TIME_WORDS
            or toks[k].low in ("behalf", "of", "a", "an", "statement", "interview", "news", "conference",
                               "briefing", "reporters")
            or (toks[k].is_cap and k > a and toks[k - 1].low in ("of", "on", "in", "at"))):
        k += 1
    if k < n and toks[k].low in ("that", "whether", "if"):
        return k + 1
    if k < n and toks[k].text == ":":
        return None
    if k > a and not (k < n and toks[k].low in ("that", "whether")):
        # only plain time words may stand before a 'that'-less clause
        if not all(toks[x].low in lx.TIME_WORDS for x in range(a, k)):
            return None
    if c.cls == "that" or (c.cls == "say" and c.lemma not in lx.CLAUSE_WITHOUT_THAT):
        if k < n and toks[k].low in ("it", "he", "she", "they", "we", "i", "there"):
            return k
        return None
    if k >= n or toks[k].quote >= 0 or not (toks[k].is_word):
        return None
    return k


def _outlet_end(toks: list[Token], a: int, o: int) -> int:
    """After 'told': end of the outlet's name (known outlets first: 'The Wall Street Journal')."""
    for k in range(min(len(toks), a + 6), a, -1):
        phrase = " ".join(t.text for t in toks[a:k]).lower().replace("\u2019", "'")
        if phrase in lx.OUTLETS:
            return k
    return o



def resolve_phrase(text: str, toks: list[Token], a: int, b: int, mentions: Mentions,
                   s: Sentence) -> Speaker | None:
    """Who or what the tokens ``toks[a:b]`` name (a name, an organisation, a country, a role),
    for callers outside quote attribution (initiative proponents)."""
    return _resolve(text, toks, a, b, mentions, _State(), s)


def subject_before(text: str, toks: list[Token], i: int, mentions: Mentions, s: Sentence) -> Speaker | None:
    """The subject of the verb at token ``i``: 'the Trump administration, which last month announced'."""
    j = _skip_back(toks, i - 1)
    if j < 0:
        return None
    if toks[j].low in ("which", "who") and j >= 2 and toks[j - 1].text == ",":
        j = j - 2
    elif toks[j].low == "and" or toks[j].text == ",":
        return _subject(text, toks, mentions, _State(), s)
    a = _np_backward(toks, j)
    return _resolve(text, toks, a, j + 1, mentions, _State(), s) if a <= j else None
