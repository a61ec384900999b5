"""`glute-tui remind install --at 08:00,13:00,19:00 | remove | status | now`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_remind_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    rem = sub.add_parser(
        "remind",
        parents=[common],
        help="reminders at set times that say what is still due today",
        description=(
            "install writes a systemd user timer (or prints the cron line / launchd agent "
            "where there is no systemd); remove undoes it; status shows it; now sends the "
            "reminder (nothing when today is done)."
        ),
    )
    rem.add_argument("action", choices=("install", "remove", "status", "now"), metavar="ACTION")
    rem.add_argument(
        "--at",
        metavar="HH:MM,...",
        default="08:00,13:00,19:00",
        help="times of day for install (default 08:00,13:00,19:00)",
    )
    rem.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)


def run_remind(
    db: Path,
    args: argparse.Namespace,
    run: Any = None,
    env: Any = None,
    kind: str | None = None,
    send: Any = None,
) -> int:
    """The command; `run`, `env`, `kind` and `send` are injectable for tests."""
    from glute_tui.core.reminders import parse_times
    from glute_tui.store import reminders as rm

    run = run or rm.run_command
    env = rm.environment() if env is None else env
    if args.action == "install":
        try:
            times = parse_times(args.at)
        except ValueError as exc:
            print(f"glute-tui: --at: {exc}", file=sys.stderr)
            return 2
        lines = rm.install(times, rm.remind_command(db), env, run, kind or rm.scheduler())
    elif args.action == "remove":
        lines = rm.remove(env, run)
    elif args.action == "status":
        lines = rm.status(env, run)
    else:
        return _now(db, args.today, send or rm.notify)
    for line in lines:
        print(line.rstrip("\n"))
    return 0


def _now(db: Path, today_text: str | None, send: Any) -> int:
    from datetime import date, datetime

    from glute_tui.store import shipped
    from glute_tui.store.digest import build_digest, read_digest
    from glute_tui.store.reminders import due_today

    try:
        today = date.fromisoformat(today_text) if today_text else datetime.now().astimezone().date()
    except ValueError:
        print(f"glute-tui: --today {today_text!r} is not a YYYY-MM-DD date", file=sys.stderr)
        return 2
    target = shipped.protocols().hold.sessions_target
    digest = read_digest(db)
    if digest is None:
        if db.exists():
            from glute_tui.store.history import HistoryStore

            store = HistoryStore.open(db)
            digest = read_digest(db) or build_digest(
                store.rows(), {"settings": store.settings(), "pauses": store.pauses()}, target
            )
        else:
            digest = build_digest([], {}, target)
    from glute_tui.core.programme import ProgrammeError
    from glute_tui.today_cmd import today_for

    try:
        programme = today_for(db, today)
    except ProgrammeError as exc:
        print(f"glute-tui: {exc}", file=sys.stderr)
        return 2
    text = due_today(digest, today, programme.due)
    if text is None:
        return 0  # the day is done (or paused): say nothing
    how = send("glute-tui", text)
    if how == "none":
        print(text)
    return 0
