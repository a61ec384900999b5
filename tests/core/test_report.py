"""The physio report: the model adds up what the rows hold; the HTML is one file with no
external references, no script, and every section."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from glute_tui.core.demo import generate
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.core.records import session_row
from glute_tui.core.report import PAIN_LIMIT, build_report
from glute_tui.core.report_html import SECTIONS, render_html
from glute_tui.core.stage_history import StageSpan
from glute_tui.core.svg_chart import Series, chart
from glute_tui.core.words import routine_ids
from glute_tui.store import shipped
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()  # a Friday


def _row(day: date, routine: str = "hold", **fields: object) -> dict:
    start = f"{day.isoformat()}T08:00:00+01:00"
    session = {
        "id": f"{routine}-{day}-{fields.get('n', 0)}",
        "routine": routine,
        "started_at": start,
        "ended_at": f"{day.isoformat()}T08:05:00+01:00",
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": None,
        "pain_after": None,
        "effort": None,
        "phases": [],
    }
    session.update({k: v for k, v in fields.items() if k != "n"})
    return session_row(session)


def _demo_rows() -> tuple[list[dict], list[dict], Plan, list[dict]]:
    demo = generate(shipped.library(), shipped.protocols(), years=1, seed=3, now=FIXED_NOW)
    rows = sorted((session_row(s) for s in demo.sessions), key=lambda r: r["started_at"])
    return rows, demo.assessments, demo.plan, demo.pauses


def test_weeks_count_days_trained_sessions_pain_stops_and_notes() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    rows = [
        _row(monday, pain_before=2, pain_after=4, note="left hip sore"),
        _row(monday, n=1, pain_before=4, pain_after=6),
        _row(monday + timedelta(days=1), "circuit", pain_next_morning=3),
        _row(
            monday + timedelta(days=2),
            status="stopped",
            stop_reason="glutes_stopped",
            pain_during=7,
        ),
        _row(monday - timedelta(days=30), note="too old for 2 weeks"),
    ]
    rows.sort(key=lambda r: r["started_at"])
    notes = {monday.isoformat(): "rested the hip", "2020-01-01": "too old"}
    r = build_report(rows, [], Plan(), [], {}, TODAY, weeks=2, day_notes=notes)
    assert r.first == monday - timedelta(weeks=1)
    this = r.week_rows[-1]
    assert this.days_trained == 2  # the stopped session's day does not count as trained
    assert this.days_in_week == TODAY.weekday() + 1
    assert this.sessions == {"hold": 2, "circuit": 1} | {
        r: 0 for r in routine_ids() if r not in ("hold", "circuit")
    }
    assert this.pain["pain_before"] == 3.0
    assert this.pain["pain_after"] == 5.0
    assert this.pain["pain_during"] == 7.0
    assert this.pain["pain_next_morning"] == 3.0
    assert r.week_rows[0].days_trained == 0
    assert r.total_sessions == 4 and r.completed == 3
    assert r.over_limit == 2  # after 6 and during 7 are above 5/10
    assert r.stop_reasons == (("Hold timer", "glutes stopped", 1),)
    assert [(n.routine, n.text) for n in r.notes] == [
        ("Hold timer", "left hip sore"),
        ("the day", "rested the hip"),
    ]


def test_weeks_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="weeks"):
        build_report([], [], Plan(), [], {}, TODAY, weeks=0)


def test_lsi_table_names_the_tests_and_the_plan_is_spelled_out() -> None:
    a = {
        "id": "a1",
        "taken_at": "2026-11-01T09:00:00+01:00",
        "verdict": "right",
        "lsi": {"bridge_hold": 80.0, "balance": 95.5},
    }
    plan = plan_for_verdict("right", assessment_id="a1", created_at=a["taken_at"])
    assert plan is not None
    r = build_report([], [a], plan, [], {}, TODAY)
    assert r.lsi_tests == ("single-leg bridge hold", "single-leg balance")
    assert r.lsi[0].lowest == 80.0
    assert r.weak == "right"
    assert r.plan_lines[0] == "From the self-assessment of 2026-11-01: right side weaker."
    assert "Hold timer: right side only." in r.plan_lines


def test_html_is_one_file_with_no_external_reference_and_every_section() -> None:
    rows, assessments, plan, pauses = _demo_rows()
    html = render_html(build_report(rows, assessments, plan, pauses, {}, TODAY, weeks=12))
    assert html.startswith("<!DOCTYPE html>")
    lowered = html.lower()
    for bad in ("http:", "https:", "<script", "src=", "<link", "@import", "url(http"):
        assert bad not in lowered, bad
    # the only url(...) are the charts' own patterns, defined in the same file
    for ref in re.findall(r"url\(#([\w-]+)\)", html):
        assert f'id="{ref}"' in html
    for section_id, heading in SECTIONS:
        assert f'id="{section_id}"' in html
        assert heading in html
    assert html.count("<svg") == 4  # adherence, volume, LSI, pain
    assert "80% on track" in html and "90% pass" in html and "5/10 limit" in html
    # no stage given: the section says so, and no band pretends there is one
    assert "Nothing recorded yet: the programme begins" in html
    assert "Activate" not in html and "Stage now" not in html


def test_user_text_is_escaped() -> None:
    rows = [_row(TODAY, note="<script>alert(1)</script> & more")]
    html = render_html(build_report(rows, [], Plan(), [], {}, TODAY))
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_stage_bands_and_stage_history_from_the_stages_given() -> None:
    rows, assessments, plan, pauses = _demo_rows()
    first = TODAY - timedelta(days=TODAY.weekday() + 7 * 11)  # the period's first Monday
    stages = [
        StageSpan("activate", "Activate", first - timedelta(days=30), "Programme started"),
        StageSpan("integrate", "Integrate", first + timedelta(days=20), "Stage moved on"),
    ]
    older = StageSpan("activate", "Activate", first - timedelta(days=90), "long ago")
    r = build_report(rows, assessments, plan, pauses, {}, TODAY, weeks=12, stages=[older, *stages])
    assert r.stages == tuple(stages)  # the one in effect when the period began, then later ones
    html = render_html(r)
    section = html[html.index('id="stages"') : html.index('id="adherence"')]
    assert "<td>Activate</td>" in section and "long ago" not in section
    assert f"<td>Integrate</td><td>{(first + timedelta(days=20)).isoformat()}</td>" in section
    assert "Stage moved on" in section
    assert f"Stage now: Integrate since {(first + timedelta(days=20)).isoformat()}" in html
    assert ">Integrate<" in html[html.index('id="adherence"') :]  # a band on the chart


def test_chart_has_axes_labels_legend_and_reference_line() -> None:
    svg = chart(
        "t",
        ["01 Jan", "08 Jan", "15 Jan"],
        [Series("pain after", [1.0, None, 6.0]), Series("bars", [2.0, 3.0, 4.0], "bar")],
        y_max=10,
        ref=(PAIN_LIMIT, "5/10 limit"),
    )
    assert svg.count("<polyline") == 0  # a gap splits the line: two single points
    assert "01 Jan" in svg and "15 Jan" in svg
    assert ">pain after<" in svg and ">bars<" in svg and ">5/10 limit<" in svg
    assert ">10<" in svg and ">0<" in svg  # y axis ticks
