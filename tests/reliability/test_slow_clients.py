"""Clients that send a request very slowly (a "slowloris") cannot hold a connection: the real
`starcoach serve` closes a connection whose headers are not complete in time, after the connection
opens or after the previous response, and one whose body trickles in, while it keeps serving others.

The three slow clients run at once, so the test takes about one header timeout (10 s) in all.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.reliability.live_server import starcoach_serve

from starcoach.cli.serve import (
    BODY_GRACE_S,
    BODY_MIN_BYTES_PER_S,
    HEADER_TIMEOUT_S,
    MAX_HEADER_BYTES,
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """Start `starcoach serve` on a free port with an empty data directory."""
    with starcoach_serve(str(tmp_path_factory.mktemp("slow-clients"))) as port:
        yield f"http://127.0.0.1:{port}", port


def _trickle(sock: socket.socket, pieces: Iterator[bytes], limit: float) -> tuple[float, bytes]:
    """Send one piece a second until the server closes the connection; return when, and what it sent."""
    started = time.monotonic()
    received = b""
    while time.monotonic() - started < limit:
        readable, _, _ = select.select([sock], [], [], 1.0)
        if readable:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                data = b""
            if not data:
                return time.monotonic() - started, received
            received += data
            continue
        try:
            sock.sendall(next(pieces))
        except (BrokenPipeError, ConnectionResetError):
            return time.monotonic() - started, received
    return float("inf"), received


def _header_lines() -> Iterator[bytes]:
    n = 0
    while True:
        n += 1
        yield f"X-Slow-{n}: still here\r\n".encode()


def _body_bytes() -> Iterator[bytes]:
    while True:
        yield b"x" * 16


def _read_response(sock: socket.socket) -> bytes:
    """Read one response with a Content-Length body from a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head


def test_slow_headers_and_bodies_are_cut_off_while_others_are_served(
    served: tuple[str, int],
) -> None:
    base, port = served
    results: dict[str, tuple[float, bytes]] = {}
    limit = HEADER_TIMEOUT_S + 5

    def slow_headers() -> None:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            results["headers"] = _trickle(sock, _header_lines(), limit)

    def slow_after_a_response() -> None:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            head = _read_response(sock)
            assert head.startswith(b"HTTP/1.1 200"), head
            sock.sendall(b"GET /check HTTP/1.1\r\n")
            results["keep-alive"] = _trickle(sock, _header_lines(), limit)

    def slow_body() -> None:
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(
                b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            )
            results["body"] = _trickle(sock, _body_bytes(), BODY_GRACE_S + 5)

    threads = [
        threading.Thread(target=target)
        for target in (slow_headers, slow_after_a_response, slow_body)
    ]
    for thread in threads:
        thread.start()
    # While they trickle, ordinary requests on other connections are served at once.
    served_in: list[float] = []
    for _ in range(3):
        time.sleep(2)
        started = time.monotonic()
        response = httpx.get(base + "/check", timeout=5)
        served_in.append(time.monotonic() - started)
        assert response.status_code == 200
    for thread in threads:
        thread.join(limit + 5)

    print(
        "closed after (s):",
        {k: round(v[0], 2) for k, v in results.items()},
        "others served in (s):",
        [round(s, 3) for s in served_in],
    )
    assert max(served_in) < 1.0
    for name in ("headers", "keep-alive"):
        seconds, sent = results[name]
        assert HEADER_TIMEOUT_S - 0.5 <= seconds <= HEADER_TIMEOUT_S + 1.5, (name, seconds)
        assert sent == b"", (name, sent)  # closed without a response: the request never came
    seconds, _ = results["body"]
    # 16 bytes a second is far below the floor: cut off about when the grace period ends.
    assert BODY_GRACE_S - 0.5 <= seconds <= BODY_GRACE_S + 16 * 12 / BODY_MIN_BYTES_PER_S + 1.5


def test_request_headers_over_the_cap_are_refused(served: tuple[str, int]) -> None:
    _, port = served
    filler = b"X-Filler: " + b"a" * 1000 + b"\r\n"
    request = b"GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\n" + filler * (
        MAX_HEADER_BYTES // 1000 + 8
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(request + b"\r\n")
            answer = sock.recv(65536)
        except (BrokenPipeError, ConnectionResetError):
            answer = b""
    assert not answer.startswith(b"HTTP/1.1 200"), answer[:80]
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:80]
    # Headers just under the cap are still served.
    small = (
        b"GET /check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + filler * 8 + b"\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(small)
        assert sock.recv(64).startswith(b"HTTP/1.1 200")
