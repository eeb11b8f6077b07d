"""Refuse JSON request bodies that are not valid JSON text, before any route sees them.

A JSON string may spell a lone UTF-16 surrogate (`"\\udc00"`), which Python's parser accepts and
nothing downstream can encode: every route that echoed or stored it failed with a 500. Checked
here once, for every route: a body sent as JSON must parse under orjson, which follows the JSON
standard strictly (no lone surrogates, no NaN, valid UTF-8). Otherwise the answer is 400 with a
sentence saying what is wrong, and the connection stays usable.
"""

from __future__ import annotations

import orjson

from starcoach.web.security import (
    ASGIApp,
    Message,
    Receive,
    RequestTooLarge,
    Scope,
    Send,
    header_value,
)


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def problem_with(body: bytes) -> str | None:
    """Return why `body` is not valid JSON text, or None when it is."""
    try:
        orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        reason = str(exc).split(":", 1)[0]
        if "surrogate" in str(exc):
            reason = "it contains a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text"
        return f"The request body is not valid JSON: {reason}."
    return None


class JSONBodyCheck:
    """ASGI middleware: a body sent as JSON must be valid JSON text (see the module doc)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("POST", "PUT", "PATCH")
            or not _is_json(header_value(scope, b"content-type"))
        ):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        try:
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    await self.app(scope, _replay(message, receive), send)
                    return
                chunks.append(message.get("body", b""))
                more = message.get("more_body", False)
        except RequestTooLarge as exc:
            await _answer(send, 413, str(exc.detail), close=True)
            return
        body = b"".join(chunks)
        problem = problem_with(body) if body else None
        if problem is not None:
            await _answer(send, 400, problem)
            return
        await self.app(scope, _replay({"type": "http.request", "body": body}, receive), send)


async def _answer(send: Send, status: int, detail: str, *, close: bool = False) -> None:
    payload = orjson.dumps({"detail": detail})
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("ascii")),
    ]
    if close:
        # The rest of the body was not read: the connection cannot carry another request.
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def _replay(first: Message, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay
