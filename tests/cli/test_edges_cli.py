"""Headless commands at the edges: one line on stderr, exit 2, nothing lost or renamed."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.store.history import HistoryStore
from tests.store.test_edges import _session, snapshot
from tests.store.test_journal import HEADER, phase

ROOT = str(Path(__file__).resolve().parents[2])


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    return lines[0]


def _crashed_journal(db: Path, phases: int = 3) -> None:
    """What a kill -9 mid-session leaves: a journal whose owner is gone."""
    store = HistoryStore.open(db)
    store.journal.begin(dict(HEADER, id="cut"))
    for i in range(phases):
        store.journal.append(phase(i))
    store.journal.release()


@pytest.mark.parametrize("command", ["export", "stats", "import"])
def test_every_headless_command_recovers_an_orphaned_journal_first(
    command: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    HistoryStore.open(db_path).add_session(_session("a"))
    other = tmp_path / "other.json"
    assert main(["--db", str(other), "export", "--out", str(tmp_path / "e.json")]) == 0
    _crashed_journal(db_path)
    capsys.readouterr()
    args = {
        "export": ["export", "--format", "json"],
        "stats": ["stats", "--json"],
        "import": ["import", str(tmp_path / "e.json")],
    }[command]
    assert main(["--db", str(db_path), *args]) == 0
    captured = capsys.readouterr()
    assert "recovered an unfinished hold timer session" in captured.err
    store = HistoryStore.open(db_path)
    cut = store.session_dict("cut")
    assert cut is not None and cut["status"] == "interrupted" and len(cut["phases"]) == 3
    assert not store.journal.path.exists()
    if command == "export":
        assert "cut" in {s["id"] for s in json.loads(captured.out)["sessions"]}
    if command == "stats":
        assert json.loads(captured.out)["today"]  # the digest includes the recovered day


def test_export_of_a_corrupt_main_file_says_where_and_exits_2(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"{not json")
    assert main(["--db", str(db_path), "export"]) == 2
    err = capsys.readouterr().err
    assert "moved aside to" in err and "nothing was exported" in err
    (kept,) = db_path.parent.glob("history.corrupt-*.json")
    assert kept.read_bytes() == b"{not json" and str(kept) in err


@pytest.mark.parametrize("command", ["stats", "import"])
def test_stats_and_import_name_where_a_corrupt_main_file_went(
    command: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "e.json"
    assert main(["--db", str(tmp_path / "x.json"), "export", "--out", str(export)]) == 0
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\xff\xfe garbage")
    capsys.readouterr()
    args = ["stats"] if command == "stats" else ["import", str(export)]
    code = main(["--db", str(db_path), *args])
    err = capsys.readouterr().err
    (kept,) = db_path.parent.glob("history.corrupt-*.json")
    assert str(kept) in err and kept.read_bytes() == b"\xff\xfe garbage"
    assert code == (0 if command == "stats" else 2)


def test_empty_db_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "", "stats"]) == 2
    assert "empty path" in one_line(capsys)


def test_a_fifo_given_as_db_or_import_file_never_hangs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    db = tmp_path / "h.json"
    for args in (
        ["--db", str(fifo), "export"],
        ["--db", str(fifo), "stats"],
        ["--db", str(fifo), "import", str(tmp_path / "none.json")],
        ["--db", str(db), "import", str(fifo)],
        ["--db", str(db), "cues", "import", str(fifo)],
    ):
        assert main(args) == 2, args
        line = one_line(capsys)
        assert "named pipe" in line or "none.json does not exist" in line
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


def test_a_device_as_db_is_refused_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "/dev/null", "export"]) == 2
    assert "device" in one_line(capsys)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_csv_export_given_to_import_says_csv_is_export_only(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    HistoryStore.open(db_path).add_session(_session("a"))
    csv = tmp_path / "e.csv"
    assert main(["--db", str(db_path), "export", "--format", "csv", "--out", str(csv)]) == 0
    renamed = tmp_path / "e.txt"
    csv.rename(renamed)
    before = snapshot(db_path.parent)
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", str(renamed)]) == 2
    assert "CSV is export-only" in one_line(capsys)
    assert snapshot(db_path.parent) == before


def test_screenshots_to_an_impossible_place_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["screenshots", "--out", str(blocker)]) == 2
    assert "is a file" in one_line(capsys)
    assert main(["screenshots", "--out", str(blocker / "sub")]) == 2
    assert "not a folder" in one_line(capsys)


def test_export_and_stats_work_on_a_read_only_filesystem(
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    from glute_tui.store import errors, history_files

    HistoryStore.open(db_path).add_session(_session("a"))
    db_path.with_name("history.digest.json").unlink()  # force the slow path of stats
    before = snapshot(db_path.parent)

    class ReadOnlyLock:
        def __init__(self, *a: object, **k: object) -> None:
            pass

        def acquire(self) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

    real_access = os.access

    def access(path: object, mode: int) -> bool:
        if mode & os.W_OK and str(path).startswith(str(db_path.parent)):
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    def no_temp(*a: object, **k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    import tempfile

    monkeypatch.setattr(history_files, "FileLock", ReadOnlyLock)
    monkeypatch.setattr(errors.os, "access", access)
    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    assert main(["--db", str(db_path), "export"]) == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)["sessions"]] == ["a"]
    assert main(["--db", str(db_path), "stats", "--json"]) == 0
    assert snapshot(db_path.parent) == before


LOOP = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[3])
    from glute_tui.cli import main
    for i in range(4):
        for args in (["export", "--out", sys.argv[2]], ["stats"], ["import", sys.argv[2]]):
            code = main(["--db", sys.argv[1], *args])
            assert code == 0, (args, code)
    print("done")
    """
)


def test_headless_commands_in_a_loop_beside_a_live_session(db_path: Path, tmp_path: Path) -> None:
    """A live session (the store API in this process) keeps every phase while another
    process runs export / stats / import over and over."""
    live = HistoryStore.open(db_path)
    live.add_session(_session("a", day="2026-11-19"))
    live.journal.begin(dict(HEADER, id="live"))
    proc = subprocess.Popen(
        [sys.executable, "-c", LOOP, str(db_path), str(tmp_path / "e.json"), ROOT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for i in range(12):
        live.journal.append(phase(i))
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.splitlines()[-1] == "done", err
    assert "Traceback" not in err
    for i in range(12, 15):
        live.journal.append(phase(i))
    journal = live.journal.read()
    assert journal is not None and len(journal["session"]["phases"]) == 15
    assert not HistoryStore.open(db_path).has_session("live")
    session = dict(journal["session"], status="completed", ended_at="2026-11-20T08:02:00+01:00")
    live.add_session(session)
    live.journal.clear()
    saved = HistoryStore.open(db_path).session_dict("live")
    assert saved is not None and len(saved["phases"]) == 15
