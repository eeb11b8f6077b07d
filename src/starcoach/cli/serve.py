"""`starcoach serve`: run the web app on this computer (localhost by default).

The web stack (FastAPI, uvicorn) is imported only when the command runs, so other commands never
pay for it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from typing import Annotated

import typer

from starcoach.cli.output import fail
from starcoach.web import ENV_ALLOWED_HOSTS, ENV_SECRET, ENV_SECURE_COOKIES, ENV_TEAM

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
IDLE_TIMEOUT_S = 5
MAX_HEADER_BYTES = 64 * 1024
MAX_CONNECTIONS = 256
"""Connections served at once; beyond it new requests get 503 at once instead of queueing."""
HEADER_TIMEOUT_S = 10
"""A request line and headers must be complete this long after the connection opens or after the
previous response, else the connection is closed (a client that trickles its headers)."""
BODY_GRACE_S = 10
BODY_MIN_BYTES_PER_S = 1024
"""After the grace period, a request body must keep arriving at least this fast on average."""

HELP = (
    "Run the web app: check answers, read the guide, keep your stories, practise, and see your "
    "progress in the browser.\n\n"
    "It listens on 127.0.0.1 (this computer only); another --host needs --open-to-network, since "
    "there are no accounts. It uses the same database as the other commands "
    "(STARCOACH_DATABASE_URL, else SQLite in your data directory).\n\n"
    "With --team it is the team server: every page needs a signed-in account (see `starcoach "
    "admin`), and the database must be PostgreSQL (docs/server.md)."
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


_WILDCARDS = {"0.0.0.0", "::", ""}


def allowed_hosts_for(host: str, named: Sequence[str] = ()) -> list[str]:
    """Return the Host names the app answers to when bound to `host`.

    Always the loopback names and the names given (`--allowed-host`, `STARCOACH_WEB_ALLOWED_HOSTS`).
    Bound to one network address, that address too; bound to every address, this computer's own name
    and addresses. Any name at all only when "*" is given, so a page elsewhere cannot reach the app
    through a name it controls (DNS rebinding).
    """
    names = ["localhost", "127.0.0.1", "::1"]
    if host not in _LOOPBACK:
        names += [host] if host not in _WILDCARDS else _this_computer()
    names += [n.strip().lower() for n in named if n.strip()]
    return list(dict.fromkeys(n.strip("[]") for n in names))


def _this_computer() -> list[str]:
    """Return this computer's host name, its full name and the addresses that name resolves to."""
    name = socket.gethostname()
    names = [name.lower(), socket.getfqdn(name).lower()]
    try:
        infos = socket.getaddrinfo(name, None)
    except OSError:
        infos = []
    return names + [str(info[4][0]) for info in infos]


def _named_hosts(given: list[str]) -> list[str]:
    """Return the host names given on the command line and in the environment."""
    from_env = os.environ.get(ENV_ALLOWED_HOSTS, "").split(",")
    return [n for n in [*given, *from_env] if n.strip()]


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
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            metavar="NAME",
            help="A host name people use to reach the server (repeatable; also "
            "STARCOACH_WEB_ALLOWED_HOSTS, comma-separated). '*' answers to any name.",
            show_default=False,
        ),
    ] = None,
    open_to_network: Annotated[
        bool,
        typer.Option(
            "--open-to-network",
            help="Confirm serving beyond this computer: there are no accounts, so anyone who can "
            "reach the address can read and change every story.",
        ),
    ] = False,
    team: Annotated[
        bool,
        typer.Option(
            "--team",
            help="Run the team server: sign-in required on every page and JSON route, accounts "
            "managed with `starcoach admin`, PostgreSQL required.",
        ),
    ] = False,
    behind_tls: Annotated[
        bool,
        typer.Option(
            "--behind-tls",
            help="With --team: browsers reach the server over HTTPS (a TLS reverse proxy), so "
            "cookies are marked Secure.",
        ),
    ] = False,
) -> None:
    """Run the web app until Ctrl-C."""
    from starcoach.storage.db import ENV_DATABASE_URL, describe_url, open_database
    from starcoach.storage.errors import DatabaseUnavailable

    if team:
        _check_team(database_url or os.environ.get(ENV_DATABASE_URL, "").strip())
    elif behind_tls:
        fail("--behind-tls belongs to the team server; add --team")
    if host not in _LOOPBACK and not open_to_network and not team:
        fail(
            f"not listening on {host}: starcoach has no accounts yet, so anyone who can reach that "
            "address could read and change every story; use the default 127.0.0.1, or add "
            "--open-to-network to accept that on a network you trust"
        )

    from starcoach.config import ConfigError, load_settings

    try:
        load_settings()
    except ConfigError as exc:
        fail(str(exc))
    try:
        database = open_database(database_url or None)
    except DatabaseUnavailable as exc:
        fail(str(exc))
    where = describe_url(database.url)
    if team:
        from starcoach.accounts import Accounts

        if not Accounts(database).has_admin():
            typer.echo(
                "note: this server has no admin yet; create one with `starcoach admin create`"
            )
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
    os.environ.pop(ENV_TEAM, None)
    os.environ.pop(ENV_SECURE_COOKIES, None)
    if team:
        os.environ[ENV_TEAM] = "1"
        if behind_tls:
            os.environ[ENV_SECURE_COOKIES] = "1"
    os.environ[ENV_ALLOWED_HOSTS] = ",".join(
        allowed_hosts_for(host, _named_hosts(allowed_host or []))
    )
    shown = f"[{host}]" if ":" in host else host
    what = "the starcoach team server" if team else "starcoach"
    typer.echo(f"{what} is running at http://{shown}:{port}/  (database: {where})")
    if team:
        typer.echo(
            "note: every page needs a signed-in account; stories and practice are per account, "
            "coaches see their cohorts' progress and shared stories, interviewers the kits of their panels"
            + (
                ""
                if behind_tls
                else " (cookies are not marked Secure: add --behind-tls behind HTTPS)"
            )
        )
    elif host not in _LOOPBACK:
        typer.echo(
            "note: listening beyond this computer; anyone who can reach this address can use it "
            f"(host names it answers to: {os.environ[ENV_ALLOWED_HOSTS]})"
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
        # An idle keep-alive connection is closed after a few seconds, and a request whose headers
        # or body trickle in is cut off (serveprotocol.py), so idle or stalled clients cannot hold
        # connections open; request headers over 64 KiB get 431. The h11 protocol is named
        # explicitly: its parser is the one the deadlines and the header cap extend.
        http="starcoach.cli.serveprotocol:SlowClientGuard",
        timeout_keep_alive=IDLE_TIMEOUT_S,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=10,
    )


def _check_team(url: str) -> None:
    """Stop with a clear message unless the team server can run: PostgreSQL and argon2-cffi."""
    from starcoach.accounts.model import AccountError, require_postgresql

    try:
        require_postgresql(url)
    except AccountError as exc:
        fail(str(exc))
    try:
        import argon2  # noqa: F401
    except ImportError:
        fail(
            "the team server hashes passwords with argon2-cffi, which is not installed: "
            "pip install 'starcoach[team]'"
        )


def register(app: typer.Typer) -> None:
    """Add the `serve` command to the CLI."""
    app.command(name="serve", help=HELP)(serve)
