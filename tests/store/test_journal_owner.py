"""A live session owns its journal (an OS lock); recovery takes only orphans.

The live owner is a real second process using the store API, as a second window would be.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from glute_tui.store.history import HistoryStore
from glute_tui.store.journal import (
    Journal,
    JournalBusyError,
    claim_journal,
    journal_owner_alive,
)
from tests.store.test_journal import HEADER

ROOT = str(Path(__file__).resolve().parents[2])

OWNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from glute_tui.store.history import HistoryStore
    from tests.store.test_journal import HEADER, phase
    store = HistoryStore.open(Path(sys.argv[1]))
    store.journal.begin(HEADER)
    for i in range(3):
        store.journal.append(phase(i))
    print("live", flush=True)
    for line in sys.stdin:  # one command per line from the test
        if line.strip() == "phase":
            store.journal.append(phase(9))
            print("ok", flush=True)
        elif line.strip() == "save":
            session = dict(store.journal.read()["session"], status="completed")
            store.add_session(session)
            store.journal.clear()
            print("saved", flush=True)
    """
)


@pytest.fixture
def live_owner(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(db_path), ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "live"
    yield proc
    proc.kill()
    proc.wait()


def _ask(proc: subprocess.Popen[str], command: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(command + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def test_a_second_window_does_not_steal_a_live_session(
    db_path: Path, live_owner: subprocess.Popen[str]
) -> None:
    second = HistoryStore.open(db_path)
    assert second.live_session_elsewhere()
    assert second.recover_journal() is None
    assert second.live_elsewhere
    assert second.journal.path.exists() and second.is_empty()
    # the live session goes on journaling, then saves: nothing was lost on the way
    assert _ask(live_owner, "phase") == "ok"
    assert _ask(live_owner, "save") == "saved"
    second.refresh()
    saved = second.session_dict("s-1")
    assert saved is not None and saved["status"] == "completed"
    assert len(saved["phases"]) == 4
    assert not second.live_session_elsewhere()


def test_the_journal_of_a_dead_owner_is_recovered(
    db_path: Path, live_owner: subprocess.Popen[str]
) -> None:
    live_owner.kill()
    live_owner.wait()
    store = HistoryStore.open(db_path)
    assert not store.live_session_elsewhere()
    recovered = store.recover_journal()
    assert recovered is not None and len(recovered.session.phases) == 3
    assert not store.journal.path.exists()


def test_a_second_session_cannot_begin_on_an_owned_journal(
    db_path: Path, live_owner: subprocess.Popen[str]
) -> None:
    before = json.loads(Journal(db_path.with_name("history.journal.json")).path.read_text())
    other = HistoryStore.open(db_path)
    with pytest.raises(JournalBusyError, match="another glute-tui window"):
        other.journal.begin(dict(HEADER, id="s-2"))
    assert json.loads(other.journal.path.read_text()) == before  # untouched


def test_headless_commands_leave_a_live_journal_alone(
    db_path: Path, live_owner: subprocess.Popen[str], tmp_path: Path
) -> None:
    from glute_tui.cli import main

    out = tmp_path / "e.json"
    for _ in range(3):
        assert main(["--db", str(db_path), "export", "--out", str(out)]) == 0
        assert main(["--db", str(db_path), "stats"]) == 0
        assert main(["--db", str(db_path), "import", str(out)]) == 0
        assert _ask(live_owner, "phase") == "ok"
    journal = Journal(db_path.with_name("history.journal.json")).read()
    assert journal is not None and len(journal["session"]["phases"]) == 6
    assert HistoryStore.open(db_path).is_empty()


def test_ownership_is_released_on_clear_and_is_idempotent(tmp_path: Path) -> None:
    j = Journal(tmp_path / "h.journal.json")
    j.begin(HEADER)
    j.begin(HEADER)  # a resumed session begins again in the same window
    assert j.owned and journal_owner_alive(j.path)
    with pytest.raises(JournalBusyError):
        claim_journal(j.path, wait_s=0.05)
    j.clear()
    assert not j.owned and not journal_owner_alive(j.path)
    claim_journal(j.path).release()


def test_writer_thread_begins_and_another_thread_clears(tmp_path: Path) -> None:
    import threading

    j = Journal(tmp_path / "h.journal.json")
    t = threading.Thread(target=lambda: j.begin(HEADER))
    t.start()
    t.join()
    assert journal_owner_alive(j.path)
    j.clear()  # on another thread than begin()
    assert not journal_owner_alive(j.path)
