"""Tokens and password hashes: how they are made, stored and compared.

A token (session cookie, invitation, reset link) is random and shown once; the database keeps only its
SHA-256, so a copy of the database cannot be used to sign in. Passwords are hashed with Argon2id by
argon2-cffi, imported on first use so that the local install never needs it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets as _random
from functools import cache
from typing import TYPE_CHECKING

from starcoach.accounts.model import AccountError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

TOKEN_BYTES = 32


def new_token() -> str:
    """Return a fresh random token, safe in a URL or a cookie."""
    return _random.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a token: what the database stores and looks up."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def same_hash(stored: str, token: str) -> bool:
    """Return True when `token` hashes to `stored`, compared in constant time."""
    return hmac.compare_digest(stored, token_hash(token))


def password_hasher(cheap: bool = False) -> PasswordHasher:
    """Return argon2-cffi's hasher (its defaults, RFC 9106's low-memory profile); `cheap` for tests."""
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise AccountError(
            "the team server needs argon2-cffi to hash passwords: pip install 'starcoach[team]'"
        ) from None
    if cheap:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


@cache
def _decoy(hasher: PasswordHasher) -> str:
    return hasher.hash(new_token())


def verify_password(hasher: PasswordHasher, stored: str | None, password: str) -> bool:
    """Return True when `password` matches the stored hash.

    With no stored hash (no such login) a decoy hash is checked instead, so the answer takes as long
    either way and its timing does not tell whether the login exists.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        ok = hasher.verify(stored or _decoy(hasher), password)
    except (VerificationError, InvalidHashError):
        return False
    return ok and stored is not None
