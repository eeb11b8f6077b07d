"""The coverage map on the stories we wrote: best story per prompt, strength, gaps, the anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from starcoach.content import CORE_QUESTION_IDS
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.coverage import STRENGTHS, CoverageMap, coverage_map
from starcoach.stories.model import Story

DATA = Path(__file__).parent / "data" / "stories"


@pytest.fixture(scope="module")
def stories() -> list[Story]:
    return [read_story_file(p) for p in sorted(DATA.glob("*.md"))]


@pytest.fixture(scope="module")
def cmap(stories: list[Story]) -> CoverageMap:
    return coverage_map(stories)


def cell(cmap: CoverageMap, question: str, story: str):  # type: ignore[no-untyped-def]
    row = next(r for r in cmap.rows if r.question_id == question)
    return next(c for c in row.cells if c.story_id == story)


def test_every_core_prompt_has_a_row(cmap: CoverageMap) -> None:
    assert [r.question_id for r in cmap.rows] == list(CORE_QUESTION_IDS)
    assert all(len(r.cells) == 3 for r in cmap.rows)


def test_a_story_without_the_material_is_missing_for_that_prompt(cmap: CoverageMap) -> None:
    for question in ("challenge", "pushback", "failure", "improvement"):
        assert cell(cmap, question, "onboarding-program").strength == "missing"
    for question in CORE_QUESTION_IDS:
        if question != "proud":
            assert cell(cmap, question, "thin-idea").strength == "missing"
    missing = cell(cmap, "failure", "onboarding-program")
    assert missing.score is None and missing.missing  # it says what is missing


def test_the_full_story_is_best_where_it_is_the_only_one(cmap: CoverageMap) -> None:
    for row in cmap.rows:
        assert row.best is not None
        if row.question_id in ("challenge", "pushback", "failure", "improvement"):
            assert row.best.story_id == "checkout-latency"
            assert row.best.strength != "missing"


def test_strength_follows_the_material(cmap: CoverageMap) -> None:
    strong = cell(cmap, "proud", "checkout-latency")
    thin = cell(cmap, "proud", "thin-idea")
    assert STRENGTHS.index(strong.strength) > STRENGTHS.index(thin.strength)
    assert strong.strength == "strong"
    assert thin.strength == "thin"


def test_the_answering_parts_are_named(cmap: CoverageMap) -> None:
    assert "failure" in cell(cmap, "failure", "checkout-latency").parts
    proud = cell(cmap, "proud", "checkout-latency").parts
    assert {"situation", "actions", "results"} <= set(proud)


def test_an_anchor_is_recommended_when_none_is_marked(cmap: CoverageMap) -> None:
    assert cmap.anchor is None
    assert cmap.recommended_anchor == "checkout-latency"


def test_a_marked_anchor_is_kept_and_wins_ties(stories: list[Story]) -> None:
    marked = [s.replace(anchor=s.id == "onboarding-program") for s in stories]
    twin = marked[0].replace(id="twin", anchor=False)
    result = coverage_map([*marked, twin])
    assert result.anchor == "onboarding-program"
    assert result.recommended_anchor is None
    challenge = next(r for r in result.rows if r.question_id == "challenge")
    assert challenge.best is not None and challenge.best.story_id in ("checkout-latency", "twin")


def test_no_stories_gives_an_empty_map() -> None:
    empty = coverage_map([])
    assert empty.recommended_anchor is None
    assert all(r.best is None and r.cells == () for r in empty.rows)
