"""`?` help: the keys of the screen underneath, what it is for, and the safety note."""

from __future__ import annotations

from typing import ClassVar

from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Markdown, Static

from glute_tui.ui.words import DISCLAIMER


def describe_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, what it does) for every key the screen and the app bind, with a description.

    A screen's keys include those it inherits (a live session's space, n, q, m, ctrl+r come
    from the shared session screen, + and - from the routine): every class's BINDINGS up
    the MRO, as Textual merges them, the subclass's first. Textual's own defaults (focus
    next, copy) are left out. The list is the screen's reference, so a key the screen
    switches off in its current state is still listed.

    A screen whose keys change from page to page (the self-assessment) sets
    `HELP_KEYS_NOW = True`: its help lists only the keys that work on the page shown, each
    once, as the Footer does: the focused widget's keys first (a tick list's space), and
    none that the screen's public `check_action` hides (returns False).
    """
    now = bool(getattr(screen, "HELP_KEYS_NOW", False))
    nodes: list[DOMNode] = [*(_focus_chain(screen) if now else ()), screen, screen.app]
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for node in nodes:
        for binding in _declared(type(node)):
            if not binding.description:
                continue
            key = binding.key_display or binding.key
            if key in seen or (now and not _works(node, binding)):
                continue
            seen.add(key)
            rows.append((key, binding.description))
    for key, what in (("ctrl+p", "Command palette: reach any screen"), ("escape", "Back / close")):
        if key not in seen:  # a dialog's own escape ("No") says more than the general row
            rows.append((key, what))
    return rows


def _focus_chain(screen: Screen[object]) -> list[DOMNode]:
    """The focused widget and its containers below the screen, innermost first."""
    focused = screen.focused
    if focused is None:
        return []
    chain = focused.ancestors_with_self
    return [node for node in chain if isinstance(node, Widget) and node is not screen]


def _works(node: DOMNode, binding: Binding) -> bool:
    """Whether the node's `check_action` lets the binding's action run (None: shown but
    disabled, so it does not work either)."""
    _, name, parameters = parse_action(binding.action)
    return bool(node.check_action(name, parameters))


def _declared(cls: type) -> list[Binding]:
    """The BINDINGS the classes of glute-tui declare, most derived first."""
    out: list[Binding] = []
    for klass in cls.__mro__:
        if klass.__module__.split(".")[0] == "textual":
            continue
        for binding in klass.__dict__.get("BINDINGS", ()):
            out.append(_as_binding(binding))
    return out


def _as_binding(binding: BindingType) -> Binding:
    if isinstance(binding, Binding):
        return binding
    key, action, desc = (*binding, "")[:3]
    return Binding(key, action, desc)


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
