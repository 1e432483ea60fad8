"""Front matter of contributor files (glossary entries, initiative pages): read, with every
problem named by file and line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .model import Problem
from .sources import FENCE, decode, load_yaml


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    lines: dict[str, int]
    """1-based file line of each top-level key."""
    body: str
    body_line: int


def read_front_matter(path: str, raw: bytes, what: str, first_key: str,
                      known: tuple[str, ...], required: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Decode and parse ``---`` front matter; unknown keys are warnings.

    Arguments:
        what: 'a glossary entry', for messages.
        first_key: the required key; its value must be non-empty text.
        known: the keys the file may use.
        required: what to say when ``first_key`` is missing ('the word or phrase defined').
    """
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    m = FENCE.search(text, 4) if text.startswith("---\n") else None
    if m is None:
        if text.startswith("---\n"):
            return None, [Problem(path, 1, "front matter is not closed: add a '---' line after it")]
        return None, [Problem(path, 1, f"{what} starts with front matter: '---', '{first_key}: ...', '---'")]
    fm_text = text[4:m.start()]
    try:
        data, node = load_yaml(fm_text)
        data = data or {}
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return None, [Problem(path, 2 + (mark.line if mark else 0),
                              f"front matter is not valid YAML: {(e.problem or 'invalid YAML').strip()}")]
    if not isinstance(data, dict):
        return None, [Problem(path, 2, "front matter must be 'key: value' lines")]
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        lines = {str(k.value): 2 + k.start_mark.line for k, _ in node.value}
    out = [Problem(path, lines.get(str(k), 1), f"unknown key '{k}' (known: {', '.join(known)})", "warning")
           for k in data if k not in known]
    value = data.get(first_key)
    if not isinstance(value, str) or not value.strip():
        return None, out + [Problem(path, lines.get(first_key, 1), f"{first_key}: is required ({required})")]
    body_line = text.count("\n", 0, m.end()) + 2
    return FrontMatter(data, lines, text[m.end():].strip(), body_line), out


def str_list(v: Any) -> list[str] | None:
    """A YAML list (or comma-separated text) of words; None when it is something else."""
    if v is None:
        return []
    if isinstance(v, str):
        return [" ".join(x.split()) for x in v.split(",") if x.strip()]
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return [" ".join(str(x).split()) for x in v if str(x).strip()]
    return None
