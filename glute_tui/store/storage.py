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


def file_key(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class AtomicJSONStorage(Storage):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._cache: dict[str, Any] | None = None
        self._key: tuple[int, int, int] | None = None

    def current_key(self) -> tuple[int, int, int] | None:
        try:
            return file_key(os.stat(self.path))
        except FileNotFoundError:
            return None

    def changed_on_disk(self) -> bool:
        return self._cache is None or self.current_key() != self._key

    def read(self) -> dict[str, Any] | None:
        key = self.current_key()
        if key is None:
            self._cache, self._key = None, None
            return None
        if self._cache is not None and key == self._key:
            return self._cache
        with open(self.path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict):
            raise ValueError("the top level is not a JSON object")
        self._cache, self._key = data, key
        return data

    def write(self, data: dict[str, Any]) -> None:
        try:
            st = atomic_write_json(self.path, data)
        except BaseException:
            self._cache, self._key = None, None  # TinyDB may have mutated the cached dict
            raise
        self._cache, self._key = data, file_key(st)

    def close(self) -> None:
        pass
