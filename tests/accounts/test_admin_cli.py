"""`starcoach admin`: the operator's commands end to end through the CLI, on PostgreSQL; SQLite is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.accounts.conftest import PASSWORD
from tests.storage.conftest import _postgres_url
from typer.testing import CliRunner, Result

from starcoach.accounts import Accounts
from starcoach.cli.main import app
from starcoach.storage.db import Database, open_database

runner = CliRunner()


def _run(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, ["admin", *args], input=input)


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """Point the CLI at an empty PostgreSQL database (skipped without one, failed on CI)."""
    for url in _postgres_url():
        database = open_database(url)
        monkeypatch.setenv("STARCOACH_DATABASE_URL", url)
        monkeypatch.delenv("STARCOACH_PUBLIC_URL", raising=False)
        try:
            yield database
        finally:
            database.close()


def test_admin_commands_refuse_the_local_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'local.db'}")
    for args in (["users"], ["invite"], ["create", "--login", "a@b.c", "--name", "A"]):
        refused = _run(*args, input=f"{PASSWORD}\n{PASSWORD}\n")
        assert refused.exit_code == 2, args
        assert "needs PostgreSQL" in refused.stderr
    assert not (tmp_path / "local.db").exists()


def test_admin_commands_from_first_admin_to_deletion(cli_db: Database) -> None:
    accounts = Accounts(cli_db)
    empty = _run("users")
    assert empty.exit_code == 0 and "no accounts yet" in empty.stdout

    created = _run(
        "create", "--login", "root@example.org", "--name", "Root", input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert created.exit_code == 0, created.output
    assert PASSWORD not in created.stdout
    again = _run(
        "create", "--login", "two@example.org", "--name", "Two", input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert again.exit_code == 2 and "already has an admin" in again.stderr

    invited = _run("invite", "--role", "coach", "--base-url", "https://coach.example.org/")
    assert invited.exit_code == 0
    link = invited.stdout.strip()
    assert link.startswith("https://coach.example.org/signup/")
    token = link.rsplit("/", 1)[1]
    assert accounts.invitation_role(token) == "coach"
    accounts.accept_invitation(token, "cy@example.org", "Cy", PASSWORD)
    assert _run("invite", "--role", "owner").exit_code == 2

    listed = json.loads(_run("users", "--json").stdout)["accounts"]
    assert [(a["login"], a["role"]) for a in listed] == [
        ("cy@example.org", "coach"),
        ("root@example.org", "admin"),
    ]

    _, session_token = accounts.sign_in("cy@example.org", PASSWORD)
    signed_out = _run("sign-out", "cy@example.org")
    assert signed_out.exit_code == 0 and "ended 1 session of" in signed_out.stdout
    assert accounts.session_account(session_token) is None

    reset = _run("reset-link", "cy@example.org")
    assert reset.exit_code == 0
    assert reset.stdout.startswith("http://127.0.0.1:8000/reset/")
    accounts.reset_password(reset.stdout.strip().rsplit("/", 1)[1], "a fresh password")
    accounts.sign_in("cy@example.org", "a fresh password")

    exported = _run("export", "cy@example.org")
    assert exported.exit_code == 0
    document = json.loads(exported.stdout)
    assert document["account"]["login"] == "cy@example.org"
    assert {"invite_used", "sign_in", "password_reset"} <= {e["action"] for e in document["audit"]}

    assert _run("delete", "cy@example.org", input="n\n").exit_code == 1
    assert accounts.find("cy@example.org") is not None
    deleted = _run("delete", "cy@example.org", "--yes")
    assert deleted.exit_code == 0
    assert accounts.find("cy@example.org") is None
    missing = _run("export", "cy@example.org")
    assert missing.exit_code == 2 and "no account" in missing.stderr

    actions = [json.loads(line)["action"] for line in _run("audit").stdout.splitlines()]
    assert actions[0] == "account_deleted"
    assert "admin_created" in actions


def test_admin_invite_into_a_cohort(cli_db: Database) -> None:
    from starcoach.accounts.cohorts import Cohorts
    from starcoach.accounts.tokens import password_hasher

    accounts = Accounts(cli_db, hasher=password_hasher(cheap=True))
    coach = accounts.accept_invitation(
        accounts.invite("coach", created_by=None), "cy@example.org", "Cy", PASSWORD
    )
    cohort = Cohorts(accounts).create(coach, "Spring")
    invited = _run("invite", "--cohort", str(cohort.id), "--base-url", "https://c.example.org")
    assert invited.exit_code == 0, invited.output
    token = invited.stdout.strip().rsplit("/", 1)[1]
    new = accounts.accept_invitation(token, "dee@example.org", "Dee", PASSWORD)
    assert [c.name for c in Cohorts(accounts).joined(new)] == ["Spring"]
    refused = _run("invite", "--cohort", str(cohort.id + 9))
    assert refused.exit_code == 2 and "no cohort" in refused.stderr


def test_admin_audit_for_one_login(cli_db: Database) -> None:
    from starcoach.accounts.cohorts import Cohorts
    from starcoach.accounts.tokens import password_hasher

    accounts = Accounts(cli_db, hasher=password_hasher(cheap=True))
    coach = accounts.accept_invitation(
        accounts.invite("coach", created_by=None), "cy@example.org", "Cy", PASSWORD
    )
    cohorts = Cohorts(accounts)
    cohort = cohorts.create(coach, "Spring")
    dee = accounts.accept_invitation(
        accounts.invite("candidate", created_by=None, cohort_id=cohort.id),
        "dee@example.org",
        "Dee",
        PASSWORD,
    )
    member = cohorts.coached(coach, cohort.id, dee.id)
    cohorts.viewed(coach, [member], "viewed_progress", "progress, in cohort 1")
    shown = _run("audit", "--login", "dee@example.org")
    assert shown.exit_code == 0, shown.output
    entries = [json.loads(line) for line in shown.stdout.splitlines()]
    assert entries[0]["action"] == "viewed_progress" and entries[0]["actor_id"] == coach.id
    assert all(dee.id in (e["actor_id"], e["subject_id"]) for e in entries)
    assert _run("audit", "--login", "nobody@example.org").exit_code == 2


def test_admin_cohort_and_panel_commands(cli_db: Database) -> None:
    from starcoach.accounts.tokens import password_hasher
    from starcoach.kit.model import build_kit
    from starcoach.kit.service import KitService

    accounts = Accounts(cli_db, hasher=password_hasher(cheap=True))
    for login, role in (
        ("cy@example.org", "coach"),
        ("dee@example.org", "candidate"),
        ("ivo@example.org", "interviewer"),
    ):
        accounts.accept_invitation(
            accounts.invite(role, created_by=None), login, login.split("@")[0].title(), PASSWORD
        )
    assert "no cohorts yet" in _run("cohort", "list").stderr
    made = _run("cohort", "create", "Spring", "--coach", "cy@example.org")
    assert made.exit_code == 0, made.output
    cohort = made.stdout.strip()
    assert _run("cohort", "add", cohort, "dee@example.org").exit_code == 0
    refused = _run("cohort", "add", cohort, "ivo@example.org")
    assert refused.exit_code == 2 and "only coaches and candidates" in refused.stderr
    listed = json.loads(_run("cohort", "list", "--json").stdout)["cohorts"]
    assert listed == [
        {
            "id": int(cohort),
            "name": "Spring",
            "coaches": [{"login": "cy@example.org", "name": "Cy"}],
            "candidates": [{"login": "dee@example.org", "name": "Dee"}],
        }
    ]
    assert _run("cohort", "remove", cohort, "dee@example.org").exit_code == 0
    assert json.loads(_run("cohort", "list", "--json").stdout)["cohorts"][0]["candidates"] == []
    assert _run("cohort", "remove", cohort, "nobody@example.org").exit_code == 2

    assert _run("panel", "create", "Platform", "--kit", "software-engineer").exit_code == 2
    KitService(cli_db).save_kit(build_kit("swe"))
    panel = _run("panel", "create", "Platform", "--kit", "software-engineer").stdout.strip()
    assert _run("panel", "add", panel, "ivo@example.org").exit_code == 0
    assert _run("panel", "add", panel, "dee@example.org").exit_code == 2
    shown = _run("panel", "list").stdout
    assert "Platform" in shown and "ivo@example.org" in shown
    assert _run("panel", "remove", panel, "ivo@example.org").exit_code == 0
    assert "nobody seated" in _run("panel", "list").stdout
    actions = [e["action"] for e in accounts.audit_entries(limit=50)]
    assert {"cohort_created", "panel_created", "panel_member_removed"} <= set(actions)
    # The operator has no account: the entries name no actor.
    assert all(
        e["actor_id"] is None
        for e in accounts.audit_entries(limit=50)
        if e["action"] == "panel_created"
    )
