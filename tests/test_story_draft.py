"""Drafts: spoken-length answers from a story's own words, analyzed like any answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from starcoach.content import CORE_QUESTION_IDS, get_question
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.drafts import FOCUS, WORDS_PER_MINUTE, DraftUnavailable, draft_answer
from starcoach.stories.model import Story, StoryAction

DATA = Path(__file__).parent / "data" / "stories"
FULL = read_story_file(DATA / "checkout-latency.md")


@pytest.mark.parametrize("question", CORE_QUESTION_IDS)
def test_every_prompt_gets_a_draft_that_fits_the_time(question: str) -> None:
    draft = draft_answer(FULL, question)
    assert draft.report.question_type == question
    assert draft.report.text == draft.text
    limit = get_question(question).target_seconds[1]
    assert draft.report.speaking.words * 60 / WORDS_PER_MINUTE <= limit
    assert not draft.report.abstained


def test_sources_point_at_the_story_words() -> None:
    draft = draft_answer(FULL, "failure")
    fields = [f for f, _ in draft.sources]
    assert "failure" in fields
    for field, span in draft.sources:
        assert span.text(draft.text)
        if field == "failure":
            assert span.text(draft.text).startswith("In the second stage")


def test_proud_draft_tells_the_whole_arc_in_order() -> None:
    draft = draft_answer(FULL, "proud")
    order = [f.split("[")[0] for f, _ in draft.sources]
    assert order.index("situation") < order.index("actions") < order.index("results")
    assert order.index("results") < order.index("reflection")
    assert "I profiled the checkout service" in draft.text


def test_actions_get_their_actor() -> None:
    story = FULL.replace(
        actions=(
            StoryAction("Wrote the proposal", "me"),
            StoryAction("Split the rollout", "team"),
        )
    )
    text = draft_answer(story, "proud").text
    assert "I wrote the proposal." in text
    assert "We split the rollout." in text


def test_a_long_story_is_trimmed_keeping_the_core() -> None:
    long_actions = tuple(
        StoryAction(f"I did step {i} " + "carefully " * 80, "me") for i in range(8)
    )
    draft = draft_answer(FULL.replace(actions=long_actions), "proud")
    assert draft.dropped
    fields = {f.split("[")[0] for f, _ in draft.sources}
    assert "title" in fields
    assert draft.report.speaking.seconds <= get_question("proud").target_seconds[1]


def test_a_prompt_without_material_is_refused() -> None:
    thin = read_story_file(DATA / "thin-idea.md")
    with pytest.raises(DraftUnavailable) as caught:
        draft_answer(thin, "failure")
    assert caught.value.field == "failure"


ONBOARDING = read_story_file(DATA / "onboarding-program.md")


def _with_material() -> list[tuple[Story, str]]:
    pairs = []
    for story in (FULL, ONBOARDING):
        for question in CORE_QUESTION_IDS:
            if not FOCUS[question] or getattr(story, FOCUS[question]):
                pairs.append((story, question))
    return pairs


@pytest.mark.parametrize(
    ("story", "question"), _with_material(), ids=lambda v: v if isinstance(v, str) else v.id
)
def test_drafts_reach_the_shortest_target_from_the_story_itself(
    story: Story, question: str
) -> None:
    draft = draft_answer(story, question)
    low, high = get_question(question).target_seconds
    assert low <= draft.report.speaking.seconds <= high, (question, draft.report.speaking)
    # Every sentence comes from a field of the story (or the opener).
    assert {field.split("[")[0] for field, _ in draft.sources} <= {
        "title", "role", "situation", "task", "actions", "results", "reflection",
        "why_it_matters", "hardest_challenge", "pushback", "difficult_person", "failure",
        "feedback", "working_on_now",
    }  # fmt: skip


@pytest.mark.parametrize("question", CORE_QUESTION_IDS)
def test_every_number_keeps_its_baseline(question: str) -> None:
    draft = draft_answer(FULL, question)
    told = {int(field[8:-1]) for field, _ in draft.sources if field.startswith("results[")}
    for index in told:
        result = FULL.results[index - 1]
        assert result.baseline
        words = [
            w for w in result.baseline.replace(",", " ").split() if any(c.isdigit() for c in w)
        ]
        key = words[0] if words else result.baseline.split(",")[0]
        assert key in draft.text, (question, key)


def test_a_result_sentence_carries_number_baseline_and_measure() -> None:
    from starcoach.stories.drafts import result_sentence

    assert result_sentence(
        "Billing errors fell to 1 in 2,000", "1 in 2,000", "1 in 50", "monthly finance audit"
    ) == (
        "Billing errors fell to 1 in 2,000, against 1 in 50 before, as measured by the monthly "
        "finance audit."
    )
    assert result_sentence(
        "Abandoned carts dropped by 8%.", "cart abandonment down 8%", "the previous season", ""
    ) == ("Abandoned carts dropped by 8%, compared with the previous season.")
    # A baseline already in the outcome is not said twice; a number-less metric is a label.
    assert result_sentence(
        "Wait times fell from 40 to 12 minutes", "median wait", "40 minutes", "by the ward log"
    ) == ("Wait times fell from 40 to 12 minutes, measured by the ward log.")


@pytest.mark.parametrize(
    ("title", "work"),
    [
        ("Making checkout survive the holiday peak", "while I was making checkout survive"),
        ("Hackathon prototype", "during the hackathon prototype"),
        ("Onboarding redesign for new nurses", "during the onboarding redesign"),
        ("The winter flu clinic", "during the winter flu clinic"),
        ("Cut the referral backlog in half", "from this work: Cut the referral backlog"),
    ],
)
def test_openers_read_as_spoken_english(title: str, work: str) -> None:
    story = FULL.replace(title=title)
    draft = draft_answer(story, "failure")
    assert work in draft.text.split(". ")[0]
    assert "during making" not in draft.text and "during cutting" not in draft.text
