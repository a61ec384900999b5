"""The three views of a live session: the check before, the live timer, the summary after.

Attributes down, messages up: the screen hands each view what to show; the views post
`StartRequested` and `SaveRequested` and know nothing of routines or protocol rules.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, ProgressBar, Static

from glute_tui.core.routines.base import PhaseView
from glute_tui.ui.widgets.big_digits import BigDigits
from glute_tui.ui.widgets.toggles import TickBox

PAIN_ADVICE = (
    "Do not train through pain. A little discomfort that settles is fine; "
    "pain above 5 of 10 is a sign to stop."
)
EFFORT_SCALE = "0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal"
#: the live view's flash per name: (theme colour, opacity), as `background: $success 35%`
FLASHES: dict[str, tuple[str, float]] = {
    "flash-go": ("success", 0.35),
    "flash-rest": ("accent", 0.30),
    "flash-change": ("warning", 0.30),
}


class ScoreInput(Input):
    """A 0-10 box. An out-of-range number is refused as it is typed, with the field named
    (`problem` holds the words; the view shows them)."""

    def __init__(self, field: str, placeholder: str, input_id: str) -> None:
        super().__init__(
            placeholder=placeholder, id=input_id, compact=True, max_length=2, restrict=r"\d*"
        )
        self.field = field

    @property
    def problem(self) -> str | None:
        text = self.value.strip()
        if text and int(text) > 10:
            return f"{self.field}: 0 to 10 — a whole number from 0 (none) to 10 (worst)."
        return None

    def score(self, default: int | None) -> int | None:
        """The number typed (default when empty); ValueError when out of range."""
        text = self.value.strip()
        if not text:
            return default
        if self.problem:
            raise ValueError(self.problem)
        return int(text)


class StartInput(ScoreInput):
    """Enter starts. Input hides its Enter binding (and a focused Input hides every one-letter
    key), so the Footer needs this one; it is hidden while nothing can start."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Start")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return bool(getattr(self.screen, "can_start", True))
        return super().check_action(action, parameters)


class NextInput(ScoreInput):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Next")]


class SaveInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Save")]


def _row(label: str, box: Input) -> Horizontal:
    return Horizontal(Static(label, classes="field-label"), box, classes="field-row")


def _hidden(widget: Static) -> Static:
    widget.display = False
    return widget


class SetupForm(VerticalScroll):
    """Today's plan, a resume offer, what the check says (this morning's pain), the pain
    box. Posts StartRequested."""

    can_focus = False  # Tab goes round the boxes, never onto the form itself

    class StartRequested(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Static("", id="setup-text")
        yield Static("", id="resume-offer", classes="card")
        yield Static(PAIN_ADVICE, id="pain-advice", classes="card notice")
        yield _hidden(Static("", id="pain-check", classes="card notice"))
        box = StartInput("Pain right now", "empty = not answered", "pain-before")
        yield _row("Pain right now (0-10)", box)
        yield TickBox("An injury has not healed yet", id="injury")
        yield Static("", id="setup-error", classes="error")
        yield Static("", id="start-hint", classes="dim")

    def show(self, text: str, offer: str | None, error: str | None, hint: str) -> None:
        self.query_one("#setup-text", Static).update(text)
        box = self.query_one("#resume-offer", Static)
        box.display = offer is not None
        box.update(offer or "")
        if error is not None:
            self.query_one("#setup-error", Static).update(error)
        self.query_one("#start-hint", Static).update(hint)

    def error(self, text: str) -> None:
        self.query_one("#setup-error", Static).update(text)

    def check(self, lines: tuple[str, ...]) -> None:
        """What the check before the session says (this morning's pain); hidden if nothing."""
        box = self.query_one("#pain-check", Static)
        box.display = bool(lines)
        box.update("\n".join(lines))

    def answers(self) -> tuple[int | None, bool]:
        """(pain, injury): pain None when the box is empty (not answered, never 0);
        ValueError with the words when it is out of range."""
        pain = self.query_one("#pain-before", StartInput).score(None)
        return pain, self.query_one("#injury", TickBox).value

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, ScoreInput):
            self.error(event.input.problem or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.StartRequested())


class SessionBar(ProgressBar):
    """The session's progress bar, drawn only when the live view sets a new percentage.

    ProgressBar's own mount handler starts a once-a-second timer to recompute its ETA; the
    live view shows no ETA, and the ETA changing every second repainted the bar (a second
    frame each second, out of step with the digits). Mount here does what the rest of
    that handler does and stops it."""

    @on(events.Mount)
    def _no_eta_timer(self, event: events.Mount) -> None:
        event.prevent_default()  # ProgressBar.on_mount is not called: no ETA timer
        self.update()


