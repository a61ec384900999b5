"""`glute-tui report`: writes one HTML file, refuses bad input with one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.ui.screenshots import seed_demo
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date().isoformat()


def test_report_writes_the_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.json"
    seed_demo(db, years=1)
    out = tmp_path / "r.html"
    assert (
        main(["report", "--db", str(db), "--weeks", "8", "--out", str(out), "--today", TODAY]) == 0
    )
    html = out.read_text(encoding="utf-8")
    assert "(8 weeks)" in html and "<svg" in html
    assert str(out) in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--weeks", "0"], "must be from 1 to 520"),
        (["--out", "r.txt"], "does not end in .html"),
        (["--today", "soon"], "is not a YYYY-MM-DD date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    db = tmp_path / "h.json"
    seed_demo(db, years=0.1)
    with pytest.raises(SystemExit) if args[0] == "--weeks" else _nothing():
        code = main(["report", "--db", str(db), *args])
        assert code == 2
    assert said in capsys.readouterr().err
    assert not list(tmp_path.glob("*.html")) and not (tmp_path / "r.txt").exists()


def test_no_history_is_refused_without_creating_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none.json"
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r.html")]) == 2
    assert "no history" in capsys.readouterr().err
    assert not db.exists() and not (tmp_path / "r.html").exists()


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False
