"""What start-up loads (issues 11 and 13: speed): deterministic, no timing.

Home's first frame, `today --json` and `stats` must not wait for modules they do not use:
the nine routine modules (a session imports them when it opens), the programme, the
safety rules, TinyDB or Textual. Each check runs a fresh interpreter and reads sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.core.routines.catalogue import CATALOGUE, IDS

#: every module of core/routines but the catalogue (and the package itself)
ROUTINE_MODULES = (
    *(f"glute_tui.core.routines.{rid}" for rid in IDS),
    "glute_tui.core.routines.registry",
    "glute_tui.core.routines.base",
    "glute_tui.core.routines.sets",
)
#: what home's first frame ("Loading your history…", the menu, the Footer) never needs
NOT_BEFORE_FIRST_FRAME = (
    *ROUTINE_MODULES,
    "glute_tui.core.programme",
    "glute_tui.core.safety",
    "glute_tui.core.plan",
    "glute_tui.core.runner",
    "glute_tui.core.progress",
    "glute_tui.core.model",  # the store's typed records: once the history is loaded
    "glute_tui.store.history",
    "tinydb",
)


def loaded(code: str, *args: str) -> set[str]:
    """The modules in sys.modules after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stderr.strip().splitlines()[-1]))


def test_home_first_frame_imports_no_routine_module() -> None:
    # what `glute-tui` runs before the app's first frame: the parser, the app, home
    modules = loaded(
        "import glute_tui.cli as cli\n"
        "cli._parser()\n"
        "import glute_tui.ui.app, glute_tui.ui.screens.home, glute_tui.ui.registry"
    )
    assert "glute_tui.ui.screens.home" in modules  # the probe did run
    assert sorted(m for m in NOT_BEFORE_FIRST_FRAME if m in modules) == []


def _history(tmp_path: Path) -> Path:
    db = tmp_path / "h.json"
    assert main(["demo-history", "--years", "1", "--seed", "3", "--db", str(db)]) == 0
    return db


@pytest.mark.parametrize("command", [["today", "--json"], ["stats", "--json"], ["--help"]])
def test_headless_commands_import_no_routine_module_nor_textual(
    tmp_path: Path, command: list[str]
) -> None:
    db = _history(tmp_path)
    code = (
        "import sys\nfrom glute_tui.cli import main\n"
        "try:\n    main([*sys.argv[2:], '--db', sys.argv[1]])\nexcept SystemExit:\n    pass"
    )
    for _ in range(2):  # the first run writes the caches (digest, programme), the second reads
        modules = loaded(code, str(db), *command)
    assert "glute_tui.cli" in modules
    heavy = (*ROUTINE_MODULES, "textual", "tinydb", "filelock")
    assert sorted(m for m in heavy if m in modules) == []


def test_the_catalogue_is_the_registry_in_order() -> None:
    """Each routine takes its words from the catalogue; both list the same ids in order."""
    from glute_tui.core.routines import registry

    assert tuple(r.id for r in registry.ROUTINES) == IDS
    for info, routine in zip(CATALOGUE, registry.ROUTINES, strict=True):
        assert (routine.title, routine.description, routine.key, routine.short) == info[1:]
    assert len({r.key for r in CATALOGUE}) == len(CATALOGUE)  # one home key each


@pytest.mark.parametrize(
    "argv", [[], ["--db", "x.json"], ["--db=x.json"], ["--db="], ["--db", "-x"], ["hold"]]
)
def test_the_everyday_start_parses_as_the_full_parser_does(argv: list[str]) -> None:
    """`glute-tui` and `glute-tui --db PATH` skip building the full parser; the result is
    the same Namespace the full parser gives."""
    from glute_tui.cli import _parser, parse_args

    if argv == ["--db", "-x"]:  # not a path argparse accepts: the full parser says so
        with pytest.raises(SystemExit):
            parse_args(argv)
        return
    assert vars(parse_args(argv)) == vars(_parser().parse_args(argv))


def test_the_everyday_start_builds_no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import glute_tui.cli as cli

    def built() -> None:
        pytest.fail("the full parser was built for `glute-tui --db PATH`")

    monkeypatch.setattr(cli, "_parser", built)
    assert vars(cli.parse_args(["--db", "x.json"])) == {"command": None, "db": "x.json"}
    assert vars(cli.parse_args([])) == {"command": None}


def test_today_from_its_cache_reads_no_library_protocol_or_safety_code(tmp_path: Path) -> None:
    """With the cache next to the data file, `today --json` folds a few days: it needs the
    programme core, not the exercise library, the protocol parser or the plan's rules."""
    db = _history(tmp_path)
    code = (
        "import sys\nfrom glute_tui.cli import main\nmain(['today', '--json', '--db', sys.argv[1]])"
    )
    loaded(code, str(db))  # writes the cache
    modules = loaded(code, str(db))
    assert "glute_tui.core.programme" in modules
    heavy = ("glute_tui.core.library", "glute_tui.core.protocol", "glute_tui.core.plan")
    heavy += ("glute_tui.core.safety", "glute_tui.core.records", "hashlib")
    assert sorted(m for m in heavy if m in modules) == []
