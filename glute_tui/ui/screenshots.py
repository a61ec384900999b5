"""`make screenshots`: render each screen to SVG with a fixed demo history and a fixed day."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from glute_tui.ui.app import GluteApp

FIXED_NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
SIZE = (100, 30)


@dataclass(frozen=True)
class Shot:
    name: str
    screen: str = "home"
    setup: Callable[[object], Awaitable[None]] | None = None  # receives the Pilot
    demo: bool = True


SHOTS: list[Shot] = [Shot("home"), Shot("history", "history")]


def seed_demo(db: Path, years: float = 1.0, seed: int = 7) -> None:
    from glute_tui.core.demo import generate
    from glute_tui.store import shipped
    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(db)
    demo = generate(shipped.library(), shipped.protocols(), years=years, seed=seed, now=FIXED_NOW)
    store.merge(
        demo.sessions,
        demo.assessments,
        {"plan": demo.plan.to_dict(), "pauses": demo.pauses, "settings": {"disclaimer_seen": True}},
    )


async def _shoot(shot: Shot, out: Path, workdir: Path) -> Path:
    db = workdir / f"{shot.name}.json"
    if shot.demo:
        seed_demo(db)
    app = GluteApp(
        db_path=db,
        start_screen=shot.screen,
        now=lambda: FIXED_NOW,
        clock=lambda: 0.0,
        ask_next_morning=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if shot.setup is not None:
            await shot.setup(pilot)
        await pilot.pause()
        path = out / f"{shot.name}.svg"
        app.save_screenshot(filename=path.name, path=str(out))
    return path


def write_screenshots(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        return [asyncio.run(_shoot(shot, out, Path(tmp))) for shot in SHOTS]
