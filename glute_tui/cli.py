"""Command line: start the app at a screen, or run a headless command.

Imports are lazy so that headless commands never load Textual and the app starts fast.
Every expected failure prints one line to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from glute_tui import __version__
from glute_tui.core.words import plural, routine_word
from glute_tui.ui.registry import SCREEN_NAMES

SCREENS = ("home", *SCREEN_NAMES)
HEADLESS = ("export", "import", "demo-history", "screenshots", "stats", "today", "report", "remind")
EXIT_USAGE = 2


class CliError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the data file (default: $GLUTE_TUI_DB, else your user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="glute-tui",
        description="A keyboard-first coach for glute-imbalance rehab.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"glute-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    screen_parsers = {
        name: sub.add_parser(name, parents=[common], help=f"open the app at the {name} screen")
        for name in SCREENS
    }
    if "cues" in screen_parsers:
        cues = screen_parsers["cues"]
        cues.description = (
            "Without an action, open the cue editor. `cues export FILE` writes every "
            "exercise's cues to a JSON file (FILE '-' prints them); `cues import FILE` "
            "checks the whole file and only then saves its cues as yours."
        )
        cues.add_argument(
            "action",
            nargs="?",
            choices=("export", "import"),
            metavar="ACTION",
            help="export or import; leave out to open the editor",
        )
        cues.add_argument(
            "file", nargs="?", metavar="FILE", help="the cue file ('-' exports to the screen)"
        )
    exp = sub.add_parser("export", parents=[common], help="print or save the whole history")
    exp.add_argument("--format", choices=("json", "csv"), default="json")
    exp.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    imp = sub.add_parser("import", parents=[common], help="merge an export into the history")
    imp.add_argument("file", metavar="FILE")
    demo = sub.add_parser(
        "demo-history", parents=[common], help="write a synthetic history (for trying things)"
    )
    demo.add_argument("--years", type=_whole_years, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=7, metavar="S")
    demo.add_argument("--force", action="store_true", help="add to a file that already has data")
    stats = sub.add_parser(
        "stats", parents=[common], help="today, streaks, habit strength and adherence, in brief"
    )
    stats.add_argument("--json", action="store_true", help="print JSON instead of text")
    stats.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    # the physio report (logic in glute_tui/report_cli.py)
    from glute_tui.report_cli import add_report_parser

    add_report_parser(sub, common)
    from glute_tui.remind_cli import add_remind_parser  # reminders (glute_tui/remind_cli.py)

    add_remind_parser(sub, common)
    today = sub.add_parser(  # the programme for one day (logic in today_cmd.py)
        "today", parents=[common], help="the programme today: stage, load, what is due"
    )
    today.add_argument("--json", action="store_true", help="print JSON instead of text")
    today.add_argument("--as-of", metavar="YYYY-MM-DD", help="replay the end of that day")
    shots = sub.add_parser(
        "screenshots", parents=[common], help="render every screen to SVG (for the README)"
    )
    shots.add_argument("--out", default="screenshots", metavar="DIR")
    from glute_tui import floor  # `sound test` and `serve`

    floor.add_parsers(sub, common)
    return parser


def _whole_years(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of years (1 to 50)"
        ) from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError("must be a whole number of years from 1 to 50")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from glute_tui.paths import DataPathError, resolve_db_path

    try:
        db = resolve_db_path(getattr(args, "db", None))
    except DataPathError as exc:
        print(f"glute-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    command = args.command or "home"
    try:
        if command == "export":
            return _export(db, args.format, args.out)
        if command == "import":
            return _import(db, Path(args.file))
        if command == "cues" and getattr(args, "action", None):
            return _cues(db, args.action, args.file)
        if command == "stats":
            return _stats(db, args.json, args.today)
        if command == "report":
            from glute_tui.report_cli import run_report

            return run_report(_open_store, db, args)
        if command == "remind":
            from glute_tui.remind_cli import run_remind

            return run_remind(db, args)
        if command == "today":
            from glute_tui.today_cmd import run

            if db.with_name(db.stem + ".journal.json").exists():
                _open_store(db, write=False)  # an orphaned live session is recovered first

            return run(db, args.json, args.as_of)
        if command == "demo-history":
            return _demo(db, args.years, args.seed, args.force)
        if command in ("sound", "serve"):
            from glute_tui import floor

            return floor.main(args, db)
        if command == "screenshots":
            return _screenshots(Path(args.out))
        return _run_app(db, command)
    except CliError as exc:
        print(f"glute-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the store's one-line errors
        from glute_tui.core.library import LibraryError
        from glute_tui.store.errors import StoreError

        if isinstance(exc, (StoreError, LibraryError)):
            print(f"glute-tui: {exc}", file=sys.stderr)
            return EXIT_USAGE
        raise


def _open_store(db: Path, write: bool = True):  # type: ignore[no-untyped-def]
    """Open the history for a headless command: refuse a path that can never work, say
    on stderr where a damaged file was kept, and recover an orphaned live-session journal
    first (the same rule as the app: never one a live session in another window owns)."""
    from glute_tui.store.errors import StoreError, check_path
    from glute_tui.store.history import HistoryStore

    check_path(db, write=write)
    timeout = float(os.environ.get("GLUTE_TUI_LOCK_TIMEOUT", "5"))
    store = HistoryStore.open(db, lock_timeout=timeout)
    if store.journal.path.exists():
        try:
            recovered = store.recover_journal()
        except StoreError as exc:
            print(f"glute-tui: an unfinished session was not recovered: {exc}", file=sys.stderr)
        else:
            if recovered is not None:
                s = recovered.session
                print(
                    f"glute-tui: recovered an unfinished {routine_word(s.routine)} session "
                    f"from {s.started_at} ({len(s.phases)} completed phases) into {db}",
                    file=sys.stderr,
                )
    _say_notices(store)
    return store


def _say_notices(store, start: int = 0) -> int:  # type: ignore[no-untyped-def]
    """Print the store's notices from `start` on (one stderr line each); returns the count."""
    if start == 0 and store.moved_aside is not None:
        print(
            f"glute-tui: {store.path} could not be read, so it was moved aside to "
            f"{store.moved_aside}; nothing was deleted",
            file=sys.stderr,
        )
    for note in store.notices[start:]:
        print(f"glute-tui: {note}", file=sys.stderr)
    return len(store.notices)


