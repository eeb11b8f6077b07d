"""The `starcoach` command: one Typer app with a sub-command per noun.

Command modules import their heavy dependencies inside the command functions, so that
`starcoach check FILE` starts fast from a cold process.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

from starcoach.cli.output import EXIT_INTERRUPTED


def _click_errors() -> tuple[type[Exception], ...]:
    # Typer 0.2x vendors Click and roots its errors in typer.TyperException; older Typer uses Click's.
    base = getattr(typer, "TyperException", None)
    if base is not None:
        return (base,)
    from click.exceptions import ClickException

    return (ClickException,)


_CLICK_ERRORS = _click_errors()

# Typer 0.2x names a flag's type "<bool>" in rich help through this method; older Typer has no such
# method and shows no type for flags, so there is nothing to change there.
_display_type_rich = getattr(TyperOption, "display_type_rich", None)


def _flag_type_hidden(self: TyperOption, ctx: Any) -> str | None:
    # A flag takes no value, so its help row should not name a type ("<bool>").
    if self.is_flag and self.metavar is None:
        return None
    assert _display_type_rich is not None
    result: str | None = _display_type_rich(self, ctx)
    return result


if _display_type_rich is not None:
    TyperOption.display_type_rich = _flag_type_hidden  # type: ignore[method-assign]


class StarcoachGroup(TyperGroup):
    """The top-level group: usage errors as one line, Ctrl-C as exit code 130, everywhere."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; report a usage error as "starcoach: error: ..." and exit 2.

        Around the whole command: a machine failure or a broken config file is one error line
        (`machine_errors`), and every analysis leaves out the rules the user's config switches off
        (the file is read only when something is analyzed).
        """
        from starcoach.analysis.switches import rules_switched_off
        from starcoach.cli.errors import machine_errors
        from starcoach.config import switched_off_rules

        with machine_errors(), rules_switched_off(switched_off_rules):
            return self._run(args, prog_name, complete_var, standalone_mode, **extra)

    def _run(
        self,
        args: Any,
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _CLICK_ERRORS as exc:
            # "starcoach" with no command has already printed its help.
            if type(exc).__name__ != "NoArgsIsHelpError":
                sys.stderr.write(f"starcoach: error: {_usage_message(exc)}\n")
            sys.exit(getattr(exc, "exit_code", 2))
        except (typer.Abort, KeyboardInterrupt, EOFError):
            # Ctrl-C at a prompt: leave the cursor on a fresh line and say so, as the shell would.
            sys.stderr.write("\nstarcoach: cancelled\n")
            sys.exit(EXIT_INTERRUPTED)
        # Ctrl-C elsewhere comes back as 130 from Typer; the commands that can be interrupted
        # mid-input say themselves what was kept.
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _usage_message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    message = _one_line(format_message() if callable(format_message) else str(exc))
    # Typer validates choices with pydantic, whose messages start with its own error kind.
    message = message.replace("Value error, ", "")
    # A usage error knows its command; point at that command's help, on the same line.
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        return f"{message} (see '{ctx.command_path} --help')"
    return message


app = typer.Typer(
    cls=StarcoachGroup,
    name="starcoach",
    help="Prepare, check and rehearse the behavioral interview, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each command module registers itself; its heavy imports wait until the command runs.
from starcoach.cli import check, guide, rules  # noqa: E402

check.register(app)
guide.register(app)
rules.register(app)

from starcoach.cli import draft, plan, story  # noqa: E402

story.register(app)
plan.register(app)
draft.register(app)

from starcoach.cli import history, practice  # noqa: E402

practice.register(app)
history.register(app)

from starcoach.cli import admin, kit, serve  # noqa: E402

kit.register(app)
admin.register(app)

serve.register(app)


def run() -> None:
    """Run the command-line interface."""
    app()
