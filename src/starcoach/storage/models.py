"""Database tables (SQLAlchemy 2 declarative models).

Every table that holds user data carries `owner_id`, so a shared server needs no schema rewrite; on a
single machine everything belongs to the local user the first migration creates. The schema itself is
created and changed only by the Alembic revisions in `starcoach/storage/migrations`; a test checks that
these models and the migrated schema agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

LOCAL_USER_ID = 1
LOCAL_USER_NAME = "local"

# Named constraints let later Alembic revisions alter tables on SQLite (batch mode needs the names).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base whose metadata uses the project's constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class User(Base):
    """Someone whose data the database holds; a local install has exactly one."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class StoryRow(Base):
    """One story; its actions, results and tags live in child tables in their written order."""

    __tablename__ = "stories"
    __table_args__ = (
        UniqueConstraint("owner_id", "slug", name="uq_stories_owner_id_slug"),
        # At most one anchor story per owner, enforced by the database itself.
        Index(
            "ix_stories_one_anchor",
            "owner_id",
            unique=True,
            sqlite_where=text("anchor"),
            postgresql_where=text("anchor"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    started: Mapped[str] = mapped_column(String(10), default="")
    ended: Mapped[str] = mapped_column(String(10), default="")
    team_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    situation: Mapped[str] = mapped_column(Text, default="")
    task: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    why_it_matters: Mapped[str] = mapped_column(Text, default="")
    hardest_challenge: Mapped[str] = mapped_column(Text, default="")
    pushback: Mapped[str] = mapped_column(Text, default="")
    difficult_person: Mapped[str] = mapped_column(Text, default="")
    failure: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    working_on_now: Mapped[str] = mapped_column(Text, default="")
    anchor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now
    )

    actions: Mapped[list[ActionRow]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        order_by="ActionRow.position",
        passive_deletes=True,
    )
    results: Mapped[list[ResultRow]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        order_by="ResultRow.position",
        passive_deletes=True,
    )
    tags: Mapped[list[TagRow]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        order_by="TagRow.position",
        passive_deletes=True,
    )


class ActionRow(Base):
    """One action of a story: what was done and by whom."""

    __tablename__ = "story_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    did: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")

    story: Mapped[StoryRow] = relationship(back_populates="actions")


class ResultRow(Base):
    """One result of a story: the outcome, its metric, its baseline and how it was measured."""

    __tablename__ = "story_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text, default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    measured_by: Mapped[str] = mapped_column(Text, default="")

    story: Mapped[StoryRow] = relationship(back_populates="results")


class TagRow(Base):
    """One skill or competency tag on a story."""

    __tablename__ = "story_tags"
    __table_args__ = (UniqueConstraint("story_id", "tag", name="uq_story_tags_story_id_tag"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    tag: Mapped[str] = mapped_column(String(40))

    story: Mapped[StoryRow] = relationship(back_populates="tags")


# The team server's accounts (`starcoach serve --team`). A local install never writes these tables.
# Each account has a row in `users` of its own, so what it owns is found (and deleted) by owner_id
# like everything else; deleting that user row removes the account and its sessions with it.


class AccountRow(Base):
    """A person who signs in to a team server: login, display name, role, password hash."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    login: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class InvitationRow(Base):
    """A one-time sign-up link: only the hash of its token is kept."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    used_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    cohort_id: Mapped[int | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), nullable=True
    )
    """The cohort the new account joins on signing up, if the invitation names one."""


class PasswordResetRow(Base):
    """A one-time password reset link an admin issued for one account."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LoginSessionRow(Base):
    """A signed-in browser: the hash of its cookie's token, when it ends, when it was last used."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class LoginFailureRow(Base):
    """One failed sign-in, by the login typed and the client address: what lockout counts."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class AuditRow(Base):
    """One entry of the audit log: who did what to whose account, from where, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    subject_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    address: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(400), default="")


# Roles and sharing on a team server: cohorts (a coach and the candidates they coach) and the stories
# a candidate shares with their cohorts' coaches.


class CohortRow(Base):
    """A group of candidates and the coaches who run it."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CohortMemberRow(Base):
    """One account in a cohort, as one of its coaches or one of its candidates."""

    __tablename__ = "cohort_members"
    __table_args__ = (
        UniqueConstraint("cohort_id", "account_id", name="uq_cohort_members_cohort_id_account_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    """"coach" or "candidate"."""
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class StoryShareRow(Base):
    """A story its owner shares with the coaches of their cohorts (no row: not shared)."""

    __tablename__ = "story_shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    shared_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


# Hiring panels on a team server: the interviewers who share one kit's candidates and scorecards.


class PanelRow(Base):
    """The hiring panel for one kit: its interviewers see that kit and its candidates."""

    __tablename__ = "panels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kit_id: Mapped[int] = mapped_column(ForeignKey("kits.id", ondelete="CASCADE"), unique=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PanelMemberRow(Base):
    """An interviewer who sits on a panel."""

    __tablename__ = "panel_members"
    __table_args__ = (
        UniqueConstraint("panel_id", "account_id", name="uq_panel_members_panel_id_account_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panels.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class PanelInterviewRow(Base):
    """Which account an interview of a panel belongs to: only that account opens its notes and
    scorecard, and the independence rule is checked against it."""

    __tablename__ = "panel_interviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("kit_interviews.id", ondelete="CASCADE"), unique=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
