"""The access matrix of a team server (PostgreSQL): every route of every route module, every method,
walked as a candidate, a coach, an interviewer, an admin and a stranger (signed in, related to
nobody), against data that other accounts own.

Each owner's data carries a unique marker string: a story kept private, a story shared with the
cohort's coaches, a practice answer, an interviewer's notes and scorecard reason, a kit candidate's
name. Every answer is checked twice: its status is the one `EXPECTED` gives that role (never a 200
where a 403 or 404 belongs), and its body holds no marker that role may not see on that route.

`EXPECTED` must name every route: a new route fails `test_every_route_has_expected_answers` until it
is given its answers here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from tests.accounts.conftest import Clock
from tests.kit.conftest import STRONG_NOTES
from tests.web.conftest import make_account
from tests.web.test_team_routes import _app, _csrf, _routes, _sign_in

from starcoach.accounts import Account, Accounts
from starcoach.accounts.cohorts import Cohorts

ROLES = ("candidate", "coach", "interviewer", "admin", "stranger")
LOGINS = {
    "candidate": "cal@example.org",  # a candidate in the same cohort as the owner
    "coach": "cora@example.org",  # runs that cohort
    "interviewer": "ivy@example.org",  # sits on the panel; her own scorecard is not in yet
    "admin": "ada@example.org",
    "stranger": "zed@example.org",  # a coach of no cohort, on no panel
}
KIT = "software-engineer"
DIMS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")

OWN = "own"
"""The viewer's own data, or what any signed-in account may use (the checker, the guide, its own
lists): any answer but 401 or a server error, and no one else's marker."""


def _only(
    default: tuple[int, ...] = (404,), **roles: int | tuple[int, ...]
) -> dict[str, tuple[int, ...]]:
    """Return the expected statuses per role: `default` for the roles not named."""
    out = {role: default for role in ROLES}
    for role, status in roles.items():
        out[role] = status if isinstance(status, tuple) else (status,)
    return out


HIDDEN = _only()
"""Someone else's story, session or interview: 404 for every role, as if it did not exist."""
PANEL_SEES = _only(interviewer=200, admin=200)
PANEL_FILE = _only(interviewer=200, admin=200)

