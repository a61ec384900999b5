"""The live-session journal: one small file, one durable write per completed phase.

It is kept apart from the history so the cost of a durable write does not grow with years
of data. A journal that still holds a session on start-up means the app did not finish it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glute_tui.store.atomic import atomic_write_json


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None

    def begin(self, session: dict[str, Any], resume: dict[str, Any] | None = None) -> None:
        """Start journaling a session header (no phases yet). `resume` is free-form state the
        screen needs to pick the session up again (settings, sides, timeline position)."""
        self._data = {"session": dict(session, phases=[]), "resume": resume or {}}
        atomic_write_json(self.path, self._data)

    def append(self, phase: dict[str, Any], **resume: Any) -> None:
        if self._data is None:
            raise RuntimeError("journal.begin() was not called")
        self._data["session"]["phases"].append(phase)
        self._data["resume"].update(resume)
        atomic_write_json(self.path, self._data)

    def update(self, **fields: Any) -> None:
        if self._data is None:
            raise RuntimeError("journal.begin() was not called")
        self._data["session"].update(fields)
        atomic_write_json(self.path, self._data)

    @property
    def active(self) -> bool:
        return self._data is not None

    def read(self) -> dict[str, Any] | None:
        """The journal on disk, or None when there is none (or it is unreadable)."""
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
            return None
        return data

    def clear(self) -> None:
        self._data = None
        self.path.unlink(missing_ok=True)
