"""Entities across the whole site: speakers merged by canonical name, with their pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import lexicon as lx
from .quotes import Quote
from .sources import slugify

# Where each kind of entity gets its page.
SECTIONS = {"person": "people", "org": "organizations", "country": "countries"}
SECTION_TITLES = {"people": "People", "organizations": "Organisations", "countries": "Countries"}


# Canonical names in the gazetteer, by kind.
_COUNTRY_NAMES = frozenset(lx.COUNTRIES.values())
_ORG_NAMES = frozenset(lx.ORGANIZATIONS.values()) | frozenset(lx.OUTLETS.values())


def entity_kind(name: str, hint: str | None = None) -> str:
    """person, org or country for a canonical name ('China' -> country, 'TikTok' -> org)."""
    low = name.lower()
    if name in _COUNTRY_NAMES or low in lx.COUNTRIES:
        return "country"
    if name in _ORG_NAMES or low in lx.ORGANIZATIONS:
        return "org"
    if hint in ("org", "country", "person"):
        return hint
    if any(w.lower() in lx.ORG_HEADS for w in name.split()):
        return "org"
    return "person"


def members(q: Quote) -> list[tuple[str, str]]:
    """(name, kind) of each entity a quote's speaker names ('TikTok and ByteDance' -> two)."""
    if not q.speaker or q.speaker_kind in ("anonymous", "role", "document"):
        return []
    if q.speaker_kind == "group":
        return [(n, entity_kind(n)) for n in q.speaker.split(" and ")]
    return [(q.speaker, entity_kind(q.speaker, q.speaker_kind))]


@dataclass
class Entity:
    name: str
    kind: str
    slug: str
    roles: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    @property
    def src_uri(self) -> str:
        return f"{self.section}/{self.slug}.md"


def entity_slug(name: str) -> str:
    return slugify(name, max_len=80)


def entity_aliases(name: str, kind: str) -> list[str]:
    """Other names the gazetteer knows for an entity: 'Donald Trump' -> 'Trump', 'President Trump'."""
    table = {"person": lx.KNOWN_PEOPLE, "org": lx.ORGANIZATIONS, "country": lx.COUNTRIES}[kind]
    out = []
    for alias, canonical in table.items():
        if canonical == name and alias != name.lower():
            original = next((a for a in _originals(kind) if a.lower().replace("\u2019", "'") == alias), alias)
            out.append(original)
    return out


def _originals(kind: str) -> list[str]:
    section = {"person": "people", "org": "organizations", "country": "countries"}[kind]
    data = lx.load_data("gazetteer")[section]
    return [a for canonical, aliases in data.items() for a in [canonical, *(aliases or [])]]
