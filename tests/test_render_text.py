"""The terminal renderer: markers beside colour, every section, abstention, plain and NO_COLOR output."""

from __future__ import annotations

import re
from io import StringIO

from rich.console import Console

from starcoach.analysis.report import (
    Action,
    DimensionScore,
    Evidence,
    Finding,
    Probe,
    Severity,
    Span,
)
from starcoach.render import (
    LineIndex,
    answer_segments,
    display_chunks,
    numbered_findings,
    ownership_summary,
)
from starcoach.render.text import render_report, report_to_text
from test_render_json import ANSWER, bare_report, sample_report, span_of

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_output_has_no_escape_codes_and_no_trailing_spaces() -> None:
    out = report_to_text(sample_report())
    assert "\x1b" not in out
    assert all(line == line.rstrip(" ") for line in out.splitlines())


def test_markers_follow_spans_in_reading_order() -> None:
    out = report_to_text(sample_report())
    # Passive sentence comes first in the text, so it is [1]; the $2M claim is [2].
    assert "optimized[1]" in out
    assert "$2M[2]" in out
    assert out.index("[1]") < out.index("[2]") < out.index("[3]")


def test_missing_findings_sit_in_their_own_block_after_spanned_ones() -> None:
    out = report_to_text(sample_report())
    spanned_block = out.index("[2] WARNING")
    missing_line = out.index("[3] ERROR")
    assert spanned_block < missing_line
    # The missing finding has no marker inside the answer text itself.
    answer_part = out[: out.index("[1] SUGGESTION")]
    assert "[3]" not in answer_part
    assert "reflection.missing_cost" in out[missing_line:]


def test_severity_is_written_as_a_word_and_quotes_are_shown() -> None:
    out = report_to_text(sample_report())
    for word in ("SUGGESTION", "WARNING", "ERROR"):
        assert word in out
    assert "“revenue grew by $2M”" in out
    assert "I optimized the queries" in out


def test_colour_mode_styles_spans_and_keeps_markers() -> None:
    out = report_to_text(sample_report(), color=True)
    assert "\x1b[" in out
    plain = ANSI.sub("", out)
    assert "optimized[1]" in plain


def test_no_color_console_keeps_markers_and_drops_colour() -> None:
    buffer = StringIO()
    console = Console(file=buffer, width=100, force_terminal=True, no_color=True)
    console.print(render_report(sample_report()))
    out = buffer.getvalue()
    # No foreground colour codes (30-37, 90-97) under NO_COLOR; bold/underline may remain.
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7])m", out)
    assert "[1]" in ANSI.sub("", out)


def test_user_text_is_not_read_as_markup() -> None:
    out = report_to_text(sample_report())
    assert "[brackets] *stars*" in out
    assert "<script>alert(1)</script>" in out


def test_sections_show_star_ownership_numbers_scores_probes_and_length() -> None:
    out = report_to_text(sample_report(), width=120)
    assert "1 of 3 actions has no clear actor" in out
    assert "passive voice" in out
    assert "40% (percent)" in out and "$2M (money)" in out
    assert "3/5" in out and "4/5" in out
    assert "gap: one action has no actor" in out
    assert "How did you measure the $2M" in out
    assert "52 words" in out and "0:21" in out and "1:30–2:30" in out
    assert "removed 1 control character" in out
    for part in ("situation", "task", "action", "result", "reflection"):
        assert part in out


def test_probes_keep_their_rank() -> None:
    out = report_to_text(sample_report())
    assert out.index("1. How did you measure") < out.index("2. What would you do differently")


def test_missing_star_part_is_named() -> None:
    report = sample_report(parts_present=("situation", "task", "action"))
    out = report_to_text(report)
    assert "result MISSING" in out and "reflection MISSING" in out


def test_abstained_report_shows_reason_and_no_scores() -> None:
    report = bare_report(
        "Too short.", abstained=True, abstain_reason="too short to score (2 words)"
    )
    out = report_to_text(report)
    assert "Not scored" in out and "too short to score (2 words)" in out
    assert "/5" not in out
    assert "Overall" not in out
    assert "Who did what" not in out


