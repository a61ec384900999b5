"""The cue editor: word the timer cues your own way, keyboard only.

Left: the exercises (filter as you type in the box above them). Right: the chosen
exercise's cues, its default dose and evidence tier. The rules live in core/cues.py; this
screen only shows them and asks the store to save.

Saving: every change is shown at once (a local overlay) and written on a worker thread.
Writes for the same exercise may overlap, so each write takes the screen's write lock and
saves the *latest* list at the moment it runs: whatever order the threads run in, the file
ends with what the screen shows. A list equal to the shipped cues is saved as "shipped"
(None), so it follows future updates of the library.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core import cues as rules
from glute_tui.core.cues import MAX_CUES, MAX_LENGTH, CueError
from glute_tui.core.library import Exercise

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

#: actions that only make sense with the cue pane focused
CUE_ACTIONS = {"delete", "reorder"}
#: actions that are hidden while a cue is being edited or the filter has focus
EDIT_HIDDEN = {"move", "edit", "add", "delete", "undo", "reorder", "reset", "pane", "filter"}

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
    "`Escape` cancels. `a` adds a cue at the end. `d` deletes one and `u` undoes the last "
    "delete. `shift+↑`/`shift+↓` move a cue up or down. `r` resets the exercise to the "
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


class CueFilter(Input):
    """The filter box. Escape clears it and returns to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "To the list", key_display="⏎"),
        Binding("escape", "screen.leave_filter", "Clear", key_display="esc"),
        Binding("down", "screen.leave_filter(False)", "To the list", show=False),
        Binding("tab", "screen.leave_filter(False)", "To the list", show=False),
    ]


class CueInput(Input):
    """The in-place editor for one cue. Enter saves, Escape cancels; tab stays put so a
    half-typed cue is never left behind by accident."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save", key_display="⏎"),
        Binding("escape", "screen.cancel_edit", "Cancel", key_display="esc"),
        Binding("tab,shift+tab", "stay", "", show=False),
        Binding("up,down", "stay", "", show=False),
    ]

    paste_note = ""

    def action_stay(self) -> None:
        """Keys that would move focus or the list while editing do nothing."""

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a cue box takes all of it, tidied
        # to one line, and says what changed (core.cues.tidy_paste).
        event.stop()
        event.prevent_default()  # Input's own paste handler must not run as well
        text, self.paste_note = rules.tidy_paste(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


class _HandsOnKeys:
    """Keep a fast burst of keys in order.

    Textual forwards every key to the widget focused when the key *arrives*, and runs
    bindings only after the key has bubbled up to the app. In a burst (keystrokes pasted
    into a terminal without bracketed paste, automation, a very quick typist) `a` +
    "Ribs down" + Enter would all reach the list before `a` has opened the editor, so
    the letters would run as commands, and commands could run out of order. So a list
    runs its key's binding here, in turn, and once a text box has taken focus it hands
    the rest of the burst to that box (CuesScreen.hand_key).
    """

    async def on_key(self, event: events.Key) -> None:
        screen: Any = self.screen  # type: ignore[attr-defined]
        focused = screen.focused
        if focused is not self and isinstance(focused, Input):
            event.stop()
            event.prevent_default()
            await screen.hand_key(focused, event)
        elif await screen.app._check_bindings(event.key):  # pinned Textual: private API
            event.stop()
            event.prevent_default()


class CueList(_HandsOnKeys, Vertical, can_focus=True):
    """The focusable cue pane: rows of cues and, while editing, the editor in place."""


class ExerciseList(_HandsOnKeys, OptionList):
    """The exercise list (an OptionList that keeps key bursts in order, see _HandsOnKeys)."""


class CueRow(Horizontal):
    """One cue: its number, its text, and (hidden until edited) its editor."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"cue-row-{index}", classes="cue-row")
        self.index = index
        self.text: str | None = None  # what the row shows, to skip needless updates


def _set_class(widget: Widget, add: bool, name: str) -> None:
    """set_class restyles the subtree even when nothing changes; skip that."""
    if widget.has_class(name) != add:
        widget.set_class(add, name)


