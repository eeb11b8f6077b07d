"""The --role option of every command: a role id, a role's name or a job in a few words.

A job no role matches is never an error: the command goes on with the general advice and says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starcoach.cli.output import fail, note

if TYPE_CHECKING:
    from starcoach.content import Role


def read_role(role: str | None) -> Role | None:
    """Return the role `role` names or nearest matches, with a note when it was read loosely or not
    at all; None when no role was given or none matches. An empty role is a usage error."""
    if role is None:
        return None
    if not role.strip():
        fail("--role is empty; name the job in a few words, e.g. nurse or 'store manager'")
    from starcoach.content import load_content, match_role

    match = match_role(role)
    if match is None:
        names = ", ".join(load_content().roles)
        note(f"no role matches {role!r}; giving the general advice (roles: {names})")
        return None
    if not match.exact:
        note(f"reading role {role!r} as {match.role.name} (from {match.label!r})")
    return match.role


def read_role_id(role: str | None) -> str | None:
    """Return the id of the role `role` reads as (see `read_role`), or None."""
    found = read_role(role)
    return found.id if found is not None else None
