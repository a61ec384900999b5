from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _cache_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Tones are written under tmp_path, never into the real user cache folder."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("GLUTE_TUI_CACHE_DIR", str(cache))
    return cache
