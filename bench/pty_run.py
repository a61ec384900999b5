"""Run a full-screen program in a pseudo-terminal and time when given text first appears."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time


def time_to_text(
    cmd: list[str],
    markers: list[bytes],
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (100, 30),
    timeout: float = 20.0,
) -> list[float]:
    """Seconds from spawn until each marker has appeared in the program's output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    full_env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(size[0]),
        "LINES": str(size[1]),
        **(env or {}),
    }
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=full_env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen: dict[bytes, float] = {}
    buf = b""
    deadline = t0 + timeout
    try:
        while len(seen) < len(markers) and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            buf += chunk
            now = time.perf_counter()
            for m in markers:
                if m not in seen and m in buf:
                    seen[m] = now - t0
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    if len(seen) < len(markers):
        missing = [m for m in markers if m not in seen]
        raise RuntimeError(f"never saw {missing!r}; last output: {buf[-400:]!r}")
    return [seen[m] for m in markers]
