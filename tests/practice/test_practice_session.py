"""The session engine, driven directly: planning, the state machine, bad input, consistency, resume."""

from __future__ import annotations

import json

import pytest
from practice_answers import CHALLENGE, STRONG_PROUD, WEAK_FAILURE, WEAK_PROUD, planner_story

from starcoach.analysis.analyzer import MAX_ANALYZED_CHARS
from starcoach.content import CORE_QUESTION_IDS, get_question
from starcoach.practice.followups import probe_key
from starcoach.practice.session import (
    MAX_ANSWER_CHARS,
    Mode,
    Outcome,
    PracticeSession,
    SessionError,
    Style,
    drill_prompts,
    plan_session,
    undouble,
)

REPLIES = (
    "I rewrote the loader myself and moved the schedule to run after the upstream export.",
    "The nightly report went from four hours to forty minutes, measured on the job dashboard.",
    "I would ask the analysts what they needed before touching the code, next time.",
    "It was the first system I owned from end to end, and people relied on it every morning.",
    "We all pitched in on testing and things got a lot better overall.",
    "The analysts told me it saved each of them an hour a day.",
)


_LEADS = ("", "Well, ", "So, ", "Honestly, ", "Right, ", "Okay, ", "Sure, ", "Yes, ", "Then ")


def _run(session: PracticeSession, openers: dict[str, str], replies=REPLIES) -> list[str]:
    """Answer every question: openers from the dict, follow-ups from `replies` in turn."""
    asked: list[str] = []
    # Every reply must differ from the others, or the session refuses it as a repeat.
    reply = iter([f"{lead}{r[0].lower()}{r[1:]}" for lead in _LEADS for r in replies])
    while session.current is not None:
        prompt = session.current
        asked.append(prompt.kind)
        if prompt.kind == "opener":
            text = openers.get(
                prompt.question_id, f"{_LEADS[len(session.turns) % 9]}{STRONG_PROUD}"
            )
        else:
            text = next(reply)
        result = session.submit(text)
        assert result.outcome is Outcome.ACCEPTED, result.message
    return asked


# --- planning ----------------------------------------------------------------------------------


def test_single_mode_defaults_to_the_proud_prompt_in_one_of_its_phrasings() -> None:
    plan = plan_session()
    assert plan.mode is Mode.SINGLE and plan.style is Style.NEUTRAL
    assert [o.question_id for o in plan.openers] == ["proud"]
    assert plan.openers[0].text in get_question("proud").phrasings
    assert (plan.min_follow_ups, plan.max_follow_ups) == (2, 4)


def test_full_mode_asks_the_seven_prompts_in_order() -> None:
    plan = plan_session("full", story_id="route-planner")
    assert tuple(o.question_id for o in plan.openers) == CORE_QUESTION_IDS
    for opener in plan.openers:
        assert opener.text in get_question(opener.question_id).phrasings


def test_phrasings_avoid_the_ones_asked_recently() -> None:
    phrasings = get_question("proud").phrasings
    recent = {"proud": list(phrasings[:-1])}
    for seed in range(10):
        plan = plan_session(question="proud", seed=seed, recent=recent)
        assert plan.openers[0].text == phrasings[-1]
    # With every phrasing used, at least the latest one is not repeated.
    everything = {"proud": list(phrasings)}
    for seed in range(10):
        assert plan_session(seed=seed, recent=everything).openers[0].text != phrasings[-1]


def test_phrasings_vary_between_sessions() -> None:
    texts = {plan_session(seed=seed).openers[0].text for seed in range(20)}
    assert len(texts) > 1


def test_drill_picks_the_prompts_that_weigh_the_dimension_most() -> None:
    prompts = drill_prompts("growth")
    assert set(prompts) == {"failure", "feedback", "improvement"}
    plan = plan_session("drill", dimension="growth")
    assert tuple(o.question_id for o in plan.openers) == prompts
    assert plan.dimension == "growth"


