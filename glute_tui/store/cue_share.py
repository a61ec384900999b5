"""`glute-tui cues export FILE` / `cues import FILE`: share a cue set as a small JSON file.

    {"format": "glute-tui-cues", "version": 1,
     "cues": {"bird_dog": ["Long spine, ears away from shoulders", ...], ...}}

Export writes every exercise's cues as the app shows them (yours where you edited them,
else the shipped ones), in library order, so the file is a complete, editable cue sheet.
Import validates the whole file first (known exercise ids, every cue rule) and writes
nothing when anything is wrong. Exercises not in the file are left as they are; a set that
equals the shipped cues is stored as "use the shipped cues".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glute_tui.core.cues import CueError, parse_file, to_file
from glute_tui.core.library import Library
from glute_tui.store.export import save_user_file
from glute_tui.store.history import HistoryStore, StoreError


def effective_cues(store: HistoryStore | None, library: Library) -> dict[str, list[str]]:
    overrides = store.cue_overrides() if store is not None else {}
    return {ex.id: list(overrides.get(ex.id) or ex.cues) for ex in library}


def render_cue_file(store: HistoryStore | None, library: Library) -> str:
    data = to_file(effective_cues(store, library))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_cue_file(store: HistoryStore | None, library: Library, out: Path) -> Path:
    return save_user_file(out, [render_cue_file(store, library)])


def read_cue_file(path: Path, library: Library) -> dict[str, tuple[str, ...]]:
    """Read and validate a cue file completely; StoreError names the first problem."""
    from glute_tui.store.files import NotAFileError, read_regular_text

    try:
        text = read_regular_text(path)  # never blocks on a FIFO or device
    except NotAFileError as exc:
        raise StoreError(f"refused: {exc}; nothing was imported") from None
    except FileNotFoundError:
        raise StoreError(f"refused: {path} does not exist; nothing was imported") from None
    except IsADirectoryError:
        raise StoreError(f"refused: {path} is a folder; nothing was imported") from None
    except UnicodeDecodeError:
        raise StoreError(f"refused: {path} is not UTF-8 text; nothing was imported") from None
    except OSError as exc:
        raise StoreError(
            f"refused: cannot read {path} ({exc.strerror or exc}); nothing was imported"
        ) from None
    from glute_tui.store.files import MAX_DEPTH, StrictJSONError, json_depth, strict_loads

    if json_depth(text) > MAX_DEPTH:  # before the parser recurses
        raise StoreError(
            f"refused: {path} is nested more than {MAX_DEPTH} levels deep; nothing was imported"
        )
    try:
        raw = json.loads(text, object_pairs_hook=_no_twice)
        strict_loads(text)  # NaN / Infinity tokens, lone surrogates
    except _TwiceError as exc:
        raise StoreError(
            f"refused: {path}: {exc.key!r} appears twice; nothing was imported"
        ) from None
    except StrictJSONError as exc:
        raise StoreError(f"refused: {path}: {exc}; nothing was imported") from None
    except ValueError as exc:
        raise StoreError(
            f"refused: {path} is not valid JSON (line {getattr(exc, 'lineno', '?')}); "
            "nothing was imported"
        ) from None
    extra = sorted(set(raw) - {"format", "version", "cues"}) if isinstance(raw, dict) else []
    if extra:
        raise StoreError(
            f"refused: {path}: {extra[0]!r} is not a part of a cue file; nothing was imported"
        )
    try:
        return parse_file(raw, (ex.id for ex in library))
    except CueError as exc:
        reason = str(exc).rstrip(".")
        raise StoreError(f"refused: {path}: {reason}; nothing was imported") from None


class _TwiceError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json object hook: a key given twice (JSON keeps the last silently) is refused, so
    an exercise pasted twice into a cue file cannot lose one of its sets unnoticed."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _TwiceError(key)
        out[key] = value
    return out


def import_cues(
    store: HistoryStore, library: Library, sets: dict[str, tuple[str, ...]]
) -> tuple[int, int]:
    """Apply validated cue sets. Returns (exercises given your cues, back to shipped)."""
    changes: dict[str, list[str] | None] = {}
    for ex_id, cues in sets.items():
        changes[ex_id] = None if tuple(cues) == library[ex_id].cues else list(cues)
    store.set_cues_many(changes)
    back = sum(1 for v in changes.values() if v is None)
    return len(changes) - back, back
