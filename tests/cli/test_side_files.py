"""The files glute-tui keeps beside the data file (the stats digest, today's programme cache)
are read as carefully as the data file: a FIFO, a folder or garbage in their place never
hangs a command nor changes its answer, and `today` refuses a FIFO given as the data file.

Each command runs in its own process with a timeout, so a hang fails the test instead of
stopping the suite."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from glute_tui.store.digest import digest_path
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_cache import cache_path
from tests.cli.test_today import _assessment, _session


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glute_tui", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "GLUTE_TUI_LOCK_TIMEOUT": "2"},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.json"
    sessions = [_session(f"h{k}", k, "hold") for k in range(5)]
    HistoryStore.open(path).merge(sessions, [_assessment(0, "left", 70.0)])
    return path


def test_today_refuses_a_fifo_given_as_the_data_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    out = _cli("today", "--db", str(fifo))
    assert out.returncode == 2
    assert "named pipe" in out.stderr and len(out.stderr.splitlines()) == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # kept as it was


@pytest.mark.parametrize("side", ["programme cache", "digest"])
@pytest.mark.parametrize("what", ["fifo", "folder", "garbage"])
def test_a_strange_side_file_changes_no_answer(db: Path, side: str, what: str) -> None:
    args = [
        ["today", "--json", "--as-of", "2026-10-08"],
        ["stats", "--json", "--today", "2026-10-08"],
    ]
    before = [json.loads(_cli(*a, "--db", str(db)).stdout) for a in args]
    path = cache_path(db) if side == "programme cache" else digest_path(db)
    path.unlink()
    if what == "fifo":
        os.mkfifo(path)
    elif what == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"\xff\x00{{")
    for a, expected in zip(args, before, strict=True):
        out = _cli(*a, "--db", str(db))
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == expected
    if what == "folder":
        shutil.rmtree(path)


def test_a_fifo_in_place_of_the_commit_intent_never_hangs(db: Path, tmp_path: Path) -> None:
    """The intent file a crash mid-write leaves (store/commit.py) is read at start-up."""
    before = json.loads(_cli("export", "--db", str(db)).stdout)
    intent = db.with_name(db.stem + ".commit.json")
    os.mkfifo(intent)
    out = _cli("export", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == before
