"""Lessons and changed habits count as the result of failure, feedback and improvement answers, and
outcomes told in the past tense are labelled result."""

from __future__ import annotations

from starcoach.analysis.answer import Answer
from starcoach.analysis.features.star import has_habit, label_sentences
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.registry import get_rule


def _missing_result(text: str, question: str) -> bool:
    rule = get_rule("star.missing_result")
    return bool(KINDS[rule.kind].check(rule, Answer(text, question)))


def test_past_tense_outcomes_are_results() -> None:
    story = [
        "Our branch kept missing its savings-account target.",
        "I noticed new customers were never asked about savings at account opening.",
        "I added one question to the opening checklist and showed the cashiers how to ask it.",
        "It worked, and the following month we beat the target by 9%.",
    ]
    assert label_sentences(story)[-1][0] == "result"
    shipped = [
        "The invoice export kept timing out for our largest clients.",
        "I found the slow query and rewrote it to page through the rows.",
        "I checked it against the five biggest accounts.",
        "It shipped in the next release!",
    ]
    assert label_sentences(shipped)[-1][0] == "result"


def test_a_lesson_is_the_result_of_a_failure_answer() -> None:
    text = (
        "I booked the wrong venue size for our spring open evening. I had used last year's numbers "
        "without checking this year's registrations, and forty parents stood at the back. "
        "I apologised to the head and moved the talk to the hall for the second session. "
        "The lesson I took away was to check live sign-ups a week before any event."
    )
    assert not _missing_result(text, "failure")


def test_a_changed_habit_is_the_result_of_a_feedback_answer() -> None:
    text = (
        "My team lead told me my shift handovers were too long and people stopped listening. "
        "I asked her which parts mattered most to the incoming nurses. "
        "Since March I have used a five-line handover card for every patient."
    )
    assert not _missing_result(text, "feedback")


def test_an_answer_that_stops_at_actions_still_has_no_result() -> None:
    text = (
        "Our stock counts never matched the system. I walked the aisles with the supervisor and "
        "listed every location that was wrong. I rewrote the counting sheet and trained the weekend team."
    )
    assert _missing_result(text, "challenge")


def test_habit_cues() -> None:
    assert has_habit("Since then I check every new contract myself.") is not None
    assert has_habit("The checklist is still used on every ward.") is not None
    assert has_habit("I rewrote the checklist.") is None


def test_no_outcome_phrases_with_possessives_and_short_stores_are_results() -> None:
    story = [
        "Half our drivers were over their legal hours on the new contract.",
        "I rebuilt the routes with the planners and split the longest ones.",
        "In the first year we had no drivers' hours infringements at all.",
    ]
    assert label_sentences(story)[-1][0] == "result"


def test_more_lessons_and_changes_since() -> None:
    from starcoach.analysis.features.star import has_lesson

    assert has_lesson("What I got wrong at first was arguing back on the phone.") is not None
    assert has_lesson("My own mistake was copying his tone in my emails.") is not None
    assert has_lesson("I write those emails differently now.") is not None
    assert has_lesson("I've never left a circuit live without a full test since.") is not None
    assert has_lesson("We haven't had a manual change on the live system since.") is not None
    assert has_lesson("I checked the wiring and left.") is None
