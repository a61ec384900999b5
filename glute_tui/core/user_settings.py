"""Every setting a user or physio may tune on the settings screen, with its bounds.

Pure: the bounds come from the protocols passed in (protocols.json), the circuit, sound and
programme modules; the same numbers the timers clamp to and import checks against. A value
is refused whole, with the field named: `check` returns either every value or one problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from glute_tui.core.circuit import REPS, ROUNDS, TEMPO_SCALE
from glute_tui.core.programme_config import SETTINGS as PROGRAMME_SETTINGS
from glute_tui.core.progress import CIRCUIT_TARGETS
from glute_tui.core.protocol import Protocols, bounds_of
from glute_tui.core.sound import VOLUME

#: short labels for the programme's settings (core/programme_config.py SETTINGS)
PROGRAMME_LABELS = {
    "programme_days_in_stage": "Days in a stage before its gate",
    "programme_glutes_stopped_pct": "Sets the glutes may stop on (%)",
    "programme_load_step": "Load steps down per bad morning",
    "programme_back_stages": "Stages back after two bad mornings",
    "programme_reassess_weeks": "Weeks between re-assessments",
}


@dataclass(frozen=True)
class Field:
    key: str  # the key in the settings record
    label: str  # how the screen and every refusal name it
    kind: str  # "whole", "number" or "flag"
    default: Any
    low: float = 0
    high: float = 0
    section: str = ""

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be this setting, or None when it can."""
        if self.kind == "flag":
            return None if isinstance(value, bool) else f"{self.label}: must be on or off"
        whole = self.kind == "whole"
        ok = (
            not isinstance(value, bool)
            and isinstance(value, (int, float))
            and (not whole or float(value).is_integer())
            and self.low <= value <= self.high
        )
        if ok:
            return None
        what = "a whole number" if whole else "a number"
        return f"{self.label}: must be {what} from {self.low:g} to {self.high:g}"

    def parse(self, text: str) -> tuple[Any, str | None]:
        """The value typed in `text` (a whole number or a number), or its problem."""
        text = text.strip()
        try:
            value: Any = int(text) if self.kind == "whole" else float(text)
        except ValueError:
            what = "a whole number" if self.kind == "whole" else "a number"
            return None, (
                f"{self.label}: {text or 'nothing'} is not {what} "
                f"(from {self.low:g} to {self.high:g})"
            )
        return value, self.problem(value)

    def shown(self, raw: Mapping[str, Any]) -> Any:
        """The value the screen starts from: the saved one when it is valid, else the default."""
        value = raw.get(self.key, self.default)
        return value if self.problem(value) is None else self.default


#: the other routines' numbers a user or physio may set (programme_config.USER_DOSE reads
#: them too): setting key, protocols.json section and entry, label, kind, screen section
ROUTINE_DOSES = (
    ("relax_reps", "contract_relax", "reps", "Contract & relax rounds", "whole",
     "Contract & relax"),
    ("relax_contract_s", "contract_relax", "contract_s", "Contract & relax squeeze seconds",
     "number", "Contract & relax"),
    ("cook_reps", "cook_hip_lift", "reps", "Cook hip lift lifts per leg", "whole",
     "Cook hip lift"),
    ("cook_hold_s", "cook_hip_lift", "hold_s", "Cook hip lift seconds per hold", "number",
     "Cook hip lift"),
    ("bridge_reps", "bridge", "reps", "Bridge reps per set", "whole", "Bridge progression"),
    ("standing_reps", "standing_glute", "reps", "Standing contraction reps per set", "whole",
     "Standing glute contraction"),
    ("single_leg_sets", "single_leg", "sets", "Single-leg sets (weak side double volume)",
     "whole", "Single-leg strength"),
)  # fmt: skip


def fields(protocols: Protocols) -> tuple[Field, ...]:
    hold, circuit = protocols.hold, protocols.circuit
    cap = circuit.daily_cap_min
    # the release routine's own minutes (DOMAIN: a 5-10 minute timer): one default, there
    release = bounds_of(protocols.section("release"), "minutes", "release")
    out = [
        Field("hold_reps", "Hold squeezes per position", "whole", int(hold.reps.default),
              hold.reps.min, hold.reps.max, "Hold timer"),
        Field("hold_s", "Hold seconds per squeeze", "number", hold.hold_s.default,
              hold.hold_s.min, hold.hold_s.max, "Hold timer"),
        Field("hold_rest_s", "Hold rest seconds", "number", hold.rest_s.default,
              hold.rest_s.min, hold.rest_s.max, "Hold timer"),
        Field("circuit_reps", "Circuit reps per drill", "whole", int(REPS.default),
              REPS.min, REPS.max, "Circuit"),
        Field("circuit_rounds", "Circuit rounds", "whole", int(ROUNDS.default),
              ROUNDS.min, ROUNDS.max, "Circuit"),
        Field("circuit_rest_s", "Circuit rest seconds", "number",
              (circuit.rest_min_s + circuit.rest_max_s) / 2,
              circuit.rest_min_s, circuit.rest_max_s, "Circuit"),
        Field("circuit_cap_min", "Circuit minutes a day at most", "number", cap.default,
              cap.min, cap.max, "Circuit"),
        Field("circuit_tempo_scale", "Circuit tempo (1 usual, above 1 slower)", "number",
              TEMPO_SCALE.default, TEMPO_SCALE.min, TEMPO_SCALE.max, "Circuit"),
        Field("circuit_weekly_target", "Circuit days a week", "whole", max(CIRCUIT_TARGETS),
              min(CIRCUIT_TARGETS), max(CIRCUIT_TARGETS), "Weekly targets"),
        Field("release_min", "Release work minutes", "whole", int(release.default),
              release.min, release.max, "Release work"),
    ]  # fmt: skip
    for key, part, name, words, kind, title in ROUTINE_DOSES:
        dose = bounds_of(protocols.section(part), name, part)
        default = int(dose.default) if kind == "whole" else dose.default
        out.append(Field(key, words, kind, default, dose.min, dose.max, title))
    for key, b in PROGRAMME_SETTINGS.items():
        label = PROGRAMME_LABELS.get(key, b.what)
        out.append(Field(key, label, "whole", b.default, b.low, b.high, "Programme"))
    out += [
        Field("muted", "Sound off", "flag", False, section="Sound"),
        Field("voice", "Spoken cues", "flag", False, section="Sound"),
        Field("volume", "Volume", "whole", int(VOLUME.default), VOLUME.min,
              VOLUME.max, "Sound"),
    ]  # fmt: skip
    return tuple(out)


def check(
    table: tuple[Field, ...], texts: Mapping[str, str], flags: Mapping[str, bool]
) -> tuple[dict[str, Any], None] | tuple[None, tuple[str, str]]:
    """Every value typed (`texts` for numbers, `flags` for on/off), or the first field's
    key and problem. Nothing is returned in part."""
    values: dict[str, Any] = {}
    for f in table:
        if f.kind == "flag":
            value: Any = flags.get(f.key, f.default)
            problem = f.problem(value)
        else:
            value, problem = f.parse(texts.get(f.key, ""))
        if problem is not None:
            return None, (f.key, problem)
        values[f.key] = value
    return values, None
