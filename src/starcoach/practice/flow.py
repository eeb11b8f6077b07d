"""The practice flow every interface drives: start, answer, report and retry a stored session.

`starcoach practice` and the web pages call these functions on the same engine and the same storage
(`practice.persist`): the session's state is stored after every step together with the answers it
holds, so an interrupted process, a closed tab or a restarted server loses nothing.

A step number (answers plus skips, plus one once closed; `PracticeSession.step`) goes out with every
web question page; a form whose step is no longer the session's is stale and changes nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starcoach.practice.modes import Mode, Style
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
from starcoach.storage.attempts import AttemptStore
from starcoach.storage.db import Database
from starcoach.storage.models import LOCAL_USER_ID
from starcoach.storage.stories import StoryStore
from starcoach.stories.model import Story

__all__ = ["StartOptions", "Started", "answer", "report", "retry_options", "start"]


@dataclass(frozen=True)
class StartOptions:
    """How to start a session: what the CLI's options and the web's form and API ask for."""

    mode: Mode = Mode.SINGLE
    question: str | None = None
    story_id: str | None = None
    style: Style = Style.NEUTRAL
    time_limit: int | None = None
    max_follow_ups: int = 4
    dimension: str | None = None
    role: str | None = None
    seed: int | None = None
    """Seeds the choice of phrasings; a random one when None."""


@dataclass(frozen=True)
class Started:
    """A session just planned and stored."""

    session_id: str
    session: PracticeSession
    story: Story | None
    dimension_from: str | None
    """Where a drill's dimension came from: "given", "history" (the weakest lately) or "default"
    (no scored answers yet); None outside drill mode."""


def start(db: Database, options: StartOptions, owner_id: int = LOCAL_USER_ID) -> Started:
    """Plan and store a new session of `owner_id`'s. Raise SessionError for bad options or an
    unknown story."""
    store = AttemptStore(db, owner_id)
    story: Story | None = None
    if options.story_id:
        from starcoach.storage.errors import StoryNotFound

        try:
            story = StoryStore(db, owner_id).get(options.story_id)
        except StoryNotFound as exc:
            raise SessionError(str(exc)) from None
    mode = options.mode
    dimension = options.dimension
    dimension_from: str | None = None
    if mode is Mode.DRILL:
        dimension_from = "given"
        if not dimension:
            from starcoach.practice.history import weakest_dimension

            dimension = weakest_dimension(store.attempts())
            dimension_from = "history"
            if dimension is None:
                dimension, dimension_from = DEFAULT_DRILL_DIMENSION, "default"
    plan = plan_session(
        mode,
        question=options.question,
        dimension=dimension,
        style=options.style,
        time_limit=options.time_limit,
        max_follow_ups=options.max_follow_ups,
        role=options.role,
        story_id=story.id if story is not None else None,
        seed=options.seed if options.seed is not None else secrets.randbits(32),
        recent=store.recent_phrasings(),
    )
    session = PracticeSession(plan, story)
    session_id = store.create_session(
        mode=plan.mode.value,
        style=plan.style.value,
        state=session.to_state(),
        story_id=plan.story_id,
        dimension=plan.dimension,
        time_limit=plan.time_limit,
    )
    return Started(session_id, session, story, dimension_from)


def retry_options(
    db: Database, session: PracticeSession, owner_id: int = LOCAL_USER_ID
) -> StartOptions:
    """Return the options that practise a session's prompts again in the same way.

    A story deleted since is left out: the new session is practised without it.
    """
    plan = session.plan
    opener = plan.openers[0]
    question = None
    if plan.mode is Mode.SINGLE:
        question = opener.text if opener.custom else opener.question_id
    story_id = plan.story_id
    if story_id is not None and story_id not in StoryStore(db, owner_id).ids():
        story_id = None
    return StartOptions(
        mode=plan.mode,
        question=question,
        story_id=story_id,
        style=plan.style,
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
    audio_path: str | None = None,
) -> Submission:
    """Submit an answer to the current question and store the result when it was taken.

    `expected` is the stored state the session was loaded from; when another request answered in
    between, SessionChanged is raised and this answer is not stored. `delivery` holds a spoken
    answer's delivery metrics, kept with the attempt.
    """
    result = session.submit(text, elapsed, delivery=delivery, audio_path=audio_path)
    if result.outcome is Outcome.ACCEPTED:
        save_session(store, session_id, session, expected)
    return result


def report(store: AttemptStore, session_id: str, session: PracticeSession) -> SessionReport:
    """Build the session report, with the change since the previous attempt at each prompt."""
    ids = [o.question_id for o in session.plan.openers]
    return build_session_report(session, store.previous_reports(ids, session_id))
