"""Run the web app in a real server process (uvicorn) on a free port, for tests that need real
concurrent connections rather than the in-process test client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(command: list[str], env: dict[str, str], base: str) -> Iterator[str]:
    """Start `command`, wait until `base` answers /check, yield `base`; stop the process afterwards."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/check", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise RuntimeError(f"the server did not start: {output[-2000:]}") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def live_server(database_url: str, workers: int = 1) -> Iterator[str]:
    """Yield the base URL of a uvicorn server on `database_url`; stop it afterwards."""
    port = _free_port()
    env = {**os.environ, "STARCOACH_DATABASE_URL": database_url}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "starcoach.web.app:app_from_environment",
        "--factory",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with running(command, env, f"http://127.0.0.1:{port}") as base:
        yield base


@contextmanager
def starcoach_serve(data_dir: str, *args: str, env: dict[str, str] | None = None) -> Iterator[int]:
    """Yield the port of a real `starcoach serve` (with `args`) on SQLite in `data_dir`."""
    port = _free_port()
    environment = {**os.environ, **(env or {}), "STARCOACH_DATA_DIR": data_dir}
    environment.pop("STARCOACH_DATABASE_URL", None)
    command = [sys.executable, "-c", "from starcoach.cli.main import run; run()", "serve"]
    with running([*command, "--port", str(port), *args], environment, f"http://127.0.0.1:{port}"):
        yield port
