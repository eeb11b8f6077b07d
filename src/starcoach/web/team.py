"""Team mode: every request needs a signed-in account, checked before any route runs.

`create_app(..., team=TeamConfig())` adds `TeamGate`, an ASGI middleware inside the host and size
guard. A request without a live sign-in session gets 401 with a JSON body when it asks for JSON (an
`/api/` path, a `.json` path, or JSON preferred in Accept) and a 303 to the sign-in page otherwise.
Only the sign-in, sign-up and reset pages and the static files answer without one.

The session cookie holds a random token (the database keeps its hash); it is HttpOnly and
SameSite=Lax, so it goes along when a person follows a link to the server from elsewhere but not
with another site's form posts, and Secure when the server is told it runs behind TLS.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starcoach.web.security import (
    SECURITY_HEADERS,
    ASGIApp,
    ErrorRenderer,
    Receive,
    Scope,
    Send,
    cookie_value,
    header_value,
)

if TYPE_CHECKING:
    import datetime as dt

    from starcoach.accounts import Accounts

ACCOUNT_COOKIE = "starcoach_account"
SIGN_IN_PATH = "/signin"
PUBLIC_PREFIXES = ("/static/", "/signup/", "/reset/")
PUBLIC_PATHS = frozenset({SIGN_IN_PATH, "/favicon.ico"})


@dataclass(frozen=True, slots=True)
class TeamConfig:
    """How the team server runs: cookie flags, and (for tests) the hasher and clock of its accounts."""

    secure_cookies: bool = False
    """Mark cookies Secure: set when browsers reach the server over HTTPS (behind a TLS proxy)."""
    hasher: Any = None
    clock: Callable[[], dt.datetime] | None = None


def is_public(path: str) -> bool:
    """Return True for the paths that answer without a signed-in session."""
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def safe_next(target: str | None) -> str:
    """Return where to go after signing in: a path on this server, never another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ch in target for ch in "\r\n\t") or is_public(urllib.parse.urlsplit(target).path):
        return "/"
    return target


def account_cookie(token: str, *, max_age: int, secure: bool) -> str:
    """Return the Set-Cookie value that carries a sign-in session token."""
    flags = "; Secure" if secure else ""
    return f"{ACCOUNT_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{flags}"


def cleared_cookie(*, secure: bool) -> str:
    """Return the Set-Cookie value that removes the session cookie."""
    flags = "; Secure" if secure else ""
    return f"{ACCOUNT_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{flags}"


def _wants_json(scope: Scope) -> bool:
    from starlette.requests import Request

    from starcoach.web.pages import wants_json

    return wants_json(Request(scope))


class TeamGate:
    """ASGI middleware: let a request through only with a live sign-in session (see the module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        accounts: Callable[[], Accounts],
        secure_cookies: bool,
        render_error: ErrorRenderer,
    ) -> None:
        self.app = app
        self.accounts = accounts
        self.secure = secure_cookies
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        path: str = scope.get("path", "")
        if path.startswith("/static/") or path == "/favicon.ico":
            # Files anyone may fetch: no database look-up for them.
            await self.app(scope, receive, send)
            return
        from starcoach.storage.errors import DatabaseUnavailable

        token = cookie_value(header_value(scope, b"cookie"), ACCOUNT_COOKIE)
        account = None
        try:
            if token:
                account = await run_in_threadpool(self.accounts().session_account, token)
            elif not is_public(path):
                # Nothing to look up, but the answer says "sign in", which needs the database.
                await run_in_threadpool(self.accounts)
        except DatabaseUnavailable as exc:
            # Outside the routes, so the app's error pages cannot answer it: say it here.
            await self._unavailable(scope, send, str(exc))
            return
        scope.setdefault("state", {})["account"] = account
        if account is not None or is_public(path):
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = [(b"cache-control", b"no-store")]
        if token:
            headers.append((b"set-cookie", cleared_cookie(secure=self.secure).encode("latin-1")))
        if _wants_json(scope):
            body = b'{"detail":"Sign in first: this server needs an account."}'
            status = 401
            headers.append((b"content-type", b"application/json"))
        else:
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            location = SIGN_IN_PATH + "?" + urllib.parse.urlencode({"next": target})
            body = b""
            status = 303
            headers.append((b"location", location.encode("latin-1")))
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _unavailable(self, scope: Scope, send: Send, message: str) -> None:
        body, content_type = self.render_error(503, message, _wants_json(scope))
        headers = [
            (b"content-type", content_type.encode("latin-1")),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"retry-after", b"5"),
            *SECURITY_HEADERS,
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})