def _export(db: Path, fmt: str, out: str | None) -> int:
    from glute_tui.store.export import build_export, render, write_export

    store = _open_store(db, write=False)
    if store.moved_aside is not None:
        # an empty backup that looks fine is worse than none
        raise CliError("nothing was exported, because the data file could not be read")
    seen = len(store.notices)
    if out:
        path = write_export(store, fmt, Path(out))
        print(f"exported {plural(len(store.rows()), 'session')} to {path}", file=sys.stderr)
    else:
        sys.stdout.write(render(build_export(store), fmt))
    if _say_notices(store, seen) > seen:
        raise CliError("the export is incomplete: a damaged phase file was kept aside")
    return 0


def _import(db: Path, file: Path) -> int:
    from glute_tui.store.export import import_file, read_export_file

    parsed = read_export_file(file)  # validate before touching (or creating) the data file
    store = _open_store(db)
    if store.moved_aside is not None:
        raise CliError("nothing was imported, because the data file could not be read")
    added, added_a = import_file(store, file, parsed)
    print(
        f"imported {plural(added, 'new session')} and {plural(added_a, 'new assessment')} into {db}"
    )
    return 0


def _cues(db: Path, action: str, file: str | None) -> int:
    from glute_tui.store import shipped
    from glute_tui.store.cue_share import (
        import_cues,
        read_cue_file,
        render_cue_file,
        write_cue_file,
    )

    if not file:
        raise CliError(
            f"cues {action} needs a FILE (for example: glute-tui cues {action} my-cues.json)"
        )
    library = shipped.library()
    if action == "export":
        store = _open_store(db, write=False) if db.exists() else None
        if file == "-":
            sys.stdout.write(render_cue_file(store, library))
            return 0
        path = write_cue_file(store, library, Path(file))
        print(f"exported the cues of {plural(len(library), 'exercise')} to {path}", file=sys.stderr)
        return 0
    sets = read_cue_file(Path(file), library)  # everything checked before the data file is touched
    store = _open_store(db)
    yours, shipped_again = import_cues(store, library, sets)
    total = yours + shipped_again
    note = f" ({shipped_again} matching the shipped cues)" if shipped_again else ""
    print(f"imported cues for {plural(total, 'exercise')} into {db}{note}")
    return 0


