"""Cue rules: what a user-written cue may be, and the edits a cue list allows.

Pure functions on tuples of strings; the cue editor screen and `glute-tui cues import`
both use them, so the same words explain the same problem everywhere.

Decisions (the issue leaves these to us):
- A cue is cleaned before it is checked or stored: leading and trailing whitespace (any
  Unicode space, tab or newline) is trimmed and the text is put in Unicode NFC form, so an
  accented letter typed or pasted two ways is the same cue.
- Length is counted in Unicode code points after cleaning: 1 to MAX_LENGTH.
- No control characters inside a cue: categories Cc (tab, newline, escape, NUL...),
  Cs (lone surrogates), Zl/Zp (line and paragraph separators) and Cf (invisible format
  characters such as zero-width spaces and right-to-left overrides that make text read
  differently from how it looks). Three Cf exceptions keep real text and emoji whole:
  ZERO WIDTH JOINER and NON-JOINER (emoji sequences, Indic and Persian scripts) and the
  emoji tag characters U+E0020-U+E007F (subdivision flags). Emoji, accented letters and
  every script are fine.
- At most MAX_CUES cues an exercise and at least one (an empty list would silently fall
  back to the shipped cues, which is what reset is for).
- Duplicates are compared after cleaning and are case-sensitive ("exact duplicate").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glute_tui.core.words import plural, sentence

MAX_LENGTH = 120
MAX_CUES = 8
MIN_CUES = 1
FILE_FORMAT = "glute-tui-cues"
FILE_VERSION = 1

_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Cf", "Zl", "Zp"})
_ALLOWED_FORMAT_CHARS = frozenset({"\u200c", "\u200d"})


class CueError(ValueError):
    """A cue or cue list breaks a rule. The message is one plain sentence."""


def clean(text: str) -> str:
    """Trim surrounding whitespace and normalise to NFC (what is stored and compared)."""
    return unicodedata.normalize("NFC", text.strip())


def _refused(char: str) -> bool:
    if char in _ALLOWED_FORMAT_CHARS or 0xE0020 <= ord(char) <= 0xE007F:
        return False
    return unicodedata.category(char) in _REFUSED_CATEGORIES


def _describe(char: str) -> str:
    names = {"\t": "a tab", "\n": "a line break", "\r": "a line break", "\x1b": "an escape"}
    if char in names:
        return names[char]
    name = unicodedata.name(char, "")
    label = f"U+{ord(char):04X}" + (f" {name.lower()}" if name else "")
    return f"an invisible control character ({label})"


def tidy_paste(text: str) -> tuple[str, str]:
    """Make pasted text fit a one-line cue box: line breaks and tabs become spaces and
    other invisible control characters are dropped. Returns (text, what changed in plain
    words, or "" when nothing did). Typed text is never tidied, only checked."""
    text = text.replace("\r\n", "\n")
    breaks = sum(text.count(c) for c in "\n\r\u2028\u2029\x85")
    tabs = text.count("\t")
    out: list[str] = []
    dropped = 0
    for char in text:
        if char in "\n\r\t\u2028\u2029\x85":
            out.append(" ")
        elif _refused(char):
            dropped += 1
        else:
            out.append(char)
    notes = []
    if breaks:
        notes.append("line breaks became spaces" if breaks > 1 else "a line break became a space")
    if tabs:
        notes.append("tabs became spaces" if tabs > 1 else "a tab became a space")
    if dropped:
        notes.append(
            f"{dropped} invisible control characters were removed"
            if dropped > 1
            else "an invisible control character was removed"
        )
    return "".join(out), ("Pasted text: " + ", ".join(notes) + ".") if notes else ""


def cue_problem(text: str) -> str | None:
    """Why one cue (already cleaned or not) is not allowed, or None when it is fine."""
    cue = clean(text)
    if not cue:
        return "A cue needs some words: it cannot be empty or only spaces."
    if len(cue) > MAX_LENGTH:
        return (
            f"That cue is {len(cue)} characters; keep it to {MAX_LENGTH} "
            f"({len(cue) - MAX_LENGTH} too many)."
        )
    bad = next((c for c in cue if _refused(c)), None)
    if bad is not None:
        return f"A cue cannot hold {_describe(bad)}; keep it to one line of plain text."
    return None


def list_problem(cues: Sequence[str]) -> str | None:
    """Why a whole cue list is not allowed (each cue, count, duplicates), or None."""
    if len(cues) < MIN_CUES:
        return "An exercise needs at least one cue."
    if len(cues) > MAX_CUES:
        return f"An exercise holds at most {MAX_CUES} cues; this has {len(cues)}."
    seen: set[str] = set()
    for number, text in enumerate(cues, 1):
        problem = cue_problem(text)
        if problem is not None:
            return f"Cue {number}: {problem}"
        cue = clean(text)
        if cue in seen:
            return f"Cue {number}: “{cue}” is there twice."
        seen.add(cue)
    return None


# ---- edits: each returns the new list or raises CueError ---------------------------------
def _check_new(cues: Sequence[str], text: str, skip: int | None = None) -> str:
    problem = cue_problem(text)
    if problem is not None:
        raise CueError(problem)
    cue = clean(text)
    if any(clean(c) == cue for i, c in enumerate(cues) if i != skip):
        raise CueError("That cue is already in the list; an exact duplicate adds nothing.")
    return cue


def can_add(cues: Sequence[str]) -> str | None:
    """Why nothing more can be added, or None."""
    if len(cues) >= MAX_CUES:
        return f"This exercise already has {MAX_CUES} cues, the most it can hold. Delete one first."
    return None


def add(cues: Sequence[str], text: str, index: int | None = None) -> tuple[str, ...]:
    """Insert a cue (at the end unless `index` is given)."""
    full = can_add(cues)
    if full is not None:
        raise CueError(full)
    cue = _check_new(cues, text)
    out = list(cues)
    out.insert(len(out) if index is None else max(0, min(index, len(out))), cue)
    return tuple(out)


def replace(cues: Sequence[str], index: int, text: str) -> tuple[str, ...]:
    _index(cues, index)
    cue = _check_new(cues, text, skip=index)
    out = list(cues)
    out[index] = cue
    return tuple(out)


def delete(cues: Sequence[str], index: int) -> tuple[str, ...]:
    _index(cues, index)
    if len(cues) <= MIN_CUES:
        raise CueError(
            "An exercise keeps at least one cue. Edit this one instead, "
            "or press r to put back the shipped cues."
        )
    return tuple(c for i, c in enumerate(cues) if i != index)


def move(cues: Sequence[str], index: int, step: int) -> tuple[tuple[str, ...], int]:
    """Move a cue up (step -1) or down (+1); returns the list and the cue's new index.
    At either end nothing moves."""
    _index(cues, index)
    target = max(0, min(len(cues) - 1, index + step))
    out = list(cues)
    out.insert(target, out.pop(index))
    return tuple(out), target


# ---- undo: every change the editor makes can be walked back ------------------------------
@dataclass(frozen=True)
class CueChange:
    """One change to an exercise's cue list, as the editor made it. Undo puts `before`
    back, and only while the list still is `after` (nothing else changed it since)."""

    exercise_id: str
    kind: str  # "edit", "add", "delete", "move" or "reset"
    before: tuple[str, ...]
    after: tuple[str, ...]
    cursor: int  # the cue it was about, in `before`

    def done_message(self, name: str) -> str:
        """What the status line says once the change is made."""
        cue = self.before[self.cursor] if self.cursor < len(self.before) else ""
        if self.kind == "delete":
            return f"Deleted “{cue}” — u puts it back."
        if self.kind == "reset":
            return f"{name} uses the shipped cues again — u puts yours back."
        return ""

    def undone_message(self, name: str) -> str:
        """What the status line says once the change is undone."""
        cue = self.before[self.cursor] if self.cursor < len(self.before) else ""
        if self.kind == "delete":
            return sentence(f"Put back “{cue}”")
        if self.kind == "edit":
            return sentence(f"Edit undone: “{cue}” is back")
        if self.kind == "add":
            added = next((c for c in self.after if c not in self.before), "")
            return sentence(f"Took out “{added}” again")
        if self.kind == "move":
            return sentence(f"Move undone: “{cue}” is cue {self.cursor + 1} again")
        count = len(self.before)
        return f"Your {plural(count, 'cue')} for {name} {'is' if count == 1 else 'are'} back."


def undo(change: CueChange, now: Sequence[str]) -> tuple[str, ...]:
    """The list before `change`; CueError if the list changed since (undo would drop it)."""
    if tuple(now) != change.after:
        raise CueError("these cues changed since, so that step cannot be undone.")
    return change.before


def _index(cues: Sequence[str], index: int) -> None:
    if not 0 <= index < len(cues):
        raise CueError(f"There is no cue {index + 1}.")


# ---- sharing: the cue file -------------------------------------------------------------
def to_file(cues: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The JSON document `glute-tui cues export` writes."""
    return {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "cues": {ex: list(c) for ex, c in cues.items()},
    }


