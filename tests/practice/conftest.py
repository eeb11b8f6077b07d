"""Fixtures for the practice tests: our own answers and story, and a database of each kind.

Storage tests run on SQLite always, and on PostgreSQL when STARCOACH_TEST_DATABASE_URL is set (each
test in its own schema, dropped afterwards); with the variable set but no server, they fail on CI and
skip elsewhere, saying why.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The answers and the story the tests share live beside this file.
sys.path.insert(0, str(Path(__file__).parent))

PG_ENV = "STARCOACH_TEST_DATABASE_URL"


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
        message = f"cannot reach PostgreSQL from {PG_ENV}: {str(exc).splitlines()[0]}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield scoped.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def practice_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'starcoach.db'}"
    else:
        yield from _postgres_url()
