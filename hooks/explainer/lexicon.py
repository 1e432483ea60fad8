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
