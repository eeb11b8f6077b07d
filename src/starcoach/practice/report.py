"""The end-of-session report: per answer and across the session.

Per opener: the answer, its findings, its scores with their evidence, the follow-ups asked (with the
replies and what they showed), the time taken, and the change since the previous attempt at that
prompt. Across the session: the mean score per dimension, the strongest and the weakest, the
contradictions (both spans quoted), and three things to practise next. `render` writes it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from starcoach.analysis.report import Finding, Report
from starcoach.content import get_question, load_content
from starcoach.practice.history import RetryDelta, dimension_means, retry_delta, rule_label
from starcoach.practice.replies import judge_reply
from starcoach.practice.session import PracticeSession, SessionContradiction, Turn
from starcoach.stories.reference import story_text

__all__ = [
    "PRACTISE_COUNT",
    "AnswerEntry",
    "ContradictionEntry",
    "DimensionSummary",
    "FollowUpEntry",
    "PractiseItem",
    "SessionReport",
    "build_session_report",
]

PRACTISE_COUNT = 3
_QUOTE_CHARS = 160
# Replies to follow-ups are short pieces of the dialogue; their findings count for half when
# choosing what to practise, the whole answers for full weight.
_REPLY_WEIGHT = 0.5
_CONTRADICTION_WEIGHT = 2.5


@dataclass(frozen=True)
class FollowUpEntry:
    """A follow-up asked: the question, why, and the reply (None when skipped)."""

    number: int
    question: str
    reason: str
    origin: str
    quote: str
    answer: str | None
    report: Report | None
    elapsed: float | None = None
    over_time: bool = False
    findings: tuple[Finding, ...] = ()
    """The reply's findings as a reply (see `replies.judge_reply`): off target, contradicting the opener,
    adding nothing, and the checks on how it is said."""


@dataclass(frozen=True)
class AnswerEntry:
    """One opener: what was asked, the answer, its analysis and the follow-ups after it."""

    index: int
    question_id: str
    title: str
    asked: str
    answer: str | None
    """None when the opener was skipped."""
    report: Report | None
    follow_ups: tuple[FollowUpEntry, ...]
    elapsed: float | None = None
    over_time: bool = False
    notices: tuple[str, ...] = ()
    retry: RetryDelta | None = None


@dataclass(frozen=True, slots=True)
class DimensionSummary:
    """A dimension across the session's answers."""

    dimension: str
    name: str
    mean: float
    count: int


@dataclass(frozen=True, slots=True)
class PractiseItem:
    """Something to practise next, with the advice for it and where it showed up."""

    title: str
    advice: str
    rule_id: str | None
    dimension: str
    count: int
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContradictionEntry:
    """A contradiction with both sides quoted and located."""

    kind: str
    value: str
    reference_value: str
    quote: str
    where: str
    """The question whose answer holds the fact."""
    reference_quote: str
    reference_where: str
    """"your story (Team size)" or the earlier question."""
    contradiction: SessionContradiction


@dataclass(frozen=True)
class SessionReport:
    """Everything the end-of-session report shows."""

    mode: str
    style: str
    story_title: str | None
    dimension: str | None
    time_limit: int | None
    answers: tuple[AnswerEntry, ...]
    dimensions: tuple[DimensionSummary, ...]
    strongest: DimensionSummary | None
    weakest: DimensionSummary | None
    practise: tuple[PractiseItem, ...]
    contradictions: tuple[ContradictionEntry, ...]
    ended_early: bool
    unasked: int
    """Openers the session never reached (ended early)."""

    @property
    def answered(self) -> int:
        """Return how many openers were answered."""
        return sum(1 for a in self.answers if a.answer is not None)


