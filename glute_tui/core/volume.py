"""Work done per side in a session, from its phases (used by records and routines)."""

from __future__ import annotations

from typing import Any


def session_volume(phases: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per-side work done: completed holds, reps of paced drills, and active seconds."""
    out: dict[str, dict[str, float]] = {}
    for p in phases:
        if p["kind"] not in ("hold", "work") or p["side"] is None:
            continue
        sides = ("left", "right") if p["side"] == "both" else (p["side"],)
        active = p["end_s"] - p["start_s"] - p.get("paused_s", 0.0)
        for side in sides:
            bucket = out.setdefault(side, {"holds": 0, "reps": 0, "active_s": 0.0})
            if p["kind"] == "hold" and active >= 0.5 * p["planned_s"]:
                bucket["holds"] += 1
            if p["kind"] == "work" and p["reps"]:
                bucket["reps"] += p["reps"]
            bucket["active_s"] = round(bucket["active_s"] + active, 3)
    return out
