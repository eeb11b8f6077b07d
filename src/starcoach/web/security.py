"""Request guards: the allowed Host names, the request size limit, the browser session and CSRF tokens.

One plain ASGI middleware does the three checks that must happen before any route runs, because a
middleware layer per check would cost time on every request, the analyzer's included:

- the Host header must name this server (a page on another site cannot reach a server on localhost
  through a DNS name that it controls);
- a request body larger than `MAX_REQUEST_BYTES` is refused with 413, by its declared length or, when
  it streams without one, as soon as it passes the limit;
- every browser gets a random session id in an HttpOnly, SameSite=Strict cookie. Forms carry a CSRF
  token derived from that id with a server secret (HMAC), which a page on another site can neither
  read nor compute.

JSON routes need no CSRF token: a cross-site page cannot send `Content-Type: application/json`
without a CORS preflight, which this app never grants, and FastAPI refuses JSON bodies sent under any
other content type.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

MAX_REQUEST_BYTES = 2_000_000
"""The largest request body accepted, in bytes: room for a few story files, far above any answer."""

SESSION_COOKIE = "starcoach_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "testserver")
"""Host names a server bound to loopback answers to ("testserver" is the test client's name)."""

_SID_BYTES = 24

# Sent with every response unless the route set its own: scripts, styles and images only from this
# server, no framing, no sniffing, and no Referer leaving the page (story ids are in URLs).
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
_STATELESS_PREFIXES = ("/api/", "/static/")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorRenderer = Callable[[int, str, bool], tuple[bytes, str]]
"""(status, message, wants_json) -> (body, content type) for an error the guard answers itself."""


class RequestTooLarge(HTTPException):
    """The request body passed the size limit while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request is larger than the limit of {limit:,} bytes.")


def new_secret() -> bytes:
    """Return a fresh random server secret for CSRF tokens."""
    return secrets.token_bytes(32)


def csrf_token(secret: bytes, session_id: str) -> str:
    """Return the CSRF token that belongs to a browser session."""
    return hmac.new(secret, session_id.encode("ascii"), hashlib.sha256).hexdigest()


def csrf_valid(secret: bytes, session_id: str | None, token: str | None) -> bool:
    """Return True when `token` is the CSRF token of `session_id` (compared in constant time)."""
    if not session_id or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, session_id), token)


def header_value(scope: Scope, name: bytes) -> str | None:
    """Return a request header's value from an ASGI scope (the first one), or None."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def cookie_value(header: str | None, name: str) -> str | None:
    """Return the value of the cookie `name` in a Cookie header, or None when absent or empty."""
    if not header:
        return None
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _private_data(headers: list[tuple[bytes, bytes]]) -> bool:
    """Return True for a response that is data or a download: stories, reports, exports.

    Those must not stay in a browser's or a proxy's cache, where the next user of a shared
    computer could read them.
    """
    for name, value in headers:
        key = bytes(name).lower()
        if key == b"content-disposition":
            return True
        if key == b"content-type" and b"json" in bytes(value).lower():
            return True
    return False


def _valid_sid(value: str | None) -> bool:
    return (
        value is not None
        and 16 <= len(value) <= 64
        and value.replace("-", "").replace("_", "").isalnum()
    )


class Guard:
    """ASGI middleware: Host check, body size limit, and the session cookie (see the module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Iterable[str],
        max_bytes: int,
        render_error: ErrorRenderer,
        secure_cookies: bool = False,
    ) -> None:
        self.app = app
        self.cookie_flags = "; Secure" if secure_cookies else ""
        hosts = {h.lower().strip("[]") for h in allowed_hosts}
        self.any_host = "*" in hosts
        self.hosts = frozenset(hosts)
        self.max_bytes = max_bytes
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        wants_json = path.startswith("/api/") or path.endswith(".json")
        if not self.any_host:
            host = _host_name(header_value(scope, b"host") or "")
            if host not in self.hosts:
                await self._error(
                    send, 400, "This server does not answer to that host name.", wants_json
                )
                return
        length = header_value(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._error(send, 413, str(RequestTooLarge(self.max_bytes).detail), wants_json)
            return
        receive = self._limited(receive)
        extra: list[tuple[bytes, bytes]] = []
        if not path.startswith(_STATELESS_PREFIXES):
            sid = cookie_value(header_value(scope, b"cookie"), SESSION_COOKIE)
            if not _valid_sid(sid):
                sid = secrets.token_urlsafe(_SID_BYTES)
                cookie = (
                    f"{SESSION_COOKIE}={sid}; Path=/; HttpOnly; SameSite=Strict{self.cookie_flags}"
                )
                extra.append((b"set-cookie", cookie.encode("latin-1")))
            scope.setdefault("state", {})["session_id"] = sid

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {bytes(name).lower() for name, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in present]
                if b"cache-control" not in present and _private_data(headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.max_bytes

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise RequestTooLarge(limit)
            return message

        return limited

    async def _error(self, send: Send, status: int, message: str, wants_json: bool) -> None:
        body, content_type = self.render_error(status, message, wants_json)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", content_type.encode("latin-1")),
                    (b"content-length", str(len(body)).encode("ascii")),
                    (b"connection", b"close"),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
