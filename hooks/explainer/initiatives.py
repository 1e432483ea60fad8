"""Named initiatives, programs, policies and laws: mentions, coreference and facts.

Detection: capitalised names with a head word from ``data/initiatives.yml`` ('Clean Network',
'Global Initiative on Data Security', '... Act'), quoted program names ('the "Clean
Network" program'), and descriptions with several domain modifiers ('a new global data
security initiative'). Later mentions ('the initiative', "China's initiative", 'its new
initiative', 'the program', 'It' opening a sentence right after one) are resolved to one of
them. Facts: proponent (passive 'announced by', active 'X unveiled', possessive 'X's'),
date with precision, provisions ('calls on ...', 'aimed at ...', 'The idea is to A; B; and
C'), relations ('X is a retaliation against Y' -> X responds to Y); each with its sentence.

Does not cover: initiatives named only by a pronoun across paragraphs far apart, nor
relations stated across two sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import lexicon as lx
from .dates import find_dates
from .mentions import Mentions, Token, tokenize
from .model import Document, Sentence
from .quotes import Speaker, resolve_phrase, subject_before

_D = lx.load_data("initiatives")
HEADS: frozenset[str] = frozenset(_D["heads"])
TRAILING_HEADS: frozenset[str] = frozenset(_D["trailing_heads"])
GENERIC: frozenset[str] = frozenset(_D["generic"])
DESCRIPTION_MODIFIERS: frozenset[str] = frozenset(_D["description_modifiers"])
LAUNCH_VERBS: frozenset[str] = frozenset(_D["launch_verbs"])
RELATION_CUES: tuple[str, ...] = tuple(sorted(_D["relation_cues"], key=len, reverse=True))
PROVISION_OPENERS: tuple[str, ...] = tuple(_D["provision_openers"])
THEMES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _D["themes"].items()}
UNNAMED_WORDS: frozenset[str] = frozenset(_D["unnamed_words"])
LAW_HEADS = frozenset({"Act", "Law", "Rules", "Regulation", "Regulations", "Bill", "Directive", "Order"})

_CAP = r"[A-Z][\w'\u2019&.-]*"
_SMALL = r"(?:of|on|for|and|the|to|in|by|against|with)"
# A capitalised name, possibly with small words, a parenthesis and a year:
# 'Global Initiative on Data Security', 'Information Technology (Procedure ...) Rules 2009'
NAME: re.Pattern[str] = re.compile(
    rf"{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})*(?:\s+\([^()\n]{{1,160}}\)(?:\s+{_CAP})+)?(?:\s+(?:19|20)\d\d|\s+\d{{3,6}})?")
# A description: 'a new global data security initiative' -> group 1 'global data security initiative'
DESCRIPTION: re.Pattern[str] = re.compile(
    r"\b(?:a|an|its|their|his|her|the)\s+(?:new\s+|own\s+)?((?:[a-z][\w-]*\s+){1,4}(?:initiative|program|programme))\b")
# A later mention: "the initiative", "China's initiative", "its new initiative", "the program"
COREF: re.Pattern[str] = re.compile(
    r"\b(?:(?P<det>the|this|that|its|their|his|her)|(?P<owner>[A-Z][\w.]*(?:['\u2019]s?|-proposed|-backed|-led)))"
    r"\s+(?:(?:new|own|proposed|latest|broader|chinese|american|us|u\.s\.)\s+)*(?P<kind>initiative|program|programme|plan)\b",
    re.IGNORECASE)
# The words every COREF match ends with ('programme' contains 'program').
COREF_KINDS = ("initiative", "program", "plan")
_POSS = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    key: tuple[str, ...]
    sentence: str
    explicit: bool


@dataclass
class Fact:
    """A value with the sentence it came from."""

    value: Any
    sentence: str
    start: int = 0
    end: int = 0


@dataclass
class Initiative:
    name: str
    key: tuple[str, ...]
    aliases: list[str] = field(default_factory=list)
    kind: str = "initiative"
    """initiative | law"""
    mentions: list[Mention] = field(default_factory=list)
    proponent: Fact | None = None
    proponent_kind: str | None = None
    announced: Fact | None = None
    """value: DateRef"""
    provisions: list[Fact] = field(default_factory=list)
    relations: list[Fact] = field(default_factory=list)
    """value: ('responds_to', other key)"""

    def to_json(self, names: dict[tuple[str, ...], str] | None = None) -> dict[str, Any]:
        names = names or {}
        ann = self.announced.value.to_json() if self.announced else None
        return {
            "name": self.name, "aliases": self.aliases, "kind": self.kind,
            "proponent": self.proponent.value if self.proponent else None,
            "proponent_sentence": self.proponent.sentence if self.proponent else None,
            "announced": ann, "announced_sentence": self.announced.sentence if self.announced else None,
            "provisions": [{"text": p.value, "sentence": p.sentence} for p in self.provisions],
            "relations": [{"type": r.value[0], "target": names.get(r.value[1], " ".join(r.value[1])),
                           "sentence": r.sentence} for r in self.relations],
            "mentions": [{"text": m.surface, "sentence": m.sentence, "start": m.start, "end": m.end}
                         for m in self.mentions],
        }


def name_key(name: str) -> tuple[str, ...]:
    """Words that identify an initiative across wordings: 'Clean Network Initiative' -> ('clean', 'network')."""
    words = [_POSS.sub("", w).lower() for w in re.findall(r"[\w'\u2019-]+", name)]
    return tuple(sorted(w for w in words if w not in GENERIC))


def _strip_lead(name: str, start: int) -> tuple[str, int]:
    """Drop 'The', possessives and country words before the name proper."""
    words = name.split(" ")
    while len(words) > 2 or (len(words) == 2 and words[1] not in HEADS):
        w = words[0]
        low = _POSS.sub("", w).lower()
        if w in ("The", "A", "An", "This", "That") or w.endswith(("'s", "\u2019s", "'", "\u2019")) \
                or low in lx.COUNTRIES or low in lx.NOT_NAMES:
            start += len(w) + 1
            words = words[1:]
        else:
            break
    return " ".join(words), start


def _explicit(text: str, s: Sentence, label_spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, kind) of named mentions in a sentence."""
    out: list[tuple[int, int, str, str]] = []
    for m in NAME.finditer(text, s.start, s.end):
        for name, mstart in _split_names(m.group(0).rstrip(".,;:"), m.start()):
            got = _one_name(text, s, name, mstart)
            if got:
                out.append(got)
    out.extend(_quoted_names(text, s, label_spans))
    return out


