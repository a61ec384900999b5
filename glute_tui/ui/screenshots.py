"""`make screenshots`: render each screen to SVG with a fixed demo history and a fixed day."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from glute_tui.ui.app import GluteApp

FIXED_NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 30)


@dataclass(frozen=True)
class Shot:
    name: str
    screen: str = "home"
    setup: Callable[[object], Awaitable[None]] | None = None  # receives the Pilot
    demo: bool = True


async def _assess_to_verdict(pilot: object) -> None:
    """Answer every question by keys, type three timed tests, skip the rest."""
    from typing import Any

    p: Any = pilot
    await p.press("enter", *("n" * 9))  # safety questions: all no
    await p.press("2", "enter", "2", "1", "3", "enter", "space", "enter", "enter", "2")
    for left, right in (("40", "25"), ("34", "18"), ("62", "60")):
        await p.press("tab", *left, "tab", *right, "enter")
        await p.pause()
    await p.press("space", "tab", "down", "space", "enter")  # squat: one fault on the right
    await p.press("s", "s")  # step-down and Trendelenburg skipped
    await p.pause()
    await p.app.workers.wait_for_complete()
    await p.pause()


async def _cues_setup(pilot: object) -> None:
    """The cue editor mid-edit on the clamshell, with one cue already reworded. The whole
    exercise list stays in view (no filter): the cursor walks down to the clamshell."""
    press = pilot.press  # type: ignore[attr-defined]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    for _ in range(len(screen.library.exercises)):
        if screen.selected == "clamshell":
            break
        await press("j")
    await press("tab", "j", "e", "end")
    await press(*" Slowly.", "enter")
    await press("a", *"Wall at your back", "space", "-", "space", *"no rolling")


class ShotClock:
    """A monotonic clock for screenshots that only moves when a setup advances it."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


async def _live(pilot: object, keys: tuple[str, ...], seconds: float) -> None:
    """Start a live session and run its clock `seconds` on, polling as the app would."""
    app = pilot.app  # type: ignore[attr-defined]
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
    t = 0.0
    while t < seconds:
        app.clock.advance(0.25)
        t += 0.25
        app.screen.tick()
    await pilot.pause(0.5)  # type: ignore[attr-defined]
    if hasattr(app.screen, "unflash"):
        app.screen.unflash()


async def _hold(pilot: object) -> None:
    await _live(pilot, ("enter",), 6.0)


async def _hold_rest(pilot: object) -> None:
    await _live(pilot, ("enter",), 22.5)


async def _weak_left(pilot: object) -> None:
    """A fresh history whose assessment found the left side weak (so two rounds fit)."""
    from glute_tui.core import safety
    from glute_tui.core.plan import plan_for_verdict

    app = pilot.app  # type: ignore[attr-defined]
    if type(app.screen).__name__ == "DisclaimerScreen":
        await pilot.press("enter")  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
    plan = plan_for_verdict("left", "left", assessment_id="shot", created_at=FIXED_NOW.isoformat())
    assert plan is not None
    if safety.needs_screening(app.store.assessments()):  # the safety screen would open first
        answers = dict.fromkeys(safety.RED_FLAG_IDS, "no")
        taken_at = FIXED_NOW.isoformat(timespec="seconds")
        app.store.add_assessment(
            safety.screening_record(answers, record_id="shot-screen", taken_at=taken_at), None
        )
    app.store.set_plan(plan)
    app.store_version += 1
    await pilot.pause()  # type: ignore[attr-defined]


async def _circuit(pilot: object) -> None:
    await _weak_left(pilot)
    await _live(pilot, ("enter",), 95.5)


async def _circuit_rest(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await _weak_left(pilot)
    await _live(pilot, ("enter",), 0.0)
    runner = app.screen.runner
    at = next(i for i, s in enumerate(runner.specs) if s.kind == "round_rest")
    secs = sum(s.planned_s for s in runner.specs[:at]) + 25.0
    await _live(pilot, (), secs)


async def _trends(pilot: object) -> None:
    from typing import Any

    p: Any = pilot
    await p.press("2")
    await p.pause()


async def _contract_relax(pilot: object) -> None:
    await _live(pilot, ("enter",), 7.0)


async def _stop_dialog(pilot: object) -> None:
    """A hold session stopped mid-squeeze: the question why, one key each."""
    await _live(pilot, ("enter",), 6.0)
    await pilot.press("q")  # type: ignore[attr-defined]


async def _summary(pilot: object) -> None:
    """After a hold session stopped for "other": what was done, then pain and effort."""
    await _stop_dialog(pilot)
    await pilot.press("o")  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]


async def _sessions(pilot: object) -> None:
    await pilot.press("3")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def _session_detail(pilot: object) -> None:
    await _sessions(pilot)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def _red_flag(pilot: object) -> None:
    """The self-assessment's first safety question answered yes, and confirmed: the stop."""
    await pilot.press("enter", "y")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("y")  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


#: the later routines (issue 13), each a moment into its first work phase
ROUTINE_SHOTS = {
    "release": 12.0,
    "cook-hip-lift": 7.0,
    "bridge": 8.0,
    "standing-glute": 7.0,
    "single-leg": 14.0,
    "primer": 6.5,
}


def _routine_at(seconds: float) -> Callable[[object], Awaitable[None]]:
    async def setup(pilot: object) -> None:
        await _live(pilot, ("enter",), seconds)

    return setup


SHOTS: list[Shot] = [
    Shot("home"),
    Shot("assess", "assess"),
    Shot("verdict", "assess", _assess_to_verdict),
    Shot("cues", "cues", _cues_setup),
    Shot("history", "history"),
    Shot("trends", "history", _trends),
    Shot("hold", "hold", _hold),
    Shot("hold-rest", "hold", _hold_rest),
    Shot("circuit", "circuit", _circuit, demo=False),
    Shot("circuit-rest", "circuit", _circuit_rest, demo=False),
    Shot("contract-relax", "contract-relax", _contract_relax),
    Shot("stop-dialog", "hold", _stop_dialog),
    Shot("summary", "hold", _summary),
    Shot("sessions", "history", _sessions),
    Shot("session-detail", "history", _session_detail),
    Shot("red-flag", "assess", _red_flag),
    *(Shot(name, name, _routine_at(at)) for name, at in ROUTINE_SHOTS.items()),
]


def seed_demo(db: Path, years: float = 1.0, seed: int = 7) -> None:
    from glute_tui.core.demo import generate
    from glute_tui.store import shipped
    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(db)
    demo = generate(shipped.library(), shipped.protocols(), years=years, seed=seed, now=FIXED_NOW)
    store.merge(
        demo.sessions,
        demo.assessments,
        {"plan": demo.plan.to_dict(), "pauses": demo.pauses, "settings": {"disclaimer_seen": True}},
    )


async def _shoot(shot: Shot, out: Path, workdir: Path) -> Path:
    db = workdir / f"{shot.name}.json"
    if shot.demo:
        seed_demo(db)
    app = GluteApp(
        db_path=db,
        start_screen=shot.screen,
        now=lambda: FIXED_NOW,
        clock=ShotClock(),
        ask_next_morning=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if shot.setup is not None:
            await shot.setup(pilot)
        await pilot.pause()
        path = out / f"{shot.name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
    return path


def write_screenshots(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        return [asyncio.run(_shoot(shot, out, Path(tmp))) for shot in SHOTS]
