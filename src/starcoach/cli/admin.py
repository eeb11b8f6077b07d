"""`starcoach admin`: manage the team server's accounts from the server's own shell.

Whoever can run these commands against the server's database is trusted as its operator: they act
without signing in, and the audit log records them as done from the command line (no account).
Each command opens the database named by STARCOACH_DATABASE_URL (or `--database-url`), the same one
`starcoach serve --team` uses.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from starcoach.cli.output import fail, note, write_file, write_stdout

if TYPE_CHECKING:
    from starcoach.accounts import Accounts

ENV_PUBLIC_URL = "STARCOACH_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"

admin_app = typer.Typer(
    name="admin",
    help="Manage the team server's accounts: the first admin, invitations, reset links, export "
    "and deletion; and its cohorts and hiring panels. Acts on STARCOACH_DATABASE_URL (the team "
    "server's PostgreSQL database).",
    no_args_is_help=True,
)

T = TypeVar("T")

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Database to use (default: STARCOACH_DATABASE_URL).",
        show_default=False,
    ),
]
Login = Annotated[str, typer.Argument(help="The account's login (see `starcoach admin users`).")]
BaseUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help=f"The address people open the server at, for the printed link (default: "
        f"{ENV_PUBLIC_URL}, else {DEFAULT_PUBLIC_URL}).",
        show_default=False,
    ),
]


def _accounts(database_url: str | None) -> Accounts:
    from starcoach.accounts import AccountError, Accounts
    from starcoach.accounts.model import require_postgresql
    from starcoach.storage.db import default_database_url, open_database
    from starcoach.storage.errors import StorageError

    url = database_url or default_database_url()
    try:
        # Accounts live where the team server runs; on the local SQLite file they would do nothing.
        require_postgresql(url)
        return Accounts(open_database(url))
    except (AccountError, StorageError) as exc:
        fail(str(exc))


def _guard(action: Callable[[], T]) -> T:
    """Run `action`, turning a refusal into one error line and exit code 2."""
    from starcoach.accounts import AccountError
    from starcoach.storage.errors import StorageError

    try:
        return action()
    except (AccountError, StorageError) as exc:
        fail(str(exc))


def _link(base_url: str | None, path: str) -> str:
    base = (base_url or os.environ.get(ENV_PUBLIC_URL, "") or DEFAULT_PUBLIC_URL).rstrip("/")
    return f"{base}{path}"


@admin_app.command("create")
def create(
    login: Annotated[str, typer.Option(help="The admin's login (an email address or a name).")],
    name: Annotated[str, typer.Option(help="The name shown on pages.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Create the first admin account; the password is asked for twice and never echoed."""
    accounts = _accounts(database_url)
    if accounts.has_admin():
        fail(
            "this server already has an admin; invite further admins with `starcoach admin invite --role admin`"
        )
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    account = _guard(lambda: accounts.create_admin(login, name, password))
    write_stdout(f"created the admin account {account.login}\n")


