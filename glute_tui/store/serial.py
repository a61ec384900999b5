"""One background thread that runs file writes strictly in the order they were given.

The live-session journal must land phase after phase, in order, and off the event loop.
A pool of workers does not keep order; this does. Callbacks run on the writer thread, so a
UI passes ones that hop back to its own loop (e.g. `app.call_from_thread`).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

Task = tuple[
    Callable[[], Any], Callable[[Any], None] | None, Callable[[BaseException], None] | None
]


class SerialWriter:
    def __init__(self, name: str = "glute-tui-journal") -> None:
        self._queue: queue.Queue[Task | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(
        self,
        task: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._queue.put((task, on_done, on_error))

    def drain(self, timeout: float = 5.0) -> bool:
        """Wait until everything submitted so far has run. True when it has."""
        done = threading.Event()
        self.submit(done.set)
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Finish what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            task, on_done, on_error = item
            try:
                result = task()
            except Exception as exc:  # reported to the caller, never kills the thread
                if on_error is not None:
                    with contextlib.suppress(Exception):
                        on_error(exc)
                continue
            if on_done is not None:
                with contextlib.suppress(Exception):
                    on_done(result)
