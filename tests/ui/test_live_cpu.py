"""CPU while timing (issue 11): the live screen draws only when something it shows changes.

Counted on the fake clock through public Textual methods wrapped for the test: repeating
timers started, widget refreshes, style recomputations, footer rebuilds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer

from glute_tui.ui.screens.live import SAFETY_TICK_S, LiveSessionScreen
from glute_tui.ui.widgets.big_digits import BigDigits
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
        self.styles: Counter[str] = Counter()
        self.bindings = 0
        self.digits: list[str] = []  # every BigDigits.update, the text given
        self.on = False


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    c = Counts()
    bindings = DOMNode.refresh_bindings
    set_classes, add, remove = DOMNode.set_classes, DOMNode.add_class, DOMNode.remove_class

    def counted_bindings(self: DOMNode) -> None:
        if c.on:
            c.bindings += 1
        bindings(self)

    def counted(real: Any) -> Any:
        def wrapper(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
            if c.on:
                c.styles[_name(self)] += 1
            return real(self, *args, **kwargs)

        return wrapper

    digits = BigDigits.update

    def counted_digits(self: BigDigits, text: str) -> None:
        if c.on:
            c.digits.append(text)
        digits(self, text)

    monkeypatch.setattr(BigDigits, "update", counted_digits)
    monkeypatch.setattr(DOMNode, "refresh_bindings", counted_bindings)
    monkeypatch.setattr(DOMNode, "set_classes", counted(set_classes))
    monkeypatch.setattr(DOMNode, "add_class", counted(add))
    monkeypatch.setattr(DOMNode, "remove_class", counted(remove))
    return c


async def test_ten_seconds_of_a_hold_draw_each_second_once(
    make_app, clock, db_path: Path, counts: Counts
) -> None:
    """10 s inside one hold-and-rest stretch, polled every 0.1 s: the big digits change
    once a displayed second, no class is toggled and the footer is not rebuilt each tick."""
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
        for _ in range(100):
            clock.advance(0.1)
            screen.tick()
            if not shown or shown[-1] != digits.text:
                shown.append(digits.text)
        await pilot.pause()
        counts.on = False
        assert 10 <= len(shown) <= 11
        assert counts.digits == shown[1:]  # one update per new number, never the same again
        # hold 3 s, rest 4 s: a phase starts about every 3.5 s; each may flash (add and
        # remove one class on the live view) and change the banner's class
        assert sum(counts.styles.values()) <= 4 * 4
        assert counts.bindings <= 4  # the footer only when the keys on offer change
