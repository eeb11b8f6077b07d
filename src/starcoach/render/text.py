"""Render a `Report` for the terminal with Rich.

Colour is never the only signal: every highlighted span is followed by a numbered marker such as
[1], severities are written out as words, and the output reads the same under NO_COLOR or when piped.
All user text goes into `Text` objects, never into markup strings, so brackets in an answer are shown
as typed.
"""

from __future__ import annotations

import re
from io import StringIO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from starcoach.analysis.report import STAR_PARTS, Finding, Report, Severity
from starcoach.render import (
    ACTOR_LABEL,
    PACE_NOTE,
    SENTENCE_WIDTH,
    SOURCE_NOTE,
    answer_segments,
    clean_inline,
    format_seconds,
    group_evidence,
    numbered_findings,
    ownership_summary,
    pace_verdict,
    shorten,
)

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.SUGGESTION: "bold cyan",
}
HIGHLIGHT_STYLE = {
    Severity.ERROR: "underline red",
    Severity.WARNING: "underline yellow",
    Severity.SUGGESTION: "underline cyan",
}


def _indent(renderable: RenderableType, pad: tuple[int, int, int, int]) -> RenderableType:
    # expand=False keeps lines free of trailing padding when piped or saved to a file.
    return Padding(renderable, pad, expand=False)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold")


def _quote(value: str, width: int = 120) -> str:
    return "“" + shorten(clean_inline(value), width) + "”"


def _header(report: Report) -> RenderableType:
    line = Text()
    line.append("Question: ", style="bold")
    line.append(report.question_type)
    note = SOURCE_NOTE.get(report.question_source, report.question_source)
    line.append(f" ({note})", style="dim")
    if report.role:
        line.append("   Role: ", style="bold")
        line.append(report.role)
    parts: list[RenderableType] = [line]
    if report.question_text:
        parts.append(Text("Asked: ", style="bold") + Text(_quote(report.question_text, 200)))
    counts = {s: 0 for s in Severity}
    for finding in report.findings:
        counts[finding.severity] += 1
    summary = Text()
    total = len(report.findings)
    summary.append(f"{total} finding{'s' if total != 1 else ''}")
    if total:
        summary.append(": ")
        pieces = [
            (f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}", SEVERITY_STYLE[s])
            for s in sorted(Severity, reverse=True)
        ]
        for k, (piece, style) in enumerate(pieces):
            if k:
                summary.append(", ")
            summary.append(piece, style=style)
    if report.overall is not None and not report.abstained:
        summary.append(f"   Overall: {report.overall:.1f} / 5", style="bold")
    parts.append(summary)
    return Group(*parts)


def _abstained(report: Report) -> RenderableType:
    text = Text()
    text.append("Not scored: ", style="bold red")
    text.append(report.abstain_reason or "the answer could not be analyzed")
    return Group(_heading("Result"), _indent(text, (0, 0, 0, 2)))


def _answer(report: Report, numbered: list[tuple[int, Finding]]) -> RenderableType:
    body = Text()
    for segment in answer_segments(report.text, numbered):
        if segment.marker is not None:
            style = SEVERITY_STYLE[segment.severity] if segment.severity else "bold"
            body.append(segment.text, style=style)
        elif segment.severity is not None:
            body.append(segment.text, style=HIGHLIGHT_STYLE[segment.severity])
        else:
            body.append(segment.text)
    return Group(_heading("Your answer"), _indent(body, (0, 0, 0, 2)))


def _numbered(label: Text, body: RenderableType) -> RenderableType:
    # A two-column grid gives wrapped lines a hanging indent under the text, not under the number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(label, body)
    return grid


