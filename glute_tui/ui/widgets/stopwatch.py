"""A stopwatch for timed tests: a 3-2-1 lead-in, big digits, a hard cap, stopped with a key.

It walks a lead-in phase and one hold phase (a Timeline) on core's Runner with the app's
injected clock, so the time shown and the time recorded come from the clock, never from
counting ticks. The tick only polls the runner and redraws when the shown tenth changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Static

from glute_tui.core.assessment import hold_record, measured_seconds, stopwatch_timeline
from glute_tui.core.runner import Event, Runner


class Stopwatch(Widget, can_focus=True):
    DEFAULT_CSS = """
    Stopwatch {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    Stopwatch #sw-row {
        height: auto;
    }
    Stopwatch Digits {
        width: auto;
        color: $text-primary;
    }
    Stopwatch.-running Digits {
        color: $text-success;
    }
    Stopwatch #sw-status {
        color: $text-muted;
    }
    Stopwatch:focus #sw-status {
        color: $text;
    }
    """

    class Stopped(Message):
        """The stopwatch stopped: by the key (capped False) or at the cap (capped True)."""

        def __init__(self, test_id: str, side: str, seconds: float, capped: bool) -> None:
            super().__init__()
            self.test_id = test_id
            self.side = side
            self.seconds = seconds
            self.capped = capped

    def __init__(
        self,
        test_id: str,
        cap_s: float,
        clock: Callable[[], float],
        *,
        side: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.test_id = test_id
        self.cap_s = cap_s
        self.clock = clock
        self.runner: Runner | None = None
        self.side: str | None = side
        self._timer: Timer | None = None
        self._shown: str = ""

    def compose(self) -> ComposeResult:
        yield Digits("0.0", id="sw-digits")
        yield Static("", id="sw-status")

    def on_mount(self) -> None:
        self._redraw()

    @property
    def running(self) -> bool:
        return self.runner is not None and self.runner.state == "running"

    @property
    def counting_in(self) -> bool:
        """In the 3-2-1 lead-in: setting up on one leg is not test time."""
        current = self.runner.current if self.running and self.runner is not None else None
        return current is not None and current.kind == "prepare"

    def elapsed(self) -> float:
        return self.runner.elapsed() if self.running and self.runner is not None else 0.0

    def start(self, side: str) -> None:
        if self.running:
            return
        self.side = side
        self.runner = Runner(stopwatch_timeline(self.test_id, side, self.cap_s), self.clock)
        self.runner.start()
        self.add_class("-running")
        self._timer = self.set_interval(0.1, self.tick)
        self._redraw()

    def stop(self) -> None:
        """Stop now (the position was lost): records the time held. Stopped during the
        lead-in, nothing is recorded."""
        if self.runner is None or not self.running:
            return
        self._handle(self.runner.poll())
        if self.counting_in:
            self.cancel()
            self._shown = ""
            self._redraw()
            self.query_one("#sw-status", Static).update(
                "Stopped before the timing began: nothing recorded. Press [b]space[/b] to "
                "try again."
            )
            return
        if self.running:
            self._handle(self.runner.skip())

    def cancel(self) -> None:
        """Stop without a result (leaving the step)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.runner = None
        self.remove_class("-running")

    def tick(self) -> None:
        if self.runner is None:
            return
        was_counting = self.counting_in
        events = self.runner.poll()
        if events:
            self._handle(events)
        if self.running:
            if was_counting and not self.counting_in:
                self.app.bell()  # go: test time starts now
            self._redraw()

    def _handle(self, events: list[Event]) -> None:
        record = hold_record(events)
        if record is None:
            return
        seconds = measured_seconds(record.active_s, record.ended_by, self.cap_s)
        capped = record.ended_by == "planned"
        side = self.side or "left"
        self.cancel()
        self._redraw(seconds, capped)
        self.post_message(self.Stopped(self.test_id, side, seconds, capped))

    def _redraw(self, final: float | None = None, capped: bool = False) -> None:
        if final is None and self.counting_in and self.runner is not None:
            text = f"{max(1, math.ceil(self.runner.remaining() - 1e-9))}"
        else:
            value = final if final is not None else self.elapsed()
            text = f"{value:.1f}"
        if text != self._shown:
            self._shown = text
            self.query_one("#sw-digits", Digits).update(text)
        status = self.query_one("#sw-status", Static)
        if self.counting_in:
            status.update(
                f"Get set on the [b]{self.side}[/b] side: timing starts after 3-2-1 "
                "([b]space[/b] cancels)"
            )
        elif self.running:
            status.update(
                f"Timing the [b]{self.side}[/b] side — press [b]space[/b] the moment the "
                f"position goes (stops by itself at {self.cap_s:g} s)"
            )
        elif final is not None:
            note = f" — reached the {self.cap_s:g} s cap" if capped else ""
            status.update(f"{self.side} side: {final:g} s{note}")
        else:
            status.update(
                f"Press [b]space[/b] to start timing the [b]{self.side or 'left'}[/b] side "
                f"(cap {self.cap_s:g} s), [b]x[/b] for the other side, or [b]tab[/b] to type."
            )
