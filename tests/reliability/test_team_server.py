"""The real `starcoach serve --team` with two worker processes on PostgreSQL: a sign-in made through
one worker holds on the other, and a form served by one is accepted by the other."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator

import httpx
import pytest
from tests.reliability.live_server import _free_port, running
from tests.storage.conftest import _postgres_url

from starcoach.accounts import Accounts
from starcoach.accounts.tokens import password_hasher
from starcoach.storage.db import open_database

_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
PASSWORD = "correct horse battery"


@pytest.fixture
def team_url() -> Iterator[str]:
    """Yield an empty PostgreSQL database (its own schema); skip without one, fail on CI."""
    yield from _postgres_url()


def test_two_workers_share_sign_in_sessions_through_the_database(team_url: str) -> None:
    database = open_database(team_url)
    try:
        accounts = Accounts(database, hasher=password_hasher(cheap=True))
        token = accounts.invite("candidate", created_by=None)
        accounts.accept_invitation(token, "bo@example.org", "Bo", PASSWORD)
    finally:
        database.close()
    port = _free_port()
    env = {**os.environ, "STARCOACH_DATABASE_URL": team_url}
    env.pop("STARCOACH_WEB_SECRET", None)
    command = [sys.executable, "-c", "from starcoach.cli.main import run; run()", "serve"]
    command += ["--team", "--workers", "2", "--port", str(port)]
    with (
        running(command, env, f"http://127.0.0.1:{port}") as base,
        httpx.Client(base_url=base, follow_redirects=False) as client,
    ):
        assert client.get("/stories.json").status_code == 401
        assert client.get("/stories").headers["location"] == "/signin?next=%2Fstories"
        page = client.get("/signin")
        csrf = _TOKEN.search(page.text).group(1)  # type: ignore[union-attr]
        signed_in = client.post(
            "/signin", data={"login": "bo@example.org", "password": PASSWORD, "csrf_token": csrf}
        )
        assert signed_in.status_code == 303
        # New connections each time, so the requests spread over both workers.
        for _ in range(12):
            answer = httpx.get(base + "/stories.json", cookies=client.cookies)
            assert answer.status_code == 200
        out = httpx.post(base + "/signout", data={"csrf_token": csrf}, cookies=client.cookies)
        assert out.status_code == 303
        assert httpx.get(base + "/stories.json", cookies=client.cookies).status_code == 401
