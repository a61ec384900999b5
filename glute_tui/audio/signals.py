"""One facade for the live screen: a tone (and, when asked, a phrase) per phase.

    signals = Signals(SoundSettings.from_settings(store.settings()), time.monotonic)
    signals.prepare()                       # synthesise the tones (once, off the loop)
    if signals.phase_started(spec.kind, spec.side, view) == NO_PLAYER:
        app.bell()                          # no player here: the terminal bell instead
    signals.count_in(3)                     # 3-2-1 before a hold
    signals.session_ended()
    signals.set_muted(True); signals.set_voice(True); signals.set_volume(60)
    signals.close()                         # on unmount: ends what still plays

Every call returns in about the time it takes to start a child process: nothing waits
for a tone or a phrase to finish. `path` (a PATH string) and `platform` are injectable
so tests find fake players and speech engines; without `path`, $GLUTE_TUI_SOUND_PATH
(when set) is searched instead of $PATH, so a test suite can keep the machine's own
players out of every app it starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glute_tui.audio import phrases, tones
from glute_tui.audio.player import Player, find_players
from glute_tui.audio.procs import Launcher
from glute_tui.audio.voice import Engine, Speaker, find_engine
from glute_tui.core.sound import SoundSettings

Clock = Callable[[], float]

ENV_PATH = "GLUTE_TUI_SOUND_PATH"

# What a call did (the screen rings the terminal bell on NO_PLAYER)
PLAYED = "played"
NO_PLAYER = "no player"
MUTED = "muted"
FAILED = "failed"  # a player was found but could not be started
SILENT = "silent"  # this phase has no tone

#: phase kind (or a PhaseView's cue role) -> tone; changes take the tone of their side
KIND_TONES = {
    "hold": "work",
    "work": "work",
    "squeeze": "work",
    "rest": "rest",
    "round_rest": "rest",
}
CHANGE_KINDS = ("switch", "transition", "prepare", "setup")


def tone_for(kind: str, side: str | None) -> str | None:
    if kind in KIND_TONES:
        return KIND_TONES[kind]
    if kind in CHANGE_KINDS:
        return "switch_right" if side == "right" else "switch_left"
    return None


class Signals:
    def __init__(
        self,
        settings: SoundSettings,
        clock: Clock,
        *,
        path: str | None = None,
        platform: str = sys.platform,
        cache_dir: Path | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        self.settings = settings
        self.cache_dir = cache_dir
        if path is None:
            path = os.environ.get(ENV_PATH)
        #: players found, best first; one whose tone fails (say paplay with no sound
        #: server running) is dropped and the next one plays from then on
        self.players: list[Player] = find_players(path, platform)
        self.failed: list[str] = []  # "paplay (exit 1)", oldest first
        self.engine: Engine | None = find_engine(path, platform)
        self.launcher = Launcher(clock, timeout_s)
        self.speaker = Speaker(self.engine, self.launcher)
        self.played: list[str] = []  # tone names started, newest last (tests, bench)
        self.problem: str | None = None
        self._round: int | None = None

    # ---- settings ------------------------------------------------------------------------
    @property
    def player(self) -> Player | None:
        return self.players[0] if self.players else None

    @property
    def muted(self) -> bool:
        return self.settings.muted

    @property
    def voice(self) -> bool:
        return self.settings.voice

    def set_muted(self, muted: bool) -> None:
        self.settings = SoundSettings(muted, self.settings.voice, self.settings.volume)
        if muted:
            self.speaker.hush()

    def set_voice(self, voice: bool) -> None:
        self.settings = SoundSettings(self.settings.muted, voice, self.settings.volume)
        if not voice:
            self.speaker.hush()

    def set_volume(self, volume: int) -> None:
        fixed = SoundSettings.from_settings({"volume": volume}).volume
        self.settings = SoundSettings(self.settings.muted, self.settings.voice, fixed)

    # ---- what the screen calls -----------------------------------------------------------
    def prepare(self) -> str | None:
        """Write any missing tone file now, so a phase boundary only starts a player.
        Never raises (it runs on a worker thread): a cache folder that cannot be written
        is returned (and kept in `problem`); the phases then ring the bell instead."""
        try:
            tones.ensure_all(self.cache_dir)
        except OSError as exc:
            self.problem = f"the tones could not be written: {exc}"
            return self.problem
        return None

    def phase_started(self, kind: str, side: str | None, view: Any = None) -> str:
        """The tone of phase `kind` and, with voice on, its phrase from `view`: any object
        with `banner`, `where`, `counts` and `next` (missing ones count as empty)."""
        if side is None and view is not None:
            side = phrases.side_of(str(getattr(view, "where", "") or ""))
        result = self.play(tone_for(kind, side))
        if view is not None and self.voice and not self.muted:
            self.speaker.say(self.phrase(kind, view), self.settings.volume)
        return result

    def count_in(self, n: int) -> str:
        """One beat of the 3-2-1 count-in (the screen calls it at 3, 2 and 1)."""
        return self.play("count")

    def session_ended(self, status: str = "completed") -> str:
        result = self.play("end")
        if self.voice and not self.muted:
            words = "That's the session. Well done." if status == "completed" else "Stopped."
            self.speaker.say(words, self.settings.volume)
        return result

    def reap(self) -> None:
        """Collect finished players; kill overdue ones (the screen may call it on a tick).
        A player whose tone failed is dropped for the next one found."""
        self.launcher.reap()
        self._drop_failed_players()

    def close(self) -> None:
        self.launcher.close()

    # ---- inside ----------------------------------------------------------------------------
    def play(self, name: str | None) -> str:
        if name is None:
            return SILENT
        if self.muted:
            return MUTED
        self.reap()
        player = self.player
        if player is None:
            return NO_PLAYER
        try:
            wav = tones.tone_path(name, self.cache_dir)
        except OSError:
            return FAILED
        child = self.launcher.start(player.argv(wav, self.settings.volume), tag=player.exe)
        if child is None:
            self._drop(player, "could not start")
            return FAILED
        self.played.append(name)
        return PLAYED

    def _drop_failed_players(self) -> None:
        finished, self.launcher.finished = self.launcher.finished, []
        for child in finished:
            code = child.process.returncode
            player = self.player
            # a player that says it failed (exit status > 0); one we killed for taking too
            # long (a negative status) may just be slow, and keeps its place
            if player is not None and child.tag == player.exe and code is not None and code > 0:
                self._drop(player, f"exit {code}")

    def _drop(self, player: Player, why: str) -> None:
        if player in self.players:
            self.players.remove(player)
            self.failed.append(f"{player.name} ({why})")

    def phrase(self, kind: str, view: Any) -> str:
        counts = str(getattr(view, "counts", "") or "")
        rnd = phrases.counts_of(counts).get("round")
        new_round = rnd is not None and rnd[0] != self._round
        if rnd is not None:
            self._round = rnd[0]
        return phrases.phrase_for(
            str(getattr(view, "banner", "") or ""),
            str(getattr(view, "where", "") or ""),
            counts,
            getattr(view, "next", None),
            kind,
            new_round=new_round,
        )

    def describe(self) -> str:
        """One line for the settings screen: which player and which speech engine."""
        from glute_tui.audio import player, voice

        failed = f"; {', '.join(self.failed)} failed" if self.failed else ""
        play = (
            f"sound: {self.player.name}{failed}"
            if self.player
            else f"sound: no working player ({', '.join(player.names())}{failed}), "
            "so the terminal bell"
        )
        speak = (
            f"speech: {self.engine.name}"
            if self.engine
            else f"speech: none found ({', '.join(voice.names())})"
        )
        return f"{play}; {speak}"
