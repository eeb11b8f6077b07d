"""Fixtures for route tests: an app on a fresh SQLite database, a test client, and a CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.accounts.conftest import PASSWORD, Clock

from starcoach.accounts import Account, Accounts
from starcoach.accounts.tokens import password_hasher
from starcoach.storage.db import open_database
from starcoach.web.app import create_app

_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Return the URL of an empty SQLite database."""
    return f"sqlite:///{tmp_path / 'web.db'}"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """Yield a test client for an app on an empty database."""
    with TestClient(create_app(database_url)) as test_client:
        yield test_client


def token_of(client: TestClient, path: str = "/check") -> str:
    """Return the CSRF token a page gives this client's browser session."""
    match = _TOKEN.search(client.get(path).text)
    assert match is not None
    return match.group(1)


@pytest.fixture
def token(client: TestClient) -> str:
    """Return the client's CSRF token."""
    return token_of(client)


# --- the team server: an empty PostgreSQL database, a clock the test moves, and its accounts --------


@pytest.fixture
def team_url() -> Iterator[str]:
    """Yield an empty PostgreSQL database (its own schema); skip without one, fail on CI."""
    from tests.storage.conftest import _postgres_url

    yield from _postgres_url()


@pytest.fixture
def clock() -> Clock:
    """Return a clock the test moves by hand."""
    return Clock()


@pytest.fixture
def accounts(team_url: str, clock: Clock) -> Iterator[Accounts]:
    """Yield the accounts of the team database, with cheap password hashing."""
    database = open_database(team_url)
    try:
        yield Accounts(database, hasher=password_hasher(cheap=True), clock=clock)
    finally:
        database.close()


def make_account(accounts: Accounts, login: str, role: str) -> Account:
    """Invite and sign up one account with the test password."""
    token = accounts.invite(role, created_by=None)
    return accounts.accept_invitation(token, login, login.split("@")[0].title(), PASSWORD)
