"""The sidebar navigation rendered once for the pages that show it alike (hooks/fragments.py)
is byte for byte what Material renders for each page on its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SPLIT_SOURCES, copy_project

BUILD_META = re.compile(rb'<meta name="explainer-build" content="[0-9a-f]+">')


def _build(proj: Path, site: Path, renders: list[tuple[str, ...]]) -> dict[str, bytes]:
    """Build in this process; ``renders`` gets the key of each part rendered for sharing."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(proj / "mkdocs.yml"), site_dir=str(site), strict=True)
    hook = config.hooks.get("hooks/fragments.py")
    if hook is not None:  # MkDocs loads each hook file as a module of its own
        put = hook.Fragments.put
        hook.Fragments.put = lambda self, key, html: renders.append(key) or put(self, key, html)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    # the build key covers the templates, which differ between the two projects
    return {str(p.relative_to(site)): BUILD_META.sub(b"", p.read_bytes()) for p in site.rglob("*.html")}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_shared_parts_equal_materials_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                directory_urls: bool) -> None:
    import explainer.site

    monkeypatch.setenv("EXPLAINER_NO_CACHE", "1")
    monkeypatch.setattr(explainer.site, "QUOTES_ONE_PAGE_MAX", 3)  # pages in more folders: quotes/<month>
    monkeypatch.setattr(explainer.site, "GLOSSARY_SENTENCES_SHOWN", 1)  # and glossary/<term>
    renders: list[tuple[str, ...]] = []
    projects = []
    for name in ("shared", "own"):
        proj = copy_project(tmp_path / name)
        for src, text in SPLIT_SOURCES.items():
            (proj / "docs" / "sources" / src).write_text(text, encoding="utf-8")
        with (proj / "mkdocs.yml").open("a", encoding="utf-8") as fh:
            fh.write(f"\nuse_directory_urls: {str(directory_urls).lower()}\n")
        projects.append(proj)
    own = projects[1]
    (own / "overrides" / "partials" / "nav.html").unlink()
    yml = own / "mkdocs.yml"
    yml.write_text("".join(line for line in yml.read_text(encoding="utf-8").splitlines(keepends=True)
                           if "hooks/fragments.py" not in line), encoding="utf-8")

    shared = _build(projects[0], tmp_path / "site-shared", renders)
    pages = len(shared)
    assert len(renders) == len(set(renders))  # rendered once each
    for name in ("nav", "config", "search"):
        assert 0 < sum(k[0] == name for k in renders) < pages / 2, (name, renders, pages)
    renders.clear()
    assert _build(own, tmp_path / "site-own", renders) == shared
    assert renders == []  # the other project rendered every part on every page
