"""The mock interview as a state machine, independent of any interface.

    plan -> opener -> answer -> analyze -> follow-up -> answer -> ... -> next opener -> ... -> closed

`plan_session` picks the prompts (one, the seven of the full loop, or those that test a drilled
dimension) and a phrasing for each, avoiding the phrasings asked last time. `PracticeSession` then
asks one question at a time: `current` is the question on the table, `submit` takes an answer and moves
on, `skip` passes, `end` closes early. After every opener answer it picks follow-ups from the answer,
the story and the prompt (see `followups`), 2-4 by default, until nothing worth asking is left.

The engine is pure: it never reads the clock, a file, the terminal or a database. The caller passes the
time an answer took, a seed for the phrasings, and stores what `to_state` returns with each turn's
report (as the stored attempts); `from_state` brings a session back exactly as it was from the two, so
an interrupted interview resumes where it stopped.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from starcoach.analysis import analyze, analyze_fragment
from starcoach.analysis.consistency import Contradiction, Fact, compare_facts, extract_facts
from starcoach.analysis.question import resolve_question
from starcoach.analysis.report import Report, Span
from starcoach.content import CORE_QUESTION_IDS, get_question, load_content, resolve_role
from starcoach.practice.followups import (
    FollowUp,
    Thread,
    candidates_for_opener,
    candidates_for_reply,
    choose_next,
    from_contradictions,
    probe_key,
)
from starcoach.practice.modes import Mode, Style
from starcoach.practice.replies import judge_reply
from starcoach.render.json import report_from_dict
from starcoach.stories.model import Story, story_from_dict, story_to_dict
from starcoach.stories.reference import story_facts

__all__ = [
    "DEFAULT_DRILL_DIMENSION",
    "MAX_ANSWER_CHARS",
    "STATE_VERSION",
    "Mode",
    "Opener",
    "Outcome",
    "PracticeSession",
    "Prompt",
    "SessionContradiction",
    "SessionError",
    "SessionPlan",
    "Skip",
    "Style",
    "Submission",
    "Turn",
    "drill_prompts",
    "plan_session",
    "undouble",
]

STATE_VERSION = 2
"""2: turns no longer carry their reports (the stored attempts hold them); 1 is still read."""
_READABLE_STATE_VERSIONS = (1, 2)
MAX_ANSWER_CHARS = 100_000
"""The longest answer taken (about 17,000 words); the analyzer reads the first 20,000 characters."""

DEFAULT_MIN_FOLLOW_UPS = 2
DEFAULT_MAX_FOLLOW_UPS = 4
DRILL_PROMPTS = 3
DEFAULT_DRILL_DIMENSION = "ownership"
"""Drilled when no dimension is given and there is no history to pick the weakest from."""

_MIN_DOUBLED_WORDS = 8

# The STAR part a follow-up's reply most likely is, so the fragment analysis runs the right checks.
_TOPIC_PART = {
    "measurement": "result",
    "outcome": "result",
    "ownership": "action",
    "reflection": "reflection",
    "change_since": "reflection",
}

_LEAD_INS: dict[Style, tuple[str, ...]] = {
    Style.SUPPORTIVE: (
        "Thanks, that helps.",
        "That's a good start.",
        "I like where this is going.",
        "Thank you.",
    ),
    Style.NEUTRAL: ("", "Okay.", "I see.", ""),
    Style.DEMANDING: (
        "Let me push on that.",
        "I need more than that.",
        "Be precise here.",
        "Stay with me on this.",
    ),
}
_NEXT_OPENER: dict[Style, str] = {
    Style.SUPPORTIVE: "Thanks. Let's move on.",
    Style.NEUTRAL: "Next question.",
    Style.DEMANDING: "Moving on.",
}


class Outcome(StrEnum):
    """What happened to a submitted answer."""

    ACCEPTED = "accepted"
    EMPTY = "empty"
    """Nothing but blank space: ask again, nothing is scored."""
    REPEATED = "repeated"
    """The same text as an earlier answer in this session: ask again."""
    TOO_LONG = "too_long"
    CLOSED = "closed"


class SessionError(ValueError):
    """A session cannot be planned as asked (unknown prompt or dimension, a bad option mix)."""


@dataclass(frozen=True, slots=True)
class Opener:
    """A prompt the session opens with, and the words it is asked in."""

    question_id: str
    text: str
    custom: bool = False
    """True when the user supplied the question's words."""


