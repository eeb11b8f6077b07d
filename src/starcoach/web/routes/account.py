"""Team mode's account pages: sign in, sign up from an invitation, sign out (here or everywhere),
change the password, and set a new one from an admin's reset link.

Only a team app includes this router. Every form carries the CSRF token the other forms carry, and
every answer about a wrong login or password is the same sentence, whichever part was wrong.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from starcoach.accounts import Account, AccountError, SignInRefused
from starcoach.web import openapi
from starcoach.web.forms import PostedForm, read_form
from starcoach.web.state import WebState, state
from starcoach.web.team import (
    ACCOUNT_COOKIE,
    SIGN_IN_PATH,
    account_cookie,
    cleared_cookie,
    safe_next,
)
from starcoach.web.teamroutes import EXPIRED, signed_in

router = APIRouter(tags=["account"])

_INVALID_LINK = "This link is not valid: it was used already, it expired, or it is mistyped. Ask an admin for a new one."


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def _session_cookie(web: WebState, token: str) -> str:
    team = web.team
    lifetime = int(web.accounts().policy.session_lifetime.total_seconds())
    return account_cookie(token, max_age=lifetime, secure=bool(team and team.secure_cookies))


def _cleared(web: WebState) -> str:
    return cleared_cookie(secure=bool(web.team and web.team.secure_cookies))


def _see_other(location: str, cookie: str | None = None) -> RedirectResponse:
    response = RedirectResponse(location, status_code=303)
    if cookie is not None:
        response.headers.append("set-cookie", cookie)
    return response


async def _form(request: Request) -> PostedForm:
    return await read_form(request, state(request).pages.secret)


def _account_data(account: Account) -> dict[str, Any]:
    return {"login": account.login, "name": account.name, "role": account.role}


# --- signing in and out ----------------------------------------------------------------------------


def _sign_in_page(
    request: Request,
    *,
    login: str = "",
    message: str = "",
    status: int = 200,
    notice: str = "",
    next_path: str | None = None,
) -> Response:
    """The sign-in form; `next_path` is where to go after it (default: the `next` of the address),
    kept through a failed attempt."""
    return state(request).pages.html(
        request,
        "account/signin.html",
        {
            "title": "Sign in",
            "login": login,
            "message": message,
            "notice": notice,
            "next": safe_next(request.query_params.get("next") if next_path is None else next_path),
        },
        status,
    )


@router.get(SIGN_IN_PATH, summary="Sign in", **openapi.page())
def sign_in_form(request: Request) -> Response:
    """Show the sign-in form (or go on, when this browser is signed in already)."""
    if getattr(request.state, "account", None) is not None:
        return _see_other(safe_next(request.query_params.get("next")))
    notices = {
        "reset": "Your new password is set. Sign in with it.",
        "out": "You are signed out.",
        "everywhere": "You are signed out on every browser.",
    }
    return _sign_in_page(request, notice=notices.get(request.query_params.get("done", ""), ""))


@router.post(SIGN_IN_PATH, summary="Sign in", **openapi.page(form=True))
async def sign_in(request: Request) -> Response:
    """Check the login and password; on success set the session cookie and go on."""
    web = state(request)
    form = await _form(request)
    login = form.text("login")
    next_path = form.text("next")
    if not form.csrf_ok:
        return _sign_in_page(request, login=login, message=EXPIRED, status=403, next_path=next_path)
    try:
        _account, token = await run_in_threadpool(
            web.accounts().sign_in, login, form.text("password"), _address(request)
        )
    except SignInRefused as refused:
        status = 401 if refused.reason == "invalid" else 429
        return _sign_in_page(
            request, login=login, message=str(refused), status=status, next_path=next_path
        )
    return _see_other(safe_next(next_path), _session_cookie(web, token))


@router.post("/signout", summary="Sign out of this browser", **openapi.page(form=True))
async def sign_out(request: Request) -> Response:
    """End this browser's session."""
    web = state(request)
    form = await _form(request)
    if not form.csrf_ok:
        raise HTTPException(403, EXPIRED)
    token = request.cookies.get(ACCOUNT_COOKIE, "")
    await run_in_threadpool(web.accounts().sign_out, token, _address(request))
    return _see_other(f"{SIGN_IN_PATH}?done=out", _cleared(web))


@router.post(
    "/account/signout-everywhere", summary="Sign out on every browser", **openapi.page(form=True)
)
async def sign_out_everywhere(request: Request) -> Response:
    """End every session of the signed-in account, this one included."""
    web = state(request)
    account = signed_in(request)
    form = await _form(request)
    if not form.csrf_ok:
        raise HTTPException(403, EXPIRED)
    await run_in_threadpool(
        lambda: web.accounts().sign_out_everywhere(
            account.id, actor=account.id, address=_address(request)
        )
    )
    return _see_other(f"{SIGN_IN_PATH}?done=everywhere", _cleared(web))


# --- the account page and the password -------------------------------------------------------------


