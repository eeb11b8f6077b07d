"""Write a session report as terminal text, Markdown or a self-contained HTML page.

The three forms say the same things in the same order. Every piece of user text is escaped for its
medium: Markdown punctuation and HTML tags in an answer are shown, never interpreted, and the HTML page
carries its own styles (no scripts, fonts or other files are fetched), so it opens offline.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from starcoach.analysis.report import DimensionScore, Finding
from starcoach.practice.history import RetryDelta, rule_label
from starcoach.practice.report import AnswerEntry, FollowUpEntry, SessionReport
from starcoach.render import clean_inline, format_seconds, group_evidence, shorten
from starcoach.render.markdown import escape as md_escape

__all__ = ["session_to_html", "session_to_markdown", "session_to_text"]

_EVIDENCE_PER_SCORE = 3
_FINDING_QUOTE = 100
_ANSWER_QUOTE = 400


def _quote(value: str, width: int) -> str:
    return "“" + shorten(clean_inline(value), width) + "”"


def _signed(value: float, digits: int = 0) -> str:
    return f"{value:+.{digits}f}"


def _header_bits(report: SessionReport) -> list[str]:
    bits = [f"mode: {report.mode}", f"interviewer: {report.style}"]
    if report.dimension:
        bits.append(f"drilling: {report.dimension}")
    if report.story_title:
        bits.append(f"story: {report.story_title}")
    if report.time_limit:
        bits.append(f"time limit per answer: {format_seconds(report.time_limit)}")
    return bits


def _time(entry: AnswerEntry | FollowUpEntry, limit: int | None) -> str:
    if entry.elapsed is None:
        return ""
    text = f"took {format_seconds(entry.elapsed)}"
    if limit:
        text += f" of {format_seconds(limit)}"
        if entry.over_time:
            text += f", over by {format_seconds(entry.elapsed - limit)}"
    return text


def _evidence(score: DimensionScore, text: str) -> list[tuple[bool, str]]:
    """Return up to three (positive, line) pairs: quoted words or the named gap."""
    out: list[tuple[bool, str]] = []
    for evidence, count in group_evidence(score.evidence, text)[:_EVIDENCE_PER_SCORE]:
        if evidence.span is not None:
            line = _quote(evidence.span.text(text), _FINDING_QUOTE)
            if evidence.note:
                line += f" — {evidence.note}"
        else:
            line = evidence.note if evidence.positive else f"gap: {evidence.note}"
        if count > 1:
            line += f" (×{count})"
        out.append((evidence.positive, line))
    return out


def _finding_line(finding: Finding, text: str) -> tuple[str, str]:
    """Return (the finding in a line, its quoted words or "")."""
    head = f"{finding.severity.label}: {finding.message} ({finding.rule_id})"
    quote = ""
    if finding.span is not None:
        quote = _quote(finding.matched or finding.span.text(text), _FINDING_QUOTE)
    return head, quote


def _retry_lines(delta: RetryDelta) -> list[str]:
    lines: list[str] = []
    if delta.overall_change is not None:
        lines.append(
            f"overall {delta.before_overall:.1f} → {delta.after_overall:.1f} "
            f"({_signed(delta.overall_change, 1)})"
        )
    changes = [
        f"{d.dimension} {d.before}→{d.after} ({_signed(d.change)})"
        for d in delta.dimensions
        if d.change is not None
    ]
    if changes:
        lines.append("by dimension: " + ", ".join(changes))
    if delta.gone:
        gone = ", ".join(rule_label(f.rule_id, f.message) for f in delta.gone)
        lines.append(f"gone since last time: {gone}")
    if delta.new:
        new = ", ".join(rule_label(f.rule_id, f.message) for f in delta.new)
        lines.append(f"new this time: {new}")
    return lines


def _reply_findings(entry: FollowUpEntry) -> list[str]:
    if entry.report is None:
        return []
    return [_finding_line(f, entry.report.text)[0] for f in entry.findings]


# --------------------------------------------------------------------------------------------
# Terminal text


class _Writer:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def add(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        if not text:
            self.lines.append("")
            return
        self.lines.extend(
            textwrap.wrap(
                clean_inline(text),
                self.width,
                initial_indent=" " * indent,
                subsequent_indent=" " * (indent + hang),
                break_on_hyphens=False,
            )
        )


def session_to_text(report: SessionReport, width: int = 100) -> str:
    """Return the session report as plain terminal text wrapped to `width` columns."""
    out = _Writer(max(width, 40))
    out.add("Practice session report")
    out.add(" · ".join(_header_bits(report)))
    total = len(report.answers) + report.unasked
    out.add(f"Answered {report.answered} of {total} prompts.")
    if report.ended_early:
        out.add("The session was ended early; the prompts it did not reach are not scored.")
    for entry in report.answers:
        out.add()
        _text_answer(out, entry, report.time_limit)
    out.add()
    out.add("Across the session")
    if report.strongest is not None and report.weakest is not None:
        out.add(
            f"Strongest: {report.strongest.name} ({report.strongest.mean:.1f}) · "
            f"weakest: {report.weakest.name} ({report.weakest.mean:.1f})",
            2,
        )
        means = ", ".join(f"{d.dimension} {d.mean:.1f}" for d in report.dimensions)
        out.add(f"Mean scores: {means}", 2, 2)
    else:
        out.add("No answer could be scored, so there are no dimension scores.", 2)
    if report.contradictions:
        out.add("Facts that do not match:", 2)
        for c in report.contradictions:
            out.add(
                f"- {c.kind.replace('_', ' ')}: {_quote(c.quote, 80)} in {c.where}, but "
                f"{_quote(c.reference_quote, 80)} in {c.reference_where}",
                4,
                2,
            )
    if report.practise:
        out.add(
            "Three things to practise next:" if len(report.practise) == 3 else "Practise next:", 2
        )
        for k, item in enumerate(report.practise, 1):
            where = f" (in {', '.join(item.prompts)})" if item.prompts else ""
            out.add(f"{k}. {item.title}{where}. {item.advice}", 4, 3)
    return "\n".join(out.lines) + "\n"


def _text_answer(out: _Writer, entry: AnswerEntry, limit: int | None) -> None:
    out.add(f"{entry.index + 1}. {entry.title}")
    out.add(f"Asked: {_quote(entry.asked, 200)}", 3, 2)
    if entry.answer is None or entry.report is None:
        out.add("Skipped.", 3)
        return
    report = entry.report
    timing = _time(entry, limit)
    if timing:
        out.add(f"Time: {timing}", 3)
    out.add(f"Your answer: {_quote(entry.answer, _ANSWER_QUOTE)}", 3, 2)
    if report.abstained:
        out.add(f"Not scored: {report.abstain_reason}", 3, 2)
    elif report.overall is not None:
        out.add(f"Overall: {report.overall:.1f} / 5", 3)
    for score in report.scores:
        out.add(f"{score.dimension} {score.score}/5", 5)
        for positive, line in _evidence(score, report.text):
            out.add(("+ " if positive else "− ") + line, 7, 2)
    if report.findings:
        out.add("Findings:", 3)
        for finding in report.findings:
            head, quote = _finding_line(finding, report.text)
            out.add(f"- {head}" + (f" {quote}" if quote else ""), 5, 2)
    elif not report.abstained:
        out.add("Findings: none.", 3)
    if entry.follow_ups:
        out.add("Follow-ups:", 3)
        for f in entry.follow_ups:
            _text_follow_up(out, f, limit)
    if entry.retry is not None:
        out.add("Since your last attempt at this prompt:", 3)
        for line in _retry_lines(entry.retry):
            out.add(f"- {line}", 5, 2)
    for notice in entry.notices:
        out.add(f"Note: {notice}", 3, 2)


def _text_follow_up(out: _Writer, f: FollowUpEntry, limit: int | None) -> None:
    out.add(f"- {_quote(f.question, 200)}" + (f" (because {f.reason})" if f.reason else ""), 5, 2)
    if f.answer is None:
        out.add("skipped", 7)
        return
    timing = _time(f, limit)
    out.add(f"you: {_quote(f.answer, 240)}" + (f" [{timing}]" if timing else ""), 7, 2)
    for line in _reply_findings(f):
        out.add(f"· {line}", 7, 2)


# --------------------------------------------------------------------------------------------
# Markdown


def _md(value: str) -> str:
    return md_escape(clean_inline(value))


def _md_quote(value: str, width: int) -> str:
    return md_escape(_quote(value, width))


def session_to_markdown(report: SessionReport) -> str:
    """Return the session report as a Markdown document (user text escaped)."""
    out = ["# Practice session report", ""]
    out += [f"- {_md(bit)}" for bit in _header_bits(report)]
    total = len(report.answers) + report.unasked
    out += [f"- answered {report.answered} of {total} prompts", ""]
    if report.ended_early:
        out += ["The session was ended early; the prompts it did not reach are not scored.", ""]
    for entry in report.answers:
        out += _md_answer(entry, report.time_limit)
    out += ["## Across the session", ""]
    if report.strongest is not None and report.weakest is not None:
        out.append(f"- **Strongest:** {_md(report.strongest.name)} ({report.strongest.mean:.1f})")
        out.append(f"- **Weakest:** {_md(report.weakest.name)} ({report.weakest.mean:.1f})")
        out.append("")
        out += ["| dimension | mean | answers |", "|---|---:|---:|"]
        out += [f"| {_md(d.name)} | {d.mean:.1f} | {d.count} |" for d in report.dimensions]
        out.append("")
    else:
        out += ["No answer could be scored, so there are no dimension scores.", ""]
    if report.contradictions:
        out += ["### Facts that do not match", ""]
        for c in report.contradictions:
            out.append(
                f"- **{_md(c.kind.replace('_', ' '))}:** {_md_quote(c.quote, 80)} in "
                f"{_md(c.where)}, but {_md_quote(c.reference_quote, 80)} in "
                f"{_md(c.reference_where)}"
            )
        out.append("")
    if report.practise:
        out += ["### Practise next", ""]
        for k, item in enumerate(report.practise, 1):
            where = f" (in {_md(', '.join(item.prompts))})" if item.prompts else ""
            out.append(f"{k}. **{_md(item.title)}**{where}: {_md(item.advice)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_answer(entry: AnswerEntry, limit: int | None) -> list[str]:
    out = [
        f"## {entry.index + 1}. {_md(entry.title)}",
        "",
        f"**Asked:** {_md_quote(entry.asked, 200)}",
        "",
    ]
    if entry.answer is None or entry.report is None:
        return [*out, "Skipped.", ""]
    report = entry.report
    timing = _time(entry, limit)
    if timing:
        out += [f"**Time:** {_md(timing)}", ""]
    out += ["**Your answer:**", ""]
    out += [("> " + md_escape(line)).rstrip() for line in entry.answer.splitlines()]
    out.append("")
    if report.abstained:
        out += [f"**Not scored:** {_md(report.abstain_reason or '')}", ""]
    elif report.overall is not None:
        out += [f"**Overall:** {report.overall:.1f} / 5", ""]
    if report.scores:
        out += ["### Scores", ""]
        for score in report.scores:
            out.append(f"- **{_md(score.dimension)}: {score.score}/5**")
            for positive, line in _evidence(score, report.text):
                out.append(f"  - {'+' if positive else '−'} {_md(line)}")
        out.append("")
    out += ["### Findings", ""]
    if not report.findings:
        out.append("None.")
    for finding in report.findings:
        head, quote = _finding_line(finding, report.text)
        out.append(f"- {_md(head)}" + (f" {_md(quote)}" if quote else ""))
    out.append("")
    if entry.follow_ups:
        out += ["### Follow-ups", ""]
        for k, f in enumerate(entry.follow_ups, 1):
            reason = f" *(because {_md(f.reason)})*" if f.reason else ""
            out.append(f"{k}. {_md_quote(f.question, 200)}{reason}")
            if f.answer is None:
                out.append("   - skipped")
                continue
            timing = _time(f, limit)
            out.append(
                f"   - you: {_md_quote(f.answer, 240)}" + (f" ({_md(timing)})" if timing else "")
            )
            out += [f"   - {_md(line)}" for line in _reply_findings(f)]
        out.append("")
    if entry.retry is not None:
        out += ["### Since your last attempt", ""]
        out += [f"- {_md(line)}" for line in _retry_lines(entry.retry)]
        out.append("")
    if entry.notices:
        out += [f"*Note:* {_md(n)}" for n in entry.notices]
        out.append("")
    return out


# --------------------------------------------------------------------------------------------
# HTML: the template templates/session_report.html, autoescaped, with its styles inside.

_TEMPLATES = Path(__file__).parent / "templates"


def _line(value: str) -> str:
    return clean_inline(value)


def _block(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


@lru_cache(maxsize=1)
def _html_template() -> Template:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )
    env.globals.update(
        line=_line,
        block=_block,
        quote=_quote,
        header_bits=_header_bits,
        time=_time,
        evidence=_evidence,
        finding_line=_finding_line,
        reply_findings=_reply_findings,
        retry_lines=_retry_lines,
    )
    return env.get_template("session_report.html")


def session_to_html(report: SessionReport) -> str:
    """Return the session report as one self-contained HTML page (user text escaped)."""
    return _html_template().render(report=report)
