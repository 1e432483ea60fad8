"""Hostile and bad input: each case is a temporary copy of the site with one bad file.

Errors must name the file and line, fail the build with no traceback and no page written;
everything else must build with the content escaped. The pages built from the script cases
are then loaded in Chromium, where no dialog may open and no injected script may run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, StaticServer, copy_project, run_build

PWN = "window.__pwned=1;alert(1)"
FM = "---\ntitle: T\npublished: 2020-09-08\n---\n\n"

ERRORS: list[tuple[str, dict[str, bytes], str]] = [
    ("no front matter", {"sources/bad.md": b"Just an article.\n"}, "docs/sources/bad.md:1: no front matter"),
    ("broken YAML", {"sources/bad.md": b"---\ntitle: [oops\npublished: 2020-09-08\n---\nText.\n"},
     "docs/sources/bad.md:3: front matter is not valid YAML"),
    ("missing title", {"sources/bad.md": b"---\npublisher: X\n---\nText.\n"}, "docs/sources/bad.md:1: title: is required"),
    ("bad date", {"sources/bad.md": b"---\ntitle: T\npublished: Sept 8\n---\nText.\n"},
     "docs/sources/bad.md:3: published: 'Sept 8' is not a date (YYYY-MM-DD)"),
    ("duplicate slug", {"sources/sub/china-global-data-security-initiative.md": FM.encode() + b"Text.\n"},
     "duplicate slug 'china-global-data-security-initiative'"),
    ("empty body", {"sources/bad.md": FM.encode() + b"\n   \n"}, "docs/sources/bad.md:5: the article body is empty"),
    ("non-UTF-8 bytes", {"sources/bad.md": FM.encode() + b"Caf\xe9 society.\n"}, "docs/sources/bad.md:6: not valid UTF-8"),
    ("5 MB article", {"sources/bad.md": FM.encode() + b"China acted. " * 400_000}, "docs/sources/bad.md: file is 5.0 MB"),
    ("javascript: url", {"sources/bad.md": b"---\ntitle: T\nurl: javascript:alert(1)\n---\nText.\n"},
     "docs/sources/bad.md:3: url: 'javascript:alert(1)' is not a web address"),
    ("data: url", {"sources/bad.md": b"---\ntitle: T\nurl: 'data:text/html,<script>alert(1)</script>'\n---\nText.\n"},
     "docs/sources/bad.md:3: url: 'data:text/html,<script>alert(1)</script>' is not a web address"),
    ("url with markup", {"sources/bad.md": b"---\ntitle: T\nurl: \"https://x.example/?a=<script>\"\n---\nText.\n"},
     "docs/sources/bad.md:3: url: 'https://x.example/?a=<script>' is not a web address"),
    ("glossary: empty definition", {"glossary/bad.md": b"---\nterm: Zzz\n---\n\n"},
     "docs/glossary/bad.md:4: the definition of 'Zzz' is empty"),
    ("glossary: javascript source", {"glossary/bad.md": b"---\nterm: Zzz\nsource: javascript:alert(1)\n---\nA.\n"},
     "docs/glossary/bad.md:3: source: 'javascript:alert(1)' is not a web address"),
    ("initiative: javascript url", {"initiatives/bad.md": b"---\nname: Zzz Plan\nofficial_url: javascript:alert(1)\n---\nB.\n"},
     "docs/initiatives/bad.md:3: official_url: 'javascript:alert(1)' is not a web address"),
    ("initiative: no name", {"initiatives/bad.md": b"---\nproponent: X\n---\nB.\n"},
     "docs/initiatives/bad.md:1: name: is required"),
]


def write(proj: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        p = proj / "docs" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


@pytest.mark.parametrize(("name", "files", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_input_fails_clearly(tmp_path: Path, name: str, files: dict[str, bytes], message: str) -> None:
    proj = copy_project(tmp_path / "proj")
    write(proj, files)
    res = run_build(proj)
    assert res.returncode != 0, name
    assert message in res.stderr, res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    site = proj / "site"
    assert not site.exists() or not list(site.rglob("*.html")), "a failed build left pages behind"


HOSTILE_SOURCE = (
    "---\n"
    "title: \"<script>" + PWN + "</script> \\\"quoted\\\" & <b>bold</b>\"\n"
    "publisher: \"<img src=x onerror='" + PWN + "'>\"\n"
    "url: \"https://example.com/a?b=1&c=2\"\n"
    "published: 2020-09-08\n"
    "key_points:\n  - \"<iframe src='javascript:" + PWN + "'></iframe> point\"\n"
    "  - \"*[point]: <b onmouseover=alert(1)>x</b>\"\n"
    "---\r\n\r\n"
    "Body <script>" + PWN + "</script> and <img src=x onerror=\"" + PWN + "\"> and <iframe src=\"data:text/html,x\"></iframe>.\r\n\r\n"
    "A [link](javascript:" + PWN + ") and ![img](data:image/svg+xml,<svg onload=alert(1)>) and <a href=\"javascript:" + PWN + "\">a</a>.\r\n\r\n"
    "*[Body]: <img src=x onerror='" + PWN + "'> defined\r\n\r\n"
    "\"An odd quote, said Maria Lopez. \u201cNested 'single' and \"straight\" marks,\u201d said Omar Haddad.\r\n\r\n"
    "\u4e2d\u56fd\u5916\u4ea4\u90e8\u957f\u738b\u6bc5\u8bf4\u3002 \u0627\u0644\u0635\u064a\u0646 \u0642\u0627\u0644\u062a \u0625\u0646 \u0627\u0644\u0645\u0628\u0627\u062f\u0631\u0629 \u0645\u0647\u0645\u0629.\r\n\r\n"
    + "word " * 2000 + "end.\r\n"
)
HOSTILE_GLOSSARY = ("---\nterm: Zebra crossing\naliases: [\"<img src=x onerror=alert(1)>\"]\n---\n"
                    "Stripes <script>" + PWN + "</script> <img src=x onerror=\"" + PWN + "\"> "
                    "[click](javascript:" + PWN + ") <iframe src=x></iframe> **safe** "
                    "ZC.\n\n*[ZC]: <img src=x onerror='" + PWN + "'> O'Hara\n")
HOSTILE_INITIATIVE = ("---\nname: \"Zebra <script>" + PWN + "</script> Plan\"\n"
                      "aliases: [\"<img src=x onerror=alert(1)> Plan\"]\nproponent: \"<b onmouseover=alert(1)>X</b>\"\n"
                      "provisions: [\"<script>" + PWN + "</script> rule\"]\n---\n"
                      "Background <script>" + PWN + "</script> [x](javascript:alert(1)).\n")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proj = copy_project(tmp_path_factory.mktemp("hostile") / "proj")
    write(proj, {"sources/zz-hostile.md": HOSTILE_SOURCE.encode(),
                 "glossary/zebra-crossing.md": HOSTILE_GLOSSARY.encode(),
                 "initiatives/zebra-plan.md": HOSTILE_INITIATIVE.encode()})
    res = run_build(proj)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    return proj / "site"


def test_hostile_content_is_escaped_everywhere(hostile_site: Path) -> None:
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.bad: list[str] = []
            self.in_script = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for k, v in attrs:
                if k.startswith("on"):
                    self.bad.append(f"<{tag} {k}=...>")
                if k in ("href", "src", "action", "formaction") and (v or "").strip().lower().startswith(
                        ("javascript:", "data:text", "vbscript:")):
                    self.bad.append(f"<{tag} {k}={v}>")
            if tag in ("iframe", "object", "embed"):
                self.bad.append(f"<{tag}>")
            # Material's tooltips insert a title as HTML: its value must be escaped text (no
            # tags), and quotes need no escaping there (or a browser without script shows them so)
            title = dict(attrs).get("title") or ""
            if "<" in title or "&#x27;" in title or "&#39;" in title or "&quot;" in title:
                self.bad.append(f"<{tag} title={title[:80]!r}>")
            self.in_script = tag == "script"

        def handle_data(self, data: str) -> None:
            if self.in_script and "__pwned" in data:
                self.bad.append("inline script with the payload")

        def handle_endtag(self, tag: str) -> None:
            self.in_script = False

    for f in hostile_site.rglob("*.html"):
        t = Tags()
        t.feed(f.read_text(encoding="utf-8"))
        assert t.bad == [], f"{f.relative_to(hostile_site)}: {t.bad[:5]}"
    page = (hostile_site / "sources" / "zz-hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in page
    assert "[link](javascript:" in page  # Markdown in an article is shown, not obeyed
    assert "\u738b\u6bc5" in page and "\u0627\u0644\u0635\u064a\u0646" in page  # CJK and RTL intact
    assert "word word" in page and "end." in page  # the 10,000-character sentence
    for name in ("sources", "glossary", "initiatives", "timeline", "quotes"):
        assert (hostile_site / name / "index.html").exists()


def test_long_sentence_and_crlf_keep_sentences(hostile_site: Path) -> None:
    page = (hostile_site / "sources" / "zz-hostile" / "index.html").read_text(encoding="utf-8")
    assert "\r" not in page
    assert page.count('class="ex-s"') >= 6


def test_no_injected_script_runs_in_the_browser(hostile_site: Path) -> None:
    if not Path("/usr/bin/chromium").exists():  # pragma: no cover
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    srv = StaticServer(hostile_site)
    pages = ["sources/zz-hostile/", "sources/", "glossary/", "initiatives/", "initiatives/zebra-plan/",
             "quotes/", "timeline/", ""]
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium",
                                  args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                        "--disable-component-update", "--disable-sync", "--no-first-run",
                                        "--disable-quic"])
            pg = b.new_page()
            dialogs: list[str] = []
            pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in pages:
                pg.goto(srv.url + path, wait_until="load")
                pg.wait_for_timeout(100)
                # hover links, quotes and abbreviations: Material builds tooltips from titles as HTML
                for sel in ("a.ex-link", ".ex-quote[title]", "abbr[title]"):
                    for a in pg.locator(sel).all()[:20]:
                        a.hover()
                        pg.wait_for_timeout(20)
                assert pg.evaluate("window.__pwned") is None, path
            assert dialogs == []
            b.close()
    finally:
        srv.close()


def test_make_build_never_leaves_a_half_written_site(tmp_path: Path) -> None:
    proj = copy_project(tmp_path / "proj")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, proj / name)
    venv = ROOT / ".venv"
    if not (venv / ".installed").exists():  # pragma: no cover
        pytest.skip("needs the project's .venv")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    ok = subprocess.run(["make", "-s", "build", f"VENV={venv}"], cwd=proj, capture_output=True, text=True, env=env,
                        timeout=300)
    assert ok.returncode == 0, ok.stderr
    before = sorted(str(p.relative_to(proj / "site")) for p in (proj / "site").rglob("*.html"))
    write(proj, {"sources/zz-new.md": FM.encode() + b"New text.\n", "sources/bad.md": b"---\ntitle: [x\n---\n"})
    bad = subprocess.run(["make", "-s", "build", f"VENV={venv}"], cwd=proj, capture_output=True, text=True, env=env,
                         timeout=300)
    assert bad.returncode != 0 and "front matter is not valid YAML" in bad.stderr
    assert "docs/sources/bad.md:" in bad.stderr
    after = sorted(str(p.relative_to(proj / "site")) for p in (proj / "site").rglob("*.html"))
    assert after == before  # the last good site is untouched
    assert not (proj / "site" / "sources" / "zz-new").exists()
