"""`starcoach history`: your practice over time, per prompt and per dimension.

Shows each prompt's overall score across attempts and each dimension's, as a compact terminal chart
(one block character per attempt), the findings that keep coming back, and the attempts themselves.
`--chart FILE.svg` also draws the scores as an image any browser opens. Heavy imports wait until the
command runs.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from starcoach.cli.output import fail, note, write_stdout

if TYPE_CHECKING:
    from starcoach.practice.history import Point
    from starcoach.storage.attempts import AttemptRecord

HELP = (
    "Your practice over time: scores per prompt and per dimension, the findings that keep coming "
    "back, and a chart (--chart FILE.svg)."
)
EPILOG = "Exit codes: 0 done; 2 usage error (unknown prompt or dimension, database unavailable)."


class HistoryFormat(StrEnum):
    """How `history` writes its result."""

    text = "text"
    json = "json"


def _line(text: str = "") -> None:
    write_stdout(text + "\n")


def _trend_text(points: list[Point]) -> str:
    from starcoach.practice.history import sparkline, trend

    brief = trend(points)
    if brief is None:
        return ""
    spark = sparkline([p.value for p in points[-20:]])
    if brief.count == 1:
        return f"{spark:<20}  {brief.last:.1f}"
    change = f" ({brief.change:+.1f})"
    return f"{spark:<20}  {brief.first:.1f} → {brief.last:.1f}{change}  best {brief.best:.1f}"


def _as_json(
    attempts: list[AttemptRecord],
    by_question: dict[str, list[Point]],
    by_dimension: dict[str, list[Point]],
    recurring: list[Any],
) -> dict[str, Any]:
    def series(points: list[Point]) -> list[dict[str, Any]]:
        return [
            {"when": p.when.isoformat(), "value": p.value, "session": p.session_id} for p in points
        ]

    return {
        "attempts": [
            {
                "session": a.session_id,
                "when": a.created_at.isoformat(),
                "question_id": a.question_id,
                "asked": a.asked,
                "overall": None if a.report.abstained else a.report.overall,
                "scores": {s.dimension: s.score for s in a.report.scores},
                "findings": [f.rule_id for f in a.report.findings],
                "elapsed_seconds": a.elapsed_seconds,
                "delivery": _delivery(a),
                "schema_version": a.schema_version,
                "ruleset_version": a.ruleset_version,
            }
            for a in attempts
        ],
        "by_question": {q: series(p) for q, p in by_question.items()},
        "by_dimension": {d: series(p) for d, p in by_dimension.items()},
        "recurring": [
            {
                "rule_id": r.rule_id,
                "label": r.label,
                "count": r.count,
                "window": r.window,
                "text": r.sentence(),
            }
            for r in recurring
        ],
    }


def _delivery(attempt: AttemptRecord) -> dict[str, float | None] | None:
    if not attempt.delivery:
        return None
    from starcoach.speech.delivery import delivery_summary

    return delivery_summary(attempt.delivery)


def _delivery_lines(attempts: list[AttemptRecord]) -> list[str]:
    """Return the spoken answers' pace, fillers and pauses over time, one chart line each."""
    from starcoach.practice.history import sparkline

    spoken = [(a, s) for a in attempts if (s := _delivery(a)) is not None]
    if not spoken:
        return []
    lines = [f"Delivery of spoken answers ({len(spoken)}, oldest to newest)"]
    for key, label, low, high, unit in (
        ("pace_wpm", "pace", 60.0, 200.0, "words/min; fine 100–165"),
        ("fillers_per_minute", "fillers", 0.0, 15.0, "a minute; fine up to 5"),
        ("mid_clause_pauses", "mid-clause pauses", 0.0, 6.0, "long pauses"),
    ):
        values = [v for _, s in spoken[-20:] if (v := s[key]) is not None]
        if not values:
            continue
        spark = sparkline([float(v) for v in values], low, high)
        lines.append(f"  {label:<17} {spark:<20}  {values[0]:g} → {values[-1]:g} {unit}")
    return lines


