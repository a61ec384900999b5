"""The cue editor's edits, undo and saving (a mixin of CuesScreen, see cues.py).

Saving: every change is shown at once (a local overlay) and written on the app's writer
thread. Writes for the same exercise may queue up, so each write saves the *latest* list
at the moment it runs (the writer runs them one at a time, in order, so no lock is
needed): the file ends with what the screen shows. A list equal to the shipped cues is
saved as "shipped" (None), so it follows future updates of the library.

Two windows: every save is a compare-and-set against what this window loaded
(HistoryStore.save_cues). When another window saved first, the save is refused, the list
reloads from the file, and what the user had typed or done stays in view.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Input, Static

from glute_tui.core import cues as rules
from glute_tui.core.cues import MAX_LENGTH, CueChange, CueError
from glute_tui.core.words import sentence
from glute_tui.store.history import StaleCues
from glute_tui.ui.access import GluteHost
from glute_tui.ui.widgets.cue_widgets import CueInput, CueList, CueRow

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

STALE = "Another window changed the cues for {name}, so this change was not saved."


def stale_hint(name: str, cues: tuple[str, ...], index: int) -> str:
    """The editor's message when the list changed under it: theirs is shown, yours kept."""
    theirs = " " + sentence(f"This cue is now “{cues[index]}”") if index < len(cues) else ""
    return STALE.format(name=name) + theirs + " Enter saves your text; Escape keeps theirs."


if TYPE_CHECKING:  # for mypy the mixin is the screen it is mixed into (cues.py)
    from textual.screen import Screen
    from textual.widget import Widget

    from glute_tui.core.library import Exercise, Library

    _Host = Screen[None]
else:
    _Host = object