def _finding_item(number: int, finding: Finding, text: str) -> RenderableType:
    style = SEVERITY_STYLE[finding.severity]
    head = Text()
    head.append(finding.severity.label.upper(), style=style)
    head.append("  ")
    head.append(finding.message)
    head.append(f"  ({finding.rule_id}", style="dim")
    if finding.dimension:
        head.append(f" · {finding.dimension}", style="dim")
    head.append(")", style="dim")
    lines: list[RenderableType] = [head]
    if finding.span is not None:
        quoted = finding.matched or finding.span.text(text)
        lines.append(Text(_quote(quoted), style="italic"))
    if finding.advice:
        lines.append(Text("→ " + finding.advice))
    if finding.replacements:
        tries = " / ".join(_quote(r, 80) for r in finding.replacements)
        lines.append(Text("try: " + tries))
    return _numbered(Text(f"[{number}]", style=style), Group(*lines))


def _findings(report: Report, numbered: list[tuple[int, Finding]]) -> list[RenderableType]:
    out: list[RenderableType] = []
    spanned = [(n, f) for n, f in numbered if f.span is not None]
    missing = [(n, f) for n, f in numbered if f.span is None]
    if spanned:
        out.append(_heading("Findings in your words"))
        out.extend(_indent(_finding_item(n, f, report.text), (0, 0, 0, 2)) for n, f in spanned)
    if missing:
        out.append(_heading("Missing from the answer"))
        out.extend(_indent(_finding_item(n, f, report.text), (0, 0, 0, 2)) for n, f in missing)
    if not numbered:
        out.append(_heading("Findings"))
        out.append(_indent(Text("No findings."), (0, 0, 0, 2)))
    if report.contradictions:
        out.append(_heading("Contradicts the story"))
        for c in report.contradictions:
            line = Text(f"{c.kind.replace('_', ' ')}: you said ")
            line.append(_quote(c.span.text(report.text), 60), style="bold")
            line.append(" but the story says ")
            line.append(_quote(c.reference_span.text(report.reference or ""), 60), style="bold")
            out.append(_indent(line, (0, 0, 0, 2)))
    return out


def _star(report: Report) -> RenderableType:
    present = Text()
    for k, part in enumerate(STAR_PARTS):
        if k:
            present.append("  ")
        ok = part in report.parts_present
        present.append(part, style="bold" if ok else "dim")
        present.append(" present" if ok else " MISSING", style="green" if ok else "bold red")
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("part")
    table.add_column("conf.", justify="right")
    table.add_column("sentence", overflow="fold")
    for k, label in enumerate(report.sentences, start=1):
        sentence = shorten(clean_inline(label.span.text(report.text)), SENTENCE_WIDTH)
        table.add_row(str(k), label.part, f"{label.confidence:.2f}", Text(sentence))
    return Group(
        _heading("STAR + Reflection"), _indent(present, (0, 0, 0, 2)), _indent(table, (0, 0, 0, 2))
    )


def _ownership(report: Report) -> RenderableType:
    counts = report.actor_counts()
    unclear, total, sentence = ownership_summary(counts)
    parts: list[RenderableType] = [_heading("Who did what")]
    if total == 0:
        parts.append(_indent(Text("No action sentences found."), (0, 0, 0, 2)))
        return Group(*parts)
    headline = Text()
    if unclear:
        verb = "has" if unclear == 1 else "have"
        headline.append(f"{unclear} of {total} actions {verb} no clear actor", style="bold yellow")
    else:
        headline.append("Every action has a clear actor", style="bold")
    parts.append(_indent(headline, (0, 0, 0, 2)))
    parts.append(_indent(Text(sentence), (0, 0, 0, 2)))
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("actor")
    table.add_column("who")
    table.add_column("action", overflow="fold")
    for k, action in enumerate(report.actions, start=1):
        who = clean_inline(action.actor_span.text(report.text)) if action.actor_span else "—"
        table.add_row(
            str(k),
            ACTOR_LABEL.get(action.actor, action.actor),
            Text(who),
            Text(shorten(clean_inline(action.span.text(report.text)), SENTENCE_WIDTH)),
        )
    parts.append(_indent(table, (0, 0, 0, 2)))
    return Group(*parts)