class LiveView(Vertical):
    """The timer. `show()` repaints only what changed."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: dict[str, str] = {}
        self._widgets: dict[str, Widget] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="banner")
        yield Static("", id="where")
        yield Static("", id="counts")
        with Center():
            yield BigDigits("", id="big")
        yield Static("", id="extra")
        yield SessionBar(total=100, show_eta=False, id="progress")
        yield Static("", id="cue")
        yield Static("", id="next")

    def _set(self, widget_id: str, text: str) -> None:
        if self._shown.get(widget_id) == text:
            return
        self._shown[widget_id] = text
        widget = self._widgets.get(widget_id)
        if widget is None:
            widget = self._widgets[widget_id] = self.query_one(f"#{widget_id}")
        if isinstance(widget, BigDigits):
            widget.update(text)  # lays out again only when the width changes
        elif isinstance(widget, Static):
            widget.update(text, layout=False)  # fixed size in app.tcss: repaint only

    def show(self, view: PhaseView, *, paused: bool, pct: int, cue: str, extra: str) -> None:
        text, cls = view.banner, view.colour
        if paused:
            text, cls = "PAUSED · space to go on", "phase-paused"
        if self._shown.get("banner-class") != cls:
            self._shown["banner-class"] = cls
            self.query_one("#banner", Static).set_classes(cls)
        self._set("banner", text)
        self._set("where", view.where)
        self._set("counts", view.counts)
        self._set("big", view.big)
        self._set("extra", extra)
        if self._shown.get("pct") != str(pct):
            self._shown["pct"] = str(pct)
            self.query_one("#progress", ProgressBar).update(progress=pct)
        self._set("cue", cue)
        self._set("next", view.next)

    def flash(self, name: str) -> None:
        """The whole view's background in the phase's colour, until `unflash`. Set inline, not
        as a CSS class: a class on the view would match the stylesheet again for every widget
        inside it, twice a phase (over a quarter of a hold session's CPU went to that)."""
        colour, alpha = FLASHES.get(name, FLASHES["flash-change"])
        value = self.app.theme_variables.get(colour)
        self._background(Color.parse(value).multiply_alpha(alpha) if value else None)

    def unflash(self) -> None:
        self._background(None)  # back to the stylesheet's

    def _background(self, colour: Color | None) -> None:
        self.styles.background = colour  # repaints the view and everything in it
        # a widget keeps the colours it worked out over its parents' backgrounds until its
        # own styles change: a translucent text colour ($text-muted) would stay tinted
        for widget in self.walk_children():
            widget.notify_style_update()


class SummaryForm(VerticalScroll):
    """What was done, then pain after, effort and a note. Posts SaveRequested."""

    can_focus = False  # Tab goes round the boxes, never onto the form itself

    class SaveRequested(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Static("", id="summary-text")
        yield _hidden(Static("", id="summary-response", classes="card notice"))
        yield _row("Pain now (0-10)", NextInput("Pain after", "a number, 0-10", "pain-after"))
        yield _row("Effort (0-10)", NextInput("Effort", "a number, 0-10", "effort"))
        yield Static(EFFORT_SCALE, id="summary-view-scale", classes="dim")
        yield _row("Note", SaveInput(placeholder="optional", id="note", compact=True))
        yield Static("", id="summary-error", classes="error")
        yield Static(
            "Enter on the note saves. Escape saves what you typed and goes home.", id="summary-hint"
        )

    def show(self, text: str) -> None:
        texts, boxes = self.query("#summary-text").results(Static), self.query("#pain-after")
        for box in texts:  # none while the form is being removed (the screen was left)
            box.update(text)
        for first in boxes.results(Input):
            first.focus()

    def respond(self, text: str | None) -> None:
        """The plain answer to the pain typed (above 5 after a session); hidden if none."""
        box = self.query_one("#summary-response", Static)
        box.display = text is not None
        box.update(text or "")

    def answers(self) -> tuple[int | None, int | None, str | None]:
        pain = self.query_one("#pain-after", NextInput).score(None)
        effort = self.query_one("#effort", NextInput).score(None)
        return pain, effort, self.query_one("#note", Input).value.strip() or None

    def error(self, text: str) -> None:
        self.query_one("#summary-error", Static).update(text)

    def saved(self) -> None:
        self.query_one("#summary-hint", Static).update("Saved. Escape goes home.")

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, ScoreInput):
            self.error(event.input.problem or "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "pain-after":
            self.query_one("#effort", Input).focus()
        elif event.input.id == "effort":
            self.query_one("#note", Input).focus()
        else:
            self.post_message(self.SaveRequested())
