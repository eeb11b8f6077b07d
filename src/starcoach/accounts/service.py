"""The account service: every action on accounts, each in one transaction with its audit entry.

The web app and the `starcoach admin` commands both call `Accounts`; neither touches the account
tables itself. Everything that must hold across worker processes (failed sign-ins, locks, sessions)
lives in the database, so several workers, on one machine or several, agree.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from starcoach.accounts.model import (
    TOO_MANY,
    WRONG_LOGIN,
    Account,
    AccountError,
    AccountSummary,
    Policy,
    SignInRefused,
    check_password,
    check_role,
    clean_name,
    normal_login,
)
from starcoach.accounts.tokens import (
    new_token,
    password_hasher,
    same_hash,
    token_hash,
    verify_password,
)
from starcoach.storage.db import Database, as_utc
from starcoach.storage.models import (
    AccountRow,
    AuditRow,
    CohortRow,
    InvitationRow,
    LoginFailureRow,
    LoginSessionRow,
    PasswordResetRow,
    User,
)

if TYPE_CHECKING:
    from argon2 import PasswordHasher

Clock = Callable[[], dt.datetime]

MAX_ADDRESS_CHARS = 64
MAX_DETAIL_CHARS = 400


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _account(row: AccountRow) -> Account:
    return Account(id=row.id, user_id=row.user_id, login=row.login, name=row.name, role=row.role)


def lock_end(
    times: Iterable[dt.datetime], count: int, window: dt.timedelta, lockout: dt.timedelta
) -> dt.datetime | None:
    """Return when the latest lock ends: `lockout` after any `count` failures that fell within `window`."""
    ordered = sorted(as_utc(t) for t in times)
    end: dt.datetime | None = None
    for first, last in zip(ordered, ordered[count - 1 :], strict=False):
        if last - first <= window:
            end = last + lockout
    return end


class Accounts:
    """Accounts on one database. `clock` and `hasher` are there for tests (time travel, cheap hashes)."""

    def __init__(
        self,
        db: Database,
        *,
        policy: Policy | None = None,
        hasher: PasswordHasher | None = None,
        clock: Clock = _now,
    ) -> None:
        self.db = db
        self.policy = policy or Policy()
        self._hasher = hasher
        self.clock = clock

    @property
    def hasher(self) -> PasswordHasher:
        """Return the password hasher, loading argon2-cffi on first use."""
        if self._hasher is None:
            self._hasher = password_hasher()
        return self._hasher

    # -- the audit log ---------------------------------------------------------------------------

    def _audit(
        self,
        session: Session,
        action: str,
        *,
        actor: int | None = None,
        subject: int | None = None,
        address: str = "",
        detail: str = "",
    ) -> None:
        session.add(
            AuditRow(
                at=self.clock(),
                action=action,
                actor_id=actor,
                subject_id=subject,
                address=address[:MAX_ADDRESS_CHARS],
                detail=detail[:MAX_DETAIL_CHARS],
            )
        )

    def log(
        self,
        session: Session,
        action: str,
        *,
        actor: int | None = None,
        subject: int | None = None,
        detail: str = "",
    ) -> None:
        """Add an audit entry inside the caller's transaction (for the other account services)."""
        self._audit(session, action, actor=actor, subject=subject, detail=detail)

    def audit_entries(
        self, limit: int = 100, account_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Return the newest audit entries (of one account, as actor or subject, when given)."""
        with self.db.session() as session:
            query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
            if account_id is not None:
                query = query.where(
                    (AuditRow.actor_id == account_id) | (AuditRow.subject_id == account_id)
                )
            return [
                {
                    "at": as_utc(row.at).isoformat(),
                    "action": row.action,
                    "actor_id": row.actor_id,
                    "subject_id": row.subject_id,
                    "address": row.address,
                    "detail": row.detail,
                }
                for row in session.scalars(query)
            ]

    # -- accounts ----------------------------------------------------------------------------------

    def _create(
        self, session: Session, login: str, name: str, role: str, password: str
    ) -> AccountRow:
        login = normal_login(login)
        name = clean_name(name)
        check_role(role)
        check_password(password)
        taken = session.scalar(select(AccountRow.id).where(AccountRow.login == login))
        if taken is not None:
            raise AccountError("That login is taken; choose another.")
        user = User(name=f"account-{secrets.token_hex(8)}")
        session.add(user)
        session.flush()
        row = AccountRow(
            user_id=user.id,
            login=login,
            name=name,
            role=role,
            password_hash=self.hasher.hash(password),
            created_at=self.clock(),
            password_changed_at=self.clock(),
        )
        session.add(row)
        session.flush()
        return row

    def has_admin(self) -> bool:
        """Return True when the server has at least one admin account."""
        with self.db.session() as session:
            return (
                session.scalar(select(AccountRow.id).where(AccountRow.role == "admin").limit(1))
                is not None
            )

    def create_admin(self, login: str, name: str, password: str) -> Account:
        """Create the first admin account; refused once any admin exists (invite further admins)."""
        with self.db.transaction() as session:
            if session.scalar(select(AccountRow.id).where(AccountRow.role == "admin").limit(1)):
                raise AccountError(
                    "this server already has an admin; invite further admins with "
                    "`starcoach admin invite --role admin`"
                )
            row = self._create(session, login, name, "admin", password)
            self._audit(
                session, "admin_created", actor=row.id, subject=row.id, detail="first admin"
            )
            return _account(row)

    def find(self, login: str) -> Account | None:
        """Return the account with this login, or None."""
        try:
            login = normal_login(login)
        except AccountError:
            return None
        with self.db.session() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.login == login))
            return _account(row) if row else None

    def get(self, account_id: int) -> Account | None:
        """Return the account with this id, or None."""
        with self.db.session() as session:
            row = session.get(AccountRow, account_id)
            return _account(row) if row else None

    def summaries(self) -> list[AccountSummary]:
        """Return every account with its open sessions, last activity and lock state, by login."""
        now = self.clock()
        with self.db.session() as session:
            rows = session.scalars(select(AccountRow).order_by(AccountRow.login)).all()
            seen = {
                account_id: (count, last)
                for account_id, count, last in session.execute(
                    select(
                        LoginSessionRow.account_id,
                        func.count(),
                        func.max(LoginSessionRow.last_seen_at),
                    )
                    .where(LoginSessionRow.expires_at > now)
                    .group_by(LoginSessionRow.account_id)
                )
            }
            result = []
            for row in rows:
                count, last = seen.get(row.id, (0, None))
                result.append(
                    AccountSummary(
                        account=_account(row),
                        created_at=as_utc(row.created_at),
                        sessions=count,
                        last_seen_at=as_utc(last) if last else None,
                        locked=self._login_locked(session, row.login, now) is not None,
                    )
                )
            return result

    # -- invitations -------------------------------------------------------------------------------

    def invite(
        self,
        role: str,
        *,
        created_by: int | None,
        address: str = "",
        cohort_id: int | None = None,
    ) -> str:
        """Create a one-time sign-up invitation for `role`; return its token (shown once).

        With `cohort_id` the new account joins that cohort on signing up (a coach or a candidate).
        """
        check_role(role)
        token = new_token()
        with self.db.transaction() as session:
            if cohort_id is not None:
                if role not in ("coach", "candidate"):
                    raise AccountError("a cohort has only coaches and candidates")
                if session.get(CohortRow, cohort_id) is None:
                    raise AccountError(f"there is no cohort {cohort_id}")
            session.add(
                InvitationRow(
                    token_hash=token_hash(token),
                    role=role,
                    created_by=created_by,
                    created_at=self.clock(),
                    expires_at=self.clock() + self.policy.invitation_lifetime,
                    cohort_id=cohort_id,
                )
            )
            detail = role if cohort_id is None else f"{role} in cohort {cohort_id}"
            self._audit(session, "invite_created", actor=created_by, address=address, detail=detail)
        return token

    def _open_invitation(self, session: Session, token: str) -> InvitationRow | None:
        row = session.scalar(
            select(InvitationRow).where(InvitationRow.token_hash == token_hash(token))
        )
        if row is None or not same_hash(row.token_hash, token):
            return None
        if row.used_at is not None or as_utc(row.expires_at) <= self.clock():
            return None
        return row

    def invitation_role(self, token: str) -> str | None:
        """Return the role an unused, unexpired invitation grants, or None."""
        with self.db.session() as session:
            row = self._open_invitation(session, token)
            return row.role if row else None

    def accept_invitation(
        self, token: str, login: str, name: str, password: str, address: str = ""
    ) -> Account:
        """Create the account an invitation allows and use the invitation up; raise AccountError."""
        with self.db.transaction() as session:
            row = self._open_invitation(session, token)
            if row is None:
                raise AccountError(
                    "This invitation link is not valid: it was used already, it expired, or it "
                    "is mistyped. Ask for a new one."
                )
            # Claim the invitation first, conditionally, so two sign-ups racing on one link
            # cannot both succeed.
            claimed = session.execute(
                update(InvitationRow)
                .where(InvitationRow.id == row.id, InvitationRow.used_at.is_(None))
                .values(used_at=self.clock())
            )
            if getattr(claimed, "rowcount", 0) != 1:
                raise AccountError("This invitation link was used already. Ask for a new one.")
            account = self._create(session, login, name, row.role, password)
            session.execute(
                update(InvitationRow).where(InvitationRow.id == row.id).values(used_by=account.id)
            )
            if row.cohort_id is not None:
                from starcoach.accounts.cohorts import Cohorts

                Cohorts(self).join_by_invitation(session, row.cohort_id, account)
            self._audit(
                session,
                "invite_used",
                actor=account.id,
                subject=account.id,
                address=address,
                detail=row.role,
            )
            return _account(account)

    # -- signing in ------------------------------------------------------------------------------

    def _failures(self, session: Session, since: dt.datetime, **where: str) -> list[dt.datetime]:
        query = select(LoginFailureRow.at).where(LoginFailureRow.at >= since)
        for column, value in where.items():
            query = query.where(getattr(LoginFailureRow, column) == value)
        return list(session.scalars(query))

    def _locked(
        self, session: Session, now: dt.datetime, count: int, **where: str
    ) -> dt.datetime | None:
        p = self.policy
        since = now - p.failure_window - p.lockout
        end = lock_end(self._failures(session, since, **where), count, p.failure_window, p.lockout)
        return end if end is not None and end > now else None

    def _login_locked(self, session: Session, login: str, now: dt.datetime) -> dt.datetime | None:
        return self._locked(session, now, self.policy.max_failures, login=login)

    def _refusal(self, reason: str) -> SignInRefused:
        minutes = max(1, int(self.policy.lockout.total_seconds() // 60))
        return SignInRefused(reason, TOO_MANY.format(minutes=minutes))

    def sign_in(self, login: str, password: str, address: str = "") -> tuple[Account, str]:
        """Check a login and password; return the account and a new session token.

        Raise SignInRefused with one message for a wrong login and a wrong password alike, and one
        for a locked login or client address whether or not the login exists.
        """
        now = self.clock()
        address = address[:MAX_ADDRESS_CHARS]
        try:
            typed = normal_login(login)
        except AccountError:
            typed = login.strip().lower()[:254]
        with self.db.transaction() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.login == typed))
            subject = row.id if row else None
            if address and self._locked(
                session, now, self.policy.max_address_failures, address=address
            ):
                self._audit(
                    session, "sign_in_throttled", subject=subject, address=address, detail=typed
                )
                refused = self._refusal("throttled")
            elif self._login_locked(session, typed, now):
                self._audit(
                    session, "sign_in_locked", subject=subject, address=address, detail=typed
                )
                refused = self._refusal("locked")
            elif (
                verify_password(self.hasher, row.password_hash if row else None, password[:4096])
                and row
            ):
                session.execute(delete(LoginFailureRow).where(LoginFailureRow.login == typed))
                self._prune(session, row.id, now)
                if self.hasher.check_needs_rehash(row.password_hash):
                    row.password_hash = self.hasher.hash(password)
                token = self._new_session(session, row.id)
                self._audit(session, "sign_in", actor=row.id, subject=row.id, address=address)
                return _account(row), token
            else:
                session.add(LoginFailureRow(login=typed, address=address, at=now))
                session.flush()
                self._audit(
                    session, "sign_in_failed", subject=subject, address=address, detail=typed
                )
                if self._login_locked(session, typed, now):
                    self._audit(session, "lockout", subject=subject, address=address, detail=typed)
                refused = SignInRefused("invalid", WRONG_LOGIN)
        raise refused

    def _prune(self, session: Session, account_id: int, now: dt.datetime) -> None:
        """Drop what can no longer matter: failures older than any lock they could make, and
        this account's ended sessions (so neither table grows without bound)."""
        p = self.policy
        session.execute(
            delete(LoginFailureRow).where(LoginFailureRow.at < now - p.failure_window - p.lockout)
        )
        session.execute(
            delete(LoginSessionRow).where(
                LoginSessionRow.account_id == account_id,
                (LoginSessionRow.expires_at <= now)
                | (LoginSessionRow.last_seen_at <= now - p.session_idle),
            )
        )

    def _new_session(self, session: Session, account_id: int) -> str:
        token = new_token()
        now = self.clock()
        session.add(
            LoginSessionRow(
                token_hash=token_hash(token),
                account_id=account_id,
                created_at=now,
                expires_at=now + self.policy.session_lifetime,
                last_seen_at=now,
            )
        )
        return token

    def session_account(self, token: str) -> Account | None:
        """Return the account a session token is signed in as, or None when it is unknown or ended.

        A session ends at its expiry or after `policy.session_idle` without a request; its last-seen
        time is written at most once a minute.
        """
        if not token or len(token) > 128:
            return None
        now = self.clock()
        with self.db.session() as session:
            found = session.execute(
                select(LoginSessionRow, AccountRow)
                .join(AccountRow, AccountRow.id == LoginSessionRow.account_id)
                .where(LoginSessionRow.token_hash == token_hash(token))
            ).first()
        if found is None:
            return None
        login_session, account = found
        if not same_hash(login_session.token_hash, token):
            return None
        last_seen = as_utc(login_session.last_seen_at)
        if as_utc(login_session.expires_at) <= now or last_seen + self.policy.session_idle <= now:
            with self.db.transaction() as session:
                session.execute(
                    delete(LoginSessionRow).where(LoginSessionRow.id == login_session.id)
                )
            return None
        if now - last_seen >= self.policy.touch_every:
            with self.db.transaction() as session:
                session.execute(
                    update(LoginSessionRow)
                    .where(LoginSessionRow.id == login_session.id)
                    .values(last_seen_at=now)
                )
        return _account(account)

    def sign_out(self, token: str, address: str = "") -> None:
        """End one session (the browser that asks); unknown tokens are ignored."""
        with self.db.transaction() as session:
            row = session.scalar(
                select(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(token))
            )
            if row is None:
                return
            session.delete(row)
            self._audit(
                session, "sign_out", actor=row.account_id, subject=row.account_id, address=address
            )

    def sign_out_everywhere(self, account_id: int, *, actor: int | None, address: str = "") -> int:
        """End every session of an account; return how many there were."""
        with self.db.transaction() as session:
            ended = session.execute(
                delete(LoginSessionRow).where(LoginSessionRow.account_id == account_id)
            )
            count = int(getattr(ended, "rowcount", 0) or 0)
            self._audit(
                session,
                "sign_out_everywhere",
                actor=actor,
                subject=account_id,
                address=address,
                detail=f"{count} sessions",
            )
            return count

    # -- passwords -------------------------------------------------------------------------------

    def change_password(self, account_id: int, current: str, new: str, address: str = "") -> str:
        """Change a password after checking the current one; end every session, return a fresh one."""
        check_password(new)
        with self.db.transaction() as session:
            row = session.get(AccountRow, account_id)
            if row is None or not verify_password(self.hasher, row.password_hash, current[:4096]):
                self._audit(
                    session,
                    "password_change_failed",
                    actor=account_id,
                    subject=account_id,
                    address=address,
                )
                failed = AccountError("The current password is not right; nothing was changed.")
            else:
                self._set_password(session, row, new)
                self._audit(
                    session, "password_changed", actor=row.id, subject=row.id, address=address
                )
                return self._new_session(session, row.id)
        raise failed

    def _set_password(self, session: Session, row: AccountRow, password: str) -> None:
        row.password_hash = self.hasher.hash(password)
        row.password_changed_at = self.clock()
        session.execute(delete(LoginSessionRow).where(LoginSessionRow.account_id == row.id))
        session.execute(delete(LoginFailureRow).where(LoginFailureRow.login == row.login))

    def reset_link(self, login: str, *, actor: int | None) -> str:
        """Issue a one-time password reset token for an account (an admin's action)."""
        token = new_token()
        with self.db.transaction() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.login == normal_login(login)))
            if row is None:
                raise AccountError(f"there is no account with the login {login!r}")
            session.add(
                PasswordResetRow(
                    token_hash=token_hash(token),
                    account_id=row.id,
                    created_by=actor,
                    created_at=self.clock(),
                    expires_at=self.clock() + self.policy.reset_lifetime,
                )
            )
            self._audit(session, "reset_link_issued", actor=actor, subject=row.id)
        return token

    def _open_reset(self, session: Session, token: str) -> PasswordResetRow | None:
        row = session.scalar(
            select(PasswordResetRow).where(PasswordResetRow.token_hash == token_hash(token))
        )
        if row is None or not same_hash(row.token_hash, token):
            return None
        if row.used_at is not None or as_utc(row.expires_at) <= self.clock():
            return None
        return row

    def reset_valid(self, token: str) -> bool:
        """Return True when a reset token can still be used."""
        with self.db.session() as session:
            return self._open_reset(session, token) is not None

    def reset_password(self, token: str, password: str, address: str = "") -> Account:
        """Set a new password with a reset token, once; every session of the account ends."""
        check_password(password)
        with self.db.transaction() as session:
            reset = self._open_reset(session, token)
            claimed = None
            if reset is not None:
                claimed = session.execute(
                    update(PasswordResetRow)
                    .where(PasswordResetRow.id == reset.id, PasswordResetRow.used_at.is_(None))
                    .values(used_at=self.clock())
                )
            if reset is None or getattr(claimed, "rowcount", 0) != 1:
                raise AccountError(
                    "This reset link is not valid: it was used already, it expired, or it is "
                    "mistyped. Ask an admin for a new one."
                )
            row = session.get(AccountRow, reset.account_id)
            assert row is not None  # the reset row is deleted with its account
            self._set_password(session, row, password)
            self._audit(session, "password_reset", actor=row.id, subject=row.id, address=address)
            return _account(row)

    # -- export and deletion -----------------------------------------------------------------------

    def export(self, login: str, *, actor: int | None = None) -> dict[str, Any]:
        """Return everything the server keeps about an account as one JSON-ready document."""
        account = self.find(login)
        if account is None:
            raise AccountError(f"there is no account with the login {login!r}")
        from starcoach.storage.attempts import AttemptStore
        from starcoach.storage.stories import StoryStore
        from starcoach.stories.model import story_to_dict

        stories = StoryStore(self.db, account.user_id)
        attempts = AttemptStore(self.db, account.user_id)
        with self.db.session() as session:
            row = session.get(AccountRow, account.id)
            assert row is not None
            sessions = session.scalars(
                select(LoginSessionRow).where(LoginSessionRow.account_id == account.id)
            ).all()
            document: dict[str, Any] = {
                "kind": "account_export",
                "account": {
                    "login": row.login,
                    "name": row.name,
                    "role": row.role,
                    "created_at": as_utc(row.created_at).isoformat(),
                    "password_changed_at": as_utc(row.password_changed_at).isoformat(),
                },
                "sessions": [
                    {
                        "created_at": as_utc(s.created_at).isoformat(),
                        "last_seen_at": as_utc(s.last_seen_at).isoformat(),
                        "expires_at": as_utc(s.expires_at).isoformat(),
                    }
                    for s in sessions
                ],
            }
        document["stories"] = [story_to_dict(story) for story in stories.all()]
        document["practice"] = [
            {
                "session": record.id,
                "mode": record.mode,
                "status": record.status,
                "created_at": as_utc(record.created_at).isoformat(),
                "answers": [
                    {
                        "question": a.asked,
                        "answer": a.answer,
                        "at": as_utc(a.created_at).isoformat(),
                    }
                    for a in attempts.attempts(session_id=record.id, kind=None)
                ],
            }
            for record in attempts.sessions()
        ]
        document["audit"] = self.audit_entries(limit=10_000, account_id=account.id)
        with self.db.transaction() as session:
            self._audit(session, "account_exported", actor=actor, subject=account.id)
        return document

    def delete(self, login: str, *, actor: int | None = None) -> Account:
        """Delete an account and everything it owns; the last admin cannot be deleted."""
        with self.db.transaction() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.login == normal_login(login)))
            if row is None:
                raise AccountError(f"there is no account with the login {login!r}")
            if row.role == "admin":
                admins = session.scalar(
                    select(func.count()).select_from(AccountRow).where(AccountRow.role == "admin")
                )
                if admins == 1:
                    raise AccountError("this is the only admin; make another admin first")
            account = _account(row)
            session.execute(delete(LoginFailureRow).where(LoginFailureRow.login == row.login))
            # The login typed at failed sign-ins is the only personal data audit entries hold.
            session.execute(update(AuditRow).where(AuditRow.detail == row.login).values(detail=""))
            # Deleting the user row removes the account, its sessions and reset links, and every
            # row it owns (stories, practice, kits), by the foreign keys' ON DELETE CASCADE.
            session.execute(delete(User).where(User.id == row.user_id))
            self._audit(
                session,
                "account_deleted",
                actor=actor if actor != account.id else None,
                detail=f"account {account.id} ({account.role})",
            )
            return account
