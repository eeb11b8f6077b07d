"""The HTTP protocol `starcoach serve` runs: uvicorn's h11 protocol with deadlines for slow clients.

uvicorn closes an idle keep-alive connection, but once a client has sent one byte of a request it
waits for the rest forever, so a client that trickles its request headers (a "slowloris") holds a
connection for as long as it likes. This protocol closes a connection whose request line and headers
are not complete within `HEADER_TIMEOUT_S` of the connection opening or of the previous response,
and one whose request body, while the app waits for it, arrives slower than
`BODY_MIN_BYTES_PER_S` (after a grace of `BODY_GRACE_S`). A request line and headers longer than
`MAX_HEADER_BYTES` get 431 and the connection is closed, however fast they arrive (h11's own cap,
`h11_max_incomplete_event_size`, applies only while headers are still incomplete in its buffer).

It is the h11 protocol, chosen explicitly: its parser state tells when a request's headers are
complete. uvicorn imports this module by name in each worker process.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from starcoach.cli.serve import (
    BODY_GRACE_S,
    BODY_MIN_BYTES_PER_S,
    HEADER_TIMEOUT_S,
    MAX_HEADER_BYTES,
)

_TOO_LARGE = b"The request's headers are too large."
_TOO_LARGE_RESPONSE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n"
    b"connection: close\r\n\r\n" + _TOO_LARGE
)


class SlowClientGuard(H11Protocol):
    """uvicorn's h11 protocol that closes connections whose requests arrive too slowly."""

    header_timeout_s: float = HEADER_TIMEOUT_S
    body_grace_s: float = BODY_GRACE_S
    body_min_bytes_per_s: float = BODY_MIN_BYTES_PER_S
    max_header_bytes: int = MAX_HEADER_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        self._waiting_since: object = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._body_started = 0.0
        self._body_bytes = 0

    # --- headers: from the connection opening, or the previous response, to a complete request

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        self._cancel_body_timer()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._cancel_body_timer()
        if not self.transport.is_closing():
            self._await_headers()
        super().on_response_complete()

    def handle_events(self) -> None:
        super().handle_events()
        if self._header_timer is not None and self.cycle is not self._waiting_since:
            # A new request's headers are complete: the app has it now.
            self._cancel_header_timer()
            self._start_body_clock()
        if self._body_timer is not None and self.cycle is not None and not self.cycle.more_body:
            self._cancel_body_timer()

    def data_received(self, data: bytes) -> None:
        if self._body_timer is not None:
            self._body_bytes += len(data)
        if self._header_timer is not None and self._headers_too_large(data):
            self._cancel_header_timer()
            self.logger.info("Refusing a request whose headers are too large.")
            self.transport.write(_TOO_LARGE_RESPONSE)
            self._close()
            return
        super().data_received(data)

    def _headers_too_large(self, data: bytes) -> bool:
        """Return True when the request awaited has more header bytes than the cap."""
        if self.cycle is not self._waiting_since:
            return False
        pending = self.conn.trailing_data[0] + data
        if len(pending) <= self.max_header_bytes:
            return False
        return pending.find(b"\r\n\r\n", 0, self.max_header_bytes + 4) < 0

    def _await_headers(self) -> None:
        self._cancel_header_timer()
        self._waiting_since = self.cycle
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is not self._waiting_since or self.transport.is_closing():
            return
        self.logger.info("Closing a connection whose request headers came too slowly.")
        self._close()

    # --- body: while the app waits for it, at least BODY_MIN_BYTES_PER_S after a grace period

    def _start_body_clock(self) -> None:
        self._cancel_body_timer()
        if self.cycle is None or not self.cycle.more_body or self.transport.is_closing():
            return
        self._body_started = time.monotonic()
        self._body_bytes = 0
        self._body_timer = self.loop.call_later(self.body_grace_s, self._check_body_rate)

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _check_body_rate(self) -> None:
        self._body_timer = None
        cycle = self.cycle
        if cycle is None or not cycle.more_body or cycle.response_complete:
            return
        if self.transport.is_closing():
            return
        if self.flow.read_paused:
            # The app has not yet read what came: the client is not the slow one; start again.
            self._start_body_clock()
            return
        now = time.monotonic()
        due = self._body_started + self.body_grace_s + self._body_bytes / self.body_min_bytes_per_s
        if now < due:
            self._body_timer = self.loop.call_later(due - now, self._check_body_rate)
            return
        self.logger.info("Closing a connection whose request body came too slowly.")
        self._close()

    def _close(self) -> None:
        if self.conn.our_state not in (h11.ERROR, h11.CLOSED, h11.MUST_CLOSE):
            with contextlib.suppress(h11.LocalProtocolError):
                self.conn.send(h11.ConnectionClosed())
        self.transport.close()
