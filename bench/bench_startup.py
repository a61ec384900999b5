"""Time to the first painted frame of the home screen, beside a minimal Textual app.

Whole processes in a pseudo-terminal (100x30), from spawn to the first appearance of the
screen's text. 'populated' is when today's counts from the history are on screen;
'programme' is when the Today card's programme part (folded on a worker thread) is.
Target: the home screen's first frame within 1.3x the minimal app, empty and with 10 years.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, demo_db, empty_db, prepare_bytecode
from pty_run import time_to_text

RUNS = 9
MARK = b", week "  # the Today card once the programme is worked out (stage, week N)
COUNTS = b"Plan"  # the Today card once the history is read (before: "Loading your history")


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    print(prepare_bytecode())
    ten = demo_db(10)
    empty = empty_db("startup-empty")
    # the first-run note would cover the screen; acknowledge it in both files
    # (and the next-morning question, asked once a day, which would cover the Today card)
    for db in (empty, ten):
        from datetime import date

        from glute_tui.core.next_morning import next_morning_candidate
        from glute_tui.store.history import HistoryStore

        store = HistoryStore.open(db)
        store.set_setting("disclaimer_seen", True)
        ask = next_morning_candidate(store.rows(), date.today())
        if ask is not None:
            store.set_setting("next_morning_asked", ask.day)
    minimal = [sys.executable, str(REPO / "bench" / "minimal_app.py")]
    app = [sys.executable, "-m", "glute_tui"]
    rows: dict[str, list[list[float]]] = {"minimal": [], "empty": [], "10 years": []}
    for _ in range(RUNS):  # interleaved, so drift hits all three alike
        rows["minimal"].append(time_to_text(minimal, [b"minimal reference"]))
        rows["empty"].append(time_to_text([*app, "--db", str(empty)], [b"Where to", COUNTS, MARK]))
        rows["10 years"].append(time_to_text([*app, "--db", str(ten)], [b"Where to", COUNTS, MARK]))
    base = median_ms([r[0] for r in rows["minimal"]])
    fastest = min(r[0] for r in rows["minimal"]) * 1000
    print(
        f"minimal Textual app, first frame: median {base:.0f} ms over {RUNS} runs "
        f"(fastest {fastest:.0f} ms)"
    )
    for name in ("empty", "10 years"):
        first = median_ms([r[0] for r in rows[name]])
        populated = median_ms([r[1] for r in rows[name]])
        programme = median_ms([r[2] for r in rows[name]])
        best = min(r[0] for r in rows[name]) * 1000
        print(
            f"home, {name:8} history: first frame {first:.0f} ms ({first / base:.2f}x minimal), "
            f"today's counts on screen {populated:.0f} ms ({populated / base:.2f}x), "
            f"the programme {programme:.0f} ms ({programme / base:.2f}x); "
            f"fastest first frame {best:.0f} ms ({best / fastest:.2f}x the fastest minimal)"
        )
    print(
        "target: first frame <= 1.30x the minimal app (medians; on a loaded machine the "
        "fastest runs are the least disturbed)"
    )


if __name__ == "__main__":
    main()
