"""Cohorts and sharing on a team server (PostgreSQL): an admin or a coach creates a cohort and adds
candidates; a coach sees their cohort's practice and only the stories a candidate shares; every
coach's view of a candidate's data is in the audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.accounts.conftest import PASSWORD, Clock
from tests.web.conftest import make_account
from tests.web.test_team_routes import _app, _csrf, _sign_in

from starcoach.accounts import Account, AccountError, Accounts
from starcoach.accounts.cohorts import Cohorts, NotAllowed, NotFound

ANSWER = (
    "I led the rewrite of our billing service because failed payments hurt customers. I traced the "
    "failures in the logs and I wrote the retry design. Failed payments fell from 4% to 1% in two "
    "months. I learned to involve support early."
)


@pytest.fixture
def people(accounts: Accounts) -> dict[str, Account]:
    return {
        "coach": make_account(accounts, "cora@example.org", "coach"),
        "other_coach": make_account(accounts, "otto@example.org", "coach"),
        "ann": make_account(accounts, "ann@example.org", "candidate"),
        "ben": make_account(accounts, "ben@example.org", "candidate"),
        "ivy": make_account(accounts, "ivy@example.org", "interviewer"),
        "admin": make_account(accounts, "ada@example.org", "admin"),
    }


def _client(team_url: str, clock: Clock, login: str) -> TestClient:
    client = _app(team_url, clock)
    client.__enter__()
    assert _sign_in(client, login).status_code == 303  # type: ignore[attr-defined]
    return client


def test_who_may_create_and_manage_a_cohort(accounts: Accounts, people: dict[str, Account]) -> None:
    cohorts = Cohorts(accounts)
    for role in ("ann", "ivy"):
        with pytest.raises(NotAllowed):
            cohorts.create(people[role], "Spring")
    mine = cohorts.create(people["coach"], "Spring")
    assert [m.login for m in mine.coaches] == ["cora@example.org"]
    assert cohorts.add(people["coach"], mine.id, "ann@example.org").role == "candidate"
    # A coach adds candidates only; another coach, an interviewer or a stranger's cohort: refused.
    with pytest.raises(NotAllowed):
        cohorts.add(people["coach"], mine.id, "otto@example.org")
    with pytest.raises(AccountError, match="only coaches and candidates"):
        cohorts.add(people["coach"], mine.id, "ivy@example.org")
    with pytest.raises(AccountError, match="already"):
        cohorts.add(people["coach"], mine.id, "ann@example.org")
    with pytest.raises(NotFound):
        cohorts.add(people["other_coach"], mine.id, "ben@example.org")
    with pytest.raises(NotFound):
        cohorts.get(people["ann"], mine.id)
    assert [c.name for c in cohorts.visible(people["coach"])] == ["Spring"]
    assert cohorts.visible(people["other_coach"]) == []
    assert [c.name for c in cohorts.joined(people["ann"])] == ["Spring"]
    # An admin sees and manages every cohort, and names a coach.
    other = cohorts.create(people["admin"], "Autumn", coach_login="otto@example.org")
    assert [m.login for m in other.coaches] == ["otto@example.org"]
    assert {c.name for c in cohorts.visible(people["admin"])} == {"Spring", "Autumn"}
    assert cohorts.add(people["admin"], mine.id, "otto@example.org").role == "coach"
    with pytest.raises(NotAllowed):
        cohorts.remove(people["coach"], mine.id, people["other_coach"].id)
    cohorts.remove(people["coach"], mine.id, people["ann"].id)
    assert cohorts.joined(people["ann"]) == []
    actions = [e["action"] for e in accounts.audit_entries(limit=50)]
    assert "cohort_created" in actions and "cohort_member_removed" in actions


def test_an_invitation_can_name_a_cohort(accounts: Accounts, people: dict[str, Account]) -> None:
    cohorts = Cohorts(accounts)
    cohort = cohorts.create(people["coach"], "Spring")
    token = accounts.invite("candidate", created_by=people["coach"].id, cohort_id=cohort.id)
    new = accounts.accept_invitation(token, "cat@example.org", "Cat", PASSWORD)
    assert [c.id for c in cohorts.joined(new)] == [cohort.id]
    with pytest.raises(AccountError, match="only coaches and candidates"):
        accounts.invite("interviewer", created_by=None, cohort_id=cohort.id)
    with pytest.raises(AccountError, match="no cohort"):
        accounts.invite("candidate", created_by=None, cohort_id=cohort.id + 100)


def test_a_coach_sees_practice_and_only_shared_stories(
    accounts: Accounts, people: dict[str, Account], team_url: str, clock: Clock
) -> None:
    cohorts = Cohorts(accounts)
    cohort = cohorts.create(people["coach"], "Spring")
    cohorts.add(people["coach"], cohort.id, "ann@example.org")
    cohorts.add(people["coach"], cohort.id, "ben@example.org")

    ann = _client(team_url, clock, "ann@example.org")
    for title in ("Shared billing rewrite", "Private salary talk"):
        assert ann.post("/api/stories", json={"title": title}).status_code == 201
    ids = {s["title"]: s["id"] for s in ann.get("/stories.json").json()["stories"]}
    started = ann.post("/api/practice", json={"question": "proud"}).json()
    answered = ann.post(f"/api/practice/{started['id']}/answer", json={"answer": ANSWER})
    assert answered.status_code == 200, answered.text
    shared_id = ids["Shared billing rewrite"]
    csrf = _csrf(ann, "/sharing")
    assert (
        ann.post(
            f"/sharing/stories/{shared_id}", data={"shared": "1", "csrf_token": csrf}
        ).status_code
        == 303
    )
    sharing = ann.get("/sharing.json").json()
    assert {s["title"]: s["shared"] for s in sharing["stories"]} == {
        "Shared billing rewrite": True,
        "Private salary talk": False,
    }
    assert sharing["cohorts"] == [{"id": cohort.id, "name": "Spring", "coaches": ["Cora"]}]

    coach = _client(team_url, clock, "cora@example.org")
    page = coach.get(f"/cohorts/{cohort.id}.json").json()
    summary = page["summary"]
    by_login = {p["login"]: p for p in summary["candidates"]}
    assert by_login["ann@example.org"]["answers"] == 1
    assert by_login["ann@example.org"]["sessions"] == 1
    assert by_login["ben@example.org"]["last_practice"] is None
    assert summary["practised"] == 1
    assert summary["dimensions"], "the scored answer gives medians"
    medians = [d["median"] for d in summary["dimensions"]]
    assert medians == sorted(medians)
    assert all(f["candidates"] == 1 for f in summary["findings"])
    assert ANSWER[:40] not in coach.get(f"/cohorts/{cohort.id}").text

    member = coach.get(f"/cohorts/{cohort.id}/members/{people['ann'].id}.json")
    assert member.status_code == 200
    assert member.json()["progress"]["answers"] == 1
    assert [s["title"] for s in member.json()["shared_stories"]] == ["Shared billing rewrite"]
    base = f"/cohorts/{cohort.id}/members/{people['ann'].id}/stories"
    assert coach.get(f"{base}/{shared_id}.json").json()["story"]["title"] == (
        "Shared billing rewrite"
    )
    assert coach.get(f"{base}/{ids['Private salary talk']}").status_code == 404
    assert (
        "Private salary talk"
        not in coach.get(f"/cohorts/{cohort.id}/members/{people['ann'].id}").text
    )

    # Stop sharing: the story is gone for the coach at once.
    csrf = _csrf(ann, "/sharing")
    ann.post(f"/sharing/stories/{shared_id}", data={"shared": "0", "csrf_token": csrf})
    assert coach.get(f"{base}/{shared_id}.json").status_code == 404

    # Another coach, the admin, the other candidate and an interviewer see nothing of Ann's.
    for login in ("otto@example.org", "ben@example.org", "ivy@example.org", "ada@example.org"):
        other = _client(team_url, clock, login)
        assert other.get(f"/cohorts/{cohort.id}/members/{people['ann'].id}.json").status_code == 404
        page_of = other.get(f"/cohorts/{cohort.id}.json")
        if login == "ada@example.org":  # the admin manages the members, sees no practice
            assert page_of.status_code == 200 and "summary" not in page_of.json()
        else:
            assert page_of.status_code == 404
        other.__exit__(None, None, None)

    ann.__exit__(None, None, None)
    coach.__exit__(None, None, None)


def test_cohort_pages_through_the_web(
    accounts: Accounts, people: dict[str, Account], team_url: str, clock: Clock
) -> None:
    coach = _client(team_url, clock, "cora@example.org")
    csrf = _csrf(coach, "/cohorts")
    made = coach.post("/cohorts", data={"name": "Winter", "csrf_token": csrf})
    assert made.status_code == 303
    path = made.headers["location"]
    added = coach.post(f"{path}/members", data={"login": "ben@example.org", "csrf_token": csrf})
    assert added.status_code == 303
    assert "Ben" in coach.get(path).text
    invited = coach.post(f"{path}/invitations", data={"csrf_token": csrf})
    assert invited.status_code == 303 and "/signup/" in invited.headers["location"]
    removed = coach.post(f"{path}/members/{people['ben'].id}/remove", data={"csrf_token": csrf})
    assert removed.status_code == 303
    assert coach.get(f"{path}.json").json()["cohort"]["candidates"] == []
    assert [c["name"] for c in coach.get("/cohorts.json").json()["cohorts"]] == ["Winter"]
    coach.__exit__(None, None, None)

    ann = _client(team_url, clock, "ann@example.org")
    csrf = _csrf(ann, "/cohorts")
    assert ann.post("/cohorts", data={"name": "Mine", "csrf_token": csrf}).status_code == 403
    assert ann.get(f"{path}.json").status_code == 404
    assert (
        ann.post(
            f"{path}/members", data={"login": "ann@example.org", "csrf_token": csrf}
        ).status_code
        == 404
    )
    assert (
        ann.post("/sharing/stories/nope", data={"shared": "1", "csrf_token": csrf}).status_code
        == 404
    )
    ann.__exit__(None, None, None)


def _views(accounts: Accounts) -> list[tuple[str, int | None, int | None, str]]:
    return [
        (e["action"], e["actor_id"], e["subject_id"], e["detail"])
        for e in reversed(accounts.audit_entries(limit=500))
        if e["action"].startswith("viewed")
    ]


def test_the_audit_log_says_who_viewed_whose_data(
    accounts: Accounts, people: dict[str, Account], team_url: str, clock: Clock
) -> None:
    cohorts = Cohorts(accounts)
    cohort = cohorts.create(people["coach"], "Spring")
    for login in ("ann@example.org", "ben@example.org"):
        cohorts.add(people["coach"], cohort.id, login)
    ann = _client(team_url, clock, "ann@example.org")
    story = ann.post("/api/stories", json={"title": "Billing rewrite"}).json()["id"]
    ann.post(
        f"/sharing/stories/{story}", data={"shared": "1", "csrf_token": _csrf(ann, "/sharing")}
    )
    ann.__exit__(None, None, None)
    coach_id, ann_id, ben_id = people["coach"].id, people["ann"].id, people["ben"].id

    # Refused looks leave no "viewed" entry: nothing was shown.
    for login in ("otto@example.org", "ada@example.org", "ben@example.org"):
        other = _client(team_url, clock, login)
        other.get(f"/cohorts/{cohort.id}")
        other.get(f"/cohorts/{cohort.id}/members/{ann_id}")
        other.get(f"/cohorts/{cohort.id}/members/{ann_id}/stories/{story}")
        other.__exit__(None, None, None)
    assert _views(accounts) == []

    coach = _client(team_url, clock, "cora@example.org")
    assert coach.get(f"/cohorts/{cohort.id}").status_code == 200
    assert coach.get(f"/cohorts/{cohort.id}/members/{ann_id}.json").status_code == 200
    assert coach.get(f"/cohorts/{cohort.id}/members/{ann_id}/stories/{story}").status_code == 200
    coach.__exit__(None, None, None)
    summary = f"practice summary of cohort {cohort.id}"
    assert _views(accounts) == [
        ("viewed_cohort", coach_id, ann_id, summary),
        ("viewed_cohort", coach_id, ben_id, summary),
        ("viewed_progress", coach_id, ann_id, f"progress, in cohort {cohort.id}"),
        ("viewed_story", coach_id, ann_id, f"story {story}, in cohort {cohort.id}"),
    ]
    # Ann's own export lists who looked at her data; Ben's only the cohort summary.
    exported = accounts.export("ann@example.org")
    assert {e["action"] for e in exported["audit"]} >= {
        "viewed_cohort",
        "viewed_progress",
        "viewed_story",
    }
    ben_actions = {e["action"] for e in accounts.export("ben@example.org")["audit"]}
    assert "viewed_story" not in ben_actions and "viewed_cohort" in ben_actions
