"""Install, remove and show the reminder schedule; send the reminder itself.

The scheduler is called through `run` (a function taking an argument list), so tests never
touch the real systemctl; files go under $XDG_CONFIG_HOME/systemd/user, never elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from glute_tui.core.programme_types import Due
from glute_tui.core.reminders import (
    UNIT,
    cron_lines,
    due_text,
    launchd_plist,
    systemd_units,
    timer_times,
)
from glute_tui.store.atomic import atomic_write_text
from glute_tui.store.errors import StoreError

Run = Callable[[Sequence[str]], tuple[int, str]]


def run_command(args: Sequence[str]) -> tuple[int, str]:
    """Run a scheduler command; (exit status, what it printed). A missing program is 127."""
    try:
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return 127, str(exc)
    return done.returncode, (done.stdout + done.stderr).strip()


def scheduler(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> str:
    """'systemd', 'launchd' or 'cron': what this machine schedules with."""
    if platform == "darwin":
        return "launchd"
    if platform.startswith("linux") and which("systemctl"):
        return "systemd"
    return "cron"


def unit_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "systemd" / "user"


def remind_command(db: Path) -> list[str]:
    """What the timer runs: this Python and this data file, so it works outside a shell."""
    return [sys.executable, "-m", "glute_tui", "remind", "now", "--db", str(db)]


def install(
    times: Sequence[str], command: Sequence[str], env: Mapping[str, str], run: Run, kind: str
) -> list[str]:
    """Lines to print. systemd: write the units and enable the timer. Elsewhere nothing is
    written: the cron line or launchd agent is printed with where it goes."""
    if kind == "launchd":
        return [
            "Save this as ~/Library/LaunchAgents/org.glute-tui.remind.plist and run "
            "`launchctl load` on it:",
            launchd_plist(times, command),
        ]
    if kind == "cron":
        return ["Add these lines with `crontab -e`:", cron_lines(times, command)]
    folder = unit_dir(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in systemd_units(times, command).items():
            atomic_write_text(folder / name, text)
            written.append(folder / name)
    except OSError as exc:
        raise StoreError(f"cannot write the reminder units in {folder}: {exc}") from None
    out = [f"wrote {p}" for p in written]
    for args in (
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"],
    ):
        code, said = run(args)
        if code != 0:
            out.append(
                f"systemd did not take it ({said or f'exit {code}'}); when your user session "
                f"runs systemd, run: systemctl --user enable --now {UNIT}.timer"
            )
            return out
    out.append(f"reminders on at {', '.join(times)} (a time missed while asleep fires on wake)")
    return out


def remove(env: Mapping[str, str], run: Run) -> list[str]:
    folder = unit_dir(env)
    files = [folder / f"{UNIT}.timer", folder / f"{UNIT}.service"]
    if not any(p.exists() for p in files):
        return ["no reminders are installed"]
    run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])
    for p in files:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot remove {p}: {exc}") from None
    run(["systemctl", "--user", "daemon-reload"])
    return [f"removed {files[0]} and {files[1].name}; no more reminders"]


def status(env: Mapping[str, str], run: Run) -> list[str]:
    timer = unit_dir(env) / f"{UNIT}.timer"
    try:
        text = timer.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ["no reminders are installed (glute-tui remind install --at 08:00,13:00,19:00)"]
    except OSError as exc:
        raise StoreError(f"cannot read {timer}: {exc}") from None
    code, said = run(["systemctl", "--user", "is-active", f"{UNIT}.timer"])
    first = said.splitlines()[0].strip() if said else ""
    if first in ("active", "inactive", "failed", "activating"):
        state = f"timer {first}"
    else:
        state = f"systemd could not be asked ({first or f'exit {code}'})"
    return [f"reminders at {', '.join(timer_times(text))} ({timer}); {state}"]


def due_today(digest: Mapping[str, Any], today: date, due: Sequence[Due]) -> str | None:
    """What the programme still asks of today (`due`: its due list, see today_cmd); None
    when the day is done or paused (the pauses come from the history digest)."""
    from glute_tui.core.pauses import paused_days

    if today in paused_days(digest.get("pauses", [])):
        return None
    return due_text(due)


def notify(title: str, message: str) -> str:
    """Show a desktop notification: desktop-notifier, else notify-send. Returns how, or
    'none' when neither could (no session bus, no notification server)."""
    import logging

    if sys.platform in ("darwin", "win32") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        shown: list[bool] = []
        logger = logging.getLogger("desktop_notifier")
        level = logger.level
        logger.setLevel(logging.CRITICAL + 1)  # a failure is reported by us, in one line
        try:
            from desktop_notifier import DesktopNotifierSync

            DesktopNotifierSync(app_name="glute-tui").send(
                title=title, message=message, on_dispatched=lambda: shown.append(True)
            )
        except Exception:  # the library raising instead of logging: same answer
            shown.clear()
        finally:
            logger.setLevel(level)
        if shown:
            return "desktop notification"
    if shutil.which("notify-send"):
        code, _ = run_command(["notify-send", "--app-name=glute-tui", title, message])
        if code == 0:
            return "notify-send"
    return "none"


def environment() -> dict[str, str]:
    return dict(os.environ)
