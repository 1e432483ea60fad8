"""Word lists and patterns the rules use, kept apart from the rules.

Every regex is an UPPER_CASE compiled constant with an example of what it matches.
Lists that contributors may want to extend are plain frozensets of lower-case words.
"""

from __future__ import annotations

import re

# --- Sentence splitting -----------------------------------------------------------------

# Words that end in a period without ending a sentence ("Mr. Wang", "Sept. 8", "No. 5").
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms mx dr prof rev hon sen rep reps gov gen lt col capt cmdr sgt maj adm
    pres supt insp det atty amb jr sr st mt ft inc corp co ltd llc plc bros dept univ assn
    est approx vs v no nos vol fig pp ed eds gov't
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e cf al
    """.split()
)

# Abbreviations that only stay inside the sentence before a number ("No. 5", "Sept. 8").
ABBREVIATIONS_BEFORE_NUMBER: frozenset[str] = frozenset(
    "no nos vol fig pp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

# Words that very often open a sentence: after an initialism such as "U.S." a following
# "The" means a new sentence ("... against the U.S. The move ..."), "Government" does not.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    a an the he she it they we i you this that these those there here his her its their our
    my your in on at as if when while but and so yet or after before since although though
    because meanwhile however still also then now some many most several both all each
    no not none one two three last next earlier later according asked
    """.split()
)

# Sentence-final punctuation with any closing quotes or brackets after it.
# e.g. '.' in 'rejected."' (group 1 = '.', group 2 = '"')
SENTENCE_END: re.Pattern[str] = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019)\]]*)")

# The word just before a period, possibly dotted: 'U.S' in 'the U.S.', 'Mr' in 'Mr.'
WORD_BEFORE_PERIOD: re.Pattern[str] = re.compile(r"([A-Za-z][A-Za-z.'\u2019-]*)$")

# A dotted initialism: 'U.S', 'U.K', 'a.m', 'D.C'
DOTTED_INITIALISM: re.Pattern[str] = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")

# --- Paragraphs --------------------------------------------------------------------------

# A bullet or numbered item at the start of a line: '- ', '* ', '• ', '1. ', '2) '
BULLET: re.Pattern[str] = re.compile(r"^[ \t]{0,8}(?:[-*+\u2022\u2023\u25e6\u00b7]|\d{1,3}[.)])[ \t]+")

# Opening and closing double quotation marks, straight and curly.
DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
OPENING_DOUBLE = "\u201c\u201e\u00ab"
CLOSING_DOUBLE = "\u201d\u00bb"

# --- Data files (hooks/explainer/data/*.yml), loaded once into frozen constants ----------

from functools import lru_cache as _lru_cache  # noqa: E402
from importlib import resources as _resources  # noqa: E402
from types import MappingProxyType as _Frozen  # noqa: E402
from typing import Any as _Any  # noqa: E402

import yaml as _yaml  # noqa: E402


@_lru_cache(maxsize=None)
def load_data(name: str) -> _Any:
    """Parse ``data/<name>.yml`` shipped with the package."""
    text = _resources.files(__package__).joinpath("data", f"{name}.yml").read_text(encoding="utf-8")
    return _yaml.safe_load(text)


def _verb_table() -> dict[str, tuple[str, str]]:
    """surface form ('called on') -> (class, lemma): 'said' -> ('say', 'say')."""
    table: dict[str, tuple[str, str]] = {}
    data = load_data("reporting_verbs")
    for cls, lemmas in data.items():
        if cls == "base_forms":
            continue
        for lemma, forms in lemmas.items():
            for form in forms:
                table.setdefault(form.lower(), (cls, lemma))
    for lemma in data.get("base_forms", []):
        for cls, lemmas in data.items():
            if isinstance(lemmas, dict) and lemma in lemmas:
                table.setdefault(lemma, (cls, lemma))
                break
    return table


# 'said' -> ('say', 'say'); 'called on' -> ('call', 'call on'); 'describing' -> ('label', 'describe')
REPORTING_VERBS: _Frozen[str, tuple[str, str]] = _Frozen(_verb_table())
# Lemmas of the "say" class that take a clause without "that" ("Wang said the US had no right").
CLAUSE_WITHOUT_THAT: frozenset[str] = frozenset(
    "say tell add warn argue insist claim allege believe contend write tweet testify predict estimate "
    "concede acknowledge admit maintain complain suggest explain assert stress declare reiterate "
    "state continue agree deny".split())
_roles = load_data("roles")
ROLE_HEADS: frozenset[str] = frozenset(_roles["role_heads"])
TITLE_WORDS: frozenset[str] = frozenset(_roles["titles"])
ORG_HEADS: frozenset[str] = frozenset(_roles["org_heads"])
DOCUMENT_NOUNS: frozenset[str] = frozenset(_roles["document_nouns"])
_gaz = load_data("gazetteer")


def _alias_map(section: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in _gaz[section].items():
        for alias in [canonical, *(aliases or [])]:
            out.setdefault(alias.lower().replace("\u2019", "'"), canonical)
    return out


# 'trump' -> 'Donald Trump'; 'u.s.' -> 'United States'; 'wsj' -> 'The Wall Street Journal'
KNOWN_PEOPLE: _Frozen[str, str] = _Frozen(_alias_map("people"))
COUNTRIES: _Frozen[str, str] = _Frozen(_alias_map("countries"))
ORGANIZATIONS: _Frozen[str, str] = _Frozen(_alias_map("organizations"))
OUTLETS: _Frozen[str, str] = _Frozen(_alias_map("outlets"))
PLATFORMS: _Frozen[str, str] = _Frozen(_alias_map("platforms"))

# Words that are capitalised at the start of a sentence without being names.
NOT_NAMES: frozenset[str] = frozenset(
    """
    the a an this that these those it its he she they we i you his her their our my your there
    here in on at as if when while but and so yet or after before since although though because
    meanwhile however still also then now some many most several both all each no not one two
    according asked speaking noting adding yesterday today monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december sept jan feb aug oct nov dec mr mrs ms dr per facts other another every
    such what who why how where which whose among under over with without from by for of to
    """.split()
)

# Words between a reporting verb's subject and the verb ("Wang also said", "Huawei has repeatedly said").
AUX_ADVERBS: frozenset[str] = frozenset(
    """
    also later then previously repeatedly again further separately publicly recently once has have
    had would will did does do reportedly initially earlier subsequently himself herself itself
    themselves privately openly bluntly flatly quickly immediately swiftly firmly strongly clearly
    simply just only even already still has since had first last finally ultimately had often
    frequently routinely personally separately jointly subsequently previously explicitly
    """.split()
)

# Time words that may follow or precede a cue ("said on Monday", "said here Friday").
TIME_WORDS: frozenset[str] = frozenset(
    """
    on monday tuesday wednesday thursday friday saturday sunday today yesterday tonight here there
    last this next week month year weekend morning afternoon evening night earlier later recently
    previously in at during after before two three days ago late early
    """.split()
)