def test_a_free_text_question_is_asked_in_the_users_words() -> None:
    plan = plan_session(question="Tell me about a time you led a team through a reorganisation.")
    opener = plan.openers[0]
    assert opener.custom and opener.question_id == "generic"
    assert opener.text.startswith("Tell me about a time you led a team")


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"question": "bogus"}, "bogus"),
        ({"mode": "drill"}, "dimension"),
        ({"mode": "drill", "dimension": "charisma"}, "charisma"),
        ({"mode": "full", "question": "proud"}, "--question"),
        ({"mode": "sideways"}, "sideways"),
        ({"style": "gruff"}, "gruff"),
        ({"time_limit": 0}, "time limit"),
        ({"role": "astronaut"}, "astronaut"),
    ],
)
def test_bad_plans_raise_a_clear_error(kwargs: dict[str, object], needle: str) -> None:
    with pytest.raises(SessionError) as caught:
        plan_session(**kwargs)  # type: ignore[arg-type]
    assert needle in str(caught.value)


# --- the state machine --------------------------------------------------------------------------


def test_a_weak_answer_gets_between_two_and_four_follow_ups_grounded_in_it() -> None:
    session = PracticeSession(plan_session(question="proud"))
    first = session.current
    assert first is not None and first.kind == "opener" and first.question_id == "proud"
    result = session.submit(WEAK_PROUD, elapsed=75.0)
    assert result.outcome is Outcome.ACCEPTED and result.turn is not None
    assert result.turn.report.question_type == "proud"
    follow_up = result.next
    assert follow_up is not None and follow_up.kind == "follow_up" and follow_up.number == 1
    # The first question goes after the biggest gap: no action of the speaker's own.
    assert follow_up.follow_up is not None
    assert follow_up.follow_up.topic == "ownership"
    assert follow_up.follow_up.origin == "answer"
    kinds = _run(session, {})
    assert 2 <= kinds.count("follow_up") + 1 <= 4
    assert session.closed and session.current is None


def test_a_strong_answer_gets_depth_probes_and_nothing_it_already_covered() -> None:
    session = PracticeSession(plan_session(question="proud"))
    _run(session, {"proud": STRONG_PROUD})
    asked = [t.follow_up for t in session.turns if t.follow_up is not None]
    assert 2 <= len(asked) <= session.plan.max_follow_ups
    # The answer measured its result, named its own steps, said why and what it would change:
    # the interviewer goes under it instead (a decision's reasons, the other people, what went wrong).
    topics = {f.topic for f in asked}
    assert not topics & {"measurement", "ownership", "reflection", "motivation"}
    assert topics & {"alternatives", "other_side", "difficulty", "counterfactual", "change_since"}


def test_follow_ups_are_never_repeated_within_a_session() -> None:
    session = PracticeSession(plan_session("full", style="demanding"))
    openers = {qid: f"{WEAK_PROUD} This was about {qid}." for qid in CORE_QUESTION_IDS}
    _run(session, openers)
    keys = [probe_key(t.asked) for t in session.turns if t.kind == "follow_up"]
    assert keys and len(keys) == len(set(keys))
    for index in range(len(CORE_QUESTION_IDS)):
        count = sum(1 for t in session.turns_for(index) if t.kind == "follow_up")
        assert count <= 4


def test_max_follow_ups_is_respected_and_zero_means_none() -> None:
    session = PracticeSession(plan_session(max_follow_ups=1))
    _run(session, {"proud": WEAK_PROUD})
    assert sum(1 for t in session.turns if t.kind == "follow_up") == 1
    session = PracticeSession(plan_session(max_follow_ups=0))
    result = session.submit(WEAK_PROUD)
    assert result.next is None and session.closed


def test_a_reply_that_covers_a_topic_removes_the_other_questions_on_it() -> None:
    session = PracticeSession(plan_session(question="proud", max_follow_ups=4))
    session.submit(WEAK_PROUD)
    seen_topics = []
    while session.current is not None:
        follow_up = session.current.follow_up
        assert follow_up is not None
        seen_topics.append(follow_up.topic)
        if follow_up.topic == "ownership":
            # Names the speaker's own steps: ownership is covered from here on.
            session.submit("I rewrote the loader and I moved the schedule after the export.")
        else:
            session.submit(f"I did the part about {follow_up.topic} on my own, step by step.")
    assert seen_topics.count("ownership") == 1


def test_a_demanding_interviewer_presses_on_a_reply_that_stays_unowned() -> None:
    replies = "We all worked on it together and the team sorted it out in the end."
    demanding = PracticeSession(plan_session(style="demanding"))
    demanding.submit(WEAK_PROUD)
    nxt = demanding.submit(replies).next
    assert nxt is not None and nxt.follow_up is not None
    assert nxt.follow_up.source == "press:ownership"
    assert "We all worked on it together" in nxt.text

    neutral = PracticeSession(plan_session(style="neutral"))
    neutral.submit(WEAK_PROUD)
    nxt = neutral.submit(replies).next
    assert nxt is None or nxt.follow_up is None or nxt.follow_up.origin != "press"


