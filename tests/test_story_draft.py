"""Drafts: spoken-length answers from a story's own words, analyzed like any answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from starcoach.content import CORE_QUESTION_IDS, get_question
from starcoach.storage.records import StoryAction
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.drafts import WORDS_PER_MINUTE, DraftUnavailable, draft_answer

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
