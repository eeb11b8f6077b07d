"""`starcoach story ...`: the story bank from the terminal.

Every command parses its arguments, calls the storage layer (imported inside the command, so that
`starcoach check` never pays for SQLAlchemy), and renders. Errors are one clear line per problem on
stderr and exit code 2; nothing stored changes when a command fails.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from starcoach.cli.output import EXIT_USAGE, fail, note, print_rich, write_file, write_stdout

if TYPE_CHECKING:
    from rich.console import RenderableType

    from starcoach.storage.stories import StoryStore
    from starcoach.stories.errors import StoryInvalid
    from starcoach.stories.model import Story

story_app = typer.Typer(
    name="story",
    help="Your story bank: write, edit, list, import and export the stories you answer from.",
    no_args_is_help=True,
)

EPILOG = (
    "Exit codes: 0 done; 2 usage or input error (unknown id, bad story file, duplicate id, "
    "database unavailable); nothing stored changes on exit code 2."
)

_ID_ARG = typer.Argument(metavar="ID", help="The story's id, as `starcoach story list` shows it.")


class ListFormat(StrEnum):
    """How `story list` writes the stories."""

    text = "text"
    json = "json"


class ShowFormat(StrEnum):
    """How `story show` writes a story."""

    text = "text"
    markdown = "markdown"
    json = "json"


def fail_invalid(exc: StoryInvalid) -> NoReturn:
    """Print every problem of an invalid story, one line each, and exit with code 2."""
    for problem in exc.problems:
        sys.stderr.write(f"starcoach: error: {problem.describe(exc.source)}\n")
    sys.stderr.flush()
    raise typer.Exit(EXIT_USAGE)


def open_story_store() -> StoryStore:
    """Open the configured database's story store, or exit with a clear message."""
    from starcoach.storage.errors import DatabaseUnavailable
    from starcoach.storage.stories import open_store

    try:
        return open_store()
    except DatabaseUnavailable as exc:
        fail(str(exc))


def get_story(store: StoryStore, story_id: str) -> Story:
    """Return the story `story_id`, or exit 2 naming the unknown id."""
    from starcoach.storage.errors import StoryNotFound

    try:
        return store.get(story_id)
    except StoryNotFound as exc:
        fail(str(exc))


# --- new -----------------------------------------------------------------------------------------


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _line_buffer() -> str:
    """Return the line being typed when Ctrl-C came (readline keeps it), or ""."""
    try:
        import readline
    except ImportError:
        return ""
    return readline.get_line_buffer()


class _Interrupted(KeyboardInterrupt):
    """Ctrl-C at a prompt, with whatever was typed on the unfinished line."""

    def __init__(self, pending: str) -> None:
        super().__init__()
        self.pending = pending


def _read_line(prompt: str) -> str | None:
    """Read one line after showing `prompt`; None at end of input.

    On a terminal, input() gives line editing and lets Ctrl-C keep the unfinished line; otherwise
    the prompt goes to stderr, so that piped output holds only results.
    """
    if _interactive():
        try:
            return input(prompt)
        except EOFError:
            return None
        except KeyboardInterrupt:
            raise _Interrupted(_line_buffer()) from None
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if line == "":
        return None
    return line.rstrip("\n").rstrip("\r")


class _EndOfInput(Exception):
    """Input ended before the guided story was complete."""


def _ask(prompt: str, keep: Callable[[str], None] | None = None) -> str:
    """Ask for one line; on Ctrl-C hand the unfinished line to `keep` before stopping."""
    try:
        line = _read_line(prompt)
    except _Interrupted as exc:
        if keep is not None and exc.pending.strip():
            keep(exc.pending.strip())
        raise
    if line is None:
        raise _EndOfInput
    return line


