"""Open the starcoach database: where it lives, how it is configured, and its migrations.

By default the database is a SQLite file in the user's data directory, in WAL mode with foreign keys
enforced; `STARCOACH_DATABASE_URL` points starcoach at another database (PostgreSQL for a team server).
Opening a database brings its schema up to the newest Alembic revision first, so a fresh install and
an old one both just work.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from starcoach.storage.errors import DatabaseUnavailable

ENV_DATABASE_URL = "STARCOACH_DATABASE_URL"
ENV_DATA_DIR = "STARCOACH_DATA_DIR"
DATABASE_FILENAME = "starcoach.db"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD_REVISION = "0004"
"""The newest migration revision; a test keeps it equal to Alembic's head. Knowing it lets an
up-to-date database open without loading Alembic at all."""
_SQLITE_BUSY_MS = 10_000
# Any fixed 64-bit number: it only has to be the same in every starcoach process.
_PG_MIGRATION_LOCK = 0x5374_6172_436F_6163


def data_dir() -> Path:
    """Return starcoach's data directory: `STARCOACH_DATA_DIR`, else the platform's user data dir."""
    configured = os.environ.get(ENV_DATA_DIR, "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("starcoach", appauthor=False))


def default_database_url() -> str:
    """Return the database URL: `STARCOACH_DATABASE_URL`, else SQLite in the data directory."""
    configured = os.environ.get(ENV_DATABASE_URL, "").strip()
    if configured:
        return configured
    return f"sqlite:///{data_dir() / DATABASE_FILENAME}"


def describe_url(url: str) -> str:
    """Return the URL with any password hidden, safe to print."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


@dataclass
class Database:
    """An open database: its engine and a factory for sessions."""

    engine: Engine
    url: str
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one transaction: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Yield a session for reading (no commit)."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy (the sqlite3 module's own implicit BEGIN skips
        # DDL and SAVEPOINTs); then WAL for concurrent readers, and enforced foreign keys.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock up front, so two processes never deadlock upgrading a lock.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_db_engine(url: str) -> Engine:
    """Create an engine for `url`, configured for starcoach (SQLite pragmas, no echo)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(f"not a valid database URL: {url!r}") from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {}
    if not is_sqlite:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        hint = ""
        if parsed.get_backend_name() == "postgresql":
            hint = " (install the PostgreSQL driver: pip install 'starcoach[postgres]')"
        raise DatabaseUnavailable(f"cannot use {describe_url(url)}: {exc}{hint}") from None
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Any:
    """Return an Alembic Config for the packaged migrations, bound to a connection or a URL."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def revisions() -> list[str]:
    """Return every migration revision id, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    """Return the newest migration revision id."""
    return revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """Return the revision recorded in the database, or None when it has none (or no table)."""
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` in one transaction, one process at a time."""
    from alembic import command

    with (
        engine.connect().execution_options(sqlite_immediate=True) as connection,
        connection.begin(),
    ):
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key()})
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema down to `revision` (use "base" for an empty database)."""
    from alembic import command

    with (
        engine.connect().execution_options(sqlite_immediate=True) as connection,
        connection.begin(),
    ):
        command.downgrade(alembic_config(connection), revision)


def _lock_key() -> int:
    # PostgreSQL advisory locks take a signed 64-bit key.
    return _PG_MIGRATION_LOCK - (1 << 64) if _PG_MIGRATION_LOCK >= 1 << 63 else _PG_MIGRATION_LOCK


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open the database at `url` (default: `default_database_url()`), migrating it to the newest schema."""
    url = url or default_database_url()
    engine = create_db_engine(url)
    try:
        stored = _stored_revision(engine) if migrate else HEAD_REVISION
        if stored != HEAD_REVISION:
            if stored is not None and stored not in revisions():
                raise DatabaseUnavailable(
                    f"the database {describe_url(url)} is at schema revision {stored!r}, which this "
                    "version of starcoach does not know; it was written by a newer starcoach"
                )
            upgrade(engine)
    except DatabaseUnavailable:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        original = getattr(exc, "orig", None)
        reason = str(original if original is not None else exc).strip()
        reason = reason.splitlines()[0] if reason else type(exc).__name__
        raise DatabaseUnavailable(
            f"cannot open the database {describe_url(url)}: {reason}"
        ) from None
    return Database(engine=engine, url=url, sessions=sessionmaker(engine, expire_on_commit=False))


def table_names(engine: Engine) -> set[str]:
    """Return the names of the tables the database holds now."""
    return set(inspect(engine).get_table_names())
