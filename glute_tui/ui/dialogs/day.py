"""One calendar day: its sessions, pains and notes; a note for the day; a missed session
logged after the fact (marked "logged later", with no timing)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.model import SessionRow
from glute_tui.core.words import routine_ids, routine_title, routine_word, status_word, stop_word
from glute_tui.ui.access import glute_app

TALL_ROWS = 30
SHORT_ROWS = 24


def _n(v: Any) -> str:
    return "–" if v is None else str(v)


def session_line(r: SessionRow, wide: int = 8) -> str:
    """One session of the day; `wide`: the routine column (the day's words line up)."""
    s = r.session
    when = "logged later" if s.extra.get("logged_later") else s.started_at[11:16]
    why = stop_word(s.stop_reason)
    line = (
        f"{when}  {routine_word(s.routine):<{wide}}{status_word(s.status)}"
        f"{f' ({why})' if why and s.status != 'completed' else ''}  ·  pain before "
        f"{_n(s.pain_before)}, after {_n(s.pain_after)}, next morning "
        f"{_n(s.pain_next_morning)}"
    )
    if s.note:
        line += f"\n       [$text-muted]note:[/] {s.note.replace('[', chr(92) + '[')}"
    return line


def logged_later_session(routine: str, day: date, now: datetime) -> dict[str, Any]:
    """A session the user did but did not time: it counts for its day, with no phases."""
    at = datetime.combine(day, time(12, 0), tzinfo=now.tzinfo).isoformat(timespec="seconds")
    return {
        "id": f"later-{uuid.uuid4().hex[:12]}",
        "routine": routine,
        "started_at": at,
        "ended_at": at,
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": None,
        "pain_after": None,
        "effort": None,
        "phases": [],
        "logged_later": True,
        "logged_at": now.isoformat(timespec="seconds"),
    }


class DayDialog(ModalScreen[None]):
    HELP = (
        "One day of your history: every session with its pain before, after and the next "
        "morning (0-10), and notes. Type a note for the day and press Enter to save it (an "
        "empty note removes it). On a past day, the list below logs a session you did but "
        "did not time: Tab to it, pick the routine with the arrows and press Enter. It "
        "counts for that day and is marked 'logged later'."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, day: date, rows: list[SessionRow], today: date) -> None:
        super().__init__()
        self.day = day
        self.rows = rows
        self.today = today

    def compose(self) -> ComposeResult:
        app = glute_app(self)
        notes = app.store.kv("day_notes", {}) if app.store else {}
        past = self.day < self.today
        with Vertical(id="day-box", classes="dialog past" if past else "dialog"):
            yield Static(f"[b]{self.day.strftime('%A %d %B %Y')}[/b]", id="day-title")
            with VerticalScroll(id="day-sessions"):
                yield Static(self._sessions_text(), id="day-list")
            with Horizontal(classes="field-row"):
                yield Label("Day note", classes="field-label")
                yield Input(
                    notes.get(self.day.isoformat(), ""),
                    placeholder="how it went, what hurt (Enter saves)",
                    id="day-note",
                    max_length=500,
                )
            if past:
                yield Static(
                    "Did one that day without the timer? Enter logs it:",
                    id="later-label",
                )
                # every routine, one line each: the list scrolls with the highlight, so all
                # of them stay reachable at 80x24 (a row of buttons showed four)
                yield OptionList(
                    *(Option(routine_title(r), id=r) for r in routine_ids()), id="later-list"
                )
            yield Static("", id="day-status")
        yield Footer()

    def _sessions_text(self) -> str:
        if not self.rows:
            return "[$text-muted]No sessions on this day.[/]"
        wide = max([8, *(len(routine_word(r.routine)) + 1 for r in self.rows)])
        return "\n".join(session_line(r, wide) for r in self.rows)

    def on_mount(self) -> None:
        self.query_one("#day-note", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        # 30 rows fit the nine routines whole under up to six lines of sessions (20vh);
        # under 24 every spare row goes to the list
        box = self.query_one("#day-box")
        box.set_class(event.size.height >= TALL_ROWS, "-tall")
        box.set_class(event.size.height < SHORT_ROWS, "-short")

    @on(Input.Submitted, "#day-note")
    def save_note(self, event: Input.Submitted) -> None:
        app = glute_app(self)
        status = self.query_one("#day-status", Static)
        day, text = self.day.isoformat(), event.value

        def done(_: Any) -> None:
            status.update("[$success]Note saved.[/]" if text.strip() else "Note removed.")

        def failed(message: str) -> None:
            status.update(f"[$error]Not saved: {message}[/]")

        app.write(lambda store: store.set_day_note(day, text), on_done=done, on_error=failed)

    @on(OptionList.OptionSelected, "#later-list")
    def log_later(self, event: OptionList.OptionSelected) -> None:
        routine = event.option.id
        if routine is None:
            return
        app = glute_app(self)
        session = logged_later_session(routine, self.day, app.now())
        status = self.query_one("#day-status", Static)

        def done(row: SessionRow) -> None:
            self.rows = [*self.rows, row]
            self.query_one("#day-list", Static).update(self._sessions_text())
            self.query_one("#day-sessions", VerticalScroll).scroll_end(animate=False)
            status.update(
                f"[$success]Logged a {routine_word(routine)} session for this day "
                "(marked logged later).[/]"
            )

        def failed(message: str) -> None:
            status.update(f"[$error]Not saved: {message}[/]")

        app.write(lambda store: store.add_session(session), on_done=done, on_error=failed)

    def action_close(self) -> None:
        self.dismiss(None)
