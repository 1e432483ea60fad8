"""`mkdocs serve` polls the watched files more often than MkDocs' 0.5 s (hooks/live_preview.py)."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

ROOT = Path(__file__).resolve().parent.parent


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("live_preview_under_test", ROOT / "hooks" / "live_preview.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def servers() -> Iterator[Callable[[Path], LiveReloadServer]]:
    """Servers made (not started) for a test; their sockets closed after it."""
    made: list[LiveReloadServer] = []

    def make(root: Path) -> LiveReloadServer:
        made.append(LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root)))
        return made[-1]

    yield make
    for s in made:
        s.server_close()


def _watched(observer: PollingObserver) -> list[tuple[str, bool]]:
    return sorted((str(e.watch.raw_path), e.watch.is_recursive) for e in observer.emitters)


def test_watches_move_to_a_faster_poll_and_keep_their_counts(tmp_path: Path, servers: Callable[[Path], LiveReloadServer]) -> None:
    hook = _hook()
    docs, yml = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    yml.write_text("site_name: t\n", encoding="utf-8")
    server = servers(tmp_path)
    old = server.observer
    assert isinstance(old, PollingObserver) and old.timeout > hook.POLL_SECONDS
    server.watch(str(docs))
    server.watch(str(docs))  # a plugin may watch docs/ too: MkDocs counts it twice
    server.watch(str(yml), recursive=False)
    before = _watched(old)

    assert hook.on_serve(server, config=None, builder=None) is server
    new = server.observer
    assert new is not old and isinstance(new, PollingObserver) and new.timeout == hook.POLL_SECONDS
    assert _watched(new) == before and _watched(old) == []
    server.unwatch(str(docs))
    assert _watched(new) == before  # still watched once more, as before the move
    server.unwatch(str(docs))
    server.unwatch(str(yml))
    assert _watched(new) == []


def test_a_save_reaches_the_server_through_the_new_observer(tmp_path: Path, servers: Callable[[Path], LiveReloadServer]) -> None:
    """The moved watch still tells the server to rebuild (the server's own flag, read here
    because MkDocs offers no other way to observe it)."""
    hook = _hook()
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "index.md"
    page.write_text("# Home\n", encoding="utf-8")
    server = servers(tmp_path)
    server.watch(str(docs))
    hook.on_serve(server, config=None, builder=None)
    server.observer.start()
    try:
        time.sleep(0.5)  # the first listing
        page.write_text("# Home, edited\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()


def test_an_observer_it_cannot_account_for_is_left_alone(tmp_path: Path, servers: Callable[[Path], LiveReloadServer]) -> None:
    """A path scheduled on the observer directly (not through server.watch) cannot be moved:
    nothing changes, MkDocs keeps its own observer."""
    import watchdog.events

    hook = _hook()
    docs = tmp_path / "docs"
    docs.mkdir()
    server = servers(tmp_path)
    server.watch(str(docs))
    old = server.observer
    old.schedule(watchdog.events.FileSystemEventHandler(), str(tmp_path), recursive=False)
    before = _watched(old)
    hook.on_serve(server, config=None, builder=None)
    assert server.observer is old and _watched(old) == before
    server.unwatch(str(docs))  # still counted once, as before


def test_the_project_lists_the_hook() -> None:
    assert "  - hooks/live_preview.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "live_preview_under_test" not in sys.modules  # loaded from its path, as MkDocs does
