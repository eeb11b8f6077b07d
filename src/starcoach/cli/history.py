"""`starcoach history`: your practice over time, per prompt and per dimension.

Shows each prompt's overall score across attempts and each dimension's, as a compact terminal chart
(one block character per attempt), the findings that keep coming back, and the attempts themselves.
`--chart FILE.svg` also draws the scores as an image any browser opens. Heavy imports wait until the
command runs.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from starcoach.cli.output import fail, note, write_file, write_stdout

if TYPE_CHECKING:
    from rich.console import RenderableType

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


def trend_text(points: list[Point]) -> str:
    """Return "▂▄▆  2.1 → 3.4 (+1.3)  best 3.4": the values as shown and the change between them."""
    from starcoach.practice.history import sparkline, trend

    brief = trend(points)
    if brief is None:
        return ""
    spark = sparkline([p.value for p in points[-12:]])
    if brief.count == 1:
        return f"{spark}  {brief.last:.1f}"
    first, last, change = brief.shown(1)
    return f"{spark}  {first:.1f} → {last:.1f} ({change:+.1f})  best {brief.best:.1f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _delivery_lines(attempts: list[AttemptRecord]) -> list[str]:
    """Return the spoken answers' pace, fillers and pauses over time, one chart line each."""
    from starcoach.practice.documents import attempt_delivery
    from starcoach.practice.history import sparkline

    spoken = [(a, s) for a in attempts if (s := attempt_delivery(a)) is not None]
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
        typer.Option(
            "--chart",
            metavar="FILE.svg",
            help="Also draw the scores as an SVG image (the name must end in .svg).",
        ),
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
    if chart is not None and chart.suffix.lower() != ".svg":
        # The chart is drawn as SVG; writing it under another extension would give a broken image.
        fail(f"--chart writes an SVG image; give a file name ending in .svg, not {chart.name!r}")

    from starcoach.practice.charts import progress_svg
    from starcoach.practice.history import (
        recurring_findings,
        series_by_question,
        series_by_question_dimension,
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
    by_dimension = series_by_question_dimension(attempts, dimension)
    recurring = recurring_findings(attempts)

    if chart is not None:
        if dimension is not None:
            # One line per prompt: the dimension's score in answers to that prompt.
            series = {q: dims[dimension] for q, dims in by_dimension.items()}
            title = f"{dimensions[dimension].name} over time, per prompt"
            if question_id is not None:
                title = f"{question_id}: {dimensions[dimension].name} over time"
        elif question_id is not None:
            series = by_dimension.get(question_id, {})
            title = f"{question_id}: scores per dimension"
        else:
            series = by_question
            title = "Overall score per prompt"
        write_file(chart, progress_svg(series, title))

    if output_format is HistoryFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.practice.documents import progress_document

        write_json(progress_document(attempts, question_id, dimension))
        if chart is not None:
            note(f"chart written to {chart}")
        return

    if not attempts:
        scope = f" for {question_id}" if question_id else ""
        write_stdout(f"No practice answers yet{scope}. Start a session with: starcoach practice\n")
        return
    from starcoach.cli.output import print_rich

    print_rich(_history_view(attempts, by_question, by_dimension, recurring, chart))


def _history_view(
    attempts: list[AttemptRecord],
    by_question: dict[str, list[Point]],
    by_dimension: dict[str, dict[str, list[Point]]],
    recurring: list[Any],
    chart: Path | None,
) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from starcoach.cli.tables import Column, table_block

    def heading(title: str) -> Text:
        return Text(f"\n{title}", style="bold")

    def indent(block: RenderableType) -> RenderableType:
        return Padding(block, (0, 0, 0, 2), expand=False)

    sessions = {a.session_id for a in attempts}
    first, latest = attempts[0].created_at.astimezone(), attempts[-1].created_at.astimezone()
    prompts = len({a.question_id for a in attempts})
    parts: list[RenderableType] = [
        Text(
            f"Practice history: {_plural(len(attempts), 'answer')} to {_plural(prompts, 'prompt')}"
            f" in {_plural(len(sessions), 'session')}, {first:%Y-%m-%d} to {latest:%Y-%m-%d}"
        ),
        heading("By prompt (overall score, oldest to newest)"),
    ]
    rows: list[list[str | Text]] = [
        [qid, _plural(len(points), "answer"), trend_text(points)]
        for qid, points in by_question.items()
    ]
    parts.append(
        table_block(
            [
                Column("prompt", key=True),
                Column("answers", wrap=False),
                Column("trend", wrap=False),
            ],
            rows,
        )
    )
    parts.append(heading("By dimension, per prompt (answers to the same prompt compared)"))
    for qid, dims in by_dimension.items():
        dim_rows: list[list[str | Text]] = [
            [dim, trend_text(points)] for dim, points in dims.items()
        ]
        parts.append(
            table_block(
                [Column(f"{qid}: dimension", key=True), Column("trend", wrap=False)], dim_rows
            )
        )
    delivery_lines = _delivery_lines(attempts)
    if delivery_lines:
        parts.append(heading(delivery_lines[0]))
        parts.append(Text("\n".join(delivery_lines[1:])))
    if recurring:
        parts.append(
            heading(f"Findings that keep coming back (last {recurring[0].window} answers)")
        )
        from starcoach.cli.output import bullets

        parts.append(indent(bullets([f"{r.sentence()} ({r.rule_id})" for r in recurring])))
    else:
        parts.append(heading("No finding keeps coming back in your recent answers."))
    parts.append(heading("Attempts"))
    attempt_rows: list[list[str | Text]] = []
    for a in attempts[-15:]:
        overall = "—"
        if not a.report.abstained and a.report.overall is not None:
            overall = f"{a.report.overall:.1f}"
        scores = " · ".join(f"{s.dimension} {s.score}" for s in a.report.scores)
        attempt_rows.append(
            [
                f"{a.created_at.astimezone():%Y-%m-%d %H:%M}",
                a.question_id,
                overall,
                scores,
                a.session_id,
            ]
        )
    columns = [
        Column("when", wrap=False),
        Column("prompt", key=True),
        Column("overall", wrap=False, justify="right"),
        Column("scores", min_width=20),
        Column("session", wrap=False, drop=1),
    ]
    parts.append(table_block(columns, attempt_rows))
    if len(attempts) > 15:
        parts.append(indent(Text(f"... and {len(attempts) - 15} earlier (see --format json)")))
    if chart is not None:
        parts.append(Text(f"\nChart written to {chart}."))
    else:
        parts.append(
            Text("\nDraw these scores as an image: starcoach history --chart progress.svg")
        )
    return Group(*parts)


def register(app: typer.Typer) -> None:
    """Add the `history` command to `app`."""
    app.command("history", help=HELP, epilog=EPILOG)(history)
