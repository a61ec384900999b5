"""The morning after a session: how is the pain now? Applies the pain-monitoring rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from glute_tui.core.next_morning import NextMorningAsk, next_morning_advice, next_morning_candidate
from glute_tui.ui.access import glute_app

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore
    from glute_tui.ui.app import GluteApp

ASKED_KEY = "next_morning_asked"  # setting: the training day last asked about


def maybe_ask(app: GluteApp) -> None:
    """Called once the store is loaded: ask about yesterday's training, once."""
    store = app.store
    if store is None or not app.ask_next_morning:
        return
    ask = next_morning_candidate(store.rows(), app.now().date())
    if ask is None or store.settings().get(ASKED_KEY) == ask.day:
        return
    app.push_screen(NextMorningDialog(ask))


class NextMorningDialog(ModalScreen[None]):
    HELP = (
        "Pain after exercise is fine if it settles by the next morning. Tell the app how "
        "the trained area feels now (0 none, 10 worst) and it tells you whether to keep "
        "the load or reduce it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "Skip", key_display="esc"),
        Binding("escape", "close", "Close", key_display="esc"),  # once the answer is saved
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, ask: NextMorningAsk) -> None:
        super().__init__()
        self.ask = ask
        self.answered = False

    def compose(self) -> ComposeResult:
        with Vertical(id="morning-box", classes="dialog"):
            yield Static(
                "[b]How is it this morning?[/b]\nYou trained yesterday. How much pain do you "
                "feel in the trained area now, from 0 (none) to 10 (worst)?",
                id="morning-question",
            )
            yield Input(placeholder="0-10", id="morning-pain", max_length=2, type="integer")
            yield Static("", id="morning-advice")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="morning-save", variant="primary")
                yield Button("Skip", id="morning-skip")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#morning-pain", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the answer is saved escape skips the question; after, it closes."""
        if action == "skip":
            return not self.answered
        if action == "close":
            return self.answered
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#morning-save")
    def save(self) -> None:
        if self.answered:
            self.dismiss(None)
            return
        advice_box = self.query_one("#morning-advice", Static)
        text = self.query_one("#morning-pain", Input).value.strip()
        if not text.isdigit() or not 0 <= int(text) <= 10:
            advice_box.update("[$error]Type a whole number from 0 to 10.[/]")
            return
        pain = int(text)
        advice = next_morning_advice(pain, self.ask.before)
        app = glute_app(self)
        sid, day = self.ask.session_id, self.ask.day

        def write(store: HistoryStore) -> None:
            store.update_session(sid, pain_next_morning=pain)
            store.set_setting(ASKED_KEY, day)

        def done(_: object) -> None:
            self.answered = True
            if advice.level == "reduce":  # keep it on the home screen for today too
                app.notices.append(advice.message)
                app.store_version += 1  # screens redraw (home shows notices)
            style = {"ok": "$success", "watch": "$warning", "reduce": "$error"}[advice.level]
            advice_box.update(f"[{style}]{advice.message}[/]\n\nPress Enter to close.")
            self.query_one("#morning-pain", Input).disabled = True
            self.query_one("#morning-save", Button).label = "Close"
            self.query_one("#morning-skip", Button).display = False
            self.query_one("#morning-save", Button).focus()
            self.refresh_bindings()  # the footer says esc Close now, not Skip

        def failed(message: str) -> None:
            advice_box.update(f"[$error]Not saved: {message}[/]")

        app.write(write, on_done=done, on_error=failed)

    @on(Button.Pressed, "#morning-skip")
    def action_skip(self) -> None:
        if not self.answered:
            day = self.ask.day
            self.app.write(lambda s: s.set_setting(ASKED_KEY, day))  # type: ignore[attr-defined]
        self.dismiss(None)