# 'X Act and the Y Act': where two names may be joined
_AND = re.compile(r"\s+and\s+(?:the\s+)?")
# The word right after a name, past a closing quote: '" program' -> 'program'
_TAIL_WORD = re.compile(r"[\"'\u201d\u2019]?\s+(\w+)")
# A law's name: 'Foreign Investment Risk Review Modernization Act'
_LAW_WORD = re.compile(r"\b(?:Act|Rules)\b")


def _split_names(name: str, start: int) -> list[tuple[str, int]]:
    """'X Act and the Y Act' -> two names; 'Belt and Road Initiative' stays one."""
    parts = []
    pos = 0
    for m in _AND.finditer(name):
        left = name[pos:m.start()]
        if any(w in HEADS for w in left.split()) and any(w in HEADS for w in name[m.end():].split()):
            parts.append((left, start + pos))
            pos = m.end()
    parts.append((name[pos:], start + pos))
    return parts


# A date or place phrase that the name pattern swallows: 'Data Security on Tuesday'
_NAME_TAIL = re.compile(r"\s+(?:on|in|at|by|since|last|this|from)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
                        r"November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\b.*$")


def _one_name(text: str, s: Sentence, name: str, mstart: int) -> tuple[int, int, str, str] | None:
    name = _NAME_TAIL.sub("", name)
    words = name.split()
    heads = [w for w in words if w.rstrip(".,") in HEADS]
    if not heads or len(words) < 2:
        return None
    name, start = _strip_lead(name, mstart)
    words = name.split()
    if len(words) < 2 or all(w.rstrip(".,") in HEADS or w in UNNAMED_WORDS for w in words):
        return None
    end = start + len(name)
    tail = _TAIL_WORD.match(text, end, s.end)
    surface = name
    if tail and tail.group(1) in TRAILING_HEADS:
        surface = f"{name} {tail.group(1)}"
        end = tail.end()  # (an offset in the text: the match started at end)
    kind = "law" if any(w.rstrip(".,") in LAW_HEADS for w in name.split()[-3:]) or \
        _LAW_WORD.search(name) else "initiative"
    return (start, end, surface, kind)