def _quantities(report: Report) -> RenderableType:
    body = Text()
    if not report.quantities:
        body.append("No numbers found.")
    for k, quantity in enumerate(report.quantities):
        if k:
            body.append(" · ")
        body.append(clean_inline(quantity.span.text(report.text)), style="bold")
        body.append(f" ({quantity.kind})", style="dim")
    return Group(_heading("Numbers"), _indent(body, (0, 0, 0, 2)))


def _scores(report: Report) -> RenderableType:
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("dimension")
    table.add_column("score")
    table.add_column("why", overflow="fold")
    for score in report.scores:
        why = Text()
        if score.anchor:
            why.append(score.anchor, style="italic")
        for evidence, count in group_evidence(score.evidence, report.text):
            if len(why):
                why.append("\n")
            sign_style = "green" if evidence.positive else "red"
            why.append("+ " if evidence.positive else "− ", style=sign_style)
            if evidence.span is not None:
                why.append(_quote(evidence.span.text(report.text), 100))
                if evidence.note:
                    why.append(" — " + evidence.note, style="dim")
            else:
                why.append(evidence.note if evidence.positive else "gap: " + evidence.note)
            if count > 1:
                why.append(f" (×{count})", style="dim")
        bar = "●" * score.score + "○" * max(5 - score.score, 0)
        table.add_row(score.dimension, f"{score.score}/5 {bar}", why)
    parts: list[RenderableType] = [
        _heading("Scores (1–5, with evidence)"),
        _indent(table, (0, 0, 0, 2)),
    ]
    if report.overall is not None:
        parts.append(
            _indent(Text(f"Overall: {report.overall:.1f} / 5", style="bold"), (0, 0, 0, 2))
        )
    return Group(*parts)


def _probes(report: Report) -> RenderableType:
    parts: list[RenderableType] = [_heading("What an interviewer will ask next")]
    for k, probe in enumerate(report.probes, start=1):
        because = Text("because: ", style="dim")
        quoted = clean_inline(probe.span.text(report.text)) if probe.span is not None else ""
        # The question usually quotes the words already; repeat them only when it does not.
        if quoted and quoted not in clean_inline(probe.question):
            because.append(_quote(quoted, 100))
            if probe.reason:
                because.append(" — ")
        because.append(probe.reason or probe.source)
        body = Group(Text(probe.question), because)
        parts.append(_indent(_numbered(Text(f"{k}.", style="bold"), body), (0, 0, 0, 2)))
    return Group(*parts)


def _speaking(report: Report) -> RenderableType:
    return Group(_heading("Length"), _indent(_speaking_text(report), (0, 0, 0, 2)))


def _speaking_text(report: Report) -> Text:
    sp = report.speaking
    text = Text()
    text.append(f"{sp.words} words, about {format_seconds(sp.seconds)} spoken")
    if sp.target_max_seconds:
        verdict = pace_verdict(sp.seconds, sp.target_min_seconds, sp.target_max_seconds)
        text.append(
            f"; target {format_seconds(sp.target_min_seconds)}–"
            f"{format_seconds(sp.target_max_seconds)}: "
        )
        text.append(PACE_NOTE[verdict], style="bold" if verdict == "within" else "bold yellow")
    return text


# The compact report shows this many findings and probes; --verbose shows them all.
TOP_FINDINGS = 3
TOP_PROBES = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])")


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def _star_line(report: Report) -> Text:
    line = Text()
    line.append("STAR+R: ", style="bold")
    for k, part in enumerate(STAR_PARTS):
        if k:
            line.append("  ")
        ok = part in report.parts_present
        line.append(part, style="bold" if ok else "dim")
        line.append(" ✓" if ok else " missing", style="green" if ok else "bold red")
    return line


def _scores_line(report: Report) -> Text:
    line = Text()
    line.append("Scores: ", style="bold")
    for k, score in enumerate(report.scores):
        if k:
            line.append(" · ")
        line.append(f"{score.dimension} {score.score}")
    return line


