"""A cache for `glute-tui today`: the programme's state shortly before the last record.

`NAME.programme.json` holds a core `Checkpoint` (the fold at the end of day D, the day
before the last session, assessment or stage change), the programme records from D - 14
on, the user's programme settings, and the identity (inode, size, mtime_ns) of the data
file it was built from, and the shipped protocol's re-assessment interval (so the fast
path need not read and check data/protocols.json and exercises.json). `today` for any day
after D then reads a few kilobytes and folds a few days, instead of parsing and folding
years of history. A cache that does not match the
data file as it is now, or does not parse, is ignored and rebuilt; a failed write is
ignored. Older days (`--as-of` on or before D) always take the full path.

After a write the cache no longer matches the file, but the fold up to its checkpoint
depends only on the records dated up to that day (and the settings), so the cache also
keeps a CRC of those (`prefix`). When the records re-read from the changed file give the
same CRC, the old checkpoint still holds and `save` goes on from it instead of folding
every year again (`reusable`); a checkpoint more than REUSE_DAYS behind is folded anew.

The store calls `refresh` after every write it makes (history_files.py, as it rewrites the
stats digest), so `today` after a session saved by the app, an import or any other
glute-tui write finds a cache that matches: only a file changed by another program, or a
deleted cache, sends it down the whole-file path.

Imported on the fast path: no tinydb, filelock or textual.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from glute_tui import __version__
from glute_tui.core.programme import (
    Checkpoint,
    DaySession,
    History,
    MorningPain,
    Programme,
    Settings,
    StageChange,
    Verdict,
    checkpoint,
    read_settings,
)
from glute_tui.store.data_files import read_bytes
from glute_tui.store.files import NotAFileError, read_regular_text

CACHE_VERSION = 5  # 2: the re-assessment interval; conf checks protocols.json too; 3: prefix;
# 4: the paused days in the stage (a paused day is not a day in the stage); 5: 27 weeks of
# adherence in the checkpoint (for `stats` and the history screen)
REUSE_DAYS = 28  # an older checkpoint is folded anew, so the records kept stay few


def cache_path(db: Path) -> Path:
    return db.with_name(db.stem + ".programme.json")


def file_key(db: Path) -> list[int] | None:
    try:
        st = os.stat(db)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def conf(loggable: tuple[str, ...]) -> str:
    """What else the cached state depends on: the app version, the shipped programme and
    protocol numbers (a CRC of each file: a changed file is a different cache, and zlib
    costs start-up far less than hashlib), the routines that can be logged."""
    sums = [f"{zlib.crc32(read_bytes(name)):08x}" for name in ("programme.json", "protocols.json")]
    return f"{__version__}|{'.'.join(sums)}|{','.join(sorted(loggable))}"


def _d(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _verdict(v: Verdict) -> dict[str, Any]:
    return {
        "day": v.day.isoformat(),
        "weak_side": v.weak_side,
        "tight": v.tight,
        "lsis": dict(v.lsis),
        "red_flag": v.red_flag,
        "first": v.first,
    }


def _from_verdict(raw: dict[str, Any]) -> Verdict:
    return Verdict(
        date.fromisoformat(raw["day"]),
        raw["weak_side"],
        bool(raw["tight"]),
        {str(k): float(x) for k, x in raw["lsis"].items()},
        bool(raw["red_flag"]),
        raw["first"],
    )


def save(
    db: Path,
    key: list[int],
    conf_text: str,
    history: History,
    programme: Programme,
    settings: Settings,
    loggable: tuple[str, ...],
    reassess_days: int,
    start: tuple[Checkpoint, str] | None = None,
) -> tuple[Checkpoint, History] | None:
    """Write the cache; the checkpoint and the recent records it holds (None: no records).
    `reassess_days`: the shipped protocol's, as read (and checked) from protocols.json.
    `start`: a checkpoint `reusable` found still true for this history (with its prefix
    CRC), used instead of a new fold when it is at most REUSE_DAYS before the day the new
    one would be."""
    # the day before the last session, assessment or stage change (a next-morning answer is
    # dated the day after its session, so it does not push the checkpoint past today)
    days = [s.day for s in history.sessions] + [v.day for v in history.verdicts]
    days += [c.day for c in history.changes]
    if not days:
        return None
    through = max(days) - timedelta(days=1)
    if start is not None and 0 <= (through - start[0].day).days <= REUSE_DAYS:
        cp, prefix = start  # still the fold at the end of its day (reusable checked)
    else:
        cp = checkpoint(history, through, programme, settings, loggable)
        prefix = prefix_sum(history, cp.day, settings)
    first = cp.day - timedelta(days=Checkpoint.LOOKBACK_DAYS)
    recent = History(
        sessions=[s for s in history.sessions if s.day >= first],
        mornings=[m for m in history.mornings if m.day >= first],
        verdicts=[v for v in history.verdicts if v.day >= first],
        changes=[c for c in history.changes if c.day >= first],
        paused=frozenset(d for d in history.paused if d >= first),
    )
    data = {
        "version": CACHE_VERSION,
        "key": key,
        "conf": conf_text,
        "reassess_days": reassess_days,
        "settings": settings.__dict__,
        "prefix": prefix,
        "checkpoint": {
            "day": cp.day.isoformat(),
            "stage": cp.stage,
            "since": _d(cp.since),
            "started": cp.started,
            "step": cp.step,
            "why": cp.why,
            "bad": [d.isoformat() for d in cp.bad],
            "good_run": cp.good_run,
            "verdict": None if cp.verdict is None else _verdict(cp.verdict),
            "adherence": [[d.isoformat(), a, b] for d, a, b in cp.adherence],
            "paused": cp.paused,
        },
        "sessions": [
            [s.routine, s.day.isoformat(), s.side, s.sets, s.glutes_stopped_sets, s.status]
            for s in recent.sessions
        ],
        "mornings": [[m.day.isoformat(), m.value] for m in recent.mornings],
        "verdicts": [_verdict(v) for v in recent.verdicts],
        "changes": [[c.day.isoformat(), c.stage, c.reason] for c in recent.changes],
        "paused": sorted(d.isoformat() for d in recent.paused),
    }
    path = cache_path(db)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, separators=(",", ":")))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache: a read-only folder only costs speed
    finally:
        if tmp.exists():
            tmp.unlink()
    return cp, recent


def prefix_sum(history: History, through: date, settings: Settings) -> str:
    """A CRC of everything the fold up to the end of `through` reads: the records dated
    on or before it and the settings (the shipped files and routines are in `conf`)."""
    parts = [
        sorted(settings.__dict__.items()),
        [
            [s.routine, s.day.isoformat(), s.side, s.sets, s.glutes_stopped_sets, s.status]
            for s in history.sessions
            if s.day <= through
        ],
        [[m.day.isoformat(), m.value] for m in history.mornings if m.day <= through],
        [_verdict(v) for v in history.verdicts if v.day <= through],
        [[c.day.isoformat(), c.stage, c.reason] for c in history.changes if c.day <= through],
        sorted(d.isoformat() for d in history.paused if d <= through),
    ]
    text = json.dumps(parts, separators=(",", ":"), sort_keys=True)
    return f"{zlib.crc32(text.encode()):08x}"


def reusable(
    db: Path, conf_text: str, history: History, settings: Settings
) -> tuple[Checkpoint, str] | None:
    """The checkpoint of a cache built from an older state of the data file and its prefix
    CRC, when the records up to its day (and the settings) are still the same in
    `history`; else None."""
    try:
        data = json.loads(read_regular_text(cache_path(db)))  # a FIFO there: no hang
        if data.get("version") != CACHE_VERSION or data.get("conf") != conf_text:
            return None
        cp = _checkpoint(data["checkpoint"])
        prefix = prefix_sum(history, cp.day, settings)
        if data.get("prefix") != prefix:
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, NotAFileError):
        return None
    return cp, prefix


def rebuild(
    db: Path,
    key: list[int],
    conf_text: str,
    history: History,
    programme: Programme,
    settings: Settings,
    loggable: tuple[str, ...],
    reassess_days: int,
) -> tuple[Checkpoint, History] | None:
    """`save` for the data file whose identity is `key` and whose records are `history`,
    going on from the old cache's checkpoint when `reusable` finds it still true."""
    start = reusable(db, conf_text, history, settings)
    return save(db, key, conf_text, history, programme, settings, loggable, reassess_days, start)


