"""A content-addressed cache for the slow, pure steps of a build (Markdown → HTML, Chinese
segmentation of the search text, the personal-data scan of output files).

It can never serve stale output: the key of an entry is a hash of every input of the step
(text, settings, versions of the code and the libraries), and a value is only ever reused for
exactly that key. What a key leaves out would be a bug in its caller, so the callers keep
their keys next to the work. Entries not used by a build are dropped at its end, so the cache
holds one build's worth. A missing, unreadable or locked cache is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from generator import __version__

CACHE_DIR = ".portal-cache"
_SCHEMA = 1


def fingerprint(*parts: str | bytes) -> str:
    """A key for the given inputs (with portal's version, so new code never reuses old work)."""
    digest = hashlib.sha256(f"portal {__version__} schema {_SCHEMA}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """`with Cache(root / CACHE_DIR) as cache:`; `Cache(None)` caches nothing."""

    def __init__(self, folder: Path | None, *, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only  # use what is there; write nothing (`portal check`)
        self._db: sqlite3.Connection | None = None
        self._used: set[tuple[str, str]] = set()
        self._new: list[tuple[str, str, bytes]] = []
        self.hits = 0
        self.misses = 0

    def __enter__(self) -> Cache:
        if self.folder is not None and not (self.read_only and not self.folder.is_dir()):
            try:
                if self.read_only:
                    path = (self.folder / "cache.sqlite").resolve()
                    self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
                    return self
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.folder / "cache.sqlite", timeout=1)
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS entry "
                    "(kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))"
                )
            except (OSError, sqlite3.Error):
                self._db = None
        return self

    def get(self, kind: str, key: str) -> bytes | None:
        self._used.add((kind, key))
        if self._db is None:
            self.misses += 1
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM entry WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        except sqlite3.Error:
            row = None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return bytes(row[0])

    def get_many(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached values of `keys` that exist, in one query per thousand keys."""
        wanted = list(dict.fromkeys(keys))
        self._used.update((kind, k) for k in wanted)
        found: dict[str, bytes] = {}
        if self._db is not None:
            try:
                for start in range(0, len(wanted), 900):
                    chunk = wanted[start : start + 900]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(
                        f"SELECT key, value FROM entry WHERE kind = ? AND key IN ({marks})",
                        (kind, *chunk),
                    )
                    found.update((key, bytes(value)) for key, value in rows)
            except sqlite3.Error:
                found = {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def keys(self, kind: str) -> frozenset[str]:
        """Every key of `kind` the cache holds (not marked used: `touch` the ones used)."""
        if self._db is None:
            return frozenset()
        try:
            rows = self._db.execute("SELECT key FROM entry WHERE kind = ?", (kind,))
            return frozenset(key for (key,) in rows)
        except sqlite3.Error:
            return frozenset()

    def touch(self, kind: str, keys: Iterable[str]) -> None:
        """Mark entries as used by this build (found through `keys`), so they are kept."""
        wanted = list(keys)
        self._used.update((kind, k) for k in wanted)
        self.hits += len(wanted)

    def put(self, kind: str, key: str, value: bytes) -> None:
        if self.read_only:
            return
        self._used.add((kind, key))
        self._new.append((kind, key, value))

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._db is None:
            return
        if self.read_only:
            self._db.close()
            self._db = None
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)", self._new)
                if kind is None:  # a complete build: forget what it did not use
                    # Keyed, so that each entry is one lookup: `(kind, key) NOT IN (SELECT …)`
                    # scans the list for every entry, minutes at archive scale.
                    self._db.execute(
                        "CREATE TEMP TABLE used (kind TEXT, key TEXT, PRIMARY KEY (kind, key))"
                        " WITHOUT ROWID"
                    )
                    self._db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", self._used)
                    self._db.execute(
                        "DELETE FROM entry WHERE NOT EXISTS (SELECT 1 FROM used"
                        " WHERE used.kind = entry.kind AND used.key = entry.key)"
                    )
        except sqlite3.Error:
            pass
        finally:
            self._db.close()
            self._db = None