EXPECTED: dict[tuple[str, str], str | dict[str, tuple[int, ...]]] = {
    # accounts
    ("GET", "/signin"): OWN,
    ("POST", "/signin"): _only((401,)),  # an empty login and password: the wrong-login answer
    ("POST", "/signout"): OWN,
    ("POST", "/account/signout-everywhere"): OWN,
    ("GET", "/account"): OWN,
    ("GET", "/account.json"): OWN,
    ("POST", "/account/password"): OWN,
    ("GET", "/signup/{token}"): HIDDEN,
    ("POST", "/signup/{token}"): HIDDEN,
    ("GET", "/reset/{token}"): HIDDEN,
    ("POST", "/reset/{token}"): HIDDEN,
    # the checker and the guide: no one's data
    ("POST", "/api/check"): OWN,
    ("POST", "/api/check/fragment"): OWN,
    ("GET", "/"): OWN,
    ("GET", "/check"): OWN,
    ("GET", "/check.json"): OWN,
    ("POST", "/check"): OWN,
    ("POST", "/check/results"): OWN,
    ("GET", "/guide"): OWN,
    ("GET", "/guide.json"): OWN,
    ("GET", "/guide/{question_id}.json"): OWN,
    ("GET", "/guide/{question_id}"): OWN,
    ("POST", "/speech/check"): OWN,
    # cohorts and sharing
    ("GET", "/cohorts.json"): OWN,
    ("GET", "/cohorts"): OWN,
    ("POST", "/cohorts"): _only((403,), coach=422, admin=422, stranger=422),
    ("GET", "/cohorts/{cohort_id}.json"): _only(coach=200, admin=200),
    ("GET", "/cohorts/{cohort_id}"): _only(coach=200, admin=200),
    ("POST", "/cohorts/{cohort_id}/members"): _only(coach=422, admin=422),
    ("POST", "/cohorts/{cohort_id}/members/{account_id}/remove"): _only(coach=303, admin=303),
    ("POST", "/cohorts/{cohort_id}/invitations"): _only(coach=303, admin=303),
    ("GET", "/cohorts/{cohort_id}/members/{account_id}.json"): _only(coach=200),
    ("GET", "/cohorts/{cohort_id}/members/{account_id}"): _only(coach=200),
    ("GET", "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}.json"): _only(coach=200),
    ("GET", "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}"): _only(coach=200),
    ("GET", "/sharing.json"): OWN,
    ("GET", "/sharing"): OWN,
    ("POST", "/sharing/stories/{story_id}"): HIDDEN,
    # kits, interviews, scorecards, calibration
    ("GET", "/kits"): OWN,
    ("POST", "/kits"): _only((403,), admin=422),
    ("GET", "/kits/{kit_id}"): PANEL_SEES,
    ("GET", "/kits/{kit_id}/print"): PANEL_FILE,
    ("GET", "/kits/{kit_id}/pdf"): PANEL_FILE,
    ("GET", "/kits/{kit_id}/file"): PANEL_FILE,
    ("POST", "/kit-files"): _only((403,), admin=422),
    ("POST", "/kits/{kit_id}/candidates"): _only(interviewer=422, admin=422),
    ("GET", "/candidates/{candidate_id}"): PANEL_SEES,
    # Ivy has her interview already; an admin who does not sit on the panel interviews nobody.
    ("POST", "/candidates/{candidate_id}/interviews"): _only(interviewer=422),
    ("GET", "/interviews/{interview_id}"): HIDDEN,
    ("POST", "/api/interviews/{interview_id}/notes"): HIDDEN,
    ("POST", "/interviews/{interview_id}/import"): HIDDEN,
    ("GET", "/interviews/{interview_id}/scorecard"): HIDDEN,
    ("POST", "/interviews/{interview_id}/scorecard"): HIDDEN,
    # Ivy has not submitted, and the panel is not done: the scores stay hidden (403) from both.
    ("GET", "/candidates/{candidate_id}/debrief"): _only(interviewer=403, admin=403),
    ("GET", "/candidates/{candidate_id}/scorecards.json"): _only(interviewer=403, admin=403),
    ("GET", "/candidates/{candidate_id}/scorecards.csv"): _only(interviewer=403, admin=403),
    ("GET", "/calibration"): _only((403,), interviewer=200, admin=200),
    ("POST", "/calibration"): _only((403,), interviewer=422, admin=422),
    # panels
    ("GET", "/panels.json"): OWN,
    ("GET", "/panels"): OWN,
    ("POST", "/panels"): _only((403,), admin=422),
    ("GET", "/panels/{panel_id}.json"): PANEL_SEES,
    ("GET", "/panels/{panel_id}"): PANEL_SEES,
    ("POST", "/panels/{panel_id}/members"): _only(interviewer=403, admin=422),
    ("POST", "/panels/{panel_id}/members/{account_id}/remove"): _only(interviewer=403),
    ("GET", "/panels/{panel_id}/debrief.json"): PANEL_SEES,
    ("GET", "/panels/{panel_id}/debrief"): PANEL_SEES,
    # practice and progress: the owner's session answers 404 to everyone else
    ("GET", "/practice.json"): OWN,
    ("GET", "/practice"): OWN,
    ("POST", "/practice"): OWN,
    ("GET", "/practice/{session_id}.json"): HIDDEN,
    ("GET", "/practice/{session_id}"): HIDDEN,
    ("POST", "/practice/{session_id}/answer"): HIDDEN,
    ("POST", "/practice/{session_id}/skip"): HIDDEN,
    ("POST", "/practice/{session_id}/end"): HIDDEN,
    ("GET", "/practice/{session_id}/report.json"): HIDDEN,
    ("GET", "/practice/{session_id}/report"): HIDDEN,
    ("GET", "/practice/{session_id}/report/download"): HIDDEN,
    ("POST", "/practice/{session_id}/retry"): HIDDEN,
    ("POST", "/api/practice"): OWN,
    ("POST", "/api/practice/{session_id}/answer"): HIDDEN,
    ("GET", "/progress.json"): OWN,
    ("GET", "/progress"): OWN,
    ("GET", "/progress/chart.svg"): OWN,
    # stories: the owner's stories answer 404 to everyone else
    ("GET", "/stories"): OWN,
    ("GET", "/stories.json"): OWN,
    ("GET", "/stories/coverage"): OWN,
    ("GET", "/stories/coverage.json"): OWN,
    ("GET", "/stories/export"): OWN,
    ("GET", "/stories/import"): OWN,
    ("POST", "/stories/import"): OWN,
    ("GET", "/stories/new"): OWN,
    ("POST", "/stories"): OWN,
    ("GET", "/stories/{story_id}.json"): HIDDEN,
    ("GET", "/stories/{story_id}"): HIDDEN,
    ("GET", "/stories/{story_id}/edit"): HIDDEN,
    ("POST", "/stories/{story_id}/edit"): HIDDEN,
    # Deleting answers the same whether the story exists or not (a second click on Delete), so it
    # tells nothing; the owner's stories are checked unchanged at the end.
    ("POST", "/stories/{story_id}/delete"): _only((303,)),
    ("POST", "/stories/{story_id}/anchor"): HIDDEN,
    ("GET", "/stories/{story_id}/export"): HIDDEN,
    ("GET", "/stories/{story_id}/drafts/{question_id}.json"): HIDDEN,
    ("GET", "/stories/{story_id}/drafts/{question_id}"): HIDDEN,
    ("POST", "/api/stories"): OWN,
    ("PUT", "/api/stories/{story_id}"): HIDDEN,
    ("DELETE", "/api/stories/{story_id}"): HIDDEN,
}

