"""The history file's tables as plain data: schema migrations, the checked views the
store keeps in memory, the kv helpers a transaction uses and the import merge rule.

Pure functions over dicts (and a TinyDB handle for the kv helpers); HistoryStore
(history.py, history_files.py) owns the files and the lock.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, MutableMapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from glute_tui.core.model import Assessment, SessionRow
from glute_tui.core.records import RecordError
from glute_tui.store.errors import StoreError
from glute_tui.store.files import read_regular_bytes

SCHEMA_VERSION = 1
V = TypeVar("V", SessionRow, Assessment)
TABLES = ("sessions", "assessments", "kv")


# ---- migrations: small pure functions from version N to N+1 ----------------------------
def _migrate_0_to_1(tables: dict[str, Any]) -> dict[str, Any]:
    """Files written before the schema was recorded: add the meta table."""
    tables.setdefault("sessions", {})
    tables.setdefault("assessments", {})
    tables.setdefault("kv", {})
    tables["meta"] = {"1": {"schema": 1}}
    return tables


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def schema_of(tables: Mapping[str, Any]) -> int:
    meta = tables.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, Mapping) and isinstance(doc.get("schema"), int):
            return int(doc["schema"])
    return 0


def migrate(tables: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Bring a file's tables up to SCHEMA_VERSION. Returns (tables, changed)."""
    version = schema_of(tables)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the data file was written by a newer glute-tui (schema {version}); "
            "update glute-tui to open it"
        )
    changed = False
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        changed = True
    return tables, changed


# ---- paths -----------------------------------------------------------------------------
def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.stem + suffix)


class DamagedError(StoreError):
    """The file is JSON, but its tables do not have the shape glute-tui writes."""


def views(
    data: Mapping[str, Any], path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The rows, assessments and kv of a file's tables; DamagedError when the shape is
    not what glute-tui writes (a hand edit, another program). Each record's fields are
    checked once, by typed_views, which the store always runs on these views.

    The rows are copies: TinyDB changes the storage's cached dicts in place on a write,
    and the frozen values keep their record."""
    try:
        if any(not isinstance(data.get(t, {}), dict) for t in ("meta", *TABLES)):
            raise ValueError("a table is not a JSON object")
        rows = sorted(
            (dict(r) for r in (data.get("sessions") or {}).values()),
            key=lambda r: (r["started_at"], r["id"]),
        )
        assessments = sorted(
            (dict(a) for a in (data.get("assessments") or {}).values()),
            key=lambda a: (a["taken_at"], a["id"]),
        )
        kv = {d["key"]: d["value"] for d in (data.get("kv") or {}).values()}
    except (KeyError, TypeError, AttributeError, ValueError):
        # Valid JSON, but not the shape this file must have: as unreadable as broken
        # JSON, and never a crash later on.
        raise DamagedError(
            f"{path} holds entries glute-tui cannot read; restart glute-tui to move it aside"
        ) from None
    return rows, assessments, kv


def typed_views(
    rows: list[dict[str, Any]],
    assessments: list[dict[str, Any]],
    known: tuple[list[SessionRow], list[Assessment]],
    path: Path,
) -> tuple[list[SessionRow], list[Assessment]]:
    """The checked views as the frozen values the store hands out (core/model.py).

    Converted once per load of the file, not per read. `known` is the last load's: a
    record that is still equal to the one a value was built from keeps that value, so a
    write to a history of ten years converts the one session it changed, not all of them.
    DamagedError when a record is not one glute-tui writes (the file is then handled like
    any damaged file)."""
    old_rows = {r.id: r for r in known[0]}
    old_assessments = {a.id: a for a in known[1]}
    try:
        typed_rows = [_same(old_rows.get(r["id"]), r) or SessionRow.from_dict(r) for r in rows]
        typed_assessments = [
            _same(old_assessments.get(a["id"]), a) or Assessment.from_dict(a) for a in assessments
        ]
    except RecordError as exc:
        raise DamagedError(
            f"{path} holds an entry glute-tui cannot read ({exc}); restart glute-tui to "
            "move it aside"
        ) from None
    except (KeyError, TypeError, AttributeError, ValueError):  # e.g. an id that is a list
        raise DamagedError(
            f"{path} holds entries glute-tui cannot read; restart glute-tui to move it aside"
        ) from None
    return typed_rows, typed_assessments


def _same(value: V | None, record: Mapping[str, Any]) -> V | None:
    return value if value is not None and value.record == record else None


def load_shard(path: Path) -> dict[str, Any]:
    data = json.loads(read_regular_bytes(path))
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{path} is not a phase file")
    return data


def merged_kv(key: str, have: Any, incoming: Any) -> Any:
    """What an import (or a demo history) leaves for a kv entry the file already has.

    An import merges: pauses are joined, settings and cue lists are laid over the ones in
    the file (what the file has and the import lacks stays), and the newer plan wins. So
    importing an older backup never drops a pause, cue edit or plan made since."""
    if have is None:
        return incoming
    if key == "pauses" and isinstance(have, list) and isinstance(incoming, list):
        out: list[Any] = []
        for p in [*have, *incoming]:
            if p not in out:
                out.append(p)
        return sorted(out, key=lambda p: (str(p.get("start")), str(p.get("end"))))
    if (
        key in ("settings", "cues", "day_notes")
        and isinstance(have, Mapping)
        and isinstance(incoming, Mapping)
    ):
        return {**have, **incoming}
    if key == "plan" and isinstance(have, Mapping) and isinstance(incoming, Mapping):
        newer = str(incoming.get("created_at") or "") >= str(have.get("created_at") or "")
        return incoming if newer else have
    return incoming


def replace_with(row: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def transform(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(row)

    return transform


def unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item["id"] not in seen:
            seen.add(item["id"])
            out.append(item)
    return out


def kv_get(db: TinyDB, key: str) -> Any:
    for doc in db.table("kv").all():
        if doc.get("key") == key:
            return doc.get("value")
    return None


def kv_put(db: TinyDB, key: str, value: Any) -> None:
    table = db.table("kv")
    ids = [d.doc_id for d in table.all() if d.get("key") == key]
    if ids:
        table.update({"value": value}, doc_ids=ids)
    else:
        table.insert({"key": key, "value": value})


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
