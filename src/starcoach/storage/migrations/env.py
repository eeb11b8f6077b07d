"""Alembic environment for starcoach: runs on the connection that `starcoach.storage.db` hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from starcoach.storage import attempts as _attempts  # noqa: F401  (registers the practice tables)
from starcoach.storage import kits as _kits  # noqa: F401  (registers the interviewer tables)
from starcoach.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Emit the migration SQL for the configured URL without connecting."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Run the migrations on the caller's connection, or on a new one for the configured URL."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as own:
            _run(own)
        engine.dispose()
    else:
        _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # Batch mode rebuilds SQLite tables for ALTERs SQLite cannot do in place.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