def _ask_text(multiline: bool, keep: Callable[[str], None]) -> str:
    """Ask for a field: one line, or lines up to an empty one; `keep` sees the text so far."""
    if not multiline:
        return _ask("> ", keep).strip()
    lines: list[str] = []

    def keep_with(pending: str) -> None:
        keep("\n".join([*lines, pending]).strip())

    while True:
        line = _ask("> " if not lines else ". ", keep_with)
        if not line.strip():
            return "\n".join(lines).strip()
        lines.append(line)
        keep("\n".join(lines).strip())


# Fields worth a second Enter before they are left empty: a stray Enter after the title must not
# skip them without a word.
_CONFIRM_EMPTY = frozenset({"role"})

INTRO = (
    "A new story, one field at a time.\n"
    "  One-line fields (title, role, dates) end with Enter; an empty answer skips them.\n"
    "  Longer fields (situation, task...) take several lines; an empty line ends them.\n"
    "  Ctrl-C stops and keeps everything typed so far as a draft, the line you are on too.\n"
)


def _guided(partial: dict[str, object]) -> None:
    """Ask for every field in turn, filling `partial` as answers arrive (so nothing is lost)."""
    import shutil
    import textwrap

    from starcoach.stories.model import FIELDS

    width = min(shutil.get_terminal_size().columns, 100) - 1
    sys.stderr.write(INTRO)
    for guide in FIELDS:
        if guide.kind in ("actions", "results"):
            how = "one at a time; an empty answer ends the list"
        else:
            how = "several lines; an empty line ends it" if guide.multiline else "one line"
        advice = textwrap.fill(
            guide.guidance, width=width, initial_indent="  ", subsequent_indent="  "
        )
        sys.stderr.write(f"\n{guide.label} ({how})\n{advice}\n")
        if guide.kind == "actions":
            _ask_actions(partial)
            continue
        if guide.kind == "results":
            _ask_results(partial)
            continue
        while True:
            value = _ask_text(guide.multiline, functools.partial(_keep_field, partial, guide.name))
            if guide.required and not value:
                sys.stderr.write(f"  {guide.label} is required.\n")
                continue
            if guide.name in _CONFIRM_EMPTY and not value:
                again = _ask(
                    f"  {guide.label} left empty: type it, or press Enter again to skip it: ",
                    functools.partial(_keep_field, partial, guide.name),
                ).strip()
                value = again
            converted: object = value
            if guide.kind == "count" and value:
                if not value.isdigit():
                    sys.stderr.write("  A whole number, please.\n")
                    partial.pop(guide.name, None)
                    continue
                converted = int(value)
            elif guide.kind == "count":
                converted = None
            elif guide.kind == "tags":
                converted = tuple(t.strip() for t in value.split(",") if t.strip())
            problem = _field_problem(partial, guide.name, converted)
            if problem is not None:
                sys.stderr.write(f"  {problem}\n")
                partial.pop(guide.name, None)
                continue
            partial[guide.name] = converted
            break


def _keep_field(partial: dict[str, object], name: str, text: str) -> None:
    partial[name] = text


def _ask_actions(partial: dict[str, object]) -> None:
    """Ask for actions one by one; each is stored as soon as its words are typed."""
    from starcoach.stories.model import StoryAction
    from starcoach.stories.people import actor_problem

    actions: list[StoryAction] = []

    def keep(did: str, who: str = "me") -> None:
        partial["actions"] = (*actions, StoryAction(did=did, who=who))

    while True:
        did = _ask(f"Action {len(actions) + 1} (empty to finish): ", keep).strip()
        if not did:
            return
        # Stored now, so Ctrl-C at "Who did it?" keeps the action.
        keep(did)
        while True:
            who = _ask("  Who did it? me / team / a name [me]: ", functools.partial(keep, did))
            problem = actor_problem(who)
            if problem is None:
                break
            sys.stderr.write(f"  {problem}.\n")
        actions.append(StoryAction(did=did, who=who.strip() or "me"))
        partial["actions"] = tuple(actions)