class CueEditing(GluteHost, _Host):
    """Edits, undo and saving; the screen provides the widgets and rendering."""

    if TYPE_CHECKING:  # the screen's (cues.py)

        @property
        def library(self) -> Library: ...
        def cues_of(self, exercise_id: str) -> tuple[str, ...]: ...
        def is_edited(self, exercise_id: str) -> bool: ...
        def _exercise(self) -> Exercise | None: ...
        def _fill_list(self) -> None: ...
        def _render_exercise(self) -> None: ...
        def _render_rows(self, cues: tuple[str, ...]) -> None: ...
        def _current_cues(self) -> tuple[str, ...]: ...
        def _set_status(self, message: str, error: bool = False) -> None: ...
        def _refresh_keys(self) -> None: ...
        def _focus(self, widget: Widget) -> None: ...

    selected: str | None
    editing: int | None
    _error_for: str | None

    def _init_edits(self) -> None:
        self.undo_stack: list[CueChange] = []
        self._latest: dict[str, tuple[str, ...]] = {}
        self._base: dict[str, tuple[str, ...] | None] = {}
        self._stale: dict[str, tuple[str, ...]] = {}
        self._retype: dict[str, tuple[int, str] | None] = {}
        self._inflight: Counter[str] = Counter()
        self._edit_base: tuple[str, ...] | None = None

    # ---- editing -----------------------------------------------------------------------
    def _ready(self) -> bool:
        if self.selected is None:
            self._set_status("Pick an exercise first.", error=True)
            return False
        if self.glute().store is None:
            self._set_status("Your data is still loading; try again in a moment.", error=True)
            return False
        return True

    def action_edit(self) -> None:
        if not self._ready():
            return
        cues = self._current_cues()
        self._open_editor(self.cursor, cues[self.cursor] if cues else "")

    def action_add(self) -> None:
        if not self._ready():
            return
        # At 8 cues the editor still opens, and says at once that it is full (_show_hint):
        # whatever is typed next lands in it, not in the list as commands, and Enter
        # refuses it inline like any other rule.
        self._open_editor(len(self._current_cues()), "")

    def _save_edit(self, text: str) -> None:
        if self.editing is None or self.selected is None:
            return
        cues = self._current_cues()
        if self._edit_base is not None and cues != self._edit_base:
            # the list changed under the open editor (another window): keep the text open
            self._edit_base = cues
            self._show_hint(stale_hint(self.library[self.selected].name, cues, self.editing))
            return
        adding = self.editing >= len(cues)
        try:
            if adding:
                new = rules.add(cues, text)
            elif rules.clean(text) == cues[self.editing]:
                self._close_editor()  # nothing changed
                return
            else:
                new = rules.replace(cues, self.editing, text)
        except CueError as exc:
            self._show_hint(str(exc))  # the edit stays open with what was typed
            return
        index = self.editing
        if adding:
            self.cursor = len(new) - 1
        kind = "add" if adding else "edit"
        self._change(CueChange(self.selected, kind, cues, new, min(index, len(cues))), text)
        self._close_editor()

    def action_delete(self) -> None:
        if not self._ready() or self.selected is None:
            return
        cues = self._current_cues()
        try:
            new = rules.delete(cues, self.cursor)
        except CueError as exc:
            self._set_status(str(exc), error=True)
            return
        self._change(CueChange(self.selected, "delete", cues, new, self.cursor))
        self._render_exercise()

    def action_reorder(self, step: int) -> None:
        if not self._ready() or self.selected is None:
            return
        cues = self._current_cues()
        if not cues:
            return
        was = self.cursor
        new, self.cursor = rules.move(cues, self.cursor, step)
        if new != cues:
            self._change(CueChange(self.selected, "move", cues, new, was))
        self._render_exercise()

    def action_reset(self) -> None:
        ex = self._exercise()
        if ex is None or not self._ready():
            return
        if not self.is_edited(ex.id):
            self._set_status(f"{ex.name} already uses the shipped cues.")
            return
        from glute_tui.ui.dialogs.cues import reset_question

        def answered(yes: bool | None) -> None:
            if yes and self.is_attached:
                before = self.cues_of(ex.id)
                self.cursor = 0
                self._change(CueChange(ex.id, "reset", before, ex.cues, 0))
                self._fill_list()

        self.glute().push_screen(reset_question(ex, len(self.cues_of(ex.id))), answered)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self._set_status("Nothing to undo here.")
            return
        if not self._ready():
            return
        change: CueChange = self.undo_stack.pop()
        try:
            before = rules.undo(change, self.cues_of(change.exercise_id))
        except CueError as exc:
            self._set_status(f"Cannot undo: {exc}", error=True)
            return
        if change.exercise_id != self.selected:
            self.query_one("#cue-filter", Input).value = ""
            self.selected = change.exercise_id
        self.cursor = min(change.cursor, len(before) - 1)
        self._save(change.exercise_id, before)
        self._set_status(change.undone_message(self.library[change.exercise_id].name))
        self._fill_list()

    def _change(self, change: CueChange, typed: str | None = None) -> None:
        """Make a change: remember it for undo, show it, save it."""
        self.undo_stack.append(change)
        retype = None if typed is None else (change.cursor, typed)
        self._save(change.exercise_id, change.after, retype)
        self._set_status(change.done_message(self.library[change.exercise_id].name))

    # ---- the editor ----------------------------------------------------------------------
    def _open_editor(self, index: int, text: str) -> None:
        cue_list = self.query_one("#cue-list", CueList)
        row = self.query_one(f"#cue-row-{index}", CueRow)
        editor = row.query_one(CueInput)
        message = self.query_one("#cue-message", Static)
        self.editing = index
        self._edit_base = self._current_cues()
        self._set_status("")
        self.query_one("#cues-left").disabled = True
        cue_list.move_child(message, after=row)
        editor.paste_note = ""
        self._error_for = None
        editor.value = text
        editor.cursor_position = len(text)
        message.display = True
        self._render_rows(self._current_cues())
        self._focus(editor)
        self._show_hint()
        self._refresh_keys()
        self.call_after_refresh(editor.scroll_visible, animate=False)

    def _show_hint(self, error: str | None = None) -> None:
        message = self.query_one("#cue-message", Static)
        editor = self.editor()
        if error is not None:
            message.update(Content(error))
            message.add_class("-error")
            self._error_for = editor.value if editor is not None else None
            return
        if editor is not None and editor.value == self._error_for:
            return  # a late Changed for the text that was just refused: keep the message
        self._error_for = None
        length = len(rules.clean(editor.value)) if editor is not None else 0
        adding = self.editing is not None and self.editing >= len(self._current_cues())
        full = rules.can_add(self._current_cues()) if adding else None
        if full is not None:
            message.update(Content(f"{full} Escape cancels."))
            message.add_class("-error")
            return
        verb = "adds it" if adding else "saves"
        over = " — too long" if length > MAX_LENGTH else ""
        note = f"\n{editor.paste_note}" if editor is not None and editor.paste_note else ""
        message.update(
            Content(f"Enter {verb} · Escape cancels · {length}/{MAX_LENGTH}{over}{note}")
        )
        message.set_class(length > MAX_LENGTH, "-error")

    def editor(self) -> CueInput | None:
        """The open editor, if a cue is being edited."""
        if self.editing is None:
            return None
        editor: CueInput = self.query_one(f"#cue-input-{self.editing}", CueInput)
        return editor

    def _close_editor(self) -> None:
        self.editing = None
        self._edit_base = None
        for editor in self.query(CueInput):
            editor.display = False
        self.query_one("#cue-message").display = False
        self.query_one("#cue-message").remove_class("-error")
        self.query_one("#cues-left").disabled = False
        self._focus(self.query_one("#cue-list"))
        self._render_exercise()
        self._refresh_keys()

    def action_cancel_edit(self) -> None:
        if self.editing is not None:
            self._close_editor()

    # ---- saving ------------------------------------------------------------------------
    def _stored(self, ex_id: str) -> tuple[str, ...] | None:
        """What the file held for the exercise when this window last read it."""
        custom = self.glute().loaded_store.cue_overrides().get(ex_id)
        return tuple(custom) if custom is not None else None

    def _save(
        self, ex_id: str, new: tuple[str, ...], retype: tuple[int, str] | None = None
    ) -> None:
        shipped = self.library[ex_id].cues
        if not self._inflight[ex_id]:
            self._base[ex_id] = self._stored(ex_id)
        self._latest[ex_id] = tuple(new)
        self._retype[ex_id] = retype
        self._inflight[ex_id] += 1
        latest, base = self._latest, self._base

        def change(store: HistoryStore) -> StaleCues | None:
            current = latest.get(ex_id)
            if current is None:
                return None  # a newer write already saved and cleared it
            value = None if current == shipped else current
            try:
                store.save_cues(ex_id, value, expected=base.get(ex_id))
            except StaleCues as exc:
                return exc
            base[ex_id] = value
            return None

        self.glute().write(
            change,
            on_done=lambda result: self._saved(ex_id, result),
            on_error=lambda message: self._save_failed(ex_id, message),
        )
        self._fill_list()

    def _finish(self, ex_id: str) -> bool:
        """One write for the exercise is done; True when it was the last one queued."""
        self._inflight[ex_id] -= 1
        if self._inflight[ex_id] > 0:
            return False
        del self._inflight[ex_id]
        self._latest.pop(ex_id, None)
        self._base.pop(ex_id, None)
        return True

    def _saved(self, ex_id: str, result: object) -> None:
        if isinstance(result, StaleCues) and ex_id in self._latest:
            self._stale[ex_id] = self._latest[ex_id]
        if not self._finish(ex_id):
            return
        mine = self._stale.pop(ex_id, None)
        retype = self._retype.pop(ex_id, None)
        if mine is not None:
            self._refused(ex_id, mine, retype)
        elif self.is_attached:
            self._fill_list()

    def _refused(self, ex_id: str, mine: tuple[str, ...], retype: tuple[int, str] | None) -> None:
        """A stale save: the list shows the file; what the user did stays in view."""
        self.undo_stack = [c for c in self.undo_stack if c.exercise_id != ex_id]
        if not self.is_attached:
            return
        name = self.library[ex_id].name
        if ex_id != self.selected:
            self.query_one("#cue-filter", Input).value = ""
            self.selected = ex_id
        self._fill_list()
        if retype is not None and self.editing is None:
            index, text = retype
            cues = self._current_cues()
            self._open_editor(min(index, len(cues)), text)
            self._show_hint(stale_hint(name, cues, min(index, len(cues))))
            return
        yours = " · ".join(f"“{c}”" for c in mine)
        self._set_status(
            STALE.format(name=name) + f" The list shows theirs now. Yours was: {yours}",
            error=True,
        )

    def _save_failed(self, ex_id: str, message: str) -> None:
        self._retype.pop(ex_id, None)
        if not self._finish(ex_id):
            return
        self._stale.pop(ex_id, None)
        if self.is_attached:
            self._set_status(
                f"Could not save: {message}. The list shows what is saved.", error=True
            )
            self._fill_list()
