"""Command line: ``explainer extract`` and ``explainer import``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from .extract import Extraction, extract_plain, extract_source
from .importer import import_text
from .model import Problem
from .sources import decode, parse_source


class _Fail(Exception):
    pass


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _report(problems: list[Problem] | tuple[Problem, ...], *, quiet_info: bool = False) -> None:
    for p in problems:
        if quiet_info and p.level == "info":
            continue
        print(f"{p.level}: {p}", file=sys.stderr)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise _Fail(f"{path}: cannot read: {e.strerror or e}") from None


def extract_path(path: str, published: dt.date | None) -> tuple[Extraction | None, list[Problem]]:
    """Extract from one ``.md`` source or plain text file."""
    data = _read(path)
    if path.endswith(".md"):
        src, problems = parse_source(path, data)
        if src is None:
            return None, problems
        return extract_source(src), problems
    text, problems = decode(path, data)
    if text is None:
        return None, problems
    ex = extract_plain(path, text, published)
    return ex, problems + list(ex.problems)


def _cmd_extract(a: argparse.Namespace) -> int:
    if a.jsonl:
        return _extract_jsonl(a.jsonl, a.published)
    if not a.paths:
        raise _Fail("extract: give source files (.md or .txt), or --jsonl FILE")
    out: list[dict[str, Any]] = []
    failed = False
    forms: set[str] = set()
    if a.glossary:
        from .glossary import build_glossary
        g, gprobs = build_glossary([(str(p), p.read_bytes()) for p in sorted(Path(a.glossary).glob("*.md"))])
        _report(gprobs, quiet_info=True)
        forms = {f.lower() for d in g.definitions for f in d.forms}
        forms |= {f.rstrip("s") for f in forms}
    for path in a.paths:
        ex, problems = extract_path(path, a.published)
        _report(problems)
        if ex is None:
            failed = True
            continue
        _report(ex.problems)
        obj = ex.to_json()
        if forms:
            for t in obj["terms"]:
                t["defined"] = t["term"].lower() in forms or t["term"].lower().rstrip("s") in forms
        out.append(obj)
    json.dump({"sources": out}, sys.stdout, ensure_ascii=False, indent=1 if a.pretty else None)
    sys.stdout.write("\n")
    return 1 if failed else 0


def _extract_jsonl(path: str, default_published: dt.date | None) -> int:
    data = _read(path)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise _Fail(f"{path}: not valid UTF-8 at byte {e.start}") from None
    failed = False
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rid, text = rec["id"], rec["text"]
            if not isinstance(text, str):
                raise TypeError("text must be a string")
            pub = rec.get("published")
            published = dt.date.fromisoformat(pub) if pub else default_published
        except (ValueError, KeyError, TypeError) as e:
            print(f"error: {path}:{n}: not a record {{id, text, published?}}: {e}", file=sys.stderr)
            failed = True
            continue
        ex = extract_plain(str(rid), text, published)
        _report(ex.problems)
        obj = ex.to_json()
        obj["id"] = rid
        for q in obj["quotes"]:
            q["content_start"], q["content_end"] = q["start"], q["end"]
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _cmd_import(a: argparse.Namespace) -> int:
    data = sys.stdin.buffer.read() if a.file == "-" else _read(a.file)
    imp, problems = import_text(data, path=a.file, slug=a.slug, title=a.title, publisher=a.publisher,
                                url=a.url, published=a.published)
    _report(problems)
    if imp is None:
        return 1
    # Check the result the way the build will, so an import never writes a broken source.
    src, check = parse_source(f"{imp.slug}.md", imp.markdown.encode("utf-8"), imp.slug)
    if src is None:
        _report(check)
        return 1
    if a.output == "-":
        sys.stdout.write(imp.markdown)
        return 0
    out_dir = Path(a.output)
    target = out_dir / f"{imp.slug}.md"
    if target.exists() and not a.force:
        raise _Fail(f"{target}: exists already (use --force to replace it, or --slug)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(imp.markdown, encoding="utf-8")
    print(f"wrote {target} ({len(src.document.sentences)} sentences, "
          f"{len(imp.key_points)} key points, {len(imp.removed)} boilerplate lines removed)", file=sys.stderr)
    return 0


def _cmd_glossary(a: argparse.Namespace) -> int:
    from .site import SourceInput, build_site_model

    docs = Path(a.docs)
    if not docs.is_dir():
        raise _Fail(f"{docs}: no such folder (pass --docs DOCS_DIR)")
    sources = [SourceInput(str(p), f"sources/{p.name}", p.read_bytes())
               for p in sorted((docs / "sources").glob("*.md")) if p.name != "index.md"]
    defs = [(str(p), p.read_bytes()) for p in sorted((docs / "glossary").glob("*.md")) if p.name != "index.md"]
    site, problems = build_site_model(sources, glossary_files=defs)
    _report(problems, quiet_info=True)
    if any(p.level == "error" for p in problems):
        return 1
    if a.missing:
        missing = site.missing_terms()
        for term, n, places in missing:
            where = ", ".join(f"{src.source.path}:{src.source.lines.line_of(_start(src, sid))}"
                              for src, sid in places[:5])
            more = f" (+{len(places) - 5} more)" if len(places) > 5 else ""
            print(f"{term}\t{n}\t{where}{more}")
        print(f"{len(missing)} terms without a glossary entry", file=sys.stderr)
    else:
        for d in sorted(site.glossary.definitions, key=lambda d: d.term.lower()):
            print(f"{d.term}\t{len(site.appearances[d.slug])}\t{d.path}")
    return 0


def _start(src: Any, sid: str) -> int:
    return next((s.start for s in src.extraction.document.sentences if s.id == sid), 0)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="explainer", description=__doc__)
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract sentences, quotes, terms and initiatives as JSON")
    ex.add_argument("paths", nargs="*", help=".md sources or plain .txt files")
    ex.add_argument("--json", action="store_true", help="print one JSON document (the default)")
    ex.add_argument("--jsonl", metavar="IN.jsonl", help="read {id, text, published?} lines; write one line each")
    ex.add_argument("--published", type=_date, help="publication date for plain text (YYYY-MM-DD)")
    ex.add_argument("--pretty", action="store_true", help="indent the JSON")
    ex.add_argument("--glossary", metavar="DIR", help="glossary folder: marks terms that have an entry as defined")
    ex.set_defaults(func=_cmd_extract)
    im = sub.add_parser("import", help="write a source file from raw article text")
    im.add_argument("file", help="the raw text file, or - for standard input")
    im.add_argument("--slug")
    im.add_argument("--title")
    im.add_argument("--publisher")
    im.add_argument("--url")
    im.add_argument("--published", type=_date)
    im.add_argument("--output", "-o", default="docs/sources", help="folder to write into, or - for stdout")
    im.add_argument("--force", action="store_true", help="replace an existing source")
    im.set_defaults(func=_cmd_import)
    gl = sub.add_parser("glossary", help="list glossary entries, or candidate terms that have none")
    gl.add_argument("--missing", action="store_true", help="list candidates without a definition, with places")
    gl.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    gl.set_defaults(func=_cmd_glossary)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except _Fail as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
