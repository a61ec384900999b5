"""`today` after a write goes on from the old checkpoint when the records before it are
unchanged (issue 13: `today --json` cold was 11-16x `python -c pass`, most of it folding
ten years again). Whatever path it takes, every day reads as the whole file gives it.

Each write is made two ways (the `by` fixture): as glute-tui makes it, when the store
refreshes the cache right after the write, so `today` then neither reads the data file nor
folds; and as another program would (the store's refresh switched off), when `today` finds
the file changed and refreshes the cache itself. The folds are the same, only who makes
them differs.

Deterministic: the tests count folds, they time nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from glute_tui import today_cmd
from glute_tui.store import programme_cache, programme_input
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_cache import REUSE_DAYS, cache_path
from tests.cli.test_today import START, _assessment, _session


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """As test_today.py's: left weak on day 0, every activation session for 20 days."""
    path = tmp_path / "h.json"
    sessions = []
    for k in range(20):
        sessions += [_session(f"h{k}a", k, "hold"), _session(f"h{k}b", k, "hold")]
        sessions.append(_session(f"c{k}", k, "circuit", pain_next_morning=7 if k == 16 else 1))
    HistoryStore.open(path).merge(sessions, [_assessment(0, "left", 70.0)])
    return path


class By:
    """Who writes: glute-tui (the store refreshes the cache) or another program."""

    def __init__(self, us: bool, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.us, self.db, self.mp = us, db, monkeypatch
        self.real_refresh = programme_cache.refresh

    def store(self) -> HistoryStore:
        """The store for one write; made by another program, it leaves the cache as it was."""
        if not self.us:
            self.mp.setattr(programme_cache, "refresh", lambda *a, **k: None)
        return HistoryStore.open(self.db)

    def today(self, day: date) -> dict[str, Any]:
        """The first `today` after the write: after glute-tui's it must not read the file."""
        self.mp.setattr(programme_cache, "refresh", self.real_refresh)
        if self.us:
            real_read = programme_input.read_tables

            def no_read(db: Path) -> Any:
                raise AssertionError(f"today read {db} whole after glute-tui's own write")

            self.mp.setattr(programme_input, "read_tables", no_read)
            try:
                return today_cmd.today_for(self.db, day).to_dict()
            finally:
                self.mp.setattr(programme_input, "read_tables", real_read)
        return today_cmd.today_for(self.db, day).to_dict()


@pytest.fixture(params=["glute-tui", "another program"])
def by(request: pytest.FixtureRequest, db: Path, monkeypatch: pytest.MonkeyPatch) -> By:
    return By(request.param == "glute-tui", db, monkeypatch)


def _day(k: int) -> date:
    return START + timedelta(days=k)


def _folds(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    calls: list[date] = []
    real = programme_cache.checkpoint

    def counted(history: Any, through: date, *args: Any) -> Any:
        calls.append(through)
        return real(history, through, *args)

    monkeypatch.setattr(programme_cache, "checkpoint", counted)
    return calls


def _fresh(db: Path, days: list[date]) -> list[dict[str, Any]]:
    """Each day from the whole file, with no cache at all."""
    out = []
    for d in days:
        cache_path(db).unlink(missing_ok=True)
        out.append(today_cmd.today_for(db, d).to_dict())
    return out


def _cached(db: Path, days: list[date]) -> list[dict[str, Any]]:
    return [today_cmd.today_for(db, d).to_dict() for d in days]


def _checkpoint_day(db: Path) -> date:
    return date.fromisoformat(json.loads(cache_path(db).read_text())["checkpoint"]["day"])


DAYS = [_day(k) for k in (0, 10, 17, 18, 19, 20, 21, 22, 23, 30)]


def test_a_new_session_after_the_checkpoint_goes_on_from_it(
    db: Path, by: By, monkeypatch: pytest.MonkeyPatch
) -> None:
    today_cmd.today_for(db, _day(25))  # builds the cache: checkpoint at the end of day 18
    assert _checkpoint_day(db) == _day(18)
    folds = _folds(monkeypatch)
    by.store().add_session(_session("h21", 21, "hold"))
    cold = by.today(_day(25))  # the first run after the write
    assert folds == []  # the old checkpoint still holds: not ten years folded again
    assert _checkpoint_day(db) == _day(18)
    later = _cached(db, DAYS)
    assert [cold, *later] == _fresh(db, [_day(25), *DAYS])


def test_an_edit_before_the_checkpoint_folds_again(
    db: Path, by: By, monkeypatch: pytest.MonkeyPatch
) -> None:
    today_cmd.today_for(db, _day(25))
    folds = _folds(monkeypatch)
    by.store().update_session("c10", pain_next_morning=8)  # a morning on day 11, before day 18
    cold = by.today(_day(25))
    assert folds == [_day(18)]
    assert [cold, *_cached(db, DAYS)] == _fresh(db, [_day(25), *DAYS])
    assert _cached(db, [_day(11)])[0]["load"]["why"] == "next-morning pain of 8 on 2026-10-12"


def test_a_changed_setting_folds_again(db: Path, by: By, monkeypatch: pytest.MonkeyPatch) -> None:
    today_cmd.today_for(db, _day(25))
    folds = _folds(monkeypatch)
    by.store().set_setting("programme_days_in_stage", 7)
    cold = by.today(_day(25))
    assert folds == [_day(18)]
    assert [cold, *_cached(db, DAYS)] == _fresh(db, [_day(25), *DAYS])


def test_a_checkpoint_too_far_behind_is_folded_anew(
    db: Path, by: By, monkeypatch: pytest.MonkeyPatch
) -> None:
    today_cmd.today_for(db, _day(25))
    far = 19 + REUSE_DAYS + 2
    folds = _folds(monkeypatch)
    by.store().add_session(_session("late", far, "hold"))
    cold = by.today(_day(far + 1))
    assert folds == [_day(far - 1)]
    days = [*DAYS, _day(far - 1), _day(far), _day(far + 1)]
    assert [cold, *_cached(db, days)] == _fresh(db, [_day(far + 1), *days])


def test_the_first_write_builds_the_cache_today_reads(db: Path) -> None:
    """No cache yet (a history from before the cache, or the cache deleted): glute-tui's
    next write builds it, and `today` afterwards reads no more than the cache."""
    cache_path(db).unlink()
    HistoryStore.open(db).add_session(_session("h20", 20, "hold"))
    assert cache_path(db).exists()
    found = today_cmd.today_for(db, _day(22)).to_dict()
    assert found == _fresh(db, [_day(22)])[0]


def test_a_cache_that_cannot_be_written_never_fails_the_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(programme_cache, "save", full_disk)
    store = HistoryStore.open(db)
    store.add_session(_session("h20", 20, "hold"))  # no exception: the session is saved
    assert HistoryStore.open(db).has_session("h20")


def test_the_store_rebuilds_a_cache_that_does_not_match(db: Path) -> None:
    cache_path(db).write_text("{not json")  # damaged, or from another version
    store = HistoryStore.open(db)
    assert store.check_programme_cache() is True
    assert store.check_programme_cache() is False  # it matches now: nothing to do
    assert today_cmd.today_for(db, _day(22)).to_dict() == _fresh(db, [_day(22)])[0]


def test_a_read_only_store_leaves_the_cache_alone(db: Path) -> None:
    cache_path(db).unlink()
    store = HistoryStore.open(db)
    store.read_only = True
    assert store.check_programme_cache() is False
    assert not cache_path(db).exists()