def _ask_results(partial: dict[str, object]) -> None:
    """Ask for results one by one; each is stored as soon as its outcome is typed."""
    from starcoach.stories.model import StoryResult

    results: list[StoryResult] = []
    while True:
        current: dict[str, str] = {"outcome": "", "metric": "", "baseline": "", "measured_by": ""}

        def keep(key: str, text: str, current: dict[str, str] = current) -> None:
            current[key] = text
            partial["results"] = (*results, StoryResult(**current))

        outcome = _ask(
            f"Result {len(results) + 1}: what changed (empty to finish): ",
            functools.partial(keep, "outcome"),
        ).strip()
        if not outcome:
            break
        keep("outcome", outcome)
        for key, prompt in (
            ("metric", "  The number to quote (optional): "),
            ("baseline", "  What it was before (optional): "),
            ("measured_by", "  How it was measured (optional): "),
        ):
            answer = _ask(prompt, functools.partial(keep, key)).strip()
            keep(key, answer)
        results.append(StoryResult(**current))
        partial["results"] = tuple(results)


def _field_problem(partial: dict[str, object], name: str, value: object) -> str | None:
    """Return what is wrong with one answer, judged with the story's own validation."""
    from starcoach.stories.errors import StoryInvalid
    from starcoach.stories.model import Story, validate_story

    probe = Story(
        id="x", title=str(partial.get("title") or "x"), started=str(partial.get("started", ""))
    )
    try:
        validate_story(probe.replace(**{name: value}))
    except StoryInvalid as exc:
        return exc.problems[0].message
    return None


def _save_draft(partial: dict[str, object]) -> Path:
    """Write a partly entered story to the drafts folder and return its path."""
    import datetime as dt

    from starcoach.storage.db import data_dir
    from starcoach.storage.storyfile import render_story
    from starcoach.stories.model import Story, slugify

    title = str(partial.get("title", ""))
    rest = {k: v for k, v in partial.items() if k != "title"}
    # A field interrupted while typed is kept as its text; give it the type the story file holds.
    size = rest.get("team_size")
    if isinstance(size, str):
        rest["team_size"] = int(size) if size.strip().isdigit() else None
    tags = rest.get("tags")
    if isinstance(tags, str):
        rest["tags"] = tuple(t.strip() for t in tags.split(",") if t.strip())
    story = Story(id=slugify(title) if title else "", title=title).replace(**rest)
    folder = data_dir() / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{story.id or 'story'}-{stamp}.md"
    path.write_text(render_story(story), encoding="utf-8")
    return path


def _store_new(store: StoryStore, story: Story) -> None:
    from starcoach.storage.errors import DuplicateStory
    from starcoach.stories.errors import StoryInvalid

    try:
        stored = store.add(story)
    except StoryInvalid as exc:
        fail_invalid(exc)
    except DuplicateStory as exc:
        fail(str(exc))
    anchor = " (your anchor story)" if stored.anchor else ""
    write_stdout(f"Saved story {stored.id}{anchor}.\n")
    if store.anchor() is None:
        note(f"no anchor story yet: mark one with `starcoach story anchor {stored.id}`")


@story_app.command("new", epilog=EPILOG)
def new(
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Read the story from a Markdown story file instead of asking.",
            show_default=False,
        ),
    ] = None,
    anchor: Annotated[bool, typer.Option("--anchor", help="Mark it as your anchor story.")] = False,
) -> None:
    """Write a new story: guided, one field at a time, or from a story file."""
    from starcoach.storage.storyfile import read_story_file
    from starcoach.stories.errors import StoryInvalid
    from starcoach.stories.model import Story

    store = open_story_store()
    if from_file is not None:
        try:
            story = read_story_file(from_file)
        except StoryInvalid as exc:
            fail_invalid(exc)
        _store_new(store, story.replace(anchor=story.anchor or anchor))
        return

    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing for the prompts, where available)
    partial: dict[str, object] = {}
    try:
        _guided(partial)
    except (KeyboardInterrupt, _EndOfInput) as exc:
        sys.stderr.write("\n")
        if not any(partial.values()):
            fail("cancelled; nothing was typed, nothing was saved", code=130)
        path = _save_draft(partial)
        why = "stopped" if isinstance(exc, KeyboardInterrupt) else "input ended"
        fail(
            f"{why}; what you typed is saved in {path}. Finish it in an editor and run "
            f"`starcoach story new --from {path}`",
            code=130 if isinstance(exc, KeyboardInterrupt) else EXIT_USAGE,
        )
    title = str(partial["title"])
    story = Story(id=store.free_id(title), title=title, anchor=anchor).replace(
        **{k: v for k, v in partial.items() if k != "title"}
    )
    _store_new(store, story)