def _quoted_names(text: str, s: Sentence, label_spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    out: list[tuple[int, int, str, str]] = []
    # quoted program names: 'the "Clean Network" program', '"PRISM," "Echelon" and other projects'
    for a, b in label_spans:
        if not (s.start <= a < s.end):
            continue
        inner = text[a:b].strip(" ,.")
        after = text[b:s.end].lstrip("\"'\u201d\u2019,. ")
        before = text[s.start:a].rstrip("\"'\u201c\u2018 ").lower()
        nxt = re.match(r"(\w+)", after)
        listed = re.match(r"(?:(?:and|or)\s+)?other\s+(?:projects|programs|programmes|initiatives)", after) or \
            re.search(r"\"[^\"]*\"\s*,?\s*(?:and\s+)?other\s+(?:projects|programs)", text[b - len(inner) - 2:s.end])
        program_after = nxt and nxt.group(1).lower() in TRAILING_HEADS and (len(inner.split()) >= 2 or inner[:1].isupper())
        titled = all(w[:1].isupper() for w in inner.split() if w.lower() not in ("on", "of", "and", "for", "the"))
        if len(inner.split()) > 5 or not inner:
            continue
        if program_after or (titled and (before.endswith(("so-called", "the", "join the")) or listed)):
            end = b
            if program_after and nxt:
                k = text.find(nxt.group(1), b)
                end = k + len(nxt.group(1))
            out.append((a, end, f"{inner} {nxt.group(1)}" if program_after and nxt else inner, "initiative"))
    return out


def _descriptions(text: str, s: Sentence) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    if text.find("initiative", s.start, s.end) < 0 and text.find("program", s.start, s.end) < 0:
        return out  # every description ends with one of these words (lower case)
    for m in DESCRIPTION.finditer(text, s.start, s.end):
        phrase = m.group(1)
        mods = phrase.split()[:-1]
        if sum(1 for w in mods if w in DESCRIPTION_MODIFIERS) >= 2 and all(w in DESCRIPTION_MODIFIERS for w in mods):
            out.append((m.start(1), m.end(1), phrase))
    return out


def find_initiatives(doc: Document, mentions: Mentions, label_spans: list[tuple[int, int]],
                     published: dt.date | None) -> list[Initiative]:
    """Every named initiative in a document with its mentions and facts."""
    text = doc.text
    found: dict[tuple[str, ...], Initiative] = {}
    order: list[tuple[str, ...]] = []
    events: list[tuple[int, int, tuple[str, ...], Sentence, bool]] = []
    labels = doc.in_sentences([a for a, _ in label_spans])
    for si, s in enumerate(doc.sentences):
        spans: list[tuple[int, int]] = []
        for a, b, surface, kind in _explicit(text, s, [label_spans[k] for k in labels.get(si, ())]):
            if any(not (b <= x or a >= y) for x, y in spans):
                continue
            spans.append((a, b))
            key = name_key(surface)
            if not key:
                continue
            ini = found.get(key)
            if ini is None:
                ini = found[key] = Initiative(_display(surface), key, kind=kind)
                order.append(key)
            _alias(ini, surface)
            events.append((a, b, key, s, True))
        for a, b, phrase in _descriptions(text, s):
            if any(not (b <= x or a >= y) for x, y in spans):
                continue
            key = name_key(phrase)
            target = next((k for k in found if set(key) <= set(k) or set(k) <= set(key)), None)
            if target is None:
                target = key
                found[key] = Initiative(_title(phrase), key)
                order.append(key)
            _alias(found[target], phrase)
            spans.append((a, b))
            events.append((a, b, target, s, True))
    if not found:
        return []
    # coreference: later mentions that name no initiative (only sentences with a kind word can
    # have one; lower() keeps offsets unless the text has characters like 'İ', and re's
    # IGNORECASE also takes a dotless 'ı' for 'i': the shortcut is off for such texts)
    low = text.lower()
    gate = len(low) == len(text) and "\u0131" not in text
    for s in doc.sentences:
        if gate and not any(low.find(w, s.start, s.end) >= 0 for w in COREF_KINDS):
            continue
        for m in COREF.finditer(text, s.start, s.end):
            if any(not (m.end() <= a or m.start() >= b) for a, b, *_ in events):
                continue
            target = _coref_target(m, found, order, events, m.start(), mentions)
            if target is not None:
                events.append((m.start(), m.end(), target, s, False))
    events.sort(key=lambda e: e[0])
    for a, b, key, s, explicit in events:
        found[key].mentions.append(Mention(a, b, text[a:b], key, s.id, explicit))
    _facts(doc, mentions, found, events, published)
    return [found[k] for k in order]


def _display(surface: str) -> str:
    words = surface.split()
    if words and words[-1] in TRAILING_HEADS and len(words) > 2:
        words = words[:-1]
    name = " ".join(words)
    return _title(name) if name.islower() else name


def _title(phrase: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in phrase.split())


def _alias(ini: Initiative, surface: str) -> None:
    if surface.lower() != ini.name.lower() and surface.lower() not in (a.lower() for a in ini.aliases):
        ini.aliases.append(surface)


def _coref_target(m: re.Match[str], found: dict[tuple[str, ...], Initiative], order: list[tuple[str, ...]],
                  events: list[tuple[int, int, tuple[str, ...], Sentence, bool]], at: int,
                  mentions: Mentions) -> tuple[str, ...] | None:
    kind = m.group("kind").lower()
    before = [e for e in events if e[0] < at]
    owner = m.group("owner")
    if owner:
        o = re.sub(r"(['\u2019]s?|-proposed|-backed|-led)$", "", owner).lower()
        country = lx.COUNTRIES.get(o)
        for key in order:
            p = found[key].proponent
            if p is not None and (p.value == country or (p.value or "").lower() == o):
                return key
        # the owner's initiative named earlier in the text, if any mention shares the sentence
        for e in reversed(before):
            sent = e[3].text.lower()
            if o in sent:
                return e[2]
        return order[0] if before else None
    if not before:
        return None
    if kind in ("program", "programme"):
        progs = [e for e in before if "program" in e[3].text.lower()[max(0, e[0] - e[3].start - 5):]]
        return (progs[-1] if progs else before[-1])[2]
    # 'the initiative': the article's first (main) initiative that the text calls an initiative
    for key in order:
        ini = found[key]
        called = "initiative" in ini.name.lower() or any("initiative" in a.lower() for a in ini.aliases)
        if ini.kind == "initiative" and called and any(e[2] == key for e in before):
            return key
    return None


def _facts(doc: Document, mentions: Mentions, found: dict[tuple[str, ...], Initiative],
           events: list[tuple[int, int, tuple[str, ...], Sentence, bool]], published: dt.date | None) -> None:
    text = doc.text
    by_sentence: dict[str, list[tuple[int, int, tuple[str, ...], Sentence, bool]]] = {}
    for e in events:
        by_sentence.setdefault(e[3].id, []).append(e)
    prev_key: tuple[str, ...] | None = None
    for s in doc.sentences:
        evs = by_sentence.get(s.id, [])
        toks = mentions.tokens.get(s.start) or tokenize(text, s.start, s.end)
        low = s.text.lower()
        # 'It also calls on ...' right after a sentence about one initiative
        if not evs and prev_key is not None and re.match(r"it\b", low):
            evs = [(s.start, s.start + 2, prev_key, s, False)]
        for n, (a, b, key, _, explicit) in enumerate(evs):
            ini = found[key]
            nxt = evs[n + 1][0] if n + 1 < len(evs) else None
            if ini.kind == "law":
                continue
            sp, verb_at = _proponent(text, toks, a, b, mentions, s)
            if sp is not None and sp.name and _better(sp, ini):
                ini.proponent = Fact(sp.name, s.id, sp.start, sp.end)
                ini.proponent_kind = sp.kind
                dates = find_dates(text, published, s.start, s.end)
                if dates and ini.announced is None:
                    near = min(dates, key=lambda d: abs(d.start - (verb_at if verb_at is not None else a)))
                    ini.announced = Fact(near, s.id, near.start, near.end)
            _provisions(text, s, a, b, ini, nxt)
        _relations(text, s, evs, found)
        if evs:
            prev_key = evs[-1][2]
        # 'The idea is to block ...; stop ...; and guard ...' lists the previous initiative's aims
        opener = next((o for o in PROVISION_OPENERS if low.startswith(o)), None) \
            if low.startswith(PROVISION_OPENERS) else None
        if opener and prev_key is not None and not evs:
            body = s.text[len(opener):].strip().rstrip(".")
            for item in _split_items(body):
                found[prev_key].provisions.append(Fact(item, s.id))


def _better(sp: Speaker, ini: Initiative) -> bool:
    """A named person beats a government or a country ('preferring a named person')."""
    if ini.proponent is None:
        return True
    rank = {"person": 3, "org": 2, "group": 2, "country": 1}
    return rank.get(sp.kind, 0) > rank.get(ini.proponent_kind or "", 0)


def _tok_index(toks: list[Token], offset: int) -> int:
    for i, t in enumerate(toks):
        if t.end > offset:
            return i
    return len(toks)


def _proponent(text: str, toks: list[Token], a: int, b: int, mentions: Mentions,
               s: Sentence) -> tuple[Speaker | None, int | None]:
    i, j = _tok_index(toks, a), _tok_index(toks, b)
    # passive: '<mention>, announced by foreign minister Wang Yi' / '- a phrase coined by the US state department'
    k = j
    while k < len(toks) and k < j + 6 and toks[k].low not in LAUNCH_VERBS:
        if toks[k].low in ("which", "who") or toks[k].quote >= 0:
            break
        k += 1
    if k < len(toks) - 1 and toks[k].low in LAUNCH_VERBS and toks[k + 1].low == "by":
        e = k + 2
        while e < len(toks) and (toks[e].is_word and (toks[e].is_cap or toks[e].low in lx.TITLE_WORDS
                                                        or toks[e].low in lx.ROLE_HEADS or toks[e].low in lx.ORG_HEADS
                                                        or toks[e].low in ("the", "a", "of", "its"))):
            e += 1
        sp = resolve_phrase(text, toks, k + 2, e, mentions, s)
        if sp is not None:
            return sp, toks[k].start
    # active: 'China outlined a new ... initiative', 'the Trump administration, which last month announced'
    v = i - 1
    while v >= 0 and i - v <= 12 and toks[v].low not in LAUNCH_VERBS and toks[v].text not in (";", ":") and \
            (toks[v].text != "," or (v > 0 and toks[v - 1].text in ("\"", "\u201d"))) and \
            (i - v <= 6 or toks[v].is_cap or not toks[v].is_word):
        v -= 1
    if v >= 0 and toks[v].low in LAUNCH_VERBS and toks[v].text != ",":
        sp = subject_before(text, toks, v, mentions, s)
        if sp is not None and sp.kind in ("person", "org", "country", "group"):
            return sp, toks[v].start
    # possessive or adjective: "the Trump administration's Clean Network", "the US' "Clean Network"",
    # 'the U.S. "Clean Network" program', 'China-proposed initiative'
    while i > 0 and toks[i - 1].text in ("\"", "\u201c", "\u2018", "'"):
        i -= 1
    if i > 0:
        prev = toks[i - 1]
        if prev.text.endswith(("'s", "\u2019s", "'", "\u2019")) or prev.low in lx.COUNTRIES:
            e = i
            st = i - 1
            while st > 0 and toks[st - 1].is_word and (toks[st - 1].is_cap or toks[st - 1].low in lx.ORG_HEADS):
                st -= 1
            if st > 0 and toks[st - 1].low == "the":
                st -= 1
            sp = resolve_phrase(text, toks, st, e, mentions, s)
            if sp is None and prev.low.rstrip("'\u2019").replace("'s", "") in lx.COUNTRIES:
                name = lx.COUNTRIES[prev.low.rstrip("'\u2019").replace("'s", "")]
                sp = Speaker(name, None, prev.start, prev.end, "country")
            if sp is not None and sp.kind in ("person", "org", "country", "group"):
                return sp, None
    owner = re.match(r"([A-Z][\w.]*)-(?:proposed|backed|led)\b", text[a:b])
    if owner and owner.group(1).lower() in lx.COUNTRIES:
        return Speaker(lx.COUNTRIES[owner.group(1).lower()], None, a, a + len(owner.group(1)), "country"), None
    return None, None


def _split_items(body: str) -> list[str]:
    """'block X; stop Y; keep Z; and guard W' -> four items."""
    parts = re.split(r";\s*(?:and\s+)?", body)
    if len(parts) == 1:
        parts = re.split(r",\s*(?:and\s+)?(?=[a-z]+\s)", body)
    return [p.strip() for p in parts if len(p.split()) >= 2]


def _provisions(text: str, s: Sentence, a: int, b: int, ini: Initiative, stop: int | None = None) -> None:
    after = text[b:stop if stop is not None else s.end]
    m = re.match(r"\W*(?:also\s+)?(?:calls|called)\s+(?:on|upon)\s+(.+?)\.?\s*$", after, re.S)
    if m:
        ini.provisions.append(Fact(m.group(1).strip(), s.id))
        return
    m = re.search(r"\b(?:aimed at|aims to|seeks to|sought to|meant to|designed to|would)\s+"
                  r"(.+?)(?:;|,\s+(?:which|while|but|as)\b|\.\s*$|$)", after)
    if m and len(m.group(1).split()) >= 3:
        item = m.group(1).strip().rstrip(".")
        if item not in (p.value for p in ini.provisions):
            ini.provisions.append(Fact(item, s.id))


def _relations(text: str, s: Sentence, evs: list[tuple[int, int, tuple[str, ...], Sentence, bool]],
               found: dict[tuple[str, ...], Initiative]) -> None:
    if len({e[2] for e in evs}) < 2:
        return
    for x in evs:
        for y in evs:
            if x[2] == y[2] or x[0] >= y[0]:
                continue
            between = text[x[1]:y[0]].lower()
            cue = next((c for c in RELATION_CUES if c in between), None)
            if cue and not any(r.value == ("responds_to", y[2]) for r in found[x[2]].relations):
                found[x[2]].relations.append(Fact(("responds_to", y[2]), s.id))


# One pattern per theme: any of its words at a word start.
THEME_PATTERNS: dict[str, re.Pattern[str]] = {
    t: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")") for t, words in THEMES.items()}


def themes_of(provision: str) -> list[str]:
    """Comparison themes a provision belongs to, by its words."""
    low = provision.lower()
    return [t for t, rx in THEME_PATTERNS.items() if rx.search(low)]

