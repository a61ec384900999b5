"""Seeded fuzz of `import` and `cues import`: mutations of a real export.

For each mutation: no traceback; refused => every file byte-identical; accepted => the
store opens and re-exports exactly what was imported (modulo ordering).
"""

from __future__ import annotations

import copy
import io
import json
import random
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from glute_tui.cli import main
from glute_tui.store import shipped
from glute_tui.store.export import build_export, to_json
from glute_tui.store.history import HistoryStore
from tests.store.test_edges import _session, snapshot

SEED = 20261201
MUTATIONS = 500
CUE_MUTATIONS = 100


def _real_export(tmp: Path) -> dict[str, Any]:
    from datetime import datetime

    from glute_tui.core.demo import generate

    demo = generate(
        shipped.library(), shipped.protocols(), years=0.03, seed=4, now=datetime.now().astimezone()
    )
    store = HistoryStore.open(tmp / "src" / "h.json")
    store.merge(demo.sessions, demo.assessments, {"plan": demo.plan.to_dict(), "pauses": []})
    store.set_setting("hold_reps", 8)
    store.set_cues("bird_dog", ["Long spine", "Reach long"])
    return json.loads(to_json(build_export(store)))


def _places(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                out.append((item, k))
                stack.append(v)
        elif isinstance(item, list):
            for i, v in enumerate(item):
                out.append((item, i))
                stack.append(v)
    return out


WRONG = [None, True, "x", [], {}, -1, 0, 1e308, 5e-324, 10**30, "", "2026-13-45"]
NASTY = ["\x07", "\u202e", "\u200b", "\x1b[31m", "\n", "\u2028", "\ufeff"]


def _mutate(rng: random.Random, base: dict[str, Any]) -> str:
    """One mutated export, as the text of a file."""
    data = copy.deepcopy(base)
    places = _places(data, [])
    kind = rng.randrange(16)
    sessions = data.get("sessions") if isinstance(data.get("sessions"), list) else []
    container, key = rng.choice(places)
    if kind == 0 and isinstance(container, dict):
        del container[key]
    elif kind in (0, 1):
        container[key] = rng.choice(WRONG)
    elif kind == 2:  # non-finite tokens
        token = rng.choice(["NaN", "Infinity", "-Infinity"])
        container[key] = "@@TOKEN@@"
        return json.dumps(data).replace('"@@TOKEN@@"', token)
    elif kind == 3:  # huge and tiny numbers (1e400 parses to infinity)
        container[key] = "@@N@@"
        return json.dumps(data).replace(
            '"@@N@@"', rng.choice(["1e400", "-1e400", "1e-400", "9" * 40])
        )
    elif kind == 4 and len(sessions) > 1:  # duplicate ids
        sessions[1]["id"] = sessions[0]["id"]
    elif kind == 5:  # control, format and bidi characters in text
        strings = [(c, k) for c, k in places if isinstance(c[k], str)]
        c, k = rng.choice(strings)
        c[k] = c[k] + rng.choice(NASTY)
    elif kind == 6:  # lone surrogate
        strings = [(c, k) for c, k in places if isinstance(c[k], str)]
        c, k = rng.choice(strings)
        c[k] = "@@S@@"
        return json.dumps(data).replace('"@@S@@"', '"a\\ud800b"')
    elif kind == 7:  # long strings
        strings = [(c, k) for c, k in places if isinstance(c[k], str)]
        c, k = rng.choice(strings)
        c[k] = "x" * rng.choice([65, 2001, 100_000])
    elif kind == 8:  # deep nesting
        depth = rng.choice([40, 990, 5000])
        container[key] = "@@D@@"
        return json.dumps(data).replace('"@@D@@"', "[" * depth + "]" * depth)
    elif kind == 9:  # duplicate keys
        text = json.dumps(data)
        at = text.find('"id": ', rng.randrange(len(text) // 2))
        return text if at < 0 else text[:at] + '"id": "twin", ' + text[at:]
    elif kind == 10 and sessions:  # times out of their session
        s = rng.choice(sessions)
        if s["phases"]:
            p = rng.choice(s["phases"])
            field = rng.choice(["paused_s", "start_s", "end_s", "planned_s"])
            p[field] = rng.choice([1e9, -0.5, p["end_s"] + 1e5, 1e-9])
    elif kind == 11 and sessions:  # dates
        s = rng.choice(sessions)
        year = rng.choice([1999, 1970, 2100, 9999])
        s[rng.choice(["started_at", "ended_at"])] = f"{year}-01-01T08:00:00+00:00"
    elif kind == 12:  # settings outside the app's bounds
        data["settings"] = {
            rng.choice(["hold_reps", "hold_s", "hold_rest_s"]): rng.choice(
                [10**9, -1, 0, 0.5, True, "10"]
            )
        }
    elif kind == 13 and sessions:  # unknown phase kind / unknown field
        s = rng.choice(sessions)
        if s["phases"]:
            rng.choice(s["phases"])["kind"] = rng.choice(["jump", "", "HOLD"])
        else:
            s["weird"] = {"deep": [1]}
    elif kind == 14:  # harmless: a reordering
        rng.shuffle(sessions)
    return json.dumps(data, ensure_ascii=rng.random() < 0.5)


def _run(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(args)
    return code, err.getvalue()


def _key(items: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(i, sort_keys=True) for i in items)


def test_import_fuzz(tmp_path: Path) -> None:
    base = _real_export(tmp_path)
    template = tmp_path / "template"
    HistoryStore.open(template / "h.json").add_session(_session("already-here", n=1))
    rng = random.Random(SEED)
    counts = {"accepted": 0, "refused": 0, "tracebacks": 0, "partial writes": 0, "lies": 0}
    problems: list[str] = []
    for i in range(MUTATIONS):
        text = _mutate(rng, base)
        src = tmp_path / f"m{i}.json"
        src.write_text(text, encoding="utf-8", errors="surrogatepass")
        work = tmp_path / "work"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(template, work)
        before = snapshot(work)
        try:
            code, err = _run(["--db", str(work / "h.json"), "import", str(src)])
        except BaseException as exc:
            counts["tracebacks"] += 1
            problems.append(f"{i}: {type(exc).__name__}: {exc}"[:300])
            continue
        if code != 0:
            counts["refused"] += 1
            if snapshot(work) != before:
                counts["partial writes"] += 1
                problems.append(f"{i}: refused but files changed: {err.strip()}")
            if len(err.strip().splitlines()) != 1:
                problems.append(f"{i}: not one line: {err!r}"[:300])
            continue
        counts["accepted"] += 1
        raw = json.loads(text)
        out = build_export(HistoryStore.open(work / "h.json"))
        got = [s for s in out["sessions"] if s["id"] != "already-here"]
        if _key(got) != _key(raw.get("sessions", [])) or _key(out["assessments"]) != _key(
            raw.get("assessments", [])
        ):
            counts["lies"] += 1
            problems.append(f"{i}: accepted, but the re-export differs")
    print(f"import fuzz ({MUTATIONS} mutations, seed {SEED}): {counts}")
    assert counts["accepted"] > 0 and counts["refused"] > 0
    assert not problems, "\n".join(problems[:20])


def test_cues_import_fuzz(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    HistoryStore.open(db).set_cues("bird_dog", ["Long spine", "Reach long"])
    cue_file = tmp_path / "cues.json"
    assert _run(["--db", str(db), "cues", "export", str(cue_file)])[0] == 0
    base = json.loads(cue_file.read_text())
    rng = random.Random(SEED + 1)
    counts = {"accepted": 0, "refused": 0, "tracebacks": 0, "partial writes": 0}
    problems: list[str] = []
    for i in range(CUE_MUTATIONS):
        text = _mutate(rng, base)
        src = tmp_path / f"c{i}.json"
        src.write_text(text, encoding="utf-8", errors="surrogatepass")
        work = tmp_path / "data"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        shutil.copy(db, work / "h.json")
        before = snapshot(work)
        try:
            code, _ = _run(["--db", str(work / "h.json"), "cues", "import", str(src)])
        except BaseException as exc:
            counts["tracebacks"] += 1
            problems.append(f"{i}: {type(exc).__name__}: {exc}"[:300])
            continue
        if code != 0:
            counts["refused"] += 1
            if snapshot(work) != before:
                counts["partial writes"] += 1
                problems.append(f"{i}: refused but files changed")
            continue
        counts["accepted"] += 1
        HistoryStore.open(work / "h.json").cue_overrides()
    print(f"cues import fuzz ({CUE_MUTATIONS} mutations): {counts}")
    assert counts["refused"] > 0
    assert not problems, "\n".join(problems[:20])
