"""Sound and voice settings, read from the user's settings with safe bounds.

`muted` silences every tone and phrase; `voice` adds spoken cues (off by default);
`volume` is a percentage handed to players that take one (see glute_tui/audio/player.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from glute_tui.core.protocol import Bounds

#: percent of the player's normal level; 100 is unchanged, nothing louder than that
VOLUME = Bounds(default=80, min=0, max=100)


@dataclass(frozen=True)
class SoundSettings:
    muted: bool = False
    voice: bool = False
    volume: int = int(VOLUME.default)

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> SoundSettings:
        """Anything missing or malformed falls back to the default."""

        def flag(key: str, default: bool) -> bool:
            value = raw.get(key)
            return value if isinstance(value, bool) else default

        volume = raw.get("volume")
        if isinstance(volume, bool) or not isinstance(volume, (int, float)):
            volume = VOLUME.default
        return cls(flag("muted", False), flag("voice", False), int(VOLUME.clamp(round(volume))))
