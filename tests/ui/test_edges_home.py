"""Issue 10 on home: a damaged phase file or journal is kept aside and said so."""

from __future__ import annotations

from pathlib import Path

from glute_tui.store.history import HistoryStore
from tests.conftest import settle
from tests.store.test_edges import _session


async def test_home_says_a_damaged_phase_file_was_kept_aside(make_app, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_session("a"))
    (store.phases_dir / "2026-11.json").write_bytes(b"{broken")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#notices").render())
        assert "2026-11.json could not be read" in text and "moved aside" in text
    (kept,) = store.phases_dir.glob("2026-11.corrupt-*.json")
    assert kept.read_bytes() == b"{broken"


async def test_home_says_a_damaged_journal_was_kept_aside(make_app, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.journal.path.write_bytes(b"\x00\x01")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#notices").render())
        assert "journal" in text and "kept aside" in text
    assert len(list(db_path.parent.glob("history.journal.corrupt-*.json"))) == 1


async def test_a_second_window_leaves_a_live_session_alone(make_app, db_path: Path) -> None:
    """The live owner is another process (the store API); this app is the second window."""
    import subprocess
    import sys

    from tests.store.test_journal_owner import OWNER, ROOT

    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    proc = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(db_path), ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "live"
        app = make_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.recovered is None
            assert app.store.live_session_elsewhere() and app.store.live_elsewhere
            assert "cut short" not in str(app.screen.query_one("#notices").render())
        journal = HistoryStore.open(db_path).journal.read()
        assert journal is not None and len(journal["session"]["phases"]) == 3
        assert not HistoryStore.open(db_path).has_session("s-1")
    finally:
        proc.kill()
        proc.wait()
