"""Shared wording helpers: counts with the right plural, sentences that end once."""

from __future__ import annotations

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
