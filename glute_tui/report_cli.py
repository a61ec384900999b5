"""`glute-tui report [--weeks N] [--out FILE.html]`: the physio report, headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glute_tui.core.report_span import DEFAULT_WEEKS, MAX_WEEKS
from glute_tui.core.words import plural


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_WEEKS}")
    return value


def add_report_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    rep = sub.add_parser(
        "report",
        parents=[common],
        help="write a one-page HTML report of your progress for your physio",
    )
    rep.add_argument(
        "--weeks",
        type=_weeks,
        default=DEFAULT_WEEKS,
        metavar="N",
        help=f"how many weeks back (default {DEFAULT_WEEKS})",
    )
    rep.add_argument(
        "--out",
        metavar="FILE.html",
        help="where to save it (default glute-tui-report-DATE.html here; '-' prints it)",
    )
    rep.add_argument("--name", default="", metavar="NAME", help="your name, for its title")
    rep.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)


def run_report(open_store: Callable[[Path], Any], db: Path, args: argparse.Namespace) -> int:
    from datetime import date, datetime

    from glute_tui.store import shipped
    from glute_tui.store.report import default_report_name, report_html, write_report

    try:
        today = date.fromisoformat(args.today) if args.today else datetime.now().astimezone().date()
    except ValueError:
        print(f"glute-tui: --today {args.today!r} is not a YYYY-MM-DD date", file=sys.stderr)
        return 2
    out = args.out or default_report_name(today)
    if out != "-" and not out.lower().endswith((".html", ".htm")):
        print(
            f"glute-tui: {out} does not end in .html; the report is an HTML file", file=sys.stderr
        )
        return 2
    if not db.exists():
        print(
            f"glute-tui: no history at {db} yet; train first, then make a report", file=sys.stderr
        )
        return 2
    store = open_store(db)
    target = shipped.protocols().hold.sessions_target
    if out == "-":
        sys.stdout.write(report_html(store, today, args.weeks, target, who=args.name))
        return 0
    path = write_report(store, Path(out).expanduser(), today, args.weeks, target, args.name)
    print(f"report of the last {plural(args.weeks, 'week')} saved to {path}", file=sys.stderr)
    return 0
