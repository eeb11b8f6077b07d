"""Replies judged as replies: against the question they answer and the opener they follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice_answers import STRONG_PROUD
from typer.testing import CliRunner

from starcoach.analysis import analyze_fragment
from starcoach.cli.main import app
from starcoach.practice.replies import judge_reply
from starcoach.practice.report import build_session_report
from starcoach.practice.session import PracticeSession, plan_session

# Short replies, each on the point of the question it answers (by the question's topic).
ON_POINT: dict[str, str] = {
    "ownership": "My part was the design of the cache.",
    "alternatives": "I chose the cache over a bigger server because the distances never changed.",
    "measurement": "The planner logs its finish time every night, and I compared a month before with after.",
    "difficulty": "The hardest bit was the first weekend, when the old table was still being read.",
    "other_side": "My lead worried that weekend rollouts would tire the team, and she was right to ask.",
    "others": "I told my lead I would own it for one quarter and report every Friday.",
    "reflection": "I would bring dispatch in at the design stage next time.",
    "change_since": "Now I always ask the people who use a tool before I change it.",
    "outcome": "It ended with the planner finishing before the first driver every night.",
    "cost": "It cost us two weekends and some goodwill with dispatch.",
    "counterfactual": "If she had said no, I would have asked for two weeks to prove it on one depot.",
    "example": "One night in March the plan came out at 5:40, after the first drivers had left.",
    "motivation": "It matters because the junior engineer I paired with now owns the service.",
}
_OWNERSHIP_RULES = ("ownership.", "action.", "task.", "star.", "result.", "reflection.")


def _run(session: PracticeSession, replies: dict[str, str], contradict: str | None = None) -> None:
    session.submit(STRONG_PROUD)
    used = 0
    while session.current is not None:
        follow_up = session.current.follow_up
        topic = follow_up.topic if follow_up is not None else ""
        reply = replies.get(topic, "I did that part myself, over about two weeks.")
        if contradict is not None and used == 0:
            reply = contradict
        used += 1
        # The session refuses a reply given twice; vary a repeated one.
        result = session.submit(reply if used < 2 else f"{reply} That was the gist of it.")
        assert result.outcome.value == "accepted", result.message


def test_a_short_on_point_reply_gets_no_whole_answer_finding() -> None:
    for reply in ("My part was the design.", ON_POINT["motivation"]):
        report = analyze_fragment(reply, "proud")
        judged = judge_reply(reply, "ownership", STRONG_PROUD, report=report)
        assert judged.answered
        assert not any(f.rule_id.startswith(_OWNERSHIP_RULES) for f in judged.findings)


def test_a_reply_that_talks_around_the_question_is_off_target() -> None:
    judged = judge_reply(
        "The depot was very busy that winter and the weather was awful.",
        "alternatives",
        STRONG_PROUD,
    )
    assert not judged.answered
    assert [f.rule_id for f in judged.findings] == ["reply.off_target"]
    on_point = judge_reply(ON_POINT["alternatives"], "alternatives", STRONG_PROUD)
    assert on_point.answered and not on_point.findings


def test_a_reply_that_contradicts_the_opener_is_named_with_both_values() -> None:
    opener = "I led a team of five on the planner for three months. " + STRONG_PROUD
    judged = judge_reply(
        "There were eight of us on the team, so I split the work.", "ownership", opener
    )
    found = [f for f in judged.findings if f.rule_id == "reply.contradicts_opener"]
    assert found and found[0].span is not None
    assert "8" in found[0].message and "5" in found[0].message


def test_a_reply_that_repeats_the_opener_adds_nothing() -> None:
    repeat = "I designed a cache for the distance table and wrote the migration myself."
    judged = judge_reply(repeat, "ownership", STRONG_PROUD)
    assert "reply.adds_nothing" in {f.rule_id for f in judged.findings}


def test_a_scripted_strong_session_ends_with_no_reply_ownership_finding_and_real_gaps() -> None:
    session = PracticeSession(plan_session(question="proud"))
    _run(session, ON_POINT)
    replies = [t for t in session.turns if t.kind == "follow_up"]
    assert replies
    for turn in replies:
        assert not any(f.rule_id.startswith(_OWNERSHIP_RULES) for f in turn.report.findings)
    report = build_session_report(session)
    entries = [f for a in report.answers for f in a.follow_ups]
    assert entries and all(not f.findings for f in entries)
    opener_rules = {f.rule_id for a in report.answers if a.report for f in a.report.findings}
    # "Practise next" comes from the opener's own findings and its weakest dimensions, not the replies.
    for item in report.practise:
        assert item.rule_id is None or item.rule_id in opener_rules


def test_a_scripted_session_names_the_reply_that_contradicts_the_opener() -> None:
    session = PracticeSession(plan_session(question="proud"))
    # The opener says fuel costs dropped by about 6%.
    _run(session, ON_POINT, contradict="Fuel costs dropped by about 20% over those two months.")
    report = build_session_report(session)
    first = next(f for a in report.answers for f in a.follow_ups)
    named = [f for f in first.findings if f.rule_id == "reply.contradicts_opener"]
    assert named and "20%" in named[0].message and "6%" in named[0].message
    assert report.contradictions
    assert any(item.rule_id is None and "differ" in item.title for item in report.practise)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path / "data"


def test_the_cli_session_with_short_on_point_replies_shows_no_ownership_finding_on_a_reply(
    data_dir: Path, tmp_path: Path
) -> None:
    # The engine decides the follow-ups; answer them in the order a session with this seed asks.
    session = PracticeSession(plan_session(question="proud", seed=2))
    _run(session, ON_POINT)
    replies = [t.answer for t in session.turns if t.kind == "follow_up"]
    script = tmp_path / "answers.txt"
    script.write_text("\n---\n".join([STRONG_PROUD, *replies]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["practice", "-q", "proud", "--answers", str(script), "--seed", "2"]
    )
    assert result.exit_code == 0, result.stderr
    assert "Practice session report" in result.stdout
    assert "None of the actions is clearly yours" not in result.stdout
    assert "does not answer what was asked" not in result.stdout


def test_a_reply_that_talks_around_the_question_is_asked_again() -> None:
    session = PracticeSession(plan_session(question="proud"))
    session.submit(STRONG_PROUD)
    first = session.current
    assert first is not None and first.follow_up is not None
    session.submit("The depot was very busy that winter and the weather was awful for everyone.")
    again = session.current
    assert again is not None and again.follow_up is not None
    assert again.follow_up.source == f"reask:{first.follow_up.topic}"
