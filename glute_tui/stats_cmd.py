"""`glute-tui stats`: today, streaks and adherence in brief, fast (no Textual, no TinyDB
on the usual path: it reads the digest next to the data file for what was done, and the
programme cache, as `glute-tui today` does, for what the programme asks and its adherence)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glute_tui.cli_error import CliError

if TYPE_CHECKING:
    from glute_tui.core.programme_types import Today


def run_stats(
    open_store: Callable[..., Any], db: Path, as_json: bool, today_text: str | None
) -> int:
    """Fast path: read the digest next to the data file (no tinydb, no textual, no years
    of JSON). Slow path, when it is missing or stale: open the store, which rewrites it."""
    from datetime import datetime

    from glute_tui.core.pauses import paused_days
    from glute_tui.core.stats import stats_summary, stats_text
    from glute_tui.store.digest import build_digest, read_digest

    try:
        today = date.fromisoformat(today_text) if today_text else datetime.now().astimezone().date()
    except ValueError:
        raise CliError(f"--today {today_text!r} is not a YYYY-MM-DD date") from None
    from glute_tui.store.errors import check_path

    check_path(db, write=False)
    # an unfinished session's journal means the digest misses it: take the slow path,
    # which recovers it first
    journal = db.with_name(db.stem + ".journal.json")
    digest = None if journal.exists() else read_digest(db)
    if digest is None:
        if db.exists():
            store = open_store(db, write=False)
            digest = read_digest(db) or build_digest(
                store.rows(),
                {"settings": store.settings(), "pauses": store.pauses()},
                hold_target(),
            )
        else:  # no history yet: say so without creating a file
            digest = build_digest([], {}, hold_target())
    summary = stats_summary(
        digest["days"],
        today,
        digest["pauses"],
        digest["hold_target"],
        digest["circuit_target"],
        [(str(rid), str(title)) for rid, title in digest["routines"]],
        *programme_of(db, today),
    )
    if as_json:
        import json

        print(json.dumps(summary))
    else:
        sys.stdout.write(stats_text(summary, today, today in paused_days(digest["pauses"])))
    return 0


STATS_DAYS = 28  # the longest window `stats` shows


def programme_of(db: Path, today: date) -> tuple[Today, dict[date, tuple[int, int]]]:
    """The programme's day and its (done, due) per day over the 28 days before `today`:
    from the programme cache when it matches (a few days folded), else from the whole file
    (which refreshes the cache). No data file: the programme's first day, nothing judged."""
    from glute_tui.core.programme_adherence import adherence_days
    from glute_tui.today_cmd import day_from, programme_input

    p = programme_input(db, today)
    args = (p.programme, p.settings, p.loggable)
    day = day_from(p, today)
    first = today - timedelta(days=STATS_DAYS)
    yesterday = today - timedelta(days=1)
    # from a checkpoint of yesterday, its kept days are the answer and nothing is folded
    return day, adherence_days(p.history, first, yesterday, *args, start=p.start)


def hold_target() -> int:
    from glute_tui.store import shipped

    return shipped.protocols().hold.sessions_target
