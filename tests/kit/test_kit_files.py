"""Kits as files and on paper, notes from transcripts, and what the analyzer makes of notes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tests.kit.conftest import STRONG_NOTES

from starcoach.kit.content import interviewer_content
from starcoach.kit.errors import KitInvalid, NotesInvalid
from starcoach.kit.export import kit_html, kit_pdf
from starcoach.kit.kitfile import parse_kit, read_kit_file, render_kit
from starcoach.kit.model import build_kit, kit_from_dict, kit_to_dict
from starcoach.kit.notes import MAX_NOTES_BYTES, analyze_notes, propose_quotes, read_transcript


def test_a_kit_has_the_opener_first_with_follow_ups_scale_and_flags() -> None:
    kit = build_kit("Product Manager")
    assert kit.role == "product_manager"
    assert kit.questions[0].kind == "opener" and kit.questions[0].follow_ups
    assert all(q.minutes > 0 and q.listens_for for q in kit.questions)
    for dim in kit.dimensions:
        assert sorted(dim.criteria) == [1, 2, 3, 4, 5]
        assert all(dim.examples[level] for level in range(1, 6))
    assert kit.red_flags
    assert 30 <= kit.minutes <= 60


def test_kit_file_round_trips_and_carries_its_version() -> None:
    kit = build_kit("designer")
    text = render_kit(kit, 3)
    again, version = parse_kit(text)
    assert again == kit and version == 3


def test_kit_file_problems_are_all_reported() -> None:
    data = kit_to_dict(build_kit("swe"))
    data["questions"][0]["minutes"] = 0
    data["dimensions"][0]["levels"].pop("3")
    data["role"] = "astronaut"
    with pytest.raises(KitInvalid) as invalid:
        kit_from_dict(data)
    text = str(invalid.value)
    assert "minutes" in text and "levels.3" in text and "unknown role" in text


def test_binary_and_broken_kit_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "kit.md"
    binary.write_bytes(b"---\x00\x01")
    with pytest.raises(KitInvalid, match="binary"):
        read_kit_file(binary)
    with pytest.raises(KitInvalid, match="YAML"):
        parse_kit("---\nid: [\n---\n")


def test_print_exports() -> None:
    kit = dataclasses.replace(build_kit("swe"), title="<script>x</script> loop")
    html = kit_html(kit, 2)
    assert "&lt;script&gt;" in html and "<script>x" not in html
    assert "version 2" in html and kit.dimensions[0].examples[5].replace('"', "&#34;") in html
    pdf = kit_pdf(kit, 2)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000


VTT = """WEBVTT

NOTE recorded on the call

1
00:00:01.000 --> 00:00:04.000
<v Candidate>I led the rewrite of our billing service.

2
00:00:04.500 --> 00:00:08.000
Failed payments fell from 4% to 1%.
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
I led the rewrite.

2
00:00:04,500 --> 00:00:08,000
It took two months.
"""


def test_transcripts_keep_only_the_words() -> None:
    assert read_transcript(VTT.encode()) == (
        "I led the rewrite of our billing service.\nFailed payments fell from 4% to 1%."
    )
    assert read_transcript(SRT.encode("utf-8-sig")) == "I led the rewrite.\nIt took two months."
    assert read_transcript(b"  plain notes\n") == "plain notes"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "no words"),
        (b"   \n\n", "no words"),
        (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n", "no words"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"abc\x00def", "binary"),
        (b"caf\xe9", "UTF-8"),
        (b"x" * (MAX_NOTES_BYTES + 1), "limit"),
    ],
)
def test_bad_transcripts_get_a_clear_message(raw: bytes, message: str) -> None:
    with pytest.raises(NotesInvalid, match=message):
        read_transcript(raw, "notes.vtt")


def test_notes_analysis_marks_what_was_established_and_suggests_follow_ups() -> None:
    kit = build_kit("swe")
    result = analyze_notes(kit, "proud", STRONG_NOTES)
    marks = {m.id: m for m in result.marks}
    assert marks["own_actions"].found and marks["own_actions"].quote.startswith("I traced")
    assert marks["result_baseline"].found and marks["result_baseline"].quote == "4% to 1%"
    assert marks["lesson"].found
    assert result.suggestions
    vague = analyze_notes(
        kit,
        "proud",
        "We built a new platform and the team worked hard on it. It went really well and revenue "
        "grew a lot, and everyone was happy with how the whole thing turned out in the end.",
    )
    vmarks = {m.id: m for m in vague.marks}
    assert not vmarks["own_actions"].found and not vmarks["lesson"].found
    assert any("you" in s.question.lower() for s in vague.suggestions)
    empty = analyze_notes(kit, "proud", "")
    assert empty.abstained and [s.question for s in empty.suggestions] == [
        f.ask for f in kit.questions[0].follow_ups
    ]


def test_proposed_quotes_come_from_the_notes() -> None:
    kit = build_kit("swe")
    proposals = propose_quotes(kit, {"proud": STRONG_NOTES})
    assert proposals["ownership"]
    for quotes in proposals.values():
        for quote in quotes:
            assert STRONG_NOTES[quote.start : quote.end] == quote.text
            assert len(quote.text.split()) >= 2


def test_interviewer_content_is_complete() -> None:
    content = interviewer_content()
    assert [p.id for p in content.prompts.values() if p.kind == "opener"] == ["proud"]
    assert len(content.prompts) == 7
