"""`starcoach check`: analyze one answer and show the report as text, JSON or Markdown.

Only the standard library and Typer are imported at module level; the analyzer and the renderers
are imported when the command runs, so `--help` and bad-input errors stay instant.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from starcoach.cli.output import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    fail,
    note,
    print_rich,
    write_stdout,
)
from starcoach.cli.roles import read_role_id

if TYPE_CHECKING:
    from starcoach.analysis.consistency import Reference
    from starcoach.analysis.report import Report

EXAMPLE_QUESTION = "proud"
EXAMPLE_FILE = "proud.txt"

HELP = (
    "Analyze an interview answer: findings that quote your words, STAR parts, scores, probes.\n\n"
    'Reads FILE, or standard input when FILE is "-" or input is piped. With neither, on a '
    "terminal, it asks you to paste the answer. Input is UTF-8 text of at most 100,000 bytes.\n\n"
    "--audio FILE transcribes a spoken answer offline (WAV, MP3, M4A, WebM/Opus; needs the speech "
    "extra) and adds pace, pauses and fillers; --transcript FILE reads a WebVTT, SubRip or text "
    "transcript instead."
)

EPILOG = (
    "Exit codes:\n"
    "0  the answer was checked (findings or not, unless --fail-on says otherwise)\n"
    "1  --fail-on is set and a finding is at least that severe, or the answer was too short or "
    "off-topic to score\n"
    "2  usage or input error: a missing, empty, binary or non-UTF-8 file, input over the size "
    "limit, an unknown question id, an empty --question or --role\n"
    "130  interrupted (Ctrl-C)"
)


class OutputFormat(StrEnum):
    """How the report is written."""

    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(StrEnum):
    """The lowest severity that makes `check` exit with code 1."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"
    none = "none"


def read_example() -> str:
    """Return the bundled example answer (a strong answer to the proud prompt)."""
    from importlib import resources

    return (resources.files("starcoach.content") / "examples" / EXAMPLE_FILE).read_text("utf-8")


def _read_interactive() -> bytes:
    sys.stderr.write(
        "Paste your answer, then finish with Ctrl-D on an empty line (Ctrl-C to cancel).\n"
    )
    sys.stderr.flush()
    try:
        return sys.stdin.buffer.read()
    except KeyboardInterrupt:
        # Exit 130 as every other command does when interrupted.
        sys.stderr.write("\n")
        fail("cancelled; nothing was checked", code=EXIT_INTERRUPTED)


def _load_answer(file: str | None, example: bool) -> tuple[str, str]:
    from starcoach.cli.inputs import (
        MAX_INPUT_BYTES,
        STDIN_NAME,
        InputError,
        decode_answer,
        read_answer_file,
        read_answer_stream,
    )

    if example:
        if file is not None:
            fail("--example analyzes the bundled answer; give either FILE or --example, not both")
        return read_example(), "example"
    try:
        if file is not None and file != "-":
            answer = read_answer_file(file)
        elif file is None and sys.stdin.isatty():
            answer = decode_answer(_read_interactive()[: MAX_INPUT_BYTES + 1], STDIN_NAME)
        else:
            answer = read_answer_stream(sys.stdin.buffer)
    except InputError as exc:
        fail(str(exc))
    if answer.removed_controls:
        count = answer.removed_controls
        note(f"removed {count} control character{'s' if count != 1 else ''} from {answer.source}")
    return answer.text, answer.source


def _story_reference(story_id: str) -> Reference:
    """Return the stored story `story_id` as a reference, or exit 2 when there is no such story."""
    # Storage loads only when a story is asked for, so a plain check starts fast.
    from starcoach.cli.story import get_story, open_story_store
    from starcoach.stories.reference import story_reference

    return story_reference(get_story(open_story_store(), story_id))


def check(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="FILE|-",
            help='The answer as a UTF-8 text file; "-" reads standard input.',
            show_default=False,
        ),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option(
            "--question",
            "-q",
            metavar="ID|TEXT",
            help="The prompt answered: an id such as proud or failure, or the question's words.",
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            "-r",
            help="The job interviewed for in your own words, e.g. nurse, 'store manager' or"
            " software_engineer; a job no role fits gets the general advice.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="How to write the report."),
    ] = OutputFormat.text,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit with 1 when a finding is at least this severe.",
        ),
    ] = FailOn.none,
    example: Annotated[
        bool,
        typer.Option("--example", help="Analyze the bundled example answer to the proud prompt."),
    ] = False,
    audio: Annotated[
        str | None,
        typer.Option(
            "--audio",
            metavar="FILE",
            help="A spoken answer to transcribe offline (WAV, MP3, M4A, WebM/Opus).",
            show_default=False,
        ),
    ] = None,
    transcript: Annotated[
        str | None,
        typer.Option(
            "--transcript",
            metavar="FILE",
            help="A transcript to check: .vtt, .srt or plain text.",
            show_default=False,
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="DIR",
            help="A CTranslate2 Whisper model folder (default: the packaged English tiny model).",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Show the full text report: your answer with the findings marked, every finding"
            " and probe, STAR by sentence, who did what, numbers and the evidence for each score.",
        ),
    ] = False,
    story: Annotated[
        str | None,
        typer.Option(
            "--story",
            "-s",
            metavar="ID",
            help="A story from your bank that the answer must not contradict (team size, dates, role, numbers).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Analyze an interview answer and show the report."""
    if audio is not None or transcript is not None:
        if file is not None or example:
            fail("give the answer once: FILE, --example, --audio or --transcript")
        from starcoach.cli.spoken import spoken_answer, write_spoken

        role_id = read_role_id(role)
        spoken = spoken_answer(audio, transcript, model, question, role_id)
        write_spoken(spoken, output_format.value)
        raise typer.Exit(exit_code(spoken.report, fail_on))
    text, _source = _load_answer(file, example)
    if question is not None and not question.strip():
        fail("--question is empty; give a question id or the question's words")
    role_id = read_role_id(role)
    if example and question is None:
        question = EXAMPLE_QUESTION
    elif question is None:
        # Without a prompt the answer gets the generic STAR checks only; say so, once.
        note(
            "no --question given: checked as a generic STAR answer; name the prompt for its own "
            "checks, e.g. --question failure"
        )

    from starcoach.analysis import analyze
    from starcoach.content import UnknownQuestionError

    reference = _story_reference(story) if story is not None else None
    try:
        report = analyze(
            text,
            question=question,
            role=role_id,
            reference=reference,
        )
    except UnknownQuestionError as exc:
        fail(str(exc))

    if output_format is OutputFormat.json:
        from starcoach.render.json import dumps

        write_stdout(dumps(report) + "\n")
    elif output_format is OutputFormat.markdown:
        from starcoach.render.markdown import report_to_markdown

        write_stdout(report_to_markdown(report))
    else:
        from starcoach.render.text import render_report

        print_rich(render_report(report, verbose=verbose))

    raise typer.Exit(exit_code(report, fail_on))


def exit_code(report: Report, fail_on: FailOn) -> int:
    """Return 1 when `report` has a finding at or above `fail_on` (or abstained), else 0."""
    from starcoach.analysis.report import Severity

    if fail_on is FailOn.none:
        return EXIT_OK
    # An answer that cannot be scored has not passed a gate that asked for a check.
    if report.abstained or report.at_or_above(Severity.parse(fail_on.value)):
        return EXIT_FINDINGS
    return EXIT_OK


def register(app: typer.Typer) -> None:
    """Add the `check` command to `app`."""
    app.command("check", help=HELP, epilog=EPILOG)(check)