@dataclass(frozen=True)
class SessionPlan:
    """What a session asks and how: the openers, the interviewer's style, limits."""

    mode: Mode
    style: Style
    openers: tuple[Opener, ...]
    dimension: str | None = None
    time_limit: int | None = None
    """Seconds allowed per answer, or None for no limit."""
    min_follow_ups: int = DEFAULT_MIN_FOLLOW_UPS
    max_follow_ups: int = DEFAULT_MAX_FOLLOW_UPS
    role: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Prompt:
    """The question on the table."""

    kind: str
    """"opener" or "follow_up"."""
    opener_index: int
    question_id: str
    text: str
    lead_in: str = ""
    follow_up: FollowUp | None = None
    number: int = 0
    """0 for an opener; 1, 2, ... for the follow-ups after it."""

    @property
    def display(self) -> str:
        """Return the lead-in and the question as the interviewer says them."""
        return f"{self.lead_in} {self.text}".strip()


@dataclass(frozen=True)
class Turn:
    """One answered question: what was asked, the answer as given, and its analysis."""

    position: int
    opener_index: int
    question_id: str
    kind: str
    asked: str
    answer: str
    report: Report
    lead_in: str = ""
    follow_up: FollowUp | None = None
    number: int = 0
    elapsed: float | None = None
    over_time: bool = False
    notices: tuple[str, ...] = ()
    delivery: dict[str, Any] | None = None
    """How a spoken answer was said (docs/speech.md); None for a typed one."""
    audio_path: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A question the user passed on."""

    opener_index: int
    question_id: str
    kind: str
    asked: str


@dataclass(frozen=True, slots=True)
class SessionContradiction:
    """A fact in one answer that disagrees with the story or an earlier answer, with both spans."""

    position: int
    """The turn whose answer states the fact; `span` indexes its answer."""
    kind: str
    subject: str
    value: str
    reference_value: str
    span: Span
    reference: str
    """"story" (`reference_span` indexes the story's reference text) or "answer"."""
    reference_span: Span
    reference_position: int | None = None
    """For an answer: the earlier turn whose answer `reference_span` indexes."""
    reference_field: str | None = None
    """For the story: the label of the field the reference fact is written in."""


@dataclass(frozen=True)
class Submission:
    """The result of `submit`: whether the answer was taken, the turn it made, and what comes next."""

    outcome: Outcome
    turn: Turn | None = None
    next: Prompt | None = None
    message: str = ""
    """Why an answer was not taken, in a sentence fit to show the user."""


# --------------------------------------------------------------------------------------------
# Planning


def drill_prompts(dimension: str, count: int = DRILL_PROMPTS) -> tuple[str, ...]:
    """Return the core prompts that weigh `dimension` most, in interview order."""
    questions = load_content().core_questions()
    weighted = [(q.weights.get(dimension, 0.0), i, q.id) for i, q in enumerate(questions)]
    ranked = sorted((w for w in weighted if w[0] > 0), key=lambda w: (-w[0], w[1]))[:count]
    return tuple(qid for _, _, qid in sorted(ranked, key=lambda w: w[1]))


def _phrasing(question_id: str, rng: random.Random, recent: Sequence[str]) -> str:
    """Pick a phrasing of the prompt, avoiding the ones asked recently where possible."""
    phrasings = list(get_question(question_id).phrasings)
    fresh = [p for p in phrasings if p not in recent]
    if not fresh:
        # Every phrasing was used: avoid at least the most recent one.
        fresh = [p for p in phrasings if not recent or p != recent[-1]] or phrasings
    return rng.choice(fresh)


def plan_session(
    mode: Mode | str = Mode.SINGLE,
    *,
    question: str | None = None,
    dimension: str | None = None,
    style: Style | str = Style.NEUTRAL,
    time_limit: int | None = None,
    max_follow_ups: int = DEFAULT_MAX_FOLLOW_UPS,
    role: str | None = None,
    story_id: str | None = None,
    seed: int = 0,
    recent: Mapping[str, Sequence[str]] | None = None,
) -> SessionPlan:
    """Plan a session: which prompts, in which words, with which interviewer.

    `question` is a prompt id (or alias) or the question's own words (single mode only); `dimension`
    is the drilled dimension (drill mode, required there: the caller picks it from history);
    `recent` maps a prompt id to the phrasings asked before, oldest first, so the words vary.
    Raises SessionError for an unknown mode, style, prompt or dimension, or a bad combination.
    """
    try:
        mode = Mode(mode)
    except ValueError:
        raise SessionError(
            f"unknown mode {mode!r} (expected one of: {', '.join(m.value for m in Mode)})"
        ) from None
    try:
        style = Style(style)
    except ValueError:
        raise SessionError(
            f"unknown style {style!r} (expected one of: {', '.join(s.value for s in Style)})"
        ) from None
    if time_limit is not None and time_limit <= 0:
        raise SessionError(f"the time limit must be a positive number of seconds, got {time_limit}")
    if max_follow_ups < 0:
        raise SessionError(f"the number of follow-ups cannot be negative, got {max_follow_ups}")
    if role is not None:
        from starcoach.content import UnknownRoleError

        try:
            role = resolve_role(role).id
        except UnknownRoleError as exc:
            raise SessionError(str(exc)) from None
    recent = recent or {}
    rng = random.Random(seed)
    openers: list[Opener] = []
    if mode is Mode.SINGLE:
        if dimension is not None:
            raise SessionError("a dimension is drilled in drill mode; use --mode drill")
        openers.append(_single_opener(question or "proud", rng, recent))
    else:
        if question is not None:
            raise SessionError(
                f"{mode.value} mode chooses its own prompts; --question goes with --mode single"
            )
        if mode is Mode.FULL:
            if dimension is not None:
                raise SessionError("a dimension is drilled in drill mode; use --mode drill")
            ids: tuple[str, ...] = CORE_QUESTION_IDS
        else:
            dimensions = load_content().dimensions
            if dimension is None:
                raise SessionError("drill mode needs a dimension to drill")
            if dimension not in dimensions:
                raise SessionError(
                    f"unknown dimension {dimension!r} (valid dimensions: {', '.join(dimensions)})"
                )
            ids = drill_prompts(dimension)
        for qid in ids:
            openers.append(Opener(qid, _phrasing(qid, rng, recent.get(qid, ()))))
    return SessionPlan(
        mode=mode,
        style=style,
        openers=tuple(openers),
        dimension=dimension,
        time_limit=time_limit,
        min_follow_ups=min(DEFAULT_MIN_FOLLOW_UPS, max_follow_ups),
        max_follow_ups=max_follow_ups,
        role=role,
        story_id=story_id,
    )


def _single_opener(
    question: str, rng: random.Random, recent: Mapping[str, Sequence[str]]
) -> Opener:
    from starcoach.content import UnknownQuestionError

    try:
        question_id, source, text = resolve_question(question)
    except UnknownQuestionError as exc:
        raise SessionError(str(exc)) from None
    if text is not None and source in ("detected", "fallback"):
        return Opener(question_id, " ".join(text.split()), custom=True)
    return Opener(question_id, _phrasing(question_id, rng, recent.get(question_id, ())))


# --------------------------------------------------------------------------------------------
# Answers


_WORDS = re.compile(r"\S+")


def undouble(text: str) -> str | None:
    """Return the first copy when `text` is the same answer pasted twice, else None."""
    words = list(_WORDS.finditer(text))
    half, odd = divmod(len(words), 2)
    if odd or half < _MIN_DOUBLED_WORDS:
        return None
    if any(a.group() != b.group() for a, b in zip(words[:half], words[half:], strict=True)):
        return None
    return text[: words[half].start()].rstrip()


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


# --------------------------------------------------------------------------------------------
# The session


@dataclass
class _Progress:
    opener_index: int = 0
    current: Prompt | None = None
    candidates: list[FollowUp] = field(default_factory=list)
    thread: Thread | None = None


class PracticeSession:
    """One mock interview: ask, take answers, choose follow-ups, until every opener is done."""

    def __init__(self, plan: SessionPlan, story: Story | None = None) -> None:
        if not plan.openers:
            raise SessionError("a session needs at least one prompt")
        self.plan = plan
        self.story = story
        self.turns: list[Turn] = []
        self.skipped: list[Skip] = []
        self.contradictions: list[SessionContradiction] = []
        self.draft = ""
        """Text typed for the current question but not yet submitted (kept when interrupted)."""
        self.ended_early = False
        self._asked_keys: set[str] = set()
        self._progress = _Progress()
        self._closed = False
        self._facts: dict[int, tuple[Fact, ...]] = {}
        self._story_facts: Any = None
        self._progress.current = self._opener_prompt(0)

    # --- reading -----------------------------------------------------------------------------

    @property
    def current(self) -> Prompt | None:
        """Return the question on the table, or None once the session is closed."""
        return None if self._closed else self._progress.current

    @property
    def closed(self) -> bool:
        """Return True once every opener is done or the session was ended."""
        return self._closed

    @property
    def style(self) -> Style:
        """Return the interviewer's style."""
        return self.plan.style

    @property
    def step(self) -> int:
        """Return how far the session has moved: one more after every answer, skip or close."""
        return len(self.turns) + len(self.skipped) + (1 if self._closed else 0)

    def turns_for(self, opener_index: int) -> list[Turn]:
        """Return the turns of one opener's thread: its answer and the follow-up replies."""
        return [t for t in self.turns if t.opener_index == opener_index]

    # --- moving ------------------------------------------------------------------------------

    def submit(
        self,
        text: str,
        elapsed: float | None = None,
        *,
        delivery: dict[str, Any] | None = None,
        audio_path: str | None = None,
    ) -> Submission:
        """Take the answer to the current question, analyze it and move to the next question."""
        prompt = self.current
        if prompt is None:
            return Submission(Outcome.CLOSED, message="the session is over")
        if not text.strip():
            return Submission(
                Outcome.EMPTY, next=prompt, message="the answer is empty; please answer again"
            )
        if len(text) > MAX_ANSWER_CHARS:
            return Submission(
                Outcome.TOO_LONG,
                next=prompt,
                message=f"the answer is over {MAX_ANSWER_CHARS:,} characters; shorten it",
            )
        notices: list[str] = []
        single = undouble(text)
        if single is not None:
            text = single
            notices.append("The answer held the same text twice; it was analyzed once.")
        normal = _normal(text)
        for turn in self.turns:
            if _normal(turn.answer) == normal:
                return Submission(
                    Outcome.REPEATED,
                    next=prompt,
                    message="this is the same answer you gave to an earlier question; "
                    "answer this one (or skip it)",
                )
        report = self._analyze(prompt, text)
        if prompt.kind == "follow_up":
            report = self._as_reply(prompt, text, report)
        notices.extend(report.notices)
        over = (
            elapsed is not None
            and self.plan.time_limit is not None
            and elapsed > self.plan.time_limit
        )
        turn = Turn(
            position=len(self.turns),
            opener_index=prompt.opener_index,
            question_id=prompt.question_id,
            kind=prompt.kind,
            asked=prompt.text,
            answer=text,
            report=report,
            lead_in=prompt.lead_in,
            follow_up=prompt.follow_up,
            number=prompt.number,
            elapsed=None if elapsed is None else round(elapsed, 1),
            over_time=over,
            notices=tuple(notices),
            delivery=delivery,
            audio_path=audio_path,
        )
        self.turns.append(turn)
        self.draft = ""
        found = self._check_consistency(turn)
        self._advance(turn, found)
        return Submission(Outcome.ACCEPTED, turn=turn, next=self.current)

    def skip(self) -> Prompt | None:
        """Pass on the current question (an opener skips its whole prompt); return the next one."""
        prompt = self.current
        if prompt is None:
            return None
        self.skipped.append(Skip(prompt.opener_index, prompt.question_id, prompt.kind, prompt.text))
        self.draft = ""
        progress = self._progress
        if prompt.kind == "opener" or progress.thread is None or prompt.follow_up is None:
            self._next_opener()
        else:
            # A skipped follow-up counts as asked: it is not offered again.
            progress.thread = replace(
                progress.thread, asked=(*progress.thread.asked, prompt.follow_up)
            )
            self._asked_keys.add(probe_key(prompt.follow_up.question))
            self._next_follow_up()
        return self.current

    def end(self) -> None:
        """Close the session now; what was answered stays, the rest is not asked."""
        if not self._closed:
            self.ended_early = True
            self._closed = True
            self._progress.current = None
            self.draft = ""

    # --- internals ---------------------------------------------------------------------------

    def _opener_prompt(self, index: int) -> Prompt:
        opener = self.plan.openers[index]
        lead = "" if index == 0 else _NEXT_OPENER[self.plan.style]
        return Prompt("opener", index, opener.question_id, opener.text, lead_in=lead)

    def _analyze(self, prompt: Prompt, text: str) -> Report:
        role = self.plan.role
        if prompt.kind == "opener":
            opener = self.plan.openers[prompt.opener_index]
            question = opener.text if opener.custom else opener.question_id
            return analyze(text, question=question, role=role)
        topic = prompt.follow_up.topic if prompt.follow_up is not None else ""
        return analyze_fragment(
            text, question=prompt.question_id, part=_TOPIC_PART.get(topic), role=role
        )

    def _as_reply(self, prompt: Prompt, text: str, report: Report) -> Report:
        """Return a reply's report with the findings of a reply (see `replies.judge_reply`) in place of
        the whole-answer checks."""
        turns = self.turns_for(prompt.opener_index)
        opener = next((t.answer for t in turns if t.kind == "opener"), "")
        earlier = [t.answer for t in turns if t.kind == "follow_up"]
        topic = prompt.follow_up.topic if prompt.follow_up is not None else ""
        judgement = judge_reply(text, topic, opener, earlier=earlier, report=report)
        return replace(report, findings=judgement.findings)

    def _advance(self, turn: Turn, contradictions: list[SessionContradiction]) -> None:
        progress = self._progress
        pairs = [
            (c, self.turns[c.reference_position].answer)
            for c in contradictions
            if c.reference == "answer" and c.reference_position is not None
        ]
        as_contradictions = [
            (
                Contradiction(
                    c.kind, c.subject, c.span, c.reference_span, c.value, c.reference_value
                ),
                earlier,
            )
            for c, earlier in pairs
        ]
        if turn.kind == "opener":
            question = get_question(turn.question_id)
            progress.candidates = candidates_for_opener(
                turn.report, question.follow_ups, self.story, self.plan.style
            )
            progress.thread = Thread(turn.report)
        else:
            assert progress.thread is not None
            thread = progress.thread
            asked = (*thread.asked, turn.follow_up) if turn.follow_up else thread.asked
            progress.thread = replace(thread, replies=(*thread.replies, turn.report), asked=asked)
            # A press is about the reply just given; once another reply comes, it is stale.
            kept = [c for c in progress.candidates if c.origin != "press"]
            topic = turn.follow_up.topic if turn.follow_up is not None else ""
            progress.candidates = kept + candidates_for_reply(
                turn.report, self.plan.style, topic, thread.opener.text
            )
        progress.candidates += from_contradictions(turn.answer, as_contradictions)
        if turn.follow_up is not None:
            self._asked_keys.add(probe_key(turn.follow_up.question))
        self._next_follow_up()

    def _next_follow_up(self) -> None:
        progress = self._progress
        assert progress.thread is not None
        chosen = choose_next(
            progress.candidates,
            progress.thread,
            style=self.plan.style,
            asked_keys=self._asked_keys,
            minimum=self.plan.min_follow_ups,
            maximum=self.plan.max_follow_ups,
            drill=self.plan.dimension if self.plan.mode is Mode.DRILL else None,
        )
        if chosen is None:
            self._next_opener()
            return
        number = len(progress.thread.asked) + 1
        lead_ins = _LEAD_INS[self.plan.style]
        lead = lead_ins[(len(self.turns) + number) % len(lead_ins)]
        if chosen.origin in ("press", "consistency"):
            lead = ""  # these questions carry their own edge
        progress.current = Prompt(
            "follow_up",
            progress.opener_index,
            progress.current.question_id if progress.current else "",
            chosen.question,
            lead_in=lead,
            follow_up=chosen,
            number=number,
        )

    def _next_opener(self) -> None:
        progress = self._progress
        progress.opener_index += 1
        progress.candidates = []
        progress.thread = None
        if progress.opener_index >= len(self.plan.openers):
            progress.current = None
            self._closed = True
        else:
            progress.current = self._opener_prompt(progress.opener_index)

    def _facts_of(self, turn: Turn) -> tuple[Fact, ...]:
        if turn.position not in self._facts:
            self._facts[turn.position] = extract_facts(turn.answer)
        return self._facts[turn.position]

    def _check_consistency(self, turn: Turn) -> list[SessionContradiction]:
        """Note the facts in this answer that contradict the story or an earlier answer."""
        facts = self._facts_of(turn)
        if not facts:
            return []
        found: list[SessionContradiction] = []
        if self.story is not None:
            if self._story_facts is None:
                self._story_facts = story_facts(self.story)
            reference = self._story_facts
            for c in compare_facts(facts, reference.facts):
                where = reference.text.field_at(c.reference_span)
                found.append(
                    SessionContradiction(
                        turn.position,
                        c.kind,
                        c.subject,
                        c.value,
                        c.reference_value,
                        c.span,
                        "story",
                        c.reference_span,
                        reference_field=where.label if where is not None else None,
                    )
                )
        for earlier in self.turns[: turn.position]:
            for c in compare_facts(facts, self._facts_of(earlier)):
                found.append(
                    SessionContradiction(
                        turn.position,
                        c.kind,
                        c.subject,
                        c.value,
                        c.reference_value,
                        c.span,
                        "answer",
                        c.reference_span,
                        reference_position=earlier.position,
                    )
                )
        self.contradictions.extend(found)
        return found

    # --- state -------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Return everything needed to resume this session, as JSON-ready data."""
        progress = self._progress
        return {
            "state_version": STATE_VERSION,
            "plan": _plan_to_dict(self.plan),
            "story": story_to_dict(self.story) if self.story is not None else None,
            "turns": [_turn_to_dict(t) for t in self.turns],
            "skipped": [
                {
                    "opener_index": s.opener_index,
                    "question_id": s.question_id,
                    "kind": s.kind,
                    "asked": s.asked,
                }
                for s in self.skipped
            ],
            "contradictions": [_contradiction_to_dict(c) for c in self.contradictions],
            "draft": self.draft,
            "ended_early": self.ended_early,
            "closed": self._closed,
            "asked_keys": sorted(self._asked_keys),
            "opener_index": progress.opener_index,
            "current": _prompt_to_dict(progress.current),
            "candidates": [_follow_up_to_dict(c) for c in progress.candidates],
            "thread_asked": (
                [_follow_up_to_dict(f) for f in progress.thread.asked] if progress.thread else None
            ),
        }

    def reports(self) -> dict[int, Report]:
        """Return each answered turn's report by position: what `from_state` needs besides the state."""
        return {t.position: t.report for t in self.turns}

    @classmethod
    def from_state(
        cls, state: Mapping[str, Any], reports: Mapping[int, Report] | None = None
    ) -> PracticeSession:
        """Rebuild a session from `to_state` output; raise SessionError when it cannot be read.

        `reports` maps a turn's position to its report, as stored with the attempts; a state of
        version 1 carries the reports itself.
        """
        try:
            return cls._from_state(state, reports or {})
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, SessionError):
                raise
            raise SessionError(f"the saved session cannot be read: {exc}") from None

    @classmethod
    def _from_state(
        cls, state: Mapping[str, Any], reports: Mapping[int, Report]
    ) -> PracticeSession:
        if state.get("state_version") not in _READABLE_STATE_VERSIONS:
            raise SessionError(
                f"the saved session has state version {state.get('state_version')!r}; "
                f"this starcoach reads versions {', '.join(map(str, _READABLE_STATE_VERSIONS))}"
            )
        plan = _plan_from_dict(state["plan"])
        story = story_from_dict(state["story"]) if state.get("story") else None
        session = cls(plan, story)
        session.turns = [_turn_from_dict(t, reports) for t in state["turns"]]
        session.skipped = [Skip(**s) for s in state["skipped"]]
        session.contradictions = [_contradiction_from_dict(c) for c in state["contradictions"]]
        session.draft = state.get("draft", "")
        session.ended_early = bool(state.get("ended_early", False))
        session._closed = bool(state["closed"])
        session._asked_keys = set(state["asked_keys"])
        progress = session._progress
        progress.opener_index = int(state["opener_index"])
        progress.current = _prompt_from_dict(state["current"])
        progress.candidates = [_follow_up_from_dict(c) for c in state["candidates"]]
        if state.get("thread_asked") is not None:
            opener = next(
                (
                    t
                    for t in session.turns
                    if t.kind == "opener" and t.opener_index == progress.opener_index
                ),
                None,
            )
            if opener is not None:
                replies = tuple(
                    t.report
                    for t in session.turns
                    if t.kind == "follow_up" and t.opener_index == progress.opener_index
                )
                asked = tuple(_follow_up_from_dict(f) for f in state["thread_asked"])
                progress.thread = Thread(opener.report, replies, asked)
        return session


