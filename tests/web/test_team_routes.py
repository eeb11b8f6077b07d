"""Team mode on PostgreSQL: sign-up by invitation, sign-in, sign-out, lockout, expiry, reset links,
and every route refusing a request that has no signed-in session. Local mode stays without login."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from tests.accounts.conftest import PASSWORD, Clock
from typer.testing import CliRunner

from starcoach.accounts import AccountError, Accounts
from starcoach.accounts.model import TOO_MANY, WRONG_LOGIN
from starcoach.accounts.tokens import password_hasher
from starcoach.web.app import create_app
from starcoach.web.team import ACCOUNT_COOKIE, TeamConfig, is_public, safe_next

_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


def _app(url: str, clock: Clock, *, secure: bool = False) -> TestClient:
    config = TeamConfig(secure_cookies=secure, hasher=password_hasher(cheap=True), clock=clock)
    # Behind TLS the browser speaks HTTPS, and sends Secure cookies back only then.
    base = "https://testserver" if secure else "http://testserver"
    return TestClient(create_app(url, team=config), base_url=base, follow_redirects=False)


@pytest.fixture
def client(team_url: str, clock: Clock, accounts: Accounts) -> Iterator[TestClient]:
    with _app(team_url, clock) as test_client:
        yield test_client


def _csrf(client: TestClient, path: str = "/signin") -> str:
    match = _TOKEN.search(client.get(path).text)
    assert match is not None
    return match.group(1)


def _sign_in(client: TestClient, login: str, password: str = PASSWORD, next_: str = "/") -> object:
    return client.post(
        "/signin",
        data={"login": login, "password": password, "next": next_, "csrf_token": _csrf(client)},
    )


def _member(accounts: Accounts, login: str = "bo@example.org") -> None:
    token = accounts.invite("candidate", created_by=None)
    accounts.accept_invitation(token, login, "Bo", PASSWORD)


def test_invite_sign_up_sign_in_sign_out(client: TestClient, accounts: Accounts) -> None:
    token = accounts.invite("coach", created_by=None)
    form = client.get(f"/signup/{token}")
    assert form.status_code == 200 and "coach" in form.text
    csrf = _TOKEN.search(form.text).group(1)  # type: ignore[union-attr]
    fields = {"login": "Cy@Example.org", "name": "Cy", "password": PASSWORD, "csrf_token": csrf}
    differ = client.post(f"/signup/{token}", data={**fields, "confirm_password": "something else"})
    assert differ.status_code == 422 and "differ" in differ.text
    done = client.post(f"/signup/{token}", data={**fields, "confirm_password": PASSWORD})
    assert done.status_code == 303 and done.headers["location"] == "/"
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith(ACCOUNT_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/stories").status_code == 200
    me = client.get("/account.json").json()
    assert me["account"] == {"login": "cy@example.org", "name": "Cy", "role": "coach"}
    assert "Sign out" in client.get("/stories").text
    # The invitation is used up.
    assert client.get(f"/signup/{token}").status_code == 404

    out = client.post("/signout", data={"csrf_token": _csrf(client, "/account")})
    assert out.status_code == 303 and out.headers["location"].startswith("/signin")
    gone = client.get("/stories")
    assert gone.status_code == 303
    assert gone.headers["location"] == "/signin?next=%2Fstories"

    back = _sign_in(client, "cy@example.org", next_="/stories")
    assert back.status_code == 303 and back.headers["location"] == "/stories"
    assert client.get("/stories.json").status_code == 200


def test_wrong_password_and_unknown_login_read_the_same(
    client: TestClient, accounts: Accounts
) -> None:
    _member(accounts)
    wrong = _sign_in(client, "bo@example.org", "not the password")
    unknown = _sign_in(client, "nobody@example.org", "not the password")
    for answer in (wrong, unknown):
        assert answer.status_code == 401  # type: ignore[attr-defined]
        assert WRONG_LOGIN in answer.text  # type: ignore[attr-defined]
        assert ACCOUNT_COOKIE not in answer.headers.get("set-cookie", "")  # type: ignore[attr-defined]


def test_a_failed_sign_in_keeps_the_page_asked_for(client: TestClient, accounts: Accounts) -> None:
    _member(accounts)
    wrong = _sign_in(client, "bo@example.org", "not the password", next_="/stories")
    assert '<input type="hidden" name="next" value="/stories">' in wrong.text  # type: ignore[attr-defined]
    right = _sign_in(client, "bo@example.org", next_="/stories")
    assert right.status_code == 303  # type: ignore[attr-defined]
    assert right.headers["location"] == "/stories"  # type: ignore[attr-defined]


def test_lockout_after_five_failures(client: TestClient, accounts: Accounts, clock: Clock) -> None:
    _member(accounts)
    for _ in range(5):
        assert _sign_in(client, "bo@example.org", "not the password").status_code == 401  # type: ignore[attr-defined]
    locked = _sign_in(client, "bo@example.org")
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert TOO_MANY.format(minutes=15) in locked.text  # type: ignore[attr-defined]
    clock.advance(minutes=16)
    assert _sign_in(client, "bo@example.org").status_code == 303  # type: ignore[attr-defined]


def test_session_expires_when_idle(client: TestClient, accounts: Accounts, clock: Clock) -> None:
    _member(accounts)
    _sign_in(client, "bo@example.org")
    assert client.get("/stories.json").status_code == 200
    clock.advance(hours=2, minutes=1)
    expired = client.get("/stories.json")
    assert expired.status_code == 401
    assert expired.json()["detail"].startswith("Sign in first")


def test_sign_out_everywhere_ends_other_browsers(
    client: TestClient, accounts: Accounts, team_url: str, clock: Clock
) -> None:
    _member(accounts)
    with _app(team_url, clock) as other:
        _sign_in(client, "bo@example.org")
        _sign_in(other, "bo@example.org")
        assert other.get("/stories.json").status_code == 200
        ended = client.post(
            "/account/signout-everywhere", data={"csrf_token": _csrf(client, "/account")}
        )
        assert ended.status_code == 303
        assert other.get("/stories.json").status_code == 401
        assert client.get("/stories.json").status_code == 401


def test_password_change_on_the_account_page(client: TestClient, accounts: Accounts) -> None:
    _member(accounts)
    _sign_in(client, "bo@example.org")
    csrf = _csrf(client, "/account")
    wrong = client.post(
        "/account/password",
        data={
            "current_password": "not it at all",
            "new_password": "a new long secret",
            "confirm_password": "a new long secret",
            "csrf_token": csrf,
        },
    )
    assert wrong.status_code == 422 and "current password" in wrong.text
    changed = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "a new long secret",
            "confirm_password": "a new long secret",
            "csrf_token": csrf,
        },
    )
    assert changed.status_code == 303
    assert client.get("/stories.json").status_code == 200
    client.cookies.clear()
    assert _sign_in(client, "bo@example.org").status_code == 401  # type: ignore[attr-defined]
    assert _sign_in(client, "bo@example.org", "a new long secret").status_code == 303  # type: ignore[attr-defined]


def test_reset_link_works_once(client: TestClient, accounts: Accounts) -> None:
    _member(accounts)
    token = accounts.reset_link("bo@example.org", actor=None)
    page = client.get(f"/reset/{token}")
    assert page.status_code == 200
    csrf = _TOKEN.search(page.text).group(1)  # type: ignore[union-attr]
    fields = {"password": "reset password ok", "confirm_password": "reset password ok"}
    done = client.post(f"/reset/{token}", data={**fields, "csrf_token": csrf})
    assert done.status_code == 303 and done.headers["location"] == "/signin?done=reset"
    assert client.get(f"/reset/{token}").status_code == 404
    again = client.post(f"/reset/{token}", data={**fields, "csrf_token": csrf})
    assert again.status_code == 404
    assert _sign_in(client, "bo@example.org", "reset password ok").status_code == 303  # type: ignore[attr-defined]


def test_forms_without_the_csrf_token_are_refused(client: TestClient, accounts: Accounts) -> None:
    _member(accounts)
    client.get("/signin")
    refused = client.post("/signin", data={"login": "bo@example.org", "password": PASSWORD})
    assert refused.status_code == 403
    assert ACCOUNT_COOKIE not in refused.headers.get("set-cookie", "")


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x", path)


def _routes() -> list[APIRoute]:
    """Return every route of every route module (the modules in starcoach.web.routes)."""
    import importlib
    import pkgutil

    import starcoach.web.routes as package

    found: list[APIRoute] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if router is not None:
            found += [r for r in router.routes if isinstance(r, APIRoute)]
    return found


def test_every_route_needs_a_session(client: TestClient) -> None:
    walked = 0
    for route in _routes():
        path = _concrete(route.path)
        if is_public(path):
            continue
        for method in sorted(route.methods):
            walked += 1
            answer = client.request(method, path)
            as_json = path.startswith("/api/") or path.endswith(".json")
            if as_json:
                assert answer.status_code == 401, (method, path)
                assert answer.json()["detail"].startswith("Sign in first")
            else:
                assert answer.status_code == 303, (method, path)
                assert answer.headers["location"].startswith("/signin?next=")
                asked = client.request(method, path, headers={"accept": "application/json"})
                assert asked.status_code == 401, (method, path)
            assert "story" not in answer.text.lower()
    assert walked > 40
    # The app's own routes, outside the route modules: the schema needs a session too.
    assert client.get("/api/openapi.json").status_code == 401
    assert client.get("/favicon.ico").status_code == 200
    # The sign-in page itself answers, and a foreign Host is still refused before anything else.
    assert client.get("/signin").status_code == 200
    assert client.get("/stories", headers={"host": "evil.example"}).status_code == 400


def test_secure_cookies_behind_tls(team_url: str, clock: Clock, accounts: Accounts) -> None:
    _member(accounts)
    with _app(team_url, clock, secure=True) as secure:
        page = secure.get("/signin")
        assert all("Secure" in c for c in page.headers.get_list("set-cookie"))
        csrf = _TOKEN.search(page.text).group(1)  # type: ignore[union-attr]
        done = secure.post(
            "/signin",
            data={"login": "bo@example.org", "password": PASSWORD, "csrf_token": csrf},
        )
        cookie = next(
            c for c in done.headers.get_list("set-cookie") if c.startswith(ACCOUNT_COOKIE)
        )
        assert "; Secure" in cookie and "HttpOnly" in cookie


def test_next_never_leaves_the_server() -> None:
    assert safe_next("/stories?x=1") == "/stories?x=1"
    for target in (
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "",
        None,
        "/signin",
    ):
        assert safe_next(target) == "/"


def test_team_mode_refuses_sqlite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AccountError, match="needs PostgreSQL"):
        create_app(f"sqlite:///{tmp_path / 'x.db'}", team=TeamConfig())
    from starcoach.cli.main import app

    runner = CliRunner()
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'team.db'}")
    refused = runner.invoke(app, ["serve", "--team"])
    assert refused.exit_code == 2
    assert "needs PostgreSQL" in refused.stderr and "one process" in refused.stderr
    assert not (tmp_path / "team.db").exists()
    monkeypatch.delenv("STARCOACH_DATABASE_URL")
    assert runner.invoke(app, ["serve", "--team"]).exit_code == 2
    assert runner.invoke(app, ["serve", "--behind-tls"]).exit_code == 2


def test_local_mode_needs_no_sign_in(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'local.db'}")) as local:
        for path in ("/check", "/stories", "/stories.json", "/practice", "/kits"):
            assert local.get(path).status_code == 200, path
        for path in ("/signin", "/account"):
            assert local.get(path).status_code == 404, path
        assert "Sign out" not in local.get("/stories").text
        assert ACCOUNT_COOKIE not in local.get("/stories").headers.get("set-cookie", "")


def test_each_account_sees_only_its_own_stories_and_practice(
    client: TestClient, accounts: Accounts, team_url: str, clock: Clock
) -> None:
    _member(accounts, "ann@example.org")
    _member(accounts, "ben@example.org")
    _sign_in(client, "ann@example.org")
    created = client.post("/api/stories", json={"title": "Ann's migration"})
    assert created.status_code == 201, created.text
    story_id = created.json()["id"]
    started = client.post("/api/practice", json={"question": "proud"})
    assert started.status_code == 201, started.text
    session_id = started.json()["id"]
    assert client.get(f"/stories/{story_id}").status_code == 200
    assert client.get(f"/practice/{session_id}.json").status_code == 200

    with _app(team_url, clock) as ben:
        _sign_in(ben, "ben@example.org")
        for path in (
            f"/stories/{story_id}",
            f"/stories/{story_id}.json",
            f"/stories/{story_id}/edit",
            f"/practice/{session_id}",
            f"/practice/{session_id}.json",
        ):
            assert ben.get(path).status_code == 404, path
        assert ben.put(f"/api/stories/{story_id}", json={"title": "Taken over"}).status_code == 404
        assert ben.delete(f"/api/stories/{story_id}").status_code == 404
        listed = ben.get("/stories.json").json()
        assert listed["count"] == 0
        assert "Ann" not in ben.get("/stories").text
        assert session_id not in ben.get("/practice").text
        # Ben's story of the same title gets its own record; Ann's is untouched.
        assert ben.post("/api/stories", json={"title": "Ann's migration"}).status_code == 201
    assert client.get(f"/stories/{story_id}.json").json()["story"]["title"] == "Ann's migration"
    assert client.get("/stories.json").json()["count"] == 1


def test_an_unreachable_database_is_a_503_not_a_crash() -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    with TestClient(create_app(url, team=TeamConfig()), follow_redirects=False) as client:
        as_json = client.get("/stories.json")
        assert as_json.status_code == 503
        assert "database" in as_json.json()["detail"]
        page = client.get("/stories", headers={"cookie": f"{ACCOUNT_COOKIE}=some-token"})
        assert page.status_code == 503 and "text/html" in page.headers["content-type"]
