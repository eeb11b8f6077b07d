"""Practice sessions and every answer given in them, stored for resume, retry and history.

Two tables, both owned by a user like every user-data table:
- `practice_sessions`: one mock interview; its settings, its status (in progress or finished) and the
  engine's saved state (JSON), so an interrupted session resumes exactly where it stopped;
- `practice_attempts`: one answer each (an opener or a follow-up reply): the question as asked, the
  answer as given, the report as JSON through the one serializer (with its schema and rule-set
  versions), the time taken and the session it belongs to.

Every write is one transaction: the answer and the session state that includes it are saved together,
so a crash never leaves one without the other. Stories are referred to by id (their slug), not by a
foreign key, so deleting a story keeps the practice history that mentions it.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from starcoach.analysis.report import Report
from starcoach.render.json import report_from_dict, report_to_dict
from starcoach.storage.db import Database, as_utc
from starcoach.storage.errors import SessionChanged, StorageError
from starcoach.storage.models import LOCAL_USER_ID, Base

__all__ = [
    "FINISHED",
    "IN_PROGRESS",
    "AttemptRecord",
    "AttemptRow",
    "AttemptStore",
    "NewAttempt",
    "PracticeSessionRow",
    "SessionNotFound",
    "SessionRecord",
    "open_attempt_store",
]

IN_PROGRESS = "in_progress"
FINISHED = "finished"
_PUBLIC_ID_BYTES = 4


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SessionNotFound(StorageError):
    """No practice session with the given id belongs to this user."""

    def __init__(self, session_id: str) -> None:
        super().__init__(
            f"no practice session with id {session_id!r} (see `starcoach practice list`)"
        )
        self.session_id = session_id


class PracticeSessionRow(Base):
    """One mock interview: its settings, status and the engine's saved state."""

    __tablename__ = "practice_sessions"
    __table_args__ = (
        UniqueConstraint("owner_id", "public_id", name="uq_practice_sessions_owner_id_public_id"),
        Index("ix_practice_sessions_owner_id_status", "owner_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    public_id: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    style: Mapped[str] = mapped_column(String(16))
    story_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    dimension: Mapped[str | None] = mapped_column(String(40), nullable=True)
    time_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AttemptRow(Base):
    """One answer given in a session, with its analysis."""

    __tablename__ = "practice_attempts"
    __table_args__ = (
        UniqueConstraint("session_id", "position", name="uq_practice_attempts_session_id_position"),
        Index("ix_practice_attempts_owner_id_question_id", "owner_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    opener_index: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    asked: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    report: Mapped[str] = mapped_column(Text)
    schema_version: Mapped[str] = mapped_column(String(16))
    ruleset_version: Mapped[str] = mapped_column(String(64))
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    abstained: Mapped[bool] = mapped_column(Boolean)
    elapsed_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    over_time: Mapped[bool] = mapped_column(Boolean)
    story_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    delivery: Mapped[str | None] = mapped_column(Text, nullable=True)
    """A spoken answer's delivery metrics (JSON, docs/speech.md); None for a typed answer."""
    audio_path: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    """Where the recording was kept, only when the user asked to keep it."""


@dataclass(frozen=True)
class NewAttempt:
    """An answer to store: what the engine's turn holds, in plain values."""

    position: int
    opener_index: int
    question_id: str
    kind: str
    asked: str
    answer: str
    report: Report
    elapsed_seconds: float | None = None
    over_time: bool = False
    delivery: Mapping[str, Any] | None = None
    audio_path: str | None = None


@dataclass(frozen=True)
class AttemptRecord:
    """A stored answer with its analysis."""

    id: int
    session_id: str
    position: int
    opener_index: int
    question_id: str
    kind: str
    asked: str
    answer: str
    report: Report
    schema_version: str
    ruleset_version: str
    elapsed_seconds: float | None
    over_time: bool
    story_id: str | None
    created_at: dt.datetime
    delivery: Mapping[str, Any] | None = None
    audio_path: str | None = None


@dataclass(frozen=True)
class SessionRecord:
    """A stored session: its settings, status and saved state."""

    id: str
    mode: str
    style: str
    story_id: str | None
    dimension: str | None
    time_limit: int | None
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    finished_at: dt.datetime | None
    state: Mapping[str, Any] = field(default_factory=dict)
    answers: int = 0

    @property
    def finished(self) -> bool:
        """Return True once the session was closed."""
        return self.status == FINISHED


def _session_record(
    row: PracticeSessionRow, answers: int = 0, *, state: bool = True
) -> SessionRecord:
    return SessionRecord(
        id=row.public_id,
        mode=row.mode,
        style=row.style,
        story_id=row.story_id,
        dimension=row.dimension,
        time_limit=row.time_limit,
        status=row.status,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        finished_at=as_utc(row.finished_at) if row.finished_at is not None else None,
        state=json.loads(row.state) if state else {},
        answers=answers,
    )


def _attempt_record(row: AttemptRow, public_id: str) -> AttemptRecord:
    return AttemptRecord(
        id=row.id,
        session_id=public_id,
        position=row.position,
        opener_index=row.opener_index,
        question_id=row.question_id,
        kind=row.kind,
        asked=row.asked,
        answer=row.answer,
        report=report_from_dict(json.loads(row.report)),
        schema_version=row.schema_version,
        ruleset_version=row.ruleset_version,
        elapsed_seconds=row.elapsed_seconds,
        over_time=row.over_time,
        story_id=row.story_id,
        created_at=as_utc(row.created_at),
        delivery=json.loads(row.delivery) if row.delivery else None,
        audio_path=row.audio_path,
    )


class AttemptStore:
    """One owner's practice sessions and answers."""

    def __init__(self, db: Database, owner_id: int = LOCAL_USER_ID) -> None:
        self.db = db
        self.owner_id = owner_id

    # --- sessions ----------------------------------------------------------------------------

    def create_session(
        self,
        *,
        mode: str,
        style: str,
        state: Mapping[str, Any],
        story_id: str | None = None,
        dimension: str | None = None,
        time_limit: int | None = None,
    ) -> str:
        """Store a new session in progress and return its id (short, for `practice resume ID`)."""
        with self.db.transaction() as session:
            taken = set(
                session.scalars(
                    select(PracticeSessionRow.public_id).where(
                        PracticeSessionRow.owner_id == self.owner_id
                    )
                )
            )
            public_id = secrets.token_hex(_PUBLIC_ID_BYTES)
            while public_id in taken:
                public_id = secrets.token_hex(_PUBLIC_ID_BYTES)
            now = _now()
            session.add(
                PracticeSessionRow(
                    owner_id=self.owner_id,
                    public_id=public_id,
                    mode=mode,
                    style=style,
                    story_id=story_id,
                    dimension=dimension,
                    time_limit=time_limit,
                    status=IN_PROGRESS,
                    state=json.dumps(state),
                    created_at=now,
                    updated_at=now,
                )
            )
        return public_id

    def _session_row(
        self, session: Any, session_id: str, *, for_update: bool = False
    ) -> PracticeSessionRow:
        query = select(PracticeSessionRow).where(
            PracticeSessionRow.owner_id == self.owner_id,
            PracticeSessionRow.public_id == session_id,
        )
        if for_update:
            # PostgreSQL: the second of two writers to one session waits here for the first to
            # commit, then sees its state. (SQLite writers already run one at a time.)
            query = query.with_for_update()
        row = session.scalars(query).one_or_none()
        if row is None:
            raise SessionNotFound(session_id)
        return row  # type: ignore[no-any-return]

    def record(
        self,
        session_id: str,
        attempts: Sequence[NewAttempt],
        state: Mapping[str, Any],
        *,
        finished: bool = False,
        expected: Mapping[str, Any] | None = None,
    ) -> None:
        """Store new answers and the session state that includes them, in one transaction.

        With `expected` (the state the caller read before changing it), raise SessionChanged and
        store nothing when the stored state is no longer that one: a step posted twice at once.
        """
        self._write(session_id, attempts, state, finished=finished, expected=expected)

    def _write(
        self,
        session_id: str,
        attempts: Sequence[NewAttempt],
        state: Mapping[str, Any],
        *,
        finished: bool,
        expected: Mapping[str, Any] | None,
        only_missing: bool = False,
    ) -> int:
        from sqlalchemy.exc import IntegrityError

        try:
            with self.db.transaction() as session:
                row = self._session_row(session, session_id, for_update=True)
                if expected is not None and json.loads(row.state) != dict(expected):
                    raise SessionChanged(session_id)
                if only_missing:
                    stored = set(
                        session.scalars(
                            select(AttemptRow.position).where(AttemptRow.session_id == row.id)
                        )
                    )
                    attempts = [a for a in attempts if a.position not in stored]
                now = _now()
                for attempt in attempts:
                    session.add(self._attempt_row(row, attempt, now))
                row.state = json.dumps(state)
                row.updated_at = now
                if finished and row.status != FINISHED:
                    row.status = FINISHED
                    row.finished_at = now
        except IntegrityError:
            if expected is None:
                raise
            # Another writer stored an answer at the same position first.
            raise SessionChanged(session_id) from None
        return len(attempts)

    def _attempt_row(self, row: PracticeSessionRow, attempt: NewAttempt, now: Any) -> AttemptRow:
        report = attempt.report
        return AttemptRow(
            owner_id=self.owner_id,
            session_id=row.id,
            position=attempt.position,
            opener_index=attempt.opener_index,
            question_id=attempt.question_id,
            kind=attempt.kind,
            asked=attempt.asked,
            answer=attempt.answer,
            report=json.dumps(report_to_dict(report)),
            schema_version=report.schema_version,
            ruleset_version=report.ruleset_version,
            overall=None if report.abstained else report.overall,
            abstained=report.abstained,
            elapsed_seconds=attempt.elapsed_seconds,
            over_time=attempt.over_time,
            story_id=row.story_id,
            created_at=now,
            delivery=json.dumps(attempt.delivery) if attempt.delivery else None,
            audio_path=attempt.audio_path,
        )

    def sync(
        self,
        session_id: str,
        attempts: Sequence[NewAttempt],
        state: Mapping[str, Any],
        *,
        finished: bool = False,
        expected: Mapping[str, Any] | None = None,
    ) -> int:
        """Store the answers not stored yet (by position) with the state, in one transaction.

        Safe to call again after an interruption: what is already stored is left alone. Returns how
        many answers were added. `expected` works as in `record`.
        """
        return self._write(
            session_id, attempts, state, finished=finished, expected=expected, only_missing=True
        )

    def get_session(self, session_id: str) -> SessionRecord:
        """Return the session with this id, or raise SessionNotFound."""
        with self.db.session() as session:
            return _session_record(self._session_row(session, session_id))

    def latest_unfinished(self) -> SessionRecord | None:
        """Return the most recently updated session still in progress, if any."""
        with self.db.session() as session:
            row = session.scalars(
                select(PracticeSessionRow)
                .where(
                    PracticeSessionRow.owner_id == self.owner_id,
                    PracticeSessionRow.status == IN_PROGRESS,
                )
                .order_by(PracticeSessionRow.updated_at.desc(), PracticeSessionRow.id.desc())
                .limit(1)
            ).one_or_none()
            return _session_record(row) if row is not None else None

    def latest(self) -> SessionRecord | None:
        """Return the most recently started session, if any."""
        sessions = self.sessions(limit=1)
        return self.get_session(sessions[0].id) if sessions else None

    def sessions(self, limit: int | None = None) -> list[SessionRecord]:
        """Return the sessions, newest first, without their state but with their answer counts."""
        from sqlalchemy import func

        with self.db.session() as session:
            counts = (
                select(AttemptRow.session_id, func.count().label("n"))
                .where(AttemptRow.owner_id == self.owner_id)
                .group_by(AttemptRow.session_id)
                .subquery()
            )
            query = (
                select(PracticeSessionRow, counts.c.n)
                .outerjoin(counts, counts.c.session_id == PracticeSessionRow.id)
                .where(PracticeSessionRow.owner_id == self.owner_id)
                .order_by(PracticeSessionRow.created_at.desc(), PracticeSessionRow.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            return [
                _session_record(row, int(n or 0), state=False) for row, n in session.execute(query)
            ]

    def delete_session(self, session_id: str) -> None:
        """Delete a session and its answers, or raise SessionNotFound."""
        with self.db.transaction() as session:
            session.delete(self._session_row(session, session_id))

    # --- attempts ----------------------------------------------------------------------------

    def attempts(
        self,
        *,
        question_id: str | None = None,
        kind: str | None = "opener",
        session_id: str | None = None,
        before: dt.datetime | None = None,
        exclude_session: str | None = None,
    ) -> list[AttemptRecord]:
        """Return stored answers, oldest first, filtered by prompt, kind, session or time."""
        with self.db.session() as session:
            query = (
                select(AttemptRow, PracticeSessionRow.public_id)
                .join(PracticeSessionRow, PracticeSessionRow.id == AttemptRow.session_id)
                .where(AttemptRow.owner_id == self.owner_id)
            )
            if question_id is not None:
                query = query.where(AttemptRow.question_id == question_id)
            if kind is not None:
                query = query.where(AttemptRow.kind == kind)
            if session_id is not None:
                query = query.where(PracticeSessionRow.public_id == session_id)
            if exclude_session is not None:
                query = query.where(PracticeSessionRow.public_id != exclude_session)
            if before is not None:
                query = query.where(AttemptRow.created_at < before)
            query = query.order_by(AttemptRow.created_at, AttemptRow.id)
            return [_attempt_record(row, public) for row, public in session.execute(query)]

    def previous_reports(self, question_ids: Sequence[str], session_id: str) -> dict[str, Report]:
        """Return, per prompt, the latest opener answer from an earlier session (for retry deltas)."""
        current = self.get_session(session_id)
        out: dict[str, Report] = {}
        for attempt in self.attempts(before=current.created_at, exclude_session=session_id):
            if attempt.question_id in question_ids:
                out[attempt.question_id] = attempt.report
        return out

    def recent_phrasings(self, limit: int = 50) -> dict[str, list[str]]:
        """Return, per prompt, the opener questions asked most recently, oldest first."""
        out: dict[str, list[str]] = {}
        for attempt in self.attempts()[-limit:]:
            out.setdefault(attempt.question_id, []).append(attempt.asked)
        return out


def open_attempt_store(url: str | None = None, owner_id: int = LOCAL_USER_ID) -> AttemptStore:
    """Open the database (migrating it if needed) and return the owner's practice store."""
    from starcoach.storage.db import open_database

    return AttemptStore(open_database(url), owner_id)
