"""No source file over 400 lines (issue 11): a long file is split by moving a coherent part
into its own module, not by squeezing lines."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "glute_tui"
LIMIT = 400
#: files other branches are splitting at the time of writing; remove each once it is under
OVER_FOR_NOW = {"core/programme.py", "ui/app.py", "ui/screens/live.py"}


def test_no_source_file_is_over_the_limit() -> None:
    over = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert {k: v for k, v in over.items() if k not in OVER_FOR_NOW} == {}
