"""`make bench`: build time, memory, serve latency, sizes and extraction speed at N sources.

Usage: python bench/run.py [--sizes 10,100,1000] [--runs 3] [--out bench/results]
Writes bench/results/latest.md (a Markdown table) and latest.json. Budgets (checked here,
not in timed tests): hooks <= 1.10x a plain build at 1,000 sources; a one-source edit under
`mkdocs serve` <= 1 s at 1,000 sources; extraction >= 1 MB/s per core; home page <= 150 KB
transferred (gzip); Lighthouse >= 98 performance and 100 accessibility (bench/lighthouse.py on
this repository's own site; --no-lighthouse skips it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import write_sources  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PLAIN_YML = """site_name: Plain
site_url: https://example.org/
theme:
  name: material
  font: false
  features: [navigation.instant, navigation.prune, content.tooltips]
plugins: [search]
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, toc]
not_in_nav: |
  /sources/*.md
nav:
  - Home: index.md
"""


def project(n: int, base: Path, plain: bool) -> Path:
    proj = base / ("plain" if plain else "hooks") / f"n{n}"
    if proj.exists():
        shutil.rmtree(proj)
    if plain:
        (proj / "docs").mkdir(parents=True)
        (proj / "mkdocs.yml").write_text(PLAIN_YML, encoding="utf-8")
        (proj / "docs" / "index.md").write_text("# Plain\n", encoding="utf-8")
    else:
        proj.mkdir(parents=True)
        shutil.copy2(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
        for name in ("docs", "overrides", "hooks"):
            shutil.copytree(ROOT / name, proj / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        for f in (proj / "docs" / "sources").glob("*.md"):
            f.unlink()
    write_sources(proj / "docs" / "sources", n)
    return proj


def build(proj: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of one `mkdocs build` in a child process."""
    t0 = time.perf_counter()
    code = ("import resource, sys; from mkdocs.__main__ import cli\n"
            "try:\n    cli(['build', '-f', sys.argv[1], '--site-dir', sys.argv[2]])\n"
            "except SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
            "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\nsys.exit(code or 0)\n")
    res = subprocess.run([sys.executable, "-c", code, str(proj / "mkdocs.yml"), str(proj / "site")],
                         capture_output=True, text=True, env=ENV, cwd=proj)
    dt = time.perf_counter() - t0
    if res.returncode != 0:
        raise SystemExit(f"build failed in {proj}:\n{res.stderr[-3000:]}")
    peak = next((int(line.split()[1]) for line in res.stdout.splitlines() if line.startswith("PEAK")), 0)
    return dt, peak / 1024


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def serve_latency(proj: Path, runs: int = 8) -> tuple[float | None, float | None]:
    """Seconds from saving an edited source to `mkdocs serve --dirty` (what `make serve` runs)
    serving the change (median): (a new sentence on the source page, a new quote on the
    quotes page, which rebuilds every page that depends on it)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(proj / "mkdocs.yml"),
                             "--dev-addr", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=proj,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    src = proj / "docs" / "sources" / "story-0000.md"
    phase = random.Random(7)  # seeded: the same pauses in every run

    def wait_for(url: str, needle: bytes, limit: float) -> float | None:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < limit:
            try:
                if needle in urllib.request.urlopen(url, timeout=5).read():
                    return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.05)
        return None

    def edit(line: str, url: str, needle: str) -> float | None:
        text = src.read_text(encoding="utf-8")
        src.write_text(text.rstrip("\n") + f"\n\n{line}\n", encoding="utf-8")
        got = wait_for(url, needle.encode(), 300)
        # A save lands anywhere in the watcher's polling period (0.1 s, incremental.on_serve):
        # a fixed pause could lock the edits to one phase of it.
        time.sleep(1.0 + phase.uniform(0.0, 1.0))
        return got

    def quotes_page() -> str:
        """The page whose table lists the source's quotes: /quotes/, or its month's page
        once the table is split by month (quotes/2020-01/)."""
        month = re.search(r"^published: (\d{4}-\d{2})", src.read_text(encoding="utf-8"), re.M)
        url = base + f"quotes/{month.group(1)}/" if month else base + "quotes/"
        try:
            urllib.request.urlopen(url, timeout=5)
            return url
        except OSError:
            return base + "quotes/"

    try:
        if wait_for(base + "sources/story-0000/", b"<html", 900) is None:
            return None, None
        text_times, quote_times = [], []
        for k in range(runs):
            marker = f"Benchmark marker {k} {time.time_ns()}."
            text_times.append(edit(marker, base + "sources/story-0000/", marker))
            words = f"benchmark quote {k} {time.time_ns()}"
            quote_times.append(edit(f"\u201cThis is a {words},\u201d Maria Lopez said.", quotes_page(), words))
        med = lambda xs: statistics.median(xs) if xs and None not in xs else None  # noqa: E731
        return med(text_times), med(quote_times)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def extraction_speed(folder: Path) -> float:
    from explainer.site import _analyse

    files = sorted(folder.glob("*.md"))
    data = [(str(f), f.read_bytes()) for f in files]
    size = sum(len(d) for _, d in data)
    times = []
    for _ in range(3):
        _analyse.cache_clear()
        t0 = time.perf_counter()
        for path, d in data:
            _analyse(path, d)
        times.append(time.perf_counter() - t0)
    _analyse.cache_clear()  # release the results: later measurements start from the same state
    return size / statistics.median(times) / 1e6


def long_document_speed(folder: Path, limit: int = 1_000_000) -> float:
    """MB/s for one long plain text (source bodies joined up to ~1 MB): extraction must stay
    linear in the length of a document, not only fast on short ones."""
    from explainer.extract import extract_plain

    parts, size = [], 0
    for f in sorted(folder.glob("*.md")):
        body = f.read_text(encoding="utf-8").split("---", 2)[-1]
        parts.append(body)
        size += len(body.encode("utf-8"))
        if size >= limit:
            break
    text = "\n\n".join(parts)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        extract_plain("long.txt", text)
        times.append(time.perf_counter() - t0)
    return len(text.encode("utf-8")) / statistics.median(times) / 1e6


def budgets(rows: list[dict[str, Any]], lh: object) -> list[str]:
    """One line per budget: what was measured and whether it holds."""
    out = []
    big = max(rows, key=lambda r: int(r["sources"]))
    n = big["sources"]

    def verdict(ok: bool) -> str:
        return "holds" if ok else "MISSED"

    lo, hi = big["ratio_range"]
    out.append(f"hooks <= 1.10x plain at {n} sources: {big['ratio']}x (runs {lo}-{hi}x), "
               f"{verdict(float(big['ratio']) <= 1.10)}")
    if big["serve_edit_s"] is not None:
        worst = max(float(x) for x in (big["serve_edit_s"], big["serve_quote_edit_s"]) if x is not None)
        out.append(f"one-source edit under serve <= 1 s at {n} sources: {big['serve_edit_s']} s (text), "
                   f"{_cell(big['serve_quote_edit_s'])} s (a quote), {verdict(worst <= 1.0)}")
    speed = float(big["extract_mb_s"])  # the most text, so the steadiest figure
    out.append(f"extraction >= 1 MB/s: {speed} MB/s on the {n} sources, {verdict(speed >= 1.0)}")
    heaviest = max(float(r["home_gzip_kb"]) for r in rows)
    out.append(f"home page <= 150 KB transferred: {heaviest} KB, {verdict(heaviest <= 150)}")
    if isinstance(lh, dict):
        for page, s in lh.items():
            out.append(f"Lighthouse {page}: performance {s['performance']} (>= 98: {verdict(s['performance'] >= 98)}), "
                       f"accessibility {s['accessibility']} (100: {verdict(s['accessibility'] == 100)})")
    return out


def lighthouse(out: Path) -> dict[str, dict[str, int]] | str:
    """Lighthouse scores of this repository's own site (home and the seed source page), or why
    they could not be measured (no npm, no Chromium)."""
    if shutil.which("npm") is None and not (ROOT / "bench" / "node_modules" / ".bin" / "lighthouse").exists():
        return "skipped: npm is not installed"
    if not Path("/usr/bin/chromium").exists():
        return "skipped: /usr/bin/chromium is missing (make test installs it)"
    with tempfile.TemporaryDirectory(prefix="explainer-lh-") as tmp:
        site = Path(tmp) / "site"
        res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "--site-dir",
                              str(site)], capture_output=True, text=True, env=ENV, cwd=ROOT)
        if res.returncode != 0:
            return "skipped: the site did not build"
        res = subprocess.run([sys.executable, str(ROOT / "bench" / "lighthouse.py"), str(site), "--out", str(out)],
                             capture_output=True, text=True, env=ENV, cwd=ROOT)
        if res.returncode != 0:
            return f"failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}"
    got: dict[str, dict[str, int]] = json.loads((out / "lighthouse.json").read_text(encoding="utf-8"))
    return got


# The pages that grow with the number of sources: the listed ones, and the largest of each kind.
SCALE_PAGES = ("sources/", "quotes/", "glossary/", "initiatives/", "timeline/")
SCALE_KINDS = ("quotes/*/", "glossary/*/", "people/*/", "organizations/*/", "countries/*/", "initiatives/*/")


def heaviest_pages(site: Path) -> list[str]:
    """Each page of SCALE_PAGES, then the largest page of each of SCALE_KINDS (by bytes)."""
    pages = [p for p in SCALE_PAGES if (site / p / "index.html").is_file()]
    for pattern in SCALE_KINDS:
        found = sorted(site.glob(pattern + "index.html"), key=lambda f: -f.stat().st_size)
        if found:
            pages.append(str(found[0].parent.relative_to(site)) + "/")
    return pages


def lighthouse_at_scale(site: Path, out: Path) -> dict[str, dict[str, int]] | str:
    """Lighthouse on the pages that grow with the synthetic site (not a budget: a report)."""
    if shutil.which("npm") is None and not (ROOT / "bench" / "node_modules" / ".bin" / "lighthouse").exists():
        return "skipped: npm is not installed"
    if not Path("/usr/bin/chromium").exists():
        return "skipped: /usr/bin/chromium is missing (make test installs it)"
    scale_out = out / "scale"
    args = [a for p in heaviest_pages(site) for a in ("--page", p)]
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "lighthouse.py"), str(site), *args, "--out",
                          str(scale_out)], capture_output=True, text=True, env=ENV, cwd=ROOT)
    if res.returncode != 0:
        return f"failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}"
    got: dict[str, dict[str, int]] = json.loads((scale_out / "lighthouse.json").read_text(encoding="utf-8"))
    return got


def _cell(x: float | None) -> str:
    return "n/a" if x is None else str(x)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve-max", type=int, default=1000, help="largest N to measure serve latency at")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse on the real site")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    rows = []
    scale_lh: tuple[int, dict[str, dict[str, int]] | str] | None = None
    try:
        for n in [int(x) for x in a.sizes.split(",")]:
            runs = max(2, a.runs)
            hooks, plain = project(n, base, False), project(n, base, True)
            shutil.rmtree(hooks / ".cache", ignore_errors=True)
            hb = [build(hooks)]  # cold: later builds reuse the disk cache
            pb = []
            for _ in range(runs):  # plain and warm builds taken in turns, so both see the host's load alike
                pb.append(build(plain))
                hb.append(build(hooks))
            # the build figure is the median of the warm builds (the cold one is reported apart); the
            # ratio is the median of each warm build over the plain build just before it
            h_s, p_s = statistics.median(x[0] for x in hb[1:]), statistics.median(x[0] for x in pb)
            pairs = sorted(h[0] / p[0] for h, p in zip(hb[1:], pb))
            site = hooks / "site"
            home = (site / "index.html").read_bytes()
            row: dict[str, Any] = {
                "sources": n, "build_s": round(h_s, 2), "build_cold_s": round(hb[0][0], 2),
                "plain_build_s": round(p_s, 2),
                "ratio": round(statistics.median(pairs), 2),
                "ratio_range": [round(pairs[0], 2), round(pairs[-1], 2)], "peak_mb": round(max(x[1] for x in hb), 1),
                "plain_peak_mb": round(max(x[1] for x in pb), 1),
                "pages": len(list(site.rglob("*.html"))),
                "site_mb": round(du(site) / 1e6, 1),
                "search_index_mb": round((site / "search" / "search_index.json").stat().st_size / 1e6, 2),
                "home_gzip_kb": round(len(gzip.compress(home)) / 1024, 1),
                "extract_mb_s": round(extraction_speed(hooks / "docs" / "sources"), 2),
                "extract_long_mb_s": round(long_document_speed(hooks / "docs" / "sources"), 2),
                "serve_edit_s": None, "serve_quote_edit_s": None,
            }
            if n <= a.serve_max:
                lat, qlat = serve_latency(hooks)
                row["serve_edit_s"] = round(lat, 2) if lat is not None else None
                row["serve_quote_edit_s"] = round(qlat, 2) if qlat is not None else None
            rows.append(row)
            print(json.dumps(row), flush=True)
        if not a.no_lighthouse and rows:  # the largest site's own big pages, before it is removed
            scale_lh = (rows[-1]["sources"], lighthouse_at_scale(base / "hooks" / f"n{rows[-1]['sources']}" / "site", out))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    lh = None if a.no_lighthouse else lighthouse(out)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    result = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "rows": rows, "lighthouse": lh,
              "lighthouse_at_scale": {"sources": scale_lh[0], "pages": scale_lh[1]} if scale_lh else None}
    (out / "latest.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    head = ("| sources | build (s) | cold build (s) | plain (s) | ratio | peak MB | pages | site MB | search index MB | "
            "home gzip KB | extraction MB/s | one long text MB/s | serve edit (s) | serve quote edit (s) |\n"
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    lines = [f"| {r['sources']} | {r['build_s']} | {r['build_cold_s']} | {r['plain_build_s']} | {r['ratio']} | {r['peak_mb']} | {r['pages']} | "
             f"{r['site_mb']} | {r['search_index_mb']} | {r['home_gzip_kb']} | {r['extract_mb_s']} | "
             f"{r['extract_long_mb_s']} | "
             f"{_cell(r['serve_edit_s'])} | {_cell(r['serve_quote_edit_s'])} |" for r in rows]
    table = head + "\n".join(lines) + f"\n\nMachine: {machine}; {result['date']}.\n"
    if isinstance(lh, dict):
        table += ("\nLighthouse 12.2.3 on this repository's site (mobile, simulated throttling, served with gzip):\n\n"
                  "| page | performance | accessibility | best practices | SEO |\n|---|---:|---:|---:|---:|\n")
        table += "".join(f"| {p} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |\n"
                         for p, s in lh.items())
    elif lh:
        table += f"\nLighthouse: {lh}\n"
    if scale_lh and isinstance(scale_lh[1], dict):
        table += (f"\nLighthouse on the synthetic {scale_lh[0]}-source site's pages that grow with it (each listing "
                  "page, and the largest page of each kind; a report, not a budget):\n\n"
                  "| page | performance | accessibility | best practices | SEO |\n|---|---:|---:|---:|---:|\n")
        table += "".join(f"| {p} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |\n"
                         for p, s in scale_lh[1].items())
    elif scale_lh:
        table += f"\nLighthouse at scale: {scale_lh[1]}\n"
    table += "\nBudgets:\n\n" + "".join(f"- {line}\n" for line in budgets(rows, lh))
    (out / "latest.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