def parse_file(raw: Any, known_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Validate a decoded cue file completely. Returns {exercise id: cleaned cues}; raises
    CueError naming the first problem (the exercise and the cue number)."""
    if not isinstance(raw, Mapping) or raw.get("format") != FILE_FORMAT:
        raise CueError(f'not a glute-tui cue file (it needs "format": "{FILE_FORMAT}")')
    if raw.get("version") != FILE_VERSION:
        raise CueError(f"cue file version {raw.get('version')!r} is not supported")
    extra = sorted(set(raw) - {"format", "version", "cues"})
    if extra:
        raise CueError(f"unexpected field {extra[0]!r} (a cue file has format, version, cues)")
    sets = raw.get("cues")
    if not isinstance(sets, Mapping):
        raise CueError("'cues' must map exercise ids to lists of cues")
    if not sets:
        raise CueError("the file holds no cue sets")
    known = set(known_ids)
    out: dict[str, tuple[str, ...]] = {}
    for ex_id, cues in sets.items():
        if ex_id not in known:
            raise CueError(f"unknown exercise id {ex_id!r}")
        if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
            raise CueError(f"{ex_id}: must be a list of text")
        problem = list_problem(cues)
        if problem is not None:
            raise CueError(f"{ex_id}: {problem}")
        out[ex_id] = tuple(clean(c) for c in cues)
    return out
