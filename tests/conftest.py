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
