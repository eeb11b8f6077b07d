"""Fixtures for storage tests: every test runs on SQLite, and on PostgreSQL when one is configured.

PostgreSQL runs when STARCOACH_TEST_DATABASE_URL is set. Each test gets its own schema there, dropped
afterwards, so tests never see each other's rows. If the variable is set but the server cannot be
reached, the tests fail on CI (CI=true) and skip elsewhere, saying why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from starcoach.storage.db import Database, open_database
from starcoach.storage.stories import StoryStore

PG_ENV = "STARCOACH_TEST_DATABASE_URL"


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)")
    pytest.skip(message)


def _postgres_url() -> Iterator[str]:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL tests run only when {PG_ENV} is set")
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import SQLAlchemyError

        engine = create_engine(url)
        schema = f"test_{uuid.uuid4().hex[:16]}"
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except (ImportError, SQLAlchemyError) as exc:
        _unavailable(f"cannot reach PostgreSQL from {PG_ENV}: {str(exc).splitlines()[0]}")
        raise AssertionError("unreachable") from exc
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'starcoach.db'}"
    else:
        yield from _postgres_url()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """Yield an open, migrated, empty database."""
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def store(db: Database) -> StoryStore:
    """Return the local user's story store on an empty database."""
    return StoryStore(db)
