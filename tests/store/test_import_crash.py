"""An import SIGKILLed at random moments leaves the old history or the new, never a mix,
and no orphan phase data (month-file entries of sessions the main file does not hold)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from glute_tui.store import shipped
from glute_tui.store.export import write_export
from glute_tui.store.history import HistoryStore

ROOT = str(Path(__file__).resolve().parents[2])
TRIALS = 10


def _state(db: Path) -> tuple[set[str], set[str]]:
    """(session ids in the main file, session ids with phase data in month files)."""
    store = HistoryStore.open(db)
    assert store.moved_aside is None  # the data file always parses
    rows = {r["id"] for r in store.rows()}
    phased: set[str] = set()
    for shard in store.phases_dir.glob("*.json"):
        phased |= set(json.loads(shard.read_text()))
    leftovers = [p.name for p in store.phases_dir.iterdir() if p.name.startswith(".")]
    assert not leftovers, leftovers
    assert not db.with_name(db.stem + ".commit.json").exists()
    return rows, phased


def test_a_killed_import_leaves_old_or_new_and_no_orphans(tmp_path: Path) -> None:
    from datetime import datetime

    from glute_tui.core.demo import generate

    now = datetime.now().astimezone()
    big = generate(shipped.library(), shipped.protocols(), years=1, seed=11, now=now)
    src = HistoryStore.open(tmp_path / "src" / "h.json")
    src.merge(big.sessions, big.assessments, {})
    export = write_export(src, "json", tmp_path / "big.json")
    small = generate(shipped.library(), shipped.protocols(), years=1, seed=12, now=now)
    template = tmp_path / "template"
    old_store = HistoryStore.open(template / "h.json")
    old_store.merge(small.sessions[::20], [], {})  # the same months, other sessions
    old_ids = {r["id"] for r in old_store.rows()}
    new_ids = old_ids | {s["id"] for s in big.sessions}

    def run_import(db: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "glute_tui", "--db", str(db), "import", str(export)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # one whole run, to know how long an import takes here
    shutil.copytree(template, tmp_path / "whole")
    t0 = time.monotonic()
    assert run_import(tmp_path / "whole" / "h.json").wait() == 0
    duration = time.monotonic() - t0
    assert _state(tmp_path / "whole" / "h.json") == (new_ids, new_ids)

    rng = random.Random(7)
    outcomes = {"old": 0, "new": 0}
    for trial in range(TRIALS):
        work = tmp_path / f"t{trial}"
        shutil.copytree(template, work)
        proc = run_import(work / "h.json")
        time.sleep(rng.uniform(0.5, 1.1) * duration)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        rows, phased = _state(work / "h.json")
        assert rows in (old_ids, new_ids), f"trial {trial}: a mix of old and new"
        assert phased == rows, f"trial {trial}: orphan or missing phase data"
        outcomes["old" if rows == old_ids else "new"] += 1
    print(f"import crash trials: {TRIALS}, import {duration:.2f} s, outcomes {outcomes}")


CRASH_AT = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, sys.argv[4])
    from glute_tui.store import commit, storage
    point = sys.argv[3]
    def die():
        os.kill(os.getpid(), signal.SIGKILL)
    def wrap(module, name, before=True, nth=1):
        real = getattr(module, name)
        calls = [0]
        def f(*a, **k):
            calls[0] += 1
            if before and calls[0] == nth:
                die()
            out = real(*a, **k)
            if not before and calls[0] == nth:
                die()
            return out
        setattr(module, name, f)
    if point == "staging":
        wrap(commit, "stage", nth=3)
    elif point == "intent":
        wrap(commit, "write_intent", before=False)
    elif point == "main":
        wrap(storage.AtomicJSONStorage, "commit_batch", before=False)
    elif point == "renames":
        wrap(commit.os, "replace", nth=4)  # intent, main file, month 1, then month 2
    from glute_tui.cli import main
    main(["--db", sys.argv[1], "import", sys.argv[2]])
    """
)


@pytest.mark.parametrize("point", ["staging", "intent", "main", "renames"])
def test_a_crash_at_each_step_of_the_commit(point: str, tmp_path: Path) -> None:
    """SIGKILL exactly at each step of commit.py: before the main file is replaced the
    old state survives; after it, the next open completes the new one."""
    from glute_tui.core.demo import generate
    from tests.conftest import FIXED_NOW

    demo = generate(shipped.library(), shipped.protocols(), years=0.2, seed=3, now=FIXED_NOW)
    src = HistoryStore.open(tmp_path / "src" / "h.json")
    src.merge(demo.sessions, [], {})
    export = write_export(src, "json", tmp_path / "e.json")
    db = tmp_path / "data" / "h.json"
    old = HistoryStore.open(db)
    old.add_session(dict(demo.sessions[0], id="old-one"))
    old_ids = {"old-one"}
    new_ids = old_ids | {s["id"] for s in demo.sessions}
    proc = subprocess.run(
        [sys.executable, "-c", CRASH_AT, str(db), str(export), point, ROOT], cwd=ROOT
    )
    assert proc.returncode == -signal.SIGKILL
    rows, phased = _state(db)
    expected = old_ids if point in ("staging", "intent") else new_ids
    assert rows == expected and phased == rows
