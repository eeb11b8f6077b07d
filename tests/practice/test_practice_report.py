"""The session report and its three renderings: content, practise items, contradictions, escaping."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from practice_answers import CHALLENGE, STRONG_PROUD, WEAK_FAILURE, WEAK_PROUD, planner_story

from starcoach.analysis import analyze
from starcoach.practice.render import session_to_html, session_to_markdown, session_to_text
from starcoach.practice.report import PRACTISE_COUNT, build_session_report
from starcoach.practice.session import PracticeSession, plan_session

EVIL = "<script>alert('hi')</script> **bold** [link](x) "


def _session(*openers: str, story: bool = False, mode: str = "full") -> PracticeSession:
    session = PracticeSession(
        plan_session(mode, seed=1, time_limit=60), planner_story() if story else None
    )
    replies = iter(
        [
            "I wrote the replay tool myself and ran it every night.",
            "We all helped and it went better in the end, I suppose.",
            "It was measured on the planner dashboard, from 17% to 2%.",
            "I would bring the dispatch team in before the rollout next time.",
        ]
        * 10
    )
    answers = iter(openers)
    count = 0
    while session.current is not None:
        if session.current.kind == "opener":
            text = next(answers, None)
            if text is None:
                session.end()
                break
            session.submit(text, elapsed=45.0 + 30 * count)
        else:
            session.submit(f"{next(replies)} Reply {count}.", elapsed=20.0)
        count += 1
    return session


def test_per_answer_entries_hold_findings_scores_follow_ups_and_time() -> None:
    session = _session(WEAK_PROUD, CHALLENGE)
    report = build_session_report(session)
    assert report.mode == "full" and report.ended_early and report.unasked == 5
    assert [a.question_id for a in report.answers] == ["proud", "challenge"]
    first = report.answers[0]
    assert first.report is not None and first.report.findings
    assert 2 <= len(first.follow_ups) <= 4
    assert all(f.answer is not None and f.reason for f in first.follow_ups)
    assert first.elapsed == 45.0 and not first.over_time
    assert report.answers[1].over_time  # 75 s against a 60 s limit
    assert first.retry is None


def test_strongest_weakest_and_three_things_to_practise() -> None:
    report = build_session_report(_session(WEAK_PROUD, WEAK_FAILURE))
    assert report.strongest is not None and report.weakest is not None
    means = {d.dimension: d.mean for d in report.dimensions}
    assert report.strongest.mean == max(means.values())
    assert report.weakest.mean == min(means.values())
    assert len(report.practise) == PRACTISE_COUNT
    # Both weak answers claim a result with no action of the speaker's: the heaviest finding.
    assert report.practise[0].rule_id == "ownership.no_personal_action"
    assert report.practise[0].prompts == ("proud", "challenge")


def test_a_strong_session_fills_practise_items_from_the_weakest_dimensions() -> None:
    report = build_session_report(_session(STRONG_PROUD, mode="single"))
    assert len(report.practise) == PRACTISE_COUNT
    assert any(item.rule_id is None for item in report.practise)


def test_retry_deltas_appear_when_a_previous_attempt_is_given() -> None:
    previous = {"proud": analyze(WEAK_PROUD, "proud")}
    report = build_session_report(_session(STRONG_PROUD, mode="single"), previous)
    delta = report.answers[0].retry
    assert delta is not None and delta.overall_change is not None and delta.overall_change > 0
    text = session_to_text(report)
    assert "Since your last attempt" in text and "gone since last time" in " ".join(text.split())


def test_contradictions_quote_both_sides() -> None:
    session = _session(
        STRONG_PROUD.replace("I asked my lead", "Our team of nine was stuck, so I asked my lead"),
        story=True,
        mode="single",
    )
    report = build_session_report(session)
    [entry] = report.contradictions
    assert entry.kind == "team_size" and "nine" in entry.quote
    assert entry.reference_quote == "5" and "Team size" in entry.reference_where
    for rendered in (session_to_text(report), session_to_markdown(report), session_to_html(report)):
        assert "nine" in rendered and "Team size" in rendered


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


def test_html_is_self_contained_and_escapes_the_users_text() -> None:
    report = build_session_report(_session(EVIL + WEAK_PROUD, mode="single"))
    page = session_to_html(report)
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert not {"src", "href"} & set(parser.attrs)
    assert "link" not in parser.tags and "img" not in parser.tags
    assert "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;" in page
    assert page.count("<style>") == 1


def test_markdown_escapes_the_users_text() -> None:
    report = build_session_report(_session(EVIL + WEAK_PROUD, mode="single"))
    md = session_to_markdown(report)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\*\\*bold\\*\\*" in md and "\\[link\\]" in md


def test_the_three_renderings_say_the_same_things() -> None:
    report = build_session_report(_session(WEAK_PROUD, CHALLENGE))
    text, md, page = session_to_text(report), session_to_markdown(report), session_to_html(report)
    flat = [" ".join(x.split()) for x in (text, md, re.sub(r"<[^>]+>", " ", page))]
    for needle in ("The project you are most proud of", "The hardest challenge", "Strongest"):
        assert all(needle in x for x in flat), needle
    for item in report.practise:
        title = item.title.split("'")[0][:20]
        assert all(title in x for x in flat), title
