"""Negative judgments about people: who is judged, with intensifiers, relative clauses and negation."""

from __future__ import annotations

import pytest

from starcoach.analysis.answer import Answer
from starcoach.analysis.features.judgment import contempt, personal_attacks
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.registry import get_rule
from starcoach.analysis.text import split_sentences


def _attacks(text: str) -> list[str]:
    return [s.text(text) for s in personal_attacks(text, split_sentences(text))]


@pytest.mark.parametrize(
    "text",
    [
        "The night porter was honestly just lazy.",
        "Our account manager, who was lazy, never sent the quote.",
        "My old supervisor was totally incompetent.",
        "Priya seemed arrogant from the first meeting.",
        "We were stuck with a careless contractor for a month.",
        "To be fair, the buyer was so clueless about stock levels.",
    ],
)
def test_judgments_of_others_are_attacks(text: str) -> None:
    assert _attacks(text)


@pytest.mark.parametrize(
    "text",
    [
        "I was lazy about the checklist that week, and it cost us.",
        "He wasn't lazy; he was covering two rounds at once.",
        "She was not incompetent at all, just new to the ward.",
        "It was a stupid mistake, and it was mine.",
        "At first I thought he was lazy, but it turned out he had never been trained.",
        "I'm a careless proofreader when I rush, so I read every contract twice now.",
    ],
)
def test_self_criticism_negation_and_corrected_first_impressions_are_not(text: str) -> None:
    assert not _attacks(text)


def test_contempt_is_not_understanding() -> None:
    assert contempt("The new director just didn't understand logistics.")
    assert contempt("Honestly, he had no idea what he was doing.")
    assert not contempt("She didn't understand the new booking screen, so I showed her.")


def _fires(rule_id: str, text: str, question: str) -> bool:
    rule = get_rule(rule_id)
    return bool(KINDS[rule.kind].check(rule, Answer(text, question)))


def test_contempt_does_not_count_as_empathy() -> None:
    text = (
        "Our new practice manager kept changing the rota. He just didn't understand nursing. "
        "I went over his head to the clinical lead and the rota was frozen."
    )
    assert _fires("difficult_person.no_empathy", text, "difficult_person")


def test_blame_with_intensifiers() -> None:
    text = "We missed the delivery window, and it was totally his fault for loading the wrong van."
    assert _fires("conflict.blame", text, "failure")


def test_failure_blamed_on_others_and_circumstances() -> None:
    text = (
        "The spring menu launch went badly. The suppliers changed the prices at the last minute, "
        "the kitchen didn't prep the new dishes, and the owners kept changing their minds. "
        "It wasn't really anything I could control."
    )
    assert _fires("failure.others_blamed", text, "failure")
    owned = (
        "The spring menu launch went badly. The suppliers changed the prices late and the kitchen "
        "didn't prep the new dishes, but I never checked the prep list the night before, which "
        "was my job. Now I walk the prep list with the sous chef at close."
    )
    assert not _fires("failure.others_blamed", owned, "failure")


def test_own_part_with_never() -> None:
    text = (
        "Our new returns process failed in its first month because I never tested it with the "
        "weekend staff. I rebuilt it with two of them and it has worked since."
    )
    assert not _fires("failure.no_own_part", text, "failure")


def test_a_cause_outside_plus_an_own_part_is_not_blame() -> None:
    text = (
        "The spring catalogue went out three weeks late because the printer was late with the proofs, "
        "and I hadn't built any slack into the plan. Now every print job gets a week of buffer."
    )
    assert not _fires("failure.others_blamed", text, "failure")
    assert _fires(
        "failure.others_blamed",
        "The spring catalogue went out three weeks late because the printer was late with the proofs.",
        "failure",
    )
