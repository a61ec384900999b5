"""Export the whole history (JSON or CSV) and import a JSON export back.

Import validates the entire file before writing anything, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from glute_tui.core.cues import clean, list_problem
from glute_tui.core.plan import Plan
from glute_tui.core.records import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    PHASE_FIELDS,
    RecordError,
    validate_assessment,
    validate_session,
)
from glute_tui.store import import_check as ic
from glute_tui.store.history import HistoryStore, StoreError

SESSION_CSV_FIELDS = (
    "session_id",
    "routine",
    "started_at",
    "ended_at",
    "status",
    "stop_reason",
    "pain_before",
    "pain_after",
    "effort",
)
# Columns added after the first version: appended at the end, so a sheet that reads the
# first columns by position keeps working. With these, a CSV row carries every field a
# JSON session and phase hold.
SESSION_CSV_MORE = (
    "pain_during",  # the peak pain noted during a session (p, or a stop for pain)
    "pain_next_morning",
    "pain_override",
    "active_s",
    "note",
    "resumed_from",
    "logged_later",
)
PHASE_CSV_MORE = ("phase_index", "paused_s", "ended_by", "rep_target", "paced", "load_kg")
CSV_HEADER = (*SESSION_CSV_FIELDS, *PHASE_FIELDS, *SESSION_CSV_MORE, *PHASE_CSV_MORE)
KV_KEYS = ("plan", "settings", "cues", "pauses", "day_notes")


def build_export(store: HistoryStore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "sessions": list(store.session_dicts()),
        "assessments": store.assessment_dicts(),
    }
    for key in KV_KEYS:
        value = store.kv(key)
        if value is not None:
            out[key] = value
    return out


def to_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _csv_rows(s: Mapping[str, Any]) -> Iterator[list[str]]:
    """One row per phase (a session without phases still gets one row)."""
    head = [s.get("id"), *(s.get(k) for k in SESSION_CSV_FIELDS[1:])]
    more = [s.get(k) for k in SESSION_CSV_MORE]
    phases = s["phases"] or [None]
    for i, p in enumerate(phases):
        cells = dict.fromkeys(PHASE_FIELDS) if p is None else p
        tail = [None if p is None else i, *(cells.get(k) for k in PHASE_CSV_MORE[1:])]
        yield _cells([*head, *(cells.get(k) for k in PHASE_FIELDS), *more, *tail])


def to_csv(data: Mapping[str, Any]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for s in data["sessions"]:
        writer.writerows(_csv_rows(s))
    return buf.getvalue()


def _cells(values: list[Any]) -> list[str]:
    return ["" if v is None else str(v) for v in values]


def render(data: Mapping[str, Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        return to_csv(data)
    raise ValueError(f"unknown format {fmt!r}")


def parse_export(raw: Any) -> dict[str, Any]:
    """Validate a decoded export completely; raise StoreError naming the first problem."""
    try:
        if not isinstance(raw, Mapping) or raw.get("format") != EXPORT_FORMAT:
            raise RecordError("not a glute-tui export (the 'format' field is missing or wrong)")
        if raw.get("version") != EXPORT_VERSION:
            raise RecordError(f"export version {raw.get('version')!r} is not supported")
        unknown = sorted(set(raw) - ic.TOP_KEYS)
        if unknown:
            raise RecordError(f"{unknown[0]}: is not a part of a glute-tui export")
        ic.check_every_value(raw)
        sessions = raw.get("sessions", [])
        assessments = raw.get("assessments", [])
        if not isinstance(sessions, list):
            raise RecordError("sessions: must be a list")
        if not isinstance(assessments, list):
            raise RecordError("assessments: must be a list")
        out: dict[str, Any] = {
            "sessions": [validate_session(s, f"sessions[{i}]") for i, s in enumerate(sessions)],
            "assessments": [
                validate_assessment(a, f"assessments[{i}]") for i, a in enumerate(assessments)
            ],
            "kv": {},
        }
        for i, s in enumerate(out["sessions"]):
            ic.check_session(s, f"sessions[{i}]")
        for i, a in enumerate(out["assessments"]):
            ic.check_assessment(a, f"assessments[{i}]")
        ic.check_unique(out["sessions"], "sessions")
        ic.check_unique(out["assessments"], "assessments")
        if "plan" in raw:
            try:
                Plan.from_dict(raw["plan"])
            except (ValueError, TypeError, AttributeError) as exc:
                raise RecordError(f"plan: {exc}") from None
            ic.check_plan(raw["plan"])
            out["kv"]["plan"] = raw["plan"]
        if "settings" in raw:
            if not isinstance(raw["settings"], Mapping):
                raise RecordError("settings: must be an object")
            ic.check_settings(raw["settings"])
            out["kv"]["settings"] = dict(raw["settings"])
        if "cues" in raw:
            cues = raw["cues"]
            if not isinstance(cues, Mapping) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v) for v in cues.values()
            ):
                raise RecordError("cues: must map exercise ids to lists of text")
            for ex_id, cue_list in cues.items():
                problem = list_problem(cue_list)
                if problem is not None:
                    raise RecordError(f"cues.{ex_id}: {problem.rstrip('.')}")
            out["kv"]["cues"] = {k: [clean(c) for c in v] for k, v in cues.items()}
        if "pauses" in raw:
            out["kv"]["pauses"] = _pauses(raw["pauses"])
        if "day_notes" in raw:
            out["kv"]["day_notes"] = _day_notes(raw["day_notes"])
        return out
    except RecordError as exc:
        raise StoreError(f"refused: {exc}; nothing was imported") from None


def _pauses(value: Any) -> list[dict[str, str]]:
    from datetime import date

    if not isinstance(value, list):
        raise RecordError("pauses: must be a list")
    out = []
    for i, p in enumerate(value):
        try:
            start = date.fromisoformat(p["start"])
            end = date.fromisoformat(p["end"])
        except (KeyError, TypeError, ValueError):
            raise RecordError(f"pauses[{i}]: needs start and end as YYYY-MM-DD") from None
        if set(p) != {"start", "end"}:
            raise RecordError(f"pauses[{i}]: holds only start and end")
        if end < start:
            raise RecordError(f"pauses[{i}]: end is before start")
        ic.check_pause_days(start, end, f"pauses[{i}]")
        out.append({"start": start.isoformat(), "end": end.isoformat()})
    return out


def _day_notes(value: Any) -> dict[str, str]:
    from datetime import date

    if not isinstance(value, Mapping):
        raise RecordError("day_notes: must map YYYY-MM-DD days to text")
    for day, text in value.items():
        try:
            date.fromisoformat(str(day))
        except ValueError:
            raise RecordError(f"day_notes.{day}: is not a YYYY-MM-DD day") from None
        if not isinstance(text, str):
            raise RecordError(f"day_notes.{day}: must be text")
        problem = ic.text_problem(text, ic.MAX_TEXT)
        if problem is not None:
            raise RecordError(f"day_notes.{day}: {problem}")
    return {str(k): v for k, v in value.items()}


def read_export_file(path: Path) -> dict[str, Any]:
    """Read and validate a whole export file; StoreError (one line) when it is refused.
    Only a regular file is opened (a FIFO or device is refused, never waited on)."""
    from glute_tui.store.files import (
        NotAFileError,
        StrictJSONError,
        read_regular_bytes,
        strict_loads,
    )

    try:
        data = read_regular_bytes(path)
    except FileNotFoundError:
        raise StoreError(f"refused: {path} does not exist; nothing was imported") from None
    except IsADirectoryError:
        raise StoreError(f"refused: {path} is a folder; nothing was imported") from None
    except NotAFileError as exc:
        raise StoreError(f"refused: {exc}; nothing was imported") from None
    except OSError as exc:
        raise StoreError(
            f"refused: cannot read {path} ({exc.strerror or exc}); nothing was imported"
        ) from None
    if path.suffix.lower() == ".csv" or data.lstrip(b"\xef\xbb\xbf").startswith(b"session_id,"):
        raise StoreError(
            f"refused: {path} is a CSV export; CSV is export-only, so import the JSON "
            "export (glute-tui export --format json); nothing was imported"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError(f"refused: {path} is not UTF-8 text; nothing was imported") from None
    try:
        raw = strict_loads(text)
    except StrictJSONError as exc:
        raise StoreError(f"refused: {path}: {exc}; nothing was imported") from None
    except ValueError as exc:
        raise StoreError(
            f"refused: {path} is not valid JSON (line {getattr(exc, 'lineno', '?')}); "
            "nothing was imported"
        ) from None
    return parse_export(raw)


def import_file(
    store: HistoryStore, path: Path, parsed: dict[str, Any] | None = None
) -> tuple[int, int]:
    """Merge a validated export (read from `path` unless given) in one commit."""
    if parsed is None:
        parsed = read_export_file(path)
    return store.merge(parsed["sessions"], parsed["assessments"], parsed["kv"])


def _indented(value: Any, level: int) -> str:
    """json.dumps(indent=1) of a value nested `level` deep (JSON text has no raw newlines)."""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace(
        "\n", "\n" + " " * level
    )


def stream_export(store: HistoryStore, fmt: str) -> Iterator[str]:
    """The export, piece by piece: byte for byte what render(build_export(store), fmt)
    gives, but holding one month of phases in memory at a time, not ten years."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for s in store.session_dicts():
            writer.writerows(_csv_rows(s))
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        return
    if fmt != "json":
        raise ValueError(f"unknown format {fmt!r}")
    top: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "assessments": store.assessment_dicts(),
        "sessions": None,  # streamed
    }
    for key in KV_KEYS:
        value = store.kv(key)
        if value is not None:
            top[key] = value
    yield "{\n"
    for i, key in enumerate(sorted(top)):
        yield (",\n" if i else "") + f" {json.dumps(key)}: "
        if key != "sessions":
            yield _indented(top[key], 1)
            continue
        count = 0
        for s in store.session_dicts():
            yield ("[\n" if count == 0 else ",\n") + "  " + _indented(s, 2)
            count += 1
        yield "\n ]" if count else "[]"
    yield "\n}\n"


def write_export(store: HistoryStore, fmt: str, out: Path) -> Path:
    """Write an export to `out` atomically; returns the absolute path written."""
    return save_user_file(out, stream_export(store, fmt))


def save_user_file(out: Path, chunks: Iterable[str]) -> Path:
    """Write a file the user named (an export, a cue set) atomically; StoreError in plain
    words when the name is a folder or the place cannot be written. Returns the full path."""
    from glute_tui.store.atomic import atomic_write_chunks

    try:
        out = out.resolve()  # a link names the file it points to: that file is replaced
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise StoreError(f"cannot write {out}: {exc}") from None
    if out.is_dir():
        raise StoreError(f"{out} is a folder; give a file name")
    if out.exists() and not out.is_file():
        # a pipe or a device: the atomic replace would put a regular file in its place
        raise StoreError(f"{out} is not a regular file; nothing was written")
    if not out.parent.is_dir():
        # a mistyped folder must not be created on the way (the export dialog refuses too)
        raise StoreError(f"the folder {out.parent} does not exist; nothing was written")
    try:
        atomic_write_chunks(out, chunks)
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out.resolve()
