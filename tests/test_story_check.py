"""`story check`: a story's own gaps, its internal contradictions, and answers checked against it."""

from __future__ import annotations

from pathlib import Path

from starcoach.analysis.report import Severity
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.checks import check_story
from starcoach.stories.model import Story, StoryAction, StoryResult
from starcoach.stories.reference import story_facts, story_text

DATA = Path(__file__).parent / "data" / "stories"
FULL = read_story_file(DATA / "checkout-latency.md")


def gap_ids(story: Story) -> set[tuple[str, str]]:
    return {(g.rule_id, g.field) for g in check_story(story).gaps}


def test_a_complete_story_has_no_gaps() -> None:
    check = check_story(FULL)
    assert check.gaps == ()
    assert check.contradictions == ()


def test_a_thin_story_lacks_the_essentials() -> None:
    gaps = gap_ids(read_story_file(DATA / "thin-idea.md"))
    assert {
        ("story.no_actions", "actions"),
        ("story.no_results", "results"),
        ("story.no_reflection", "reflection"),
        ("story.no_failure", "failure"),
        ("story.no_feedback", "feedback"),
    } <= gaps


def test_results_without_numbers_baselines_or_measurement() -> None:
    story = FULL.replace(
        results=(
            StoryResult("Customers were much happier."),
            StoryResult("Support tickets fell to 40 tickets a week."),
            StoryResult("Checkout got faster", metric="p95 900 ms", baseline="2.4 s"),
        )
    )
    gaps = gap_ids(story)
    assert ("story.result_no_number", "results[1]") in gaps
    assert ("story.result_no_baseline", "results[2]") in gaps
    assert ("story.result_no_baseline", "results[3]") not in gaps
    assert ("story.result_unmeasured", "results[3]") in gaps
    assert ("story.no_measurable_result", "results") not in gaps
    only_vague = gap_ids(story.replace(results=(StoryResult("Everyone was happier."),)))
    assert ("story.no_measurable_result", "results") in only_vague
    # One problem, one gap: no "this result has no number" beside "no result is measurable".
    assert ("story.result_no_number", "results[1]") not in only_vague


def test_each_field_is_checked_as_the_prompt_it_serves() -> None:
    story = FULL.replace(
        failure="My biggest failure is that I'm a perfectionist, so I polish my work too long.",
        results=(StoryResult("Everyone was happier.", metric="NPS up 12 points", baseline="31"),),
    )
    found = {(f.field, f.finding.rule_id) for f in check_story(story).findings}
    assert ("failure", "failure.humblebrag") in found
    # A result's number may sit in its metric field; the outcome alone is not flagged for lacking one.
    assert not any(rule == "result.no_number" for _, rule in found)
    assert len(found) == len(check_story(story).findings)


def test_a_change_with_its_own_before_and_after_needs_no_baseline() -> None:
    story = FULL.replace(
        results=(StoryResult("Latency fell from 2.4 s to 900 ms", measured_by="APM"),)
    )
    assert not any(rule.startswith("story.result") for rule, _ in gap_ids(story))


def test_actions_without_an_actor_and_without_the_speaker() -> None:
    story = FULL.replace(
        actions=(
            StoryAction("The service was migrated to the new cluster."),
            StoryAction("We rewrote the cache.", "team"),
        )
    )
    gaps = gap_ids(story)
    assert ("story.action_no_actor", "actions[1]") in gaps
    assert ("story.action_no_actor", "actions[2]") not in gaps
    assert ("story.no_own_action", "actions") in gaps
    spoken = story.replace(actions=(StoryAction("I migrated the service."),))
    assert not {r for r, _ in gap_ids(spoken)} & {"story.action_no_actor", "story.no_own_action"}


def test_gaps_are_ordered_by_severity() -> None:
    check = check_story(read_story_file(DATA / "thin-idea.md"))
    levels = [g.severity for g in check.gaps]
    assert levels == sorted(levels, reverse=True)
    assert check.worst() == Severity.ERROR


def test_story_text_spans_point_at_each_field() -> None:
    text = story_text(FULL)
    by_field = {f.field: f.span for f in text.fields}
    assert by_field["role"].text(text.text) == "Senior backend engineer"
    assert by_field["team_size"].text(text.text) == "5"
    assert by_field["actions[3]"].text(text.text) == FULL.actions[2].did
    assert by_field["failure"].text(text.text) == FULL.failure


def test_structured_fields_are_facts() -> None:
    facts = story_facts(FULL)
    kinds = {(f.kind, f.value) for f in facts.structured}
    assert {("team_size", "5"), ("role", "Senior backend engineer"), ("start", "2022")} <= kinds
    assert ("period", "2022 to 2022") in kinds


def test_the_prose_contradicting_the_fields_is_reported_with_both_spans() -> None:
    story = FULL.replace(situation="I joined a team of four engineers as the engineering manager.")
    check = check_story(story)
    found = {(c.kind, c.value, c.reference_value) for c in check.contradictions}
    assert found == {
        ("team_size", "4", "5"),
        ("role", "engineering manager", "Senior backend engineer"),
    }
    ref = check.reference
    for c in check.contradictions:
        assert ref.field_at(c.span).field == "situation"  # type: ignore[union-attr]
        assert ref.field_at(c.reference_span).field in ("team_size", "role")  # type: ignore[union-attr]


def test_answers_are_checked_against_the_story_and_each_other() -> None:
    first = (
        "As the tech lead on a team of five, I cut p95 checkout latency from 2.4 seconds to 900 ms."
    )
    second = "I was on a team of eight, and we cut p95 checkout latency by 30%."
    check = check_story(FULL, [first, second])
    pairs = {
        (a.answer, a.against_answer, a.contradiction.kind, a.contradiction.value)
        for a in check.answer_contradictions
    }
    assert (0, None, "team_size", "5") not in pairs  # the first answer agrees with the story
    assert (1, None, "team_size", "8") in pairs
    assert (1, 0, "team_size", "8") in pairs
    assert (1, None, "change", "30%") in pairs
    assert all(a.answer == 1 for a in check.answer_contradictions)
    for a in check.answer_contradictions:
        assert a.contradiction.span.text(second)
