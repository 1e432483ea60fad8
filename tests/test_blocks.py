"""Generated HTML blocks skip Markdown and come back byte for byte."""

from __future__ import annotations

import markdown
import pytest

from explainer.blocks import restore_blocks, split_blocks

PAGE = """---
title: T
---

# Heading

Some *Markdown* text with a [link](x.md).

<div class="a">
<p><span id="s-1">One &amp; two.</span> **not bold**</p>
</div>

## Next

<table data-ex="q">
<tr><td id="s-2">x</td></tr>
</table>
"""


def test_roundtrip_matches_markdown_output() -> None:
    body = PAGE.split("---\n", 2)[2]
    expected = markdown.markdown(body, extensions=["md_in_html"])
    md, blocks = split_blocks(PAGE)
    assert len(blocks) == 2 and "<span" not in md and md.startswith("---\ntitle: T\n---\n")
    html = markdown.markdown(md.split("---\n", 2)[2], extensions=["md_in_html"])
    restored, ids = restore_blocks(html, blocks)
    assert restored == expected
    assert ids == {"s-1", "s-2"}


def test_no_blocks() -> None:
    md, blocks = split_blocks("# Only\n\nText.\n")
    assert blocks == [] and md == "# Only\n\nText.\n"


@pytest.mark.parametrize("block, ids", [
    ('<span id="s-1">a</span>', {"s-1"}),
    ("<span\nid='s-2'>a</span>", {"s-2"}),
    ('<a data-id="x" href="#y">no id here</a>', set()),
    ('<p>grid="3" and paid="4"</p>', set()),  # text that ends in 'id=' is not an attribute
    ('<div\tid="a"><span class="x" id="b"></span></div>', {"a", "b"}),
])
def test_ids_of_restored_blocks(block: str, ids: set[str]) -> None:
    html, got = restore_blocks('<div data-ex-block="0"></div>', [block])
    assert html == block and got == ids
