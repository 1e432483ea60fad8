from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the real project (config, docs, overrides, hooks) to build in isolation."""
    dst = tmp_path / "proj"
    dst.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dst / name)
    shutil.copytree(ROOT / "hooks", dst / "hooks", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dst


def run_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a project folder (never -q: it hides warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), *extra],
        capture_output=True, text=True, env=env, cwd=project.parent, timeout=300,
    )


def copy_project(dst: Path) -> Path:
    """A copy of the real project (config, docs, overrides, hooks) in ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, dst / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dst


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per test session."""
    proj = copy_project(tmp_path_factory.mktemp("real") / "proj")
    res = run_build(proj)
    assert res.returncode == 0, res.stderr
    assert "WARNING" not in res.stderr, res.stderr
    return proj / "site"


class StaticServer:
    """``python -m http.server`` on a free loopback port, for one folder."""

    def __init__(self, folder: Path) -> None:
        import socket
        import time
        import urllib.request

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                                      "--directory", str(folder)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


# A second source for builds that need more than the seed (test_incremental edits it).
SECOND_SOURCE = """---
title: Ministers trade words over cable security
publisher: Example Wire
published: 2020-09-10
---

Trade minister Omar Haddad said on Thursday that the Clean Network was a threat to data security.

"We will answer in kind," Haddad said.
"""

SPLIT_SOURCES = {
    # a month of its own, a speaker quoted in two months, and markup where text belongs
    "october-story.md": SECOND_SOURCE.replace("2020-09-10", "2020-10-05") + """
\u201c<script>window.__pwned=1</script> Cables <b onmouseover=window.__pwned=2>stay</b> open,\u201d said \
Wang Yi, China's <img src=x onerror=window.__pwned=3> foreign minister.
""",
    "undated-note.md": """---
title: An undated note on data rules
publisher: Example Wire
---

"Rules must be fair," Anna Khan, a spokesperson for the ministry, told reporters.
""",
}


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site plus sources in other months, built strictly the way a large site is: the
    who-said-what table split by month and much-used glossary terms on pages of their own
    (explainer.site's QUOTES_ONE_PAGE_MAX and GLOSSARY_SENTENCES_SHOWN lowered for this
    in-process build)."""
    import explainer.render
    import explainer.site
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    proj = copy_project(tmp_path_factory.mktemp("split") / "proj")
    for name, text in SPLIT_SOURCES.items():
        (proj / "docs" / "sources" / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(explainer.site, "QUOTES_ONE_PAGE_MAX", 3)
        mp.setattr(explainer.site, "GLOSSARY_SENTENCES_SHOWN", 1)  # and terms get pages of their own
        # and "N more" disclosures in key facts and table cells (read when the project's template
        # environment is made, during this build)
        mp.setattr(explainer.render, "FACTS_SHOWN", 1)
        config = load_config(config_file=str(proj / "mkdocs.yml"), site_dir=str(proj / "site"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    assert (proj / "site" / "quotes" / "2020-10" / "index.html").exists()
    assert (proj / "site" / "glossary" / "data-security" / "index.html").exists()
    return proj / "site"
