"""The cue editor's words: its help text and the routine names of the exercise list."""

from __future__ import annotations

from glute_tui.core.cues import MAX_CUES, MAX_LENGTH

ROUTINE_LABELS = {
    "hold": "Hold (isometric)",
    "relax": "Relax",
    "warmup": "Warm-up",
    "circuit": "Circuit",
    "bridge": "Bridge progression",
    "activation": "Activation",
    "strength": "Strength",
    "release": "Release",
}

HELP = (
    "Cues are the short lines the timers show while you work. Write them the way that "
    "makes sense to you (or to your physio). Your edits are saved at once in your own data "
    "file and a running timer picks them up straight away; the shipped cues are never "
    "changed, and r puts them back.\n\n"
    "**Moving around.** The left pane lists the exercises; the right pane shows the chosen "
    "one's cues, its default dose and evidence tier. `tab` (or `←`/`→`, `h`/`l`) switches "
    "pane, `↑`/`↓` or `j`/`k` move. `/` jumps to the filter box: type to narrow the list "
    "by name or routine, then `Enter`, `↓` or `tab` goes back to the list (`Escape` clears "
    "the filter). While the filter box has the cursor, letters type into it.\n\n"
    "**Editing.** `Enter` or `e` edits the highlighted cue in place: `Enter` saves, "
    "`Escape` cancels. `a` adds a cue at the end. `d` deletes one. `u` undoes the last "
    "change (an edit, an add, a delete, a move or a reset), one step at a time. "
    "`shift+↑`/`shift+↓` move a cue up or down. `r` resets the exercise to the "
    "shipped cues (it asks first).\n\n"
    f"**Rules.** A cue is 1 to {MAX_LENGTH} characters (spaces at either end do not "
    "count), on one line, with no tabs or invisible control characters; emoji and any "
    f"language are fine. An exercise holds 1 to {MAX_CUES} cues, and the same cue twice is "
    "refused. A cue that breaks a rule is not saved: the message says why and the edit "
    "stays open with what you typed.\n\n"
    "**Sharing.** `glute-tui cues export FILE` writes every cue to a JSON file; "
    "`glute-tui cues import FILE` checks the whole file and saves it only if all of it is "
    "fine."
)
