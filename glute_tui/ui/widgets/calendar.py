"""The history calendar: weeks as columns, Monday to Sunday down, as many weeks as the width
allows. Focusable: the arrows move a selected day, Enter opens it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from glute_tui.core import progress as pg

MAX_WEEKS = 52
# Hold sessions that day: none, one, enough to count (the target), more. Told apart by
# height, not only by colour: a dot, a low block, a tall block, a full block.
HOLD_MARKS = ("·", "▂", "▅", "█")
HOLD_STYLES = ("$text-muted", "$success-darken-1", "$success", "$success-lighten-2")
CIRCUIT_MARK = "•"
PAUSED_MARK = "~"
SEVERAL_MARK = "+"  # more routines done that day than the cell has room for


def routine_marks() -> list[tuple[str, str]]:
    """(mark, title in running text) of every routine after the hold timer, in registry
    order: the circuit keeps its dot, any other routine shows its home-screen key."""
    from glute_tui.core.routines.catalogue import CATALOGUE
    from glute_tui.core.words import routine_word

    return [
        (CIRCUIT_MARK if r.id == "circuit" else r.key, routine_word(r.id)) for r in CATALOGUE[1:]
    ]


def cell_width(width: int) -> int:
    """Columns per day: at least 2 (a hold mark and one for the other routines), up to 4
    when wide."""
    return max(2, min(4, (width - 4) // 26))


def weeks_that_fit(width: int) -> int:
    return max(4, min(MAX_WEEKS, (width - 4) // cell_width(width)))


def month_row(cols: list[list[pg.HeatCell]], cw: int) -> str:
    """Month names over the week in which each month starts, never touching each other."""
    months = [" "] * (len(cols) * cw)
    last = None
    for i, col in enumerate(cols):
        m = col[0].day.month
        if i == 0 and len(cols) > 1 and cols[1][0].day.month != m:
            last = m  # one week of a month in view: its name would crowd the next
            continue
        if m != last:
            label = col[0].day.strftime("%b")
            start = i * cw
            if all(ch == " " for ch in months[max(0, start - 1) : start + 4]):
                for k, ch in enumerate(label):
                    if start + k < len(months):
                        months[start + k] = ch
            last = m
    return "".join(months)


class Calendar(Widget, can_focus=True):
    """Draws `pg.heatmap` cells; posts `DayChosen` on Enter."""

    DEFAULT_CSS = """
    Calendar { height: auto; width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Day before", show=False),
        Binding("down", "move(1)", "Day after", show=False),
        Binding("left", "move(-7)", "Week before", show=False),
        Binding("right", "move(7)", "Week after", show=False),
        Binding("home", "today", "Today", show=False),
        Binding("enter", "choose", "Open"),  # opens the selected day
    ]

    selected: reactive[date | None] = reactive(None)

    class DayChosen(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.heat: list[list[pg.HeatCell]] = []
        self.today: date | None = None
        self.hold_target = pg.HOLD_TARGET
        self.title = "Reading your history…"
        self.empty = False
        self.marks = routine_marks()

    def show(
        self, heat: list[list[pg.HeatCell]], today: date, hold_target: int, empty: bool
    ) -> None:
        self.heat = heat
        self.today = today
        self.hold_target = hold_target
        self.empty = empty
        if self.selected is None or self.selected > today:
            self.selected = today
        self.refresh(layout=True)

    def failed(self, message: str) -> None:
        self.title = message
        self.heat = []
        self.refresh(layout=True)

    def visible_weeks(self) -> list[list[pg.HeatCell]]:
        width = self.content_size.width or self.app.size.width - 6
        return self.heat[-weeks_that_fit(width) :]

    def action_move(self, days: int) -> None:
        cols = self.visible_weeks()
        if not cols or self.selected is None or self.today is None:
            return
        first = cols[0][0].day
        self.selected = min(self.today, max(first, self.selected + timedelta(days=days)))

    def action_today(self) -> None:
        if self.today is not None:
            self.selected = self.today

    def action_choose(self) -> None:
        if self.selected is not None and self.heat:
            self.post_message(self.DayChosen(self.selected))

    def watch_selected(self) -> None:
        self.refresh()

    def _cell(self, c: pg.HeatCell, cw: int) -> str:
        pad = " " * (cw - 2)
        if c.future:
            return " " * cw
        if c.paused:
            body = f"[$warning]{PAUSED_MARK}{PAUSED_MARK}[/]{pad}"
        else:
            t = self.hold_target
            i = 0 if c.hold == 0 else 1 if c.hold < t else 2 if c.hold == t else 3
            mark = f"[{HOLD_STYLES[i]}]{HOLD_MARKS[i]}[/]"
            body = mark + self.other_marks(c, cw - 1)
        if c.day == self.selected and self.has_focus:
            return f"[reverse]{body}[/]"
        if c.day == self.selected:
            return f"[underline]{body}[/]"
        return body

    def other_marks(self, c: pg.HeatCell, slots: int) -> str:
        """The marks of the other routines done that day in `slots` columns; when more were
        done than fit, the last column says so with SEVERAL_MARK."""
        done = ([0] if c.circuit else []) + [i - 1 for i in c.done() if i - 1 < len(self.marks)]
        marks = [self.marks[k][0] for k in done]
        if len(marks) > slots:
            marks = [*marks[: slots - 1], SEVERAL_MARK]
        text = "".join(f"[$accent]{m}[/]" for m in marks)
        return text + " " * (slots - len(marks))

    def legend(self, cw: int) -> list[str]:
        """The key to the marks: hold counts on one line, every other routine on the next."""
        t = self.hold_target
        hold = (
            f"[$text-muted]hold timer:[/] [$text-muted]·[/] none  [{HOLD_STYLES[1]}]▂[/] "
            f"{'1' if t == 2 else f'1-{t - 1}'}  [{HOLD_STYLES[2]}]▅[/] {t} (counts)  "
            f"[{HOLD_STYLES[3]}]█[/] more"
        )
        items = [(f"[$accent]{m}[/] {name}", len(m) + 1 + len(name)) for m, name in self.marks]
        if len(self.marks) > cw - 1:
            items.append((f"[$accent]{SEVERAL_MARK}[/] more than fit", len(SEVERAL_MARK) + 14))
        items.append(("[$warning]~~[/] paused", 9))
        width = max(30, (self.content_size.width or self.app.size.width - 6) - 2)
        lines, line, used = [hold], "", 0
        for text, size in items:  # wrapped to the width there is, one item never split
            if line and used + 2 + size > width:
                lines.append(line)
                line, used = "", 0
            line, used = (f"{line}  {text}", used + 2 + size) if line else (text, size)
        return [*lines, line]

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Content:
        if not self.heat:
            return Content.from_markup(self.title)
        width = self.content_size.width or self.app.size.width - 6
        cw = cell_width(width)
        cols = self.visible_weeks()
        months = month_row(cols, cw)
        title = f"[b]Last {len(cols)} weeks[/b]"
        if self.empty:
            title += "  [$text-muted]No sessions yet: each one you finish fills in its day.[/]"
        elif self.selected is not None:
            title += f"  [$text-muted]selected {self.selected.strftime('%a %d %b %Y')}[/]"
        # each kind of cell is parsed once (ten years of markup parsed per frame was slow)
        pieces: dict[str, Content] = {}

        def piece(markup: str) -> Content:
            found = pieces.get(markup)
            if found is None:
                found = pieces[markup] = Content.from_markup(markup)
            return found

        grid = [
            Content(f"{name:<4}")
            + Content("").join(piece(self._cell(col[row], cw)) for col in cols)
            for row, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun"))
        ]
        lines = [title, "    " + months]
        lines += self.legend(cw)
        lines.append(
            "[$text-muted]arrows pick a day · Enter opens it · Home: today[/]"
            if self.has_focus
            else "[$text-muted]Tab to the calendar to pick a day[/]"
        )
        head = Content.from_markup("\n".join(lines[:2]))
        tail = Content.from_markup("\n".join(lines[2:]))
        return Content("\n").join([head, *grid, tail])
