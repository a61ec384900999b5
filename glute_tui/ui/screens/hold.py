"""The isometric hold timer (Protocol 1): standing, seated, prone; 10 squeezes of 3 s."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from glute_tui.core.circuit import fmt_minutes
from glute_tui.core.plan import Plan
from glute_tui.core.progress import counts_by_day, today_counts
from glute_tui.core.records import session_volume
from glute_tui.core.timeline import HoldSettings, PhaseSpec, Timeline, build_hold_timeline
from glute_tui.ui.screens.session import LiveSessionScreen

BANNERS = {
    "prepare": ("GET READY", "phase-ready"),
    "hold": ("HOLD", "phase-hold"),
    "rest": ("REST", "phase-rest"),
    "switch": ("SWITCH", "phase-switch"),
    "transition": ("SWITCH", "phase-switch"),
}


def hold_settings(raw: dict[str, Any], protocol: Any) -> HoldSettings:
    d = HoldSettings.defaults(protocol)

    def num(key: str, default: float) -> float:
        value = raw.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return float(value) if ok else default

    return HoldSettings(
        int(num("hold_reps", d.reps)), num("hold_s", d.hold_s), num("hold_rest_s", d.rest_s)
    ).clamped(protocol)


class HoldScreen(LiveSessionScreen):
    ROUTINE = "hold"
    HELP = (
        "The isometric hold timer: three positions (standing, seated, prone), ten hard "
        "squeezes of 3 seconds each with a short rest, weaker side first. Squeeze on HOLD, "
        "let go fully on REST. Before you start, rate your pain; do not train through pain. "
        "Every finished phase is saved as you go, so a crash never loses a rep. "
        "Another screen opened on top (help, palette) pauses the timer."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "rest(1)", "Rest +", key_display="+"),
        Binding("minus", "rest(-1)", "Rest -", key_display="-"),
    ]

    # ---- settings and plan -------------------------------------------------------------
    def _settings(self) -> HoldSettings:
        app: Any = self.app
        return hold_settings(app.store.settings() if app.store else {}, app.protocols.hold)

    def _plan(self) -> Plan:
        app: Any = self.app
        return app.store.plan() if app.store else Plan()

    def build(self) -> tuple[Timeline, dict[str, Any]] | None:
        app: Any = self.app
        settings = self._settings()
        plan = self._plan()
        timeline = build_hold_timeline(plan, app.library, app.protocols.hold, settings)
        return timeline, self._resume_state(settings, plan.hold_sides)

    def _resume_state(self, settings: HoldSettings, sides: tuple[str, ...]) -> dict[str, Any]:
        return {
            "routine": "hold",
            "settings": {
                "reps": settings.reps,
                "hold_s": settings.hold_s,
                "rest_s": settings.rest_s,
            },
            "sides": list(sides),
            "next_index": 0,
        }

    def setup_text(self) -> str:
        app: Any = self.app
        if app.store is None:
            return "Loading your plan…"
        s = self._settings()
        plan = self._plan()
        timeline = build_hold_timeline(plan, app.library, app.protocols.hold, s)
        names = " → ".join(
            (app.library[p].position or p) for p in app.protocols.hold.positions if p in app.library
        )
        sides = plan.hold_sides
        side_line = (
            f"{sides[0].upper()} glute only"
            if len(sides) == 1
            else f"both glutes, {sides[0].upper()} first"
        )
        lines = [
            "[b]Isometric hold[/b] — " + names,
            f"Sides: {side_line}",
            f"{s.reps} squeezes of {s.hold_s:g} s, {s.rest_s:g} s rest  ·  "
            f"about {fmt_minutes(timeline.planned_total_s)}",
        ]
        if plan.needs_assessment:
            lines.append(
                "[b]No self-assessment yet[/b], so both sides get the work. "
                "Take it to find your weak side."
            )
        return "\n".join(lines)

    # ---- how phases read --------------------------------------------------------------------
    def banner_for(self, spec: PhaseSpec) -> tuple[str, str]:
        return BANNERS.get(spec.kind, (spec.kind.upper(), "phase-ready"))

    def _position(self, spec: PhaseSpec) -> str:
        app: Any = self.app
        ex = app.library.get(spec.exercise) if spec.exercise else None
        return (ex.position or ex.name) if ex else ""

    def where_for(self, spec: PhaseSpec) -> str:
        side = (spec.side or "").upper()
        pos = self._position(spec)
        if spec.kind == "switch":
            return f"Other side: {side} glute, {pos}"
        if spec.kind == "transition":
            return f"New position: {pos} — {side} glute"
        return f"{side} glute, {pos}"

    def counts_for(self, spec: PhaseSpec) -> str:
        app: Any = self.app
        positions = [p for p in app.protocols.hold.positions if p in app.library]
        pos_i = positions.index(spec.exercise) + 1 if spec.exercise in positions else 0
        reps = self._settings().reps if self.runner is None else None
        reps = spec.set_count or reps or self._settings().reps
        rep = spec.set if spec.kind in ("hold", "rest") else 0
        rep_text = f"rep {rep}/{reps}" if rep else f"rep –/{reps}"
        return f"{rep_text}   ·   position {pos_i}/{len(positions)}"

    def extra_for(self, spec: PhaseSpec) -> str:
        if spec.kind == "rest":
            return f"rest {spec.planned_s:g} s  ( + / - : 3 to 5 s)"
        if spec.kind == "hold":
            return "squeeze hard"
        return ""

    # ---- keys --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rest":
            return self.mode in ("setup", "live")
        return super().check_action(action, parameters)

    def action_rest(self, delta: int) -> None:
        app: Any = self.app
        proto = app.protocols.hold
        current = self._settings().rest_s
        if self.runner is not None:
            rests = [s for s in self.runner.specs if s.kind == "rest"]
            current = rests[0].planned_s if rests else current
            live = self.runner.current
            if live is not None and live.kind == "rest":
                current = live.planned_s
        new = proto.rest_s.clamp(current + delta)
        if self.runner is not None:
            self.runner.retime("rest", new)
        app.write(lambda s: s.set_setting("hold_rest_s", new))
        self.notify(f"Rest {new:g} s", timeout=1.5)
        if self.mode == "setup":
            self.call_after_refresh(self._store_changed)
        self.redraw()

    # ---- resume -----------------------------------------------------------------------------
    def resume_offer(self) -> str | None:
        rec = self._recovered()
        if rec is None:
            return None
        s = rec["session"]
        holds = sum(1 for p in s["phases"] if p["kind"] == "hold")
        return (
            f"Your hold session from {s['started_at'][11:16]} was cut short after "
            f"{holds} hold{'' if holds == 1 else 's'}. What you did is saved. "
            "Press [b]ctrl+r[/b] to pick up from the next rep."
        )

    def prepare_s(self) -> float:
        app: Any = self.app
        return float(app.protocols.hold.prepare_s)

    def build_resumed(self, resume: dict[str, Any]) -> tuple[Timeline, dict[str, Any]] | None:
        app: Any = self.app
        raw = resume.get("settings", {})
        settings = HoldSettings(
            int(raw.get("reps", 10)), float(raw.get("hold_s", 3)), float(raw.get("rest_s", 4))
        ).clamped(app.protocols.hold)
        sides = tuple(s for s in resume.get("sides", []) if s in ("left", "right")) or (
            "left",
            "right",
        )
        full = build_hold_timeline(
            Plan(hold_sides=sides, circuit_sides=sides), app.library, app.protocols.hold, settings
        )
        timeline = self.slice_from(full, int(resume.get("next_index", 0)), "hold")
        if timeline is None:
            return None
        return timeline, self._resume_state(settings, sides)

    # ---- summary ------------------------------------------------------------------------------
    def summary_lines(self, session: dict[str, Any]) -> list[str]:
        app: Any = self.app
        vol = session_volume(session["phases"])
        per_side = "   ".join(
            f"{side.upper()}: {int(v['holds'])} hold{'' if v['holds'] == 1 else 's'}"
            for side, v in sorted(vol.items())
        )
        lines = [per_side or "No holds done."]
        if app.store is not None:
            rows = [r for r in app.store.rows() if r.get("id") != session["id"]]
            done, _ = today_counts(counts_by_day(rows), app.now().date())
            if session["status"] == "completed":
                done += 1
                proto = app.protocols.hold
                counts = " — today counts" if done >= proto.sessions_target else ""
                lines.append(f"Hold session {done} of {proto.sessions_max} today{counts}.")
            else:
                lines.append(f"Completed hold sessions today: {done}.")
        if session.get("pain_override"):
            lines.append("You chose to train despite pain; that choice is in your log.")
        return lines
