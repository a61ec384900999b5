"""The cue editor's widgets: the filter box, the in-place cue editor, the two panes.

Public Textual API only: a list runs a key's binding through `Screen.active_bindings` and
`App.run_action`; the cue box tidies a paste in its own `on_paste` handler, which stops
the message before Input's handler sees it (`prevent_default`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList

from glute_tui.core import cues as rules


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

    def on_paste(self, event: events.Paste) -> None:
        # Input keeps only the first line of a paste; a cue box takes all of it, tidied
        # to one line, and says what changed (core.cues.tidy_paste). prevent_default
        # keeps Input's own paste handler from running as well.
        event.stop()
        event.prevent_default()
        text, self.paste_note = rules.tidy_paste(event.text)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)


async def run_binding(screen: Any, key: str, only: Widget | None = None) -> bool:
    """Run the binding the screen has for `key` now (the focused widget's first, then
    the screen's and the app's), as Textual would. `only`: run it only if that widget
    defines it. Returns True when a binding ran."""
    active = screen.active_bindings.get(key)
    if active is None or not active.enabled or (only is not None and active.node is not only):
        return False
    return bool(await screen.app.run_action(active.binding.action, active.node))


class HandsOnKeys:
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
        elif await run_binding(screen, event.key):
            event.stop()
            event.prevent_default()


class CueList(HandsOnKeys, Vertical, can_focus=True):
    """The focusable cue pane: rows of cues and, while editing, the editor in place."""


class ExerciseList(HandsOnKeys, OptionList):
    """The exercise list (an OptionList that keeps key bursts in order, see HandsOnKeys)."""


class CueRow(Horizontal):
    """One cue: its number, its text, and (hidden until edited) its editor."""

    def __init__(self, index: int) -> None:
        super().__init__(id=f"cue-row-{index}", classes="cue-row")
        self.index = index
        self.text: str | None = None  # what the row shows, to skip needless updates


def set_class(widget: Widget, add: bool, name: str) -> None:
    """set_class restyles the subtree even when nothing changes; skip that."""
    if widget.has_class(name) != add:
        widget.set_class(add, name)
