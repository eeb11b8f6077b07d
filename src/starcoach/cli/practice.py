"""`starcoach practice`: a mock interview in the terminal, on the practice engine.

The command asks one question at a time, reads a multi-line answer (finished by a line holding only a
dot, or Ctrl-D), and after the last question prints the session report. Every answer is stored the
moment it is given; Ctrl-C saves the half-typed answer too and says how to resume. `--answers` reads
the answers from a file or a folder instead, for scripted use.

Only Typer and the standard library are imported at module level: the engine, the analyzer and the
database load when a command runs, so `starcoach --help` and `starcoach check` stay fast.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import typer

from starcoach.cli.output import EXIT_OK, fail, note, write_file, write_stdout
from starcoach.cli.roles import read_role_id
from starcoach.practice.modes import Mode, Style

if TYPE_CHECKING:
    from rich.text import Text

    from starcoach.practice.flow import StartOptions
    from starcoach.practice.report import SessionReport
    from starcoach.practice.session import PracticeSession, Prompt
    from starcoach.practice.timer import AnswerClock
    from starcoach.storage.attempts import AttemptStore, SessionRecord
    from starcoach.storage.db import Database
    from starcoach.stories.model import Story

EXIT_INTERRUPTED = 130
"""Ctrl-C: what was answered is saved; `starcoach practice resume` carries on."""

FINISH = "."
_CONTROLS = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SCRIPT_SEPARATOR = "---"
COMMANDS = ("/skip", "/end", "/clear")

HELP = (
    "Rehearse the interview: an opener, then follow-ups that dig into your answer, then a report.\n\n"
    "Finish each answer with a line holding only a dot (.) or with Ctrl-D. Type /skip to pass on a "
    "question and /end to finish early. Ctrl-C saves your answers so far; `starcoach practice "
    "resume` carries on. Every answer is stored for `starcoach history`."
)

EPILOG = (
    "Modes: single (one prompt, default proud), full (the seven prompts, anchored on one story), "
    "drill (the prompts that test one dimension; the weakest from your history unless --dimension "
    "says). Without --story the anchor story is used when you have one. --answers FILE reads the "
    f"answers in order, separated by lines holding only '{SCRIPT_SEPARATOR}'; --answers DIR reads "
    "<prompt>.txt for each opener and <prompt>.<n>.txt for its n-th follow-up. "
    "Exit codes: 0 done; 2 usage or input error (unknown story, prompt or session, unreadable "
    "answers file, database unavailable); 130 interrupted, answers saved."
)

practice_app = typer.Typer(
    name="practice",
    help=HELP,
    epilog=EPILOG,
    invoke_without_command=True,
    no_args_is_help=False,
)


class ReportFormat(StrEnum):
    """How `practice show` writes a session report."""

    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class ListFormat(StrEnum):
    """How `practice list` writes the sessions."""

    text = "text"
    json = "json"


# --------------------------------------------------------------------------------------------
# Where answers come from


@dataclass(frozen=True)
class Reply:
    """What an answer source hands back for one question."""

    kind: str
    """"text", "skip", "end" or "stop" (input ran out: save and stop)."""
    text: str = ""
    elapsed: float | None = None
    delivery: dict[str, Any] | None = None
    """How a spoken answer was said (--speak)."""
    audio_path: str | None = None


class AnswerSource(Protocol):
    """Something that answers the questions: the terminal, or a script."""

    scripted: bool

    def answer(self, prompt: Prompt, draft: str, time_limit: int | None) -> Reply:
        """Return the reply to `prompt` (a draft is text typed before an interruption)."""
        ...

    @property
    def partial(self) -> str:
        """Return what was typed of the current answer so far."""
        ...


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _line_buffer() -> str:
    try:
        import readline
    except ImportError:
        return ""
    return readline.get_line_buffer()


class _LiveClock:
    """Redraws the answer clock once a second while a line is typed (a terminal only)."""

    def __init__(self, clock: AnswerClock, start: float) -> None:
        import threading

        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (input() then edits lines and keeps an unfinished one)
        self.clock = clock
        self.start = start
        self._reading = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="answer-clock", daemon=True)
        self._thread.start()

    def resume(self) -> None:
        """Start redrawing: a line is being read."""
        self._reading.set()

    def pause(self) -> None:
        """Stop redrawing until the next line is read."""
        self._reading.clear()

    def stop(self) -> None:
        """End the clock's thread."""
        self._stopped.set()
        self._reading.set()
        self._thread.join(timeout=1)

    def _run(self) -> None:
        import shutil

        while not self._stopped.wait(0.25):
            if not self._reading.is_set():
                continue
            width = shutil.get_terminal_size().columns
            text = self.clock.tick(time.monotonic() - self.start, _line_buffer(), width)
            if text and self._reading.is_set():
                sys.stdout.write(text)
                sys.stdout.flush()


