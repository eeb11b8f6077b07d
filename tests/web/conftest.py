"""Fixtures for route tests: an app on a fresh SQLite database, a test client, and a CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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
