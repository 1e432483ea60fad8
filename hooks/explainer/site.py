"""The site model: every source, its extraction, and the pages built from them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .extract import Extraction, extract_source
from .model import Problem, Source
from .sources import parse_source
from .urls import page_url

SOURCES_DIR = "sources"


@dataclass(frozen=True)
class SourceInput:
    """A source file as the build found it."""

    path: str
    """For messages: 'docs/sources/x.md'."""
    src_uri: str
    """In the docs folder: 'sources/x.md'."""
    data: bytes


@dataclass(frozen=True)
class SiteSource:
    source: Source
    extraction: Extraction
    src_uri: str
    url: str

    @property
    def slug(self) -> str:
        return self.source.meta.slug


@dataclass(frozen=True)
class SiteModel:
    sources: tuple[SiteSource, ...]
    use_directory_urls: bool = True

    def by_date(self) -> list[SiteSource]:
        """Newest first; undated last, then by title."""
        return sorted(self.sources, key=lambda s: (s.source.meta.published is None,
                                                   -(s.source.meta.published.toordinal()
                                                     if s.source.meta.published else 0),
                                                   s.source.meta.title.lower()))


@lru_cache(maxsize=2048)
def _analyse(path: str, data: bytes) -> tuple[Source | None, Extraction | None, tuple[Problem, ...]]:
    """Parse and extract one file. Cached by content: results are immutable."""
    src, problems = parse_source(path, data)
    if src is None:
        return None, None, tuple(problems)
    ex = extract_source(src)
    return src, ex, tuple(problems) + ex.problems


def build_site_model(inputs: list[SourceInput], *,
                     use_directory_urls: bool = True) -> tuple[SiteModel, list[Problem]]:
    """Analyse every source; errors (bad files, duplicate slugs) come back as problems."""
    problems: list[Problem] = []
    out: list[SiteSource] = []
    seen: dict[str, str] = {}
    for inp in sorted(inputs, key=lambda i: i.src_uri):
        src, ex, probs = _analyse(inp.path, inp.data)
        problems.extend(probs)
        if src is None or ex is None:
            continue
        slug = src.meta.slug
        if slug in seen:
            problems.append(Problem(inp.path, None, f"duplicate slug '{slug}': {seen[slug]} has it too "
                                                    "(rename one of the files)"))
            continue
        seen[slug] = inp.path
        uri = f"{SOURCES_DIR}/{slug}.md"
        out.append(SiteSource(src, ex, uri, page_url(uri, use_directory_urls)))
    return SiteModel(tuple(out), use_directory_urls), problems
