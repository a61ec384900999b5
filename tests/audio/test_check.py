"""`glute-tui sound test` with fake players on a private PATH."""

from __future__ import annotations

from pathlib import Path

from glute_tui.audio import tones
from glute_tui.audio.check import sound_test
from tests.audio.fakes import fake_program, log_lines, only_path


def test_plays_every_tone_and_names_player_and_engine(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "pw-play", log)
    fake_program(tmp_path / "bin", "espeak-ng", log)
    code, line = sound_test(50, only_path(tmp_path / "bin"), "linux", tmp_path / "c")
    assert code == 0
    assert line.startswith("played 6 tones with pw-play at 50% volume")
    assert "speech: espeak-ng" in line and "\n" not in line
    played = [Path(x.rsplit(" ", 1)[-1]).name for x in log_lines(log)]
    assert played == [tones.file_name(n) for n in tones.TONES]


def test_no_player_is_an_error_that_says_why(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    code, line = sound_test(80, only_path(tmp_path / "bin"), "linux", tmp_path / "c")
    assert code == 2
    assert "no sound player found (looked for paplay, pw-play, aplay, afplay)" in line
    assert "terminal bell" in line and "speech: none found" in line


def test_a_failing_player_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bin" / "aplay"
    bad.parent.mkdir()
    bad.write_text('#!/bin/sh\necho "aplay: no sound card" >&2\nexit 1\n')
    bad.chmod(0o755)
    code, line = sound_test(80, only_path(tmp_path / "bin"), "linux", tmp_path / "c")
    assert code == 2
    assert line.startswith(
        "no player could play the tones: aplay could not play work (exit 1: aplay: no sound card)"
    )


def test_a_failing_player_gives_way_to_the_next(tmp_path: Path) -> None:
    bad = tmp_path / "bin" / "paplay"
    bad.parent.mkdir()
    bad.write_text('#!/bin/sh\necho "pa_context_connect() failed" >&2\nexit 1\n')
    bad.chmod(0o755)
    fake_program(tmp_path / "bin", "aplay", tmp_path / "log.txt")
    code, line = sound_test(80, only_path(tmp_path / "bin"), "linux", tmp_path / "c")
    assert code == 0
    assert line.startswith("played 6 tones with aplay at the system's volume")
    assert "(paplay could not play work (exit 1: pa_context_connect() failed))" in line
