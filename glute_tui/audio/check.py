"""`glute-tui sound test`: play every tone, one after the other, and say in one line
which player played them (or why none could) and which speech engine is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from glute_tui.audio import player as players
from glute_tui.audio import tones
from glute_tui.audio import voice as voices
from glute_tui.audio.signals import ENV_PATH

PLAY_TIMEOUT_S = 5.0


def sound_test(
    volume: int,
    path: str | None = None,
    platform: str = sys.platform,
    cache_dir: Path | None = None,
) -> tuple[int, str]:
    """(exit status, the one line to print). Status 2 when no tone could be played.
    Players and engines are looked for where the app looks (see signals.ENV_PATH)."""
    if path is None:
        path = os.environ.get(ENV_PATH)
    engine = voices.find_engine(path, platform)
    speech = (
        f"speech: {engine.name} ({engine.exe})"
        if engine
        else f"speech: none found (looked for {', '.join(voices.names())})"
    )
    found = players.find_players(path, platform)
    if not found:
        looked = ", ".join(players.names(platform))
        return 2, (
            f"no sound player found (looked for {looked}), so the app rings the terminal "
            f"bell instead; {speech}"
        )
    try:
        files = tones.ensure_all(cache_dir)
    except OSError as exc:
        return 2, f"could not write the tones to the cache folder: {exc}; {speech}"
    failures: list[str] = []
    for player in found:
        problem = _play_all(player, files, volume)
        if problem is None:
            level = f"at {volume}% volume" if player.has_volume else "at the system's volume"
            tried = f" ({'; '.join(failures)})" if failures else ""
            return 0, (
                f"played {len(files)} tones with {player.name} {level} ({player.exe}){tried}; "
                f"{speech}"
            )
        failures.append(problem)
    return 2, f"no player could play the tones: {'; '.join(failures)}; {speech}"


def _play_all(player: players.Player, files: dict[str, Path], volume: int) -> str | None:
    """None when every tone played, else why not (one clause)."""
    for name, wav in files.items():
        try:
            done = subprocess.run(
                player.argv(wav, volume),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=PLAY_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{player.name} took more than {PLAY_TIMEOUT_S:g} s to play {name}"
        except OSError as exc:
            return f"{player.name} could not be started: {exc.strerror or exc}"
        if done.returncode != 0:
            why = done.stderr.decode(errors="replace").strip().splitlines()
            detail = f": {why[-1]}" if why else ""
            return f"{player.name} could not play {name} (exit {done.returncode}{detail})"
    return None
