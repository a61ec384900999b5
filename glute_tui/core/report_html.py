"""The physio report as one self-contained HTML file: inline CSS and SVG, no scripts, no
links to anything, laid out for A4. Pure string building from a `Report`."""

from __future__ import annotations

from html import escape

from glute_tui.core.report import LSI_PASS, PAIN_KEYS, PAIN_LABELS, PAIN_LIMIT, Report
from glute_tui.core.svg_chart import Band, Series, chart
from glute_tui.core.words import plural, routine_title

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
  max-width: 186mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 16pt; margin: 0 0 2px; }
h2 { font-size: 12pt; margin: 14px 0 4px; border-bottom: 1px solid #999; }
p { margin: 3px 0; }
.muted { color: #555; }
.glance { border: 1.5px solid #333; padding: 6px 10px; margin: 8px 0; }
.glance li { margin: 1px 0; }
.flag { font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 4px 0; }
th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; }
th { background: #eee; }
svg.chart { width: 100%; height: auto; display: block; }
section { break-inside: avoid; page-break-inside: avoid; }
@media print { body { padding: 0; } h2 { break-after: avoid; } }
"""

SECTIONS = (  # id, heading: the test checks every one is there
    ("glance", "At a glance"),
    ("plan", "The plan as it stands"),
    ("stages", "Stage history"),
    ("adherence", "Adherence: days trained per week"),
    ("volume", "Per-side volume"),
    ("lsi", "Limb symmetry (LSI)"),
    ("pain", "Pain"),
    ("stops", "Why sessions stopped early"),
    ("notes", "Notes"),
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _week_label(r: Report, i: int) -> str:
    """A week's Monday: day and month over half a year or less, month and year beyond."""
    return r.week_rows[i].start.strftime("%d %b" if r.weeks <= 26 else "%b %Y")


def _fmt(v: float | None, suffix: str = "") -> str:
    return "–" if v is None else f"{v:.1f}{suffix}" if v % 1 else f"{v:.0f}{suffix}"


def _bands(r: Report) -> list[Band]:
    """Stage bands on the weekly axis: one where each stage of the period begins."""
    out = []
    for s in r.stages:
        i = max(0, (_day_index(r, s.since.isoformat())) // 7)
        if i < r.weeks:
            out.append(Band(i, s.name))
    return out


def _day_index(r: Report, day: str) -> int:
    from datetime import date

    return (date.fromisoformat(day) - r.first).days


def _sides(r: Report) -> list[str]:
    if r.weak in ("left", "right"):
        return [r.weak, "right" if r.weak == "left" else "left"]
    return ["left", "right"]


def _side_label(r: Report, side: str) -> str:
    if r.weak is None:
        return side
    return f"{side} (weak)" if side == r.weak else f"{side} (strong)"


def glance(r: Report) -> str:
    judged = [w.adherence for w in r.week_rows if w.adherence is not None]
    mean_adh = round(sum(judged) / len(judged)) if judged else None
    weeks_ok = sum(1 for a in judged if a >= 80)
    items = [
        f"{plural(r.total_sessions, 'session')} in {plural(r.weeks, 'week')} "
        f"({r.completed} completed).",
        (
            f"Adherence averaged {mean_adh}% of what the programme asked; {weeks_ok} of "
            f"{plural(len(judged), 'week')} "
            "at 80% or more."
            if mean_adh is not None
            else "Adherence: no complete week to judge yet."
        ),
    ]
    lowest = r.lsi[-1].lowest if r.lsi else None
    if lowest is not None:
        mark = "passes the 90% mark" if lowest >= LSI_PASS else "below the 90% mark"
        items.append(f"Latest LSI ({r.lsi[-1].day}): lowest test {_fmt(lowest, '%')}, {mark}.")
    else:
        items.append("No measured LSI yet.")
    nm = [w.pain["pain_next_morning"] for w in r.week_rows if w.pain["pain_next_morning"]]
    pain = (
        f"{r.over_limit} session{'s' if r.over_limit != 1 else ''} with a pain score above "
        f"{PAIN_LIMIT}/10."
    )
    if r.over_limit:
        pain = f'<span class="flag">{pain}</span>'
    items.append(pain + (f" Next-morning pain averaged {sum(nm) / len(nm):.1f}/10." if nm else ""))
    if r.stages:
        now = r.stages[-1]
        changes = len(r.stages) - 1
        items.append(
            f"Stage now: {_e(now.name)} since {now.since.isoformat()}"
            + (f" ({plural(changes, 'change')} in the period)." if changes else ".")
        )
    if r.plan_lines:
        items.append(_e(r.plan_lines[0]))
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f'<section id="glance" class="glance"><h2>At a glance</h2><ul>{lis}</ul></section>'


def _plan(r: Report) -> str:
    body = "".join(f"<p>{_e(line)}</p>" for line in r.plan_lines)
    if r.pauses:
        spans = ", ".join(f"{a} to {b}" for a, b in r.pauses)
        body += f"<p>Injury pauses in this period (not counted): {_e(spans)}.</p>"
    return f'<section id="plan"><h2>The plan as it stands</h2>{body}</section>'


def _stages(r: Report) -> str:
    if not r.stages:
        body = (
            "<p>Nothing recorded yet: the programme begins with the first session or "
            "self-assessment.</p>"
        )
    else:
        rows = "".join(
            f"<tr><td>{_e(s.name)}</td><td>{s.since.isoformat()}</td><td>{_e(s.why)}</td></tr>"
            for s in r.stages
        )
        body = f"<table><tr><th>stage</th><th>since</th><th>why</th></tr>{rows}</table>"
    return f'<section id="stages"><h2>Stage history</h2>{body}</section>'


def _adherence(r: Report) -> str:
    labels = [_week_label(r, i) for i in range(r.weeks)]
    svg = chart(
        "adh",
        labels,
        [Series("adherence, % of the programme", [w.adherence for w in r.week_rows], "bar")],
        y_max=100,
        y_unit="%",
        ref=(80, "80% on track"),
        bands=_bands(r),
        title="Adherence per week",
    )
    head = "".join(f"<th>{_e(routine_title(x))} sessions</th>" for x in r.routines)
    rows = "".join(
        f"<tr><td>{w.start.isoformat()}</td><td>{w.days_trained} of {w.days_in_week}</td>"
        + "".join(f"<td>{w.sessions.get(x, 0)}</td>" for x in r.routines)
        + f"<td>{_fmt(None if w.adherence is None else float(w.adherence), '%')}</td></tr>"
        for w in reversed(r.week_rows[-12:])
    )
    note = " (the last 12 weeks, newest first)" if r.weeks > 12 else " (newest first)"
    return (
        '<section id="adherence"><h2>Adherence: days trained per week</h2>'
        f"{svg}<table><tr><th>Week of</th><th>days trained</th>{head}<th>adherence</th></tr>"
        f"{rows}</table><p class='muted'>Days trained: days with a completed session, out of "
        f"the week's days so far (paused days left out){note}. Adherence: share of the "
        "sessions the programme asked for (each day's due list of its stage) that were done, "
        "over the week's complete days.</p></section>"
    )


def _volume(r: Report) -> str:
    sides = _sides(r)
    labels = [_week_label(r, i) for i in range(r.weeks)]
    holds = chart(
        "vol",
        labels,
        [
            Series(f"holds {_side_label(r, s)}", [float(w.holds[s]) for w in r.week_rows], "bar")
            for s in sides
        ],
        bands=_bands(r),
        title="Completed holds per week and side",
    )
    tot = {
        s: (sum(w.holds[s] for w in r.week_rows), sum(w.reps[s] for w in r.week_rows))
        for s in sides
    }
    rows = "".join(
        f"<tr><td>{_e(_side_label(r, s))}</td><td>{tot[s][0]}</td><td>{tot[s][1]}</td></tr>"
        for s in sides
    )
    return (
        '<section id="volume"><h2>Per-side volume</h2>'
        f"{holds}<table><tr><th>side</th><th>holds in {plural(r.weeks, 'week')}</th>"
        f"<th>reps of paced drills</th></tr>{rows}</table></section>"
    )


def _lsi(r: Report) -> str:
    if not r.lsi:
        return (
            '<section id="lsi"><h2>Limb symmetry (LSI)</h2><p>No measured self-assessment '
            "yet.</p></section>"
        )
    labels = [row.day for row in r.lsi]
    series = [Series(name, [row.tests.get(name) for row in r.lsi]) for name in r.lsi_tests[:4]]
    low = min([v for row in r.lsi for v in row.tests.values()] + [LSI_PASS])
    svg = chart(
        "lsi",
        labels,
        series,
        y_min=max(0.0, (low // 10) * 10 - 10),
        y_max=100,
        y_unit="%",
        ref=(LSI_PASS, "90% pass"),
        title="LSI per test over time",
    )
    head = "".join(f"<th>{_e(n)}</th>" for n in r.lsi_tests)
    rows = "".join(
        f"<tr><td>{_e(row.day)}</td>"
        + "".join(f"<td>{_fmt(row.tests.get(n), '%')}</td>" for n in r.lsi_tests)
        + f"<td class='text'>{_e(row.verdict)}</td></tr>"
        for row in reversed(r.lsi[-12:])
    )
    return (
        '<section id="lsi"><h2>Limb symmetry (LSI)</h2>'
        f"{svg}<table><tr><th>taken</th>{head}<th>verdict</th></tr>{rows}</table>"
        "<p class='muted'>LSI = weaker side as % of the stronger; 90% or more is the usual "
        "pass mark.</p></section>"
    )


def _pain(r: Report) -> str:
    labels = [_week_label(r, i) for i in range(r.weeks)]
    series = [
        Series(PAIN_LABELS[k], [w.pain[k] for w in r.week_rows])
        for k in PAIN_KEYS
        if any(w.pain[k] is not None for w in r.week_rows)
    ]
    svg = chart(
        "pain",
        labels,
        series,
        y_max=10,
        ref=(PAIN_LIMIT, "5/10 limit"),
        bands=_bands(r),
        title="Weekly mean pain, 0-10",
    )
    return (
        '<section id="pain"><h2>Pain</h2>'
        f"{svg}<p class='muted'>Weekly means of the scores logged (0-10). Up to 5/10 during "
        "exercise is acceptable if it settles by the next morning.</p></section>"
    )


def _stops(r: Report) -> str:
    if not r.stop_reasons:
        body = "<p>No session was stopped early in this period.</p>"
    else:
        rows = "".join(
            f"<tr><td>{_e(rt)}</td><td class='text'>{_e(why)}</td><td>{n}</td></tr>"
            for rt, why, n in r.stop_reasons
        )
        body = f"<table><tr><th>routine</th><th>reason</th><th>sessions</th></tr>{rows}</table>"
    return f'<section id="stops"><h2>Why sessions stopped early</h2>{body}</section>'


def _notes(r: Report) -> str:
    if not r.notes:
        body = "<p>No notes in this period.</p>"
    else:
        rows = "".join(
            f"<tr><td>{_e(n.day)}</td><td class='text'>{_e(n.routine)}</td>"
            f"<td class='text'>{_e(n.text)}</td></tr>"
            for n in r.notes
        )
        more = (
            f"<p class='muted'>{r.notes_left_off} older notes left off.</p>"
            if r.notes_left_off
            else ""
        )
        body = f"<table><tr><th>day</th><th>routine</th><th>note</th></tr>{rows}</table>{more}"
    return f'<section id="notes"><h2>Notes</h2>{body}</section>'


def render_html(r: Report) -> str:
    last = r.today.isoformat()
    since = f" Training recorded since {r.first_ever}." if r.first_ever else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>glute-tui report {last}</title><style>{CSS}</style></head><body>",
        "<h1>Glute rehab progress report" + (f": {_e(r.who)}" if r.who else "") + "</h1>",
        f"<p>Self-logged training with glute-tui, {r.first.isoformat()} to {last} "
        f"({plural(r.weeks, 'week')}), made {last}.{_e(since)}</p>",
        "<p class='muted'>Recorded by the user at home; educational software, not a "
        "clinical measurement.</p>",
        glance(r),
        _plan(r),
        _stages(r),
        _adherence(r),
        _volume(r),
        _lsi(r),
        _pain(r),
        _stops(r),
        _notes(r),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
