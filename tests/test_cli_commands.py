"""Every command of the `starcoach` app, and each of its options and arguments, has help text; every
command has a line in docs/cli.md, and the page names no command that does not exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from starcoach.cli.main import app

DOC = Path(__file__).parent.parent / "docs" / "cli.md"
_DOCUMENTED = re.compile(r"^\| `starcoach ([a-z][a-z -]*)` \|", re.MULTILINE)


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Yield (command path, command) for every command and group below `command`."""
    if path:
        yield " ".join(path), command
    if hasattr(command, "list_commands"):
        context = command.context_class(command)
        for name in command.list_commands(context):
            yield from _walk(command.get_command(context, name), (*path, name))


COMMANDS = dict(_walk(typer.main.get_command(app), ()))


def test_the_walk_finds_the_commands() -> None:
    assert {"check", "story new", "practice resume", "rules explain", "kit debrief"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"`starcoach {name}` has no help text"
    assert not command.hidden
    bare = [p.name for p in command.params if not getattr(p, "hidden", False) and not p.help]
    assert bare == [], f"`starcoach {name}`: these options and arguments have no help text"


def test_every_command_is_documented_once() -> None:
    documented = _DOCUMENTED.findall(DOC.read_text(encoding="utf-8"))
    listed = [" ".join(name.split()) for name in documented]
    assert sorted(set(COMMANDS) - set(listed)) == [], "add these to the table in docs/cli.md"
    assert sorted(set(listed) - set(COMMANDS)) == [], "docs/cli.md lists commands that do not exist"
    assert len(listed) == len(set(listed))