def _account_page(
    request: Request, *, message: str = "", notice: str = "", status: int = 200
) -> Response:
    account = signed_in(request)
    data = {"account": _account_data(account)}
    return state(request).pages.respond(
        request,
        "account/account.html",
        data,
        {"title": "Your account", "message": message, "notice": notice},
        status,
    )


@router.get("/account.json", summary="Your account (JSON)", **openapi.data())
@router.get("/account", summary="Your account", **openapi.page())
def account_page(request: Request) -> Response:
    """Show who is signed in, with the password form and the sign-out buttons."""
    notice = "Your password is changed." if request.query_params.get("changed") else ""
    return _account_page(request, notice=notice)


@router.post("/account/password", summary="Change your password", **openapi.page(form=True))
async def change_password(request: Request) -> Response:
    """Change the password; every other browser is signed out, this one stays signed in."""
    web = state(request)
    account = signed_in(request)
    form = await _form(request)
    if not form.csrf_ok:
        return _account_page(request, message=EXPIRED, status=403)
    new = form.text("new_password")
    if new != form.text("confirm_password"):
        return _account_page(request, message="The two new passwords differ.", status=422)
    try:
        token = await run_in_threadpool(
            web.accounts().change_password,
            account.id,
            form.text("current_password"),
            new,
            _address(request),
        )
    except AccountError as exc:
        return _account_page(request, message=str(exc), status=422)
    return _see_other("/account?changed=1", _session_cookie(web, token))


# --- links: sign up from an invitation, reset a password -------------------------------------------


def _signup_page(
    request: Request, token: str, role: str, *, values: dict[str, str], message: str, status: int
) -> Response:
    return state(request).pages.html(
        request,
        "account/signup.html",
        {
            "title": "Create your account",
            "token": token,
            "role": role,
            "values": values,
            "message": message,
        },
        status,
    )


@router.get("/signup/{token}", summary="Sign up from an invitation", **openapi.page(not_found=True))
def signup_form(request: Request, token: str) -> Response:
    """Show the sign-up form of a valid invitation."""
    role = state(request).accounts().invitation_role(token)
    if role is None:
        raise HTTPException(404, _INVALID_LINK)
    return _signup_page(request, token, role, values={}, message="", status=200)


@router.post(
    "/signup/{token}",
    summary="Sign up from an invitation",
    **openapi.page(not_found=True, form=True),
)
async def sign_up(request: Request, token: str) -> Response:
    """Create the account the invitation allows, sign it in, and go to the app."""
    web = state(request)
    form = await _form(request)
    accounts = web.accounts()
    role = await run_in_threadpool(accounts.invitation_role, token)
    if role is None:
        raise HTTPException(404, _INVALID_LINK)
    values = {"login": form.text("login"), "name": form.text("name")}
    if not form.csrf_ok:
        return _signup_page(request, token, role, values=values, message=EXPIRED, status=403)
    password = form.text("password")
    if password != form.text("confirm_password"):
        return _signup_page(
            request, token, role, values=values, message="The two passwords differ.", status=422
        )
    address = _address(request)
    try:
        account = await run_in_threadpool(
            accounts.accept_invitation, token, values["login"], values["name"], password, address
        )
        _account, session_token = await run_in_threadpool(
            accounts.sign_in, account.login, password, address
        )
    except AccountError as exc:
        return _signup_page(request, token, role, values=values, message=str(exc), status=422)
    return _see_other("/", _session_cookie(web, session_token))


def _reset_page(request: Request, token: str, *, message: str, status: int) -> Response:
    return state(request).pages.html(
        request,
        "account/reset.html",
        {"title": "Set a new password", "token": token, "message": message},
        status,
    )


@router.get("/reset/{token}", summary="Set a new password", **openapi.page(not_found=True))
def reset_form(request: Request, token: str) -> Response:
    """Show the new-password form of a valid reset link."""
    if not state(request).accounts().reset_valid(token):
        raise HTTPException(404, _INVALID_LINK)
    return _reset_page(request, token, message="", status=200)


@router.post(
    "/reset/{token}", summary="Set a new password", **openapi.page(not_found=True, form=True)
)
async def reset_password(request: Request, token: str) -> Response:
    """Set the new password once; every browser of the account is signed out."""
    web = state(request)
    form = await _form(request)
    if not form.csrf_ok:
        return _reset_page(request, token, message=EXPIRED, status=403)
    password = form.text("password")
    if password != form.text("confirm_password"):
        return _reset_page(request, token, message="The two passwords differ.", status=422)
    try:
        await run_in_threadpool(web.accounts().reset_password, token, password, _address(request))
    except AccountError as exc:
        if not await run_in_threadpool(web.accounts().reset_valid, token):
            raise HTTPException(404, _INVALID_LINK) from None
        return _reset_page(request, token, message=str(exc), status=422)
    return _see_other(f"{SIGN_IN_PATH}?done=reset", _cleared(web))
