"""Spoken answers: each attempt may keep its delivery metrics and (opt-in) the audio file's path.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the delivery (JSON text) and audio_path columns to practice_attempts."""
    with op.batch_alter_table("practice_attempts") as batch:
        batch.add_column(sa.Column("delivery", sa.Text(), nullable=True))
        batch.add_column(sa.Column("audio_path", sa.String(1000), nullable=True))


def downgrade() -> None:
    """Drop the two columns."""
    with op.batch_alter_table("practice_attempts") as batch:
        batch.drop_column("audio_path")
        batch.drop_column("delivery")
