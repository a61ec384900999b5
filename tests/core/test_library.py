from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from glute_tui.core.library import TIERS, LibraryError, parse_library
from glute_tui.store import shipped

# Every exercise DOMAIN.md names, by the id the app uses for it.
DOMAIN_EXERCISES = {
    "iso_standing",
    "iso_seated",
    "iso_prone",
    "iso_supine",
    "contract_relax",
    "bird_dog",
    "side_lying_abduction",
    "clamshell",
    "quadruped_hip_extension",
    "lateral_sumo_walk",
    "cook_hip_lift",
    "glute_bridge",
    "supine_hip_extension",
    "single_leg_bridge",
    "standing_kickback",
    "hip_hinge",
    "lunge",
    "split_squat",
    "single_leg_rdl",
    "step_down",
    "single_leg_squat",
    "side_plank_abduction",
    "foam_roll",
    # the single-leg strength routine's reverse lunge (issue 13), and release work's areas
    "reverse_lunge",
    "release_upper",
    "release_outer",
    "release_middle",
    "release_low",
}


def raw_library() -> dict:
    text = resources.files("glute_tui.data").joinpath("exercises.json").read_text("utf-8")
    return json.loads(text)


def test_shipped_library_covers_the_domain() -> None:
    lib = shipped.library()
    assert {e.id for e in lib} == DOMAIN_EXERCISES
    for e in lib:
        assert 3 <= len(e.cues) <= 5, e.id
        assert e.tier is None or e.tier in TIERS
        assert e.dose.describe()


def test_protocol_positions_and_drills_exist_in_the_library() -> None:
    lib, proto = shipped.library(), shipped.protocols()
    assert proto.hold.positions == ("iso_standing", "iso_seated", "iso_prone")
    assert all(p in lib for p in proto.hold.positions)
    assert proto.circuit.warmup == "bird_dog"
    assert all(d in lib for d in proto.circuit.drills)
    assert (proto.hold.rest_s.min, proto.hold.rest_s.default, proto.hold.rest_s.max) == (3, 4, 5)
    assert (proto.circuit.rest_min_s, proto.circuit.rest_max_s) == (60, 120)
    assert proto.circuit.daily_cap_min.max == 10


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("exercises"), "exercises"),
        (lambda d: d["exercises"][0].pop("id"), "exercises[0].id"),
        (lambda d: d["exercises"][1].update(id="iso_standing"), "(iso_standing).id"),
        (lambda d: d["exercises"][2].update(routine="yoga"), "(iso_prone).routine"),
        (lambda d: d["exercises"][0].update(per_side="yes"), "(iso_standing).per_side"),
        (lambda d: d["exercises"][0].update(cues=[]), "(iso_standing).cues"),
        (lambda d: d["exercises"][0].update(cues=["ok", "  "]), "(iso_standing).cues"),
        (lambda d: d["exercises"][0].update(tier="huge"), "(iso_standing).tier"),
        (lambda d: d["exercises"][0]["dose"].update(reps=-1), "(iso_standing).dose.reps"),
        (lambda d: d["exercises"][0]["dose"].update(sets=1.5), "(iso_standing).dose.sets"),
        (lambda d: d["exercises"][5]["dose"].update(tempo=[1, 2]), "(bird_dog).dose.tempo"),
        (lambda d: d["exercises"][5].update(pacer=["A"]), "(bird_dog).pacer"),
    ],
)
def test_malformed_library_names_file_and_field(mutate, where: str) -> None:
    data = copy.deepcopy(raw_library())
    mutate(data)
    with pytest.raises(LibraryError) as info:
        parse_library(data, "data/exercises.json")
    message = str(info.value)
    assert message.startswith("data/exercises.json: ")
    assert where in message


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(LibraryError, match="top level"):
        parse_library([], "x.json")
