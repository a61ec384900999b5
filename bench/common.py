"""Helpers shared by the benchmarks: demo data files, a minimal reference Textual app."""

from __future__ import annotations

import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"


def demo_db(years: float, seed: int = 11) -> Path:
    """A data file with `years` of demo history, built once and reused between runs."""
    path = OUT / f"demo-{years:g}y" / "history.json"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "glute_tui",
                "demo-history",
                "--years",
                str(years),
                "--seed",
                str(seed),
                "--db",
                str(path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def empty_db(name: str) -> Path:
    path = OUT / name / "history.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for p in path.parent.iterdir():
        if p.is_file():
            p.unlink()
    return path


def summary(values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    v = sorted(x * scale for x in values)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    return (
        f"median {statistics.median(v):.1f} {unit}, p95 {p95:.1f} {unit}, "
        f"max {v[-1]:.1f} {unit} (n={len(v)})"
    )


def stamp() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")
