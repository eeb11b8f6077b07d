"""Terminal views for `story check` and `plan` (their JSON is built in `stories.documents`).

Imported only when those commands run. Colour is never the only signal: every strength and severity
is also written as a word or a marker, and user text always goes into `Text` objects, so brackets and
markup-like characters in a story are shown as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from starcoach.analysis.consistency import Contradiction
from starcoach.analysis.report import Severity, Span
from starcoach.stories.checks import StoryCheck
from starcoach.stories.coverage import CoverageMap, field_label
from starcoach.stories.drafts import FOCUS

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.SUGGESTION: "bold cyan",
}
STRENGTH_MARK = {
    "strong": ("✓ strong", "bold green"),
    "fair": ("~ fair", "yellow"),
    "thin": ("! thin", "red"),
    "missing": ("✗ missing", "bold red"),
}
KIND_LABEL = {
    "team_size": "team size",
    "reports": "people managed",
    "role": "your role",
    "dates": "dates",
    "duration": "duration",
    "change": "result",
}


def _quote(text: str, span: Span, width: int = 90) -> str:
    words = " ".join(text[span.start : span.end].split())
    if len(words) > width:
        words = words[: width - 1] + "…"
    return f"“{words}”"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _story_place(check: StoryCheck, span: Span) -> str:
    where = check.reference.field_at(span)
    return where.label if where is not None else "story"


def _contradiction_line(c: Contradiction, text: str, ref_text: str, here: str, there: str) -> Text:
    line = Text("    ✗ ", style="bold red")
    line.append(KIND_LABEL.get(c.kind, c.kind), style="bold")
    line.append(": ")
    line.append(_quote(text, c.span))
    line.append(f" ({here})", style="dim")
    line.append(" vs ")
    line.append(_quote(ref_text, c.reference_span))
    line.append(f" ({there})", style="dim")
    return line


def check_view(check: StoryCheck, sources: Sequence[str], answers: Sequence[str]) -> RenderableType:
    """Return the terminal view of a story check."""
    story = check.story
    blocks: list[RenderableType] = [Text(f"Story check: {story.title} ({story.id})", style="bold")]
    counts = {level: 0 for level in Severity}

    if not check.gaps and not check.findings:
        blocks.append(Text("\nThe story has everything a full interview asks for.", style="green"))
    if check.gaps:
        blocks.append(Text("\nGaps", style="bold"))
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 2))
        for column in ("severity", "field", "what"):
            table.add_column(column, overflow="fold", no_wrap=column != "what")
        for gap in check.gaps:
            counts[gap.severity] += 1
            what = Text(gap.message, style="bold")
            what.append(f" — {gap.advice}")
            table.add_row(
                Text(gap.severity.label, style=SEVERITY_STYLE[gap.severity]),
                Text(gap.field),
                what,
            )
        blocks.append(table)

    if check.findings:
        blocks.append(Text("\nIn your words", style="bold"))
        for item in check.findings:
            finding = item.finding
            counts[finding.severity] += 1
            line = Text("  ")
            line.append(finding.severity.label, style=SEVERITY_STYLE[finding.severity])
            line.append(f" {item.field} ")
            line.append(finding.rule_id, style="dim")
            line.append(": ")
            if finding.span is not None:
                line.append(_quote(item.text, finding.span))
                line.append(" ")
            line.append(finding.message)
            blocks.append(line)

    if check.contradictions:
        blocks.append(Text("\nContradictions inside the story", style="bold"))
        ref = check.reference.text
        for c in check.contradictions:
            blocks.append(
                _contradiction_line(
                    c, ref, ref, _story_place(check, c.span), _story_place(check, c.reference_span)
                )
            )

    if answers:
        blocks.append(Text("\nAnswers", style="bold"))
        by_answer: dict[int, list[Text]] = {}
        for pair in check.answer_contradictions:
            c = pair.contradiction
            text = answers[pair.answer]
            here = f"{sources[pair.answer]} line {_line_of(text, c.span.start)}"
            if pair.against_answer is None:
                there = "story: " + _story_place(check, c.reference_span)
                line = _contradiction_line(c, text, check.reference.text, here, there)
            else:
                other = answers[pair.against_answer]
                there = (
                    f"{sources[pair.against_answer]} line {_line_of(other, c.reference_span.start)}"
                )
                line = _contradiction_line(c, text, other, here, there)
            by_answer.setdefault(pair.answer, []).append(line)
        for index, source in enumerate(sources):
            lines = by_answer.get(index, [])
            status = Text(f"  {source}: ")
            status.stylize("bold")
            if lines:
                status.append(f"{len(lines)} contradiction(s)", style="bold red")
            else:
                status.append("consistent with the story", style="green")
                if index:
                    status.append(" and the answers before it", style="green")
            blocks.append(status)
            blocks.extend(lines)

    contradictions = len(check.contradictions) + len(check.answer_contradictions)
    summary = Text("\n")
    if not any(counts.values()) and not contradictions:
        summary.append("Nothing missing: this story is ready to practise.", style="green")
    else:
        parts = [
            f"{counts[level]} {level.label}{'' if counts[level] == 1 else 's'}"
            for level in reversed(Severity)
            if counts[level]
        ]
        if contradictions:
            parts.append(f"{contradictions} contradiction{'' if contradictions == 1 else 's'}")
        summary.append(", ".join(parts))
    blocks.append(summary)
    return Group(*blocks)


def _mark(strength: str) -> Text:
    label, style = STRENGTH_MARK[strength]
    return Text(label, style=style)


def coverage_view(cmap: CoverageMap) -> RenderableType:
    """Return the terminal view of the coverage map."""
    blocks: list[RenderableType] = [
        Text("Coverage: the seven prompts against your stories", style="bold")
    ]
    if not cmap.story_ids:
        blocks.append(Text("No stories yet. Write one with `starcoach story new`."))
        return Group(*blocks)
    from starcoach.cli.tables import Column, table_block

    columns = [
        Column("prompt", key=True),
        Column("story", key=True),
        Column("strength", wrap=False),
        Column("answered from", drop=1),
        Column("what is missing", ratio=3, min_width=28),
    ]
    rows: list[list[str | Text]] = []
    for row in cmap.rows:
        best = row.best
        assert best is not None
        story = Text(best.story_id if best.strength != "missing" else "—")
        if best.story_id == cmap.anchor and best.strength != "missing":
            story.append(" ★", style="yellow")
        focus = FOCUS.get(row.question_id, "")
        parts = field_label(focus) if focus else "the whole story"
        if best.strength == "missing":
            parts = "—"
        missing = "; ".join(m.rstrip(".") for m in best.missing) if best.missing else "—"
        rows.append([row.question_id, story, _mark(best.strength), parts, missing])
    blocks.append(table_block(columns, rows))

    if len(cmap.story_ids) > 1:
        grid_columns = [Column("prompt", key=True)]
        for story_id in cmap.story_ids:
            header = story_id + (" ★" if story_id == cmap.anchor else "")
            grid_columns.append(Column(header, wrap=False))
        grid_rows: list[list[str | Text]] = []
        for row in cmap.rows:
            cells: list[str | Text] = [row.question_id]
            for cell in row.cells:
                mark = _mark(cell.strength)
                if cell.score is not None:
                    mark.append(f" {cell.score:.1f}", style="dim")
                cells.append(mark)
            grid_rows.append(cells)
        blocks.append(
            table_block(grid_columns, grid_rows, title="Every story against every prompt")
        )

    if cmap.anchor is not None:
        covered = cmap.covered(cmap.anchor)
        blocks.append(
            Text(
                f"Anchor story: {cmap.anchor} (material for {covered} of {len(cmap.rows)} prompts).",
                style="bold",
            )
        )
    elif cmap.recommended_anchor is not None:
        covered = cmap.covered(cmap.recommended_anchor)
        line = Text("Recommended anchor: ", style="bold")
        line.append(cmap.recommended_anchor, style="bold yellow")
        line.append(
            f" answers the most prompts best (material for {covered} of {len(cmap.rows)}). "
            f"Mark it with `starcoach story anchor {cmap.recommended_anchor}`."
        )
        blocks.append(line)
    weakest = [
        r for r in cmap.rows if r.best is not None and r.best.strength in ("missing", "thin")
    ]
    if weakest:
        names = ", ".join(r.question_id for r in weakest)
        blocks.append(
            Text(
                f"Next: add material for {names}, then see a draft with "
                "`starcoach draft ID --question PROMPT`."
            )
        )
    return Group(*blocks)
