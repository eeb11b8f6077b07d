"""The story bank: users (with the local user), stories, their actions, results and tags.

Revision ID: 0001
Revises:
Create Date: 2025-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


# Every constraint is named as the models' naming convention names it, so later revisions can
# alter these tables on SQLite (batch mode) and the migrated schema matches the models exactly.


def _owner(table: str) -> sa.Column[int]:
    return sa.Column(
        "owner_id",
        sa.Integer(),
        sa.ForeignKey("users.id", ondelete="CASCADE", name=f"fk_{table}_owner_id_users"),
        nullable=False,
    )


def _story(table: str) -> sa.Column[int]:
    return sa.Column(
        "story_id",
        sa.Integer(),
        sa.ForeignKey("stories.id", ondelete="CASCADE", name=f"fk_{table}_story_id_stories"),
        nullable=False,
    )


def upgrade() -> None:
    """Create the story bank tables and the local user."""
    users = op.create_table(
        "users",
        sa.Column("id", sa.Integer()),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.bulk_insert(users, [{"id": 1, "name": "local"}])

    text_columns = (
        "situation",
        "task",
        "reflection",
        "why_it_matters",
        "hardest_challenge",
        "pushback",
        "difficult_person",
        "failure",
        "feedback",
        "working_on_now",
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer()),
        _owner("stories"),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("started", sa.String(10), nullable=False),
        sa.Column("ended", sa.String(10), nullable=False),
        sa.Column("team_size", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Text(), nullable=False) for name in text_columns),
        sa.Column("anchor", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.UniqueConstraint("owner_id", "slug", name="uq_stories_owner_id_slug"),
    )
    op.create_index("ix_stories_owner_id", "stories", ["owner_id"])
    op.create_index(
        "ix_stories_one_anchor",
        "stories",
        ["owner_id"],
        unique=True,
        sqlite_where=sa.text("anchor"),
        postgresql_where=sa.text("anchor"),
    )

    op.create_table(
        "story_actions",
        sa.Column("id", sa.Integer()),
        _owner("story_actions"),
        _story("story_actions"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_actions"),
    )
    op.create_table(
        "story_results",
        sa.Column("id", sa.Integer()),
        _owner("story_results"),
        _story("story_results"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("metric", sa.Text(), nullable=False),
        sa.Column("baseline", sa.Text(), nullable=False),
        sa.Column("measured_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_results"),
    )
    op.create_table(
        "story_tags",
        sa.Column("id", sa.Integer()),
        _owner("story_tags"),
        _story("story_tags"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_tags"),
        sa.UniqueConstraint("story_id", "tag", name="uq_story_tags_story_id_tag"),
    )
    for table in ("story_actions", "story_results", "story_tags"):
        op.create_index(f"ix_{table}_owner_id", table, ["owner_id"])
        op.create_index(f"ix_{table}_story_id", table, ["story_id"])


def downgrade() -> None:
    """Drop the story bank tables (and every story in them)."""
    for table in ("story_tags", "story_results", "story_actions", "stories"):
        op.drop_table(table)
    op.drop_table("users")
