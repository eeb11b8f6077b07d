"""The team server in a real browser: sign up from an invitation, sign out, come back through the
sign-in page to the page asked for; the cookie's flags as the browser stores them; the account pages
pass the same accessibility checks as every other page."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from e2e_site import WIDTHS
from tests.reliability.live_server import _free_port, running
from tests.storage.conftest import _postgres_url

from starcoach.accounts import Accounts
from starcoach.accounts.tokens import password_hasher
from starcoach.storage.db import open_database

PASSWORD = "correct horse battery"
_RUN_AXE = """
async () => {
  const result = await window.axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
}
"""


@pytest.fixture(scope="module")
def team_server() -> Iterator[tuple[str, Accounts]]:
    """Start `starcoach serve --team` on an empty PostgreSQL schema; yield its address and accounts."""
    for url in _postgres_url():
        database = open_database(url)
        accounts = Accounts(database, hasher=password_hasher(cheap=True))
        port = _free_port()
        env = {**os.environ, "STARCOACH_DATABASE_URL": url}
        command = [sys.executable, "-c", "from starcoach.cli.main import run; run()", "serve"]
        try:
            with running(
                [*command, "--team", "--port", str(port)], env, f"http://127.0.0.1:{port}"
            ) as base:
                yield base, accounts
        finally:
            database.close()


def test_sign_up_sign_out_and_back_to_the_page_asked_for(
    browser: Any, team_server: tuple[str, Accounts], accessible: Any, shoot: Any
) -> None:
    base, accounts = team_server
    token = accounts.invite("candidate", created_by=None)
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"/signup/{token}")
        accessible(page)
        page.fill("#login", "dee@example.org")
        page.fill("#name", "Dee")
        page.fill("#password", PASSWORD)
        page.fill("#confirm_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "/signin" not in page.url
        cookie = next(c for c in context.cookies() if c["name"] == "starcoach_account")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

        page.goto("/account")
        accessible(page)
        assert "dee@example.org" in page.text_content("main")
        shoot(page, "team-account")
        page.click("text=Sign out")
        page.wait_for_url("**/signin?done=out")

        page.goto("/stories")
        assert "/signin?next=%2Fstories" in page.url
        accessible(page)
        page.fill("#login", "dee@example.org")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/stories")
        assert page.is_visible("text=Sign out")
        # On a phone the navigation, two entries longer here, still fits the screen's width.
        page.set_viewport_size({"width": 390, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shoot(page, "team-stories-phone")
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_account_pages_have_no_serious_accessibility_violation(
    browser: Any, team_server: tuple[str, Accounts], axe_source: str, width: int
) -> None:
    base, accounts = team_server
    token = accounts.invite("coach", created_by=None)
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for path in ("/signin", f"/signup/{token}"):
            page.goto(path)
            page.evaluate(axe_source)
            assert page.evaluate(_RUN_AXE) == [], (path, width)
    finally:
        context.close()
