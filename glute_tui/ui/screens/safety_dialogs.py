"""Safety dialogs a session start pushes with a callback (each dismisses with a bool):

- `InjuryStop()`: an unhealed injury is a stop. True only after the user says a
  professional has cleared it (saved as a dated clearance record); False otherwise.
- `PauseOver(pause, today)`: an injury pause covers today. True when the user says it is over
  (the pause is cut to end yesterday, or removed if it began today); False while it stands.

The rules and words live in core.safety; saving goes through `app.write`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from glute_tui.core import safety
from glute_tui.core.pauses import ended_pause, pause_question
from glute_tui.ui.access import glute_app

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


class _SavingDialog(ModalScreen[bool]):
    """A dialog whose yes is saved before it dismisses (an error stays on screen)."""

    def _save(self, change: Any) -> None:
        app = glute_app(self)
        self.query_one("#dialog-status", Static).update("Saving…")
        app.write(change, on_done=lambda _: self._done(), on_error=self._failed)

    def _done(self) -> None:
        self.dismiss(True)

    def _failed(self, message: str) -> None:
        self.query_one("#dialog-status", Static).update(
            f"[b]Could not save:[/b] {message}. Press [b]y[/b] to try again."
        )


class InjuryStop(_SavingDialog):
    HELP = (
        "An injury that has not healed stops training until a professional has checked it. "
        "Press c when one has cleared you to exercise (saved with today's date), or escape."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "clearance", "A professional cleared me"),
        Binding("y", "cleared", "Yes, I was cleared"),
        Binding("n,escape", "back", "Not yet"),
        Binding("escape", "close", "Rest today"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = "stop"  # stop | clear

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static("", id="injury-text")
            yield Static("", id="dialog-status", classes="assess-error")
        yield Footer()

    def on_mount(self) -> None:
        self._render_page()

    def _render_page(self) -> None:
        text = self.query_one("#injury-text", Static)
        if self.page == "stop":
            text.update(
                f"[b]Not today.[/b]\n\n{safety.INJURY_STOP}\n\n"
                "[b]c[/b] a professional cleared me    [b]escape[/b] rest today"
            )
        else:
            text.update(
                "Has a doctor or physiotherapist checked this injury and told you that you "
                "may exercise with it?\n\n"
                f"[b]y[/b] means: “{safety.INJURY_CLEARANCE_STATEMENT}” It is saved with "
                "today's date.\n\n[b]y[/b] yes, I was cleared    [b]n[/b] not yet"
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("clearance", "close"):
            return self.page == "stop"
        if action in ("cleared", "back"):
            return self.page == "clear"
        return True

    def action_clearance(self) -> None:
        self.page = "clear"
        self._render_page()

    def action_back(self) -> None:
        self.page = "stop"
        self._render_page()

    def action_close(self) -> None:
        self.dismiss(False)

    def action_cleared(self) -> None:
        app = glute_app(self)
        record = safety.clearance_record(
            record_id=str(uuid.uuid4()),
            taken_at=app.now().isoformat(timespec="seconds"),
            covers=(),
            injury=True,
        )
        self._save(lambda store: store.add_assessment(record, None))


class PauseOver(_SavingDialog):
    HELP = (
        "You marked an injury pause that covers today. y ends it (from today on), n keeps "
        "it and leaves today as a rest day."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "over", "Yes, it is over"),
        Binding("n,escape", "rest", "No, still resting"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, pause: Mapping[str, str], today: date) -> None:
        super().__init__()
        self.pause = {"start": pause["start"], "end": pause["end"]}
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static(
                f"{pause_question(self.pause)}\n\n"
                "[b]y[/b] yes, it is over    [b]n[/b] no, I am still resting",
                id="pause-text",
            )
            yield Static("", id="dialog-status", classes="assess-error")
        yield Footer()

    def action_rest(self) -> None:
        self.dismiss(False)

    def action_over(self) -> None:
        old, new = self.pause, ended_pause(self.pause, self.today)

        def change(store: HistoryStore) -> None:
            # Add the shortened pause before removing the old one: if the second write
            # failed, the days would still be paused, never lost.
            if new is not None:
                store.add_pause(new)
            store.remove_pause(old)

        self._save(change)
