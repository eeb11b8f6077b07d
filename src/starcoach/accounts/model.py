"""The account types, the rules a login, a name and a password must follow, and the lockout policy."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ROLES = ("candidate", "coach", "interviewer", "admin")
"""Every role an account can hold. In this version the role is recorded on each account, and no page
depends on it yet: cohorts, panels and sharing are still to come."""

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024
"""Longer passwords are refused before hashing, so a huge one cannot keep a worker busy."""
MAX_LOGIN_CHARS = 254
MAX_NAME_CHARS = 100

_LOGIN = re.compile(r"^[^\s\x00-\x1f\x7f]+$")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


class AccountError(Exception):
    """A request about accounts that cannot be done; the message is safe to show to the person."""


class SignInRefused(AccountError):
    """A sign-in that did not succeed. The message never says whether the login exists."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        """"invalid" (wrong login or password), "locked" (too many failures for this login) or
        "throttled" (too many failures from this client address)."""


WRONG_LOGIN = "The login or the password is not right."
TOO_MANY = "Too many failed sign-ins. Wait {minutes} minutes, then try again."


@dataclass(frozen=True, slots=True)
class Policy:
    """How long things last and how many failures lock a login or a client address."""

    max_failures: int = 5
    failure_window: dt.timedelta = dt.timedelta(minutes=15)
    lockout: dt.timedelta = dt.timedelta(minutes=15)
    max_address_failures: int = 20
    session_lifetime: dt.timedelta = dt.timedelta(hours=12)
    session_idle: dt.timedelta = dt.timedelta(hours=2)
    invitation_lifetime: dt.timedelta = dt.timedelta(days=7)
    reset_lifetime: dt.timedelta = dt.timedelta(hours=24)
    touch_every: dt.timedelta = dt.timedelta(seconds=60)
    """A session's last-seen time is written at most this often, not on every request."""


@dataclass(frozen=True, slots=True)
class Account:
    """A person who can sign in: who they are, their role, and the user id their data is owned by."""

    id: int
    user_id: int
    login: str
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        """Return True for an admin."""
        return self.role == "admin"


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """One row of the account list an admin sees."""

    account: Account
    created_at: dt.datetime
    sessions: int
    last_seen_at: dt.datetime | None
    locked: bool


def normal_login(login: str) -> str:
    """Return the login as stored (trimmed, lower case); raise AccountError when it cannot be one."""
    value = login.strip().lower()
    if not value or len(value) > MAX_LOGIN_CHARS or not _LOGIN.match(value):
        raise AccountError(
            f"A login is 1 to {MAX_LOGIN_CHARS} characters (an email address or a name) "
            "without spaces."
        )
    return value


def clean_name(name: str) -> str:
    """Return the display name trimmed; raise AccountError when it is empty or too long."""
    value = _CONTROLS.sub("", name).strip()
    if not value or len(value) > MAX_NAME_CHARS:
        raise AccountError(f"A name is 1 to {MAX_NAME_CHARS} characters.")
    return value


def check_role(role: str) -> str:
    """Return the role when it is one of ROLES; raise AccountError naming them otherwise."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return role


def check_password(password: str) -> None:
    """Raise AccountError when a new password is too short or too long."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"A password may have at most {MAX_PASSWORD_CHARS} characters.")


def require_postgresql(database_url: str | None) -> None:
    """Raise AccountError unless `database_url` names a PostgreSQL database.

    A team server runs several worker processes, each with its own connections, and many people
    writing at once; SQLite takes one writer at a time and lives in one machine's file, so a team
    server on it would stall or fail under load and could not grow beyond one machine.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(database_url or "").get_backend_name() if database_url else ""
    except ArgumentError:
        backend = ""
    if backend != "postgresql":
        raise AccountError(TEAM_NEEDS_POSTGRESQL)


TEAM_NEEDS_POSTGRESQL = (
    "the team server needs PostgreSQL: set STARCOACH_DATABASE_URL (or --database-url) to "
    "postgresql+psycopg://USER@HOST/DATABASE. SQLite is refused here because it lets one process "
    "write at a time and lives in one machine's file, while a team server has several worker "
    "processes and many people writing at once"
)
