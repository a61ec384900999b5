"""Helpers shared by the benchmarks: demo data files, a minimal reference Textual app."""

from __future__ import annotations

import os
import shutil
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


def prepare_bytecode(argv: list[str] | None = None) -> str:
    """Give glute_tui's modules the bytecode an installed copy has, and say so.

    pip compiles a package's modules when it installs it, and Python caches what it
    compiles on first import; the benchmarks compare against Textual and the standard
    library, which have theirs. With PYTHONDONTWRITEBYTECODE=1 in the environment (as on
    the team's shared machine) nothing is ever cached, so every timed run would compile
    every glute_tui module from source. By default this compiles them once, before timing;
    `--source` instead removes that bytecode and keeps it from being written, to time
    the compile-every-run case.
    """
    package = REPO / "glute_tui"
    if "--source" in (sys.argv[1:] if argv is None else argv):
        for cache in package.rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # the timed children inherit it
        return "bytecode: none (--source): every run compiles glute_tui's modules"
    import compileall

    compileall.compile_dir(str(package), quiet=1)
    return "bytecode: glute_tui's modules compiled before timing, as an installed copy has"


def summary(values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    v = sorted(x * scale for x in values)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    return (
        f"median {statistics.median(v):.1f} {unit}, p95 {p95:.1f} {unit}, "
        f"max {v[-1]:.1f} {unit} (n={len(v)})"
    )


def stamp() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")
