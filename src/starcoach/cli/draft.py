"""`starcoach draft ID --question Q`: a first spoken-length answer from a story, then its report."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from starcoach.cli.output import fail, note, print_rich, write_stdout
from starcoach.cli.roles import read_role_id

HELP = (
    "Write a first draft of your answer to one prompt from a stored story, fitted to the time an "
    "interviewer expects, and show the analyzer's report on it.\n\n"
    "The draft reuses your own words from the story; edit it until it sounds like you."
)
EPILOG = (
    "Exit codes: 0 done; 2 usage or input error (unknown story, prompt or role, or a story with "
    "nothing for the prompt yet)."
)


class DraftFormat(StrEnum):
    """How the draft and its report are written."""

    text = "text"
    json = "json"
    markdown = "markdown"


def draft(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="The story to draft from.")],
    question: Annotated[
        str,
        typer.Option(
            "--question",
            "-q",
            metavar="PROMPT",
            help="The prompt: proud, challenge, pushback, difficult_person, failure, feedback, "
            "improvement, or the question's words.",
        ),
    ] = "proud",
    role: Annotated[
        str | None,
        typer.Option("--role", "-r", help="The role interviewed for.", show_default=False),
    ] = None,
    output_format: Annotated[
        DraftFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = DraftFormat.text,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show the full report on the draft, not its summary."),
    ] = False,
) -> None:
    """Draft an answer to one prompt from a story and analyze it."""
    from starcoach.analysis.question import resolve_question
    from starcoach.cli.story import get_story, open_story_store
    from starcoach.content import UnknownQuestionError, UnknownRoleError
    from starcoach.stories.drafts import FOCUS, DraftUnavailable, draft_answer

    if not question.strip():
        fail("--question is empty; give a prompt id or the question's words")
    role_id = read_role_id(role)
    try:
        question_id = resolve_question(question)[0]
    except UnknownQuestionError as exc:
        fail(str(exc))
    if question_id not in FOCUS:
        valid = ", ".join(FOCUS)
        fail(f"{question!r} is not one of the seven core prompts ({valid})")
    story = get_story(open_story_store(), story_id)
    try:
        result = draft_answer(story, question_id, role=role_id)
    except DraftUnavailable as exc:
        fail(str(exc))
    except (UnknownQuestionError, UnknownRoleError) as exc:
        fail(str(exc))
    if result.dropped:
        fields = ", ".join(dict.fromkeys(f.split("[")[0] for f in result.dropped))
        note(f"left out to fit the time target: {fields}")

    if output_format is DraftFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.stories.documents import draft_document

        write_json(draft_document(result))
        return
    if output_format is DraftFormat.markdown:
        from starcoach.render.markdown import escape_block, report_to_markdown

        heading = f"# Draft: {question_id} from {story.id}\n\n"
        write_stdout(
            heading + escape_block(result.text) + "\n\n" + report_to_markdown(result.report)
        )
        return

    from rich.console import Group
    from rich.text import Text

    from starcoach.render.text import render_report

    intro = Text(f"Draft answer to the {question_id} prompt, from {story.id}", style="bold")
    hint = Text(
        "A first draft in your own words: say it out loud, cut what you would not say, and "
        "fix what the report below points at.",
        style="dim",
    )
    print_rich(
        Group(
            intro,
            hint,
            Text(""),
            Text(result.text),
            Text(""),
            render_report(result.report, verbose=verbose),
        )
    )


def register(app: typer.Typer) -> None:
    """Add the `draft` command to `app`."""
    app.command("draft", help=HELP, epilog=EPILOG)(draft)
