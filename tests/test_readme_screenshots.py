"""Every screen's screenshot is shown in the README (issue 16), and every one it shows exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _embedded() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"!\[[^\]]+\]\(screenshots/([^)]+\.svg)\)", text)


def test_every_screenshot_is_embedded_once_and_exists() -> None:
    from glute_tui.ui.screenshots import SHOTS

    embedded = _embedded()
    assert len(embedded) == len(set(embedded))
    on_disk = sorted(p.name for p in (ROOT / "screenshots").glob("*.svg"))
    assert sorted(set(embedded) & set(on_disk)) == sorted(embedded), "README shows a missing file"
    assert sorted(embedded) == on_disk
    assert {f"{shot.name}.svg" for shot in SHOTS} <= set(embedded)
