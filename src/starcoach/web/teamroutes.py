"""What the team server's account routes (account, cohorts, panels) share: the signed-in account,
account errors as HTTP answers, and forms whose CSRF token is checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import HTTPException, Request

from starcoach.accounts import Account, AccountError
from starcoach.accounts.cohorts import NotAllowed, NotFound
from starcoach.web.forms import PostedForm, read_form
from starcoach.web.state import state

EXPIRED = "This form had expired (the server restarted, or the page is old). Reload the page and try again."

T = TypeVar("T")


def signed_in(request: Request) -> Account:
    """Return the request's signed-in account (the team gate lets no request without one through)."""
    account: Account | None = getattr(request.state, "account", None)
    if account is None:  # keeps the type honest; the gate answers before a route runs
        raise HTTPException(401, "Sign in first: this server needs an account.")
    return account


def account_guard(action: Callable[[], T]) -> T:
    """Run `action`; what is not there answers 404, what is not allowed 403, bad input 422."""
    try:
        return action()
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except NotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    except AccountError as exc:
        raise HTTPException(422, str(exc)) from None


async def checked_form(request: Request) -> PostedForm:
    """Return the posted form; one whose CSRF token has expired answers 403."""
    form = await read_form(request, state(request).pages.secret)
    if not form.csrf_ok:
        raise HTTPException(403, EXPIRED)
    return form
