"""A small allow-list HTML sanitizer for contributor Markdown rendered to HTML."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset("p em strong b i code a ul ol li br blockquote sup sub abbr h3 h4 table thead tbody "
                         "tr th td hr".split())
VOID = frozenset({"br", "hr"})
# Links may go to web pages, site pages and anchors; never javascript: or data:.
SAFE_HREF = re.compile(r"^(?:https?://|/|\.{0,2}/|#|[\w][\w./-]*(?:#[\w-]*)?$)", re.IGNORECASE)


def tooltip_attr(text: str) -> str:
    """A ``title`` attribute's value showing ``text``. Material's tooltips insert the value as
    HTML, so the text is escaped for HTML inside the attribute's own escaping ('<b>' arrives as
    text, never as a tag); quotes need only the attribute's escaping, so a browser without
    script shows "China's" too, not "China&#x27;s"."""
    return html.escape(html.escape(text, quote=False), quote=True)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "iframe", "object", "embed", "template"):
            self.skip += 1
            return
        if tag not in ALLOWED_TAGS or self.skip:
            return
        kept = ""
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href and SAFE_HREF.match(href.strip()) and ":" not in href.split("/")[0].replace("https:", "").replace("http:", ""):
                kept = f' href="{html.escape(href.strip(), quote=True)}"'
                if href.startswith(("http://", "https://")):
                    kept += ' rel="noopener nofollow"'
        elif tag == "abbr":
            title = dict(attrs).get("title")
            if title:
                kept = f' title="{tooltip_attr(title)}"'
        self.out.append(f"<{tag}{kept}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "iframe", "object", "embed", "template"):
            self.skip = max(self.skip - 1, 0)
            return
        if tag in self.open and not self.skip:
            while self.open:
                t = self.open.pop()
                self.out.append(f"</{t}>")
                if t == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(html.escape(data, quote=False))


def sanitize(fragment: str) -> str:
    """Keep only simple text markup and safe links; everything else becomes text or goes."""
    p = _Sanitizer()
    p.feed(fragment)
    p.close()
    while p.open:
        p.out.append(f"</{p.open.pop()}>")
    return "".join(p.out)


_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """Sanitized HTML to one line of plain text (for tooltips and snippets)."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())
