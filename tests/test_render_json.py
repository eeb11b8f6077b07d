"""The JSON wire format: lossless round trip, spans with quoted text and display positions, versions."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from starcoach.analysis.report import (
    SCHEMA_VERSION,
    Action,
    DimensionScore,
    Evidence,
    Finding,
    Probe,
    Quantity,
    Report,
    SentenceLabel,
    Severity,
    Span,
    SpeakingTime,
)
from starcoach.render.json import SchemaError, dumps, loads, report_from_dict, report_to_dict

ANSWER = (
    "Our checkout page was slow and we were losing customers.\r\n"
    "I was asked to fix it. We looked at the logs. The queries were optimized.\r\n"
    "I rewrote the caching layer. Latency dropped by 40% and revenue grew by $2M.\n"
    "<script>alert(1)</script> [brackets] *stars* I learned to measure first."
)


def span_of(text: str, needle: str, nth: int = 0) -> Span:
    """Return the span of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def sample_report(**changes: object) -> Report:
    """Return a hand-built report over ANSWER that exercises every field."""
    text = ANSWER
    s = lambda needle: span_of(text, needle)  # noqa: E731
    report = Report(
        text=text,
        question_type="proud",
        question_source="id",
        abstained=False,
        abstain_reason=None,
        findings=(
            Finding(
                "result.no_baseline",
                Severity.WARNING,
                "A striking number with no baseline",
                "Say what it was before and how you measured it.",
                "impact",
                span=s("revenue grew by $2M"),
                matched="revenue grew by $2M",
            ),
            Finding(
                "ownership.passive_action",
                Severity.SUGGESTION,
                "Passive voice hides who acted",
                "Say who optimized the queries.",
                "ownership",
                span=s("The queries were optimized"),
                matched="The queries were optimized",
                replacements=("I optimized the queries",),
                confidence=0.75,
            ),
            Finding(
                "reflection.missing_cost",
                Severity.ERROR,
                "No cost or trade-off named",
                "Name what it cost.",
                "self_awareness",
            ),
        ),
        sentences=(
            SentenceLabel(
                s("Our checkout page was slow and we were losing customers."), "situation", 0.9
            ),
            SentenceLabel(s("I was asked to fix it."), "task", 0.8),
            SentenceLabel(s("We looked at the logs."), "action", 0.6),
            SentenceLabel(s("The queries were optimized."), "action", 0.55),
            SentenceLabel(s("I rewrote the caching layer."), "action", 0.95),
            SentenceLabel(s("Latency dropped by 40% and revenue grew by $2M."), "result", 0.9),
            SentenceLabel(s("I learned to measure first."), "reflection", 0.7),
        ),
        parts_present=("situation", "task", "action", "result", "reflection"),
        actions=(
            Action(s("We looked at the logs."), "we", s("We looked")),
            Action(s("The queries were optimized."), "passive", None),
            Action(s("I rewrote the caching layer."), "i", s("I rewrote")),
        ),
        quantities=(
            Quantity(s("40%"), "percent", 40.0),
            Quantity(s("$2M"), "money", 2_000_000.0),
        ),
        scores=(
            DimensionScore(
                "ownership",
                3,
                "Some actions are the speaker's own",
                (
                    Evidence("acts as I", s("I rewrote the caching layer"), True),
                    Evidence("one action has no actor", None, False),
                ),
            ),
            DimensionScore(
                "impact", 4, "A measured outcome", (Evidence("a percentage", s("40%")),)
            ),
        ),
        overall=3.5,
        probes=(
            Probe(
                "How did you measure the $2M, and what was it before?",
                "a striking number with no baseline",
                "result.no_baseline",
                s("revenue grew by $2M"),
                0.9,
            ),
            Probe("What would you do differently?", "no cost named", "gap:reflection", None, 0.5),
        ),
        speaking=SpeakingTime(
            words=52, seconds=20.8, target_min_seconds=90, target_max_seconds=150
        ),
        role="software_engineer",
        question_text="Tell me about the project you are most proud of.",
        ruleset_version="2024.1",
        notices=("removed 1 control character",),
    )
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]


def bare_report(text: str, **changes: object) -> Report:
    """Return a report over `text` with no findings, labels or scores unless given."""
    empty: dict[str, object] = dict(
        text=text,
        findings=(),
        sentences=(),
        parts_present=(),
        actions=(),
        quantities=(),
        scores=(),
        overall=None,
        probes=(),
        notices=(),
    )
    empty.update(changes)
    return sample_report(**empty)


def test_round_trip_is_lossless() -> None:
    report = sample_report()
    assert report_from_dict(report_to_dict(report)) == report
    assert loads(dumps(report)) == report
    assert loads(dumps(report, indent=None).encode()) == report


def test_round_trip_of_an_abstained_report() -> None:
    report = bare_report(
        "Too short.",
        abstained=True,
        abstain_reason="too short to score",
        role=None,
        question_text=None,
    )
    data = json.loads(dumps(report))
    assert data["abstained"] is True
    assert data["scores"] == [] and data["overall"] is None
    assert loads(dumps(report)) == report


