"""Lighthouse 12.2.3 (npm, pinned) on the home page and a source page of the built site.

Usage: python bench/lighthouse.py SITE_DIR [--out bench/results]
Installs lighthouse into bench/node_modules on first use (npm registry), serves SITE_DIR on
loopback and runs Debian's Chromium headless (CHROME_PATH=/usr/bin/chromium), mobile form
factor with simulated throttling. Prints and saves the four category scores per page.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import StaticServer  # noqa: E402

FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync --no-first-run --disable-quic")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--page", action="append", default=None)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    a = ap.parse_args()
    pages = a.page or ["", "sources/china-global-data-security-initiative/"]
    bench = ROOT / "bench"
    lh = bench / "node_modules" / ".bin" / "lighthouse"
    if not lh.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(bench), "lighthouse@12.2.3"],
                       check=True)
    srv = StaticServer(Path(a.site))
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        for p in pages:
            report = out / f"lighthouse-{p.strip('/').replace('/', '-') or 'home'}.json"
            subprocess.run([str(lh), srv.url + p, f"--chrome-flags={FLAGS}", "--output=json",
                            f"--output-path={report}", "--quiet"], check=True,
                           env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
            cats = json.loads(report.read_text())["categories"]
            results[p or "/"] = {k: round(v["score"] * 100) for k, v in cats.items()}
            print(p or "/", results[p or "/"], flush=True)
    finally:
        srv.close()
    (out / "lighthouse.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
