"""`glute-tui today [--json] [--as-of YYYY-MM-DD]`: the programme for one day, headless.

Fast like `stats`: the main data file is read with the json module alone (read-only, no
lock; no textual, tinydb or filelock). Only a file that cannot be read opens the store,
which moves it aside and says where. `--as-of` replays the programme as it stood at the end
of that day from the history up to it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from glute_tui.core.programme import (
    Checkpoint,
    History,
    Programme,
    ProgrammeError,
    Settings,
    Today,
    Verdict,
    read_settings,
    walk,
)

EXIT_USAGE = 2


def run(db: Path, as_json: bool, as_of_text: str | None) -> int:
    try:
        as_of = date.fromisoformat(as_of_text) if as_of_text else datetime.now().astimezone().date()
    except ValueError:
        return _fail(f"--as-of {as_of_text!r} is not a YYYY-MM-DD date")
    from glute_tui.store.errors import check_path

    check_path(db, write=False)  # a FIFO or a device is refused before it is read
    try:
        today = today_for(db, as_of)
    except ProgrammeError as exc:
        return _fail(str(exc))
    try:
        sys.stdout.write(json.dumps(today.to_dict()) + "\n" if as_json else text(today))
        sys.stdout.flush()
    except BrokenPipeError:  # `glute-tui today | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _fail(message: str) -> int:
    print(f"glute-tui: {message}", file=sys.stderr)
    return EXIT_USAGE


class Input(NamedTuple):
    """What the programme on a day is folded from: the records (all of them, or those a
    resumed fold reads), the checkpoint to resume from (None: fold from the first record),
    the settings, the re-assessment interval, the shipped programme and the routines."""

    history: History
    start: Checkpoint | None
    settings: Settings
    reassess_days: int
    programme: Programme
    loggable: tuple[str, ...]


def today_for(db: Path, as_of: date) -> Today:
    """The programme on `as_of` (see `programme_input`)."""
    return day_from(programme_input(db, as_of), as_of)


def day_from(p: Input, as_of: date) -> Today:
    """The programme on `as_of` from what `programme_input(db, as_of)` read, with the
    re-assessment note when one is due."""
    today = walk(p.history, as_of, as_of, p.programme, p.settings, p.loggable, start=p.start)[-1]
    return with_reassessment(today, _last_verdict(p.history, p.start, as_of), p.reassess_days)


def programme_input(db: Path, as_of: date) -> Input:
    """From the cache (programme_cache.py) when it matches the data file and `as_of` is
    after its checkpoint, else from the whole data file (which then refreshes the cache)."""
    from glute_tui.core.routines.catalogue import IDS
    from glute_tui.store import programme_cache as cache
    from glute_tui.store.programme_input import (
        UnreadableFile,
        history_from,
        read_tables,
        shipped_programme,
    )

    loggable = IDS  # every routine a session may belong to (core/routines/catalogue.py)
    programme = shipped_programme()
    conf = cache.conf(loggable)
    cached = cache.load(db, conf)
    if cached is not None and as_of > cached.checkpoint.day:
        cp, recent = cached.checkpoint, cached.recent
        return Input(recent, cp, cached.settings, cached.reassess_days, programme, loggable)
    # an older day needs the whole file; a good cache need not be written again
    key = None if cached is not None else cache.file_key(db)
    try:
        rows, assessments, kv = read_tables(db)
        history = history_from(rows, assessments, kv)
    except (UnreadableFile, KeyError, TypeError, ValueError, AttributeError):
        rows, assessments, kv = _through_store(db)  # moves a damaged file aside, says so
        history = history_from(rows, assessments, kv)
        key = None
    raw = kv.get("settings")
    settings = read_settings(raw if isinstance(raw, dict) else {})
    days = _reassess_days()
    if key is not None and key == cache.file_key(db):  # unchanged while it was read
        saved = cache.rebuild(db, key, conf, history, programme, settings, loggable, days)
        if saved is not None and as_of > saved[0].day:  # go on from the state just saved
            return Input(saved[1], saved[0], settings, days, programme, loggable)
    return Input(history, None, settings, days, programme, loggable)


def _reassess_days() -> int:
    """The protocol's re-assessment interval (data/protocols.json, read and checked)."""
    from glute_tui.store import shipped

    return shipped.protocols().reassess_days