def test_versions_and_summary_are_written() -> None:
    data = report_to_dict(sample_report())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["ruleset_version"] == "2024.1"
    assert data["summary"]["findings_by_severity"] == {"suggestion": 1, "warning": 1, "error": 1}
    assert data["summary"]["actor_counts"]["passive"] == 1
    assert data["findings"][2]["span"] is None
    assert data["findings"][0]["severity"] == "warning"


def test_span_carries_quoted_text_and_display_position() -> None:
    report = sample_report()
    data = report_to_dict(report)
    span = data["findings"][0]["span"]
    assert ANSWER[span["start"] : span["end"]] == span["text"] == "revenue grew by $2M"
    # Third line: "\r\n" counts as one line break.
    assert span["line"] == 3
    line_start = ANSWER.index("I rewrote")
    assert span["column"] == span["start"] - line_start + 1
    first = data["sentences"][0]["span"]
    assert (first["line"], first["column"]) == (1, 1)


def test_lone_carriage_return_counts_as_line_break() -> None:
    text = "First line.\rSecond line is here."
    report = bare_report(
        text,
        findings=(Finding("x.y", Severity.WARNING, "m", "a", "impact", span_of(text, "Second")),),
    )
    span = report_to_dict(report)["findings"][0]["span"]
    assert (span["line"], span["column"]) == (2, 1)


def test_reader_ignores_unknown_keys_and_fills_defaults() -> None:
    data = report_to_dict(sample_report())
    data["schema_version"] = "1.7"
    data["a_future_field"] = {"anything": 1}
    data["findings"][0]["another_new_key"] = True
    del data["notices"]
    del data["role"]
    report = report_from_dict(data)
    assert report.schema_version == "1.7"
    assert report.notices == ()
    assert report.role is None
    assert report.findings[0].rule_id == "result.no_baseline"


def test_reader_only_trusts_start_and_end() -> None:
    data = report_to_dict(sample_report())
    data["findings"][0]["span"]["text"] = "something else"
    data["findings"][0]["span"]["line"] = 99
    assert report_from_dict(data) == sample_report()


@pytest.mark.parametrize("version", ["2.0", "0.9", "x", None, 1])
def test_reader_rejects_other_major_versions(version: object) -> None:
    data = report_to_dict(sample_report())
    data["schema_version"] = version
    with pytest.raises(SchemaError):
        report_from_dict(data)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("text"),
        lambda d: d.pop("speaking"),
        lambda d: d["findings"][0].update(severity="catastrophic"),
        lambda d: d["findings"][0].update(span={"start": 5, "end": 2}),
        lambda d: d["sentences"][0].update(span=None),
        lambda d: d.update(findings="not a list"),
        lambda d: d["scores"][0].update(score="high"),
    ],
)
def test_reader_raises_schema_error_on_malformed_input(mutate: object) -> None:
    data = report_to_dict(sample_report())
    mutate(data)  # type: ignore[operator]
    with pytest.raises(SchemaError):
        report_from_dict(data)


def test_loads_rejects_non_json_and_non_objects() -> None:
    with pytest.raises(SchemaError):
        loads("{not json")
    with pytest.raises(SchemaError):
        loads("[1, 2]")


def test_non_ascii_is_kept() -> None:
    text = "Wir haben die Latenz um 40 % gesenkt — ich war verantwortlich."
    report = bare_report(text)
    assert "—" in dumps(report)
    assert loads(dumps(report)) == report


SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"


def _doc_example() -> dict[str, Any]:
    block = SCHEMA_DOC.read_text(encoding="utf-8").split("```json", 1)[1].split("```", 1)[0]
    value: dict[str, Any] = json.loads(block)
    return value


def test_documented_example_is_a_readable_report_with_true_spans() -> None:
    data = _doc_example()
    report = report_from_dict(data)
    # Writing it back gives the documented document: the spans' text, line and column agree.
    assert report_to_dict(report) == data


def test_every_written_key_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", SCHEMA_DOC.read_text("utf-8"), re.M))
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in {"findings_by_severity", "actor_counts"} or isinstance(item, dict):
                    keys.add(key)
                if key not in {"findings_by_severity", "actor_counts"}:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(report_to_dict(sample_report()))
    assert keys - documented == set()


def test_documented_version_is_the_current_one() -> None:
    assert f"schema version {SCHEMA_VERSION}" in SCHEMA_DOC.read_text("utf-8")
    assert _doc_example()["schema_version"] == SCHEMA_VERSION


def test_contradictions_and_reference_round_trip() -> None:
    from starcoach.analysis import analyze
    from starcoach.render.json import report_from_dict, report_to_dict

    story = "I led a team of 5 engineers."
    answer = (
        "I led a team of 9 engineers and we cut costs by 40%. I rewrote the billing jobs myself."
    )
    report = analyze(answer, "proud", reference=story)
    assert report.contradictions
    data = report_to_dict(report)
    assert "5" in data["contradictions"][0]["reference_span"]["text"]
    assert report_from_dict(data) == report
