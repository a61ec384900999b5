"""The command line as a user runs it: real processes, real files, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from glute_tui import __version__


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "glute_tui", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"glute-tui {__version__}"


def test_demo_export_import_round_trip(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    made = run("demo-history", "--years", "1", "--seed", "3", "--db", str(a))
    assert made.returncode == 0, made.stderr
    assert "sessions" in made.stdout
    out = tmp_path / "export.json"
    exported = run("export", "--db", str(a), "--out", str(out))
    assert exported.returncode == 0 and out.exists()
    data = json.loads(out.read_text())
    assert data["format"] == "glute-tui-export" and len(data["sessions"]) > 10
    imported = run("import", str(out), "--db", str(b))
    assert imported.returncode == 0
    assert f"imported {len(data['sessions'])} new sessions" in imported.stdout
    again = run("export", "--db", str(b))
    assert again.stdout == out.read_text()


def test_export_csv_to_stdout(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    run("demo-history", "--years", "1", "--db", str(db))
    result = run("export", "--format", "csv", "--db", str(db))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("session_id,routine,started_at")


def test_env_var_selects_the_data_file(tmp_path: Path) -> None:
    db = tmp_path / "env.json"
    run("demo-history", "--years", "1", env={"GLUTE_TUI_DB": str(db)})
    assert db.exists()


def test_demo_refuses_a_file_with_data_unless_forced(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    assert run("demo-history", "--years", "1", "--db", str(db)).returncode == 0
    before = db.read_bytes()
    message = one_line_error(run("demo-history", "--years", "1", "--db", str(db)))
    assert "already holds data" in message and "--force" in message
    assert db.read_bytes() == before
    assert (
        run("demo-history", "--years", "1", "--seed", "9", "--force", "--db", str(db)).returncode
        == 0
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "--db", "{tmp}"], "is a folder"),
        (["export", "--db", "{tmp}/file.txt/h.json"], "is a file, not a folder"),
        (["import", "{tmp}/missing.json", "--db", "{tmp}/h.json"], "does not exist"),
        (["import", "{tmp}/file.txt", "--db", "{tmp}/h.json"], "not valid JSON"),
        (["home", "--db", "{tmp}"], "is a folder"),
    ],
)
def test_bad_input_is_one_line_and_status_2(tmp_path: Path, args: list[str], expected: str) -> None:
    (tmp_path / "file.txt").write_text("plain text")
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert expected in one_line_error(result)
    assert not (tmp_path / "h.json").exists()


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    result = run("demo-history", "--years", "-3", "--db", str(tmp_path / "h.json"))
    assert result.returncode == 2
    assert "whole number of years from 1 to 50" in result.stderr
    assert "Traceback" not in result.stderr
    for years in ("0", "-1", "1e-300", "1000", "2.5", "nan", "inf"):
        result = run("demo-history", "--years", years, "--db", str(tmp_path / "h.json"))
        assert result.returncode == 2 and "Traceback" not in result.stderr, years
        assert "--years" in result.stderr
        assert not (tmp_path / "h.json").exists()
    assert run("no-such-screen").returncode == 2


HOLDER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(30)
    """
)


def test_app_refuses_to_start_while_another_program_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    run("demo-history", "--years", "1", "--db", str(db))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db) + ".lock"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = run("--db", str(db), env={"GLUTE_TUI_LOCK_TIMEOUT": "0.3"})
        assert "locked by another program" in one_line_error(result)
        result = run("export", "--db", str(db), env={"GLUTE_TUI_LOCK_TIMEOUT": "0.3"})
        assert "locked by another program" in one_line_error(result)
    finally:
        holder.kill()
        holder.wait()


def test_malformed_shipped_library_is_one_line(tmp_path: Path) -> None:
    """Simulate a broken install: a copy of the package whose exercises.json lost a field."""
    import shutil

    import glute_tui

    pkg = Path(glute_tui.__file__).parent
    fake = tmp_path / "site"
    shutil.copytree(pkg, fake / "glute_tui", ignore=shutil.ignore_patterns("__pycache__"))
    from importlib import resources

    data_src = Path(str(resources.files("glute_tui.data")))
    shutil.copytree(data_src, fake / "glute_tui" / "data", dirs_exist_ok=True)
    lib = json.loads((fake / "glute_tui" / "data" / "exercises.json").read_text())
    del lib["exercises"][3]["name"]
    (fake / "glute_tui" / "data" / "exercises.json").write_text(json.dumps(lib))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from glute_tui.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code, str(fake), "--db", str(tmp_path / "h.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    message = one_line_error(result)
    assert message == (
        "glute-tui: data/exercises.json: exercises[3] (iso_supine).name: must be a non-empty string"
    )
