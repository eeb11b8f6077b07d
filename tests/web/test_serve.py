"""`starcoach serve`: its options, the host names it answers to, and a clear error for a busy port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starcoach.cli.main import app
from starcoach.cli.serve import allowed_hosts_for


def test_loopback_serves_only_loopback_names_and_a_network_address_any() -> None:
    assert set(allowed_hosts_for("127.0.0.1")) == {"localhost", "127.0.0.1", "::1"}
    assert allowed_hosts_for("0.0.0.0") == ["*"]


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