class TerminalSource:
    """Answers typed (or piped) on standard input, one multi-line answer at a time."""

    scripted = False

    def __init__(self) -> None:
        self._lines: list[str] = []
        # Bytes that are not UTF-8 become U+FFFD rather than ending the session with an error.
        reconfigure = getattr(sys.stdin, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")

    @property
    def partial(self) -> str:
        """Return what was typed of the current answer so far."""
        return "\n".join(self._lines)

    def answer(self, prompt: Prompt, draft: str, time_limit: int | None) -> Reply:
        """Read lines until a lone dot or the end of input; commands on the first line."""
        self._lines = draft.split("\n") if draft else []
        if draft:
            _say("  (Your unfinished answer was kept; carry on, or type /clear to start over.)")
            for line in self._lines:
                _say(f"  | {line}")
        from starcoach.practice.timer import AnswerClock

        start = time.monotonic()
        clock = AnswerClock(time_limit) if time_limit else None
        live = _LiveClock(clock, start) if clock is not None and _interactive() else None
        try:
            while True:
                elapsed = time.monotonic() - start
                first = not self._lines
                if clock is not None:
                    notice = clock.pending_notice() if self._lines else ""
                    if notice:
                        _say(notice)
                    marker = clock.start_line(elapsed, first)
                else:
                    marker = "> " if first else ". "
                read = self._read(marker, live)
                if read is None:
                    sys.stdout.write("\n")
                    if not self._lines:
                        return Reply("stop")
                    return Reply("text", self._finish(), time.monotonic() - start)
                # Escape sequences (arrow keys, colours pasted from a terminal) are not part of an answer.
                line = _CONTROLS.sub("", read.rstrip("\n").rstrip("\r"))
                command = line.strip().lower()
                if command == FINISH:
                    return Reply("text", self._finish(), time.monotonic() - start)
                if command in COMMANDS and (not self._lines or command == "/clear"):
                    if command == "/clear":
                        self._lines = []
                        _say("  (Cleared; start the answer again.)")
                        continue
                    self._lines = []
                    return Reply(command[1:])
                self._lines.append(line)
        finally:
            if live is not None:
                live.stop()

    def _read(self, marker: str, live: _LiveClock | None) -> str | None:
        """Read one line after `marker`; on a terminal with a clock running, redraw it meanwhile."""
        if live is None:
            sys.stdout.write(marker)
            sys.stdout.flush()
            line = sys.stdin.readline()
            return None if line == "" else line
        live.resume()
        try:
            return input(marker) + "\n"
        except EOFError:
            return None
        except KeyboardInterrupt:
            # Keep the unfinished line with the rest of the draft.
            pending = _line_buffer()
            if pending.strip():
                self._lines.append(pending)
            raise
        finally:
            live.pause()

    def _finish(self) -> str:
        text = "\n".join(self._lines)
        self._lines = []
        return text


class ScriptFileSource:
    """Answers read from one file, in order, separated by lines holding only `---`."""

    scripted = True
    partial = ""

    def __init__(self, text: str) -> None:
        blocks: list[list[str]] = [[]]
        for line in text.splitlines():
            if line.strip() == SCRIPT_SEPARATOR:
                blocks.append([])
            else:
                blocks[-1].append(line)
        self._blocks = ["\n".join(b).strip() for b in blocks]
        self._next = 0

    def answer(self, prompt: Prompt, draft: str, time_limit: int | None) -> Reply:
        """Return the next block; when they run out the session ends."""
        if self._next >= len(self._blocks):
            return Reply("end")
        block = self._blocks[self._next]
        self._next += 1
        if block.lower() in ("/skip", "/end"):
            return Reply(block.lower()[1:])
        return Reply("text", block)


class ScriptDirSource:
    """Answers read from a folder: <prompt>.txt per opener, <prompt>.<n>.txt per follow-up."""

    scripted = True
    partial = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def answer(self, prompt: Prompt, draft: str, time_limit: int | None) -> Reply:
        """Return the file's text for this question, or skip it when there is no file."""
        from starcoach.cli.inputs import InputError, read_answer_file

        name = (
            f"{prompt.question_id}.txt"
            if prompt.kind == "opener"
            else f"{prompt.question_id}.{prompt.number}.txt"
        )
        path = self.folder / name
        if not path.exists():
            _say(f"  (no {name} in {self.folder}: skipped)")
            return Reply("skip")
        try:
            return Reply("text", read_answer_file(str(path)).text)
        except InputError as exc:
            raise _ScriptError(str(exc)) from None


class _ScriptError(Exception):
    """An answers file cannot be used; the message is one line for the user."""


def _open_source(
    answers: str | None, speak: bool = False, keep_audio: bool = False
) -> AnswerSource:
    if speak:
        from starcoach.cli.speak import SpokenSource

        if answers is not None and not Path(answers).is_dir():
            fail(
                "--speak --answers takes a folder of audio files: <prompt>.wav, <prompt>.1.wav, ..."
            )
        return SpokenSource(Path(answers) if answers is not None else None, None, keep_audio)
    if answers is None:
        return TerminalSource()
    from starcoach.cli.inputs import InputError, read_answer_file

    path = Path(answers)
    if path.is_dir():
        return ScriptDirSource(path)
    try:
        return ScriptFileSource(read_answer_file(answers).text)
    except InputError as exc:
        fail(f"--answers: {exc}")


# --------------------------------------------------------------------------------------------
# Output helpers


def _say(text: str = "") -> None:
    write_stdout(text + "\n")


def _clock(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 60}:{total % 60:02d}"


def _show_prompt(session: PracticeSession, prompt: Prompt) -> None:
    from starcoach.content import get_question

    plan = session.plan
    if prompt.kind == "opener":
        total = len(plan.openers)
        title = get_question(prompt.question_id).title
        _say()
        _say(f"Question {prompt.opener_index + 1} of {total} · {title}")
    limit = f"  (time limit {_clock(plan.time_limit)})" if plan.time_limit else ""
    label = "Interviewer" if prompt.kind == "opener" else f"Follow-up {prompt.number}"
    _say(f"{label}: {prompt.display}{limit}")


def _intro(
    session_id: str, session: PracticeSession, story: Story | None, spoken: bool = False
) -> None:
    plan = session.plan
    bits = [f"{plan.mode.value} mode", f"{plan.style.value} interviewer"]
    if plan.dimension:
        bits.append(f"drilling {plan.dimension}")
    if plan.time_limit:
        bits.append(f"{_clock(plan.time_limit)} per answer")
    _say(f"Practice session {session_id}: " + ", ".join(bits) + ".")
    if story is not None:
        _say(f"Anchored on your story “{story.title}” ({story.id}).")
    if spoken:
        _say("Answer aloud; Enter stops a recording. Ctrl-C saves and stops.")
        return
    _say(
        "Finish each answer with a line holding only a dot (.) or Ctrl-D. "
        "/skip passes, /end finishes early, Ctrl-C saves and stops."
    )


def _write_report(report: SessionReport, path: Path) -> None:
    from starcoach.practice.render import session_to_html, session_to_markdown

    html = path.suffix.lower() in (".html", ".htm")
    text = session_to_html(report) if html else session_to_markdown(report)
    write_file(path, text)
    _say(f"Report written to {path}.")


# --------------------------------------------------------------------------------------------
# Opening things


def _open_db() -> Database:
    from starcoach.storage.db import open_database
    from starcoach.storage.errors import DatabaseUnavailable

    try:
        return open_database()
    except DatabaseUnavailable as exc:
        fail(str(exc))


def _story(db: Database, story_id: str | None, use_story: bool) -> Story | None:
    from starcoach.storage.errors import StoryNotFound
    from starcoach.storage.stories import StoryStore

    stories = StoryStore(db)
    if story_id is not None:
        try:
            return stories.get(story_id)
        except StoryNotFound as exc:
            fail(str(exc))
    if not use_story:
        return None
    anchor = stories.anchor()
    if anchor is not None:
        return anchor
    # With a single story and no anchor marked, that story is the anchor in all but name.
    ids = stories.ids()
    if len(ids) == 1:
        return stories.get(ids[0])
    if ids:
        note(
            "no anchor story is marked: pass --story ID, or mark one with `starcoach story anchor ID`"
        )
    return None


def _session_record(
    store: AttemptStore, session_id: str | None, *, unfinished: bool
) -> SessionRecord:
    from starcoach.storage.attempts import SessionNotFound

    if session_id is not None:
        try:
            return store.get_session(session_id)
        except SessionNotFound as exc:
            fail(str(exc))
    record = store.latest_unfinished() if unfinished else store.latest()
    if record is None:
        what = (
            "no unfinished practice session to resume" if unfinished else "no practice session yet"
        )
        fail(f"{what} (start one with `starcoach practice`)")
    return record


def _load(store: AttemptStore, record: SessionRecord) -> PracticeSession:
    from starcoach.practice.persist import session_of
    from starcoach.practice.session import SessionError

    try:
        return session_of(store, record)
    except SessionError as exc:
        fail(f"session {record.id}: {exc}")


# --------------------------------------------------------------------------------------------
# Running a session


def _save(store: AttemptStore, session_id: str, session: PracticeSession) -> None:
    from starcoach.practice.persist import save_session

    save_session(store, session_id, session)


def _drive(
    store: AttemptStore,
    session_id: str,
    session: PracticeSession,
    source: AnswerSource,
    report_path: Path | None,
) -> int:
    from starcoach.analysis.switches import switched_off
    from starcoach.practice.flow import answer
    from starcoach.practice.session import Outcome

    # A broken config file would stop the session at the first answer: find out before the question.
    switched_off()
    try:
        while session.current is not None:
            prompt = session.current
            _show_prompt(session, prompt)
            try:
                reply = source.answer(prompt, session.draft, session.plan.time_limit)
            except _ScriptError as exc:
                _save(store, session_id, session)
                fail(
                    f"--answers: {exc}; your answers so far are saved (resume: starcoach practice resume {session_id})"
                )
            session.draft = ""
            if reply.kind == "stop":
                _save(store, session_id, session)
                _say(f"Input ended. Saved; resume with: starcoach practice resume {session_id}")
                return EXIT_OK
            if reply.kind == "skip":
                session.skip()
                _save(store, session_id, session)
                continue
            if reply.kind == "end":
                session.end()
                break
            if source.scripted:
                _say(_indent_answer(reply.text))
            result = answer(
                store,
                session_id,
                session,
                reply.text,
                reply.elapsed,
                delivery=reply.delivery,
                audio_path=reply.audio_path,
            )  # stored when taken
            if result.outcome is not Outcome.ACCEPTED:
                _say(f"  ({result.message})")
                if source.scripted:
                    session.skip()  # a script cannot answer again; move on
                    _save(store, session_id, session)
                continue
            turn = result.turn
            assert turn is not None
            if turn.elapsed is not None:
                timing = f"  (answered in {_clock(turn.elapsed)}"
                if session.plan.time_limit:
                    timing += f" of {_clock(session.plan.time_limit)}"
                    if turn.over_time:
                        timing += f", {_clock(turn.elapsed - session.plan.time_limit)} over"
                _say(timing + ")")
            for notice in turn.notices:
                _say(f"  (note: {notice})")
    except KeyboardInterrupt:
        session.draft = source.partial
        _save(store, session_id, session)
        sys.stdout.write("\n")
        _say(
            f"Interrupted. Your answers are saved; resume with: starcoach practice resume {session_id}"
        )
        return EXIT_INTERRUPTED
    _save(store, session_id, session)
    try:
        _finish(store, session_id, session, report_path)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        _say(f"Your answers are saved; see the report with: starcoach practice show {session_id}")
        return EXIT_INTERRUPTED
    return EXIT_OK


def _indent_answer(text: str) -> str:
    lines = text.splitlines() or [""]
    return "\n".join(f"  > {line}" for line in lines)


def _finish(
    store: AttemptStore, session_id: str, session: PracticeSession, report_path: Path | None
) -> None:
    report = _build_report(store, session_id, session)
    from starcoach.practice.render import session_to_text

    _say()
    write_stdout(session_to_text(report, width=_width()))
    if report_path is not None:
        _write_report(report, report_path)
    else:
        _say(
            f"Save this report: starcoach practice show {session_id} --format html "
            "--output report.html"
        )


def _width() -> int:
    import shutil

    return min(shutil.get_terminal_size((100, 24)).columns, 110)


def _build_report(store: AttemptStore, session_id: str, session: PracticeSession) -> SessionReport:
    from starcoach.practice.flow import report

    return report(store, session_id, session)


def _start(
    db: Database,
    options: StartOptions,
    answers: str | None,
    report_path: Path | None,
    speak: bool = False,
    keep_audio: bool = False,
) -> None:
    from starcoach.practice.flow import start
    from starcoach.practice.session import SessionError
    from starcoach.storage.attempts import AttemptStore

    source = _open_source(answers, speak, keep_audio)
    try:
        started = start(db, options)
    except SessionError as exc:
        fail(str(exc))
    session = started.session
    if started.dimension_from == "history":
        note(f"drilling {session.plan.dimension}, your weakest dimension lately")
    elif started.dimension_from == "default":
        note(f"no scored answers yet, so drilling {session.plan.dimension}")
    if session.plan.mode is Mode.FULL and started.story is None:
        note("no story picked: follow-ups come from your answers and the prompts only")
    _intro(started.session_id, session, started.story, spoken=speak)
    raise typer.Exit(_drive(AttemptStore(db), started.session_id, session, source, report_path))


# --------------------------------------------------------------------------------------------
# Commands


def practice(
    ctx: typer.Context,
    story: Annotated[
        str | None,
        typer.Option("--story", "-s", metavar="ID", help="Anchor the session on this story."),
    ] = None,
    question: Annotated[
        str | None,
        typer.Option(
            "--question",
            "-q",
            metavar="ID|TEXT",
            help="The prompt to practise (single mode): an id such as proud, or your own question.",
        ),
    ] = None,
    mode: Annotated[
        Mode | None,
        typer.Option(
            "--mode",
            "-m",
            case_sensitive=False,
            help="single, full or drill (default: drill with --dimension, single with --question, "
            "else full with a story, else single).",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        Style,
        typer.Option("--style", case_sensitive=False, help="How the interviewer behaves."),
    ] = Style.NEUTRAL,
    time_limit: Annotated[
        int | None,
        typer.Option(
            "--time-limit", "-t", metavar="SECONDS", min=1, help="Time allowed per answer."
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE|DIR",
            help="Read the answers from a file or a folder instead of the keyboard.",
        ),
    ] = None,
    dimension: Annotated[
        str | None,
        typer.Option("--dimension", "-d", help="The dimension to drill (drill mode)."),
    ] = None,
    follow_ups: Annotated[
        int,
        typer.Option("--follow-ups", min=0, max=8, help="The most follow-ups after each opener."),
    ] = 4,
    role: Annotated[
        str | None, typer.Option("--role", "-r", help="The role interviewed for.")
    ] = None,
    no_story: Annotated[
        bool, typer.Option("--no-story", help="Do not use the anchor story.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE",
            help="Also write the final report to FILE (.html for a web page, else Markdown).",
        ),
    ] = None,
    speak: Annotated[
        bool,
        typer.Option(
            "--speak",
            help="Answer aloud: record each answer from the microphone (Enter stops), or with "
            "--answers DIR one audio file per question (<prompt>.wav, <prompt>.1.wav, ...). "
            "Needs the speech extra.",
        ),
    ] = False,
    keep_audio: Annotated[
        bool,
        typer.Option(
            "--keep-audio",
            help="With --speak: keep each recording in starcoach's data folder and store its path "
            "with the answer (by default no audio is kept).",
        ),
    ] = False,
    seed: Annotated[int | None, typer.Option("--seed", hidden=True)] = None,
) -> None:
    """Run a mock interview (see `starcoach practice --help`)."""
    if ctx.invoked_subcommand is not None:
        return
    if story is not None and no_story:
        fail("--story and --no-story contradict each other; give one")
    if question is not None and not question.strip():
        fail("--question is empty; give a prompt id or your question's words")
    db = _open_db()
    chosen = _story(db, story, not no_story)
    if mode is None and dimension is not None and question is None:
        resolved = Mode.DRILL  # a dimension to drill says which mode is meant
    elif mode is None:
        resolved = Mode.SINGLE if question is not None or chosen is None else Mode.FULL
    else:
        resolved = mode
    if keep_audio and not speak:
        fail("--keep-audio keeps spoken answers; add --speak")
    from starcoach.practice.flow import StartOptions

    options = StartOptions(
        mode=resolved,
        question=question,
        story_id=chosen.id if chosen is not None else None,
        style=style,
        time_limit=time_limit,
        max_follow_ups=follow_ups,
        dimension=dimension,
        role=read_role_id(role),
        seed=seed,
    )
    _start(db, options, answers, report, speak, keep_audio)


@practice_app.command("resume")
def resume(
    session_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="The session to resume (default: the latest unfinished)."
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE|DIR", help="Read the remaining answers from here."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Also write the final report to FILE."),
    ] = None,
) -> None:
    """Carry on an interrupted session where it stopped."""
    from starcoach.storage.attempts import AttemptStore

    store = AttemptStore(_open_db())
    record = _session_record(store, session_id, unfinished=True)
    if record.finished:
        fail(
            f"session {record.id} is finished; see it with `starcoach practice show {record.id}`"
            f" or practise it again with `starcoach practice retry {record.id}`"
        )
    session = _load(store, record)
    source = _open_source(answers)
    done = len(session.turns)
    _say(f"Resuming session {record.id}: {done} answer{'s' if done != 1 else ''} so far.")
    raise typer.Exit(_drive(store, record.id, session, source, report))


