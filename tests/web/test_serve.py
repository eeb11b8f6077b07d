"""`starcoach serve`: its options, the host names it answers to, and a clear error for a busy port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from tests.reliability.live_server import starcoach_serve
from typer.testing import CliRunner

from starcoach.cli.main import app
from starcoach.cli.serve import allowed_hosts_for


def test_loopback_serves_only_loopback_names_and_a_network_address_its_own() -> None:
    assert set(allowed_hosts_for("127.0.0.1")) == {"localhost", "127.0.0.1", "::1"}
    assert set(allowed_hosts_for("192.0.2.7")) == {"localhost", "127.0.0.1", "::1", "192.0.2.7"}
    everywhere = allowed_hosts_for("0.0.0.0")
    assert "*" not in everywhere
    assert socket.gethostname().lower() in everywhere


def test_named_hosts_are_added_and_any_name_only_when_asked() -> None:
    assert allowed_hosts_for("127.0.0.1", ["Coach.Example.org ", ""])[-1] == "coach.example.org"
    assert "*" in allowed_hosts_for("0.0.0.0", ["*"])


def test_serve_refuses_a_network_address_without_confirmation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "no accounts" in result.output and "--open-to-network" in result.output
    assert not list(tmp_path.iterdir()), "nothing is created before the refusal"


def _get(port: int, host_header: str) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(
            f"GET /stories.json HTTP/1.1\r\nHost: {host_header}\r\nConnection: close\r\n\r\n".encode()
        )
        return int(conn.makefile("rb").readline().split()[1])


def test_a_shared_server_answers_its_names_and_refuses_a_foreign_one(tmp_path: Path) -> None:
    args = ("--host", "0.0.0.0", "--open-to-network", "--allowed-host", "team.example.org")
    named = {"STARCOACH_WEB_ALLOWED_HOSTS": "coach.example.org"}
    with starcoach_serve(str(tmp_path), *args, env=named) as port:
        assert _get(port, "coach.example.org") == 200
        assert _get(port, f"team.example.org:{port}") == 200
        assert _get(port, "attacker.example.net") == 400


def test_serve_refuses_a_busy_port_with_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert "in use" in result.output


def test_serve_refuses_a_database_it_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    result = CliRunner().invoke(
        app, ["serve", "--database-url", "postgresql+psycopg://u:hidden-pw@127.0.0.1:1/x"]
    )
    assert result.exit_code == 2
    assert "hidden-pw" not in result.output


def test_the_cli_entry_point_does_not_import_the_web_stack() -> None:
    code = (
        "import sys; import starcoach.cli.main\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'uvicorn', 'jinja2') or m.startswith('starcoach.web.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
