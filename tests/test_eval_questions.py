"""The question-reading harness counts what it says: right, missed and wrong-prompt readings."""

from __future__ import annotations

from eval.questions import _rows, load_questions


def test_rows_count_right_missed_and_wrong_readings() -> None:
    items = [
        ("a", "Tell me about a time you failed.", "failure"),
        ("b", "What is the capital of France?", None),
        ("c", "Tell me about a mistake you made.", "pushback"),
        ("d", "What is the capital of Spain?", "proud"),
    ]
    right, missed, wrong = _rows("dev", items, "test data")
    assert right.value == 2 / 4 and right.baseline == 1 / 4 and right.n == 4
    assert missed.value == 1 / 3 and missed.n == 3
    assert wrong.value == 1 / 4


def test_every_labelled_question_names_a_prompt_or_none() -> None:
    prompts = {
        "proud",
        "challenge",
        "pushback",
        "difficult_person",
        "failure",
        "feedback",
        "improvement",
    }
    items = load_questions()
    assert len({row_id for row_id, _, _ in items}) == len(items)
    assert all(label is None or label in prompts for _, _, label in items)