# --- edit ----------------------------------------------------------------------------------------


class _EditorFailed(Exception):
    """The editor could not be started or exited with an error."""


def _editor_command() -> list[str]:
    import os
    import shlex
    import shutil

    configured = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip()
    if configured:
        return shlex.split(configured, posix=os.name != "nt")
    for candidate in ("editor", "nano", "vi", "notepad"):
        if shutil.which(candidate):
            return [candidate]
    raise _EditorFailed("no editor found: set the EDITOR environment variable")


def _edit_file(path: Path) -> None:
    """Open `path` in the user's editor and wait for it to close."""
    import subprocess

    command = [*_editor_command(), str(path)]
    try:
        completed = subprocess.run(command, check=False)
    except OSError as exc:
        raise _EditorFailed(f"cannot start the editor {command[0]!r}: {exc.strerror}") from None
    if completed.returncode != 0:
        raise _EditorFailed(f"the editor exited with status {completed.returncode}")


@story_app.command("edit", epilog=EPILOG)
def edit(story_id: Annotated[str, _ID_ARG]) -> None:
    """Edit a story in $EDITOR as its Markdown file; it is checked before it is saved."""
    from starcoach.storage.errors import DuplicateStory, StoryChanged
    from starcoach.storage.storyfile import parse_story, render_story
    from starcoach.stories.errors import StoryInvalid

    store = open_story_store()
    get_story(store, story_id)  # an unknown id is the usual error
    # The version read here travels with the edit: if the story is saved elsewhere (the web page,
    # another terminal) while the editor is open, this save is refused instead of overwriting it.
    loaded = store.get_versioned(story_id)
    story, version = loaded.story, loaded.version
    path = _work_file(story.id)
    path.write_text(render_story(story), encoding="utf-8")
    while True:
        try:
            _edit_file(path)
        except _EditorFailed as exc:
            fail(f"{exc}; your text is kept in {path}")
        text = path.read_text(encoding="utf-8")
        try:
            edited = parse_story(text, source=path)
            if edited == story:
                path.unlink()
                write_stdout(f"No changes to {story.id}.\n")
                return
            store.update(story.id, edited, version=version)
        except StoryChanged as exc:
            saved_path = path.with_name(path.stem + ".saved.md")
            saved_path.write_text(render_story(exc.current), encoding="utf-8")
            sys.stderr.write(
                f"starcoach: error: {exc}.\n  The saved version is in {saved_path}; "
                f"yours is kept in {path}. Bring what you want to keep into your file.\n"
            )
            if _confirm("Edit your file again and save it over the saved version?", default=True):
                story, version = exc.current, exc.version
                continue
            fail(f"not saved; your text is kept in {path}")
        except (StoryInvalid, DuplicateStory) as exc:
            if isinstance(exc, StoryInvalid):
                for problem in exc.problems:
                    sys.stderr.write(f"starcoach: error: {problem.describe(exc.source)}\n")
            else:
                sys.stderr.write(f"starcoach: error: {exc}\n")
            again = _confirm("Edit the story again?", default=True)
            if again:
                continue
            fail(f"not saved; your text is kept in {path}")
        path.unlink()
        path.with_name(path.stem + ".saved.md").unlink(missing_ok=True)
        write_stdout(f"Saved story {edited.id}.\n")
        return


