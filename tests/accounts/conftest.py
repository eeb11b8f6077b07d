"""Fixtures for account tests: each runs on SQLite and on PostgreSQL (when one is configured).

The account service gets a clock the test can move and a cheap Argon2 setting, so lockout and expiry
are tested without waiting and without the real hash's cost on every sign-in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from tests.storage.conftest import database_url  # noqa: F401  (the fixture, on both databases)

from starcoach.accounts import Accounts
from starcoach.accounts.tokens import password_hasher
from starcoach.storage.db import Database, open_database

PASSWORD = "correct horse battery"


@dataclass
class Clock:
    """A clock that stands still until the test moves it."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC))

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:  # noqa: F811
    """Yield an open, migrated, empty database."""
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def clock() -> Clock:
    """Return a clock the test moves by hand."""
    return Clock()


@pytest.fixture
def accounts(db: Database, clock: Clock) -> Accounts:
    """Return the account service on an empty database, with a cheap hash and the test's clock."""
    return Accounts(db, hasher=password_hasher(cheap=True), clock=clock)
