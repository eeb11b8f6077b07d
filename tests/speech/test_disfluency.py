"""Filler, hedge and repeat detection, and its precision and recall on our labelled transcripts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from starcoach.speech.disfluency import find_disfluencies
from starcoach.speech.imported import parse_transcript

LABELLED = Path(__file__).parents[1] / "data" / "speech" / "fillers.txt"
_MARK = re.compile(r"\[\[(.+?)\]\]")


def _labelled() -> list[tuple[str, set[tuple[int, int]]]]:
    """Return (utterance, gold filler spans) for each labelled line."""
    rows = []
    for line in LABELLED.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        gold: set[tuple[int, int]] = set()
        text = ""
        at = 0
        for match in _MARK.finditer(line):
            text += line[at : match.start()]
            gold.add((len(text), len(text) + len(match.group(1))))
            text += match.group(1)
            at = match.end()
        text += line[at:]
        rows.append((text, gold))
    return rows


def _fillers(text: str) -> set[tuple[int, int]]:
    transcript = parse_transcript(text, "text")
    assert transcript.text == text
    return {(d.start, d.end) for d in find_disfluencies(transcript.words) if d.kind == "filler"}


def filler_scores() -> tuple[float, float, int]:
    """Return (precision, recall, gold count) of filler detection over the labelled set."""
    hits = predicted = gold_total = 0
    for text, gold in _labelled():
        found = _fillers(text)
        hits += len(found & gold)
        predicted += len(found)
        gold_total += len(gold)
    return hits / max(predicted, 1), hits / max(gold_total, 1), gold_total


def test_labelled_set_is_big_enough_and_has_both_uses() -> None:
    rows = _labelled()
    assert len(rows) >= 60
    assert sum(1 for _, gold in rows if not gold) >= 15  # content uses of the ambiguous words


def test_filler_precision_and_recall() -> None:
    precision, recall, gold = filler_scores()
    assert gold >= 30
    assert precision >= 0.9, precision
    assert recall >= 0.8, recall


@pytest.mark.parametrize(
    ("text", "kind", "covered"),
    [
        ("I guess the result was fine.", "hedge", "I guess"),
        ("It was sort of a rewrite.", "hedge", "sort of"),
        ("We kind of rushed it.", "hedge", "kind of"),
        ("We fixed it, I, I mean the team did.", "repeat", "I,"),
        ("We were, we were running out of time.", "restart", "We were,"),
    ],
)
def test_hedges_repeats_and_restarts(text: str, kind: str, covered: str) -> None:
    transcript = parse_transcript(text, "text")
    marks = [d for d in find_disfluencies(transcript.words) if d.kind == kind]
    assert [transcript.text[d.start : d.end] for d in marks] == [covered]


@pytest.mark.parametrize(
    "text",
    [
        "What kind of tool was it?",
        "That sort of problem is common.",
        "I had had enough of the outages.",
        "It was very very fast.",
    ],
)
def test_no_hedge_or_repeat_in_plain_uses(text: str) -> None:
    transcript = parse_transcript(text, "text")
    assert [d.kind for d in find_disfluencies(transcript.words)] == []
