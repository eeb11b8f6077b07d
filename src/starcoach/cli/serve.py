"""`starcoach serve`: run the web app on this computer (localhost by default).

The web stack (FastAPI, uvicorn) is imported only when the command runs, so other commands never
pay for it.
"""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from starcoach.cli.output import fail
from starcoach.web import ENV_ALLOWED_HOSTS, ENV_SECRET

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
IDLE_TIMEOUT_S = 5
MAX_HEADER_BYTES = 64 * 1024
MAX_CONNECTIONS = 256
"""Connections served at once; beyond it new requests get 503 at once instead of queueing."""

HELP = (
    "Run the web app: check answers, read the guide, keep your stories, practise, and see your "
    "progress in the browser.\n\n"
    "It listens on 127.0.0.1 (this computer only) unless --host says otherwise, and uses the same "
    "database as the other commands (STARCOACH_DATABASE_URL, else SQLite in your data directory)."
)

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def allowed_hosts_for(host: str) -> list[str]:
    """Return the Host names the app should answer to when bound to `host`."""
    if host in _LOOPBACK:
        return ["localhost", "127.0.0.1", "::1"]
    # Bound to a network address, people reach it by names this command cannot know.
    return ["*"]


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = DEFAULT_PORT,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            help="Database to use (default: STARCOACH_DATABASE_URL, else SQLite in your data directory).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(help="Worker processes (more than one suits a shared server).", min=1, max=64),
    ] = 1,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request line.")
    ] = False,
) -> None:
    """Run the web app until Ctrl-C."""
    from starcoach.storage.db import ENV_DATABASE_URL, describe_url, open_database
    from starcoach.storage.errors import DatabaseUnavailable

    try:
        database = open_database(database_url or None)
    except DatabaseUnavailable as exc:
        fail(str(exc))
    where = describe_url(database.url)
    database.close()
    if not _port_free(host, port):
        fail(
            f"cannot listen on {host}:{port}: the port is in use or not available; choose another with --port"
        )

    import secrets

    import uvicorn

    # The app is built by uvicorn from the environment (in each worker process, when there are
    # several): the database, the host names, and one CSRF secret, so a form served by one worker
    # is accepted by another.
    if database_url:
        os.environ[ENV_DATABASE_URL] = database_url
    os.environ.setdefault(ENV_SECRET, secrets.token_hex(32))
    os.environ[ENV_ALLOWED_HOSTS] = ",".join(allowed_hosts_for(host))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"starcoach is running at http://{shown}:{port}/  (database: {where})")
    if host not in _LOOPBACK:
        typer.echo(
            "note: listening beyond this computer; anyone who can reach this address can use it"
        )
    typer.echo("Press Ctrl-C to stop.")
    uvicorn.run(
        "starcoach.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="warning",
        server_header=False,
        # An idle keep-alive connection is closed after a few seconds, so idle or stalled clients
        # cannot hold connections open; request headers are capped at 64 KiB.
        timeout_keep_alive=IDLE_TIMEOUT_S,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=10,
    )


def register(app: typer.Typer) -> None:
    """Add the `serve` command to the CLI."""
    app.command(name="serve", help=HELP)(serve)
