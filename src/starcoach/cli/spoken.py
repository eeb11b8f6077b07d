"""`starcoach check --audio FILE` and `--transcript FILE`: a spoken answer checked whole.

Imported only when one of those options is given, so a plain `check` never loads the speech stack.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from starcoach.cli.output import fail, note, print_rich, write_stdout

if TYPE_CHECKING:
    from starcoach.speech.spoken import SpokenAnswer
    from starcoach.speech.transcribe import Transcription


def progress_bar(label: str) -> tuple[AbstractContextManager[object], Callable[[float], None]]:
    """Return a progress bar on stderr (a context) and the callback that moves it (0 to 1)."""
    if not sys.stderr.isatty():
        return nullcontext(), lambda _share: None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        TaskProgressColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(label, total=1.0)
    return bar, lambda share: bar.update(task, completed=share)


def transcribe_file(path: str, model: str | None) -> Transcription:
    """Return the transcription of `path` with a progress bar, or exit 2 with a one-line reason."""
    from starcoach.speech.errors import SpeechError
    from starcoach.speech.transcribe import transcribe

    context, advance = progress_bar("Transcribing")
    try:
        with context:
            return transcribe(path, model=model, progress=advance)
    except SpeechError as exc:
        fail(str(exc))


def spoken_answer(
    audio: str | None,
    transcript_file: str | None,
    model: str | None,
    question: str | None,
    role: str | None,
) -> SpokenAnswer:
    """Return the spoken check of an audio file or an imported transcript; exit 2 on bad input."""
    from starcoach.content import UnknownQuestionError, UnknownRoleError
    from starcoach.speech.errors import SpeechError
    from starcoach.speech.spoken import check_spoken

    if audio is not None and transcript_file is not None:
        fail("give either --audio or --transcript, not both")
    silences = None
    if audio is not None:
        result = transcribe_file(audio, model)
        transcript = result.transcript
        silences = result.silences
        note(
            f"transcribed {result.audio_seconds:.0f} s of audio in {result.seconds_taken:.1f} s "
            f"(model {transcript.model})"
        )
    else:
        assert transcript_file is not None
        from starcoach.speech.imported import read_transcript

        try:
            transcript = read_transcript(transcript_file)
        except SpeechError as exc:
            fail(str(exc))
    try:
        return check_spoken(transcript, question, role, silences=silences)
    except (UnknownQuestionError, UnknownRoleError) as exc:
        fail(str(exc))


def write_spoken(answer: SpokenAnswer, output_format: str) -> None:
    """Write the transcript, delivery and content report in `output_format`."""
    if output_format == "json":
        import json

        from starcoach.speech.spoken import spoken_to_json

        write_stdout(json.dumps(spoken_to_json(answer), indent=2, ensure_ascii=False) + "\n")
    elif output_format == "markdown":
        from starcoach.render.markdown import report_to_markdown
        from starcoach.speech.render import spoken_to_markdown

        write_stdout(spoken_to_markdown(answer) + report_to_markdown(answer.report))
    else:
        from starcoach.render.text import render_report
        from starcoach.speech.render import spoken_to_text

        write_stdout(spoken_to_text(answer))
        print_rich(render_report(answer.report))
