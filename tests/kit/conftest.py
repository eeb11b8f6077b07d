"""Fixtures for the interviewer side: a service on SQLite, and on PostgreSQL when one is configured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.storage.conftest import _postgres_url

from starcoach.kit.service import KitService
from starcoach.storage.db import Database, open_database

STRONG_NOTES = (
    "I led the rewrite of our billing service because failed payments hurt customers. I traced the "
    "failures in the logs and I wrote the retry design, and I paired with two engineers on the "
    "migration. Failed payments fell from 4% to 1% in two months, measured on the dashboard. I "
    "learned to involve support early; next time I would bring them in at the start."
)


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
def service(db: Database) -> KitService:
    """Return the local user's kit service on an empty database."""
    return KitService(db)