def _quote(text: str, limit: int = _QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _follow_ups(session: PracticeSession, index: int) -> tuple[FollowUpEntry, ...]:
    entries: list[tuple[int, FollowUpEntry]] = []
    turns = session.turns_for(index)
    opener = next((t.answer for t in turns if t.kind == "opener"), "")
    earlier: list[str] = []
    for turn in turns:
        if turn.kind != "follow_up":
            continue
        f = turn.follow_up
        # A reply is judged as a reply: against its question and the opener, never as a whole answer.
        judged = judge_reply(
            turn.answer, f.topic if f else "", opener, earlier=earlier, report=turn.report
        )
        earlier.append(turn.answer)
        entries.append(
            (
                turn.position,
                FollowUpEntry(
                    turn.number,
                    turn.asked,
                    f.reason if f else "",
                    f.origin if f else "",
                    f.quote if f else "",
                    turn.answer,
                    turn.report,
                    turn.elapsed,
                    turn.over_time,
                    judged.findings,
                ),
            )
        )
    asked = {e.question for _, e in entries}
    skipped = [
        s
        for s in session.skipped
        if s.opener_index == index and s.kind == "follow_up" and s.asked not in asked
    ]
    out = [e for _, e in entries]
    for s in skipped:
        out.append(FollowUpEntry(0, s.asked, "", "", "", None, None))
    return tuple(out)


def _answer_entry(
    session: PracticeSession, index: int, previous: Mapping[str, Report]
) -> AnswerEntry:
    opener = session.plan.openers[index]
    title = get_question(opener.question_id).title
    turn = next((t for t in session.turns_for(index) if t.kind == "opener"), None)
    if turn is None:
        return AnswerEntry(index, opener.question_id, title, opener.text, None, None, ())
    before = previous.get(opener.question_id)
    return AnswerEntry(
        index=index,
        question_id=opener.question_id,
        title=title,
        asked=turn.asked,
        answer=turn.answer,
        report=turn.report,
        follow_ups=_follow_ups(session, index),
        elapsed=turn.elapsed,
        over_time=turn.over_time,
        notices=turn.notices,
        retry=retry_delta(before, turn.report) if before is not None else None,
    )


def _where(turn: Turn) -> str:
    if turn.kind == "opener":
        return f"your answer to “{_quote(turn.asked, 80)}”"
    return f"your reply to the follow-up “{_quote(turn.asked, 80)}”"


def _contradictions(session: PracticeSession) -> tuple[ContradictionEntry, ...]:
    out: list[ContradictionEntry] = []
    reference_text = story_text(session.story).text if session.story is not None else ""
    for c in session.contradictions:
        turn = session.turns[c.position]
        if c.reference == "story":
            reference_quote = c.reference_span.text(reference_text)
            reference_where = f"your story ({c.reference_field or 'a field'})"
        else:
            assert c.reference_position is not None
            earlier = session.turns[c.reference_position]
            reference_quote = c.reference_span.text(earlier.answer)
            reference_where = _where(earlier)
        out.append(
            ContradictionEntry(
                c.kind,
                c.value,
                c.reference_value,
                c.span.text(turn.answer),
                _where(turn),
                reference_quote,
                reference_where,
                c,
            )
        )
    return tuple(out)


def _practise(
    answers: Sequence[AnswerEntry],
    weakest: Sequence[DimensionSummary],
    contradictions: Sequence[ContradictionEntry],
) -> tuple[PractiseItem, ...]:
    """Pick the three things most worth practising: the heaviest findings, then the weak spots."""
    weight: dict[str, float] = {}
    sample: dict[str, Finding] = {}
    prompts: dict[str, list[str]] = {}
    counts: dict[str, int] = {}

    def add(finding: Finding, factor: float, question_id: str) -> None:
        rule = finding.rule_id
        weight[rule] = weight.get(rule, 0.0) + factor * int(finding.severity)
        sample.setdefault(rule, finding)
        counts[rule] = counts.get(rule, 0) + 1
        if question_id not in prompts.setdefault(rule, []):
            prompts[rule].append(question_id)

    for entry in answers:
        if entry.report is None:
            continue
        for finding in {f.rule_id: f for f in entry.report.findings}.values():
            add(finding, 1.0, entry.question_id)
        for follow_up in entry.follow_ups:
            if follow_up.report is not None:
                for finding in {f.rule_id: f for f in follow_up.findings}.values():
                    # A contradiction is practised once, as the session's "facts that differ".
                    if finding.rule_id == "reply.contradicts_opener" and contradictions:
                        continue
                    add(finding, _REPLY_WEIGHT, entry.question_id)
    ranked: list[tuple[float, PractiseItem]] = []
    for rule, total in weight.items():
        finding = sample[rule]
        item = PractiseItem(
            rule_label(rule, finding.message),
            finding.advice,
            rule,
            finding.dimension,
            counts[rule],
            tuple(prompts[rule]),
        )
        ranked.append((total, item))
    if contradictions:
        ranked.append(
            (
                _CONTRADICTION_WEIGHT * len(contradictions),
                PractiseItem(
                    "facts that differ from your story or an earlier answer",
                    "Settle the facts of your story (team size, dates, your role, the numbers) and "
                    "use the same ones every time; an interviewer who hears two versions stops "
                    "trusting both.",
                    None,
                    "communication",
                    len(contradictions),
                    (),
                ),
            )
        )
    # Errors before warnings before suggestions; among equals, the more frequent first.
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].count, pair[1].title))
    items = [item for _, item in ranked[:PRACTISE_COUNT]]
    dimensions = load_content().dimensions
    for summary in weakest:
        if len(items) >= PRACTISE_COUNT:
            break
        if any(i.rule_id is None and i.dimension == summary.dimension for i in items):
            continue
        level = min(5, int(summary.mean) + 1)
        anchor = dimensions[summary.dimension].anchors[level]
        items.append(
            PractiseItem(
                f"{summary.name}: from {summary.mean:.1f} towards {level}",
                f"What a {level} sounds like: {anchor}",
                None,
                summary.dimension,
                summary.count,
                (),
            )
        )
    return tuple(items)


def build_session_report(
    session: PracticeSession, previous: Mapping[str, Report] | None = None
) -> SessionReport:
    """Build the report of a session; `previous` maps a prompt id to the last earlier attempt."""
    previous = previous or {}
    reached = {t.opener_index for t in session.turns} | {s.opener_index for s in session.skipped}
    current = session.current
    if current is not None:
        reached.add(current.opener_index)
    answers = tuple(
        _answer_entry(session, i, previous)
        for i in range(len(session.plan.openers))
        if i in reached
    )
    means = dimension_means(a.report for a in answers if a.report is not None)
    names = load_content().dimensions
    summaries = tuple(
        DimensionSummary(d, names[d].name, mean, count) for d, (mean, count) in means.items()
    )
    strongest = max(summaries, key=lambda s: (s.mean, s.count), default=None)
    by_weakness = sorted(summaries, key=lambda s: (s.mean, -s.count))
    weakest = by_weakness[0] if by_weakness else None
    contradictions = _contradictions(session)
    story = session.story
    return SessionReport(
        mode=session.plan.mode.value,
        style=session.plan.style.value,
        story_title=story.title if story is not None else None,
        dimension=session.plan.dimension,
        time_limit=session.plan.time_limit,
        answers=answers,
        dimensions=summaries,
        strongest=strongest,
        weakest=weakest,
        practise=_practise(answers, by_weakness, contradictions),
        contradictions=contradictions,
        ended_early=session.ended_early,
        unasked=len(session.plan.openers) - len(reached),
    )