def test_a_demanding_interviewer_asks_at_least_as_much_as_a_supportive_one() -> None:
    counts = {}
    for style in Style:
        session = PracticeSession(plan_session(style=style))
        _run(session, {"proud": WEAK_PROUD})
        counts[style] = sum(1 for t in session.turns if t.kind == "follow_up")
    assert counts[Style.SUPPORTIVE] <= counts[Style.NEUTRAL] <= counts[Style.DEMANDING]
    assert counts[Style.DEMANDING] == 4


def test_with_a_story_the_follow_ups_bring_out_what_the_answer_left_out() -> None:
    session = PracticeSession(plan_session(question="proud"), planner_story())
    _run(session, {"proud": STRONG_PROUD})
    origins = [t.follow_up.origin for t in session.turns if t.follow_up is not None]
    assert "story" in origins
    story_ones = [
        t.follow_up for t in session.turns if t.follow_up and t.follow_up.origin == "story"
    ]
    # The strong answer already gave the measured result and the reflection.
    assert all(f.source not in ("story:results", "story:reflection") for f in story_ones)

    without = PracticeSession(plan_session(question="proud"))
    _run(without, {"proud": STRONG_PROUD})
    assert all(t.follow_up is None or t.follow_up.origin != "story" for t in without.turns)


def test_drill_prefers_follow_ups_on_the_drilled_dimension() -> None:
    session = PracticeSession(plan_session("drill", dimension="growth"))
    assert session.current is not None and session.current.question_id == "failure"
    result = session.submit(WEAK_FAILURE)
    assert result.next is not None and result.next.follow_up is not None
    assert result.next.follow_up.dimension == "growth"


# --- bad input ---------------------------------------------------------------------------------


def test_an_empty_answer_is_asked_again_and_not_scored() -> None:
    session = PracticeSession(plan_session())
    before = session.current
    for blank in ("", "   \n\t  "):
        result = session.submit(blank)
        assert result.outcome is Outcome.EMPTY and result.turn is None
        assert session.current == before
    assert session.turns == []


def test_an_answer_pasted_twice_is_analyzed_once() -> None:
    session = PracticeSession(plan_session())
    result = session.submit(WEAK_PROUD + "\n\n" + WEAK_PROUD)
    assert result.outcome is Outcome.ACCEPTED and result.turn is not None
    assert result.turn.answer == WEAK_PROUD
    assert result.turn.notices
    assert undouble("one two three four five six seven eight " * 2) is not None
    assert undouble("a short answer a short answer") is None
    assert undouble(STRONG_PROUD) is None


def test_the_same_answer_to_a_second_question_is_refused() -> None:
    session = PracticeSession(plan_session())
    session.submit(WEAK_PROUD)
    prompt = session.current
    result = session.submit("  " + WEAK_PROUD.upper() + " ")
    assert result.outcome is Outcome.REPEATED and session.current == prompt


