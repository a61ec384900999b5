"""The words of a spoken cue, built from what the live screen shows (its PhaseView):
the banner word, where ("LEFT glute, prone"), the counts ("rep 10/10 · position 3/3")
and what comes next. No routine needs words of its own. Pure: no I/O.
"""

from __future__ import annotations

import re

_SIDE = re.compile(r"\b(left|right)\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(rep|set|round|position)\s+(\d+)\s*(?:/|of)\s*(\d+)", re.IGNORECASE)
#: words of `where` that the side or the banner already says
_FILLER = re.compile(
    r"(?<![\w-])(other side|new position|left|right|both|glutes?|sides?|first|only)(?![\w-]):?",
    re.IGNORECASE,
)
WORK_KINDS = ("hold", "work")
REST_KINDS = ("rest", "round_rest")
CHANGE_KINDS = ("switch", "transition", "prepare")


def side_of(where: str) -> str | None:
    m = _SIDE.search(where or "")
    return m.group(1).lower() if m else None


def counts_of(counts: str) -> dict[str, tuple[int, int]]:
    """{"rep": (4, 10), "round": (2, 3)} from "rep 4/10 · round 2/3" (first of each)."""
    out: dict[str, tuple[int, int]] = {}
    for word, n, total in _COUNT.findall(counts or ""):
        out.setdefault(word.lower(), (int(n), int(total)))
    return out


def place_of(where: str) -> str:
    """What is left of `where` once the side and filler words are gone: "Prone"."""
    text = _FILLER.sub(" ", where or "")
    parts = [p.strip(" .,:;-—–·") for p in re.split(r"[,—–·:]", text)]
    words = [p for p in parts if p]
    place = " ".join(" ".join(words).split())
    return place[:1].upper() + place[1:] if place else ""


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def phrase_for(
    banner: str,
    where: str,
    counts: str,
    next: str | None,
    event_kind: str,
    *,
    new_round: bool = False,
) -> str:
    """A short phrase for the start of a phase of kind `event_kind`.

    "Left side. Prone. Hold." for a hold, "Rest." for a rest, "Switch to the right." for
    a change of side, "Round 2 of 3." when `new_round`, "Last one." on the last rep.
    """
    side = side_of(where)
    place = place_of(where)
    numbers = counts_of(counts)
    parts: list[str] = []
    if new_round and "round" in numbers:
        n, total = numbers["round"]
        parts.append("Last round." if n == total and total > 1 else f"Round {n} of {total}.")
    word = banner.strip().capitalize() if banner else ""
    if event_kind in WORK_KINDS:
        if side:
            parts.append(f"{side.capitalize()} side.")
        if place:
            parts.append(_sentence(place))
        parts.append(_sentence(word or "Go"))
        for key in ("rep", "set"):
            if key in numbers:
                n, total = numbers[key]
                if n == total and total > 1:
                    parts.append("Last one.")
                break
    elif event_kind in REST_KINDS:
        parts.append(_sentence(word or "Rest"))
        if event_kind == "round_rest" and next:
            parts.append(_sentence(f"Next: {next}"))
    elif event_kind == "switch":
        parts.append(f"Switch to the {side}." if side else "Switch sides.")
    elif event_kind == "transition":
        if place:
            parts.append(_sentence(f"Next, {place.lower()}"))
        if side:
            parts.append(f"{side.capitalize()} side.")
    elif event_kind == "prepare":
        parts.append(_sentence(word or "Get ready"))
        if side:
            parts.append(f"{side.capitalize()} side first.")
        if place:
            parts.append(_sentence(place))
    else:
        parts.append(_sentence(word))
    return " ".join(p for p in parts if p)
