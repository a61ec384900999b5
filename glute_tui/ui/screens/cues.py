"""The cue editor: word the timer cues your own way, keyboard only.

Left: the exercises (filter as you type in the box above them). Right: the chosen
exercise's cues, its default dose and evidence tier. The rules live in core/cues.py; the
edits, undo and saving in cue_edits.py; the widgets in ui/widgets/cue_widgets.py.
"""

from __future__ import annotations

from typing import ClassVar

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

from glute_tui.core.cues import MAX_CUES
from glute_tui.core.library import Exercise, Library
from glute_tui.ui.access import glute_app
from glute_tui.ui.screens.cue_edits import CueEditing
from glute_tui.ui.screens.cue_words import HELP, ROUTINE_LABELS
from glute_tui.ui.widgets.cue_widgets import (
    CueFilter,
    CueInput,
    CueList,
    CueRow,
    ExerciseList,
    run_binding,
    set_class,
)

__all__ = ["CueInput", "CueList", "CuesScreen", "ExerciseList"]

#: actions that only make sense with the cue pane focused
CUE_ACTIONS = {"delete", "reorder"}
#: actions that are hidden while a cue is being edited or the filter has focus
EDIT_HIDDEN = {"move", "edit", "add", "delete", "undo", "reorder", "reset", "pane", "filter"}


class CuesScreen(CueEditing, Screen[None]):
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
        self._init_edits()
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
    def library(self) -> Library:
        return glute_app(self).library

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
        return tuple(glute_app(self).cues_for(exercise_id))

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
            set_class(row, i == self.cursor and self.editing is None, "-cursor")
            set_class(row, i == self.cursor and focused, "-active")
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
            return bool(self.undo_stack)  # shown only when there is something to undo
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
            await run_binding(self, event.key, only=box)

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
