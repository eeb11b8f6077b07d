"""Interviewer kits: kits and their versions, candidates, interviews, notes, scorecards, calibration.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the interviewer tables."""
    op.create_table(
        "kit_calibration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interviewer", sa.String(length=100), nullable=False),
        sa.Column("sample", sa.String(length=64), nullable=False),
        sa.Column("dimension", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_kit_calibration_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_calibration")),
        sa.UniqueConstraint(
            "owner_id",
            "interviewer",
            "sample",
            "dimension",
            name="uq_kit_calibration_owner_id_interviewer",
        ),
    )
    with op.batch_alter_table("kit_calibration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_calibration_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=2000), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_kits_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kits")),
        sa.UniqueConstraint("owner_id", "slug", name="uq_kits_owner_id_slug"),
    )
    with op.batch_alter_table("kits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kits_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kit_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=16), nullable=False),
        sa.Column("kit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kit_id"], ["kits.id"], name=op.f("fk_kit_candidates_kit_id_kits"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_kit_candidates_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_candidates")),
        sa.UniqueConstraint("owner_id", "public_id", name="uq_kit_candidates_owner_id_public_id"),
    )
    with op.batch_alter_table("kit_candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_candidates_kit_id"), ["kit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kit_candidates_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kit_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kit_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["kit_id"], ["kits.id"], name=op.f("fk_kit_versions_kit_id_kits"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_kit_versions_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_versions")),
        sa.UniqueConstraint("kit_id", "version", name="uq_kit_versions_kit_id_version"),
    )
    with op.batch_alter_table("kit_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_versions_kit_id"), ["kit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kit_versions_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kit_interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=16), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("kit_version", sa.Integer(), nullable=False),
        sa.Column("interviewer", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["kit_candidates.id"],
            name=op.f("fk_kit_interviews_candidate_id_kit_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_kit_interviews_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_interviews")),
        sa.UniqueConstraint(
            "candidate_id", "interviewer", name="uq_kit_interviews_candidate_id_interviewer"
        ),
        sa.UniqueConstraint("owner_id", "public_id", name="uq_kit_interviews_owner_id_public_id"),
    )
    with op.batch_alter_table("kit_interviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kit_interviews_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kit_interviews_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kit_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["kit_interviews.id"],
            name=op.f("fk_kit_notes_interview_id_kit_interviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_kit_notes_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_notes")),
        sa.UniqueConstraint("interview_id", "question", name="uq_kit_notes_interview_id_question"),
    )
    with op.batch_alter_table("kit_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_kit_notes_interview_id"), ["interview_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_kit_notes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "kit_scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("kit_version", sa.Integer(), nullable=False),
        sa.Column("interviewer", sa.String(length=100), nullable=False),
        sa.Column("recommendation", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("ratings", sa.Text(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["kit_interviews.id"],
            name=op.f("fk_kit_scorecards_interview_id_kit_interviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_kit_scorecards_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kit_scorecards")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_kit_scorecards_interview_id")),
    )
    with op.batch_alter_table("kit_scorecards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kit_scorecards_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    """Drop the interviewer tables (and every kit, interview, note and scorecard)."""
    with op.batch_alter_table("kit_scorecards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_scorecards_owner_id"))

    op.drop_table("kit_scorecards")
    with op.batch_alter_table("kit_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_notes_owner_id"))
        batch_op.drop_index(batch_op.f("ix_kit_notes_interview_id"))

    op.drop_table("kit_notes")
    with op.batch_alter_table("kit_interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_interviews_owner_id"))
        batch_op.drop_index(batch_op.f("ix_kit_interviews_candidate_id"))

    op.drop_table("kit_interviews")
    with op.batch_alter_table("kit_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_versions_owner_id"))
        batch_op.drop_index(batch_op.f("ix_kit_versions_kit_id"))

    op.drop_table("kit_versions")
    with op.batch_alter_table("kit_candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_candidates_owner_id"))
        batch_op.drop_index(batch_op.f("ix_kit_candidates_kit_id"))

    op.drop_table("kit_candidates")
    with op.batch_alter_table("kits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kits_owner_id"))

    op.drop_table("kits")
    with op.batch_alter_table("kit_calibration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kit_calibration_owner_id"))

    op.drop_table("kit_calibration")
