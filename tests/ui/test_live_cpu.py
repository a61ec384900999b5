"""CPU while timing (issue 11): the live screen draws only when something it shows changes.

Counted on the fake clock through public methods wrapped for the test: repeating timers
started and still running, big-digit updates, stylesheet matches (App.update_styles),
footer rebuilds, wake-ups and redraws.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.color import Color
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer

from glute_tui.ui.screens.live import SAFETY_TICK_S, LiveSessionScreen
from glute_tui.ui.widgets.big_digits import BigDigits
from glute_tui.ui.widgets.session_views import LiveView
from tests.conftest import settle
from tests.ui.live import right_weak_store, run_clock, screened_db  # noqa: F401

pytestmark = pytest.mark.usefixtures("screened_db")


def _name(node: object) -> str:
    node_id = getattr(node, "id", None)
    return f"{type(node).__name__}#{node_id}" if node_id else type(node).__name__


class Intervals:
    """Every repeating timer started, with who started it and whether it still runs
    (stopped or paused through Timer's public methods: not running)."""

    def __init__(self) -> None:
        self.timers: list[tuple[str, float, Timer]] = []
        self.idle: set[int] = set()  # id() of timers stopped or paused

    def running(self, who: set[str]) -> list[tuple[str, float]]:
        return [(n, s) for n, s, t in self.timers if n in who and id(t) not in self.idle]


@pytest.fixture
def intervals(monkeypatch: pytest.MonkeyPatch) -> Intervals:
    seen = Intervals()
    start, stop, pause, resume = MessagePump.set_interval, Timer.stop, Timer.pause, Timer.resume

    def set_interval(self: MessagePump, interval: float, *args: Any, **kwargs: Any) -> Timer:
        timer = start(self, interval, *args, **kwargs)
        seen.timers.append((_name(self), interval, timer))
        if kwargs.get("pause"):
            seen.idle.add(id(timer))
        return timer

    def idle(real: Any) -> Any:
        def wrapper(self: Timer) -> Any:
            seen.idle.add(id(self))
            return real(self)

        return wrapper

    def resumed(self: Timer) -> None:
        seen.idle.discard(id(self))
        resume(self)

    monkeypatch.setattr(MessagePump, "set_interval", set_interval)
    monkeypatch.setattr(Timer, "stop", idle(stop))
    monkeypatch.setattr(Timer, "pause", idle(pause))
    monkeypatch.setattr(Timer, "resume", resumed)
    return seen


@pytest.mark.parametrize("routine", ["hold", "circuit"])
async def test_no_widget_of_the_live_view_wakes_on_its_own(
    make_app, clock, db_path: Path, intervals: Intervals, routine: str
) -> None:
    """The screen's one precise wake-up and its slow safety tick are the only clocks: a
    widget's own once-a-second timer (ProgressBar's ETA) would draw a second frame a
    second, out of step with the digits."""
    right_weak_store(db_path)
    app = make_app(routine)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        await pilot.press("enter")
        assert screen.mode == "live"
        await run_clock(pilot, clock, 10.0)
        mine = {_name(w) for w in screen.walk_children(with_self=True)}
        assert intervals.running(mine) == [(_name(screen), SAFETY_TICK_S)]


class Counts:
    def __init__(self) -> None:
        self.restyled: Counter[str] = Counter()  # App.update_styles: CSS matched again
        self.bindings = 0
        self.digits: list[str] = []  # every BigDigits.update, the text given
        self.on = False


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    c = Counts()
    bindings, update_styles = DOMNode.refresh_bindings, App.update_styles

    def counted_bindings(self: DOMNode) -> None:
        if c.on:
            c.bindings += 1
        bindings(self)

    def counted_styles(self: App[Any], node: DOMNode, animate: bool = True) -> None:
        if c.on:
            c.restyled[_name(node)] += 1
        update_styles(self, node, animate)

    digits = BigDigits.update

    def counted_digits(self: BigDigits, text: str) -> None:
        if c.on:
            c.digits.append(text)
        digits(self, text)

    monkeypatch.setattr(BigDigits, "update", counted_digits)
    monkeypatch.setattr(DOMNode, "refresh_bindings", counted_bindings)
    monkeypatch.setattr(App, "update_styles", counted_styles)
    return c


async def test_ten_seconds_of_a_hold_draw_each_second_once(
    make_app, clock, db_path: Path, counts: Counts
) -> None:
    """10 s of holds and rests, polled every 0.1 s: the big digits change once a displayed
    second; a phase start restyles the banner alone (its colour), not the whole live view
    for the flash; the footer is not rebuilt each tick."""
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        await pilot.press("enter")
        await run_clock(pilot, clock, 30.0)  # past the get-ready phase, into the reps
        digits = screen.query_one(BigDigits)
        shown: list[str] = []
        counts.on = True
        starts = 0
        for _ in range(100):
            index = screen.runner.index if screen.runner else None
            clock.advance(0.1)
            screen.tick()
            await pilot.pause()  # the flash's own timer may end it meanwhile
            starts += screen.runner is not None and screen.runner.index != index
            if not shown or shown[-1] != digits.text:
                shown.append(digits.text)
        screen.unflash()
        await pilot.pause()
        counts.on = False
        assert 10 <= len(shown) <= 11
        assert counts.digits == shown[1:]  # one update per new number, never the same again
        assert starts >= 2  # hold 3 s, rest 4 s
        assert set(counts.restyled) == {"Static#banner"}
        assert counts.restyled["Static#banner"] <= starts
        assert counts.bindings <= 4  # the footer only when the keys on offer change


async def test_a_phase_start_still_flashes_the_live_view(make_app, clock, db_path: Path) -> None:
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        await pilot.press("enter")
        live = screen.query_one(LiveView)
        screen.unflash()
        await pilot.pause()
        plain = live.styles.background
        await run_clock(pilot, clock, 5.0)  # get ready ends: the first hold starts
        flashed = live.styles.background
        assert flashed != plain
        success = Color.parse(app.theme_variables["success"])
        assert (flashed.r, flashed.g, flashed.b) == (success.r, success.g, success.b)
        screen.unflash()
        await pilot.pause()
        assert live.styles.background == plain


class FakeTimer:
    def __init__(self, due: float, callback: Any) -> None:
        self.due, self.callback = due, callback
        self.stopped = self.fired = False

    def stop(self) -> None:
        self.stopped = True


async def test_a_wake_up_stopped_after_it_fired_starts_no_second_clock(
    make_app, clock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual runs a one-shot timer's callback on the screen's queue: when the safety tick
    gets in first at a boundary and moves the wake-up, the old one's callback still runs.
    It must not start a second chain of wake-ups (two wake-ups and redraws a second, for
    the rest of the session: 2x the CPU). Here the safety tick always gets in first."""
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        timers: list[FakeTimer] = []

        def set_timer(delay: float, callback: Any = None, **_: Any) -> FakeTimer:
            timers.append(FakeTimer(clock() + delay, callback))
            return timers[-1]

        monkeypatch.setattr(screen, "set_timer", set_timer)
        draws: list[float] = []
        redraw = screen.redraw

        def counted() -> None:
            draws.append(clock())
            redraw()

        monkeypatch.setattr(screen, "redraw", counted)
        await pilot.press("enter")
        assert screen.mode == "live"
        for _ in range(100):  # 10 s
            clock.advance(0.1)
            due = [t for t in timers if not (t.fired or t.stopped) and t.due <= clock() + 1e-9]
            for timer in due:
                timer.fired = True  # queued: its callback runs even if stopped from now on
            screen.tick()  # the safety tick first
            for timer in due:
                timer.callback()
        await pilot.pause()
        pending = [t for t in timers if not (t.fired or t.stopped) and t.due > clock() + 0.4]
        assert len(pending) <= 1  # one wake-up set for the next change (a flash may end before)
        assert len(draws) <= 12  # about one draw per shown second
