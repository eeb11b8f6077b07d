"""Hiring panels on a team server (PostgreSQL): an admin builds a kit and seats interviewers; an
interviewer sees only the kits and candidates of their panels and only their own interviews; the
independence rule holds per account; the panel's debrief page. The local app keeps its open kits
(tests/kit/test_kit_routes.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.accounts.conftest import Clock
from tests.kit.conftest import STRONG_NOTES
from tests.web.conftest import make_account
from tests.web.test_team_routes import _app, _csrf, _sign_in

from starcoach.accounts import Accounts

DIMS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")
KIT = "software-engineer"
JSON = {"accept": "application/json"}


class Clients:
    """One signed-in browser per login, closed together."""

    def __init__(self, url: str, clock: Clock) -> None:
        self.url, self.clock = url, clock
        self.open: dict[str, TestClient] = {}

    def __call__(self, login: str) -> TestClient:
        if login not in self.open:
            client = _app(self.url, self.clock)
            client.__enter__()
            assert _sign_in(client, login).status_code == 303  # type: ignore[attr-defined]
            self.open[login] = client
        return self.open[login]

    def close(self) -> None:
        for client in self.open.values():
            client.__exit__(None, None, None)


@pytest.fixture
def as_(team_url: str, clock: Clock, accounts: Accounts) -> Iterator[Clients]:
    for login, role in (
        ("ada@example.org", "admin"),
        ("sam@example.org", "interviewer"),
        ("kim@example.org", "interviewer"),
        ("ivy@example.org", "interviewer"),
        ("cora@example.org", "coach"),
        ("ann@example.org", "candidate"),
    ):
        make_account(accounts, login, role)
    clients = Clients(team_url, clock)
    try:
        yield clients
    finally:
        clients.close()


def _post(client: TestClient, path: str, **fields: str) -> object:
    return client.post(
        path,
        data={**fields, "csrf_token": _csrf(client, "/account")},
        headers={"accept": "application/json"},
    )


def _panel(as_: Clients) -> tuple[int, str]:
    """Admin: build the kit, its panel with Sam and Kim, and one candidate."""
    admin = as_("ada@example.org")
    assert _post(admin, "/kits", role="swe").status_code == 200  # type: ignore[attr-defined]
    made = _post(admin, "/panels", name="Platform hiring", kit=KIT)
    assert made.status_code == 201, made.text  # type: ignore[attr-defined]
    panel_id = made.json()["id"]  # type: ignore[attr-defined]
    for login in ("sam@example.org", "kim@example.org"):
        assert _post(admin, f"/panels/{panel_id}/members", login=login).status_code == 200  # type: ignore[attr-defined]
    refused = _post(admin, f"/panels/{panel_id}/members", login="ann@example.org")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    added = _post(admin, f"/kits/{KIT}/candidates", name="Grace Hopper")
    return panel_id, added.json()["id"]  # type: ignore[attr-defined]


def _score(client: TestClient, interview: str, reason: str) -> object:
    fields = {"recommendation": "yes", "reason": reason}
    fields.update({f"score_{d}": "4" for d in DIMS})
    fields.update({f"own_quote_{d}": "I traced the failures in the logs" for d in DIMS})
    return _post(client, f"/interviews/{interview}/scorecard", **fields)


def test_interviewers_see_only_their_panels(as_: Clients) -> None:
    panel_id, candidate = _panel(as_)
    sam, kim, ivy = as_("sam@example.org"), as_("kim@example.org"), as_("ivy@example.org")
    assert [k["id"] for k in sam.get("/kits", headers=JSON).json()["kits"]] == [KIT]
    assert [c["name"] for c in sam.get("/kits", headers=JSON).json()["candidates"]] == [
        "Grace Hopper"
    ]
    assert [p["id"] for p in sam.get("/panels.json").json()["panels"]] == [panel_id]
    for outsider in (ivy, as_("cora@example.org"), as_("ann@example.org")):
        listing = outsider.get("/kits", headers=JSON).json()
        assert listing["kits"] == [] and listing["candidates"] == []
        assert outsider.get(f"/kits/{KIT}").status_code == 404
        assert outsider.get(f"/kits/{KIT}/file").status_code == 404
        assert outsider.get(f"/candidates/{candidate}").status_code == 404
        assert outsider.get(f"/panels/{panel_id}.json").status_code == 404
        assert outsider.get(f"/panels/{panel_id}/debrief.json").status_code == 404
        assert _post(outsider, f"/kits/{KIT}/candidates", name="X").status_code == 404  # type: ignore[attr-defined]
        assert _post(outsider, "/kits", role="swe").status_code == 403  # type: ignore[attr-defined]
        assert _post(outsider, "/panels", name="Mine", kit=KIT).status_code == 403  # type: ignore[attr-defined]
    # Only an admin builds kits and seats interviewers.
    assert _post(sam, "/kits", role="swe").status_code == 403  # type: ignore[attr-defined]
    assert _post(sam, f"/panels/{panel_id}/members", login="ivy@example.org").status_code == 403  # type: ignore[attr-defined]
    # An interviewer starts their own interview under their own name; the admin cannot.
    started = _post(sam, f"/candidates/{candidate}/interviews", interviewer="Somebody Else")
    interview = started.json()["id"]  # type: ignore[attr-defined]
    assert (
        sam.get(f"/interviews/{interview}", headers={"accept": "application/json"}).json()[
            "interview"
        ]["interviewer"]
        == "Sam"
    )
    admin = as_("ada@example.org")
    assert _post(admin, f"/candidates/{candidate}/interviews").status_code == 404  # type: ignore[attr-defined]
    # Kim, on the same panel, cannot open Sam's notes or scorecard.
    assert (
        sam.post(
            f"/api/interviews/{interview}/notes", json={"notes": {"proud": STRONG_NOTES}}
        ).status_code
        == 200
    )
    for client in (kim, admin, ivy):
        assert client.get(f"/interviews/{interview}").status_code == 404
        assert client.get(f"/interviews/{interview}/scorecard").status_code == 404
        assert (
            client.post(
                f"/api/interviews/{interview}/notes", json={"notes": {"proud": "overwritten"}}
            ).status_code
            == 404
        )
    page = kim.get(f"/candidates/{candidate}", headers={"accept": "application/json"}).json()
    assert [i["notes"] for i in page["interviews"]] == [{}]
    assert "I traced the failures" not in kim.get(f"/candidates/{candidate}").text
    # Removing Kim from the panel closes the kit to Kim.
    assert _post(admin, f"/panels/{panel_id}/members/{_id(as_, 'kim')}/remove").status_code == 200  # type: ignore[attr-defined]
    assert kim.get(f"/kits/{KIT}").status_code == 404


def _id(as_: Clients, name: str) -> int:
    admin = as_("ada@example.org")
    panels = admin.get("/panels.json").json()["panels"]
    return next(
        m["account_id"] for p in panels for m in p["interviewers"] if m["login"].startswith(name)
    )


def test_the_independence_rule_holds_permake_account(as_: Clients, accounts: Accounts) -> None:
    panel_id, candidate = _panel(as_)
    sam, kim, admin = as_("sam@example.org"), as_("kim@example.org"), as_("ada@example.org")
    ids = {}
    for name, client in (("sam", sam), ("kim", kim)):
        started = _post(client, f"/candidates/{candidate}/interviews")
        ids[name] = started.json()["id"]  # type: ignore[attr-defined]
        client.post(f"/api/interviews/{ids[name]}/notes", json={"notes": {"proud": STRONG_NOTES}})
    assert _score(sam, ids["sam"], "SAMREASON, strong ownership.").status_code == 200  # type: ignore[attr-defined]
    # Kim has not submitted: Sam's scorecard stays hidden from Kim, whatever name Kim types.
    for path in (
        f"/candidates/{candidate}/debrief?viewer=Sam",
        f"/candidates/{candidate}/debrief",
        f"/candidates/{candidate}/scorecards.json",
        f"/candidates/{candidate}/scorecards.csv",
    ):
        hidden = kim.get(path)
        assert hidden.status_code == 403, path
        assert "SAMREASON" not in hidden.text
    debrief = kim.get(f"/panels/{panel_id}/debrief.json").json()
    assert "debrief" not in debrief["candidates"][0]
    assert "SAMREASON" not in kim.get(f"/panels/{panel_id}/debrief").text
    # Sam, having submitted, sees the debrief so far; the admin only once the panel is done.
    assert sam.get(f"/candidates/{candidate}/debrief").status_code == 200
    assert admin.get(f"/candidates/{candidate}/debrief").status_code == 403
    assert _score(kim, ids["kim"], "KIMREASON.").status_code == 200  # type: ignore[attr-defined]
    full = kim.get(f"/panels/{panel_id}/debrief.json").json()["candidates"][0]["debrief"]
    assert {c["interviewer"] for c in full["scorecards"]} == {"Sam", "Kim"}
    assert "SAMREASON" in admin.get(f"/candidates/{candidate}/debrief").text
    assert admin.get(f"/candidates/{candidate}/scorecards.json").status_code == 200
    sam_id, kim_id, ada_id = _id(as_, "sam"), _id(as_, "kim"), accounts.find("ada@example.org")
    assert ada_id is not None
    views = [
        (e["actor_id"], e["subject_id"], e["detail"])
        for e in reversed(accounts.audit_entries(limit=500))
        if e["action"] == "viewed_scorecard"
    ]
    # Sam's first look showed no one else's scorecard: nothing to record. Each later look records
    # one entry per other interviewer whose scorecard it showed (Sam, who signed up first, first).
    assert views == [
        (kim_id, sam_id, f"panel {panel_id} debrief of candidate {candidate}"),
        (ada_id.id, sam_id, f"debrief of candidate {candidate}"),
        (ada_id.id, kim_id, f"debrief of candidate {candidate}"),
        (ada_id.id, sam_id, f"scorecards.json of candidate {candidate}"),
        (ada_id.id, kim_id, f"scorecards.json of candidate {candidate}"),
    ]


def test_calibration_is_for_interviewers_under_their_own_name(as_: Clients) -> None:
    sam = as_("sam@example.org")
    done = _post(
        sam, "/calibration", interviewer="Not Sam", sample="big-number", score_ownership="2"
    )
    assert done.status_code == 200  # type: ignore[attr-defined]
    assert 'data-interviewer="Sam"' in sam.get("/calibration").text
    assert as_("ann@example.org").get("/calibration").status_code == 403
