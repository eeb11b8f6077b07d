"""Two browsers of one account editing the same story on a team server (PostgreSQL): the second save
is refused with 409 and both versions, and the stored story is the first save."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.accounts.conftest import Clock
from tests.web.test_team_routes import _app, _csrf, _member, _sign_in

from starcoach.accounts import Accounts

_VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]+)">')


def _form(client: TestClient, story_id: str, **changes: str) -> dict[str, str]:
    """Open the edit form in this browser and return what it would post, with `changes` typed."""
    page = client.get(f"/stories/{story_id}/edit")
    assert page.status_code == 200, page.text[:300]
    version = _VERSION.search(page.text)
    form_id = re.search(r'name="form_id" value="([^"]+)"', page.text)
    assert version is not None and form_id is not None
    return {
        "csrf_token": _csrf(client, "/stories"),
        "form_id": form_id.group(1),
        "version": version.group(1),
        "title": "Ann's migration",
        "situation": "The old billing system was failing.",
        **changes,
    }


def test_two_browsers_of_one_account_the_second_save_gets_409_with_both(
    team_url: str, clock: Clock, accounts: Accounts
) -> None:
    _member(accounts, "ann@example.org")
    with _app(team_url, clock) as one, _app(team_url, clock) as two:
        _sign_in(one, "ann@example.org")
        _sign_in(two, "ann@example.org")
        created = one.post(
            "/api/stories",
            json={"title": "Ann's migration", "situation": "The old billing system was failing."},
        )
        assert created.status_code == 201, created.text
        story_id = created.json()["id"]
        first = _form(one, story_id, task="Mine to move, from browser one.")
        second = _form(two, story_id, reflection="Browser two's lesson.")
        assert first["version"] == second["version"]
        assert one.post(f"/stories/{story_id}/edit", data=first).status_code == 303
        refused = two.post(f"/stories/{story_id}/edit", data=second)
        assert refused.status_code == 409
        assert "data-conflict" in refused.text
        assert "Mine to move, from browser one." in refused.text  # theirs, shown
        assert re.search(r'<textarea id="reflection"[^>]*>Browser two&#39;s lesson\.', refused.text)
        stored = one.get(f"/stories/{story_id}.json").json()
        assert stored["story"]["task"] == "Mine to move, from browser one."
        assert stored["story"]["reflection"] == ""
        # The JSON twin of the form answers the same conflict with both versions.
        again = two.post(
            f"/stories/{story_id}/edit", data=second, headers={"accept": "application/json"}
        )
        assert again.status_code == 409
        body = again.json()
        assert body["theirs"]["task"] == "Mine to move, from browser one."
        assert body["yours"]["reflection"] == "Browser two's lesson."
        assert body["version"] == stored["version"]


def test_two_api_clients_of_one_account_on_postgresql(
    team_url: str, clock: Clock, accounts: Accounts
) -> None:
    _member(accounts, "ann@example.org")
    with _app(team_url, clock) as one, _app(team_url, clock) as two:
        _sign_in(one, "ann@example.org")
        _sign_in(two, "ann@example.org")
        created = one.post("/api/stories", json={"title": "Ann's migration"}).json()
        loaded = two.get(f"/stories/{created['id']}.json").json()
        assert loaded["version"] == created["version"]
        saved = one.put(f"/api/stories/{created['id']}", json={**created, "task": "One."})
        assert saved.status_code == 200
        late = {**loaded["story"], "task": "Two.", "version": loaded["version"]}
        refused = two.put(f"/api/stories/{created['id']}", json=late)
        assert refused.status_code == 409
        assert refused.json()["theirs"]["task"] == "One."
        assert refused.json()["yours"]["task"] == "Two."
        assert one.get(f"/stories/{created['id']}.json").json()["story"]["task"] == "One."
