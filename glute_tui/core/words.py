"""The words the app shows for stored ids and counts, in one place.

Human words for the ids stored in the history (routines, phase kinds, why a phase or a
session ended) for every screen, the report and the CSV-reading user; counts with the right
plural; sentences that end once. `routine_ids()` is the one place the history, the report
and the reminders get the list of routines from.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_ENDS = ".!?…"
_CLOSERS = "”’\"')]»"


def plural(n: int, word: str, many: str | None = None, *, grouped: bool = False) -> str:
    """`1 assessment`, `2 assessments`, `0 assessments` (`many` for irregular words;
    `grouped` writes 1,234 with thousands separators)."""
    count = f"{n:,}" if grouped else str(n)
    return f"{count} {word if n == 1 else (many if many is not None else word + 's')}"


def sentence(text: str) -> str:
    """End `text` with a full stop, unless it already ends a sentence, also when the end
    is inside closing quotes: `Put back “Knees soft.”` stays as it is."""
    core = text.rstrip().rstrip(_CLOSERS)
    if not core or core[-1] in _ENDS:
        return text.rstrip()
    return text.rstrip() + "."


PHASE_WORDS = {
    "prepare": "get ready",
    "hold": "hold",
    "rest": "rest",
    "work": "work",
    "switch": "switch side",
    "transition": "change position",
    "round_rest": "rest between rounds",
}
END_WORDS = {  # PhaseRecord.ended_by
    "planned": "time up",
    "skipped": "skipped",
    "ready": "ready early",
    "glutes_stopped": "glutes stopped",
    "stopped": "session stopped",
    "out_of_time": "daily cap reached",
}
STOP_WORDS = {  # a session's stop_reason
    "planned_end": "planned end",
    "glutes_stopped": "glutes stopped",
    "form_lost": "form lost",
    "pain": "pain",
    "out_of_time": "daily cap reached",
    "quit": "stopped early",
    "interrupted": "interrupted",
}
STATUS_WORDS = {
    "completed": "completed",
    "stopped": "stopped",
    "interrupted": "interrupted",
}
SIDE_WORDS = {"left": "left", "right": "right", "both": "both sides"}


def routine_ids() -> tuple[str, ...]:
    """Every routine a session can belong to, in the order screens list them: the routine
    catalogue's (core/routines/catalogue.py, which imports no routine module)."""
    from glute_tui.core.routines.catalogue import IDS

    return IDS


@cache
def _titles() -> dict[str, str]:
    from glute_tui.core.routines.catalogue import CATALOGUE

    return {r.id: r.title for r in CATALOGUE}


def _lower_first(text: str) -> str:
    """'Hold timer' -> 'hold timer' for running text; an acronym ('LSI test') stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def routine_words() -> dict[str, str]:
    """{routine id: its title in running text}, for every routine in the registry."""
    return {rid: _lower_first(title) for rid, title in _titles().items()}


def __getattr__(name: str) -> Any:  # ROUTINE_WORDS: built from the registry on first use
    if name == "ROUTINE_WORDS":
        return routine_words()
    raise AttributeError(name)


def _word(table: dict[str, str], value: object) -> str:
    if value is None or value == "":
        return ""
    text = str(value)
    return table.get(text, text.replace("_", " "))


def routine_word(value: object) -> str:
    """A routine id in running text: its title, first letter small ('contract & relax')."""
    return _word(routine_words(), value)


def routine_title(value: object) -> str:
    """A routine id as a label or heading: its registry title ('Contract & relax'); an id
    the registry does not know reads with spaces and a capital."""
    if value is None or value == "":
        return ""
    text = str(value)
    return _titles().get(text) or text.replace("_", " ").capitalize()


def phase_word(value: object) -> str:
    return _word(PHASE_WORDS, value)


def end_word(value: object) -> str:
    return _word(END_WORDS, value)


def stop_word(value: object) -> str:
    return _word(STOP_WORDS, value)


def status_word(value: object) -> str:
    return _word(STATUS_WORDS, value)


def side_word(value: object) -> str:
    return _word(SIDE_WORDS, value)
