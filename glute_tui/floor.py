"""The `sound` and `serve` subcommands ("on the floor"): argument set-up and dispatch,
kept out of cli.py so that it needs only two small calls."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

COMMANDS = ("sound", "serve")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    sound = sub.add_parser(
        "sound",
        parents=[common],
        help="`sound test` plays every tone; `sound volume N`, `sound voice on|off` set them",
        description=(
            "`sound test` plays every tone and says which player and speech engine it "
            "found. `sound volume N` sets the volume (0-100 %) for the players that take "
            "one; `sound voice on` or `off` turns spoken cues on or off."
        ),
    )
    actions = ("test", "volume", "voice")
    sound.add_argument("action", choices=actions, metavar="ACTION", help="test, volume or voice")
    sound.add_argument(
        "value", nargs="?", metavar="VALUE", help="0-100 for volume, on or off for voice"
    )
    serve = sub.add_parser(
        "serve", parents=[common], help="run the app in a web browser (a phone on the floor)"
    )
    serve.add_argument(
        "--lan",
        action="store_true",
        help="listen on the local network too; the link then needs a random token",
    )
    serve.add_argument("--port", type=_port, default=8000, metavar="N")
    serve.add_argument("--host", metavar="ADDRESS", help=argparse.SUPPRESS)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be from 1 to 65535")
    return value


def main(args: argparse.Namespace, db: Path) -> int:
    if args.command == "sound":
        if args.action == "test":
            if args.value is not None:
                return _fail(f"sound test takes nothing after it, not {args.value!r}")
            return _sound_test(db)
        return _sound_setting(db, args.action, args.value)
    from glute_tui.serve import serve
    from glute_tui.store.errors import check_path

    check_path(db)  # every tab opens this file: a path that cannot work is said here, once
    return serve(db, args.lan, args.host, args.port)


def _sound_test(db: Path) -> int:
    from glute_tui.audio.check import sound_test
    from glute_tui.core.sound import SoundSettings

    code, line = sound_test(SoundSettings.from_settings(_settings(db)).volume)
    print(line if code == 0 else f"glute-tui: {line}", file=sys.stdout if code == 0 else sys.stderr)
    return code


def _sound_setting(db: Path, action: str, value: str | None) -> int:
    from glute_tui.core.sound import VOLUME

    saved: bool | int
    if action == "volume":
        try:
            saved = int(value or "")
        except ValueError:
            return _fail(f"sound volume needs a whole number from 0 to 100, not {value!r}")
        if not VOLUME.min <= saved <= VOLUME.max:
            return _fail(f"sound volume must be from 0 to 100, not {saved}")
        done = f"volume set to {saved}%"
    else:
        if value not in ("on", "off"):
            return _fail("sound voice needs on or off")
        saved = value == "on"
        done = f"spoken cues {value}"
    from glute_tui.store.history import HistoryStore

    HistoryStore.open(db, lock_timeout=5).set_setting(action, saved)
    print(done)
    return 0


def _fail(line: str) -> int:
    print(f"glute-tui: {line}", file=sys.stderr)
    return 2


def _settings(db: Path) -> dict[str, Any]:
    """The saved settings, without creating a data file that is not there yet."""
    if not db.exists():
        return {}
    from glute_tui.store.history import HistoryStore

    return HistoryStore.open(db, lock_timeout=5).settings()
