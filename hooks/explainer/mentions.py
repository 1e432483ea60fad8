"""Tokens and named mentions: people (with roles), organisations and countries.

A pre-pass over the whole document, so that a surname ("Wang") or a role ("the
ambassador") later in the text resolves to the full name given elsewhere ("Wang Yi",
"Chinese ambassador Liu Xiaoming").

Does not cover: gender (he/she resolve to the nearest person), nicknames, or names written
entirely in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .model import Document

# A word with possessive, internal dots or hyphens: "China's", "U.S.", "co-founder", "TikTok’s"
TOKEN: re.Pattern[str] = re.compile(
    r"(?=[A-Z][a-z]{0,3}\.)(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|St|Jr|Sr|Hon|Amb|Atty"
    r"|Supt|Cmdr)\.(?=\s)|(?=[A-Za-z]\.)(?:(?:[A-Za-z]\.){2,}|[A-Z]\.(?=\s+[A-Z]))|[^\W_][\w&]*(?:['\u2019.-][^\W_][\w&]*)*(?:['\u2019]s?\b)?|\.\.\.|--|[^\w\s]")
# A possessive ending: "China's" -> "China"
POSSESSIVE: re.Pattern[str] = re.compile(r"['\u2019]s?$")


class Token:
    """A word, a punctuation mark, or a whole quotation (``quote >= 0``)."""

    __slots__ = ("text", "start", "end", "quote", "low", "bare", "is_cap", "is_word")

    def __init__(self, text: str, start: int, end: int, quote: int = -1,
                 forms: tuple[str, str, bool, bool] | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.quote = quote
        """Index of the quotation this token stands for (-1: an ordinary token)."""
        self.low, self.bare, self.is_cap, self.is_word = forms or token_forms(text, quote >= 0)
        """``bare``: without a possessive ending ("China's" -> "China")."""

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.quote})"


def token_forms(text: str, quotation: bool = False) -> tuple[str, str, bool, bool]:
    """A token's (lower case with straight apostrophes, without possessive ending, capitalised,
    a word): ("China’s", False) -> ("china's", "China", True, True)."""
    low = text.lower()
    if "\u2019" in low:
        low = low.replace("\u2019", "'")
    last = text[-1]  # tokens are never empty
    bare = POSSESSIVE.sub("", text) if (last == "s" or last == "'" or last == "\u2019") and \
        ("'" in text or "\u2019" in text) else text
    if quotation:
        return low, bare, False, False
    first = text[0]
    return low, bare, first.isupper(), first.isalnum()


def tokenize(text: str, start: int, end: int, quotes: list[tuple[int, int]] | None = None,
             cache: dict[str, tuple[str, str, bool, bool]] | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``; each (open, outer_end) quote region becomes one token.
    ``cache``: token forms by word, shared by the calls for one document (words repeat)."""
    out: list[Token] = []
    pos = start
    for qi, (qa, qb) in enumerate(quotes or []):
        if qb <= start or qa >= end:
            continue
        out.extend(_words(text, pos, max(qa, start), cache))
        out.append(Token(text[qa:qb], qa, qb, qi))
        pos = min(qb, end)
    out.extend(_words(text, pos, end, cache))
    return out


def _words(text: str, a: int, b: int, cache: dict[str, tuple[str, str, bool, bool]] | None = None) -> list[Token]:
    if cache is None:
        return [Token(m[0], m.start(), m.end()) for m in TOKEN.finditer(text, a, b)]
    out = []
    for m in TOKEN.finditer(text, a, b):
        word = m[0]
        forms = cache.get(word)
        if forms is None:
            forms = cache[word] = token_forms(word)
        out.append(Token(word, m.start(), m.end(), -1, forms))
    return out


@dataclass
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    first: int = 0
    """Offset of the first mention."""


