"""Shared fixtures: a temp data file, a fake monotonic clock, a fixed 'now', an app factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from glute_tui.store.history import HistoryStore

#: The fixed "now" of every UI test and snapshot: a Friday evening, UTC+1.
FIXED_NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        assert seconds >= 0
        self.t += seconds


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test ever touches the real user data folder, or the user cache folder, or plays
    a sound through the machine's own players."""
    monkeypatch.setenv("GLUTE_TUI_DB", str(tmp_path / "env-default" / "history.json"))
    monkeypatch.setenv("GLUTE_TUI_CACHE_DIR", str(tmp_path / "env-cache"))
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(tmp_path / "env-no-players"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.json"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def seeded_store(db_path: Path) -> HistoryStore:
    """An empty store whose first-run note has been acknowledged."""
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    return store


@pytest.fixture
def make_app(db_path: Path, clock: FakeClock) -> Callable[..., Any]:
    """Build a GluteApp on the fake clock and the fixed day. By default the first-run
    note is already acknowledged so it does not cover the screen under test."""

    def factory(start_screen: str = "home", *, first_run: bool = False, **kwargs: Any) -> Any:
        from glute_tui.ui.app import GluteApp

        if not first_run and not db_path.exists():
            HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
        kwargs.setdefault("now", lambda: FIXED_NOW)
        kwargs.setdefault("ask_next_morning", False)  # history: tests opt in to the question
        return GluteApp(db_path=db_path, start_screen=start_screen, clock=clock, **kwargs)

    return factory


async def settle(pilot: Any) -> None:
    """Let start-up workers (store load) finish and the screen redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.app.wait_for_writes()
    await pilot.pause()