def _work_file(story_id: str) -> Path:
    import datetime as dt

    from starcoach.storage.db import data_dir

    # Kept in the data directory, not a temporary folder, so an edit survives a reboot or a crash.
    folder = data_dir() / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{story_id}-edit-{stamp}.md"


def _confirm(question: str, default: bool) -> bool:
    suffix = " [Y/n] " if default else " [y/N] "
    answer = _read_line(question + suffix)
    if answer is None:
        return False
    answer = answer.strip().lower()
    if not answer:
        return default
    return answer in ("y", "yes")


# --- list and show -------------------------------------------------------------------------------


def _dates(story: Story) -> str:
    if story.started and story.ended:
        return f"{story.started} to {story.ended}"
    return story.started or story.ended


@story_app.command("list", epilog=EPILOG)
def list_stories(
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = ListFormat.text,
) -> None:
    """List your stories, the anchor first."""
    store = open_story_store()
    stories = store.all()
    if output_format is ListFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.stories.documents import story_list_document

        write_json(story_list_document(stories))
        return
    if not stories:
        write_stdout("No stories yet. Start one with `starcoach story new`.\n")
        return
    from rich.text import Text

    from starcoach.cli.tables import Column, print_table

    columns = [
        Column("id", key=True),
        Column("anchor", drop=2, wrap=False),
        Column("title", ratio=3),
        Column("when", drop=1, wrap=False),
        Column("tags", drop=3, ratio=2),
    ]
    rows = [
        [
            Text(story.id, style="bold"),
            Text("★ anchor", style="yellow") if story.anchor else "",
            story.title,
            _dates(story),
            ", ".join(story.tags),
        ]
        for story in stories
    ]
    print_table(columns, rows)
    if not any(s.anchor for s in stories):
        note("no anchor story marked; `starcoach plan` recommends one")


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Return Markdown-style text with each paragraph's soft line breaks joined, for display."""
    paragraphs = re.split(r"\n\s*\n", text)
    out = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        if any(_LIST_ITEM.match(line) or line.startswith("    ") for line in lines):
            out.append(paragraph)
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


def story_view(story: Story) -> RenderableType:
    """Return a terminal view of a story (user text is never read as markup)."""
    from rich.console import Group
    from rich.text import Text

    from starcoach.stories.model import SECTIONS

    blocks: list[RenderableType] = []
    title = Text(story.title, style="bold")
    if story.anchor:
        title.append("  ★ anchor", style="yellow")
    blocks.append(title)
    facts = [
        story.id,
        story.role,
        story.organisation,
        _dates(story),
        f"team of {story.team_size}" if story.team_size else "",
    ]
    blocks.append(Text(" · ".join(f for f in facts if f), style="dim"))
    if story.tags:
        blocks.append(Text("tags: " + ", ".join(story.tags), style="dim"))

    def section(heading: str, body: RenderableType) -> None:
        blocks.append(Text(""))
        blocks.append(Text(heading, style="bold cyan"))
        blocks.append(body)

    def numbered(items: list[tuple[str, Text]]) -> RenderableType:
        # A grid gives wrapped lines a hanging indent under the text, not under the number.
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for label, text in items:
            grid.add_row(label, text)
        return grid

    texts = dict(SECTIONS)
    for name in ("situation", "task"):
        if getattr(story, name):
            section(texts[name], Text(reflow(getattr(story, name))))
    if story.actions:
        items = []
        for i, action in enumerate(story.actions, 1):
            line = Text()
            line.append(f"[{action.who or 'who?'}] ", style="magenta" if action.who else "red")
            line.append(reflow(action.did))
            items.append((f"{i}.", line))
        section("Actions", numbered(items))
    if story.results:
        items = []
        for i, result in enumerate(story.results, 1):
            line = Text(result.outcome)
            for label, value in (
                ("metric", result.metric),
                ("baseline", result.baseline),
                ("measured by", result.measured_by),
            ):
                if value:
                    line.append(f"\n{label}: ", style="dim")
                    line.append(value)
            items.append((f"{i}.", line))
        section("Results", numbered(items))
    for name, heading in SECTIONS:
        if name not in ("situation", "task") and getattr(story, name):
            section(heading, Text(reflow(getattr(story, name))))
    return Group(*blocks)