def history(
    question: Annotated[
        str | None,
        typer.Option("--question", "-q", metavar="ID", help="Only this prompt."),
    ] = None,
    dimension: Annotated[
        str | None,
        typer.Option("--dimension", "-d", help="Only this dimension in the dimension view."),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option("--last", "-n", min=1, help="Only the last N answers."),
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", metavar="FILE.svg", help="Also draw the scores as an SVG image."),
    ] = None,
    output_format: Annotated[
        HistoryFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="How to write the result."),
    ] = HistoryFormat.text,
) -> None:
    """Show your practice history and progress."""
    from starcoach.analysis.question import resolve_question
    from starcoach.content import UnknownQuestionError, load_content

    question_id = None
    if question is not None:
        try:
            question_id, source, _ = resolve_question(question)
        except UnknownQuestionError as exc:
            fail(str(exc))
        if source not in ("id",):
            fail(
                f"--question takes a prompt id such as proud (valid ids: {', '.join(load_content().questions)})"
            )
    dimensions = load_content().dimensions
    if dimension is not None and dimension not in dimensions:
        fail(f"unknown dimension {dimension!r} (valid dimensions: {', '.join(dimensions)})")

    from starcoach.practice.charts import progress_svg
    from starcoach.practice.history import (
        recurring_findings,
        series_by_dimension,
        series_by_question,
    )
    from starcoach.storage.attempts import AttemptStore
    from starcoach.storage.db import open_database
    from starcoach.storage.errors import DatabaseUnavailable

    try:
        store = AttemptStore(open_database())
    except DatabaseUnavailable as exc:
        fail(str(exc))
    attempts = store.attempts(question_id=question_id)
    if last is not None:
        attempts = attempts[-last:]
    by_question = series_by_question(attempts)
    by_dimension = series_by_dimension(attempts)
    if dimension is not None:
        by_dimension = {d: p for d, p in by_dimension.items() if d == dimension}
    recurring = recurring_findings(attempts)

    if chart is not None:
        series = by_dimension if question_id is not None or dimension is not None else by_question
        title = (
            f"{question_id}: scores per dimension" if question_id else "Overall score per prompt"
        )
        if dimension is not None:
            title = f"{dimensions[dimension].name} over time"
        try:
            chart.write_text(progress_svg(series, title), encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write {chart}: {exc.strerror or exc}")

    if output_format is HistoryFormat.json:
        data = _as_json(attempts, by_question, by_dimension, recurring)
        write_stdout(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        if chart is not None:
            note(f"chart written to {chart}")
        return

    if not attempts:
        scope = f" for {question_id}" if question_id else ""
        _line(f"No practice answers yet{scope}. Start a session with: starcoach practice")
        return
    sessions = {a.session_id for a in attempts}
    first, latest = attempts[0].created_at.astimezone(), attempts[-1].created_at.astimezone()
    _line(
        f"Practice history: {len(attempts)} answer{'s' if len(attempts) != 1 else ''} to "
        f"{len({a.question_id for a in attempts})} prompt(s) in {len(sessions)} session(s), "
        f"{first:%Y-%m-%d} to {latest:%Y-%m-%d}"
    )
    _line()
    _line("By prompt (overall score, oldest to newest)")
    for qid, points in by_question.items():
        count = f"{len(points)} answer{'s' if len(points) != 1 else ''}"
        _line(f"  {qid:<17} {count:<11} {_trend_text(points)}")
    _line()
    _line("By dimension")
    for dim, points in by_dimension.items():
        _line(f"  {dim:<17} {'':<11} {_trend_text(points)}")
    _line()
    delivery_lines = _delivery_lines(attempts)
    for text in delivery_lines:
        _line(text)
    if delivery_lines:
        _line()
    if recurring:
        _line(f"Findings that keep coming back (last {recurring[0].window} answers)")
        for r in recurring:
            _line(f"  - {r.sentence()} ({r.rule_id})")
    else:
        _line("No finding keeps coming back in your recent answers.")
    _line()
    _line("Attempts")
    for a in attempts[-15:]:
        when = a.created_at.astimezone()
        if a.report.abstained:
            overall = "  —"
        else:
            overall = f"{a.report.overall:.1f}" if a.report.overall is not None else "  —"
        scores = " · ".join(f"{s.dimension} {s.score}" for s in a.report.scores)
        _line(
            f"  {when:%Y-%m-%d %H:%M}  {a.question_id:<17} {overall:>4}  {scores}  [{a.session_id}]"
        )
    if len(attempts) > 15:
        _line(f"  ... and {len(attempts) - 15} earlier (see --format json)")
    _line()
    if chart is not None:
        _line(f"Chart written to {chart}.")
    else:
        _line("Draw these scores as an image: starcoach history --chart progress.svg")


def register(app: typer.Typer) -> None:
    """Add the `history` command to `app`."""
    app.command("history", help=HELP, epilog=EPILOG)(history)