REASSESS_DUE = "A re-assessment is due"


def _last_verdict(history: History, cp: Checkpoint | None, as_of: date) -> Verdict | None:
    """The latest self-assessment verdict on or before `as_of` (a resumed walk keeps the
    one before its checkpoint in the checkpoint)."""
    found = [v for v in history.verdicts if v.day <= as_of]
    if cp is not None and cp.verdict is not None:
        found.append(cp.verdict)
    return max(found, key=lambda v: v.day, default=None)


def with_reassessment(today: Today, last: Verdict | None, days: int | None = None) -> Today:
    """`today` with a note that a re-assessment is due when the last self-assessment is
    `days` old or more (the protocol's re-assessment interval, as the assessment screen
    says), unless a note already says so. No note without an assessment (the programme
    already asks for a first one) or after a red flag (training is stopped)."""
    if last is None or last.red_flag or any(REASSESS_DUE in n for n in today.notes):
        return today
    if days is None:
        days = _reassess_days()
    if (today.date - last.day).days < days:
        return today
    note = f"{REASSESS_DUE} (the last one was on {last.day.isoformat()})."
    return replace(today, notes=(*today.notes, note))


def _through_store(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    import os

    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(db, lock_timeout=float(os.environ.get("GLUTE_TUI_LOCK_TIMEOUT", "5")))
    if store.moved_aside is not None:
        print(
            f"glute-tui: {db} could not be read, so it was moved aside to "
            f"{store.moved_aside}; nothing was deleted",
            file=sys.stderr,
        )
    kv = {k: store.kv(k) for k in ("settings", "pauses", "programme_stage_changes")}
    return (
        store.row_dicts(),
        store.assessment_dicts(),
        {k: v for k, v in kv.items() if v is not None},
    )


def _due_lines(today: Today) -> list[str]:
    """'Due:' and one line per routine (its title, each side's done of target), in
    the programme's order; 'Due: nothing' when nothing is."""
    from glute_tui.core.routines.catalogue import ABOUT

    if not today.due:
        return ["Due: nothing"]
    sides: dict[str, list[str]] = {}
    for d in today.due:
        mark = " done" if d.done >= d.target else ""
        sides.setdefault(d.routine, []).append(f"{d.side} {d.done} of {d.target}{mark}")
    titles = {r: ABOUT[r].title if r in ABOUT else r.replace("_", " ") for r in sides}
    width = max(len(t) for t in titles.values())
    return ["Due:"] + [f"  {titles[r]:{width}}  {', '.join(s)}" for r, s in sides.items()]


_STAGE_NAMES = {"activate": "Activate", "integrate": "Integrate", "strengthen": "Strengthen"}
_STAGE_NAMES["return"] = "Return"


def text(today: Today) -> str:
    """A few plain lines: stage and week, load, what is due, the gate, what changed."""
    lines = [
        f"{today.date.isoformat()}: {_STAGE_NAMES[today.stage]}, week {today.week} "
        f"(since {today.since.isoformat()})"
    ]
    if today.step < 0:
        steps = -today.step
        lines.append(f"Load: {steps} step{'s' if steps > 1 else ''} lower ({today.why})")
    else:
        lines.append("Load: the stage's usual")
    lines += _due_lines(today)
    waiting = [f"{g.need} (now {g.have})" for g in today.gate if not g.met]
    if today.gate:
        lines.append("Next stage: " + ("; ".join(waiting) if waiting else "every check is met"))
    lines += today.notes
    return "\n".join(lines) + "\n"
