"""`?` help: the keys of the screen underneath, what it is for, and the safety note."""

from __future__ import annotations

from typing import ClassVar

from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown, Static

from glute_tui.ui.screens.home import DISCLAIMER


def describe_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for every binding the screen and the app show."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    # a screen whose keys change with its state (a live session) lists the working ones
    only_working = bool(getattr(screen, "HELP_WORKING_KEYS_ONLY", False))
    app_bindings = list(screen.app.BINDINGS)
    for binding in [*getattr(screen, "BINDINGS", []), *app_bindings]:
        if not isinstance(binding, Binding):
            key, _action, desc = (*binding, "")[:3]
            binding = Binding(key, _action, desc)
        if not binding.description:
            continue
        namespace, name, params = parse(binding.action)
        if only_working and not namespace and screen.check_action(name, params) is False:
            continue  # a key that does nothing here right now is not listed
        key = binding.key_display or binding.key
        if key in seen:
            continue
        seen.add(key)
        rows.append((key, binding.description))
    rows.append(("ctrl+p", "Command palette: reach any screen"))
    rows.append(("escape", "Back / close"))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        about = getattr(self.under, "HELP", "") or ""
        keys = "\n".join(f"| `{k}` | {d} |" for k, d in describe_keys(self.under))
        text = (
            f"## Help\n\n{about}\n\n| key | does |\n|---|---|\n{keys}\n\n**Safety.** {DISCLAIMER}\n"
        )
        with Vertical(id="help-box"):
            with VerticalScroll():
                yield Markdown(text)
            yield Static("escape or ? to close", classes="dim")

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
