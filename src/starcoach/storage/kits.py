"""Tables for the interviewer side: kits and their versions, candidates, interviews, notes,
scorecards and calibration ratings.

Every table is owned by a user like every user-data table. A kit's content is stored per version as
JSON (`kit_versions.document`), so an edit never rewrites a version a scorecard used. Candidates are
the panel: each interviewer holds one interview per candidate, with notes per kit question and at most
one scorecard. The service in `starcoach.kit.service` is the only code that writes these rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from starcoach.storage.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class KitRow(Base):
    """One kit: its id, role, title and the newest version."""

    __tablename__ = "kits"
    __table_args__ = (UniqueConstraint("owner_id", "slug", name="uq_kits_owner_id_slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(2000))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class KitVersionRow(Base):
    """One version of a kit's content, as JSON."""

    __tablename__ = "kit_versions"
    __table_args__ = (UniqueConstraint("kit_id", "version", name="uq_kit_versions_kit_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CandidateRow(Base):
    """A candidate for a kit's role: the unit a panel scores and debriefs."""

    __tablename__ = "kit_candidates"
    __table_args__ = (
        UniqueConstraint("owner_id", "public_id", name="uq_kit_candidates_owner_id_public_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    public_id: Mapped[str] = mapped_column(String(16))
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class InterviewRow(Base):
    """One interviewer's interview of a candidate, on one kit version."""

    __tablename__ = "kit_interviews"
    __table_args__ = (
        UniqueConstraint("owner_id", "public_id", name="uq_kit_interviews_owner_id_public_id"),
        UniqueConstraint(
            "candidate_id", "interviewer", name="uq_kit_interviews_candidate_id_interviewer"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    public_id: Mapped[str] = mapped_column(String(16))
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("kit_candidates.id", ondelete="CASCADE"), index=True
    )
    kit_version: Mapped[int] = mapped_column(Integer)
    interviewer: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class NoteRow(Base):
    """What the interviewer wrote under one kit question."""

    __tablename__ = "kit_notes"
    __table_args__ = (
        UniqueConstraint("interview_id", "question", name="uq_kit_notes_interview_id_question"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("kit_interviews.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ScorecardRow(Base):
    """A submitted scorecard: ratings with their evidence (JSON), recommendation and reason."""

    __tablename__ = "kit_scorecards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("kit_interviews.id", ondelete="CASCADE"), unique=True
    )
    kit_version: Mapped[int] = mapped_column(Integer)
    interviewer: Mapped[str] = mapped_column(String(100))
    recommendation: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    ratings: Mapped[str] = mapped_column(Text)
    late: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CalibrationRow(Base):
    """One interviewer's rating of one dimension of one bundled calibration sample."""

    __tablename__ = "kit_calibration"
    __table_args__ = (
        UniqueConstraint(
            "owner_id",
            "interviewer",
            "sample",
            "dimension",
            name="uq_kit_calibration_owner_id_interviewer",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interviewer: Mapped[str] = mapped_column(String(100))
    sample: Mapped[str] = mapped_column(String(64))
    dimension: Mapped[str] = mapped_column(String(40))
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
