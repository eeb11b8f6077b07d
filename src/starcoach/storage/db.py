"""Open the starcoach database: where it lives, how it is configured, and its migrations.

By default the database is a SQLite file in the user's data directory, in WAL mode with foreign keys
enforced; `STARCOACH_DATABASE_URL` points starcoach at another database (PostgreSQL for a team server).
Opening a database brings its schema up to the newest Alembic revision first, so a fresh install and
an old one both just work.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from starcoach.storage.errors import DatabaseBusy, DatabaseFull, DatabaseUnavailable


def as_utc(value: dt.datetime) -> dt.datetime:
    """Return a stored time as an aware UTC time: SQLite hands it back without its zone (it was
    written in UTC), PostgreSQL with one."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


ENV_DATABASE_URL = "STARCOACH_DATABASE_URL"
ENV_DATA_DIR = "STARCOACH_DATA_DIR"
DATABASE_FILENAME = "starcoach.db"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD_REVISION = "0006"
"""The newest migration revision; a test keeps it equal to Alembic's head. Knowing it lets an
up-to-date database open without loading Alembic at all."""
_SQLITE_BUSY_MS = 5_000
"""How long a SQLite writer waits for another to finish before the write fails as busy."""
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


# SQLite's own words for a database another connection holds, or that cannot take the write.
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_SQLITE_FULL = ("database or disk is full", "disk is full")
# PostgreSQL SQLSTATEs: serialization failure, deadlock, lock not available, too many connections.
_PG_BUSY = {"40001", "40P01", "55P03", "53300"}
_PG_FULL = {"53100"}


def storage_error(exc: BaseException, url: str, action: str = "use") -> DatabaseUnavailable:
    """Return the storage error, with a one-line message, that a database or disk failure means."""
    original = getattr(exc, "orig", None) or exc
    reason = str(original).strip()
    reason = reason.splitlines()[0] if reason else type(original).__name__
    lowered = reason.lower()
    sqlstate = getattr(original, "sqlstate", None)
    where = describe_url(url)
    if sqlstate in _PG_BUSY or any(text in lowered for text in _SQLITE_BUSY):
        return DatabaseBusy(
            f"the database {where} is busy with another writer; nothing was stored, try again "
            "in a moment"
        )
    full = getattr(exc, "errno", None) == errno.ENOSPC
    if full or sqlstate in _PG_FULL or any(text in lowered for text in _SQLITE_FULL):
        return DatabaseFull(
            f"the disk holding the database {where} is full; nothing was stored (free some "
            "space and try again)"
        )
    state = _sqlite_disk_state(url)
    if state == "full":
        return DatabaseFull(
            f"the disk holding the database {where} is full; nothing was stored (free some "
            "space and try again)"
        )
    if state == "read-only" or "readonly" in lowered or "read-only" in lowered:
        return DatabaseUnavailable(
            f"the database {where} is read-only here (a read-only file, directory or file "
            "system); nothing was stored"
        )
    return DatabaseUnavailable(f"cannot {action} the database {where}: {reason}")


_LOW_SPACE_BYTES = 256 * 1024


def _sqlite_disk_state(url: str) -> str | None:
    """Return "full" or "read-only" when the SQLite file's disk explains a vague I/O error."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    folder = Path(parsed.database).expanduser().parent
    try:
        stat = os.statvfs(folder)
    except OSError:
        return None
    if stat.f_flag & os.ST_RDONLY:
        return "read-only"
    if stat.f_bavail * stat.f_frsize < _LOW_SPACE_BYTES:
        return "full"
    return None


@contextmanager
def _translated(url: str) -> Iterator[None]:
    """Turn a failure of the database itself (busy, full, read-only, gone) into a storage error.

    Errors of the query (a constraint, a bad statement) pass through unchanged.
    """
    try:
        yield
    except DBAPIError as exc:
        if not isinstance(exc.orig, _operational_errors()):
            raise
        raise storage_error(exc, url) from None


def _operational_errors() -> tuple[type[BaseException], ...]:
    """Return the driver error classes that mean the database, not the query, failed."""
    import sqlite3
    import sys

    classes: list[type[BaseException]] = [sqlite3.OperationalError]
    # A driver that was never imported raised nothing; importing it here would only cost time.
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        classes.append(psycopg.OperationalError)
    return tuple(classes)


@dataclass
class Database:
    """An open database: its engine and a factory for sessions."""

    engine: Engine
    url: str
    sessions: sessionmaker[Session]
    writers: sessionmaker[Session] | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one write transaction: committed on success, rolled back on any error.

        On SQLite the transaction takes the write lock when it begins (BEGIN IMMEDIATE), so a
        writer waits its turn (up to the busy timeout) instead of failing when it upgrades a read
        lock. A database still busy after that raises DatabaseBusy; a full disk DatabaseFull.
        """
        with _translated(self.url), (self.writers or self.sessions).begin() as session:
            yield session

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Yield a session for reading (no commit)."""
        with _translated(self.url), self.sessions() as session:
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


def _prepare_sqlite_file(path: Path, url: str) -> None:
    """Create the database's directory (0700) and file (0600): stories are private to their user."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # An empty file is an empty SQLite database; creating it here fixes its mode, and SQLite
        # gives its -wal and -shm files the same one.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        if exc.errno == errno.EROFS or (exc.errno == errno.EACCES and path.exists()):
            return  # SQLite opens it read-only; writes then fail with a clear message
        reason = exc.strerror or str(exc)
        raise (
            storage_error(exc, url)
            if exc.errno == errno.ENOSPC
            else DatabaseUnavailable(
                f"cannot create the database {describe_url(url)}: {reason} ({exc.filename or path})"
            )
        ) from None


def create_db_engine(url: str) -> Engine:
    """Create an engine for `url`, configured for starcoach (SQLite pragmas, no echo)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable(f"not a valid database URL: {url!r}") from None
    is_sqlite = parsed.get_backend_name() == "sqlite"
    # A "file:" URI (uri=true) is opened as SQLite is told to; only a plain path is prepared here.
    is_uri = str(parsed.query.get("uri", "")).lower() == "true"
    if is_sqlite and parsed.database not in (None, "", ":memory:") and not is_uri:
        _prepare_sqlite_file(Path(parsed.database).expanduser(), url)
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
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise storage_error(exc, url, "open") from None
    writer = engine.execution_options(sqlite_immediate=True) if is_sqlite_url(url) else engine
    return Database(
        engine=engine,
        url=url,
        sessions=sessionmaker(engine, expire_on_commit=False),
        writers=sessionmaker(writer, expire_on_commit=False),
    )


def is_sqlite_url(url: str) -> bool:
    """Return True when `url` names a SQLite database."""
    try:
        return make_url(url).get_backend_name() == "sqlite"
    except ArgumentError:
        return False


def table_names(engine: Engine) -> set[str]:
    """Return the names of the tables the database holds now."""
    return set(inspect(engine).get_table_names())
