"""One entry point that runs every extractor over a source and returns plain records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .dates import DateRef, find_dates
from .boilerplate import DATE_PREFIX, boilerplate_kind
from .importer import HEADLINE, detect_soft_wrap
from .mentions import find_mentions
from .model import Document, LineMap, Paragraph, Problem, Source
from .initiatives import Initiative, find_initiatives
from .quotemarks import find_quote_spans
from .quotes import Quote, extract_quotes
from .terms import find_terms
from .text import build_document, split_paragraphs


@dataclass(frozen=True)
class Extraction:
    """Everything the library found in one text."""

    path: str
    title: str
    published: dt.date | None
    document: Document
    quotes: tuple[Any, ...] = ()
    terms: tuple[Any, ...] = ()
    initiatives: tuple[Any, ...] = ()
    mentions: tuple[tuple[int, int, str, str], ...] = ()
    """(start, end, canonical name, kind) of each person, organisation and country mention."""
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    dates: tuple[tuple[str, DateRef], ...] = ()
    """(sentence id, date) of every resolvable date expression, in text order."""
    problems: tuple[Problem, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        names = {i.key: i.name for i in self.initiatives}
        return {
            "path": self.path,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "sentences": [{"id": s.id, "start": s.start, "end": s.end, "text": s.text}
                          for s in self.document.sentences],
            "quotes": [q.to_json() for q in self.quotes],
            "terms": [t.to_json() for t in self.terms],
            "initiatives": [i.to_json(names) for i in self.initiatives],
            "entities": {"people": list(self.people), "organizations": list(self.organizations),
                         "countries": list(self.countries)},
        }


def plain_document(text: str) -> tuple[Document, str | None, dt.date | None]:
    """Analyse scraped plain text: skip a storage date prefix, a headline and boilerplate.

    Returns the document (offsets into ``text`` unchanged), the headline if any, and the
    date of a ``date YYYY-MM-DD`` prefix if any.
    """
    base = 0
    prefix_date: dt.date | None = None
    m = DATE_PREFIX.match(text)
    if m:
        base = m.end()
        try:
            prefix_date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            prefix_date = None
    paras = split_paragraphs(text, soft_wrap=detect_soft_wrap(text), base=base)
    headline: str | None = None
    marked: list[Paragraph] = []
    for p in paras:
        ptext = text[p.start:p.end]
        skip = boilerplate_kind(ptext) is not None
        if p.index == 0 and len(paras) > 2 and p.kind == "paragraph" and HEADLINE.match(ptext) \
                and not ptext.rstrip().endswith(('"', "\u201d")):
            headline, skip = ptext, True
        marked.append(Paragraph(p.index, p.start, p.end, p.kind, skip))
    return build_document(text, marked), headline, prefix_date


def extract_document(path: str, title: str, published: dt.date | None,
                     doc: Document, lines: LineMap | None = None) -> Extraction:
    """Run every extractor over an analysed document."""
    mentions = find_mentions(doc)
    marks = find_quote_spans(doc.text, doc.paragraphs)
    quotes, notes = extract_quotes(doc, mentions, marks)
    lines = lines or LineMap(doc.text)
    problems = tuple(Problem(path, lines.line_of(n.offset), n.message, "info") for n in notes)
    terms = find_terms(doc)
    initiatives = find_initiatives(doc, mentions, [(q.start, q.end) for q in marks[0]], published)
    quotes = _about(quotes, initiatives, doc)
    return Extraction(path=path, title=title, published=published, document=doc, quotes=tuple(quotes),
                      terms=tuple(terms), initiatives=tuple(initiatives), mentions=tuple(sorted(set(mentions.spans))),
                      people=tuple(sorted(mentions.people)), organizations=tuple(sorted(mentions.organizations)),
                      countries=tuple(sorted(mentions.countries)), dates=_dates(doc, published),
                      problems=problems)


def _dates(doc: Document, published: dt.date | None) -> tuple[tuple[str, DateRef], ...]:
    """Dates found in one pass over the text, each with the sentence that holds it whole."""
    out = []
    for d in find_dates(doc.text, published):
        s = doc.sentence_at(d.start)
        if s is not None and s.start <= d.start and d.end <= s.end:
            out.append((s.id, d))
    return tuple(out)


def _about(quotes: list[Quote], initiatives: list[Initiative], doc: Document) -> list[Quote]:
    """Each quote's ``about``: the initiatives named in the quote or in its sentence."""
    by_sentence: dict[str, list[str]] = {}
    for ini in initiatives:
        for m in ini.mentions:
            names = by_sentence.setdefault(m.sentence, [])
            if ini.name not in names:
                names.append(ini.name)
    return [dataclasses.replace(q, about=tuple(by_sentence.get(q.sentence, ()))) for q in quotes]


def extract_source(source: Source) -> Extraction:
    """Extraction for a validated source file."""
    return extract_document(source.path, source.meta.title, source.meta.published, source.document,
                            source.lines)


def extract_plain(path: str, text: str, published: dt.date | None = None,
                  title: str | None = None) -> Extraction:
    """Extraction for a plain text (scraped article, benchmark record)."""
    doc, headline, prefix_date = plain_document(text)
    return extract_document(path, title or headline or path, published or prefix_date, doc)
