"""One write of the history = one commit point, so a crash leaves the old state or the new.

A transaction may change the main file and several month files of phases. Written one by
one, a crash in between leaves a mix (rows without phases, or phases of sessions the main
file never got: orphans). So a transaction:

1. stages every new month file beside its final name (`.YYYY-MM.json.TX.staged`, fsynced);
2. writes the intent `NAME.commit.json` listing the staged files and the transaction id;
3. replaces the main file atomically with its meta table carrying `tx` = that id: the
   commit point;
4. renames the staged files into place, then deletes the intent.

On the next open (and before every transaction) `settle()` finishes or undoes what a crash
left: when the main file carries the intent's id the renames are completed (roll forward),
otherwise the staged files are deleted (roll back). Staged files no intent covers are
leftovers of a crash before step 2 and are deleted too. Callers hold the store's lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from glute_tui.store.atomic import _fsync_dir, atomic_write_json, dumps
from glute_tui.store.files import NotAFileError, read_regular_text

STAGED_SUFFIX = ".staged"


def intent_path(db: Path) -> Path:
    return db.with_name(db.stem + ".commit.json")


def new_tx() -> str:
    return secrets.token_hex(8)


def tx_of(tables: Mapping[str, Any] | None) -> str | None:
    meta = (tables or {}).get("meta") or {}
    if not isinstance(meta, Mapping):
        return None
    for doc in meta.values():
        if isinstance(doc, Mapping) and isinstance(doc.get("tx"), str):
            return str(doc["tx"])
    return None


def set_tx(tables: dict[str, Any], tx: str) -> None:
    meta = tables.setdefault("meta", {})
    doc = next(iter(meta.values()), None) if meta else None
    if isinstance(doc, dict):
        doc["tx"] = tx
    else:
        meta["1"] = {"schema": 1, "tx": tx}


def stage(final: Path, data: Any, tx: str) -> Path:
    """Write `data` durably under a staged name beside `final`; returns the staged path."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staged = final.with_name(f".{final.name}.{tx}{STAGED_SUFFIX}")
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(dumps(data))
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(staged)
        raise
    return staged


def write_intent(db: Path, tx: str, staged: Mapping[Path, Path]) -> None:
    atomic_write_json(
        intent_path(db),
        {"tx": tx, "files": [[str(s), str(f)] for f, s in staged.items()]},
    )


def finish(db: Path, staged: Mapping[Path, Path]) -> None:
    """After the commit point: move the staged files into place, drop the intent."""
    folders = set()
    for final, st in staged.items():
        if st.exists():
            os.replace(st, final)
            folders.add(final.parent)
    for folder in folders:
        _fsync_dir(folder)
    intent_path(db).unlink(missing_ok=True)


def abandon(db: Path, staged: Mapping[Path, Path]) -> None:
    """Before (or instead of) the commit point: remove everything staged."""
    for st in staged.values():
        with contextlib.suppress(OSError):
            os.unlink(st)
    with contextlib.suppress(OSError):
        intent_path(db).unlink()


def settle(db: Path, phases_dir: Path, main_tables: Mapping[str, Any] | None) -> str | None:
    """Finish or undo a transaction a crash interrupted. Returns "forward", "back" or None
    (nothing to do)."""
    outcome = None
    ipath = intent_path(db)
    covered: set[Path] = set()
    if ipath.exists():
        try:
            intent = json.loads(read_regular_text(ipath))  # a FIFO there: no hang
            files = {Path(f): Path(s) for s, f in intent["files"]}
            tx = str(intent["tx"])
        except (OSError, ValueError, KeyError, TypeError, NotAFileError):
            files, tx = {}, ""
        if tx and tx_of(main_tables) == tx:
            finish(db, files)
            outcome = "forward"
        else:
            abandon(db, files)
            outcome = "back"
        covered = set(files.values())
    if phases_dir.is_dir():
        for leftover in phases_dir.glob(f".*{STAGED_SUFFIX}"):
            if leftover not in covered:
                with contextlib.suppress(OSError):
                    leftover.unlink()
                    outcome = outcome or "back"
    return outcome
