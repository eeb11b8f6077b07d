"""Blame read from clause structure: who is the subject of each clause, and whether it fell short."""

from __future__ import annotations

import pytest

from starcoach.analysis.features.blame import blame_span, clauses
from starcoach.analysis.text import split_sentences


def _blame(text: str) -> str | None:
    found = blame_span(text, split_sentences(text))
    return None if found is None else found.text(text)


def test_clauses_split_at_punctuation_and_conjunctions_without_the_opening_word() -> None:
    text = "He was late, and the van never came because the depot forgot"
    assert [c.text(text) for c in clauses(text)] == [
        "He was late",
        "the van never came",
        "the depot forgot",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "The buyer was frankly out of his depth. Our product team hadn't shipped the feature.",
            "The buyer was frankly out of his depth",
        ),
        (
            "The foreman had no idea about sequencing. If he'd sequenced it properly, we'd have been out on time.",
            "The foreman had no idea about sequencing",
        ),
        (
            "Nobody ever gave me a proper handover. Honestly anyone in my position would have struggled.",
            "Nobody ever gave me a proper handover",
        ),
        (
            "The manager knew we were short and chose not to pay for cover. The rest is history.",
            None,
        ),
        (
            "The manager knew we were short and chose not to pay for cover. I wouldn't do anything differently.",
            "chose not to pay for cover",
        ),
    ],
)
def test_others_falling_short_without_an_own_part_is_blame(text: str, first: str | None) -> None:
    assert _blame(text) == first


@pytest.mark.parametrize(
    "text",
    [
        # The speaker owns a shortfall.
        "The courier never collected. The warehouse hadn't labelled the boxes. I didn't check the labels myself.",
        "The courier never collected. The warehouse hadn't labelled the boxes. I assumed someone had booked it.",
        "The courier never collected. If I'd rung them at noon, we'd have made the cut-off.",
        # Negations that are no shortfall, and someone else's view reported.
        "She never missed a shift. He didn't complain once, and they didn't hesitate to cover.",
        "My manager said my notes weren't detailed enough. The auditors didn't sign off the file.",
        # Two shortfalls in one sentence are one obstacle, not a pattern of blame.
        "The housing team couldn't place anyone because they didn't know who had medical needs.",
    ],
)
def test_no_blame(text: str) -> None:
    assert _blame(text) is None


def test_a_denied_fault_is_not_owned() -> None:
    text = "It wasn't my fault. The rota never had anyone experienced on. The supplier hadn't delivered."
    assert _blame(text) == "The supplier hadn't delivered"
