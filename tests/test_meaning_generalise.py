"""Meaning rules on answers of our own written for each trap kind in new wording (eval/answers, dev split).

Each case is a miss or a false alarm the rules had before they read structure rather than one more cue word:
a wandering answer, a spatial "behind" taken for a failure, more than 100% of a group, a length stated as
"took three months to get it running", a humblebrag, a failure that ends as a triumph, a verdict on the kind
of person someone is.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from eval.ownset import split_of
from eval.traps import fired

ANSWERS = Path(__file__).resolve().parents[1] / "eval" / "answers"


@cache
def _rows() -> dict[str, dict[str, str]]:
    rows = {}
    for path in sorted(ANSWERS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
    return rows


def _fired(row_id: str) -> set[str]:
    row = _rows()[row_id]
    # Only dev rows are used to test rules: test rows are measured, never tuned on.
    assert split_of(row_id) == "dev"
    return fired(row["answer"], row["question_type"])


@pytest.mark.parametrize(
    ("row_id", "rule_id"),
    [
        ("care-challenge-001c", "answer.wanders"),
        ("retail_hospitality-failure-003c", "answer.wanders"),
        ("public_sector-feedback-005c", "answer.wanders"),
        ("teaching-failure-036c", "answer.off_topic"),
        ("teaching-proud-044c", "result.implausible_number"),
        ("care-proud-046c", "consistency.self_contradiction"),
        ("sales-failure-038c", "failure.success_told_as_failure"),
        ("sales-pushback-013c", "conflict.personal_attack"),
        ("care-failure-015c", "failure.humblebrag"),
        ("sales-pushback-016d", "coherence.generic"),
        ("finance-challenge-001d", "answer.wanders"),
    ],
)
def test_trap_answer_is_named(row_id: str, rule_id: str) -> None:
    assert rule_id in _fired(row_id)


@pytest.mark.parametrize(
    "row_id",
    [
        # Strong answers that give background before the story: no wandering, no other warning.
        "care-challenge-066c",
        "logistics-failure-068c",
        "teaching-proud-033d",
    ],
)
def test_strong_answer_with_background_gets_no_warning(row_id: str) -> None:
    assert _fired(row_id) == set()


def test_spoken_fillers_are_not_wandering() -> None:
    # A transcript full of "um" and "you know" that tells a real story (the expert gave it 4).
    assert "answer.wanders" not in _fired("care-proud-017a")


def test_backlog_left_behind_is_a_failure_topic() -> None:
    # "thirty thousand orders behind": a delay, unlike "the woods behind the nursery".
    assert "answer.off_topic" not in _fired("logistics-failure-073a")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("By June 150% of the class had joined the library.", True),
        ("Guest satisfaction reached 110% in the spring survey.", True),
        ("I hit 130% of my quota, and 120% of the year before.", False),
        ("Output on the line was 130% of what it had been in May.", False),
        ("We reached 140% of the target in March.", False),
    ],
)
def test_share_above_whole_is_implausible_only_of_a_group(text: str, flagged: bool) -> None:
    assert ("result.implausible_number" in fired(text, "proud")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "It took about three months to get it running. We started seeing patients after three weeks.",
            True,
        ),
        ("It took about three months to get it running. The pilot took two weeks.", False),
        ("It took me two weeks to get sign-off, and the whole project took four months.", False),
    ],
)
def test_length_of_the_whole_work(text: str, flagged: bool) -> None:
    assert ("consistency.self_contradiction" in fired(text, "proud")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I raised it, but he's the kind of person who never listens.", True),
        ("She was the kind of person who always brought cake on a Friday.", False),
        ("She was the sort of colleague who never missed a handover, so I asked her why.", False),
    ],
)
def test_verdict_on_the_kind_of_person(text: str, flagged: bool) -> None:
    assert ("conflict.personal_attack" in fired(text, "difficult_person")) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("None of my jobs have ever gone badly, I get it right first time.", True),
        ("I can't say I've ever had critical feedback, to be honest.", True),
        ("I can't say I've ever had a harder week than that one.", False),
    ],
)
def test_denial_as_a_negated_ever_claim(text: str, flagged: bool) -> None:
    assert ("failure.denies_failure" in fired(text, "failure")) is flagged


def test_patient_history_is_not_a_success_claim() -> None:
    text = (
        "I never read the patient's history properly, and he was given a drug he was allergic to."
    )
    assert "failure.success_told_as_failure" not in fired(text, "failure")


def _score(text: str, dimension: str) -> int | None:
    from starcoach import analyze

    report = analyze(text, "failure")
    return next(s.score for s in report.scores if s.dimension == dimension)


def test_failure_named_as_ones_own_lifts_ownership_and_self_awareness() -> None:
    row = _rows()["logistics-failure-068c"]
    assert split_of(row["id"]) == "dev"
    owned = row["answer"]
    denied = owned.replace("the real mistake was mine", "the real mistake was not mine")
    for dimension in ("ownership", "self_awareness"):
        assert (_score(owned, dimension) or 0) > (_score(denied, dimension) or 0)


def test_marking_out_ones_own_part_lifts_ownership() -> None:
    from starcoach import analyze

    shared = (
        "Our team of five moved the payment events onto a managed queue. {own} a dual-write period where "
        "every event went to both queues. I argued for that over a big-bang cut-over, and I wrote the "
        "reconciliation job that compared the two every night. We cut over in stages over six weeks, and "
        "lost-event pages went from about six a month to one."
    )

    def ownership(own: str) -> int | None:
        report = analyze(shared.format(own=own), "proud")
        return next(s.score for s in report.scores if s.dimension == "ownership")

    assert (ownership("My own part was the design:") or 0) > (ownership("The design was") or 0)