@practice_app.command("retry")
def retry(
    session_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="The session to practise again (default: the latest)."),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option("--answers", metavar="FILE|DIR", help="Read the answers from here."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Also write the final report to FILE."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", hidden=True)] = None,
) -> None:
    """Answer the same prompts again and see what changed since last time."""
    from dataclasses import replace

    from starcoach.practice.flow import retry_options
    from starcoach.storage.attempts import AttemptStore

    db = _open_db()
    store = AttemptStore(db)
    record = _session_record(store, session_id, unfinished=False)
    options = replace(retry_options(db, _load(store, record)), seed=seed)
    _say(f"Practising session {record.id} again ({options.mode.value} mode).")
    _start(db, options, answers, report)


@practice_app.command("show")
def show(
    session_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="The session (default: the latest)."),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="How to write the report."),
    ] = ReportFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the report to FILE."),
    ] = None,
) -> None:
    """Show a session's report (text, Markdown, JSON or a self-contained HTML page)."""
    from starcoach.practice.render import session_to_html, session_to_markdown, session_to_text
    from starcoach.storage.attempts import AttemptStore

    store = AttemptStore(_open_db())
    record = _session_record(store, session_id, unfinished=False)
    session = _load(store, record)
    report = _build_report(store, record.id, session)
    if output_format is ReportFormat.json:
        import json

        from starcoach.practice.documents import session_report_document

        data = session_report_document(record.id, report)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif output_format is ReportFormat.html:
        text = session_to_html(report)
    elif output_format is ReportFormat.markdown:
        text = session_to_markdown(report)
    else:
        text = session_to_text(report, width=_width())
    if output is None:
        write_stdout(text)
        return
    write_file(output, text)
    _say(f"Report written to {output}.")


