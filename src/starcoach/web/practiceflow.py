"""Drive the practice engine for the web: start, answer, skip, end, report and retry a session.

The same engine and the same storage as `starcoach practice` (`practice.persist`): the session's state
is stored after every step together with the answers it holds, so a closed tab, a lost connection or a restarted server
loses nothing, and the page simply shows the question the session is at.

A step number (answers plus skips, plus one once closed) goes out with every question page; a form
whose step is no longer the session's is stale (posted twice, or from an old tab) and changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starcoach.practice.persist import save_session
from starcoach.practice.report import SessionReport, build_session_report
from starcoach.practice.session import (
    DEFAULT_DRILL_DIMENSION,
    Outcome,
    PracticeSession,
    SessionError,
    Submission,
    plan_session,
)
from starcoach.storage.attempts import AttemptStore, SessionRecord
from starcoach.storage.db import Database
from starcoach.storage.stories import StoryStore
from starcoach.stories.model import Story


@dataclass(frozen=True)
class StartOptions:
    """What the start form asks for."""

    mode: str = "single"
    question: str | None = None
    story_id: str | None = None
    style: str = "neutral"
    time_limit: int | None = None
    max_follow_ups: int = 4
    dimension: str | None = None
    role: str | None = None


def step_of(session: PracticeSession) -> int:
    """Return how far the session has moved: one more after every answer, skip or close."""
    return len(session.turns) + len(session.skipped) + (1 if session.closed else 0)


def start(db: Database, options: StartOptions) -> str:
    """Plan and store a new session; return its id. Raise SessionError for bad options."""
    store = AttemptStore(db)
    story: Story | None = None
    if options.story_id:
        from starcoach.storage.errors import StoryNotFound

        try:
            story = StoryStore(db).get(options.story_id)
        except StoryNotFound as exc:
            raise SessionError(str(exc)) from None
    dimension = options.dimension
    if options.mode == "drill" and not dimension:
        from starcoach.practice.history import weakest_dimension

        dimension = weakest_dimension(store.attempts()) or DEFAULT_DRILL_DIMENSION
    plan = plan_session(
        options.mode,
        question=options.question if options.mode == "single" else None,
        dimension=dimension if options.mode == "drill" else None,
        style=options.style,
        time_limit=options.time_limit,
        max_follow_ups=options.max_follow_ups,
        role=options.role,
        story_id=story.id if story is not None else None,
        seed=secrets.randbits(32),
        recent=store.recent_phrasings(),
    )
    session = PracticeSession(plan, story)
    return store.create_session(
        mode=plan.mode.value,
        style=plan.style.value,
        state=session.to_state(),
        story_id=plan.story_id,
        dimension=plan.dimension,
        time_limit=plan.time_limit,
    )


def retry_options(db: Database, session: PracticeSession) -> StartOptions:
    """Return the options that practise a session's prompts again in the same way."""
    plan = session.plan
    opener = plan.openers[0]
    question = None
    if plan.mode.value == "single":
        question = opener.text if opener.custom else opener.question_id
    story_id = plan.story_id
    if story_id is not None and story_id not in StoryStore(db).ids():
        story_id = None  # the story was deleted since; practise without it
    return StartOptions(
        mode=plan.mode.value,
        question=question,
        story_id=story_id,
        style=plan.style.value,
        time_limit=plan.time_limit,
        max_follow_ups=plan.max_follow_ups,
        dimension=plan.dimension,
        role=plan.role,
    )


def answer(
    store: AttemptStore,
    session_id: str,
    session: PracticeSession,
    text: str,
    elapsed: float | None,
    expected: Mapping[str, Any] | None = None,
    delivery: dict[str, Any] | None = None,
) -> Submission:
    """Submit an answer to the current question and store the result when it was taken.

    `expected` is the stored state the session was loaded from; when another request answered in
    between, SessionChanged is raised and this answer is not stored. `delivery` holds a spoken
    answer's delivery metrics, kept with the attempt.
    """
    result = session.submit(text, elapsed, delivery=delivery)
    if result.outcome is Outcome.ACCEPTED:
        save_session(store, session_id, session, expected)
    return result


def report(store: AttemptStore, session_id: str, session: PracticeSession) -> SessionReport:
    """Build the session report, with the change since the previous attempt at each prompt."""
    ids = [o.question_id for o in session.plan.openers]
    return build_session_report(session, store.previous_reports(ids, session_id))


def session_summary(record: SessionRecord) -> dict[str, Any]:
    """Return a stored session's listing as JSON-ready data."""
    return {
        "id": record.id,
        "mode": record.mode,
        "style": record.style,
        "story_id": record.story_id,
        "dimension": record.dimension,
        "time_limit": record.time_limit,
        "status": record.status,
        "finished": record.finished,
        "answers": record.answers,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
    }
