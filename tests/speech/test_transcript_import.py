"""Transcript import (WebVTT, SubRip, text), delivery metrics from timings, and the filler-free text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from starcoach.speech.cleantext import clean_transcript
from starcoach.speech.delivery import measure_delivery
from starcoach.speech.disfluency import find_disfluencies
from starcoach.speech.errors import TranscriptError
from starcoach.speech.imported import parse_transcript, read_transcript
from starcoach.speech.spoken import check_spoken, spoken_to_json
from starcoach.speech.transcript import join_words

VTT = """WEBVTT

00:00:00.000 --> 00:00:04.000
<v Ana>I led the migration of our billing system.

00:00:06.500 --> 00:00:10.000
<v Ana>We had three weeks, and I split the work.
"""

SRT = """1
00:00:00,000 --> 00:00:03,000
Um, I led the migration.

2
00:00:03,200 --> 00:00:06,000
Ana: We had, uh, three weeks.
"""


def test_vtt_cues_become_timed_words_without_speaker_labels() -> None:
    transcript = parse_transcript(VTT, "vtt")
    assert transcript.text.startswith("I led the migration")
    assert "Ana" not in transcript.text
    assert transcript.timing == "cue"
    assert transcript.words[0].t0 == 0.0
    assert transcript.words[-1].t1 == pytest.approx(10.0, abs=0.01)
    # The gap between the two cues is a long pause after a sentence.
    delivery = measure_delivery(transcript, (60, 150))
    assert [(p.t0, p.t1, p.kind) for p in delivery.pauses] == [
        (pytest.approx(4.0, abs=0.01), 6.5, "between_sentences")
    ]


def test_a_transcript_without_any_um_declines_the_filler_count() -> None:
    transcript = parse_transcript(VTT, "vtt")
    assert not transcript.shows_fillers
    delivery = measure_delivery(transcript, (60, 150))
    fillers = delivery.verdict("fillers")
    assert fillers is not None and fillers.status == "declined" and fillers.value is None
    assert delivery.of_kind("filler") == []


def test_srt_with_fillers_counts_them(tmp_path: Path) -> None:
    path = tmp_path / "answer.srt"
    path.write_text(SRT, "utf-8")
    transcript = read_transcript(str(path))
    assert transcript.source == "srt" and transcript.shows_fillers
    assert "Ana" not in transcript.text
    delivery = measure_delivery(transcript, (60, 150))
    assert [m.text for m in delivery.of_kind("filler")] == ["Um,", "uh,"]
    fillers = delivery.verdict("fillers")
    assert fillers is not None and fillers.value == pytest.approx(20.0, abs=0.1)
    assert fillers.status == "attention"


@pytest.mark.parametrize(
    ("name", "body", "needle"),
    [
        ("a.vtt", "00:00.000 --> 00:01.000\nhi\n", "WEBVTT"),
        ("a.srt", "just words, no cues\n", "no timed cues"),
        ("a.txt", "   \n", "no words"),
    ],
)
def test_bad_transcripts_get_one_line_reasons(
    tmp_path: Path, name: str, body: str, needle: str
) -> None:
    path = tmp_path / name
    path.write_text(body, "utf-8")
    with pytest.raises(TranscriptError, match=needle) as caught:
        read_transcript(str(path))
    assert "\n" not in str(caught.value)


def test_pace_and_pauses_from_word_timings() -> None:
    # 40 words, one every 0.4 s, with a 2 s pause mid-clause after word 19.
    pieces = []
    at = 0.0
    for i in range(40):
        if i == 20:
            at += 2.0
        pieces.append((f"word{i}" + ("." if i == 39 else ""), at, at + 0.3, 0.9))
        at += 0.4
    text, words = join_words(pieces)
    from starcoach.speech.transcript import Transcript

    transcript = Transcript(text, words, "audio", "word", True)
    delivery = measure_delivery(transcript, (60, 150))
    assert delivery.speaking_seconds == pytest.approx(17.9, abs=0.01)
    assert delivery.pace_wpm == pytest.approx(40 * 60 / 17.9, abs=0.1)
    assert [p.kind for p in delivery.pauses] == ["mid_clause"]
    assert delivery.pauses[0].seconds == pytest.approx(2.1, abs=0.01)
    assert delivery.pace_over_time[0][0] == 0.0
    time_verdict = delivery.verdict("speaking_time")
    assert time_verdict is not None and time_verdict.status == "attention"


def test_clean_text_drops_fillers_and_maps_back() -> None:
    transcript = parse_transcript("Um, we had, uh, three weeks. I, I split the work.", "text")
    clean = clean_transcript(transcript, find_disfluencies(transcript.words))
    assert clean.text == "We had three weeks. I split the work."
    start = clean.text.index("three weeks")
    mapped = clean.to_transcript(start, start + len("three weeks"))
    assert mapped is not None
    assert transcript.text[mapped[0] : mapped[1]] == "three weeks"


def test_spoken_check_keeps_finding_spans_in_the_transcript() -> None:
    text = (
        "Um, we were, you know, kind of responsible for the launch and the team did a lot of "
        "things. Uh, it went well I guess."
    )
    answer = check_spoken(parse_transcript(text, "text"), "proud")
    doc = spoken_to_json(answer)
    assert "Um" not in doc["analyzed_text"]
    assert doc["schema"] == "starcoach.spoken/1"
    for item in doc["finding_spans"]:
        assert 0 <= item["start"] <= item["end"] <= len(text)
    hedges = [m["text"] for m in doc["delivery"]["marks"] if m["kind"] == "hedge"]
    assert hedges == ["kind of", "I guess."]


def test_importing_starcoach_and_help_never_load_the_speech_stack() -> None:
    code = (
        "import sys, starcoach, starcoach.cli.main\n"
        "heavy = [m for m in sys.modules if m.startswith(('faster_whisper', 'ctranslate2', 'av', "
        "'sounddevice', 'numpy', 'starcoach.speech'))]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
