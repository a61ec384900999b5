"""Settings: every number a user or physio may tune, the stage set by hand, and sound.

Each value is checked against the same bounds the timers and import use
(core/user_settings.py); a value out of range is refused as typed, with the field named,
and nothing is written until every field is right. Saving writes the whole settings record
in one change, and a stage set by hand (with its reason) after it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Select, Static

from glute_tui.core.programme import ProgrammeError
from glute_tui.core.user_settings import Field, check, fields
from glute_tui.ui.access import glute_app
from glute_tui.ui.widgets.toggles import TickBox

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

STAGE_CHOICES = (
    ("Activate", "activate"),
    ("Integrate", "integrate"),
    ("Strengthen", "strengthen"),
    ("Return", "return"),
)


def _text(f: Field, value: Any) -> str:
    if f.kind == "whole":
        return str(int(value))
    return f"{float(value):g}"


def found_sound() -> str:
    """Which player and speech engine this machine has (a PATH look-up, no sound made)."""
    import os

    from glute_tui.audio import player, voice

    path = os.environ.get("GLUTE_TUI_SOUND_PATH")
    play, speak = player.find_player(path), voice.find_engine(path)
    return (
        f"Found here: sound {play.name if play else 'none (the terminal bell instead)'}, "
        f"speech {speak.name if speak else 'none'} (`glute-tui sound test` plays each tone)"
    )


class SettingsScreen(Screen[None]):
    HELP = (
        "Every number you or your physio may tune. Type a value and press ctrl+s to save; "
        "a value out of range is refused with the field named, and nothing is saved until "
        "every field is right. To set the stage by hand, pick it and say why (for example: "
        "my physio says I am ready)."
    )
    DEFAULT_CSS = """
    #settings-body { padding: 0 1; }
    .settings-section { margin-top: 1; color: $text-primary; }
    .settings-row { height: 1; }
    .settings-label { width: 1fr; padding: 0 1 0 0; }
    .settings-input { width: 12; }
    .settings-range { width: 12; padding-left: 1; color: $text-muted; }
    #set-stage { width: 25; }
    #set-stage-reason { width: 40; }
    .settings-flag { margin-left: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._leave_asked = False

    def compose(self) -> ComposeResult:
        app = glute_app(self)
        table = fields(app.protocols)
        raw = app.store.settings() if app.store is not None else {}
        yield Header()
        with VerticalScroll(id="settings-body"):
            yield Static("", id="settings-problem", classes="notice")
            section = ""
            for f in table:
                if f.section != section:
                    section = f.section
                    yield Static(f"[b]{section}[/b]", classes="settings-section")
                value = f.shown(raw)
                if f.kind == "flag":
                    yield TickBox(
                        f.label,
                        bool(value),
                        id=f"set-{f.key}",
                        classes="settings-flag",
                        compact=True,
                    )
                    continue
                with Horizontal(classes="settings-row"):
                    yield Label(f.label, classes="settings-label")
                    yield Input(
                        _text(f, value),
                        type="integer" if f.kind == "whole" else "number",
                        id=f"set-{f.key}",
                        classes="settings-input",
                        compact=True,
                    )
                    yield Static(f"{f.low:g} to {f.high:g}", classes="settings-range")
            yield Static(found_sound(), id="settings-sound-found", classes="settings-range")
            yield Static("[b]Stage, set by hand[/b]", classes="settings-section")
            with Horizontal(classes="settings-row"):
                yield Label("Stage (empty: as the programme says)", classes="settings-label")
                yield Select(
                    STAGE_CHOICES, prompt="as the programme says", id="set-stage", compact=True
                )
            with Horizontal(classes="settings-row"):
                yield Label("Why (for example: my physio says so)", classes="settings-label")
                yield Input("", id="set-stage-reason", classes="settings-input", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#settings-problem", Static).display = False
        self.query(Input).first().focus()  # keys go into the first value, not the scroll

    # ---- reading the form ---------------------------------------------------------------
    def _values(self) -> tuple[dict[str, Any], None] | tuple[None, tuple[str, str]]:
        table = fields(glute_app(self).protocols)
        texts = {
            f.key: self.query_one(f"#set-{f.key}", Input).value for f in table if f.kind != "flag"
        }
        flags = {
            f.key: self.query_one(f"#set-{f.key}", TickBox).value for f in table if f.kind == "flag"
        }
        return check(table, texts, flags)

    def _stage(self, today: date) -> tuple[Any, str | None]:
        """The stage change asked for (or None), or the problem with it."""
        from glute_tui.store.programme_input import stage_change

        stage = self.query_one("#set-stage", Select).value
        if stage is Select.NULL:
            return None, None
        reason = self.query_one("#set-stage-reason", Input).value
        try:
            return stage_change(today.isoformat(), stage, reason), None
        except ProgrammeError as exc:
            return None, f"Stage: {exc}"

    def _refuse(self, key: str, problem: str) -> None:
        box = self.query_one("#settings-problem", Static)
        box.update(f"Not saved. {problem}")
        box.display = True
        self.query_one(f"#set-{key}").focus()
        self.query_one("#settings-body", VerticalScroll).scroll_home(animate=False)

    # ---- actions ------------------------------------------------------------------------
    def action_save(self) -> None:
        app = glute_app(self)
        if app.store is None:
            self.notify("Your history is still loading; try again in a moment.")
            return
        values, problem = self._values()
        if problem is not None:
            self._refuse(*problem)
            return
        assert values is not None
        change, stage_problem = self._stage(app.now().date())
        if stage_problem is not None:
            self._refuse("stage-reason", stage_problem)
            return

        def save(store: HistoryStore) -> None:
            from glute_tui.store.programme_input import add_stage_change

            merged = {**store.settings(), **values}
            store.set_kv("settings", merged)
            if change is not None:
                add_stage_change(store, change)

        app.write(save, self._saved, self._failed)

    def _saved(self, _: object = None) -> None:
        self._leave_asked = False
        box = self.query_one("#settings-problem", Static)
        box.display = False
        if self.query_one("#set-stage", Select).value is not Select.NULL:
            self.query_one("#set-stage", Select).clear()
            self.query_one("#set-stage-reason", Input).value = ""
        self.notify("Settings saved.")

    def _failed(self, message: str) -> None:
        box = self.query_one("#settings-problem", Static)
        box.update(f"Not saved: {message}")
        box.display = True

    def _changed(self) -> bool:
        app = glute_app(self)
        values, problem = self._values()
        if problem is not None or values is None:
            return True
        saved = app.store.settings() if app.store is not None else {}
        table = {f.key: f for f in fields(app.protocols)}
        if any(table[k].shown(saved) != v for k, v in values.items()):
            return True
        return self.query_one("#set-stage", Select).value is not Select.NULL

    def action_back(self) -> None:
        if self._changed() and not self._leave_asked:
            self._leave_asked = True
            self.notify("Not saved yet: ctrl+s saves, esc again leaves without saving.")
            return
        self.app.pop_screen()
