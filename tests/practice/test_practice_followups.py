"""Choosing follow-ups: topics, coverage, story material, ranking by style and drill, stopping."""

from __future__ import annotations

import pytest
from practice_answers import STRONG_PROUD, WEAK_PROUD, planner_story

from starcoach.analysis import analyze, analyze_fragment
from starcoach.content import get_question
from starcoach.practice.followups import (
    STOP_BELOW,
    FollowUp,
    Style,
    Thread,
    candidates_for_opener,
    candidates_for_reply,
    choose_next,
    classify_question,
    covers,
    left_out,
    probe_key,
    spoken_only,
)


def _follow_up(topic: str, priority: float, source: str = "x", origin: str = "prompt") -> FollowUp:
    return FollowUp(
        question=f"A question about {topic} ({source})?",
        reason="test",
        source=source,
        origin=origin,
        topic=topic,
        dimension="impact",
        priority=priority,
    )


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How did you measure that result, and what was it before?", "measurement"),
        ("Which part of this was yours, and which was the team's?", "ownership"),
        ("What would you do differently if you started again today?", "reflection"),
        ("What was the hardest part, and how did you get past it?", "difficulty"),
        ("Who disagreed with the approach, and how did you handle it?", "disagreement"),
        ("Why this project over everything else you have done?", "motivation"),
        ("Why do you think they behaved that way?", "empathy"),
        ("What exactly did it cost?", "cost"),
        ("When did you first notice that things were going wrong?", "detection"),
        ("What other options did you consider, and why did you reject them?", "alternatives"),
        ("Tell me a joke.", "other"),
    ],
)
def test_prompt_follow_ups_are_classified_by_topic(question: str, topic: str) -> None:
    assert classify_question(question) == topic


def test_every_core_follow_up_gets_a_topic() -> None:
    for qid in ("proud", "challenge", "pushback", "difficult_person", "failure", "feedback"):
        for question in get_question(qid).follow_ups:
            assert classify_question(question) != "other", question


def test_coverage_of_a_strong_and_a_weak_answer() -> None:
    strong = Thread(analyze(STRONG_PROUD, "proud"))
    weak = Thread(analyze(WEAK_PROUD, "proud"))
    for topic in ("measurement", "ownership", "reflection", "motivation", "outcome"):
        assert covers(topic, strong), topic
    for topic in ("measurement", "ownership", "reflection", "motivation"):
        assert not covers(topic, weak), topic
    assert not covers("disagreement", strong)


def test_a_reply_can_cover_what_the_opener_lacked() -> None:
    reply = analyze_fragment(
        "I measured it on the job dashboard: the report went from four hours to forty minutes.",
        "proud",
        "result",
    )
    thread = Thread(analyze(WEAK_PROUD, "proud"), (reply,))
    assert covers("measurement", thread)
    assert covers("measurement", thread, include_opener=False)
    assert not covers("measurement", Thread(thread.opener), include_opener=False)


def test_opener_candidates_quote_the_answer_and_include_the_prompt_follow_ups() -> None:
    report = analyze(WEAK_PROUD, "proud")
    found = candidates_for_opener(report, get_question("proud").follow_ups)
    origins = {c.origin for c in found}
    assert origins == {"answer", "prompt"}
    quoted = [c for c in found if c.span is not None]
    assert quoted
    for c in quoted:
        assert c.quote == c.span.text(WEAK_PROUD)
        if '"' in c.question:
            assert c.quote in c.question
    # The findings the analyzer's short list left out still become candidates.
    assert "target:measure/no_number" in {c.source for c in found}


def test_story_material_is_offered_only_when_the_answer_left_it_out() -> None:
    story = planner_story()
    report = analyze(STRONG_PROUD, "proud")
    found = candidates_for_opener(report, (), story)
    fields = {c.source for c in found if c.origin == "story"}
    # The answer gave the measured result, the reflection and why it mattered; not the rest.
    assert "story:hardest_challenge" in fields and "story:pushback" in fields
    assert not fields & {"story:results", "story:reflection", "story:why_it_matters"}
    weak = candidates_for_opener(analyze(WEAK_PROUD, "proud"), (), story)
    assert "story:results" in {c.source for c in weak if c.origin == "story"}


def test_left_out_looks_at_words_and_numbers() -> None:
    material = "Late plans fell from 17% of nights to 2% after the cache shipped."
    assert left_out(material, "We improved the reporting pipeline a lot.")
    assert not left_out(material, "It got better: from 17% down to 2%.")
    assert not left_out(material, "the cache shipped and late plans fell sharply")
    assert not left_out("", "anything")


