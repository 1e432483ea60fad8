"""Syndication and page boilerplate, recognised by general rules kept as data.

A line is boilerplate only when a rule matches the *whole* line: article sentences that
merely mention comments or sharing are never touched.
"""

from __future__ import annotations

import re

_NAME = r"[^\n]{1,80}?"

BOILERPLATE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        # 'from Business Insider https://ift.tt/3kd1DYT'
        ("feed footer", rf"from\s+{_NAME}\s+https?://\S+"),
        # 'Source: Reuters https://example.com/x' / 'via The Verge https://...'
        ("feed footer", rf"(?:source|via)\s*:?\s+{_NAME}\s+https?://\S+"),
        # 'This article originally appeared on Vox.' / 'This story was first published at X.'
        ("feed footer", rf"this\s+(?:article|story|post)\s+(?:was\s+)?(?:originally|first)\s+"
                        rf"(?:appeared|published|posted)\s+(?:on|in|at|by)\s+{_NAME}\.?"),
        # "Visit Business Insider's homepage for more stories."
        ("homepage link", rf"visit\s+{_NAME}['\u2019]s\s+homepage\s+for\s+more\s+(?:stories|news)\.?"),
        # 'No comments:' / '3 comments:' / 'Post a Comment' / 'Leave a reply'
        ("comment widget", r"(?:no|\d+)\s+comments?\s*:?"),
        ("comment widget", r"(?:post|add|leave|write)\s+a\s+(?:comment|reply)\s*:?"),
        # 'Newer Post Older Post Home' / 'Subscribe to: Post Comments (Atom)'
        ("comment widget", r"newer\s+post\s+older\s+post(?:\s+home)?"),
        ("comment widget", r"subscribe\s+to\s*:\s*post\s+comments(?:\s*\(atom\))?"),
        # 'Share this story with your network' / 'Share on Facebook' / 'Share this article'
        ("share line", r"share\s+(?:this\s+(?:story|article|post|page)|on\s+\w+)(?:\s+(?:with|on)\s+[\w ]{1,40})?[.!:]?"),
        # 'Share' / 'Tweet' / 'Email' / 'Print' alone, or a row of them
        ("share line", r"(?:(?:share|tweet|email|print|facebook|twitter|linkedin|whatsapp|reddit|copy link)[\s|,/·]*){1,8}"),
        # 'Subscribe to our newsletter' / 'Sign up for our daily briefing.'
        ("subscribe line", r"(?:subscribe|sign\s+up)(?:\s+(?:now|today|here))?(?:\s+(?:to|for)\s+"
                           r"(?:our|the|my|this|a|free)?\s*[\w' -]{0,40}?(?:newsletters?|briefings?|updates|"
                           r"alerts|podcast|channel|digest|emails?|edition))?[.!]?"),
        # 'Stay up to date on emerging tech'
        ("subscribe line", rf"stay\s+up\s+to\s+date\s+(?:on|with)\s+{_NAME}"),
        # 'Read more: ...' / 'Read more' / 'READ MORE' / 'Continue reading' / 'Related:'
        ("read-more line", rf"(?:read\s+more|continue\s+reading|related(?:\s+stories|\s+articles)?|"
                           rf"also\s+read|see\s+also)\s*(?:[:\u00bb\u203a>\u2026|-]+\s*{_NAME})?"),
        # 'Follow us on Twitter' / 'Click here to subscribe'
        ("subscribe line", rf"(?:follow\s+us\s+on|click\s+here\s+to)\s+{_NAME}"),
        # 'Advertisement'
        ("advertisement", r"advertisement|sponsored(?:\s+content)?"),
    )
)

# The storage prefix some scraped texts carry: ' date 2020-09-12 MOSCOW, Sept. 12 ...'
DATE_PREFIX: re.Pattern[str] = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")

# Lines longer than this are article text, whatever they look like.
MAX_BOILERPLATE_LEN = 160


def boilerplate_kind(line: str) -> str | None:
    """The rule a whole line matches ('feed footer', ...) or None for article text."""
    s = line.strip()
    if not s or len(s) > MAX_BOILERPLATE_LEN:
        return None
    for name, rx in BOILERPLATE_LINES:
        if rx.fullmatch(s):
            return name
    return None