def _stats(db: Path, as_json: bool, today_text: str | None) -> int:
    """Fast path: read the digest next to the data file (no tinydb, no textual, no years
    of JSON). Slow path, when it is missing or stale: open the store, which rewrites it."""
    from datetime import date, datetime

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
            store = _open_store(db, write=False)
            digest = read_digest(db) or build_digest(
                store.rows(),
                {"settings": store.settings(), "pauses": store.pauses()},
                _hold_target(),
            )
        else:  # no history yet: say so without creating a file
            digest = build_digest([], {}, _hold_target())
    summary = stats_summary(
        digest["days"],
        today,
        digest["pauses"],
        digest["hold_target"],
        digest["circuit_target"],
        [(str(rid), str(title)) for rid, title in digest["routines"]],
    )
    if as_json:
        import json

        print(json.dumps(summary))
    else:
        sys.stdout.write(stats_text(summary, today, today in paused_days(digest["pauses"])))
    return 0


def _hold_target() -> int:
    from glute_tui.store import shipped

    return shipped.protocols().hold.sessions_target


def _screenshots(out: Path) -> int:
    from glute_tui.store.errors import check_path

    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out} is a file; give a folder for the screenshots")
    check_path(out / "probe.svg")  # a folder that exists or can be created, writable
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create {out}: {exc.strerror or exc}") from None
    from glute_tui.ui.screenshots import write_screenshots

    try:
        paths = write_screenshots(out)
    except OSError as exc:
        raise CliError(f"cannot write screenshots to {out}: {exc.strerror or exc}") from None
    for path in paths:
        print(path)
    return 0


def _demo(db: Path, years: float, seed: int, force: bool) -> int:
    from datetime import datetime

    from glute_tui.core.demo import generate
    from glute_tui.store import shipped

    store = _open_store(db)
    if not store.is_empty() and not force:
        raise CliError(f"{db} already holds data; add --force to add a demo history to it")
    demo = generate(
        shipped.library(),
        shipped.protocols(),
        years=years,
        seed=seed,
        now=datetime.now().astimezone(),
        programme_mornings=True,  # flares that move the programme (core/demo.py)
    )
    kv = {"plan": demo.plan.to_dict(), "pauses": demo.pauses}
    added, added_a = store.merge(demo.sessions, demo.assessments, kv)
    print(f"wrote {plural(added, 'session')} and {plural(added_a, 'assessment')} to {db}")
    return 0


def _run_app(db: Path, screen: str) -> int:
    from glute_tui.store.errors import check_path, probe_lock

    check_path(db)
    probe_lock(db, float(os.environ.get("GLUTE_TUI_LOCK_TIMEOUT", "5")))
    from glute_tui.store import shipped

    shipped.library()  # a malformed library is a one-line error here, not a traceback later
    shipped.protocols()
    from glute_tui.ui.app import GluteApp

    app = GluteApp(db_path=db, start_screen=screen)
    app.run()
    if app.fatal_error:
        print(f"glute-tui: {app.fatal_error}", file=sys.stderr)
        return EXIT_USAGE
    return app.return_code or 0
