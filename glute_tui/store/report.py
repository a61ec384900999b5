"""Write the physio report: read what the store holds, render it in core, save it whole."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from glute_tui.core.report import DEFAULT_WEEKS, build_report
from glute_tui.core.report_html import render_html
from glute_tui.core.stage_history import StageSpan, stage_history
from glute_tui.core.words import routine_ids
from glute_tui.store.export import save_user_file
from glute_tui.store.history import HistoryStore


def report_html(
    store: HistoryStore,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    hold_target: int = 2,
    stages: Sequence[StageSpan] | None = None,
    who: str = "",
) -> str:
    """The report as HTML; `stages` default to the programme's, walked from the store."""
    if stages is None:
        stages = stages_of(store, today)
    model = build_report(
        store.rows(),
        store.assessments(),
        store.plan(),
        store.pauses(),
        store.settings(),
        today,
        weeks,
        hold_target,
        stages,
        who,
        store.kv("day_notes") or {},
        adherence_of(store, today),
    )
    return render_html(model)


def stages_of(store: HistoryStore, today: date) -> list[StageSpan]:
    """The stages the programme went through up to `today` (programme core, walked over
    the store's history; only routines of the registry count, as for `today`)."""
    from glute_tui.store.programme_input import from_store, shipped_programme

    history, settings = from_store(store)
    return stage_history(history, today, shipped_programme(), settings, routine_ids())


def adherence_of(store: HistoryStore, today: date) -> dict[date, tuple[int, int]]:
    """The programme's (done, due) of every complete day up to `today` (today stays open;
    paused days absent), walked over the store's history as `stages_of` is."""
    from glute_tui.core.programme_adherence import adherence_days
    from glute_tui.store.programme_input import from_store, shipped_programme

    history, settings = from_store(store)
    yesterday = today - timedelta(days=1)
    return adherence_days(
        history, date.min, yesterday, shipped_programme(), settings, routine_ids()
    )


def recent_adherence(store: HistoryStore, today: date) -> dict[date, tuple[int, int]]:
    """`adherence_of` for the recent days the history screen shows (at least the last
    Checkpoint.ADHERENCE_KEPT_DAYS before the programme cache's checkpoint): from the cache
    (programme_cache.py, which the store keeps up to date after every write) when it matches
    the data file, folding only the days since its checkpoint; else the whole history."""
    from glute_tui.core.programme_adherence import adherence_days
    from glute_tui.store import programme_cache as cache
    from glute_tui.store.programme_input import shipped_programme

    ids = routine_ids()
    cached = cache.load(store.path, cache.conf(ids))
    if cached is None or today <= cached.checkpoint.day or cached.checkpoint.since is None:
        return adherence_of(store, today)
    cp, yesterday = cached.checkpoint, today - timedelta(days=1)
    programme = shipped_programme()
    return adherence_days(cached.recent, date.min, yesterday, programme, cached.settings, ids, cp)


def default_report_name(today: date) -> str:
    return f"glute-tui-report-{today.isoformat()}.html"


def write_report(
    store: HistoryStore,
    out: Path,
    today: date,
    weeks: int = DEFAULT_WEEKS,
    hold_target: int = 2,
    who: str = "",
) -> Path:
    """Render first, then write atomically: a failure leaves no half file. Returns the path."""
    text = report_html(store, today, weeks, hold_target, who=who)
    return save_user_file(out, [text])
