"""The probe evaluation rubric: targets of a question, whole-clause quotes and the defect checks."""

from __future__ import annotations

import pytest
from eval.probes import (
    absent_actor,
    asks_given,
    defects_of,
    duplicates,
    is_whole_clause,
    judge,
    load_rows,
    split_of,
    targets_of,
)


@pytest.mark.parametrize(
    ("question", "target"),
    [
        (
            "Which part of the falls work was yours, something you did or decided yourself?",
            "own_part",
        ),
        ("Why a weekly restore test rather than daily?", "decision"),
        ("How did you decide which customers counted as vulnerable?", "decision"),
        ("How many falls were there before and after, over what period?", "measure"),
        ("What did you try that didn't work?", "hardest"),
        ("What was hardest about walking every job before quoting, time-wise?", "hardest"),
        ("What did the head of product think the real risk of the four days was?", "other_view"),
        ("What would the son say about you if we rang him?", "other_view"),
        (
            "Who on the team disagreed with the dual-write approach, and what was their argument?",
            "other_view",
        ),
        ("What exactly did you say to the manager, and how?", "conversation"),
        ("Looking back, what would you do differently?", "differently"),
        ("What do you do differently now so that this can't happen again?", "lesson"),
        (
            "How did you make sure the mispick rate didn't creep back up after the four months?",
            "lesson",
        ),
        ("What would you have done if your supervisor had said no?", "counterfactual"),
        ("Did head office change the Sunday hours in the end?", "outcome"),
        ("What did the delay cost the people around you?", "cost"),
        ("Tell me about a time being a perfectionist caused a real problem.", "example"),
        ("How did you feel when your manager called it a lecture?", "feeling"),
        ("How did you find out other teams were reading from the old queue?", "detection"),
    ],
)
def test_a_question_gets_the_target_it_goes_after(question: str, target: str) -> None:
    assert target in targets_of(question)


def test_a_question_asking_two_things_has_two_targets_and_one_cue_gives_one() -> None:
    assert targets_of('You said "x": how was that measured, and which part of it was yours?') == {
        "measure",
        "own_part",
    }
    # "since" alone makes it a lesson question, not also an outcome or example one.
    assert targets_of("Have you caught a locking problem since, before it shipped?") == {"lesson"}


def test_quoted_words_do_not_decide_the_target() -> None:
    assert targets_of('You said "we measured it hourly": can you give me one example?') == {
        "example"
    }


def test_a_question_the_rules_do_not_know_has_no_target() -> None:
    assert targets_of("What's the opening sentence you practise, roughly?") == frozenset()


ANSWER = (
    "On Black Friday we peaked at 11.4x normal traffic. I rolled the change out to 5% of traffic first, "
    "because the last release had failed at scale. Errors went from 4% to 0.3%, and my manager was pleased."
)


def test_whole_clauses_pass_and_clipped_ones_fail() -> None:
    assert is_whole_clause("I rolled the change out to 5% of traffic first", ANSWER)
    assert is_whole_clause("Errors went from 4% to 0.3%", ANSWER)
    assert is_whole_clause("because the last release had failed at scale", ANSWER)
    assert not is_whole_clause("On Black Friday", ANSWER)  # no verb
    assert not is_whole_clause("went from 4% to 0.3%", ANSWER)  # starts inside the clause
    assert not is_whole_clause("I rolled the change out", ANSWER)  # ends inside the clause
    assert not is_whole_clause("we", ANSWER)
    assert not is_whole_clause("Errors went from 5% to 1%", ANSWER)  # not in the answer


def test_asking_for_what_the_answer_gives_is_a_defect() -> None:
    assert (
        asks_given('You said "Errors went from 4% to 0.3%": what was it before?', ANSWER)
        == "baseline"
    )
    assert (
        asks_given('You said "Errors went from 4% to 0.3%": is there a number behind it?', ANSWER)
        == "number"
    )
    why = 'You said "because the last release had failed at scale": why did you do that?'
    assert asks_given(why, ANSWER) == "reason"
    part = 'You said "I rolled the change out to 5% of traffic first": what exactly was your part?'
    assert asks_given(part, ANSWER) == "part"
    assert asks_given(
        "Looking back, what would you do differently?", ANSWER + " Next time I'd test earlier."
    )
    assert asks_given("Looking back, what would you do differently?", ANSWER) is None
    assert asks_given("Why did you roll it out to 5% first?", ANSWER) is None
    words = "Completion had gone from about sixty percent to just over eighty"
    assert (
        asks_given(f'You said "{words}": compared with what starting point?', words) == "baseline"
    )


def test_a_person_the_answer_never_names_is_a_defect() -> None:
    assert absent_actor("Why do you think they behaved that way?", ANSWER) == "they"
    assert absent_actor("What did your manager say?", ANSWER) is None
    assert absent_actor("What did your manager say?", "I fixed the build. It passed.") == "manager"
    # a possessive mentions the person too
    assert absent_actor("What did the customer make of it?", "I called the customer's son.") is None
    # "them" for options is not a person.
    assert (
        absent_actor("What other options did you consider, and why did you reject them?", ANSWER)
        is None
    )


def test_duplicates_are_the_same_words_or_the_same_target_on_the_same_quote() -> None:
    questions = [
        'You said "Errors went from 4% to 0.3%": how was that measured?',
        'You said "Errors went from 4% to 0.3%": how did you measure that?',
        "Why do you think they behaved that way?",
        "Why do you think they behaved that way?",
        "What was the hardest moment?",
    ]
    assert duplicates(questions) == [(0, 1), (2, 3)]
    assert defects_of(questions, ANSWER)["duplicate"] == 2


def test_split_follows_the_answer_set_rule_and_judge_counts_a_top_three_match() -> None:
    assert {split_of(f"x-{i}") for i in range(40)} == {"dev", "test"}
    row = {
        "id": "x-1",
        "answer": ANSWER,
        "verdict": {"probes": ["Why did you start at 5% rather than everyone at once?"]},
    }
    hit = judge(
        row, ["What did the others think?", "What would you do differently?", "Why 5% first?"]
    )
    miss = judge(
        row, ["What did the others think?", "What would you do differently?", "How?", "Why?"]
    )
    assert hit.matched and not miss.matched


def test_the_answer_set_carries_human_probes_on_both_splits() -> None:
    rows = load_rows()
    assert len(rows) >= 240
    assert sum(split_of(r["id"]) == "dev" for r in rows) >= 60
    assert all(1 <= len(r["verdict"]["probes"]) <= 3 for r in rows)