def _compact_finding(number: int, finding: Finding, text: str) -> RenderableType:
    style = SEVERITY_STYLE[finding.severity]
    head = Text()
    head.append(finding.severity.label.upper(), style=style)
    head.append("  ")
    head.append(finding.message)
    head.append(f"  ({finding.rule_id})", style="dim")
    lines: list[RenderableType] = [head]
    if finding.span is not None:
        quoted = finding.matched or finding.span.text(text)
        lines.append(Text(_quote(quoted, 70), style="italic"))
    if finding.advice:
        lines.append(Text("→ " + _first_sentence(finding.advice)))
    return _numbered(Text(f"[{number}]", style=style), Group(*lines))


def render_summary(report: Report) -> RenderableType:
    """Return the compact report: the summary, the most severe findings and the first probes.

    Findings keep the numbers they have in the full report, so "[4]" means the same finding in both.
    """
    numbered = numbered_findings(report.findings)
    parts: list[RenderableType] = [_header(report)]
    if report.abstained:
        parts.append(_abstained(report))
    else:
        parts.append(_star_line(report))
        if report.scores:
            parts.append(_scores_line(report))
    parts.append(Text("Length: ", style="bold") + _speaking_text(report))
    top = sorted(numbered, key=lambda item: (-item[1].severity, item[0]))[:TOP_FINDINGS]
    if top:
        shown = f" ({len(top)} of {len(numbered)})" if len(top) < len(numbered) else ""
        parts.append(_heading(f"Top findings{shown}"))
        parts.extend(
            _indent(_compact_finding(n, f, report.text), (0, 0, 0, 2))
            for n, f in sorted(top, key=lambda item: item[0])
        )
    elif not report.abstained:
        parts.append(_heading("Findings"))
        parts.append(_indent(Text("No findings."), (0, 0, 0, 2)))
    if report.contradictions:
        count = len(report.contradictions)
        parts.append(
            _indent(
                Text(
                    f"{count} contradiction{'s' if count != 1 else ''} with the story",
                    style="bold red",
                ),
                (0, 0, 0, 2),
            )
        )
    if report.probes:
        probes = report.probes[:TOP_PROBES]
        shown = (
            f" ({len(probes)} of {len(report.probes)})" if len(probes) < len(report.probes) else ""
        )
        parts.append(_heading(f"What an interviewer will ask next{shown}"))
        for k, probe in enumerate(probes, start=1):
            parts.append(
                _indent(_numbered(Text(f"{k}.", style="bold"), Text(probe.question)), (0, 0, 0, 2))
            )
    if report.notices:
        parts.append(_heading("Notes"))
        parts.extend(_indent(Text("• " + n), (0, 0, 0, 2)) for n in report.notices)
    parts.append(
        Text(
            "\nRun with --verbose for your answer with the findings marked, every finding and"
            " probe, STAR by sentence, who did what, the numbers and the evidence for each score.",
            style="dim",
        )
    )
    return Group(*parts)


def render_report(report: Report, *, verbose: bool = True) -> RenderableType:
    """Return a Rich renderable of the whole report, or of its summary when `verbose` is False."""
    if not verbose:
        return render_summary(report)
    numbered = numbered_findings(report.findings)
    parts: list[RenderableType] = [_header(report)]
    if report.abstained:
        parts.append(_abstained(report))
    if report.text.strip():
        parts.append(_answer(report, numbered))
    if numbered or not report.abstained:
        parts.extend(_findings(report, numbered))
    if not report.abstained:
        parts.append(_star(report))
        parts.append(_ownership(report))
        parts.append(_quantities(report))
        if report.scores:
            parts.append(_scores(report))
    if report.probes:
        parts.append(_probes(report))
    parts.append(_speaking(report))
    if report.notices:
        parts.append(_heading("Notes"))
        parts.extend(_indent(Text("• " + n), (0, 0, 0, 2)) for n in report.notices)
    return Group(*parts)


def report_to_text(report: Report, *, width: int = 100, color: bool = False) -> str:
    """Return the report as a string, plain unless `color` asks for ANSI styles."""
    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    console.print(render_report(report))
    # Rich pads indented blocks to a common width; trailing spaces only add noise to a file.
    return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))