@dataclass
class Mentions:
    """Who and what the document names, and where."""

    people: dict[str, Person] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)
    """Single names ("Wang", "Pompeo") -> full names."""
    person_at: list[tuple[int, str]] = field(default_factory=list)
    """(offset, full name) of every person mention, in order."""
    organizations: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    org_at: list[tuple[int, str]] = field(default_factory=list)
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    """(start, end, canonical name, kind) of every person, organisation and country mention."""
    tokens: dict[int, list[Token]] = field(default_factory=dict)
    """Plain tokens of each sentence, by its start offset (reused by the quote extractor)."""

    def resolve_name(self, words: list[str]) -> str | None:
        """Full name for the words of a name mention, if the text (or the gazetteer) knows it."""
        key = " ".join(words)
        if key in self.people:
            return key
        if len(words) == 1:
            if words[0] in self.short:
                return self.short[words[0]]
            return lx.KNOWN_PEOPLE.get(words[0].lower())
        known = lx.KNOWN_PEOPLE.get(key.lower())
        if known:
            return known
        for full in self.people:
            if full.endswith(" " + key) or full.startswith(key + " "):
                return full
        return None

    def last_person_before(self, offset: int) -> str | None:
        best = None
        for off, name in self.person_at:
            if off >= offset:
                break
            best = name
        return best


def _is_name_word(t: Token) -> bool:
    if not t.is_cap or t.quote >= 0:
        return False
    low = t.bare.lower()
    if low in lx.NOT_NAMES or low in lx.TITLE_WORDS or low in lx.COUNTRIES or low in lx.ORGANIZATIONS:
        return False
    if low in lx.OUTLETS or low in lx.ORG_HEADS or low in lx.DOCUMENT_NOUNS or low in lx.ROLE_HEADS:
        return False
    bare = t.bare.replace(".", "").replace("'", "").replace("\u2019", "")
    return bare.isalpha() or "-" in t.bare


def name_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of runs of capitalised name-like words."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _is_name_word(tokens[i]):
            j = i + 1
            while j < len(tokens) and _is_name_word(tokens[j]) and not tokens[j - 1].text.endswith(("'s", "\u2019s")):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def role_before(tokens: list[Token], i: int) -> str | None:
    """The role words right before a name: 'Chinese foreign minister' in '... Chinese foreign minister Wang Yi'."""
    j = i
    has_head = False
    while j > 0:
        t = tokens[j - 1]
        if t.quote >= 0 or not t.is_word:
            break
        low = t.bare.lower()
        if low in lx.ROLE_HEADS:
            has_head = True
        elif low in lx.TITLE_WORDS or low in lx.COUNTRIES or low in lx.ORGANIZATIONS or low in lx.ORG_HEADS \
                or t.text.endswith(("'s", "\u2019s")) or (has_head and t.text[:1].islower() and low not in lx.NOT_NAMES
                                                          and low not in lx.REPORTING_VERBS and j > i - 6):
            pass
        else:
            break
        j -= 1
    while j < i and tokens[j].low in ("the", "a", "an", "and", "of", "for", "to", "at"):
        j += 1
    if not has_head or j >= i:
        return None
    words = tokens[j:i]
    return " ".join(t.text for t in words) if words else None


def role_after(text: str, tokens: list[Token], j: int) -> str | None:
    """An apposition after a name: ', spokesperson for China's Foreign Ministry,' -> its words."""
    if j >= len(tokens) or tokens[j].text != ",":
        return None
    k = j + 1
    while k < len(tokens) and tokens[k].text not in (",", ";", ".", ")", "(") and tokens[k].quote < 0:
        k += 1
    words = tokens[j + 1:k]
    if not words or len(words) > 10:
        return None
    lows = [w.bare.lower() for w in words]
    if not any(w in lx.ROLE_HEADS for w in lows):
        return None
    if any(w in lx.REPORTING_VERBS or w in ("who", "which", "that") for w in lows):
        return None
    s = words[0].start
    if lows[0] in ("a", "an", "the"):
        s = words[1].start if len(words) > 1 else s
    return text[s:words[-1].end]