# What a role may see of the others' markers, and where.
SHARED_VIEW = {
    "/cohorts/{cohort_id}/members/{account_id}",
    "/cohorts/{cohort_id}/members/{account_id}.json",
    "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}",
    "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}.json",
}
# JSON bodies that routes need to get past validation to the access check.
BODIES = {
    "/api/interviews/{interview_id}/notes": {"notes": {"proud": "taken over"}},
    "/api/practice/{session_id}/answer": {"answer": "taken over"},
    "/api/stories/{story_id}": {"title": "Taken over"},
    "/api/stories": {"title": "The viewer's own story"},
    "/api/practice": {"question": "proud"},
}
# Routes that take someone out (walked next to last, then undone) or end the viewer's session
# (walked last).
REMOVING = ("/remove",)
SIGNING_OUT = ("/signout", "/signout-everywhere")


@dataclass
class World:
    """Everything the owners made, and the markers it carries."""

    markers: dict[str, str]
    params: dict[str, str]
    private_story: str
    shared_story: str
    owner: Account
    cohort_id: int


def _mark(name: str) -> str:
    return f"MK{name}{uuid.uuid4().hex[:10]}"


def _client(url: str, clock: Clock, login: str) -> TestClient:
    client = _app(url, clock)
    client.__enter__()
    assert _sign_in(client, login).status_code == 303  # type: ignore[attr-defined]
    return client


def _form(client: TestClient, path: str, **fields: str) -> object:
    return client.post(
        path,
        data={**fields, "csrf_token": _csrf(client, "/account")},
        headers={"accept": "application/json"},
    )


@pytest.fixture
def world(team_url: str, clock: Clock, accounts: Accounts) -> Iterator[World]:
    people: dict[str, Account] = {}
    for role, login in LOGINS.items():
        kind = {"stranger": "coach", "candidate": "candidate"}.get(role, role)
        people[role] = make_account(accounts, login, kind)
    owner = make_account(accounts, "olga@example.org", "candidate")
    ivan = make_account(accounts, "ivan@example.org", "interviewer")
    markers = {
        name: _mark(name) for name in ("private", "shared", "answer", "note", "reason", "cand")
    }
    cohorts = Cohorts(accounts)
    cohort = cohorts.create(people["coach"], "Spring")
    for login in ("olga@example.org", "cal@example.org"):
        cohorts.add(people["coach"], cohort.id, login)

    olga = _client(team_url, clock, "olga@example.org")
    made = {}
    for name in ("private", "shared"):
        created = olga.post(
            "/api/stories",
            json={"title": f"Story {markers[name]}", "situation": f"It began {markers[name]}."},
        )
        assert created.status_code == 201, created.text
        made[name] = created.json()["id"]
    session = olga.post("/api/practice", json={"question": "proud"}).json()["id"]
    answer = f"I led the rewrite, {markers['answer']}, and I measured it: errors fell by 30%."
    assert olga.post(f"/api/practice/{session}/answer", json={"answer": answer}).status_code == 200
    assert _form(olga, f"/sharing/stories/{made['shared']}", shared="1").status_code == 200  # type: ignore[attr-defined]

    admin = _client(team_url, clock, LOGINS["admin"])
    assert _form(admin, "/kits", role="swe").status_code == 200  # type: ignore[attr-defined]
    panel = _form(admin, "/panels", name="Platform", kit=KIT).json()["id"]  # type: ignore[attr-defined]
    for login in ("ivy@example.org", "ivan@example.org"):
        assert _form(admin, f"/panels/{panel}/members", login=login).status_code == 200  # type: ignore[attr-defined]
    candidate = _form(admin, f"/kits/{KIT}/candidates", name=f"Grace {markers['cand']}")
    candidate_id = candidate.json()["id"]  # type: ignore[attr-defined]

    interviewer = _client(team_url, clock, "ivan@example.org")
    interview = _form(interviewer, f"/candidates/{candidate_id}/interviews").json()["id"]  # type: ignore[attr-defined]
    notes = {"proud": f"{STRONG_NOTES} {markers['note']}"}
    assert (
        interviewer.post(f"/api/interviews/{interview}/notes", json={"notes": notes}).status_code
        == 200
    )
    fields = {"recommendation": "yes", "reason": f"Owned it {markers['reason']}."}
    fields.update({f"score_{d}": "4" for d in DIMS})
    fields.update({f"own_quote_{d}": "I traced the failures in the logs" for d in DIMS})
    assert _form(interviewer, f"/interviews/{interview}/scorecard", **fields).status_code == 200  # type: ignore[attr-defined]
    ivy = _client(team_url, clock, "ivy@example.org")
    assert _form(ivy, f"/candidates/{candidate_id}/interviews").status_code == 200  # type: ignore[attr-defined]
    for client in (olga, admin, interviewer, ivy):
        client.__exit__(None, None, None)
    del ivan
    yield World(
        markers=markers,
        params={
            "token": "not-a-token",
            "question_id": "proud",
            "cohort_id": str(cohort.id),
            "account_id": str(owner.id),
            "kit_id": KIT,
            "candidate_id": candidate_id,
            "interview_id": interview,
            "panel_id": str(panel),
            "session_id": session,
        },
        private_story=made["private"],
        shared_story=made["shared"],
        owner=owner,
        cohort_id=cohort.id,
    )