def refresh(
    db: Path,
    key: tuple[int, int, int] | list[int],
    rows: Iterable[Mapping[str, Any]],
    assessments: Iterable[Mapping[str, Any]],
    kv: Mapping[str, Any],
) -> None:
    """Bring the cache up to date with the records the store just wrote (`key`: the data
    file's identity after that write). A cache: failing never fails the write, so every
    error but a programming one is swallowed here."""
    from glute_tui.core.routines.catalogue import IDS
    from glute_tui.store import shipped
    from glute_tui.store.programme_input import history_from, shipped_programme

    try:
        history = history_from(rows, assessments, kv)
        raw = kv.get("settings")
        settings = read_settings(raw if isinstance(raw, Mapping) else {})
        days = shipped.protocols().reassess_days
        rebuild(db, list(key), conf(IDS), history, shipped_programme(), settings, IDS, days)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # ProgrammeError is a ValueError: the next `today` says what is wrong


def _checkpoint(c: dict[str, Any]) -> Checkpoint:
    return Checkpoint(
        date.fromisoformat(c["day"]),
        int(c["stage"]),
        None if c["since"] is None else date.fromisoformat(c["since"]),
        bool(c["started"]),
        int(c["step"]),
        c["why"],
        tuple(date.fromisoformat(d) for d in c["bad"]),
        int(c["good_run"]),
        None if c["verdict"] is None else _from_verdict(c["verdict"]),
        tuple((date.fromisoformat(d), int(a), int(b)) for d, a, b in c["adherence"]),
        int(c["paused"]),
    )


class Cached(NamedTuple):
    checkpoint: Checkpoint
    recent: History  # the records from the checkpoint's lookback on
    settings: Settings
    reassess_days: int


def load(db: Path, conf_text: str) -> Cached | None:
    """The cached checkpoint, the recent records, the settings and the re-assessment
    interval, when the cache matches the data file as it is now; else None."""
    key = file_key(db)
    if key is None:
        return None
    try:
        data = json.loads(read_regular_text(cache_path(db)))  # a FIFO there: no hang
        if (
            data.get("version") != CACHE_VERSION
            or data.get("key") != key
            or data.get("conf") != conf_text
        ):
            return None
        cp = _checkpoint(data["checkpoint"])
        history = History(
            sessions=tuple(
                DaySession(r, date.fromisoformat(d), side, n, stop, status)
                for r, d, side, n, stop, status in data["sessions"]
            ),
            mornings=tuple(MorningPain(date.fromisoformat(d), v) for d, v in data["mornings"]),
            verdicts=tuple(_from_verdict(v) for v in data["verdicts"]),
            changes=tuple(
                StageChange(date.fromisoformat(d), s, why) for d, s, why in data["changes"]
            ),
            paused=frozenset(date.fromisoformat(d) for d in data["paused"]),
        )
        settings = Settings(**data["settings"])
        days = data["reassess_days"]
        if type(days) is not int or days < 1:
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, NotAFileError):
        return None
    return Cached(cp, history, settings, days)
