"""Keep generated HTML out of Python-Markdown: it is already final, and parsing it is most of
the cost of a build. Raw HTML blocks are swapped for placeholders before Markdown runs and
swapped back afterwards, byte for byte (Markdown passes raw HTML blocks through unchanged)."""

from __future__ import annotations

import re

# A placeholder left where an HTML block stood: '<div data-ex-block="3"></div>'
PLACEHOLDER: re.Pattern[str] = re.compile(r'<div data-ex-block="(\d+)"></div>')
# An id attribute's value: 'id="s-1f0c3a9e"' (an attribute when whitespace precedes it: not
# 'data-id="x"'). Checking that apart is four times faster than a leading '\s' in the pattern.
ID_ATTR: re.Pattern[str] = re.compile(r"""id=["']([^"']+)["']""")


def split_blocks(markdown: str) -> tuple[str, list[str]]:
    """Replace each raw HTML block (a run of lines starting with '<', up to a blank line)
    with a placeholder; return the new Markdown and the blocks in order."""
    out: list[str] = []
    blocks: list[str] = []
    cur: list[str] = []
    in_front = markdown.startswith("---\n")
    lines = markdown.split("\n")
    for n, line in enumerate(lines):
        if in_front:
            out.append(line)
            if n > 0 and line == "---":
                in_front = False
            continue
        if cur:
            if line.strip():
                cur.append(line)
                continue
            blocks.append("\n".join(cur))
            out.append(f'<div data-ex-block="{len(blocks) - 1}"></div>')
            cur = []
        if line.startswith("<") and not line.startswith("<!--"):
            cur = [line]
        else:
            out.append(line)
    if cur:
        blocks.append("\n".join(cur))
        out.append(f'<div data-ex-block="{len(blocks) - 1}"></div>')
    return "\n".join(out), blocks


def restore_blocks(html: str, blocks: list[str]) -> tuple[str, set[str]]:
    """Put the blocks back; return the HTML and the ids they carry (for anchor validation)."""
    ids: set[str] = set()

    def put(m: re.Match[str]) -> str:
        block = blocks[int(m.group(1))]
        ids.update(a.group(1) for a in ID_ATTR.finditer(block) if a.start() > 0 and block[a.start() - 1].isspace())
        return block

    return PLACEHOLDER.sub(put, html), ids
