"""A file the user names (export, report, rescue, cue set) is written to a regular file or a
new one, never in place of something else (found in the break-it sweep: an export to a FIFO,
or as root to /dev/null, replaced the special file with a regular one)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from glute_tui.store.export import save_user_file
from glute_tui.store.history import StoreError
from glute_tui.ui.dialogs.target import check_target

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
def test_a_fifo_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        save_user_file(fifo, ["{}"])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]  # no temp file left


@needs_fifo
def test_the_dialogs_refuse_a_fifo_before_asking_to_replace_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    said = check_target(str(fifo))
    assert isinstance(said, str) and "not a regular file" in said


def test_a_link_is_followed_to_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "backup.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "backup.json"
    link.symlink_to(real)
    assert check_target(str(link)) == real
    assert save_user_file(link, ['{"new": 1}']) == real
    assert link.is_symlink() and real.read_text(encoding="utf-8") == '{"new": 1}'
