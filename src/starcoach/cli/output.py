"""Write results to stdout and one-line errors to stderr, the same way for every command.

Errors are a single line, "starcoach: error: ...", followed by exit code 2: scripts can rely on the
code and people get a sentence, never a traceback. Rich is imported only when something is printed
with it, to keep start-up fast.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def _one_line(message: str) -> str:
    # A file name or a question can hold line breaks or escape codes; the error must stay one line.
    return " ".join(_UNPRINTABLE.sub(" ", message).split())


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print `message` as one error line on stderr and exit with `code` (2: usage or input error)."""
    sys.stderr.write(f"starcoach: error: {_one_line(message)}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def note(message: str) -> None:
    """Print an informational line on stderr, leaving stdout to the result."""
    sys.stderr.write(f"starcoach: note: {_one_line(message)}\n")
    sys.stderr.flush()


def write_stdout(text: str) -> None:
    """Write `text` to stdout, ending quietly if the reader has gone (e.g. piped into `head`)."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not complain.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass


def write_file(path: Path, text: str) -> None:
    """Write `text` to the file at `path`; a file that cannot be written ends the command with one line."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def write_json(data: object) -> None:
    """Write one JSON document to stdout, indented, non-ASCII kept as typed."""
    import json

    write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_rich(renderable: RenderableType) -> None:
    """Print a Rich renderable to stdout, honouring NO_COLOR, FORCE_COLOR, COLUMNS and pipes."""
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    with console.capture() as capture:
        # Renderables fit the width themselves; crop=False lets tab-separated rows for a pipe run long.
        console.print(renderable, crop=False)
    # Rich pads indented blocks to a common width; trailing spaces only add noise to a file.
    write_stdout("\n".join(line.rstrip(" ") for line in capture.get().split("\n")))


def bullets(items: Sequence[str]) -> RenderableType:
    """Return a bulleted list whose wrapped lines hang under the text, or a dash when empty."""
    from rich.table import Table
    from rich.text import Text

    if not items:
        return Text("—")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", Text(item))
    return grid