# --------------------------------------------------------------------------------------------
# State (de)serialization: plain dicts; the reports live with the stored attempts.


def _span_to_list(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _span_from_list(value: Any) -> Span | None:
    return None if value is None else Span(int(value[0]), int(value[1]))


def _plan_to_dict(plan: SessionPlan) -> dict[str, Any]:
    return {
        "mode": plan.mode.value,
        "style": plan.style.value,
        "openers": [
            {"question_id": o.question_id, "text": o.text, "custom": o.custom} for o in plan.openers
        ],
        "dimension": plan.dimension,
        "time_limit": plan.time_limit,
        "min_follow_ups": plan.min_follow_ups,
        "max_follow_ups": plan.max_follow_ups,
        "role": plan.role,
        "story_id": plan.story_id,
    }


def _plan_from_dict(data: Mapping[str, Any]) -> SessionPlan:
    return SessionPlan(
        mode=Mode(data["mode"]),
        style=Style(data["style"]),
        openers=tuple(Opener(**o) for o in data["openers"]),
        dimension=data.get("dimension"),
        time_limit=data.get("time_limit"),
        min_follow_ups=int(data["min_follow_ups"]),
        max_follow_ups=int(data["max_follow_ups"]),
        role=data.get("role"),
        story_id=data.get("story_id"),
    )


def _follow_up_to_dict(f: FollowUp) -> dict[str, Any]:
    return {
        "question": f.question,
        "reason": f.reason,
        "source": f.source,
        "origin": f.origin,
        "topic": f.topic,
        "dimension": f.dimension,
        "priority": f.priority,
        "quote": f.quote,
        "span": _span_to_list(f.span),
    }


def _follow_up_from_dict(data: Mapping[str, Any]) -> FollowUp:
    values = dict(data)
    values["span"] = _span_from_list(values.get("span"))
    return FollowUp(**values)


def _prompt_to_dict(p: Prompt | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "kind": p.kind,
        "opener_index": p.opener_index,
        "question_id": p.question_id,
        "text": p.text,
        "lead_in": p.lead_in,
        "follow_up": _follow_up_to_dict(p.follow_up) if p.follow_up else None,
        "number": p.number,
    }


def _prompt_from_dict(data: Mapping[str, Any] | None) -> Prompt | None:
    if data is None:
        return None
    values = dict(data)
    values["follow_up"] = _follow_up_from_dict(data["follow_up"]) if data["follow_up"] else None
    return Prompt(**values)


def _turn_to_dict(t: Turn) -> dict[str, Any]:
    return {
        "position": t.position,
        "opener_index": t.opener_index,
        "question_id": t.question_id,
        "kind": t.kind,
        "asked": t.asked,
        "answer": t.answer,
        "lead_in": t.lead_in,
        "follow_up": _follow_up_to_dict(t.follow_up) if t.follow_up else None,
        "number": t.number,
        "elapsed": t.elapsed,
        "over_time": t.over_time,
        "notices": list(t.notices),
        "delivery": t.delivery,
        "audio_path": t.audio_path,
    }


def _turn_from_dict(data: Mapping[str, Any], reports: Mapping[int, Report]) -> Turn:
    values = dict(data)
    if "report" in data:  # state version 1 kept every turn's report in the state
        values["report"] = report_from_dict(data["report"])
    else:
        position = int(data["position"])
        if position not in reports:
            raise SessionError(f"the stored answer at position {position} is missing")
        values["report"] = reports[position]
    values["follow_up"] = _follow_up_from_dict(data["follow_up"]) if data["follow_up"] else None
    values["notices"] = tuple(data["notices"])
    return Turn(**values)


def _contradiction_to_dict(c: SessionContradiction) -> dict[str, Any]:
    return {
        "position": c.position,
        "kind": c.kind,
        "subject": c.subject,
        "value": c.value,
        "reference_value": c.reference_value,
        "span": _span_to_list(c.span),
        "reference": c.reference,
        "reference_span": _span_to_list(c.reference_span),
        "reference_position": c.reference_position,
        "reference_field": c.reference_field,
    }


def _contradiction_from_dict(data: Mapping[str, Any]) -> SessionContradiction:
    values = dict(data)
    values["span"] = _span_from_list(data["span"])
    values["reference_span"] = _span_from_list(data["reference_span"])
    return SessionContradiction(**values)