def _allowed(role: str, path: str, variant: str) -> set[str]:
    """Return the markers `role` may see in the answer of `path`."""
    allowed = set()
    if role in ("interviewer", "admin"):
        allowed.add("cand")  # the kit's candidates are their panel's (every kit's, for an admin)
    if role == "coach" and path in SHARED_VIEW and variant != "private":
        allowed.add("shared")
    return allowed


def _request(client: TestClient, method: str, template: str, path: str, csrf: str) -> object:
    if method == "GET":
        return client.get(path)
    if template.startswith("/api/"):
        return client.request(method, path, json=BODIES.get(template, {}))
    return client.request(method, path, data={"csrf_token": csrf})


def _fill(template: str, params: dict[str, str]) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: params[m.group(1)], template)


def _walk(world: World, client: TestClient, role: str) -> list[str]:
    """Walk every route as `role`; return every problem found."""
    problems = []
    csrf = _csrf(client, "/account")
    routes = sorted(
        ((method, route.path) for route in _routes() for method in route.methods),
        key=lambda item: (
            item[1].endswith(SIGNING_OUT),
            item[1].endswith(REMOVING),
            item[1],
            item[0],
        ),
    )
    for method, template in routes:
        expected = EXPECTED[(method, template)]
        variants = ("shared", "private") if "{story_id}" in template else ("",)
        for variant in variants:
            params = dict(world.params)
            if variant:
                params["story_id"] = getattr(world, f"{variant}_story")
            path = _fill(template, params)
            answer = _request(client, method, template, path, csrf)
            status = answer.status_code  # type: ignore[attr-defined]
            where = f"{role} {method} {path} ({template})"
            if expected == OWN:
                if status == 401 or status >= 500:
                    problems.append(f"{where}: {status}")
            else:
                wanted = expected[role]  # type: ignore[index]
                if variant == "private" and wanted != (303,):
                    wanted = (404,)
                if status not in wanted:
                    problems.append(f"{where}: {status}, expected {wanted}")
            body = answer.text  # type: ignore[attr-defined]
            body += " ".join(answer.headers.values())  # type: ignore[attr-defined]
            for name, marker in world.markers.items():
                if marker in body and name not in _allowed(role, template, variant):
                    problems.append(f"{where}: shows the {name} marker")
    return problems


def test_every_route_has_expected_answers() -> None:
    walked = {(method, route.path) for route in _routes() for method in route.methods}
    assert walked - set(EXPECTED) == set(), "give each new route its expected answers here"
    assert set(EXPECTED) - walked == set(), "a route listed here no longer exists"


def test_the_access_matrix(world: World, team_url: str, clock: Clock, accounts: Accounts) -> None:
    problems = []
    for role in ROLES:
        client = _client(team_url, clock, LOGINS[role])
        try:
            problems += _walk(world, client, role)
        finally:
            client.__exit__(None, None, None)
        # Undo what the allowed removals did, so every role meets the same data.
        cohorts = Cohorts(accounts)
        admin = accounts.find(LOGINS["admin"])
        assert admin is not None
        cohort = cohorts.get(admin, world.cohort_id)
        if cohort.candidate(world.owner.id) is None:
            cohorts.add(admin, world.cohort_id, world.owner.login)
    assert problems == [], "\n".join(problems)
    # The owners' data is as they left it: nothing was changed through someone else's account.
    from starcoach.storage.stories import StoryStore

    stories = StoryStore(accounts.db, world.owner.user_id)
    titles = sorted(s.title for s in stories.all())
    assert titles == sorted(f"Story {world.markers[name]}" for name in ("private", "shared"))
    from starcoach.kit.service import KitService

    interview = KitService(accounts.db).interview(world.params["interview_id"])
    assert world.markers["note"] in interview.notes["proud"]
