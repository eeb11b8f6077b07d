"""The Markdown renderer: same content as the terminal, user text escaped."""

from __future__ import annotations

import re

from starcoach.render.markdown import escape, escape_block, report_to_markdown
from test_render_json import bare_report, sample_report


def test_markdown_has_every_section() -> None:
    md = report_to_markdown(sample_report())
    for heading in (
        "## Your answer",
        "## Findings in your words",
        "## Missing from the answer",
        "## STAR + Reflection",
        "## Who did what",
        "## Numbers",
        "## Scores (1–5, with evidence)",
        "## What an interviewer will ask next",
        "## Length",
    ):
        assert heading in md


def test_highlights_are_bold_with_a_marker() -> None:
    md = report_to_markdown(sample_report())
    assert "**The queries were optimized**\\[1\\]" in md
    assert "**revenue grew by \\$2M**\\[2\\]" in md
    assert "`reflection.missing_cost`" in md


def test_html_and_markup_in_the_answer_are_escaped() -> None:
    md = report_to_markdown(sample_report())
    assert "<script>" not in md
    assert "&lt;script&gt;" in md
    assert "\\[brackets\\]" in md and "\\*stars\\*" in md


def test_answer_is_a_blockquote_without_carriage_returns() -> None:
    md = report_to_markdown(sample_report())
    section = md.split("## Your answer")[1].split("##")[0]
    lines = [line for line in section.strip().splitlines()]
    assert lines and all(line.startswith(">") for line in lines)
    assert "\r" not in md


def test_line_starting_with_a_number_or_dash_is_not_a_list() -> None:
    text = "Some context.\n1. First I did this.\n- then that\n"
    md = report_to_markdown(bare_report(text))
    assert "> 1\\. First" in md
    assert "> \\- then" in md


def test_escape_functions() -> None:
    assert escape("a_b *c* <b>&") == "a\\_b \\*c\\* &lt;b&gt;&amp;"
    assert escape("2024.1") == "2024.1"
    assert escape_block("3. item") == "3\\. item"


def test_table_cells_cannot_break_the_table() -> None:
    report = sample_report()
    md = report_to_markdown(report)
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows
    assert all(row.count("|") - row.count("\\|") == 5 for row in rows)


def test_abstained_markdown_shows_reason_and_no_scores() -> None:
    report = bare_report("Too short.", abstained=True, abstain_reason="too short to score")
    md = report_to_markdown(report)
    assert "## Not scored" in md and "too short to score" in md
    assert "## Scores" not in md and "Overall" not in md


def test_markdown_ends_with_one_newline() -> None:
    md = report_to_markdown(sample_report())
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_keeps_sentences_whole_and_counts_in_plural() -> None:
    from starcoach.analysis import analyze
    from starcoach.cli.check import read_example
    from starcoach.render.markdown import report_to_markdown

    long_sentence = (
        "I helped with some of the planning and the deadline was met and everyone was happy "
        "with how it went in the end."
    )
    text = (
        "We had a project that was behind. The team worked really hard on it. "
        + long_sentence
        + " It was a great success and the stakeholders were pleased with the team overall."
    )
    out = report_to_markdown(analyze(text))
    assert long_sentence in out
    assert "…" not in out
    assert re.search(r"\*\*Findings:\*\* \d+ \(\d+ errors?, \d+ warnings?, \d+ suggestions?\)", out)
    assert "(0 error," not in out and " 1 warnings" not in out
    clean = report_to_markdown(analyze(read_example(), "proud"))
    assert "0 errors, 0 warnings, 0 suggestions" in clean
