"""A small digest of the history for `glute-tui stats`, written next to the data file.

`NAME.digest.json` holds what the headless summary needs (completed sessions per day of
every routine, the routines' ids and titles in that order, pauses, targets) and the
identity (inode, size, mtime_ns) of the data file it was built from. The store rewrites it
after every write, inside the same lock; a reader trusts it only while the data file still
has that identity, and otherwise rebuilds it from the data file.
So `glute-tui stats` reads a few kilobytes instead of parsing years of history.

This module is imported on the fast path: it must stay free of tinydb, filelock and textual.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from glute_tui.core.progress import circuit_target, counts_by_day

#: 2: the routines (id, title) the day lists count, in their order
DIGEST_VERSION = 2


def digest_path(db: Path) -> Path:
    return db.with_name(db.stem + ".digest.json")


def _key(db: Path) -> list[int] | None:
    try:
        st = os.stat(db)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]  # the same identity as storage.file_key


def build_digest(
    rows: Iterable[Mapping[str, Any]], kv: Mapping[str, Any], hold_target: int
) -> dict[str, Any]:
    from glute_tui.core.routines.catalogue import CATALOGUE

    settings = kv.get("settings")
    pauses = kv.get("pauses")
    return {
        "version": DIGEST_VERSION,
        "routines": [[r.id, r.title] for r in CATALOGUE],
        "days": counts_by_day(rows),
        "pauses": pauses if isinstance(pauses, list) else [],
        "hold_target": hold_target,
        "circuit_target": circuit_target(settings if isinstance(settings, Mapping) else {}),
    }


def write_digest(db: Path, digest: Mapping[str, Any], key: Any) -> None:
    """Write the digest for the data file whose identity is `key` (call under the lock).

    Replaced atomically but not fsynced: it is a cache, so after a crash the worst case is
    a digest that does not parse or does not match, and `stats` rebuilds it. Saves keep
    their latency."""
    path = digest_path(db)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        text = json.dumps({**digest, "key": list(key)}, separators=(",", ":"))  # C encoder
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def read_digest(db: Path) -> dict[str, Any] | None:
    """The digest when it matches the data file as it is now, else None."""
    key = _key(db)
    if key is None:
        return None
    from glute_tui.store.files import NotAFileError, read_regular_text

    try:
        data = json.loads(read_regular_text(digest_path(db)))  # a FIFO there: no hang
    except (OSError, ValueError, NotAFileError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("version") != DIGEST_VERSION
        or data.get("key") != key
        or not isinstance(data.get("days"), dict)
        or not isinstance(data.get("routines"), list)
    ):
        return None
    return data
