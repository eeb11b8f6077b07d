"""Render a `Report` as Markdown, with the same content as the terminal view.

Every piece of user text is escaped: Markdown punctuation gets a backslash and `<`, `>`, `&` become
entities, so an answer containing HTML or a script tag is shown, never run, by a Markdown viewer.
"""

from __future__ import annotations

import re

from starcoach.analysis.report import STAR_PARTS, Finding, Report, Severity
from starcoach.render import (
    ACTOR_LABEL,
    PACE_NOTE,
    SOURCE_NOTE,
    answer_segments,
    clean_controls,
    clean_inline,
    format_seconds,
    group_evidence,
    numbered_findings,
    ownership_summary,
    pace_verdict,
    shorten,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~$])")
# These mean something only at the start of a line (a list item, a rule, a heading underline).
_LINE_START = re.compile(r"^([ \t]*)(\d+[.)]|[-+=])", re.MULTILINE)


def escape(value: str) -> str:
    """Return `value` safe to place in Markdown inline text: no markup, no raw HTML."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", clean_controls(value))


def escape_block(value: str) -> str:
    """Return `value` escaped like `escape`, also where a line would start a list or a rule."""
    return _LINE_START.sub(_escape_line_start, value)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return lead + mark[:-1] + "\\" + mark[-1]


def _bold(value: str) -> str:
    # Emphasis must hug its text, so surrounding spaces stay outside the asterisks.
    core = value.strip()
    if not core:
        return value
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    return f"{lead}**{escape(core)}**{trail}"


def _cell(value: str) -> str:
    return escape(clean_inline(value))


# A Markdown report is read in a file or a browser, not squeezed into a terminal: sentences and
# quotes are given whole. Only a quote longer than this (a pasted paragraph) is cut, at a word.
QUOTE_LIMIT = 400


def _whole(value: str, limit: int = QUOTE_LIMIT) -> str:
    """Return `value` on one line, whole unless longer than `limit`, then cut at a word boundary."""
    text = clean_inline(value)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return shorten(cut, len(cut)) + "…"


def _quote(value: str, width: int = QUOTE_LIMIT) -> str:
    return "“" + escape(_whole(value, max(width, QUOTE_LIMIT))) + "”"


def _count(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _finding_line(number: int, finding: Finding, text: str) -> list[str]:
    head = (
        f"{number}. **\\[{number}\\] {finding.severity.label.upper()}** "
        f"{escape(clean_inline(finding.message))} (`{finding.rule_id}`"
        + (f", {escape(finding.dimension)}" if finding.dimension else "")
        + ")"
    )
    lines = [head]
    if finding.span is not None:
        lines.append(f"   - quote: {_quote(finding.matched or finding.span.text(text))}")
    if finding.advice:
        lines.append(f"   - advice: {escape(clean_inline(finding.advice))}")
    if finding.replacements:
        lines.append("   - try: " + " / ".join(_quote(r, 80) for r in finding.replacements))
    return lines


def _answer(report: Report, numbered: list[tuple[int, Finding]]) -> list[str]:
    pieces: list[str] = []
    for segment in answer_segments(report.text, numbered):
        if segment.marker is not None:
            pieces.append(f"\\[{segment.marker}\\]")
        elif segment.severity is not None:
            # Bold markers cannot span a line break, so each line of a highlight is wrapped alone.
            lines = segment.text.split("\n")
            pieces.append("\n".join(_bold(x) for x in lines))
        else:
            pieces.append(escape(segment.text))
    body = escape_block("".join(pieces))
    return ["## Your answer", "", *[("> " + line).rstrip() for line in body.split("\n")], ""]


def report_to_markdown(report: Report) -> str:
    """Return the whole report as a Markdown document."""
    numbered = numbered_findings(report.findings)
    out: list[str] = ["# starcoach report", ""]
    note = SOURCE_NOTE.get(report.question_source, report.question_source)
    out.append(f"- **Question:** {escape(report.question_type)} ({escape(note)})")
    if report.question_text:
        out.append(f"- **Asked:** {_quote(report.question_text, 200)}")
    if report.role:
        out.append(f"- **Role:** {escape(report.role)}")
    counts = {s: 0 for s in Severity}
    for finding in report.findings:
        counts[finding.severity] += 1
    summary = ", ".join(_count(counts[s], s.label) for s in sorted(Severity, reverse=True))
    out.append(f"- **Findings:** {len(report.findings)} ({summary})")
    if report.overall is not None and not report.abstained:
        out.append(f"- **Overall:** {report.overall:.1f} / 5")
    if report.ruleset_version:
        out.append(f"- **Rule set:** {escape(report.ruleset_version)}")
    out.append("")
    if report.abstained:
        reason = escape(report.abstain_reason or "the answer could not be analyzed")
        out += ["## Not scored", "", reason, ""]
    if report.text.strip():
        out += _answer(report, numbered)

    spanned = [(n, f) for n, f in numbered if f.span is not None]
    missing = [(n, f) for n, f in numbered if f.span is None]
    if spanned:
        out += ["## Findings in your words", ""]
        for n, f in spanned:
            out += _finding_line(n, f, report.text)
        out.append("")
    if missing:
        out += ["## Missing from the answer", ""]
        for n, f in missing:
            out += _finding_line(n, f, report.text)
        out.append("")
    if not numbered and not report.abstained:
        out += ["## Findings", "", "No findings.", ""]
    if report.contradictions:
        out += ["## Contradicts the story", ""]
        for c in report.contradictions:
            said = _quote(c.span.text(report.text), 80)
            story = _quote(c.reference_span.text(report.reference or ""), 80)
            out.append(
                f"- {escape(c.kind.replace('_', ' '))}: you said {said} but the story says {story}"
            )
        out.append("")

    if not report.abstained:
        out += _star(report)
        out += _ownership(report)
        out += _quantities(report)
        if report.scores:
            out += _scores(report)
    if report.probes:
        out += ["## What an interviewer will ask next", ""]
        for k, probe in enumerate(report.probes, start=1):
            out.append(f"{k}. {escape(probe.question)}")
            quoted = clean_inline(probe.span.text(report.text)) if probe.span is not None else ""
            why = escape(probe.reason or probe.source)
            if quoted and quoted not in clean_inline(probe.question):
                why = _quote(quoted, 100) + (" — " + why if probe.reason else "")
            out.append(f"   - because: {why}")
        out.append("")
    out += _speaking(report)
    if report.notices:
        out += ["## Notes", "", *[f"- {escape(n)}" for n in report.notices], ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _star(report: Report) -> list[str]:
    present = ", ".join(
        f"{p}: {'present' if p in report.parts_present else '**missing**'}" for p in STAR_PARTS
    )
    out = ["## STAR + Reflection", "", present, ""]
    if report.sentences:
        out += ["| # | part | conf. | sentence |", "|---:|---|---:|---|"]
        for k, label in enumerate(report.sentences, start=1):
            sentence = _whole(label.span.text(report.text))
            out.append(f"| {k} | {label.part} | {label.confidence:.2f} | {escape(sentence)} |")
        out.append("")
    return out


def _ownership(report: Report) -> list[str]:
    unclear, total, sentence = ownership_summary(report.actor_counts())
    out = ["## Who did what", ""]
    if total == 0:
        return [*out, "No action sentences found.", ""]
    if unclear:
        verb = "has" if unclear == 1 else "have"
        out.append(f"**{unclear} of {total} actions {verb} no clear actor.** {escape(sentence)}")
    else:
        out.append(f"Every action has a clear actor. {escape(sentence)}")
    out += ["", "| # | actor | who | action |", "|---:|---|---|---|"]
    for k, action in enumerate(report.actions, start=1):
        who = _cell(action.actor_span.text(report.text)) if action.actor_span else "—"
        act = escape(_whole(action.span.text(report.text)))
        out.append(f"| {k} | {ACTOR_LABEL.get(action.actor, action.actor)} | {who} | {act} |")
    return [*out, ""]


def _quantities(report: Report) -> list[str]:
    if not report.quantities:
        return ["## Numbers", "", "No numbers found.", ""]
    items = [f"- {_quote(q.span.text(report.text), 60)} ({q.kind})" for q in report.quantities]
    return ["## Numbers", "", *items, ""]


def _scores(report: Report) -> list[str]:
    out = ["## Scores (1–5, with evidence)", ""]
    for score in report.scores:
        anchor = f": {escape(score.anchor)}" if score.anchor else ""
        out.append(f"- **{escape(score.dimension)}: {score.score}/5**{anchor}")
        for evidence, count in group_evidence(score.evidence, report.text):
            sign = "+" if evidence.positive else "−"
            times = f" (×{count})" if count > 1 else ""
            if evidence.span is not None:
                note = f" — {escape(evidence.note)}" if evidence.note else ""
                quote = _quote(evidence.span.text(report.text), 100)
                out.append(f"  - {sign} {quote}{note}{times}")
            else:
                gap = "" if evidence.positive else "gap: "
                out.append(f"  - {sign} {gap}{escape(evidence.note)}{times}")
    if report.overall is not None:
        out += ["", f"**Overall: {report.overall:.1f} / 5**"]
    return [*out, ""]


def _speaking(report: Report) -> list[str]:
    sp = report.speaking
    line = f"{sp.words} words, about {format_seconds(sp.seconds)} spoken"
    if sp.target_max_seconds:
        verdict = pace_verdict(sp.seconds, sp.target_min_seconds, sp.target_max_seconds)
        line += (
            f"; target {format_seconds(sp.target_min_seconds)}–"
            f"{format_seconds(sp.target_max_seconds)}: {PACE_NOTE[verdict]}"
        )
    return ["## Length", "", line, ""]