@practice_app.command("list")
def list_sessions(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to list.")] = 20,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = ListFormat.text,
) -> None:
    """List your practice sessions, newest first."""
    from starcoach.storage.attempts import AttemptStore

    store = AttemptStore(_open_db())
    sessions = store.sessions(limit=limit)
    if output_format is ListFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.practice.documents import session_list_document

        write_json(session_list_document(sessions))
        return
    if not sessions:
        _say("No practice sessions yet. Start one with: starcoach practice")
        return
    from starcoach.cli.output import print_rich
    from starcoach.cli.tables import Column, table_block

    columns = [
        Column("session", key=True),
        Column("started", wrap=False),
        Column("mode", wrap=False, drop=2),
        Column("style", wrap=False, drop=3),
        Column("status", wrap=False),
        Column("answers", wrap=False),
        Column("story", key=True, drop=1),
    ]
    rows: list[list[str | Text]] = [
        [
            s.id,
            f"{s.created_at.astimezone():%Y-%m-%d %H:%M}",
            s.mode,
            s.style,
            "finished" if s.finished else "in progress",
            f"{s.answers} answer{'s' if s.answers != 1 else ''}",
            s.story_id or "",
        ]
        for s in sessions
    ]
    print_rich(table_block(columns, rows))


def register(app: typer.Typer) -> None:
    """Add the `practice` command group to `app`."""
    practice_app.callback(invoke_without_command=True, help=HELP, epilog=EPILOG)(practice)
    app.add_typer(practice_app, name="practice")
