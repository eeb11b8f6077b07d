"""Practice: mock interview sessions and every answer given in them.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the practice sessions and attempts tables."""
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer()),
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_practice_sessions_owner_id_users"
            ),
            nullable=False,
        ),
        sa.Column("public_id", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("style", sa.String(16), nullable=False),
        sa.Column("story_id", sa.String(64), nullable=True),
        sa.Column("dimension", sa.String(40), nullable=True),
        sa.Column("time_limit", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_practice_sessions"),
        sa.UniqueConstraint(
            "owner_id", "public_id", name="uq_practice_sessions_owner_id_public_id"
        ),
    )
    op.create_index("ix_practice_sessions_owner_id", "practice_sessions", ["owner_id"])
    op.create_index(
        "ix_practice_sessions_owner_id_status", "practice_sessions", ["owner_id", "status"]
    )
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.Integer()),
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_practice_attempts_owner_id_users"
            ),
            nullable=False,
        ),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey(
                "practice_sessions.id",
                ondelete="CASCADE",
                name="fk_practice_attempts_session_id_practice_sessions",
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("opener_index", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("asked", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.String(16), nullable=False),
        sa.Column("ruleset_version", sa.String(64), nullable=False),
        sa.Column("overall", sa.Float(), nullable=True),
        sa.Column("abstained", sa.Boolean(), nullable=False),
        sa.Column("elapsed_seconds", sa.Float(), nullable=True),
        sa.Column("over_time", sa.Boolean(), nullable=False),
        sa.Column("story_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_attempts"),
        sa.UniqueConstraint(
            "session_id", "position", name="uq_practice_attempts_session_id_position"
        ),
    )
    op.create_index("ix_practice_attempts_owner_id", "practice_attempts", ["owner_id"])
    op.create_index("ix_practice_attempts_session_id", "practice_attempts", ["session_id"])
    op.create_index(
        "ix_practice_attempts_owner_id_question_id",
        "practice_attempts",
        ["owner_id", "question_id"],
    )


def downgrade() -> None:
    """Drop the practice tables (and every stored attempt)."""
    op.drop_table("practice_attempts")
    op.drop_table("practice_sessions")
