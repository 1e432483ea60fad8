"""Source files: front matter validation and the analysed text.

A source is ``docs/sources/<slug>.md``: YAML front matter between ``---`` lines, then the
article as paragraphs separated by blank lines. The body is shown as text, never as HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from typing import Any

import yaml

from .model import LineMap, Problem, Source, SourceMeta
from .text import build_document, split_paragraphs

# Files larger than this are refused: a news article is far smaller, and the build must
# stay fast. e.g. a 5 MB paste of a whole archive.
MAX_SOURCE_BYTES = 2 * 1024 * 1024

# 'china-data-initiative', '2020-09-08-wang-yi'
SLUG: re.Pattern[str] = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
# '2020-09-08'
ISO_DATE: re.Pattern[str] = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# 'https://ift.tt/3kd1DYT' (only web links may leave the site)
WEB_URL: re.Pattern[str] = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
# The front matter fence: a line of exactly three dashes.
FENCE: re.Pattern[str] = re.compile(r"^---[ \t]*$", re.MULTILINE)

KNOWN_KEYS = ("title", "publisher", "url", "published", "authors", "key_points", "slug")


def decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (a BOM is dropped), CRLF and CR to LF."""
    if len(data) > MAX_SOURCE_BYTES:
        mb = len(data) / 1024 / 1024
        return None, [Problem(path, None, f"file is {mb:.1f} MB; sources are limited to "
                                          f"{MAX_SOURCE_BYTES // 1024 // 1024} MB (split the article)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, [Problem(path, line, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset "
                                          f"{e.start}); save the file as UTF-8")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, line, "contains a NUL byte; is this a binary file?")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def slugify(title: str, max_len: int = 60) -> str:
    """'China's "naked bullying" (2020)' -> 'chinas-naked-bullying-2020'."""
    s = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['\u2019]", "", s)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rsplit("-", 1)[0]
    return s or "source"


# libyaml's loader when PyYAML was built with it (the PyPI wheels are): parsing front matter in
# pure Python was a fifth of the extraction time.
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The data in a YAML document and its node tree (for line numbers), parsed once.
    Raises yaml.YAMLError like yaml.safe_load."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _key_lines(node: yaml.Node | None, first_line: int) -> dict[str, int]:
    """Line of each top-level key in the front matter (file lines)."""
    out: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if isinstance(k, yaml.ScalarNode):
                out[str(k.value)] = first_line + k.start_mark.line
    return out


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _validate(path: str, slug: str, fm: dict[str, Any], lines: dict[str, int],
              fence_line: int) -> tuple[SourceMeta | None, list[Problem]]:
    problems: list[Problem] = []

    def err(key: str, msg: str) -> None:
        problems.append(Problem(path, lines.get(key, fence_line), f"{key}: {msg}"))

    for key in fm:
        if key not in KNOWN_KEYS:
            problems.append(Problem(path, lines.get(str(key), fence_line),
                                    f"unknown front matter key '{key}' (known: {', '.join(KNOWN_KEYS)})",
                                    "warning"))

    def text_field(key: str, required: bool = False) -> str | None:
        v = fm.get(key)
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                err(key, "is required" if v is None else "is empty")
            return None
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            err(key, f"must be text, not {type(v).__name__}")
            return None
        return _one_line(str(v))

    title = text_field("title", required=True)
    if "title" not in fm:
        problems[-1:] = [Problem(path, fence_line, "title: is required (add 'title: ...' to the front matter)")]
    publisher = text_field("publisher")
    url = text_field("url")
    if url is not None and not WEB_URL.match(url):
        err("url", f"'{url[:80]}' is not a web address (http:// or https://)")
        url = None
    published: dt.date | None = None
    raw = fm.get("published")
    if isinstance(raw, dt.datetime):
        published = raw.date()
    elif isinstance(raw, dt.date):
        published = raw
    elif raw is not None:
        sval = str(raw).strip()
        if ISO_DATE.match(sval):
            try:
                published = dt.date.fromisoformat(sval)
            except ValueError:
                err("published", f"'{sval}' is not a real date")
        else:
            err("published", f"'{sval[:40]}' is not a date (YYYY-MM-DD)")
    authors: tuple[str, ...] = ()
    ra = fm.get("authors")
    if isinstance(ra, str):
        authors = (_one_line(ra),) if ra.strip() else ()
    elif isinstance(ra, list) and all(isinstance(a, str) for a in ra):
        authors = tuple(_one_line(a) for a in ra if a.strip())
    elif ra is not None:
        err("authors", "must be a name or a list of names")
    kps: tuple[str, ...] = ()
    rk = fm.get("key_points")
    if isinstance(rk, list) and all(isinstance(k, (str, int, float)) and not isinstance(k, bool) for k in rk):
        kps = tuple(_one_line(str(k)) for k in rk if str(k).strip())
    elif rk is not None:
        err("key_points", "must be a list of sentences ('- ...' lines)")
    fslug = fm.get("slug")
    if fslug is not None and fslug != slug:
        err("slug", f"'{fslug}' differs from the file name '{slug}'; rename the file instead")
    if not SLUG.match(slug):
        problems.append(Problem(path, None, f"file name '{slug}' is not a valid slug "
                                            "(lower-case letters, digits and dashes)"))
    if any(p.level == "error" for p in problems) or title is None:
        return None, problems
    return SourceMeta(slug, title, publisher, url, published, authors, kps), problems


def compose_text(meta: SourceMeta, body: str, body_line: int,
                 kp_lines: list[int]) -> tuple[str, LineMap, int]:
    """The analysed text: key points as '- ' lines, a blank line, then the body."""
    parts: list[str] = []
    points: list[tuple[int, int]] = []
    off = 0
    for kp, line in zip(meta.key_points, kp_lines):
        points.append((off, line))
        item = f"- {kp}\n"
        parts.append(item)
        off += len(item)
    if parts:
        parts.append("\n")
        off += 1
    body_start = off
    points.append((body_start, body_line))
    text = "".join(parts) + body
    return text, LineMap(text, tuple(points)), body_start


def _kp_lines(node: yaml.Node | None, first_line: int, count: int, fallback: int) -> list[int]:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == "key_points" and isinstance(v, yaml.SequenceNode):
                got = [first_line + item.start_mark.line for item in v.value]
                return (got + [fallback] * count)[:count]
    return [fallback] * count


def parse_source(path: str, data: bytes, slug: str | None = None) -> tuple[Source | None, list[Problem]]:
    """Validate one source file and build its analysed text.

    Arguments:
        path: the file as the user would name it, for messages.
        data: the file's bytes.
        slug: defaults to the file name without ``.md``.

    Returns:
        The source (None when it has errors) and every problem found.
    """
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    slug = slug or re.sub(r"\.md$", "", path.replace("\\", "/").rsplit("/", 1)[-1])
    if not text.strip():
        return None, [Problem(path, 1, "the file is empty (expected front matter and the article text)")]
    if not text.startswith("---\n") and not re.match(r"---[ \t]*\n", text):
        return None, [Problem(path, 1, "no front matter: the file must start with a '---' line, "
                                       "then 'title: ...', then '---'")]
    first_nl = text.index("\n")
    m = FENCE.search(text, first_nl + 1)
    if m is None:
        return None, [Problem(path, 1, "front matter is not closed: add a '---' line after it")]
    fm_text = text[first_nl + 1 : m.start()]
    fence_line = 1
    fm_first_line = 2
    try:
        fm, node = load_yaml(fm_text) if fm_text.strip() else ({}, None)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = fm_first_line + mark.line if mark else fence_line
        what = (e.problem or "invalid YAML").strip()
        return None, [Problem(path, line, f"front matter is not valid YAML: {what}")]
    except yaml.YAMLError as e:
        return None, [Problem(path, fence_line, f"front matter is not valid YAML: {e}")]
    if not isinstance(fm, dict):
        return None, [Problem(path, fm_first_line, "front matter must be 'key: value' lines")]
    lines = _key_lines(node, fm_first_line)
    meta, problems = _validate(path, slug, fm, lines, fence_line)
    body_at = m.end() + 1 if m.end() < len(text) else m.end()
    body = text[body_at:]
    body_line = text.count("\n", 0, body_at) + 1
    if not body.strip():
        problems.append(Problem(path, body_line, "the article body is empty (add the article's text "
                                                 "below the front matter)"))
    if meta is None or any(p.level == "error" for p in problems):
        return None, problems
    kp_lines = _kp_lines(node, fm_first_line, len(meta.key_points), lines.get("key_points", 1))
    full, line_map, body_start = compose_text(meta, body, body_line, kp_lines)
    paras = [dataclasses.replace(p, kind="key_point")
             for p in split_paragraphs(full, soft_wrap=False, end=body_start)]
    paras += split_paragraphs(full, soft_wrap=True, start_index=len(paras), base=body_start)
    doc = build_document(full, paras)
    return Source(path, meta, full, doc, line_map, body_start), problems
