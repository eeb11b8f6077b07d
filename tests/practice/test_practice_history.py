"""History: retry deltas, recurring findings, the weakest dimension, series, sparklines and the chart."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from practice_answers import STRONG_PROUD, WEAK_FAILURE, WEAK_PROUD

from starcoach.analysis import analyze
from starcoach.analysis.report import Report
from starcoach.practice.charts import progress_svg
from starcoach.practice.history import (
    Point,
    recurring_findings,
    retry_delta,
    rule_label,
    series_by_dimension,
    series_by_question,
    series_by_question_dimension,
    sparkline,
    trend,
    weakest_dimension,
)

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class _Attempt:
    question_id: str
    created_at: dt.datetime
    session_id: str
    report: Report


def _attempts(*texts: tuple[str, str]) -> list[_Attempt]:
    return [
        _Attempt(q, T0 + dt.timedelta(days=i), f"s{i}", analyze(text, q))
        for i, (text, q) in enumerate(texts)
    ]


def test_retry_delta_lists_score_changes_and_findings_gone_and_new() -> None:
    before = analyze(WEAK_PROUD, "proud")
    after = analyze(STRONG_PROUD, "proud")
    delta = retry_delta(before, after)
    assert delta.question_id == "proud"
    changes = {d.dimension: d.change for d in delta.dimensions}
    assert changes["ownership"] == 4 and changes["impact"] == 3
    assert delta.overall_change == round(after.overall - before.overall, 2)  # type: ignore[operator]
    gone = {f.rule_id for f in delta.gone}
    assert {"reflection.missing", "ownership.no_personal_action", "result.no_number"} <= gone
    assert delta.new == () and delta.kept == ()
    same = retry_delta(before, before)
    assert (
        same.gone == ()
        and same.new == ()
        and set(same.kept) == {f.rule_id for f in before.findings}
    )


def test_recurring_findings_need_two_hits_and_forty_percent() -> None:
    attempts = _attempts(
        (WEAK_PROUD, "proud"),
        (STRONG_PROUD, "proud"),
        (WEAK_PROUD.replace("last job", "old job"), "proud"),
        (STRONG_PROUD, "proud"),
        (WEAK_FAILURE, "failure"),
    )
    found = {r.rule_id: r for r in recurring_findings(attempts)}
    # Three of the five answers had no number behind the result; two had no reflection.
    assert found["result.no_number"].count == 3 and found["result.no_number"].window == 5
    assert found["reflection.missing"].count == 2
    assert found["reflection.missing"].sentence() == (
        "no reflection on what you would do differently in 2 of your last 5 answers"
    )
    assert "failure.no_change" not in found  # once is not a habit
    assert recurring_findings(attempts, window=1) == []
    assert recurring_findings([]) == []


def test_the_weakest_dimension_is_the_lowest_recent_mean() -> None:
    attempts = _attempts((WEAK_PROUD, "proud"), (STRONG_PROUD, "proud"))
    weakest = weakest_dimension(attempts)
    means: dict[str, list[int]] = {}
    for a in attempts:
        for s in a.report.scores:
            means.setdefault(s.dimension, []).append(s.score)
    lowest = min(sum(v) / len(v) for v in means.values())
    assert weakest is not None and sum(means[weakest]) / len(means[weakest]) == lowest
    assert weakest_dimension([]) is None
    assert weakest_dimension(attempts, last=1) == "communication"


def test_series_and_trends_per_prompt_and_dimension() -> None:
    attempts = _attempts((WEAK_PROUD, "proud"), (WEAK_FAILURE, "failure"), (STRONG_PROUD, "proud"))
    by_question = series_by_question(attempts)
    assert list(by_question) == ["proud", "failure"]
    weak, strong = (p.value for p in by_question["proud"])
    assert (weak, strong) == (1.0, attempts[2].report.overall)
    assert strong >= 3.5
    brief = trend(by_question["proud"])
    assert brief is not None and (brief.first, brief.last, brief.change, brief.best) == (
        weak,
        strong,
        round(strong - weak, 2),
        strong,
    )
    by_dimension = series_by_dimension(attempts)
    assert [p.value for p in by_dimension["ownership"]] == [1.0, 1.0, 5.0]
    assert "growth" in by_dimension and len(by_dimension["growth"]) == 1
    assert trend([]) is None


def test_dimension_trends_compare_answers_to_the_same_prompt_only() -> None:
    attempts = _attempts((WEAK_PROUD, "proud"), (STRONG_PROUD, "failure"), (STRONG_PROUD, "proud"))
    per_prompt = series_by_question_dimension(attempts)
    assert list(per_prompt) == ["proud", "failure"]
    # Two proud answers, one failure answer: the failure answer never joins the proud trend.
    assert [p.session_id for p in per_prompt["proud"]["ownership"]] == ["s0", "s2"]
    assert [p.session_id for p in per_prompt["failure"]["ownership"]] == ["s1"]
    for question_id, dims in per_prompt.items():
        for points in dims.values():
            assert {p.question_id for p in points} == {question_id}


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        (4.56, 4.64, (4.6, 4.6, 0.0)),
        (4.64, 4.56, (4.6, 4.6, 0.0)),
        (1.04, 3.96, (1.0, 4.0, 3.0)),
        (2.25, 2.35, (2.2, 2.4, 0.2)),
    ],
)
def test_shown_change_is_the_difference_of_the_shown_values(
    first: float, last: float, shown: tuple[float, float, float]
) -> None:
    points = [Point(T0, first, "a", "proud"), Point(T0, last, "b", "proud")]
    brief = trend(points)
    assert brief is not None
    values = brief.shown(1)
    assert values == shown
    assert f"{values[2]:+.1f}" != "-0.0"
    assert round(values[1] - values[0], 1) == values[2]


def test_sparkline_maps_the_scale_onto_eight_blocks() -> None:
    assert sparkline([1, 3, 5]) == "▁▅█"
    assert sparkline([0, 9]) == "▁█"
    assert sparkline([]) == ""


def test_rule_labels_fall_back_to_the_message_as_a_phrase() -> None:
    assert rule_label("ownership.unclear_actor").startswith("'we'")
    assert rule_label("made.up", "Something went wrong.") == "something went wrong"
    assert rule_label("made.up") == "made.up"


def test_the_chart_is_valid_svg_with_escaped_labels_and_no_external_references() -> None:
    points = [Point(T0 + dt.timedelta(days=i), v, "s", "proud") for i, v in enumerate((1, 3, 4.5))]
    svg = progress_svg({"proud <b>&": points, "failure": points[:1]}, title="Mine & yours <3")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [e.text or "" for e in root.iter() if e.tag.endswith("text")]
    assert "proud <b>&" in texts and "Mine & yours <3" in texts
    assert len([e for e in root.iter() if e.tag.endswith("polyline")]) == 1
    assert "href" not in svg and "<script" not in svg
    # Higher scores sit higher on the chart.
    line = next(e for e in root.iter() if e.tag.endswith("polyline"))
    ys = [float(pair.split(",")[1]) for pair in line.get("points", "").split()]
    assert ys[0] > ys[1] > ys[2]
    empty = ET.fromstring(progress_svg({}))
    assert any("No scored answers" in (e.text or "") for e in empty.iter())
