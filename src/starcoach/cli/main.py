"""The `starcoach` command: one Typer app with a sub-command per noun.

Command modules import their heavy dependencies inside the command functions, so that
`starcoach check FILE` starts fast from a cold process.
"""

from __future__ import annotations

import typer

app = typer.Typer(
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

from starcoach.cli import kit, serve  # noqa: E402

kit.register(app)

serve.register(app)


def run() -> None:
    """Run the command-line interface."""
    app()
