"""One session in full: every phase, in human words, read from its month file off the loop."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from glute_tui.core.words import end_word, phase_word, plural, side_word, status_word, stop_word


def _n(v: Any) -> str:
    return "–" if v is None else str(v)


class SessionDetail(ModalScreen[None]):
    """One whole session: its phases are read from a month file on a worker thread."""

    HELP = "One session in full: every phase, why it stopped, pain and effort. Escape closes."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, session_id: str, expected_phases: int = 0) -> None:
        super().__init__()
        self.session_id = session_id
        self.expected_phases = expected_phases

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box", classes="dialog"):
            yield Static("Reading the session…", id="detail-head")
            yield DataTable(id="phase-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#phase-table", DataTable).add_columns(
            "Phase", "Exercise", "Side", "Set", "Done/plan", "Reps", "Ended by"
        )
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        app: Any = self.app
        try:
            session = app.store.session(self.session_id) if app.store else None
        except OSError as exc:
            app.call_from_thread(self._show_error, str(exc))
            return
        app.call_from_thread(self._show, session)

    def _show_error(self, message: str) -> None:
        self.query_one("#detail-head", Static).update(f"Could not read this session: {message}")

    def _show(self, s: dict[str, Any] | None) -> None:
        head = self.query_one("#detail-head", Static)
        if s is None:
            head.update("This session is no longer in the history.")
            return
        app: Any = self.app
        start = s["started_at"].replace("T", " ")[:16]
        end = s["ended_at"][11:16]
        note = f"\nNote: {s['note']}" if s.get("note") else ""
        if s.get("logged_later"):
            note += "\nLogged later from the calendar: done, but not timed."
        if self.expected_phases and not s["phases"]:
            note += (
                f"\n[$warning]Its {plural(self.expected_phases, 'phase')} could not be read: "
                f"the month file {s['started_at'][:7]}.json next to your data file is missing or "
                "damaged.[/]"
            )
        head.update(
            f"[b]{s['routine'].capitalize()} session[/b]  {start}–{end}  ·  "
            f"{status_word(s['status'])} ({stop_word(s.get('stop_reason'))})\n"
            f"Pain before {_n(s.get('pain_before'))}, after {_n(s.get('pain_after'))}, "
            f"next morning {_n(s.get('pain_next_morning'))}  ·  effort "
            f"{_n(s.get('effort'))}/10  ·  {plural(len(s['phases']), 'phase')}{note}"
        )
        table = self.query_one("#phase-table", DataTable)
        lib = app.library
        rows = []
        for p in s["phases"]:
            ex = p.get("exercise")
            name = lib[ex].name if ex and ex in lib else (ex or "")
            done = p["end_s"] - p["start_s"] - p.get("paused_s", 0.0)
            rows.append(
                (
                    phase_word(p["kind"]),
                    name,
                    side_word(p.get("side")),
                    str(p.get("set", "")),
                    f"{done:.0f}/{p['planned_s']:g} s",
                    _n(p.get("reps")),
                    end_word(p.get("ended_by")),
                )
            )
        table.add_rows(rows)

    def action_close(self) -> None:
        self.dismiss(None)
