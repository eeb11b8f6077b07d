"""Store and load practice sessions: the one glue between the engine and the attempts table.

Every interface saves a session the same way: the answers not yet stored, together with the engine's
state, in one transaction (see `AttemptStore.sync`), so an interrupted process never leaves an answer
without the state that includes it, or the other way round. The state does not repeat the answers'
reports: loading a session reads them back from its stored attempts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starcoach.practice.session import PracticeSession
from starcoach.storage.attempts import AttemptStore, NewAttempt, SessionRecord

__all__ = ["attempts_of", "load_session", "save_session", "session_of"]


def attempts_of(session: PracticeSession) -> list[NewAttempt]:
    """Return every answered turn of the session as an attempt to store."""
    return [
        NewAttempt(
            position=t.position,
            opener_index=t.opener_index,
            question_id=t.question_id,
            kind=t.kind,
            asked=t.asked,
            answer=t.answer,
            report=t.report,
            elapsed_seconds=t.elapsed,
            over_time=t.over_time,
            delivery=t.delivery,
            audio_path=t.audio_path,
        )
        for t in session.turns
    ]


def save_session(
    store: AttemptStore,
    session_id: str,
    session: PracticeSession,
    expected: Mapping[str, Any] | None = None,
) -> None:
    """Store the answers not stored yet and the session's state, finishing it once it is closed.

    `expected` is the stored state the change was made from: when another request changed the
    session in between, SessionChanged is raised and nothing is stored.
    """
    store.sync(
        session_id,
        attempts_of(session),
        session.to_state(),
        finished=session.closed,
        expected=expected,
    )


def session_of(store: AttemptStore, record: SessionRecord) -> PracticeSession:
    """Return the engine of a stored session, its turns' reports read from the stored attempts.

    Raise SessionError when the state cannot be read. A state saved before reports were left out of
    it carries its own reports, and those are used.
    """
    reports = {a.position: a.report for a in store.attempts(session_id=record.id, kind=None)}
    return PracticeSession.from_state(record.state, reports)


def load_session(store: AttemptStore, session_id: str) -> tuple[SessionRecord, PracticeSession]:
    """Return a stored session and its engine; raise SessionNotFound or SessionError."""
    record = store.get_session(session_id)
    return record, session_of(store, record)
