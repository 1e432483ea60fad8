"""Lighthouse 12.2.3 (npm, pinned) on the home page and a source page of the built site.

Usage: python bench/lighthouse.py SITE_DIR [--out bench/results]
Installs lighthouse into bench/node_modules on first use (npm registry), serves SITE_DIR on
loopback and runs Debian's Chromium headless (CHROME_PATH=/usr/bin/chromium), mobile form
factor with simulated throttling. Prints and saves the four category scores per page.

The site is served with gzip, as static hosts (GitHub Pages, Netlify, nginx) serve it;
``--no-gzip`` serves it as `python -m http.server` does, uncompressed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import StaticServer  # noqa: E402

FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync --no-first-run --disable-quic")


# What a static host compresses: '.html', '.css', '.js', '.json', '.xml', '.svg', '.txt'
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: gzip for text types when the client accepts it."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(COMPRESSED) \
                or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


class GzipServer:
    def __init__(self, folder: Path) -> None:
        handler = functools.partial(GzipHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--page", action="append", default=None)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--no-gzip", action="store_true", help="serve uncompressed (python -m http.server)")
    a = ap.parse_args()
    pages = a.page or ["", "sources/china-global-data-security-initiative/"]
    bench = ROOT / "bench"
    lh = bench / "node_modules" / ".bin" / "lighthouse"
    if not lh.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(bench), "lighthouse@12.2.3"],
                       check=True)
    srv = StaticServer(Path(a.site)) if a.no_gzip else GzipServer(Path(a.site))
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
    name = "lighthouse-no-gzip.json" if a.no_gzip else "lighthouse.json"
    (out / name).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