@story_app.command("show", epilog=EPILOG)
def show(
    story_id: Annotated[str, _ID_ARG],
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = ShowFormat.text,
) -> None:
    """Show one story."""
    store = open_story_store()
    story = get_story(store, story_id)
    if output_format is ShowFormat.markdown:
        from starcoach.storage.storyfile import render_story

        write_stdout(render_story(story))
    elif output_format is ShowFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.stories.model import story_to_dict

        write_json(story_to_dict(story))
    else:
        print_rich(story_view(story))


# --- delete and anchor ---------------------------------------------------------------------------


@story_app.command("delete", epilog=EPILOG)
def delete(
    story_id: Annotated[str, _ID_ARG],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a story (asks first; export it if you may want it back)."""
    store = open_story_store()
    story = get_story(store, story_id)
    if not yes and not _confirm(f"Delete story {story.id} ({story.title})?", default=False):
        fail("not deleted", code=1)
    from starcoach.storage.errors import StoryNotFound

    try:
        store.delete(story.id)
    except StoryNotFound as exc:
        fail(str(exc))
    write_stdout(f"Deleted story {story.id}.\n")


@story_app.command("anchor", epilog=EPILOG)
def anchor(
    story_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="The story to make your anchor.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Unmark the anchor story.")] = False,
) -> None:
    """Mark one story as the anchor you map every follow-up onto."""
    if (story_id is None) == (not clear):
        fail("give a story ID, or --clear to unmark the anchor")
    from starcoach.storage.errors import StoryNotFound

    store = open_story_store()
    try:
        store.set_anchor(None if clear else story_id)
    except StoryNotFound as exc:
        fail(str(exc))
    if clear:
        write_stdout("No story is marked as the anchor now.\n")
    else:
        write_stdout(f"{story_id} is now your anchor story.\n")


# --- export and import ---------------------------------------------------------------------------


@story_app.command("export", epilog=EPILOG)
def export(
    story_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="The story to export.", show_default=False)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    all_dir: Annotated[
        Path | None,
        typer.Option("--all", metavar="DIR", help="Export every story to DIR/<id>.md."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Export stories as Markdown files you can keep in git and import again."""
    from starcoach.storage.storyfile import SUFFIX, render_story

    if (story_id is None) == (all_dir is None):
        fail("give a story ID, or --all DIR to export every story")
    if all_dir is not None and output is not None:
        fail("--output is for one story; with --all the files are named after their ids")
    store = open_story_store()
    if story_id is not None:
        text = render_story(get_story(store, story_id))
        if output is None:
            write_stdout(text)
            return
        if output.exists() and not force:
            fail(f"{output} exists; use --force to overwrite it")
        write_file(output, text)
        write_stdout(f"Wrote {output}.\n")
        return
    assert all_dir is not None
    stories = store.all()
    targets = [(all_dir / f"{s.id}{SUFFIX}", s) for s in stories]
    existing = [str(p) for p, _ in targets if p.exists()]
    if existing and not force:
        fail(f"{len(existing)} file(s) exist already ({', '.join(existing[:3])}); use --force")
    try:
        all_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {all_dir}: {exc.strerror or exc}")
    for path, story in targets:
        write_file(path, render_story(story))
    write_stdout(f"Wrote {len(targets)} stor{'y' if len(targets) == 1 else 'ies'} to {all_dir}.\n")


def _story_files(arguments: list[Path]) -> list[Path]:
    from starcoach.storage.storyfile import SUFFIX

    files: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(p for p in argument.iterdir() if p.suffix == SUFFIX and p.is_file())
            if not found:
                fail(f"{argument} holds no {SUFFIX} story files")
            files.extend(found)
        else:
            files.append(argument)
    return files


@story_app.command("import", epilog=EPILOG)
def import_stories(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Story files, or folders of them.", show_default=False
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite stored stories that have the same id.")
    ] = False,
) -> None:
    """Import story files; all of them are stored, or none if any has a problem."""
    from starcoach.storage.errors import DuplicateStory
    from starcoach.storage.storyfile import read_story_file
    from starcoach.stories.errors import StoryInvalid

    paths = _story_files(files)
    stories: list[Story] = []
    failed = False
    origin: dict[str, Path] = {}
    for path in paths:
        try:
            story = read_story_file(path)
        except StoryInvalid as exc:
            failed = True
            for problem in exc.problems:
                sys.stderr.write(f"starcoach: error: {problem.describe(exc.source)}\n")
            continue
        if story.id in origin:
            failed = True
            sys.stderr.write(
                f"starcoach: error: {path}: id: {story.id!r} is also the id in {origin[story.id]}\n"
            )
            continue
        origin[story.id] = path
        stories.append(story)
    if failed:
        fail("nothing was imported; fix the files above and import again")
    store = open_story_store()
    try:
        stored = store.add_many(stories, replace=replace)
    except StoryInvalid as exc:
        fail_invalid(exc)
    except DuplicateStory as exc:
        fail(f"nothing was imported: {exc}")
    ids = ", ".join(s.id for s in stored)
    write_stdout(f"Imported {len(stored)} stor{'y' if len(stored) == 1 else 'ies'}: {ids}.\n")


