from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.core.cues import FILE_FORMAT
from glute_tui.store import shipped
from glute_tui.store.cue_share import effective_cues, import_cues
from glute_tui.store.history import HistoryStore, StoreError


def _shipped_digest() -> str:
    data = resources.files("glute_tui.data").joinpath("exercises.json").read_bytes()
    return hashlib.sha256(data).hexdigest()


def test_set_cues_survives_a_restart_and_reset(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("bird_dog", ["Long spine", "Reach 👋"])
    again = HistoryStore.open(db_path)
    assert again.cue_overrides() == {"bird_dog": ["Long spine", "Reach 👋"]}
    again.set_cues("bird_dog", None)
    assert HistoryStore.open(db_path).cue_overrides() == {}


def test_set_cues_cleans_text(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("bird_dog", ["  Cre\u0300me  "])
    assert store.cue_overrides()["bird_dog"] == ["Crème"]


@pytest.mark.parametrize(
    "bad",
    [[], [f"c{i}" for i in range(9)], ["ok", "ok"], ["tab\there"], ["x" * 121], ["   "]],
)
def test_store_refuses_a_bad_list_and_writes_nothing(db_path: Path, bad: list[str]) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("clamshell", ["Knees together"])
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="clamshell"):
        store.set_cues_many({"bird_dog": ["fine"], "clamshell": bad})
    assert db_path.read_bytes() == before


def test_edits_never_touch_the_shipped_library(db_path: Path) -> None:
    digest = _shipped_digest()
    HistoryStore.open(db_path).set_cues("bird_dog", ["mine"])
    assert _shipped_digest() == digest
    assert shipped.library()["bird_dog"].cues != ("mine",)


def test_import_stores_a_shipped_equal_set_as_shipped(db_path: Path) -> None:
    library = shipped.library()
    store = HistoryStore.open(db_path)
    store.set_cues("bird_dog", ["mine"])
    yours, back = import_cues(
        store, library, {"bird_dog": library["bird_dog"].cues, "clamshell": ("new",)}
    )
    assert (yours, back) == (1, 1)
    assert store.cue_overrides() == {"clamshell": ["new"]}


# ---- command line ----------------------------------------------------------------------
def _cue_file(path: Path, cues: object, **extra: object) -> Path:
    path.write_text(
        json.dumps({"format": FILE_FORMAT, "version": 1, "cues": cues, **extra}),
        encoding="utf-8",
    )
    return path


def test_cli_export_import_round_trip(db_path: Path, tmp_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("bird_dog", ["Long spine", "Slow reach 🐢"])
    out = tmp_path / "share.json"
    assert main(["cues", "export", str(out), "--db", str(db_path)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    library = shipped.library()
    assert list(exported["cues"]) == [ex.id for ex in library]  # library order, complete
    assert exported["cues"]["bird_dog"] == ["Long spine", "Slow reach 🐢"]
    assert exported["cues"]["clamshell"] == list(library["clamshell"].cues)

    other = tmp_path / "other" / "history.json"
    assert main(["cues", "import", str(out), "--db", str(other)]) == 0
    imported = HistoryStore.open(other)
    assert imported.cue_overrides() == {"bird_dog": ["Long spine", "Slow reach 🐢"]}
    assert effective_cues(imported, library) == exported["cues"]


def test_cli_export_to_stdout_without_a_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none" / "history.json"
    assert main(["cues", "export", "-", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == FILE_FORMAT
    assert not db.exists() and not db.parent.exists()


@pytest.mark.parametrize(
    ("cues", "fragment"),
    [
        ({"bird_dog": ["fine"], "no_such_move": ["x"]}, "unknown exercise id 'no_such_move'"),
        ({"bird_dog": [f"cue {i}" for i in range(9)]}, "at most 8"),
        ({"bird_dog": ["fine", "line\nbreak"]}, "bird_dog: Cue 2"),
        ({"bird_dog": ["x" * 121]}, "121 characters"),
        ({"bird_dog": ["same", " same "]}, "twice"),
        ({"bird_dog": ["   "]}, "empty"),
    ],
)
def test_cli_import_refuses_a_bad_file_and_writes_nothing(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cues: dict[str, list[str]],
    fragment: str,
) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("clamshell", ["Knees together"])
    before = db_path.read_bytes()
    bad = _cue_file(tmp_path / "bad.json", cues)
    assert main(["cues", "import", str(bad), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert "nothing was imported" in err
    assert err.count("\n") == 1  # one line
    assert db_path.read_bytes() == before


def test_cli_import_refusal_does_not_create_the_data_file(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "history.json"
    bad = _cue_file(tmp_path / "bad.json", {"nope": ["x"]})
    assert main(["cues", "import", str(bad), "--db", str(db)]) == 2
    assert not db.parent.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "not valid JSON"),
        (
            '{"format": "glute-tui-cues", "version": 1, '
            '"cues": {"bird_dog": ["a"], "bird_dog": ["b"]}}',
            "'bird_dog' appears twice",
        ),
        ('{"format": "glute-tui-export", "version": 1}', "not a glute-tui cue file"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_cli_import_refuses_unreadable_files(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    fragment: str,
) -> None:
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    assert main(["cues", "import", str(bad), "--db", str(db_path)]) == 2
    assert fragment in capsys.readouterr().err
    assert not db_path.exists()


def test_cli_cues_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "h.json")
    assert main(["cues", "import", "--db", db]) == 2
    assert "needs a FILE" in capsys.readouterr().err
    assert main(["cues", "import", str(tmp_path / "missing.json"), "--db", db]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["cues", "export", str(tmp_path), "--db", db]) == 2
    assert "is a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["cues", "frobnicate", "--db", db])
    assert info.value.code == 2


def test_headless_cue_commands_do_not_load_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from glute_tui.cli import main; "
        f"rc = main(['cues', 'export', {str(tmp_path / 'c.json')!r}, "
        f"'--db', {str(tmp_path / 'h.json')!r}]); "
        "print(rc, 'textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_hand_edited_bad_cues_fall_back_to_shipped_and_stay_in_the_file(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_cues("bird_dog", ["fine"])
    raw = json.loads(db_path.read_text(encoding="utf-8"))
    for doc in raw["kv"].values():
        if doc["key"] == "cues":
            doc["value"].update(
                clamshell=[f"c{i}" for i in range(12)], lunge="not a list", step_down=[1, 2]
            )
    db_path.write_text(json.dumps(raw), encoding="utf-8")
    reopened = HistoryStore.open(db_path)
    assert reopened.cue_overrides() == {"bird_dog": ["fine"]}
    assert len(reopened.kv("cues")["clamshell"]) == 12  # kept, not destroyed


def test_history_import_checks_cue_rules(db_path: Path, tmp_path: Path) -> None:
    export = {
        "format": "glute-tui-export",
        "version": 1,
        "sessions": [],
        "assessments": [],
        "cues": {"bird_dog": ["ok", "tab\there"]},
    }
    bad = tmp_path / "export.json"
    bad.write_text(json.dumps(export), encoding="utf-8")
    assert main(["import", str(bad), "--db", str(db_path)]) == 2
    assert not db_path.exists()


def test_cli_import_says_what_it_did(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = shipped.library()
    good = _cue_file(
        tmp_path / "good.json",
        {"bird_dog": ["Long spine"], "clamshell": list(library["clamshell"].cues)},
    )
    assert main(["cues", "import", str(good), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "imported cues for 2 exercises" in out
    assert "1 matching the shipped cues" in out
    one = _cue_file(tmp_path / "one.json", {"lunge": ["Tall trunk"]})
    assert main(["cues", "import", str(one), "--db", str(db_path)]) == 0
    assert "for 1 exercise into" in capsys.readouterr().out
    assert HistoryStore.open(db_path).cue_overrides() == {
        "bird_dog": ["Long spine"],
        "lunge": ["Tall trunk"],
    }


def test_cli_exports_refuse_a_missing_folder_and_create_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped folder in --out or a cue file name used to be created on the way."""
    db = str(tmp_path / "h.json")
    missing = tmp_path / "no-such-folder"
    assert main(["export", "--out", str(missing / "x.json"), "--db", db]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["cues", "export", str(missing / "cues.json"), "--db", db]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["export", "--out", str(tmp_path / "x.json"), "--db", db]) == 0
    assert (tmp_path / "x.json").exists()


# ---- compare-and-set (issue 10: two windows editing the same cues) ----------------------
def test_save_cues_refuses_a_stale_save_and_shows_the_file(db_path: Path) -> None:
    from glute_tui.store.history import StaleCues

    first = HistoryStore.open(db_path)
    second = HistoryStore.open(db_path)
    first.save_cues("bird_dog", ["From the first"], expected=None)
    with pytest.raises(StaleCues) as info:
        second.save_cues("bird_dog", ["From the second"], expected=None)
    assert info.value.current == ("From the first",)
    assert second.cue_overrides() == {"bird_dog": ["From the first"]}  # view refreshed
    assert HistoryStore.open(db_path).cue_overrides() == {"bird_dog": ["From the first"]}
    # a save based on what is there now goes through, and so does a reset
    second.save_cues("bird_dog", ["From the second"], expected=["From the first"])
    first.save_cues("bird_dog", None, expected=["From the second"])
    assert HistoryStore.open(db_path).cue_overrides() == {}


def test_save_cues_treats_a_hand_broken_list_as_shipped(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_kv("cues", {"bird_dog": ["same", "same"]})  # breaks the rules: reads as shipped
    store.save_cues("bird_dog", ["fixed"], expected=None)
    assert HistoryStore.open(db_path).cue_overrides() == {"bird_dog": ["fixed"]}


CUE_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from glute_tui.store.history import HistoryStore
    store = HistoryStore.open(Path(sys.argv[1]), lock_timeout=30)
    store.save_cues("bird_dog", ["Other window"], expected=None)
    print("saved")
    """
)


def test_two_processes_saving_the_same_cues_drop_nothing_silently(db_path: Path) -> None:
    from glute_tui.store.history import StaleCues

    mine = HistoryStore.open(db_path)
    mine.set_setting("disclaimer_seen", True)  # the file exists; both loaded shipped cues
    out = subprocess.run(
        [sys.executable, "-c", CUE_WRITER, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["saved"]
    with pytest.raises(StaleCues):
        mine.save_cues("bird_dog", ["This window"], expected=None)
    assert HistoryStore.open(db_path).cue_overrides() == {"bird_dog": ["Other window"]}
