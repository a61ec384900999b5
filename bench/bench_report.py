"""The physio report with ten years of data: building and writing it, beside a yardstick
(json.dumps of the whole export, which every history already pays for a backup), and
`glute-tui report` as a whole process.

Target (issue 15): the report renders in under 2 s for 10 years of data.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import demo_db, summary  # noqa: E402

YEARS = 10
ROUNDS = 10


def _timed(fn, n: int = ROUNDS) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    from glute_tui.store.export import build_export
    from glute_tui.store.history import HistoryStore
    from glute_tui.store.report import report_html, write_report

    db = demo_db(YEARS)
    store = HistoryStore.open(db)
    today = date.fromisoformat(store.rows()[-1]["day"])
    print(f"demo history: {YEARS} years, {len(store.rows())} sessions")

    export = build_export(store)
    yard = _timed(lambda: json.dumps(export), 5)
    print(f"yardstick json.dumps(export):    {summary(yard)}")
    for weeks in (12, 52, 520):
        t = _timed(lambda w=weeks: report_html(store, today, w))  # type: ignore[misc]
        size = len(report_html(store, today, weeks)) / 1024
        print(f"report, last {weeks:>3} weeks:        {summary(t)}  ({size:.0f} KiB)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.html"
        t = _timed(lambda: write_report(store, out, today, 520))
        print(f"report written, 520 weeks:       {summary(t)}")
        script = str(Path(sys.executable).with_name("glute-tui"))
        cmd = [script, "report", "--db", str(db), "--weeks", "520", "--out", str(out)]
        proc = _timed(lambda: subprocess.run(cmd, check=True, capture_output=True), 5)
        print(f"`glute-tui report --weeks 520`:  {summary(proc)}  (target <= 2000 ms)")


if __name__ == "__main__":
    main()
