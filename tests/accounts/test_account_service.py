"""The account service: invitations, sign-in, lockout, sessions, passwords, export and deletion."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.accounts.conftest import PASSWORD, Clock

from starcoach.accounts import AccountError, Accounts, SignInRefused
from starcoach.accounts.model import TOO_MANY, WRONG_LOGIN
from starcoach.accounts.service import lock_end
from starcoach.storage.models import AccountRow, LoginFailureRow, LoginSessionRow, User
from starcoach.storage.stories import StoryStore
from starcoach.stories.model import Story


def _admin(accounts: Accounts) -> int:
    return accounts.create_admin("Ada@Example.org", "Ada", PASSWORD).id


def _member(accounts: Accounts, login: str = "bo@example.org", role: str = "candidate") -> int:
    token = accounts.invite(role, created_by=None)
    return accounts.accept_invitation(token, login, "Bo", PASSWORD).id


def _actions(accounts: Accounts) -> list[str]:
    return [entry["action"] for entry in reversed(accounts.audit_entries())]


def test_first_admin_then_no_second_first_admin(accounts: Accounts) -> None:
    assert not accounts.has_admin()
    admin_id = _admin(accounts)
    assert accounts.has_admin()
    found = accounts.find(" ADA@example.org ")
    assert found is not None and found.id == admin_id and found.role == "admin"
    with pytest.raises(AccountError, match="already has an admin"):
        accounts.create_admin("eve@example.org", "Eve", PASSWORD)


def test_password_is_stored_hashed_with_argon2(accounts: Accounts) -> None:
    _admin(accounts)
    with accounts.db.session() as session:
        stored = session.scalars(select(AccountRow.password_hash)).one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_invite_sign_up_sign_in_sign_out(accounts: Accounts) -> None:
    admin_id = _admin(accounts)
    token = accounts.invite("coach", created_by=admin_id)
    assert accounts.invitation_role(token) == "coach"
    account = accounts.accept_invitation(token, "cy@example.org", "Cy", PASSWORD, "10.0.0.9")
    assert account.role == "coach"
    # The invitation works once.
    assert accounts.invitation_role(token) is None
    with pytest.raises(AccountError, match="not valid"):
        accounts.accept_invitation(token, "dee@example.org", "Dee", PASSWORD)
    signed_in, session_token = accounts.sign_in("CY@example.org", PASSWORD, "10.0.0.9")
    assert signed_in == account
    assert accounts.session_account(session_token) == account
    accounts.sign_out(session_token)
    assert accounts.session_account(session_token) is None
    assert _actions(accounts) == [
        "admin_created",
        "invite_created",
        "invite_used",
        "sign_in",
        "sign_out",
    ]


def test_session_token_is_stored_only_as_a_hash(accounts: Accounts) -> None:
    _admin(accounts)
    _, token = accounts.sign_in("ada@example.org", PASSWORD)
    with accounts.db.session() as session:
        stored = session.scalars(select(LoginSessionRow.token_hash)).one()
    assert token not in stored and len(stored) == 64


def test_expired_invitation_is_refused(accounts: Accounts, clock: Clock) -> None:
    token = accounts.invite("candidate", created_by=None)
    clock.advance(days=8)
    assert accounts.invitation_role(token) is None
    with pytest.raises(AccountError):
        accounts.accept_invitation(token, "late@example.org", "Late", PASSWORD)


def test_sign_up_checks_login_name_role_and_password(accounts: Accounts) -> None:
    _member(accounts, "taken@example.org")
    token = accounts.invite("candidate", created_by=None)
    for login, name, password, message in [
        ("taken@example.org", "X", PASSWORD, "taken"),
        ("has space", "X", PASSWORD, "without spaces"),
        ("ok@example.org", "", PASSWORD, "name"),
        ("ok@example.org", "X", "short", "at least"),
    ]:
        with pytest.raises(AccountError, match=message):
            accounts.accept_invitation(token, login, name, password)
    # A refused sign-up leaves the invitation usable.
    assert accounts.invitation_role(token) == "candidate"
    with pytest.raises(AccountError, match="unknown role"):
        accounts.invite("owner", created_by=None)


def test_wrong_password_and_unknown_login_get_the_same_answer(accounts: Accounts) -> None:
    _member(accounts)
    answers = []
    for login, password in [
        ("bo@example.org", "wrong password!"),
        ("nobody@example.org", PASSWORD),
    ]:
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in(login, password, "10.0.0.1")
        answers.append((refused.value.reason, str(refused.value)))
    assert answers == [("invalid", WRONG_LOGIN)] * 2
    assert _actions(accounts)[-2:] == ["sign_in_failed", "sign_in_failed"]


def test_five_failures_lock_the_login_for_fifteen_minutes(accounts: Accounts, clock: Clock) -> None:
    _member(accounts)
    for _ in range(5):
        clock.advance(seconds=30)
        with pytest.raises(SignInRefused, match="not right"):
            accounts.sign_in("bo@example.org", "wrong password!", f"10.0.0.{_}")
    assert "lockout" in _actions(accounts)
    # Locked: even the right password is refused, from any address, with the lockout message.
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in("bo@example.org", PASSWORD, "10.9.9.9")
    assert refused.value.reason == "locked"
    assert str(refused.value) == TOO_MANY.format(minutes=15)
    assert [s.locked for s in accounts.summaries()] == [True]
    clock.advance(minutes=14)
    with pytest.raises(SignInRefused, match="Too many"):
        accounts.sign_in("bo@example.org", PASSWORD, "10.9.9.9")
    clock.advance(minutes=1, seconds=1)
    account, _token = accounts.sign_in("bo@example.org", PASSWORD, "10.9.9.9")
    assert account.login == "bo@example.org"
    # Success clears the count: one more failure does not lock again.
    with pytest.raises(SignInRefused, match="not right"):
        accounts.sign_in("bo@example.org", "wrong password!", "10.9.9.9")
    accounts.sign_in("bo@example.org", PASSWORD, "10.9.9.9")


def test_an_unknown_login_locks_the_same_way(accounts: Accounts) -> None:
    reasons = []
    for _ in range(6):
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in("ghost@example.org", "whatever it is", "10.0.0.2")
        reasons.append(refused.value.reason)
    assert reasons == ["invalid"] * 5 + ["locked"]


def test_one_address_failing_on_many_logins_is_throttled(accounts: Accounts) -> None:
    _member(accounts)
    for n in range(20):
        with pytest.raises(SignInRefused, match="not right"):
            accounts.sign_in(f"guess{n}@example.org", "whatever it is", "10.6.6.6")
    with pytest.raises(SignInRefused) as refused:
        accounts.sign_in("bo@example.org", PASSWORD, "10.6.6.6")
    assert refused.value.reason == "throttled"
    # The same person from another address is not held back.
    accounts.sign_in("bo@example.org", PASSWORD, "10.7.7.7")


def test_failures_spread_out_do_not_lock(accounts: Accounts, clock: Clock) -> None:
    _member(accounts)
    for _ in range(6):
        with pytest.raises(SignInRefused, match="not right"):
            accounts.sign_in("bo@example.org", "wrong password!")
        clock.advance(minutes=4)
    accounts.sign_in("bo@example.org", PASSWORD)


def test_lock_end_needs_the_failures_within_the_window() -> None:
    import datetime as dt

    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    window, lockout = dt.timedelta(minutes=15), dt.timedelta(minutes=15)
    close = [t0 + dt.timedelta(minutes=m) for m in (0, 1, 2, 3, 14)]
    assert lock_end(close, 5, window, lockout) == t0 + dt.timedelta(minutes=29)
    spread = [t0 + dt.timedelta(minutes=m) for m in (0, 1, 2, 3, 16)]
    assert lock_end(spread, 5, window, lockout) is None
    assert lock_end(close[:4], 5, window, lockout) is None


def test_session_ends_when_idle_and_at_its_expiry(accounts: Accounts, clock: Clock) -> None:
    _member(accounts)
    _, idle = accounts.sign_in("bo@example.org", PASSWORD)
    clock.advance(hours=2, seconds=1)
    assert accounts.session_account(idle) is None
    _, busy = accounts.sign_in("bo@example.org", PASSWORD)
    for _ in range(12):
        clock.advance(hours=1)
        seen = accounts.session_account(busy)
    # Used every hour, it stays open until its 12-hour lifetime runs out, then ends.
    assert seen is None
    with accounts.db.session() as session:
        assert session.scalar(select(func.count()).select_from(LoginSessionRow)) == 0


def test_sign_out_everywhere_ends_every_session(accounts: Accounts) -> None:
    admin_id = _admin(accounts)
    _member(accounts)
    tokens = [accounts.sign_in("bo@example.org", PASSWORD)[1] for _ in range(3)]
    _, admin_token = accounts.sign_in("ada@example.org", PASSWORD)
    member = accounts.find("bo@example.org")
    assert member is not None
    assert accounts.sign_out_everywhere(member.id, actor=admin_id) == 3
    assert [accounts.session_account(t) for t in tokens] == [None] * 3
    assert accounts.session_account(admin_token) is not None


def test_password_change_needs_the_current_one_and_ends_other_sessions(accounts: Accounts) -> None:
    _member(accounts)
    account, old = accounts.sign_in("bo@example.org", PASSWORD)
    with pytest.raises(AccountError, match="current password"):
        accounts.change_password(account.id, "not the password", "a brand new secret")
    assert accounts.session_account(old) == account
    fresh = accounts.change_password(account.id, PASSWORD, "a brand new secret")
    assert accounts.session_account(old) is None
    assert accounts.session_account(fresh) == account
    with pytest.raises(SignInRefused):
        accounts.sign_in("bo@example.org", PASSWORD)
    accounts.sign_in("bo@example.org", "a brand new secret")
    assert {"password_change_failed", "password_changed"} <= set(_actions(accounts))


def test_reset_link_works_once_and_expires(accounts: Accounts, clock: Clock) -> None:
    admin_id = _admin(accounts)
    _member(accounts)
    _, before = accounts.sign_in("bo@example.org", PASSWORD)
    token = accounts.reset_link("bo@example.org", actor=admin_id)
    assert accounts.reset_valid(token)
    accounts.reset_password(token, "reset to this one")
    assert not accounts.reset_valid(token)
    with pytest.raises(AccountError, match="not valid"):
        accounts.reset_password(token, "and again to this")
    assert accounts.session_account(before) is None
    accounts.sign_in("bo@example.org", "reset to this one")
    late = accounts.reset_link("bo@example.org", actor=admin_id)
    clock.advance(hours=25)
    with pytest.raises(AccountError, match="not valid"):
        accounts.reset_password(late, "too late for this")
    with pytest.raises(AccountError, match="no account"):
        accounts.reset_link("nobody@example.org", actor=admin_id)


def test_export_holds_the_account_its_stories_and_its_audit(accounts: Accounts) -> None:
    _member(accounts)
    member = accounts.find("bo@example.org")
    assert member is not None
    StoryStore(accounts.db, member.user_id).add(Story(id="launch", title="The launch"))
    accounts.sign_in("bo@example.org", PASSWORD)
    document = accounts.export("bo@example.org")
    assert document["account"]["login"] == "bo@example.org"
    assert [s["id"] for s in document["stories"]] == ["launch"]
    assert len(document["sessions"]) == 1
    assert "sign_in" in [e["action"] for e in document["audit"]]
    assert "hash" not in repr(document)


def test_delete_removes_the_account_and_everything_it_owns(accounts: Accounts) -> None:
    admin_id = _admin(accounts)
    _member(accounts)
    member = accounts.find("bo@example.org")
    assert member is not None
    StoryStore(accounts.db, member.user_id).add(Story(id="launch", title="The launch"))
    StoryStore(accounts.db).add(Story(id="shared", title="Shared workspace story"))
    _, token = accounts.sign_in("bo@example.org", PASSWORD)
    with pytest.raises(SignInRefused):
        accounts.sign_in("bo@example.org", "a wrong password")
    accounts.delete("bo@example.org", actor=admin_id)
    assert "bo@example.org" not in repr(accounts.audit_entries())
    assert accounts.find("bo@example.org") is None
    assert accounts.session_account(token) is None
    assert StoryStore(accounts.db, member.user_id).all() == []
    assert [s.id for s in StoryStore(accounts.db).all()] == ["shared"]
    with accounts.db.session() as session:
        assert session.get(User, member.user_id) is None
    assert _actions(accounts)[-1] == "account_deleted"
    with pytest.raises(AccountError, match="only admin"):
        accounts.delete("ada@example.org", actor=admin_id)


def test_signing_in_prunes_ended_sessions_and_old_failures(
    accounts: Accounts, clock: Clock
) -> None:
    _member(accounts)
    accounts.sign_in("bo@example.org", PASSWORD)
    with pytest.raises(SignInRefused):
        accounts.sign_in("ghost@example.org", "whatever it is")
    clock.advance(hours=3)
    accounts.sign_in("bo@example.org", PASSWORD)
    with accounts.db.session() as session:
        assert session.scalar(select(func.count()).select_from(LoginSessionRow)) == 1
        assert session.scalar(select(func.count()).select_from(LoginFailureRow)) == 0