# --- check ---------------------------------------------------------------------------------------


class CheckFormat(StrEnum):
    """How `story check` writes what it found."""

    text = "text"
    json = "json"


class FailOn(StrEnum):
    """The lowest severity that makes `story check` exit with code 1."""

    suggestion = "suggestion"
    warning = "warning"
    error = "error"
    none = "none"


CHECK_EPILOG = (
    "Exit codes: 0 checked; 1 --fail-on is set and something at least that severe was found "
    "(a contradiction counts as an error); 2 usage or input error."
)


@story_app.command("check", epilog=CHECK_EPILOG)
def check(
    story_id: Annotated[str, _ID_ARG],
    answers: Annotated[
        list[Path] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar="FILE",
            help="An answer about this story; repeat to compare answers with each other too.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = CheckFormat.text,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", case_sensitive=False, help="Exit 1 at or above this severity."),
    ] = FailOn.none,
) -> None:
    """Check a story for gaps and contradictions, and answers about it for consistency."""
    from starcoach.cli.inputs import InputError, read_answer_file

    texts: list[tuple[str, str]] = []
    for path in answers or []:
        try:
            answer = read_answer_file(str(path))
        except InputError as exc:
            fail(str(exc))
        texts.append((answer.source, answer.text))
    store = open_story_store()
    story = get_story(store, story_id)

    from starcoach.analysis.report import Severity
    from starcoach.stories.checks import check_story

    result = check_story(story, [t for _, t in texts])
    if output_format is CheckFormat.json:
        from starcoach.cli.output import write_json
        from starcoach.stories.documents import check_document

        write_json(check_document(result, [s for s, _ in texts], [t for _, t in texts]))
    else:
        from starcoach.cli.story_views import check_view

        print_rich(check_view(result, [s for s, _ in texts], [t for _, t in texts]))
    worst = result.worst()
    if fail_on is not FailOn.none and worst is not None and worst >= Severity.parse(fail_on.value):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `story` command group to `app`."""
    app.add_typer(story_app, name="story")
