"""Values by key kept between builds: ``DiskCache`` (a pickle file each: source analyses) and
``WorkCache`` (one SQLite file: page work, thousands of entries a build).

Keys are digests of everything a value is computed from, so an entry is never stale, only
unused. Any failure to read or write is a miss: a damaged, read-only or missing cache slows a
build down and never changes what it makes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

MISS = object()  # what ``get`` returns for a key with no (readable) value
# what unpickling a damaged entry, or one from other code, may raise
_UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def cache_key(*parts: str | bytes) -> str:
    """A digest of ``parts`` ('a', 'b' and 'ab' differ: each part is terminated)."""
    h = hashlib.blake2b(digest_size=20)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def installed_distributions() -> str:
    """The installed packages with their versions, as this process first listed them: a part of
    the key of what other packages' code computes. Listed once (~20 ms each time): a later
    install does not change the code a running process has imported."""
    return repr(sorted((d.name or "", d.version) for d in importlib.metadata.distributions()))


class DiskCache:
    """Values by key under ``folder`` (``folder/ab/abcd....pickle``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        try:
            with self._path(key).open("rb") as fh:
                return pickle.load(fh)
        except (OSError, *_UNREADABLE):
            return MISS

    def sweep(self, keep: set[str]) -> int:
        """Remove every value whose key is not in ``keep``; how many were removed."""
        gone = 0
        try:
            folders = [d for d in os.scandir(self.folder) if d.is_dir() and len(d.name) == 2]
        except OSError:
            return 0
        for d in folders:
            try:
                entries = list(os.scandir(d.path))
            except OSError:
                continue
            for e in entries:
                if e.name.endswith(".pickle") and e.name[:-len(".pickle")] not in keep:
                    try:
                        os.unlink(e.path)
                        gone += 1
                    except OSError:
                        pass
        return gone

    def put(self, key: str, value: Any) -> None:
        f = self._path(key)
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            tmp = f.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, f)
        except OSError:
            pass


class WorkCache:
    """Values by key in one SQLite file, for many small entries written together (a file each
    costs a build more to create than the work they save). Writes go into one transaction,
    kept by ``commit``; a build that fails keeps nothing. A locked or damaged database is a miss.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._no_writes = False  # another build holds the write lock (or the disk is full)

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = self._open()
            except sqlite3.DatabaseError:  # not a database (a crash mid-write): start afresh
                try:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    self._db = self._open()
                except (OSError, sqlite3.Error):
                    self._broken = True
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=0.2, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous=OFF")  # a cache: losing the last writes to a crash is fine
            db.execute("CREATE TABLE IF NOT EXISTS work (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            db.execute("BEGIN")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def get(self, key: str) -> Any:
        self.used.add(key)
        db = self._conn()
        if db is None:
            return MISS
        try:
            row = db.execute("SELECT value FROM work WHERE key = ?", (key,)).fetchone()
            return pickle.loads(row[0]) if row is not None else MISS
        except (sqlite3.Error, *_UNREADABLE):
            return MISS

    def keep(self, key: str) -> None:
        """Mark an entry as used by this build without reading it (the caller holds its value)."""
        self.used.add(key)

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        db = self._conn()
        if db is None or self._no_writes:
            return
        try:
            db.execute("INSERT OR REPLACE INTO work (key, value) VALUES (?, ?)",
                       (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        except sqlite3.Error:
            self._no_writes = True  # waited once for the lock: not again in this build

    def commit(self, sweep: bool = False) -> int:
        """Keep this build's writes; with ``sweep``, first drop every entry it did not use.
        How many entries were dropped."""
        db, self._db = self._db, None
        if db is None:
            return 0
        gone = 0
        try:
            if sweep:
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT OR IGNORE INTO used (key) VALUES (?)", ((k,) for k in self.used))
                gone = db.execute("DELETE FROM work WHERE key NOT IN (SELECT key FROM used)").rowcount
            db.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            db.close()
        return gone
