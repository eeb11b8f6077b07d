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


def _failure_blame(text: str) -> str | None:
    found = blame_span(text, split_sentences(text), failure=True)
    return None if found is None else found.text(text)


def test_a_coordinated_verb_carries_the_subject_before_it() -> None:
    text = "The night nurse had given it early but got called away and never went back to sign. Nobody mentioned it."
    assert _blame(text) == "never went back to sign"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # A negated passive with no one named, in a failure story.
        (
            "The morning dose hadn't been signed for on the chart. Handover was rushed, so nobody mentioned it.",
            "The morning dose hadn't been signed for on the chart",
        ),
        # Contempt that is no negation, and the speaker clearing themselves.
        (
            "Apparently a spreadsheet is beyond them. There isn't much I could have done.",
            "Apparently a spreadsheet is beyond them",
        ),
        # A relative clause about someone else, and what the speaker was not given.
        (
            "The drop went to a contractor who clearly didn't go to half the addresses. I wasn't given a budget either.",
            "who clearly didn't go to half the addresses",
        ),
        # Others' shortfall with the failure put on the process.
        (
            "None of them picked up on the table size. I'd see it more as a process failure than an individual one.",
            "None of them picked up on the table size",
        ),
    ],
)
def test_others_falling_short_in_a_failure_story(text: str, first: str) -> None:
    assert _failure_blame(text) == first


@pytest.mark.parametrize(
    "text",
    [
        # The speaker owns a part beside others' mistakes.
        "The morning dose hadn't been signed for. Nobody mentioned it at handover. I didn't check the chart myself.",
        "The social posts were an afterthought. The contractor who did the drop clearly didn't go everywhere. "
        "I assumed comms had it covered.",
        # What nobody did is no shortfall, and a condition is not what happened.
        "Nobody was hurt. If it isn't signed, it hasn't been given.",
    ],
)
def test_no_blame_in_a_failure_story(text: str) -> None:
    assert _failure_blame(text) is None


def test_an_unnamed_shortfall_is_not_blame_outside_a_failure_story() -> None:
    assert (
        _blame("The morning dose hadn't been signed for. The posts were an afterthought.") is None
    )
