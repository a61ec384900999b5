"""A TinyDB storage that writes atomically and re-reads only when the file changed.

TinyDB's own JSONStorage rewrites the file in place (a crash mid-write corrupts it) and
re-parses the whole file on every query. This storage keeps the parsed tables in memory,
keyed on the file's identity (inode, size, mtime): another process's write changes that
identity, so the next read sees it. Callers hold the cross-process lock around every
read-modify-write (see history.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from glute_tui.store.atomic import atomic_write_json
from glute_tui.store.files import read_regular_bytes


def file_key(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class AtomicJSONStorage(Storage):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._cache: dict[str, Any] | None = None
        self._key: tuple[int, int, int] | None = None
        self._batch = False
        self._pending = False

    def current_key(self) -> tuple[int, int, int] | None:
        try:
            return file_key(os.stat(self.path))
        except FileNotFoundError:
            return None

    def changed_on_disk(self) -> bool:
        return self._cache is None or self.current_key() != self._key

    def read(self) -> dict[str, Any] | None:
        if self._batch and self._pending:
            return self._cache
        key = self.current_key()
        if key is None:
            self._cache, self._key = None, None
            return None
        if self._cache is not None and key == self._key:
            return self._cache
        data = json.loads(read_regular_bytes(self.path))  # never blocks on a FIFO
        if not isinstance(data, dict):
            raise ValueError("the top level is not a JSON object")
        self._cache, self._key = data, key
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self._batch:
            self._cache, self._pending = data, True  # written once, at commit_batch()
            return
        try:
            st = atomic_write_json(self.path, data)
        except BaseException:
            self._cache, self._key = None, None  # TinyDB may have mutated the cached dict
            raise
        self._cache, self._key = data, file_key(st)

    # ---- one write per transaction ------------------------------------------------------
    def begin_batch(self) -> None:
        """Until commit_batch(), writes only change the tables in memory."""
        self._batch, self._pending = True, False

    @property
    def pending(self) -> dict[str, Any] | None:
        """The tables a batch will write, or None when the batch changed nothing."""
        return self._cache if self._batch and self._pending else None

    def commit_batch(self) -> None:
        """Write the batch's tables in one atomic replace (a no-op when nothing changed)."""
        data, pending = self._cache, self._pending
        self._batch, self._pending = False, False
        if pending and data is not None:
            self.write(data)

    def abort_batch(self) -> None:
        """Drop the batch: the next read comes from the file again."""
        self._batch, self._pending = False, False
        self._cache, self._key = None, None

    def close(self) -> None:
        pass