class CuesScreen(Screen[None]):
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        # Footer order: the most used first. Hidden twins carry the other keys of an action.
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("enter,e", "edit", "Edit", key_display="e"),
        Binding("a", "add", "Add"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
        Binding("shift+up", "reorder(-1)", "Reorder", key_display="⇧↑↓"),  # ⇧↑ in help
        Binding("shift+down", "reorder(1)", "Reorder: down", show=False, key_display="⇧↓"),
        Binding("r", "reset", "Reset"),
        Binding("tab,shift+tab", "pane", "Pane", key_display="tab"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("down,j", "move(1)", "Next", show=False, key_display="↓ j"),
        Binding("up,k", "move(-1)", "Previous", show=False, key_display="↑ k"),
        Binding("right,l", "pane('cues')", "Cue pane", show=False, key_display="→ l"),
        Binding("left,h", "pane('list')", "Exercise pane", show=False, key_display="← h"),
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("t", "app.toggle_theme", "Theme", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None
        self.cursor = 0
        self.editing: int | None = None  # index being edited; == len(cues) when adding
        self.undo_stack: list[tuple[str, int, str]] = []
        self._latest: dict[str, tuple[str, ...]] = {}
        self._inflight: Counter[str] = Counter()
        self._write_lock = threading.Lock()
        self._keys_state: tuple[object, ...] = ()
        self._error_for: str | None = None  # the editor text the shown error is about

    # ---- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="cues-body"):
            with Vertical(id="cues-left"):
                yield CueFilter(placeholder="/ filter by name", id="cue-filter", compact=True)
                yield ExerciseList(id="cue-exercises")
            with VerticalScroll(id="cues-right"):
                yield Static("", id="cue-title")
                yield Static("", id="cue-meta", classes="dim")
                yield Static("", id="cue-heading")
                with CueList(id="cue-list"):
                    for i in range(MAX_CUES + 1):
                        # children yielded here, in the screen's compose, so they exist
                        # by the time on_mount renders the rows
                        with CueRow(i):
                            yield Static(f"{i + 1:>2}", classes="cue-num")
                            yield Static("", classes="cue-text")
                            yield CueInput(
                                id=f"cue-input-{i}",
                                classes="cue-input",
                                select_on_focus=False,
                                compact=True,
                            )
                    yield Static("", id="cue-message")
                yield Static("", id="cue-status")
        yield Footer(compact=True, show_command_palette=False)

    @property
    def library(self) -> Any:
        return self.app.library  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        for editor in self.query(CueInput):
            editor.display = False
        self.query_one("#cue-message").display = False
        first = next(iter(self.library), None)
        self.selected = first.id if first is not None else None
        self._fill_list()
        self._focus(self.query_one("#cue-exercises"))
        self.watch(self.app, "store_version", self._store_changed)

    # ---- data --------------------------------------------------------------------------
    def cues_of(self, exercise_id: str) -> tuple[str, ...]:
        latest = self._latest.get(exercise_id)
        if latest is not None:
            return latest
        return tuple(self.app.cues_for(exercise_id))  # type: ignore[attr-defined]

    def is_edited(self, exercise_id: str) -> bool:
        return self.cues_of(exercise_id) != self.library[exercise_id].cues

    def _exercise(self) -> Exercise | None:
        return self.library.get(self.selected) if self.selected else None

    def _store_changed(self, _: int = 0) -> None:
        self._fill_list()

    # ---- the exercise list ---------------------------------------------------------------
    def _matches(self, ex: Exercise, words: list[str]) -> bool:
        hay = f"{ex.name} {ex.routine} {ROUTINE_LABELS.get(ex.routine, '')}".lower()
        return all(w in hay for w in words)

    def _fill_list(self) -> None:
        option_list = self.query_one("#cue-exercises", OptionList)
        words = self.query_one("#cue-filter", Input).value.lower().split()
        shown = [ex for ex in self.library if self._matches(ex, words)]
        options: list[Option] = []
        routine = None
        for ex in shown:
            if ex.routine != routine:
                routine = ex.routine
                options.append(
                    Option(
                        Text(
                            ROUTINE_LABELS.get(routine, routine),
                            style="bold",
                            no_wrap=True,
                            overflow="ellipsis",
                        ),
                        id=f"routine:{routine}",
                        disabled=True,
                    )
                )
            label = Text(f"  {ex.name}", no_wrap=True, overflow="ellipsis")
            if self.is_edited(ex.id):
                label = Text.assemble(("✎ ", "bold"), ex.name, no_wrap=True, overflow="ellipsis")
            options.append(Option(label, id=ex.id))
        option_list.clear_options()
        option_list.add_options(options)
        ids = [ex.id for ex in shown]
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
            self.cursor = 0
        if self.selected is not None:
            option_list.highlighted = option_list.get_option_index(self.selected)
        self._render_exercise()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "cue-filter":
            self._fill_list()
        elif isinstance(event.input, CueInput) and self.editing is not None:
            self._show_hint()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        ex_id = event.option.id
        if ex_id and ex_id != self.selected and ex_id in self.library:
            self.selected = ex_id
            self.cursor = 0
            self._set_status("")
            self._render_exercise()

    def on_click(self, event: events.Click) -> None:
        """A click on a cue picks it (the keyboard does everything; the mouse may help)."""
        if self.editing is not None or event.widget is None:
            return
        row = next((w for w in event.widget.ancestors_with_self if isinstance(w, CueRow)), None)
        if row is not None and row.index < len(self._current_cues()):
            self.cursor = row.index
            self._focus(self.query_one("#cue-list"))
            self._render_rows(self._current_cues())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._focus(self.query_one("#cue-list"))

    # ---- the cue pane --------------------------------------------------------------------
    def _render_exercise(self) -> None:
        ex = self._exercise()
        title = self.query_one("#cue-title", Static)
        meta = self.query_one("#cue-meta", Static)
        heading = self.query_one("#cue-heading", Static)
        if ex is None:
            text = self.query_one("#cue-filter", Input).value
            title.update(Content(f"No exercise matches “{text.strip()}”."))
            meta.update("Escape in the filter box clears it.")
            heading.update("")
            self._render_rows(())
            return
        title.update(Content.from_rich_text(Text(ex.name, style="bold")))
        side = "each side" if ex.per_side else "both sides together"
        routine = ROUTINE_LABELS.get(ex.routine, ex.routine)
        evidence = f"Evidence tier: {ex.tier_label}"
        if ex.emg:
            evidence += (
                f" (surface EMG: glute med {ex.emg.get('med', '?')}%, "
                f"glute max {ex.emg.get('max', '?')}% of a maximal squeeze)"
            )
        meta.update(Content(f"{routine} · {side}\nDefault dose: {ex.dose.describe()}\n{evidence}"))
        cues = self.cues_of(ex.id)
        edited = self.is_edited(ex.id)
        whose = "Your cues" if edited else "Shipped cues"
        hint = "  ·  r resets" if edited else ""
        heading.update(
            Content.assemble((f"{whose} · {len(cues)} of {MAX_CUES}", "bold"), (hint, "dim"))
        )
        self.cursor = max(0, min(self.cursor, len(cues) - 1))
        self._render_rows(cues)
        self._refresh_keys()

    def _render_rows(self, cues: tuple[str, ...]) -> None:
        cue_list = self.query_one("#cue-list", CueList)
        focused = self.focused is cue_list
        for i in range(MAX_CUES + 1):
            row = self.query_one(f"#cue-row-{i}", CueRow)
            editing = self.editing == i
            row.display = i < len(cues) or editing
            row.query_one(".cue-text", Static).display = not editing
            row.query_one(CueInput).display = editing
            if i < len(cues) and row.text != cues[i]:
                row.text = cues[i]
                row.query_one(".cue-text", Static).update(Content(cues[i]))
            _set_class(row, i == self.cursor and self.editing is None, "-cursor")
            _set_class(row, i == self.cursor and focused, "-active")
        if self.editing is None and cues:
            self.query_one(f"#cue-row-{self.cursor}", CueRow).scroll_visible(animate=False)

    def on_descendant_focus(self, _: object) -> None:
        self._render_rows(self._current_cues())
        self._refresh_keys()

    def on_descendant_blur(self, _: object) -> None:
        self.call_after_refresh(self._after_blur)

    def _after_blur(self) -> None:
        if self.is_attached:
            self._render_rows(self._current_cues())
            self._refresh_keys()

    def _current_cues(self) -> tuple[str, ...]:
        return self.cues_of(self.selected) if self.selected else ()

    def _set_status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#cue-status", Static)
        status.update(Content(message))
        status.set_class(error, "-error")

    # ---- which keys are live ----------------------------------------------------------------
    def _refresh_keys(self) -> None:
        """Refresh the Footer only when something check_action looks at has changed."""
        key = (
            self.editing is None,
            type(self.focused).__name__,
            bool(self.undo_stack),
            self.selected is not None and self.is_edited(self.selected),
        )
        if key != self._keys_state:
            self._keys_state = key
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        if self.editing is not None or isinstance(focused, Input):
            return action not in EDIT_HIDDEN
        if action in CUE_ACTIONS and not isinstance(focused, CueList):
            return False
        if action == "filter" and isinstance(focused, CueList):
            return False  # `/` is for the exercise list; keeps the footer short
        if action == "undo":
            return bool(self.undo_stack)  # shown only when there is a delete to undo
        if action == "reset":
            return self.selected is not None and self.is_edited(self.selected)
        return True

    async def hand_key(self, box: Input, event: events.Key) -> None:
        """Apply a key that reached a list after a text box took focus (see _HandsOnKeys)
        to that box, in turn, as the box itself would."""
        if event.is_printable and event.character is not None:
            if box.selection.is_empty:
                box.insert_text_at_cursor(event.character)
            else:
                box.replace(event.character, *box.selection)
        elif event.key == "enter":
            if isinstance(box, CueInput):
                self._save_edit(box.value)
            else:
                self.action_leave_filter(clear=False)
        elif event.key == "escape":
            if isinstance(box, CueInput):
                self.action_cancel_edit()
            else:
                self.action_leave_filter()
        else:  # backspace, ctrl+u, home...: the box's own binding for the key
            for binding in box._bindings.key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, box):
                    break

    # ---- moving ------------------------------------------------------------------------
    def _focus(self, widget: Widget) -> None:
        """Focus now, not on the next turn of the loop (Widget.focus defers it): keys
        already queued, from a fast typist or a paste of keystrokes, must reach the new
        widget. Typing `a` then text straight away must land in the editor."""
        self.set_focus(widget)
        self._refresh_keys()

    def action_move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            if step > 0:
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()
            return
        cues = self._current_cues()
        if cues:
            self.cursor = max(0, min(len(cues) - 1, self.cursor + step))
            self._render_rows(cues)

    def action_pane(self, which: str | None = None) -> None:
        cue_list = self.query_one("#cue-list", CueList)
        if which is None:
            which = "list" if self.focused is cue_list else "cues"
        if which == "cues" and self.selected is not None:
            self._focus(cue_list)
        else:
            self._focus(self.query_one("#cue-exercises"))

    def action_filter(self) -> None:
        self._focus(self.query_one("#cue-filter"))

    def action_leave_filter(self, clear: bool = True) -> None:
        box = self.query_one("#cue-filter", Input)
        if clear and box.value:
            box.value = ""  # Input.Changed refills the list
        self._focus(self.query_one("#cue-exercises"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "cue-filter":
            self.action_leave_filter(clear=False)
        elif isinstance(event.input, CueInput):
            self._save_edit(event.value)

    def action_back(self) -> None:
        if self.editing is not None:
            self.action_cancel_edit()
            return
        self.app.pop_screen()

    # ---- editing -----------------------------------------------------------------------
    def _ready(self) -> bool:
        if self.selected is None:
            self._set_status("Pick an exercise first.", error=True)
            return False
        if getattr(self.app, "store", None) is None:
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

    def _open_editor(self, index: int, text: str) -> None:
        cue_list = self.query_one("#cue-list", CueList)
        row = self.query_one(f"#cue-row-{index}", CueRow)
        editor = row.query_one(CueInput)
        message = self.query_one("#cue-message", Static)
        self.editing = index
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
        return self.query_one(f"#cue-input-{self.editing}", CueInput)

    def _close_editor(self) -> None:
        self.editing = None
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

    def _save_edit(self, text: str) -> None:
        if self.editing is None or self.selected is None:
            return
        cues = self._current_cues()
        try:
            if self.editing >= len(cues):
                new = rules.add(cues, text)
                self.cursor = len(new) - 1
            elif rules.clean(text) == cues[self.editing]:
                self._close_editor()  # nothing changed
                return
            else:
                new = rules.replace(cues, self.editing, text)
        except CueError as exc:
            self._show_hint(str(exc))  # the edit stays open with what was typed
            return
        self._save(self.selected, new)
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
        gone = cues[self.cursor]
        self.undo_stack.append((self.selected, self.cursor, gone))
        self._save(self.selected, new)
        self._set_status(f"Deleted “{gone}” — u puts it back.")
        self._render_exercise()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self._set_status("Nothing to undo: no cue was deleted here.")
            return
        if not self._ready():
            return
        ex_id, index, text = self.undo_stack[-1]
        cues = self.cues_of(ex_id)
        try:
            new = rules.add(cues, text, index)
        except CueError as exc:
            if "already" in str(exc):
                self.undo_stack.pop()
            self._set_status(f"Cannot undo: {exc}", error=True)
            return
        self.undo_stack.pop()
        if ex_id != self.selected:
            self.query_one("#cue-filter", Input).value = ""
            self.selected = ex_id
        self.cursor = min(index, len(new) - 1)
        self._save(ex_id, new)
        self._set_status(f"Put back “{text}”.")
        self._fill_list()

    def action_reorder(self, step: int) -> None:
        if not self._ready() or self.selected is None:
            return
        cues = self._current_cues()
        if not cues:
            return
        new, self.cursor = rules.move(cues, self.cursor, step)
        if new != cues:
            self._save(self.selected, new)
        self._render_exercise()

    def action_reset(self) -> None:
        ex = self._exercise()
        if ex is None or not self._ready():
            return
        if not self.is_edited(ex.id):
            self._set_status(f"{ex.name} already uses the shipped cues.")
            return
        from glute_tui.ui.screens.confirm import ConfirmScreen

        count = len(self.cues_of(ex.id))
        question = Content(f"Put back the shipped cues for {ex.name}?")
        detail = Content(
            f"Your {count} cue{'s' if count != 1 else ''} for it will be replaced by the "
            f"{len(ex.cues)} shipped ones. Other exercises are not touched."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(ex.id, ex.cues)
                self.cursor = 0
                self._set_status(f"{ex.name} uses the shipped cues again.")
                self._fill_list()

        self.app.push_screen(ConfirmScreen(question, detail), answered)

    # ---- saving ------------------------------------------------------------------------
    def _save(self, ex_id: str, new: tuple[str, ...]) -> None:
        shipped = self.library[ex_id].cues
        self._latest[ex_id] = tuple(new)
        self._inflight[ex_id] += 1
        latest = self._latest
        lock = self._write_lock

        def change(store: Any) -> None:
            with lock:
                current = latest.get(ex_id)
                if current is None:
                    return  # a newer write already saved and cleared it
                store.set_cues(ex_id, None if current == shipped else list(current))

        self.app.write(  # type: ignore[attr-defined]
            change,
            on_done=lambda _: self._saved(ex_id),
            on_error=lambda message: self._save_failed(ex_id, message),
        )
        self._fill_list()

    def _saved(self, ex_id: str) -> None:
        self._inflight[ex_id] -= 1
        if self._inflight[ex_id] <= 0:
            del self._inflight[ex_id]
            self._latest.pop(ex_id, None)
        if self.is_attached:
            self._fill_list()

    def _save_failed(self, ex_id: str, message: str) -> None:
        self._inflight[ex_id] -= 1
        if self._inflight[ex_id] <= 0:
            del self._inflight[ex_id]
            self._latest.pop(ex_id, None)
        if self.is_attached:
            self._set_status(
                f"Could not save: {message}. The list shows what is saved.", error=True
            )
            self._fill_list()
