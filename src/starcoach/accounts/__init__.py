"""The team server's accounts: sign-up by invitation, passwords, sessions, lockout, and the audit log.

Only `starcoach serve --team` and `starcoach admin` use this package; the local single-user app never
imports it, and the password library (argon2-cffi, the `team` extra) is loaded only when a password is
hashed or checked.
"""

from starcoach.accounts.model import (
    ROLES,
    Account,
    AccountError,
    AccountSummary,
    Policy,
    SignInRefused,
)
from starcoach.accounts.service import Accounts

__all__ = [
    "ROLES",
    "Account",
    "AccountError",
    "AccountSummary",
    "Accounts",
    "Policy",
    "SignInRefused",
]
