"""The top-level command: help for every command, one-line usage errors, exit codes, Ctrl-C."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from starcoach.cli.main import app

runner = CliRunner()


def _commands() -> list[list[str]]:
    """Return the path of every command and group, e.g. ["story", "new"]."""
    paths: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


COMMANDS = _commands()


def test_the_walk_finds_the_nested_commands() -> None:
    assert ["story", "new"] in COMMANDS
    assert ["rules", "explain"] in COMMANDS
    assert len(COMMANDS) > 15


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "starcoach")
def test_every_command_has_help_text_and_no_bool_placeholder(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    summary = (command.help or command.short_help or "").strip()
    assert len(summary.split()) >= 3, path
    assert " ".join(summary.split()[:3]) in " ".join(result.stdout.split())
    assert "<bool>" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--bogus"], ["No such option: --bogus", "'starcoach check --help'"]),
        (["story", "lst"], ["No such command 'lst'", "'starcoach story --help'"]),
        (["check", "--example", "--format", "xml"], ["'xml' is not one of", "--format"]),
        (["rules", "explain"], ["Missing argument"]),
    ],
)
def test_usage_errors_are_one_line_not_a_panel(args: list[str], words: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("starcoach: error: ")
    for word in words:
        assert word in lines[0]
    assert "╭" not in result.stderr and "Value error" not in result.stderr
    assert result.stdout == ""


def test_empty_role_is_rejected_like_an_empty_question() -> None:
    for option in ("--question", "--role", "-r", "-q"):
        result = runner.invoke(app, ["check", "--example", option, ""])
        assert result.exit_code == 2, (option, result.output)
        assert result.stderr.startswith("starcoach: error: ")
        assert "is empty" in result.stderr


def _program() -> tuple[str, list[str]]:
    script = Path(sys.executable).with_name("starcoach")
    if script.exists():
        return str(script), []
    return sys.executable, ["-c", "from starcoach.cli.main import run; run()"]


def test_ctrl_c_while_pasting_an_answer_exits_130(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARCOACH_")}
    env.update({"STARCOACH_DATA_DIR": str(tmp_path), "NO_COLOR": "1"})
    program, prefix = _program()
    child = pexpect.spawn(program, [*prefix, "check"], env=env, timeout=30)
    child.expect(rb"Paste your answer")
    child.sendline(b"I led the move of our ward to electronic handover notes.")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert b"cancelled" in child.before


def test_one_exit_code_table_documents_every_code() -> None:
    root = Path(__file__).parent.parent
    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    section = doc.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| `")]
    assert [line.split("`")[1] for line in table] == ["0", "1", "2", "130"]
    assert "docs/cli.md" in (root / "README.md").read_text(encoding="utf-8")
    # The codes the commands use are the ones the table lists.
    from starcoach.cli import output

    assert (output.EXIT_OK, output.EXIT_FINDINGS, output.EXIT_USAGE, output.EXIT_INTERRUPTED) == (
        0,
        1,
        2,
        130,
    )