def test_choose_next_skips_asked_questions_and_used_sources() -> None:
    thread = Thread(analyze(WEAK_PROUD, "proud"))
    a = _follow_up("cost", 0.9, "a")
    b = _follow_up("detection", 0.8, "b")
    chosen = choose_next(
        [a, b],
        thread,
        style=Style.NEUTRAL,
        asked_keys={probe_key(a.question)},
        minimum=2,
        maximum=4,
    )
    assert chosen is not None and chosen.source == "b"
    thread = Thread(thread.opener, asked=(b,))
    chosen = choose_next(
        [a, b], thread, style=Style.NEUTRAL, asked_keys=set(), minimum=2, maximum=4
    )
    assert chosen is not None and chosen.source == "a"


def test_choose_next_skips_covered_topics() -> None:
    thread = Thread(analyze(STRONG_PROUD, "proud"))
    reflection = _follow_up("reflection", 0.9, "r")
    cost = _follow_up("cost", 0.5, "c")
    chosen = choose_next(
        [reflection, cost], thread, style=Style.NEUTRAL, asked_keys=set(), minimum=2, maximum=4
    )
    assert chosen is not None and chosen.source == "c"


def test_the_minimum_is_asked_then_the_style_threshold_decides() -> None:
    thread = Thread(analyze(WEAK_PROUD, "proud"))
    low = _follow_up("cost", 0.5, "low")
    asked = (_follow_up("detection", 1, "d1"), _follow_up("alternatives", 1, "d2"))
    # Below the minimum, even a weak candidate is asked.
    assert choose_next([low], thread, style=Style.NEUTRAL, asked_keys=set(), minimum=2, maximum=4)
    after_two = Thread(thread.opener, asked=asked)
    assert STOP_BELOW[Style.NEUTRAL] > 0.5
    assert (
        choose_next([low], after_two, style=Style.NEUTRAL, asked_keys=set(), minimum=2, maximum=4)
        is None
    )
    assert choose_next(
        [low], after_two, style=Style.DEMANDING, asked_keys=set(), minimum=2, maximum=4
    )
    four = Thread(thread.opener, asked=(*asked, *asked))
    assert (
        choose_next([low], four, style=Style.DEMANDING, asked_keys=set(), minimum=2, maximum=4)
        is None
    )


def test_a_drill_raises_the_drilled_dimension() -> None:
    thread = Thread(analyze(WEAK_PROUD, "proud"))
    growth = FollowUp("Growth?", "t", "g", "prompt", "plan", "growth", 0.4)
    impact = FollowUp("Impact?", "t", "i", "prompt", "cost", "impact", 0.6)
    pick = choose_next(
        [growth, impact], thread, style=Style.NEUTRAL, asked_keys=set(), minimum=2, maximum=4
    )
    assert pick is not None and pick.source == "i"
    pick = choose_next(
        [growth, impact],
        thread,
        style=Style.NEUTRAL,
        asked_keys=set(),
        minimum=2,
        maximum=4,
        drill="growth",
    )
    assert pick is not None and pick.source == "g"


def test_presses_come_only_from_a_demanding_interviewer() -> None:
    reply = analyze_fragment("We sorted it out together as a team in the end.", "proud", "action")
    demanding = candidates_for_reply(reply, Style.DEMANDING, "ownership")
    assert "press:ownership" in {c.source for c in demanding}
    assert all(c.origin != "press" for c in candidates_for_reply(reply, Style.NEUTRAL))
    short = analyze_fragment("It mattered a lot.", "proud")
    assert "press:short" in {c.source for c in candidates_for_reply(short, Style.DEMANDING)}


def test_a_reply_is_held_only_to_the_checks_that_fit_a_reply() -> None:
    reply = analyze_fragment(
        "The hardest part was the migration. I wrote a backfill and ran it at night.", "proud"
    )
    kept = spoken_only(reply).findings
    assert all(f.span is not None for f in kept)
    assert not {f.rule_id for f in kept} & {"situation.no_stakes", "action.no_reason"}


def test_the_interviewer_style_changes_the_words_of_a_probe_not_what_it_goes_after() -> None:
    report = analyze(WEAK_PROUD, "proud")
    by_style = {
        style: [c for c in candidates_for_opener(report, (), style=style) if c.origin == "answer"]
        for style in (Style.SUPPORTIVE, Style.NEUTRAL, Style.DEMANDING)
    }
    sources = {style: [c.source for c in found] for style, found in by_style.items()}
    assert sources[Style.SUPPORTIVE] == sources[Style.NEUTRAL] == sources[Style.DEMANDING]
    words = {style: [c.question for c in found] for style, found in by_style.items()}
    assert words[Style.SUPPORTIVE] != words[Style.DEMANDING]
