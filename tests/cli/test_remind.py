"""Reminders: unit files under a temporary XDG config dir, systemctl injected (never run
for real), cron/launchd printed, and the reminder text (nothing once the day is done)."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

import pytest

from glute_tui.core.programme import Due, StageChange
from glute_tui.core.reminders import cron_lines, due_text, launchd_plist, parse_times
from glute_tui.remind_cli import run_remind
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_input import add_stage_change
from glute_tui.store.reminders import scheduler
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


class FakeSystemctl:
    def __init__(self, code: int = 0, said: str = "") -> None:
        self.calls: list[list[str]] = []
        self.code, self.said = code, said

    def __call__(self, args):  # type: ignore[no-untyped-def]
        self.calls.append(list(args))
        return self.code, self.said


def _args(action: str, at: str = "08:00,13:00,19:00", today: str | None = None):  # type: ignore[no-untyped-def]
    return argparse.Namespace(action=action, at=at, today=today)


def test_install_writes_a_persistent_timer_and_enables_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path / "home")}
    run = FakeSystemctl()
    db = tmp_path / "my data" / "h.json"
    assert (
        run_remind(db, _args("install", "19:00, 8:00,13:00"), run=run, env=env, kind="systemd") == 0
    )
    folder = tmp_path / "cfg" / "systemd" / "user"
    timer = (folder / "glute-tui-remind.timer").read_text()
    service = (folder / "glute-tui-remind.service").read_text()
    assert timer.count("OnCalendar=") == 3
    assert (
        "OnCalendar=*-*-* 08:00:00\nOnCalendar=*-*-* 13:00:00\nOnCalendar=*-*-* 19:00:00" in timer
    )
    assert "Persistent=true" in timer and "WantedBy=timers.target" in timer
    assert "Type=oneshot" in service
    assert f'remind now --db "{db}"' in service  # quoted: the folder has a space
    assert run.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "glute-tui-remind.timer"],
    ]
    assert "reminders on at 08:00, 13:00, 19:00" in capsys.readouterr().out
    assert not (tmp_path / "home").exists()  # nothing outside the XDG dir

    run_status = FakeSystemctl(0, "active")
    assert run_remind(db, _args("status"), run=run_status, env=env) == 0
    assert "reminders at 08:00, 13:00, 19:00" in capsys.readouterr().out

    run_rm = FakeSystemctl()
    assert run_remind(db, _args("remove"), run=run_rm, env=env) == 0
    assert not list(folder.iterdir())
    assert ["systemctl", "--user", "disable", "--now", "glute-tui-remind.timer"] in run_rm.calls
    assert run_remind(db, _args("status"), run=run_rm, env=env) == 0
    assert "no reminders are installed" in capsys.readouterr().out


def test_install_says_what_to_do_when_systemd_is_not_reachable(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    run = FakeSystemctl(1, "Failed to connect to bus")
    assert run_remind(tmp_path / "h.json", _args("install"), run=run, env=env, kind="systemd") == 0
    out = capsys.readouterr().out
    assert "Failed to connect to bus" in out and "systemctl --user enable --now" in out
    assert len(run.calls) == 1  # stopped after the failure


def test_without_systemd_the_cron_line_is_printed_and_nothing_written(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    run = FakeSystemctl()
    assert (
        run_remind(tmp_path / "h.json", _args("install", "07:05"), run=run, env=env, kind="cron")
        == 0
    )
    out = capsys.readouterr().out
    assert "crontab -e" in out and "05 07 * * * " in out
    assert not run.calls and not list(tmp_path.iterdir())


def test_bad_times_are_one_line_and_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run = FakeSystemctl()
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert (
        run_remind(tmp_path / "h.json", _args("install", "8am"), run=run, env=env, kind="systemd")
        == 2
    )
    assert "'8am' is not a time" in capsys.readouterr().err
    assert not run.calls and not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("text", "want"),
    [("08:00", ["08:00"]), ("19:30,8:00,08:00", ["08:00", "19:30"])],
)
def test_parse_times(text: str, want: list[str]) -> None:
    assert parse_times(text) == want


@pytest.mark.parametrize("bad", ["", "24:00", "8", "08:60", "08:5"])
def test_parse_times_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_times(bad)


def _due(routine: str, done: int, target: int, side: str = "both") -> Due:
    return Due(routine, side, target, done, {})


def test_due_text_says_what_is_left_and_nothing_when_done() -> None:
    def text(hold: int, circuit: int) -> str | None:
        return due_text([_due("hold", hold, 2), _due("circuit", circuit, 1)])

    assert text(1, 0) == "Hold timer 1 of 2 done; circuit to go."
    assert text(2, 0) == "Hold timer done; circuit to go."
    assert text(0, 1) == "Hold timer 0 of 2 done; circuit done."
    assert text(3, 1) is None


def test_due_text_names_sides_and_only_routines_glute_tui_runs() -> None:
    due = [
        _due("hip_hinge", 0, 1),  # not a routine of the registry: not named
        _due("contract_relax", 1, 1, "left"),
        _due("contract_relax", 0, 1, "right"),
        _due("circuit", 1, 1),
    ]
    assert due_text(due) == "Contract & relax left done, right to go; circuit done."
    assert due_text([_due("hip_hinge", 0, 1), _due("circuit", 1, 1)]) is None
    assert due_text([]) is None


def test_remind_now_sends_what_is_due_and_nothing_once_done(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    store = HistoryStore.open(db)
    start = FIXED_NOW.replace(hour=8) - timedelta(hours=0)
    session = {
        "id": "a", "routine": "hold", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(), "status": "completed",
        "stop_reason": "planned_end", "pain_before": 1, "pain_after": 1, "effort": 3,
        "phases": [],
    }  # fmt: skip
    store.add_session(session)
    sent: list[tuple[str, str]] = []

    def send(title: str, message: str) -> str:
        sent.append((title, message))
        return "test"

    assert run_remind(db, _args("now", today=TODAY.isoformat()), send=send) == 0
    assert sent == [("glute-tui", "Hold timer 1 of 2 done; circuit to go.")]
    store.add_session({**session, "id": "b"})
    store.add_session({**session, "id": "c", "routine": "circuit"})
    sent.clear()
    assert run_remind(db, _args("now", today=TODAY.isoformat()), send=send) == 0
    assert sent == []  # the day is done: no notification at all


def test_remind_now_says_what_the_programme_asks_today(tmp_path: Path) -> None:
    """In Integrate the programme asks one hold session a day, not two: the reminder
    follows the programme, not a fixed target."""
    db = tmp_path / "h.json"
    store = HistoryStore.open(db)
    start = FIXED_NOW.replace(hour=8)
    add_stage_change(store, StageChange(TODAY - timedelta(days=3), "integrate", "physio"))
    session = {
        "id": "a", "routine": "hold", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(), "status": "completed",
        "stop_reason": "planned_end", "pain_before": 1, "pain_after": 1, "effort": 3,
        "phases": [],
    }  # fmt: skip
    store.add_session(session)
    sent: list[tuple[str, str]] = []

    def send(title: str, message: str) -> str:
        sent.append((title, message))
        return "test"

    assert run_remind(db, _args("now", today=TODAY.isoformat()), send=send) == 0
    assert sent == [  # the programme's order: Integrate asks for the Cook hip lift and the
        # standing contraction on each side, the circuit, and one hold a day
        (
            "glute-tui",
            "Cook hip lift left to go, right to go; standing glute contraction left to go, "
            "right to go; circuit to go; hold timer done.",
        )
    ]


def test_other_schedulers_and_detection() -> None:
    plist = launchd_plist(["08:00", "19:30"], ["/usr/bin/python3", "-m", "glute_tui"])
    assert "<key>Hour</key><integer>19</integer><key>Minute</key><integer>30</integer>" in plist
    assert "org.glute-tui.remind" in plist
    assert cron_lines(["08:00"], ["a b"]) == "00 08 * * * 'a b'  # glute-tui-remind\n"
    assert scheduler("darwin", lambda _: None) == "launchd"
    assert scheduler("linux", lambda _: "/usr/bin/systemctl") == "systemd"
    assert scheduler("linux", lambda _: None) == "cron"