def test_abstained_report_on_empty_text_renders() -> None:
    report = bare_report("", abstained=True, abstain_reason="empty")
    assert "empty" in report_to_text(report)


def test_crlf_and_control_characters_do_not_reach_the_terminal() -> None:
    text = "I led it.\r\nWe shipped\x1b[31m it.\x07"
    report = bare_report(
        text,
        findings=(
            Finding("x.y", Severity.WARNING, "m", "a", "impact", span_of(text, "We shipped")),
        ),
    )
    out = report_to_text(report)
    assert "\r" not in out and "\x1b" not in out and "\x07" not in out
    assert "I led it.\n" in out
    assert "We shipped[1]" in out


def test_display_chunks_keep_one_entry_per_character() -> None:
    text = "a\r\nb\rc\x00d"
    chunks = display_chunks(text)
    assert len(chunks) == len(text)
    assert "".join(chunks) == "a\nb\ncd"


def test_line_index_positions() -> None:
    index = LineIndex("ab\ncd\r\nef\rgh")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (3, 1)
    assert index.position(10) == (4, 1)


def test_overlapping_spans_take_the_most_severe_style_and_both_markers() -> None:
    text = "We cut latency by 40% last year."
    outer = Finding("a.b", Severity.SUGGESTION, "m", "a", "impact", Span(0, 21))
    inner = Finding("c.d", Severity.ERROR, "m", "a", "impact", span_of(text, "40%"))
    segments = answer_segments(text, numbered_findings((outer, inner)))
    covered = [s for s in segments if s.text == "40%"]
    assert covered and covered[0].severity == Severity.ERROR
    markers = [s.marker for s in segments if s.marker is not None]
    assert markers == [1, 2]
    assert "".join(s.text for s in segments if s.marker is None) == text


def test_zero_length_and_out_of_range_spans_do_not_break_rendering() -> None:
    text = "Short answer."
    findings = (
        Finding("a.b", Severity.WARNING, "m", "a", "impact", Span(5, 5)),
        Finding("c.d", Severity.WARNING, "m", "a", "impact", Span(10, 500)),
    )
    out = report_to_text(bare_report(text, findings=findings))
    assert "Short[1]" in out
    assert "[2]" in out


def test_ownership_summary_counts_passive_and_none_as_unclear() -> None:
    counts = {"i": 2, "we": 1, "they": 0, "named": 1, "passive": 2, "none": 2}
    unclear, total, _ = ownership_summary(counts)
    assert (unclear, total) == (4, 8)


def test_every_action_with_actor_is_listed() -> None:
    text = ANSWER
    actions = (
        Action(span_of(text, "I rewrote the caching layer."), "i", span_of(text, "I rewrote")),
    )
    out = report_to_text(sample_report(actions=actions))
    assert "Every action has a clear actor" in out


def test_repeated_evidence_is_merged_with_a_count() -> None:
    text = ANSWER
    same = Evidence("acts as I", span_of(text, "I rewrote"), True)
    score = DimensionScore("ownership", 4, "", (same, same, same))
    out = report_to_text(sample_report(scores=(score,)))
    assert out.count("“I rewrote”") == 1
    assert "(×3)" in out


def test_positive_evidence_without_a_span_is_not_called_a_gap() -> None:
    score = DimensionScore("communication", 4, "", (Evidence("about 95 s spoken", None, True),))
    out = report_to_text(sample_report(scores=(score,)))
    assert "+ about 95 s spoken" in out
    assert "gap: about 95 s spoken" not in out


def test_probe_quote_is_not_repeated_when_the_question_quotes_it() -> None:
    text = ANSWER
    probe = Probe(
        "You said 'revenue grew by $2M': measured how?",
        "r",
        "s",
        span_of(text, "revenue grew by $2M"),
    )
    out = report_to_text(sample_report(probes=(probe,)))
    assert "“revenue grew by $2M”" in out  # the finding still quotes it
    probes_part = out[out.index("What an interviewer") :]
    assert "“revenue grew by $2M”" not in probes_part
