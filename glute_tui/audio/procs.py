"""Fire-and-forget child processes: started at once, reaped later, killed when overdue.

`start` returns as soon as the child exists (no waiting for it to play or speak).
Finished children are collected by `reap`, which every start calls first; a child older
than its time-out is killed there, so a player that hangs never piles up.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    started: float
    deadline: float
    tag: str = ""  # what started it (the Signals facade tags tones with their player)

    @property
    def running(self) -> bool:
        return self.process.poll() is None


class Launcher:
    def __init__(self, clock: Clock, timeout_s: float = 10.0) -> None:
        self.clock = clock
        self.timeout_s = timeout_s
        self.children: list[Child] = []
        self.finished: list[Child] = []  # ended since the owner last looked (it clears it)
        self.last_error: str | None = None

    def start(
        self, argv: Sequence[str], env: dict[str, str] | None = None, tag: str = ""
    ) -> Child | None:
        """Start `argv` with no input or output; None (and `last_error`) if it cannot start."""
        self.reap()
        try:
            process = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                env=env,
                start_new_session=os.name == "posix",  # Ctrl+C in the app never reaches it
            )
        except OSError as exc:
            self.last_error = f"{argv[0]}: {exc.strerror or exc}"
            return None
        now = self.clock()
        child = Child(process, now, now + self.timeout_s, tag)
        self.children.append(child)
        return child

    def stop(self, child: Child) -> None:
        """Ask a child to end now (it is reaped, or killed at its deadline, later)."""
        if child.running:
            with contextlib.suppress(OSError):
                child.process.terminate()

    def reap(self) -> None:
        now = self.clock()
        alive: list[Child] = []
        for child in self.children:
            if child.process.poll() is None and now >= child.deadline:
                with contextlib.suppress(OSError):
                    child.process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired, OSError):
                    child.process.wait(0.05)
            if child.process.poll() is None:
                alive.append(child)
            else:
                self.finished.append(child)
        self.children = alive

    def close(self) -> None:
        """End every child still running (the app is quitting)."""
        for child in self.children:
            self.stop(child)
        for child in self.children:
            with contextlib.suppress(subprocess.TimeoutExpired, OSError):
                child.process.wait(0.2)
            if child.running:
                with contextlib.suppress(OSError):
                    child.process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired, OSError):
                    child.process.wait(0.2)
        self.children = []