def test_a_very_long_answer_is_analyzed_truncated_and_kept_whole() -> None:
    long_answer = (STRONG_PROUD + "\n\n") * (MAX_ANALYZED_CHARS // len(STRONG_PROUD) + 2)
    long_answer += "The end, in words that make it unique."
    session = PracticeSession(plan_session())
    result = session.submit(long_answer)
    assert result.outcome is Outcome.ACCEPTED and result.turn is not None
    assert result.turn.answer == long_answer
    assert result.turn.report.notices and result.turn.notices
    too_long = session.submit("x" * (MAX_ANSWER_CHARS + 1))
    assert too_long.outcome is Outcome.TOO_LONG


def test_time_limit_marks_an_answer_over_time() -> None:
    session = PracticeSession(plan_session(time_limit=60))
    turn = session.submit(WEAK_PROUD, elapsed=75.26).turn
    assert turn is not None and turn.over_time and turn.elapsed == 75.3
    turn = session.submit(REPLIES[0], elapsed=30).turn
    assert turn is not None and not turn.over_time
    untimed = PracticeSession(plan_session()).submit(WEAK_PROUD, elapsed=500).turn
    assert untimed is not None and not untimed.over_time


# --- skip, end ---------------------------------------------------------------------------------


def test_skipping_an_opener_moves_to_the_next_prompt() -> None:
    session = PracticeSession(plan_session("full"))
    nxt = session.skip()
    assert nxt is not None and nxt.kind == "opener" and nxt.question_id == "challenge"
    assert session.skipped[0].question_id == "proud"


def test_a_skipped_follow_up_is_not_asked_again() -> None:
    session = PracticeSession(plan_session())
    session.submit(WEAK_PROUD)
    skipped = session.current
    assert skipped is not None and skipped.follow_up is not None
    nxt = session.skip()
    assert nxt is None or nxt.text != skipped.text
    assert session.skipped[-1].asked == skipped.text


def test_ending_early_closes_the_session() -> None:
    session = PracticeSession(plan_session("full"))
    session.submit(WEAK_PROUD)
    session.end()
    assert session.closed and session.ended_early and session.current is None
    assert session.submit("anything at all").outcome is Outcome.CLOSED


# --- consistency --------------------------------------------------------------------------------


def test_a_number_that_contradicts_an_earlier_answer_is_noted_and_asked_about() -> None:
    session = PracticeSession(plan_session("full"))
    session.submit(CHALLENGE.replace("The hardest", "In that project, the hardest"))  # team of five
    while session.current is not None and session.current.kind == "follow_up":
        session.skip()
    assert session.current is not None
    result = session.submit(
        "I had a disagreement with our dispatch lead. Our team of eight engineers wanted to cache "
        "routes, and he was worried about stale data. I listened, and we agreed on a kill switch "
        "he could pull himself. It never had to be used."
    )
    assert result.turn is not None
    found = [c for c in session.contradictions if c.reference == "answer"]
    assert len(found) == 1
    c = found[0]
    assert c.kind == "team_size" and (c.value, c.reference_value) == ("8", "5")
    assert "eight" in c.span.text(result.turn.answer)
    assert "five" in c.reference_span.text(session.turns[c.reference_position or 0].answer)
    nxt = result.next
    assert nxt is not None and nxt.follow_up is not None and nxt.follow_up.origin == "consistency"


def test_a_fact_that_contradicts_the_story_is_noted_with_the_field() -> None:
    story = planner_story()
    session = PracticeSession(plan_session(), story)
    result = session.submit(
        STRONG_PROUD.replace("I asked my lead", "Our team of nine needed help, so I asked my lead")
    )
    assert result.turn is not None
    found = [c for c in session.contradictions if c.reference == "story"]
    assert [(c.kind, c.value, c.reference_value, c.reference_field) for c in found] == [
        ("team_size", "9", "5", "Team size")
    ]


# --- state --------------------------------------------------------------------------------------


def test_state_round_trips_through_json_and_resumes_where_it_stopped() -> None:
    plan = plan_session("full", seed=7, style="demanding", time_limit=90)
    story = planner_story()
    uninterrupted = PracticeSession(plan, story)
    interrupted = PracticeSession(plan, story)
    openers = {"proud": WEAK_PROUD, "challenge": CHALLENGE, "failure": WEAK_FAILURE}
    steps = 0
    while interrupted.current is not None and steps < 5:
        text = openers.get(interrupted.current.question_id, REPLIES[steps % len(REPLIES)])
        interrupted.submit(text, elapsed=10.0 * steps)
        uninterrupted.submit(text, elapsed=10.0 * steps)
        steps += 1
    interrupted.draft = "half an answer"
    state = json.loads(json.dumps(interrupted.to_state()))
    resumed = PracticeSession.from_state(state, interrupted.reports())
    assert all("report" not in t for t in state["turns"])  # the stored attempts hold them
    assert resumed.current == uninterrupted.current
    assert resumed.draft == "half an answer"
    assert [t.answer for t in resumed.turns] == [t.answer for t in uninterrupted.turns]
    assert resumed.turns[0].report == uninterrupted.turns[0].report
    assert resumed.contradictions == uninterrupted.contradictions
    # Carrying on gives the same interview as never stopping.
    for k in range(6):
        if uninterrupted.current is None:
            break
        text = f"{REPLIES[k % len(REPLIES)]} Step {k}."
        a = uninterrupted.submit(text)
        b = resumed.submit(text)
        assert a.outcome == b.outcome and a.next == b.next


def test_an_unreadable_state_raises_session_error() -> None:
    with pytest.raises(SessionError):
        PracticeSession.from_state({"state_version": 99})
    with pytest.raises(SessionError):
        PracticeSession.from_state({"state_version": 1, "plan": {}})