def find_mentions(doc: Document) -> Mentions:
    """Pre-pass: people with their roles, organisations and countries named in the document."""
    m = Mentions()
    text = doc.text
    forms: dict[str, tuple[str, str, bool, bool]] = {}
    for s in doc.sentences:
        toks = tokenize(text, s.start, s.end, cache=forms)
        m.tokens[s.start] = toks
        for t in toks:
            if not t.is_cap:
                continue
            low = t.low if t.bare is t.text else t.bare.lower().replace("\u2019", "'")
            if low in lx.COUNTRIES:
                m.countries.setdefault(lx.COUNTRIES[low], t.start)
                m.spans.append((t.start, t.start + len(t.bare), lx.COUNTRIES[low], "country"))
        _multiword_orgs(text, toks, m)
        for i, j in name_runs(toks):
            words = [t.bare for t in toks[i:j]]
            before = role_before(toks, i)
            after = role_after(text, toks, j)
            prev = toks[i - 1].low if i > 0 else ""
            is_person = bool(before or after) or prev in ("mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.")
            full = " ".join(words)
            known = lx.KNOWN_PEOPLE.get(full.lower())
            if len(words) >= 2 and (is_person or known or _subject_of_cue(toks, j)):
                name = known or full
                if len(words) > 3:
                    continue
                p = m.people.setdefault(name, Person(name, first=toks[i].start))
                for r in (before, after):
                    if r and r not in p.roles:
                        p.roles.append(r)
                m.person_at.append((toks[i].start, name))
                m.spans.append((toks[i].start, toks[j - 1].start + len(toks[j - 1].bare), name, "person"))
                for w in (words[0], words[-1]):
                    other = m.short.get(w)
                    if other and other != name:
                        m.short[w] = ""  # ambiguous: two people share it
                    elif other is None:
                        m.short[w] = name
            elif len(words) == 1:
                single = m.resolve_name(words) or (lx.KNOWN_PEOPLE.get(words[0].lower()))
                if single:
                    if single not in m.people:
                        m.people[single] = Person(single, first=toks[i].start)
                    if before and before not in m.people[single].roles:
                        m.people[single].roles.append(before)
                    m.person_at.append((toks[i].start, single))
                    m.spans.append((toks[i].start, toks[i].start + len(toks[i].bare), single, "person"))
    m.short = {k: v for k, v in m.short.items() if v}
    return m


def _subject_of_cue(toks: list[Token], j: int) -> bool:
    k = j
    while k < len(toks) and toks[k].low in lx.AUX_ADVERBS:
        k += 1
    return k < len(toks) and toks[k].low in lx.REPORTING_VERBS and lx.REPORTING_VERBS[toks[k].low][0] == "say"


def _first_words() -> frozenset[str]:
    return frozenset(k.split()[0] for table in (lx.ORGANIZATIONS, lx.OUTLETS) for k in table)


# First words of every gazetteer organisation and outlet: 'wall' for 'wall street journal'.
ORG_FIRST_WORDS = _first_words()


def _multiword_orgs(text: str, toks: list[Token], m: Mentions) -> None:
    """Gazetteer organisations and outlets (longest match) in a sentence."""
    i = 0
    n = len(toks)
    while i < n:
        hit = None
        low = toks[i].low  # without a possessive ending ('reuters'' -> 'reuters'), regex only if one may be there
        if not toks[i].is_cap or (POSSESSIVE.sub("", low) if low[-1] in "s'" else low) not in ORG_FIRST_WORDS:
            i += 1
            continue
        for k in range(min(n, i + 6), i, -1):
            phrase = " ".join(t.text for t in toks[i:k]).lower().replace("\u2019", "'")
            bare = POSSESSIVE.sub("", phrase)
            for table in (lx.ORGANIZATIONS, lx.OUTLETS):
                if bare in table:
                    hit = (k, table[bare])
                    break
            if hit:
                break
        if hit:
            m.organizations.setdefault(hit[1], toks[i].start)
            m.org_at.append((toks[i].start, hit[1]))
            last = toks[hit[0] - 1]
            m.spans.append((toks[i].start, last.start + len(last.bare), hit[1], "org"))
            i = hit[0]
        else:
            i += 1
