"""Walk a Timeline on an injected monotonic clock.

Remaining time is always computed from the clock, never by counting ticks: `poll()` may be
called late or rarely and still closes every phase at its scheduled moment. All times in
records and events are seconds since the session started, on the injected clock, pauses
included (the export's `start_s` / `end_s`).

Operations return the events they cause, in order. A screen turns events into sound, colour
and log writes; the runner itself does no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from glute_tui.core.runner_events import (
    DONE,
    GLUTES_STOPPED,
    OUT_OF_TIME,
    PLANNED,
    READY,
    SKIPPED,
    STOPPED,
    Event,
    PhaseRecord,
)
from glute_tui.core.timeline import PhaseSpec, Timeline

# What a runner reports lives in core/runner_events.py; the names are re-exported here
# because ui/ (live screen, stopwatch, signals) reads them with the Runner.
__all__ = [
    "DONE",
    "GLUTES_STOPPED",
    "OUT_OF_TIME",
    "PLANNED",
    "READY",
    "SKIPPED",
    "STOPPED",
    "Clock",
    "Event",
    "PhaseRecord",
    "Runner",
]

Clock = Callable[[], float]


@dataclass
class _Live:
    index: int
    spec: PhaseSpec
    start: float  # session seconds
    paused: float = 0.0


@dataclass
class Runner:
    timeline: Timeline
    clock: Clock
    state: str = "idle"  # idle | running | paused | ended
    records: list[PhaseRecord] = field(default_factory=list)
    status: str | None = None
    stop_reason: str | None = None
    #: Active (unpaused) seconds the session may use at most; None for no limit. When it
    #: runs out mid-phase, that phase ends (ended_by "out_of_time") and so does the session.
    budget_s: float | None = None
    _specs: list[PhaseSpec] = field(default_factory=list)
    _t0: float = 0.0
    _live: _Live | None = None
    _pause_started: float | None = None
    _paused_total: float = 0.0
    _reps_override: int | None = None
    _load_override: float | None = None

    def __post_init__(self) -> None:
        self._specs = list(self.timeline.phases)

    # ---- reading -------------------------------------------------------------------
    def now(self) -> float:
        """Session seconds (pauses included) on the injected clock."""
        return self.clock() - self._t0 if self.state != "idle" else 0.0

    @property
    def specs(self) -> tuple[PhaseSpec, ...]:
        return tuple(self._specs)

    @property
    def index(self) -> int:
        return (
            self._live.index if self._live else (len(self._specs) if self.state == "ended" else 0)
        )

    @property
    def current(self) -> PhaseSpec | None:
        return self._live.spec if self._live else None

    @property
    def upcoming(self) -> PhaseSpec | None:
        i = self.index + 1 if self._live else None
        return self._specs[i] if i is not None and i < len(self._specs) else None

    @property
    def paused_total(self) -> float:
        extra = self.now() - self._pause_started if self._pause_started is not None else 0.0
        return self._paused_total + extra

    def elapsed(self) -> float:
        """Active (unpaused) seconds spent in the current phase."""
        live = self._live
        if live is None:
            return 0.0
        now = self.now()
        paused = live.paused
        if self._pause_started is not None:
            paused += now - max(self._pause_started, live.start)
        return max(0.0, now - live.start - paused)

    def remaining(self) -> float:
        live = self._live
        if live is None or live.spec.paced:
            return 0.0  # a user-paced phase has no time left: it ends when the user says
        return max(0.0, live.spec.planned_s - self.elapsed())

    def reps_done(self) -> int | None:
        """Whole reps completed so far in a paced work phase (None for other phases)."""
        live = self._live
        if live is None or live.spec.tempo is None or live.spec.reps is None or live.spec.paced:
            return None
        rep_len = sum(live.spec.tempo)
        done = math.floor(self.elapsed() / rep_len + 1e-9) if rep_len > 0 else 0
        return min(live.spec.reps, done)

    def planned_total(self) -> float:
        return sum(s.planned_s for s in self._specs)

    def active_done(self) -> float:
        """Active seconds of the plan done so far (for a whole-session progress bar)."""
        done = sum(r.active_s for r in self.records)
        return done + self.elapsed()

    # ---- operations -----------------------------------------------------------------
    def start(self) -> list[Event]:
        if self.state != "idle":
            return []
        self._t0 = self.clock()
        self.state = "running"
        if not self._specs:
            return self._end_session(0.0, "completed", None)
        return self._begin(0, 0.0)

    def poll(self) -> list[Event]:
        """Close every phase whose scheduled end has passed; cheap when nothing changed."""
        if self.state != "running":
            return []
        events: list[Event] = []
        now = self.now()
        while self._live is not None and self.state == "running":
            live = self._live
            end_at = live.start + live.paused + live.spec.planned_s
            out_at = self._budget_end(live)
            if live.spec.paced:
                end_at = math.inf  # only the user (done/skip/stop) or the budget ends it
            if out_at is not None and out_at < end_at - 1e-9:
                if now + 1e-9 < out_at:
                    break
                events += self._out_of_time(out_at)
                break
            if now + 1e-9 < end_at:
                break
            events += self._finish(end_at, PLANNED)
        return events

    def next_change(self, step: float = 1.0) -> float | None:
        """Seconds until the next moment worth waking for: a phase boundary, the budget
        running out, or the shown countdown (whole `step`s of remaining time) changing.
        None when nothing will change by itself (idle, paused or ended)."""
        live = self._live
        if self.state != "running" or live is None:
            return None
        if live.spec.paced:  # the shown count goes up by whole seconds
            out_at = self._budget_end(live)
            frac = step - math.fmod(self.elapsed(), step)
            tick = frac if frac > 1e-6 else step
            return tick if out_at is None else max(0.0, min(tick, out_at - self.now()))
        left = self.remaining()
        out_at = self._budget_end(live)
        if out_at is not None:
            left = min(left, max(0.0, out_at - self.now()))
        frac = math.fmod(left, step)
        tick = frac if frac > 1e-6 else step
        return max(0.0, min(left, tick))

    def pause(self) -> list[Event]:
        if self.state != "running":
            return []
        events = self.poll()
        if self.state != "running":
            return events
        now = self.now()
        self._pause_started = now
        self.state = "paused"
        return [*events, Event("paused", self.index, now)]

    def resume(self) -> list[Event]:
        if self.state != "paused" or self._pause_started is None:
            return []
        now = self.now()
        gap = now - self._pause_started
        self._paused_total += gap
        if self._live is not None:
            self._live.paused += now - max(self._pause_started, self._live.start)
        self._pause_started = None
        self.state = "running"
        return [Event("resumed", self.index, now), *self.poll()]

    def toggle(self) -> list[Event]:
        if self.state == "idle":
            return self.start()
        return self.pause() if self.state == "running" else self.resume()

    def skip(
        self, ended_by: str = SKIPPED, reps: int | None = None, load_kg: float | None = None
    ) -> list[Event]:
        """End the current phase now and begin the next (still paused if paused). `reps`
        and `load_kg`: the reps done so far and the load of a user-paced phase (ignored for
        any other)."""
        events = self.poll()
        if self._live is None or self.state not in ("running", "paused"):
            return events
        if reps is not None and reps < 0:
            raise ValueError("reps must be >= 0")
        if load_kg is not None and not (math.isfinite(load_kg) and load_kg >= 0):
            raise ValueError("load_kg must be a number >= 0")
        self._reps_override = reps if self._live.spec.paced else None
        self._load_override = load_kg if self._live.spec.paced else None
        return events + self._finish(self.now(), ended_by)

    def ready(self) -> list[Event]:
        """End an adjustable rest window early; refused (no events) before its minimum."""
        events = self.poll()
        live = self._live
        if live is None or self.state != "running" or live.spec.min_s is None:
            return events
        if self.elapsed() + 1e-9 < live.spec.min_s:
            return events
        return events + self._finish(self.now(), READY)

    def done(self, reps: int | None = None, load_kg: float | None = None) -> list[Event]:
        """End a user-paced phase now, logging the reps done (None: not counted) and the
        load lifted (None: none given, e.g. bodyweight)."""
        events = self.poll()
        live = self._live
        if live is None or self.state not in ("running", "paused") or not live.spec.paced:
            return events
        if reps is not None and reps < 0:
            raise ValueError("reps must be >= 0")
        if load_kg is not None and not (math.isfinite(load_kg) and load_kg >= 0):
            raise ValueError("load_kg must be a number >= 0")
        self._reps_override = reps
        self._load_override = load_kg
        return events + self._finish(self.now(), DONE)

    def ready_in(self) -> float | None:
        """Seconds until `ready()` is accepted in the current phase, or None if it never is."""
        live = self._live
        if live is None or live.spec.min_s is None:
            return None
        return max(0.0, live.spec.min_s - self.elapsed())

    def adjust_current(self, delta: float) -> float | None:
        """Lengthen/shorten an adjustable phase within its bounds; returns the new plan.

        Shortening below the time already spent ends the phase on the next poll (at that
        moment, never in the past: the plan becomes the time already spent).
        """
        live = self._live
        if live is None or not live.spec.adjustable:
            return None
        wanted = live.spec.clamp(live.spec.planned_s + delta)
        live.spec = replace(live.spec, planned_s=max(wanted, self.elapsed()))
        self._specs[live.index] = live.spec
        return live.spec.planned_s

    def retime(self, kind: str, seconds: float) -> None:
        """Set the planned length of the current and every later phase of `kind`."""
        start = self._live.index if self._live else 0
        for i in range(start, len(self._specs)):
            spec = self._specs[i]
            if spec.kind == kind:
                self._specs[i] = spec.with_planned(seconds) if spec.adjustable else spec
        live = self._live
        if live is not None and live.spec.kind == kind:
            spec = self._specs[live.index]
            live.spec = replace(spec, planned_s=max(spec.planned_s, self.elapsed()))
            self._specs[live.index] = live.spec

    def stop(
        self,
        reason: str = "quit",
        keep_current: bool = False,
        reps: int | None = None,
        load_kg: float | None = None,
    ) -> list[Event]:
        """End the session early. Completed phases are kept; the current one only on request
        (as it stands: its real seconds, ended_by "stopped"; `reps` and `load_kg` for a
        user-paced one)."""
        if self.state in ("idle", "ended"):
            return []
        if load_kg is not None and not (math.isfinite(load_kg) and load_kg >= 0):
            raise ValueError("load_kg must be a number >= 0")
        self._reps_override = reps
        self._load_override = load_kg
        events = self.poll()
        if self.state == "ended":
            return events
        now = self.now()
        if self._pause_started is not None:
            self._paused_total += now - self._pause_started
            if self._live is not None:
                self._live.paused += now - max(self._pause_started, self._live.start)
            self._pause_started = None
        if self._live is not None and keep_current:
            self.records.append(self._record(self._live, now, STOPPED))
            events.append(Event("phase_ended", self._live.index, now, self.records[-1]))
        self._live = None
        return events + self._end_session(now, "stopped", reason)

    # ---- internals ------------------------------------------------------------------
    def _budget_end(self, live: _Live) -> float | None:
        """Session seconds at which the budget runs out during `live` (running only)."""
        if self.budget_s is None:
            return None
        before = sum(r.active_s for r in self.records)
        return live.start + live.paused + max(0.0, self.budget_s - before)

    def _out_of_time(self, at: float) -> list[Event]:
        live = self._live
        assert live is not None
        record = self._record(live, at, OUT_OF_TIME)
        self.records.append(record)
        self._live = None
        return [
            Event("phase_ended", live.index, at, record),
            *self._end_session(at, "stopped", OUT_OF_TIME),
        ]

    def _record(self, live: _Live, end: float, ended_by: str) -> PhaseRecord:
        reps: int | None = None
        if live.spec.paced:
            reps, self._reps_override = self._reps_override, None
            load, self._load_override = self._load_override, None
            return PhaseRecord(
                live.index, live.spec, live.start, end, live.paused, ended_by, reps, load
            )
        if live.spec.tempo is not None and live.spec.reps is not None:
            rep_len = sum(live.spec.tempo)
            active = end - live.start - live.paused
            reps = min(live.spec.reps, math.floor(active / rep_len + 1e-9)) if rep_len else 0
        return PhaseRecord(live.index, live.spec, live.start, end, live.paused, ended_by, reps)

    def _finish(self, end: float, ended_by: str) -> list[Event]:
        live = self._live
        assert live is not None
        if self._pause_started is not None:
            # Ending while paused: the pause so far belongs to this phase; the rest of the
            # pause belongs to the next one.
            live.paused += end - max(self._pause_started, live.start)
            self._paused_total += end - self._pause_started
            self._pause_started = end
        record = self._record(live, end, ended_by)
        self.records.append(record)
        events = [Event("phase_ended", live.index, end, record)]
        nxt = live.index + 1
        if nxt >= len(self._specs):
            self._live = None
            if self._pause_started is not None:
                self._pause_started = None
            return events + self._end_session(end, "completed", None)
        return events + self._begin(nxt, end)

    def _begin(self, index: int, at: float) -> list[Event]:
        self._live = _Live(index, self._specs[index], at)
        return [Event("phase_started", index, at)]

    def _end_session(self, at: float, status: str, reason: str | None) -> list[Event]:
        self.state = "ended"
        self.status = status
        self.stop_reason = reason if reason else ("planned_end" if status == "completed" else None)
        return [Event("session_ended", -1, at, status=status, reason=self.stop_reason)]
