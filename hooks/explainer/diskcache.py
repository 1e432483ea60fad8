"""A folder of pickled values by key: what one build computed, for the next.

Keys are digests of everything a value is computed from, so an entry is never stale, only
unused; ``sweep`` removes the unused ones. Any failure to read or write is a miss: a damaged,
read-only or missing cache slows a build down and never changes what it makes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MISS = object()  # what ``get`` returns for a key with no (readable) value


def cache_key(*parts: str | bytes) -> str:
    """A digest of ``parts`` ('a', 'b' and 'ab' differ: each part is terminated)."""
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


class DiskCache:
    """Values by key under ``folder`` (``folder/ab/abcd....pickle``); remembers the keys used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        self.used.add(key)
        try:
            with self._path(key).open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return MISS

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        f = self._path(key)
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            tmp = f.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, f)
        except OSError:
            pass

    def sweep(self, keep: Iterable[str] | None = None) -> int:
        """Remove every entry not in ``keep`` (default: the keys used); how many went."""
        keep = set(self.used if keep is None else keep)
        gone = 0
        try:
            subdirs = list(self.folder.iterdir())
        except OSError:
            return 0
        for sub in subdirs:
            try:
                for f in sub.iterdir():
                    if f.name.split(".", 1)[0] not in keep:
                        f.unlink(missing_ok=True)
                        gone += 1
            except OSError:
                continue
        return gone
