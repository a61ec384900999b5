"""Fake players and speech engines: tiny shell scripts on a private PATH that log their
arguments (one line per run) and, when asked, stay alive for 5 seconds."""

from __future__ import annotations

import subprocess
from pathlib import Path

from glute_tui.audio.signals import Signals


def fake_program(bin_dir: Path, name: str, log: Path, sleep_s: float = 0) -> Path:
    bin_dir.mkdir(parents=True, exist_ok=True)
    path = bin_dir / name
    tail = f"exec sleep {sleep_s:g}\n" if sleep_s else ""
    path.write_text(f'#!/bin/sh\nprintf "%s\\n" "{name} $*" >> "{log}"\n{tail}')
    path.chmod(0o755)
    return path


def log_lines(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def finish(signals: Signals, timeout: float = 5.0) -> None:
    """Wait for every child the facade started (they are fast unless told to sleep)."""
    for child in signals.launcher.children:
        try:
            child.process.wait(timeout)
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


def only_path(bin_dir: Path) -> str:
    return str(bin_dir)  # nothing else: the machine's own players stay unseen
