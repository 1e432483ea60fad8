"""Curated initiative pages written by contributors: ``docs/initiatives/<slug>.md``.

Front matter: ``name`` (required), ``aliases``, ``proponent``, ``announced`` (YYYY-MM-DD,
YYYY-MM or YYYY), ``responds_to`` (a name or alias), ``official_url``, ``provisions`` (list)
and ``sources`` (list of URLs); the body is a background summary in Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateRef
from .frontmatter import read_front_matter, str_list
from .model import Problem
from .sources import WEB_URL, slugify

INITIATIVES_DIR = "initiatives"
KNOWN_KEYS = ("name", "aliases", "proponent", "announced", "responds_to", "official_url", "provisions",
              "sources", "slug")
# '2020-09-08', '2020-08', '2020'
PARTIAL_DATE: re.Pattern[str] = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class CuratedInitiative:
    path: str
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    proponent: str | None = None
    announced: DateRef | None = None
    responds_to: str | None = None
    official_url: str | None = None
    provisions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    body: str = ""
    lines: tuple[tuple[str, int], ...] = ()

    def line(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


def parse_date(value: object) -> DateRef | None:
    if isinstance(value, dt.date):
        return DateRef(0, 0, value.isoformat(), value, "day")
    m = PARTIAL_DATE.match(str(value).strip())
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            return DateRef(0, 0, str(value), dt.date(int(y), int(mo), int(d)), "day")
        if mo:
            return DateRef(0, 0, str(value), dt.date(int(y), int(mo), 1), "month")
        return DateRef(0, 0, str(value), dt.date(int(y), 1, 1), "year")
    except ValueError:
        return None


def parse_curated(path: str, data: bytes) -> tuple[CuratedInitiative | None, list[Problem]]:
    got, out = read_front_matter(path, data, "an initiative page", "name", KNOWN_KEYS, "the initiative's name")
    if got is None:
        return None, out
    fm, lines = got.data, got.lines
    name = str(fm["name"])
    lists = {}
    for key in ("aliases", "provisions", "sources"):
        items = str_list(fm.get(key))
        if items is None:
            out.append(Problem(path, lines.get(key, 1), f"{key}: must be a list"))
            items = []
        lists[key] = items
    for url in lists["sources"]:
        if not WEB_URL.match(url):
            out.append(Problem(path, lines.get("sources", 1), f"sources: '{url[:60]}' is not a web address"))
    official = fm.get("official_url")
    if official is not None and (not isinstance(official, str) or not WEB_URL.match(official)):
        out.append(Problem(path, lines.get("official_url", 1), f"official_url: '{str(official)[:60]}' is not a web address"))
        official = None
    announced = None
    if fm.get("announced") is not None:
        announced = parse_date(fm["announced"])
        if announced is None:
            out.append(Problem(path, lines.get("announced", 1),
                               f"announced: '{fm['announced']}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
    for key in ("proponent", "responds_to"):
        if fm.get(key) is not None and not isinstance(fm.get(key), str):
            out.append(Problem(path, lines.get(key, 1), f"{key}: must be a name"))
    if any(p.level == "error" for p in out):
        return None, out
    slug = str(fm.get("slug") or re.sub(r"\.md$", "", path.replace("\\", "/").rsplit("/", 1)[-1]) or slugify(name))
    return CuratedInitiative(
        path, slug, " ".join(name.split()), tuple(lists["aliases"]),
        fm.get("proponent") if isinstance(fm.get("proponent"), str) else None, announced,
        fm.get("responds_to") if isinstance(fm.get("responds_to"), str) else None,
        official if isinstance(official, str) else None, tuple(lists["provisions"]), tuple(lists["sources"]),
        got.body, tuple(lines.items())), out


def body_html(c: CuratedInitiative) -> str:
    """The background summary rendered from Markdown, sanitised."""
    import markdown

    from .glossary import _CODE_OR_LT
    from .sanitize import sanitize

    md = _CODE_OR_LT.sub(lambda m: m.group(0) if m.group(1) else "&lt;", c.body)
    return sanitize(markdown.markdown(md, extensions=["tables"], output_format="html"))
