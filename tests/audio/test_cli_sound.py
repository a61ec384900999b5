"""`glute-tui sound test` end to end through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from glute_tui.cli import main
from tests.audio.fakes import fake_program, log_lines


def test_sound_test_uses_the_saved_volume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from glute_tui.store.history import HistoryStore

    db = tmp_path / "h.json"
    HistoryStore.open(db).set_setting("volume", 30)
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "paplay", log)
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(tmp_path / "bin"))
    assert main(["sound", "test", "--db", str(db)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("played 6 tones with paplay at 30% volume")
    assert all(line.startswith(f"paplay --volume={round(65536 * 0.3)} ") for line in log_lines(log))


def test_sound_test_without_a_player_exits_2_and_creates_no_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(tmp_path / "bin"))
    db = tmp_path / "none.json"
    assert main(["sound", "test", "--db", str(db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("glute-tui: no sound player found")
    assert not db.exists()


def test_sound_volume_and_voice_are_saved_within_bounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from glute_tui.core.sound import SoundSettings
    from glute_tui.store.history import HistoryStore

    db = tmp_path / "h.json"
    assert main(["sound", "volume", "55", "--db", str(db)]) == 0
    assert main(["sound", "voice", "on", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == ["volume set to 55%", "spoken cues on"]
    settings = SoundSettings.from_settings(HistoryStore.open(db).settings())
    assert settings == SoundSettings(muted=False, voice=True, volume=55)
    for bad in (["volume", "101"], ["volume", "-1"], ["volume", "loud"], ["volume"], ["voice"]):
        assert main(["sound", *bad, "--db", str(db)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("glute-tui: sound ")
    assert SoundSettings.from_settings(HistoryStore.open(db).settings()) == settings


def test_a_bad_value_creates_no_data_file(tmp_path: Path) -> None:
    db = tmp_path / "none.json"
    assert main(["sound", "volume", "500", "--db", str(db)]) == 2
    assert not db.exists()