@admin_app.command("invite")
def invite(
    role: Annotated[
        str,
        typer.Option(help="The role the new account gets: candidate, coach, interviewer or admin."),
    ] = "candidate",
    cohort: Annotated[
        int | None,
        typer.Option(help="The id of a cohort the new account joins (a candidate or a coach)."),
    ] = None,
    base_url: BaseUrl = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Print a one-time sign-up link for one new account (valid for 7 days)."""
    accounts = _accounts(database_url)
    token = _guard(
        lambda: accounts.invite(role, created_by=None, address="command line", cohort_id=cohort)
    )
    write_stdout(_link(base_url, f"/signup/{token}") + "\n")
    note(f"the link signs up one {role} once; send it privately")


@admin_app.command("users")
def users(
    as_json: Annotated[bool, typer.Option("--json", help="Write the list as JSON.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """List every account: login, name, role, open sessions, last activity, lock."""
    accounts = _accounts(database_url)
    rows = _guard(accounts.summaries)
    items = [
        {
            "login": s.account.login,
            "name": s.account.name,
            "role": s.account.role,
            "created_at": s.created_at.isoformat(timespec="seconds"),
            "sessions": s.sessions,
            "last_seen_at": s.last_seen_at.isoformat(timespec="seconds")
            if s.last_seen_at
            else None,
            "locked": s.locked,
        }
        for s in rows
    ]
    if as_json:
        write_stdout(json.dumps({"accounts": items}, ensure_ascii=False, indent=2) + "\n")
        return
    if not items:
        write_stdout("no accounts yet; create the first admin with `starcoach admin create`\n")
        return
    lines = []
    for item in items:
        seen = item["last_seen_at"] or "never"
        lock = "  LOCKED" if item["locked"] else ""
        lines.append(
            f"{item['login']}  {item['name']}  {item['role']}  sessions: {item['sessions']}  "
            f"last seen: {seen}{lock}"
        )
    write_stdout("\n".join(lines) + "\n")


@admin_app.command("reset-link")
def reset_link(login: Login, base_url: BaseUrl = None, database_url: DatabaseUrl = None) -> None:
    """Print a one-time password reset link for an account (valid for 24 hours)."""
    accounts = _accounts(database_url)
    token = _guard(lambda: accounts.reset_link(login, actor=None))
    write_stdout(_link(base_url, f"/reset/{token}") + "\n")
    note("the link sets a new password once and signs the account out everywhere")


@admin_app.command("export")
def export(
    login: Login,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the JSON to this file (default: stdout)."),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write everything the server keeps about an account as JSON."""
    accounts = _accounts(database_url)
    document = _guard(lambda: accounts.export(login))
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        write_stdout(text)
        return
    write_file(output, text)
    note(f"wrote {output}")


@admin_app.command("delete")
def delete(
    login: Login,
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Delete an account and everything it owns, after asking."""
    accounts = _accounts(database_url)
    if accounts.find(login) is None:
        fail(f"there is no account with the login {login!r}")
    if not yes and not typer.confirm(f"Delete {login} and everything of theirs?", default=False):
        write_stdout("nothing deleted\n")
        raise typer.Exit(1)
    account = _guard(lambda: accounts.delete(login, actor=None))
    write_stdout(f"deleted {account.login}\n")


@admin_app.command("sign-out")
def sign_out(login: Login, database_url: DatabaseUrl = None) -> None:
    """Sign an account out on every browser at once."""
    accounts = _accounts(database_url)
    account = accounts.find(login)
    if account is None:
        fail(f"there is no account with the login {login!r}")
    count = _guard(
        lambda: accounts.sign_out_everywhere(account.id, actor=None, address="command line")
    )
    write_stdout(f"ended {count} session{'s' if count != 1 else ''} of {account.login}\n")


@admin_app.command("audit")
def audit(
    limit: Annotated[int, typer.Option(min=1, help="How many entries, newest first.")] = 50,
    login: Annotated[
        str | None,
        typer.Option(
            help="Only the entries about this account: what it did, and who viewed or changed "
            "its data."
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Show the newest audit log entries as JSON lines."""
    accounts = _accounts(database_url)
    account_id = None
    if login is not None:
        account = _guard(lambda: accounts.find(login))
        if account is None:
            fail(f"there is no account with the login {login!r}")
        account_id = account.id
    for entry in _guard(lambda: accounts.audit_entries(limit, account_id=account_id)):
        write_stdout(json.dumps(entry, ensure_ascii=False) + "\n")


# -- cohorts and hiring panels ---------------------------------------------------------------------

cohort_app = typer.Typer(
    name="cohort",
    help="Cohorts: a coach and the candidates they coach. The same as the Cohorts pages, as the "
    "server's operator.",
    no_args_is_help=True,
)
panel_app = typer.Typer(
    name="panel",
    help="Hiring panels: the interviewers who see one kit, its candidates and its debrief.",
    no_args_is_help=True,
)
admin_app.add_typer(cohort_app)
admin_app.add_typer(panel_app)

GroupId = Annotated[int, typer.Argument(help="The id (see the list command).")]
Member = Annotated[str, typer.Argument(help="The login of the account to add or remove.")]
AsJson = Annotated[bool, typer.Option("--json", help="Write the list as JSON.")]


def _people(people: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"login": p.login, "name": p.name} for p in people]


def _member_id(accounts: Accounts, login: str) -> int:
    account = _guard(lambda: accounts.find(login))
    if account is None:
        fail(f"there is no account with the login {login!r}")
    return account.id


@cohort_app.command("list")
def cohort_list(as_json: AsJson = False, database_url: DatabaseUrl = None) -> None:
    """List every cohort with its coaches and candidates."""
    from starcoach.accounts.cohorts import OPERATOR, Cohorts

    cohorts = _guard(lambda: Cohorts(_accounts(database_url)).visible(OPERATOR))
    items: list[dict[str, Any]] = [
        {
            "id": c.id,
            "name": c.name,
            "coaches": _people(c.coaches),
            "candidates": _people(c.candidates),
        }
        for c in cohorts
    ]
    if as_json:
        write_stdout(json.dumps({"cohorts": items}, ensure_ascii=False, indent=2) + "\n")
        return
    if not items:
        note("no cohorts yet: create one with `starcoach admin cohort create NAME`")
    for item in items:
        coaches = ", ".join(p["login"] for p in item["coaches"]) or "no coach"
        write_stdout(
            f"{item['id']}  {item['name']}  (coach: {coaches}; "
            f"{len(item['candidates'])} candidates)\n"
        )


@cohort_app.command("create")
def cohort_create(
    name: Annotated[str, typer.Argument(help="The cohort's name.")],
    coach: Annotated[
        str | None, typer.Option(help="The login of the coach who runs it (a coach account).")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Create a cohort and print its id."""
    from starcoach.accounts.cohorts import OPERATOR, Cohorts

    cohorts = Cohorts(_accounts(database_url))
    made = _guard(lambda: cohorts.create(OPERATOR, name, coach or ""))
    write_stdout(f"{made.id}\n")


@cohort_app.command("add")
def cohort_add(cohort: GroupId, login: Member, database_url: DatabaseUrl = None) -> None:
    """Add a candidate (as a candidate) or a coach (as a coach) to a cohort."""
    from starcoach.accounts.cohorts import OPERATOR, Cohorts

    cohorts = Cohorts(_accounts(database_url))
    member = _guard(lambda: cohorts.add(OPERATOR, cohort, login))
    note(f"{member.login} is in cohort {cohort} as a {member.role}")


@cohort_app.command("remove")
def cohort_remove(cohort: GroupId, login: Member, database_url: DatabaseUrl = None) -> None:
    """Take an account out of a cohort."""
    from starcoach.accounts.cohorts import OPERATOR, Cohorts

    accounts = _accounts(database_url)
    account_id = _member_id(accounts, login)
    _guard(lambda: Cohorts(accounts).remove(OPERATOR, cohort, account_id))
    note(f"{login} is out of cohort {cohort}")


@panel_app.command("list")
def panel_list(as_json: AsJson = False, database_url: DatabaseUrl = None) -> None:
    """List every hiring panel with its kit and interviewers."""
    from starcoach.accounts.cohorts import OPERATOR
    from starcoach.accounts.panels import Panels

    panels = _guard(lambda: Panels(_accounts(database_url)).visible(OPERATOR))
    items: list[dict[str, Any]] = [
        {"id": p.id, "name": p.name, "kit": p.kit_id, "interviewers": _people(p.members)}
        for p in panels
    ]
    if as_json:
        write_stdout(json.dumps({"panels": items}, ensure_ascii=False, indent=2) + "\n")
        return
    if not items:
        note("no panels yet: create one with `starcoach admin panel create NAME --kit KIT`")
    for item in items:
        seated = ", ".join(p["login"] for p in item["interviewers"]) or "nobody seated"
        write_stdout(f"{item['id']}  {item['name']}  (kit {item['kit']}: {seated})\n")


@panel_app.command("create")
def panel_create(
    name: Annotated[str, typer.Argument(help="The panel's name.")],
    kit: Annotated[str, typer.Option(help="The id of the kit the panel interviews with.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Create the hiring panel for a kit (one per kit) and print its id."""
    from starcoach.accounts.cohorts import OPERATOR
    from starcoach.accounts.panels import Panels

    panels = Panels(_accounts(database_url))
    made = _guard(lambda: panels.create(OPERATOR, name, kit))
    write_stdout(f"{made.id}\n")


@panel_app.command("add")
def panel_add(panel: GroupId, login: Member, database_url: DatabaseUrl = None) -> None:
    """Seat an interviewer (or an admin) on a panel."""
    from starcoach.accounts.cohorts import OPERATOR
    from starcoach.accounts.panels import Panels

    panels = Panels(_accounts(database_url))
    seat = _guard(lambda: panels.add(OPERATOR, panel, login))
    note(f"{seat.login} sits on panel {panel}")


@panel_app.command("remove")
def panel_remove(panel: GroupId, login: Member, database_url: DatabaseUrl = None) -> None:
    """Take an interviewer off a panel (their interviews stay)."""
    from starcoach.accounts.cohorts import OPERATOR
    from starcoach.accounts.panels import Panels

    accounts = _accounts(database_url)
    account_id = _member_id(accounts, login)
    _guard(lambda: Panels(accounts).remove(OPERATOR, panel, account_id))
    note(f"{login} is off panel {panel}")


def register(app: typer.Typer) -> None:
    """Add `starcoach admin` to the main app."""
    app.add_typer(admin_app)
