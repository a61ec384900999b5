"""Evidence figures belong to the exercise a source measured, not a neighbour."""

from __future__ import annotations

from glute_tui.store import shipped


def test_quadruped_hip_extension_does_not_borrow_the_prone_figures() -> None:
    quad = shipped.library()["quadruped_hip_extension"]
    assert quad.emg is None and quad.tier is None
    assert quad.tier_label == "not rated"
    assert quad.note is not None and "No EMG figures" in quad.note


def test_the_shipped_circuit_target_is_every_day_like_the_progress_default() -> None:
    from glute_tui.core.progress import CIRCUIT_TARGET_DEFAULT

    target = shipped.protocols().circuit.weekly_target
    assert target.default == CIRCUIT_TARGET_DEFAULT == 7
    assert (target.min, target.max) == (5, 7)
