"""`starcoach plan`: the coverage map of the seven prompts against your stories."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from starcoach.cli.output import print_rich

HELP = (
    "Show which of your stories answers each of the seven core prompts, how strong that material "
    "is and what it lacks, and recommend an anchor story when none is marked.\n\n"
    "Strength comes from analyzing a draft built from the story for each prompt: strong, fair, "
    "thin, or missing when the story has nothing for it."
)
EPILOG = "Exit codes: 0 done; 2 the database is unavailable."


class PlanFormat(StrEnum):
    """How the coverage map is written."""

    text = "text"
    json = "json"


def plan(
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = PlanFormat.text,
) -> None:
    """Map the seven prompts against your stories."""
    from starcoach.cli.story import open_story_store
    from starcoach.stories.coverage import coverage_map

    stories = open_story_store().all()
    cmap = coverage_map(stories)
    if output_format is PlanFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.stories.documents import coverage_document

        write_json(coverage_document(cmap, stories))
        return
    from starcoach.cli.story_views import coverage_view

    print_rich(coverage_view(cmap))


def register(app: typer.Typer) -> None:
    """Add the `plan` command to `app`."""
    app.command("plan", help=HELP, epilog=EPILOG)(plan)
