"""`starcoach guide`: the seven prompts at a glance, or the full guidance for one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from starcoach.cli.output import bullets, fail, note, print_rich
from starcoach.cli.roles import read_role

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from starcoach.content import Content, Question, Role

HELP = (
    "Show how to answer the core behavioral prompts.\n\n"
    "With no PROMPT, list the seven prompts. With PROMPT (an id such as proud, or a question in "
    "your own words), show why it is asked, what the interviewer listens for, a structure, a "
    "fill-in skeleton, pitfalls, advice by role and the follow-ups to expect."
)


def _resolve_prompt(prompt: str, content: Content) -> Question:
    from starcoach.analysis.question import resolve_question
    from starcoach.content import GENERIC_QUESTION_ID, UnknownQuestionError

    try:
        question_id, source, _text = resolve_question(prompt)
    except UnknownQuestionError as exc:
        fail(f"{exc}; or type the question in your own words")
    if source == "fallback":
        note(f"{prompt!r} matches none of the seven prompts; showing the generic STAR guidance")
    return content.questions.get(question_id) or content.questions[GENERIC_QUESTION_ID]


def _overview(content: Content) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from starcoach.cli.tables import Column, table_block

    columns = [
        Column("id", key=True),
        Column("prompt"),
        Column("often asked as", ratio=2, drop=1),
    ]
    rows: list[list[str | Text]] = [
        [q.id, q.title, f"“{q.phrasings[0]}”" if q.phrasings else ""]
        for q in content.core_questions()
    ]
    hint = Text("Run `starcoach guide ID` for the full guidance on one prompt.", style="dim")
    return Group(table_block(columns, rows, title="The seven core prompts"), hint)


def _section(title: str, body: RenderableType) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    return Group(Text(f"\n{title}", style="bold"), Padding(body, (0, 0, 0, 2), expand=False))


def _detail(question: Question, content: Content, role: Role | None) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    low, high = question.target_seconds
    parts: list[RenderableType] = [
        Text(f"{question.title}  ({question.id})", style="bold underline"),
        _section("Also asked as", bullets([f"“{p}”" for p in question.phrasings])),
        _section("Why interviewers ask it", Text(question.why)),
        _section("What they listen for", Text(question.signal)),
    ]
    steps = Table.grid(padding=(0, 1))
    steps.add_column(no_wrap=True)
    steps.add_column(overflow="fold")
    for k, step in enumerate(question.structure, start=1):
        label = Text(step.label, style="bold")
        if step.part:
            label.append(f" [{step.part}]", style="dim")
        steps.add_row(Text(f"{k}."), Group(label, Text(step.guidance)))
    parts.append(_section("A structure that works", steps))
    parts.append(_section("Fill-in skeleton", Text(question.skeleton, style="italic")))
    if question.example:
        parts.append(_section("An example, for its shape", Text(question.example)))
    parts.append(_section("Pitfalls", bullets(question.pitfalls)))
    advice = Text()
    roles = [role] if role is not None else list(content.roles.values())
    for r in roles:
        tip = question.role_advice.get(r.id)
        if tip is None and role is None:
            continue
        if len(advice):
            advice.append("\n")
        advice.append(f"{r.name}: ", style="bold")
        advice.append(tip or r.focus)
    if role is None:
        others = [r.id for r in content.roles.values() if r.id not in question.role_advice]
        if others:
            advice.append("\n")
            advice.append(
                "For other work, add --role with your job in your own words (e.g. nurse, teacher,"
                f" 'store manager'); roles: {', '.join(others)}.",
                style="dim",
            )
    if len(advice):
        parts.append(_section("Advice by role", advice))
    if role is not None:
        parts.extend(_role_sections(role))
    parts.append(_section("Follow-ups to expect", bullets(question.follow_ups)))
    length = f"{low // 60}:{low % 60:02d} to {high // 60}:{high % 60:02d} spoken"
    parts.append(_section("Length", Text(length)))
    return Group(*parts)


def _role_sections(role: Role) -> list[RenderableType]:

    return [
        _section(f"Outcomes that count in {role.name.lower()}", bullets(role.outcomes)),
        _section(f"What {role.name.lower()} interviewers ask next", bullets(role.follow_ups)),
    ]


def _role_overview(role: Role) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    return Group(
        Text(f"\n{role.name}  ({role.id})", style="bold underline"),
        _section("What interviewers listen for", Text(role.focus)),
        *_role_sections(role),
    )


def guide(
    prompt: Annotated[
        str | None,
        typer.Argument(
            metavar="PROMPT",
            help="A prompt id (e.g. proud, failure) or a question in your own words.",
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="Your job in your own words (e.g. nurse, 'Year 4 teacher'): its advice, the"
            " outcomes that count in it and its follow-ups.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show how to answer the core behavioral prompts."""
    from rich.console import Group

    from starcoach.content import load_content

    content = load_content()
    chosen = read_role(role)
    if prompt is None or not prompt.strip():
        if chosen is not None:
            print_rich(Group(_overview(content), _role_overview(chosen)))
        else:
            print_rich(_overview(content))
        return
    question = _resolve_prompt(prompt, content)
    print_rich(_detail(question, content, chosen))


def register(app: typer.Typer) -> None:
    """Add the `guide` command to `app`."""
    app.command("guide", help=HELP)(guide)
