"""Short tones synthesised at run time with the standard library, cached as WAV files.

Nothing is shipped: each tone is a list of (frequency Hz, seconds) notes, rendered to
16-bit mono PCM with a short fade at each end (no clicks) and written once into the user
cache folder. A file's name carries a digest of its notes, so changing a tone here
writes a new file instead of playing a stale one.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import io
import math
import os
import sys
import tempfile
import wave
from pathlib import Path

RATE = 22050
AMPLITUDE = 0.45  # of full scale; the player's volume does the rest
FADE_S = 0.006
ENV_CACHE = "GLUTE_TUI_CACHE_DIR"

Note = tuple[float, float]  # (Hz, seconds); 0 Hz is silence

#: name -> notes. Left is low, right is high, so the two switch cues differ by ear too.
TONES: dict[str, tuple[Note, ...]] = {
    "work": ((660.0, 0.11), (0.0, 0.03), (880.0, 0.16)),
    "rest": ((660.0, 0.14), (0.0, 0.03), (440.0, 0.22)),
    "switch_left": ((392.0, 0.09), (0.0, 0.05), (392.0, 0.09), (0.0, 0.05), (392.0, 0.09)),
    "switch_right": ((784.0, 0.09), (0.0, 0.05), (784.0, 0.09), (0.0, 0.05), (784.0, 0.09)),
    "count": ((1000.0, 0.07),),
    "end": ((523.0, 0.14), (659.0, 0.14), (784.0, 0.14), (1047.0, 0.4)),
}


def synth(notes: tuple[Note, ...], rate: int = RATE) -> bytes:
    """The WAV bytes (16-bit mono) of a run of notes."""
    samples = array.array("h")
    peak = AMPLITUDE * 32767
    for freq, seconds in notes:
        n = round(seconds * rate)
        fade = max(1, min(round(FADE_S * rate), n // 2))
        step = 2 * math.pi * freq / rate
        for i in range(n):
            if freq <= 0:
                samples.append(0)
                continue
            env = min(1.0, i / fade, (n - 1 - i) / fade)
            samples.append(round(peak * env * math.sin(step * i)))
    if sys.byteorder == "big":
        samples.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return out.getvalue()


def default_cache_dir() -> Path:
    """$GLUTE_TUI_CACHE_DIR, else the platform's user cache folder (created on first write)."""
    raw = os.environ.get(ENV_CACHE)
    if raw:
        return Path(raw).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("glute-tui", appauthor=False))


def file_name(name: str) -> str:
    digest = hashlib.sha256(repr((RATE, AMPLITUDE, TONES[name])).encode()).hexdigest()[:10]
    return f"{name}-{digest}.wav"


def tone_path(name: str, cache_dir: Path | None = None) -> Path:
    """The cached file of tone `name`, written now if it is missing (atomically)."""
    if name not in TONES:
        raise KeyError(f"no tone called {name!r}")
    folder = (cache_dir or default_cache_dir()) / "tones"
    path = folder / file_name(name)
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(synth(TONES[name]))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def ensure_all(cache_dir: Path | None = None) -> dict[str, Path]:
    """Every tone's file (synthesised once; later calls only check they exist)."""
    return {name: tone_path(name, cache_dir) for name in TONES}
