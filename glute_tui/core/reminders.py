"""Reminders: what is still due today, and the scheduler files that ask for it at set times
(a systemd user timer, a cron line, a launchd agent). Pure text; store/reminders.py writes."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from xml.sax.saxutils import escape

from glute_tui.core.programme_types import Due
from glute_tui.core.words import routine_ids, routine_word, side_word

UNIT = "glute-tui-remind"
LAUNCHD_LABEL = "org.glute-tui.remind"


def parse_times(text: str) -> list[str]:
    """'08:00,13:00,19:00' -> ['08:00', '13:00', '19:00'] (sorted, no repeats); ValueError
    naming the first bad entry."""
    out: set[str] = set()
    for raw in text.split(","):
        part = raw.strip()
        hh, sep, mm = part.partition(":")
        if not (sep and hh.isdigit() and mm.isdigit() and len(mm) == 2 and len(hh) <= 2):
            raise ValueError(f"'{part}' is not a time: write it as HH:MM, e.g. 08:00")
        h, m = int(hh), int(mm)
        if not (0 <= h <= 23 and 0 <= m <= 59):
            raise ValueError(f"'{part}' is not a time of day (00:00 to 23:59)")
        out.add(f"{h:02d}:{m:02d}")
    if not out:
        raise ValueError("give at least one time, e.g. --at 08:00,13:00,19:00")
    return sorted(out)


def _status(done: int, target: int) -> tuple[str, bool]:
    """('done' | 'to go' | 'n of t done', whether some is left)."""
    n = min(done, target)
    if n >= target:
        return "done", False
    if target == 1:
        return "to go", True
    return f"{n} of {target} done", True


def due_text(due: Sequence[Due], routines: Sequence[str] | None = None) -> str | None:
    """What the programme still asks of today, e.g. 'Hold timer 1 of 2 done; circuit to
    go.', or None when every routine has met its target. `due`: the programme's due list
    for today (core.programme evaluate); only routines of the registry (`routines`, default
    routine_ids()) are named, as the others cannot be done in glute-tui yet. A routine due
    on each side names them: 'single-leg strength left done, right to go'."""
    order = routine_ids() if routines is None else tuple(routines)
    by_routine: dict[str, list[Due]] = {}
    for d in due:
        if d.routine in order and d.target > 0:
            by_routine.setdefault(d.routine, []).append(d)
    parts = []
    left = False
    for routine in by_routine:  # the programme's order: release work first, and so on
        entries = by_routine[routine]
        name = routine_word(routine)
        if len(entries) == 1:
            said, more = _status(entries[0].done, entries[0].target)
            parts.append(f"{name} {said}")
        else:
            pieces = []
            more = False
            for d in entries:
                said, some = _status(d.done, d.target)
                more = more or some
                pieces.append(f"{side_word(d.side)} {said}")
            parts.append(f"{name} {', '.join(pieces)}")
        left = left or more
    if not left:
        return None
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _exec(command: Sequence[str]) -> str:
    """A systemd ExecStart line: each argument quoted when it needs it."""
    return " ".join(
        f'"{a}"' if any(c in a for c in ' \t"\\') or not a else a
        for a in (arg.replace("\\", "\\\\").replace('"', '\\"') for arg in command)
    )


def systemd_units(times: Sequence[str], command: Sequence[str]) -> dict[str, str]:
    """{file name: text} of the user service and its timer (Persistent: a time missed while
    the computer slept fires when it wakes)."""
    service = (
        "[Unit]\n"
        "Description=glute-tui: say what is still due today\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={_exec(command)}\n"
    )
    calendars = "".join(f"OnCalendar=*-*-* {t}:00\n" for t in times)
    timer = (
        "[Unit]\n"
        f"Description=glute-tui reminders at {', '.join(times)}\n\n"
        "[Timer]\n"
        f"{calendars}"
        "Persistent=true\n"
        f"Unit={UNIT}.service\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def timer_times(timer_text: str) -> list[str]:
    """The HH:MM times of a timer file written by systemd_units."""
    out = []
    for line in timer_text.splitlines():
        if line.startswith("OnCalendar=*-*-* "):
            out.append(line.split()[-1][:5])
    return out


def cron_lines(times: Sequence[str], command: Sequence[str]) -> str:
    cmd = " ".join(shlex.quote(a) for a in command)
    return "".join(f"{t[3:5]} {t[0:2]} * * * {cmd}  # {UNIT}\n" for t in times)


def launchd_plist(times: Sequence[str], command: Sequence[str]) -> str:
    args = "".join(f"    <string>{escape(a)}</string>\n" for a in command)
    slots = "".join(
        f"    <dict><key>Hour</key><integer>{int(t[:2])}</integer>"
        f"<key>Minute</key><integer>{int(t[3:])}</integer></dict>\n"
        for t in times
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n<dict>\n'
        f"  <key>Label</key><string>{LAUNCHD_LABEL}</string>\n"
        f"  <key>ProgramArguments</key>\n  <array>\n{args}  </array>\n"
        f"  <key>StartCalendarInterval</key>\n  <array>\n{slots}  </array>\n"
        "</dict>\n</plist>\n"
    )
