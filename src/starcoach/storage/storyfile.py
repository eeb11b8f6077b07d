"""Story files: a story as Markdown with YAML front matter, the form the user owns and keeps in git.

The front matter holds the short and structured fields (id, title, dates, team size, tags, actions,
results); the long texts are Markdown sections (`## Situation`, `## Task`, ...). Writing then reading a
validated story gives the same story back. A line inside a section that would read as a section heading
is written with one extra leading backslash and read back without it, so any text survives.

Every problem found while reading names the file, the line and the field, and all of them are reported
at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from starcoach.storage.safeyaml import StoryLoader, StoryYAMLError, reads_as_non_string
from starcoach.stories.errors import Problem, StoryInvalid
from starcoach.stories.model import (
    ACTION_KEYS,
    FRONT_MATTER_FIELDS,
    RESULT_KEYS,
    SECTIONS,
    Story,
    StoryAction,
    StoryResult,
    shown,
    slugify,
    story_to_dict,
    validate_story,
)

MAX_FILE_BYTES = 1_000_000
SUFFIX = ".md"

_DELIMITER = re.compile(r"^---[ \t]*$")
_CLOSERS = ("---", "...")
_HEADING = re.compile(r"^##[ \t]+(\S.*?)[ \t]*$")
_NEEDS_ESCAPE = re.compile(r"^\\*##[ \t]")
_ESCAPED = re.compile(r"^\\\\*##[ \t]")
_HEADING_TO_FIELD = {heading.lower(): name for name, heading in SECTIONS} | {
    name.replace("_", " "): name for name, _ in SECTIONS
}


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes multi-line strings as literal blocks, for readable diffs."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    # PyYAML's own resolver (YAML 1.1) leaves "08" plain, but the story loader reads it as a number.
    if style is None and reads_as_non_string(value):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _escape(text: str) -> str:
    return "\n".join(
        "\\" + line if _NEEDS_ESCAPE.match(line) else line for line in text.split("\n")
    )


def _unescape(line: str) -> str:
    return line[1:] if _ESCAPED.match(line) else line


def render_story(story: Story) -> str:
    """Return the Markdown file text for a story (every field written, empty ones too)."""
    data = story_to_dict(story)
    front = {name: data[name] for name in FRONT_MATTER_FIELDS}
    yaml_text = yaml.dump(
        front, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    parts = ["---\n", yaml_text, "---\n"]
    for name, heading in SECTIONS:
        parts.append(f"\n## {heading}\n")
        text = data[name]
        if text:
            parts.append("\n" + _escape(text) + "\n")
    return "".join(parts)


def read_story_file(path: Path) -> Story:
    """Read and validate the story file at `path`; raise StoryInvalid naming the file and line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoryInvalid([Problem(f"cannot read the file: {reason}")], path) from None
    if len(raw) > MAX_FILE_BYTES:
        raise StoryInvalid(
            [Problem(f"the file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}")], path
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise StoryInvalid(
            [Problem("this is a binary file, not a Markdown story", line=line)], path
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StoryInvalid(
            [Problem(f"the file is not valid UTF-8 (byte {exc.start})", line=line)], path
        ) from None
    return parse_story(text, source=path)


def parse_story(text: str, source: str | Path | None = None) -> Story:
    """Parse story file text into a validated story; raise StoryInvalid with every problem found."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        raise StoryInvalid(
            [
                Problem(
                    "a story file must start with a '---' line that opens the front matter", line=1
                )
            ],
            source,
        )
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip(" \t") in _CLOSERS),
        None,
    )
    if close is None:
        raise StoryInvalid(
            [Problem("the front matter is never closed: add a '---' line after it", line=1)],
            source,
        )
    parser = _FrontMatter("\n".join(lines[1:close]), first_line=2)
    values = parser.parse()
    body_values, body_lines = _parse_body(lines[close + 1 :], close + 2, parser.problems)
    values.update(body_values)
    parser.lines.update(body_lines)
    if parser.problems:
        raise StoryInvalid(_capped(parser.problems), source)

    if not values.get("id"):
        values["id"] = slugify(str(values.get("title") or ""))
    try:
        return validate_story(Story(**values))
    except StoryInvalid as exc:
        located = [
            Problem(p.message, p.field, parser.line_of(p.field) if p.field else None)
            for p in exc.problems
        ]
        raise StoryInvalid(_capped(located), source) from None


MAX_PROBLEMS = 20
"""Problems listed for one file; a file with more is reported with a count of the rest."""


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(f"and {rest} more problems like these")]


def _parse_body(
    lines: list[str], first_line: int, problems: list[Problem]
) -> tuple[dict[str, str], dict[str, int]]:
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    current: str | None = None
    collected: list[str] = []

    def flush() -> None:
        if current is not None:
            values[current] = "\n".join(collected).strip()

    for offset, line in enumerate(lines):
        number = first_line + offset
        heading = _HEADING.match(line)
        if heading is None:
            if current is None:
                if line.strip():
                    problems.append(
                        Problem(
                            "text outside any section: put it under a heading such as '## Situation'",
                            line=number,
                        )
                    )
                    current = ""  # report the stray block once, not line by line
                continue
            collected.append(_unescape(line))
            continue
        flush()
        collected = []
        name = _HEADING_TO_FIELD.get(" ".join(heading.group(1).split()).lower())
        if name is None:
            known = ", ".join(h for _, h in SECTIONS)
            problems.append(
                Problem(
                    f"unknown section {shown(heading.group(1))} (known sections: {known})",
                    line=number,
                )
            )
            current = ""
        elif name in values:
            problems.append(Problem("this section appears twice", name, number))
            current = ""
        else:
            current = name
            where[name] = number
    flush()
    values.pop("", None)
    return values, where


class _FrontMatter:
    """Turn the YAML front matter into Story keyword arguments, remembering the line of each field."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self._loader: StoryLoader | None = None

    def line_of(self, field: str) -> int | None:
        """Return the file line where `field` (or its closest recorded parent) is written."""
        while field:
            if field in self.lines:
                return self.lines[field]
            cut = max(field.rfind("."), field.rfind("["))
            field = field[:cut] if cut > 0 else ""
        return self.lines.get("", None)

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + self.first_line

    def _problem(self, message: str, field: str | None, node: yaml.Node | None) -> None:
        line = self._line(node) if node is not None else self.first_line - 1
        self.problems.append(Problem(message, field, line))

    def parse(self) -> dict[str, Any]:
        """Return the front matter's fields as Story keyword arguments (problems are collected)."""
        try:
            loader = StoryLoader(self.text)
        except StoryYAMLError as exc:
            self.problems.append(Problem(f"the front matter is not usable: {exc.problem}", line=2))
            return {}
        self._loader = loader
        try:
            try:
                root = loader.get_single_node()
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                line = int(mark.line) + self.first_line if mark is not None else self.first_line
                problem = exc.problem or "invalid YAML"
                kind = "usable" if isinstance(exc, StoryYAMLError) else "valid YAML"
                self.problems.append(
                    Problem(f"the front matter is not {kind}: {problem}", line=line)
                )
                return {}
            except yaml.YAMLError as exc:
                self.problems.append(Problem(f"the front matter is not valid YAML: {exc}", line=2))
                return {}
            return self._fields(root)
        finally:
            loader.dispose()

    def _construct(self, node: yaml.Node, field: str) -> tuple[bool, Any]:
        assert self._loader is not None
        try:
            return True, self._loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            problem = getattr(exc, "problem", None) or type(exc).__name__
            self._problem(f"cannot read this value: {str(problem)[:200]}", field, node)
            return False, None

    def _fields(self, root: yaml.Node | None) -> dict[str, Any]:
        self.lines[""] = self.first_line - 1
        if root is None:
            self._problem("is required and missing (the front matter is empty)", "title", None)
            return {}
        if not isinstance(root, yaml.MappingNode):
            self._problem("the front matter must be a list of 'key: value' lines", None, root)
            return {}
        values: dict[str, Any] = {}
        seen: set[str] = set()
        for key_node, value_node in root.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in FRONT_MATTER_FIELDS:
                shown = key if isinstance(key, str) else "a non-text key"
                # Hints only for the problems that will be shown (a match costs time per key).
                close = (
                    difflib.get_close_matches(str(key)[:100], FRONT_MATTER_FIELDS, n=1)
                    if len(self.problems) < MAX_PROBLEMS
                    else []
                )
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                allowed = ", ".join(FRONT_MATTER_FIELDS)
                self._problem(f"unknown field{hint}; known fields: {allowed}", shown, key_node)
                continue
            if key in seen:
                self._problem("this field appears twice", key, key_node)
                continue
            seen.add(key)
            self.lines[key] = self._line(key_node)
            ok, value = self._construct(value_node, key)
            if ok:
                self._convert(key, value, value_node, values)
        if "title" not in seen:
            self._problem("is required and missing", "title", None)
        return values

    def _convert(self, key: str, value: Any, node: yaml.Node, out: dict[str, Any]) -> None:
        if key in ("id", "title", "role", "organisation"):
            text = _scalar_text(value)
            if text is None:
                self._problem("must be a single text value", key, node)
            else:
                out[key] = text
        elif key in ("started", "ended"):
            if isinstance(value, dt.date):
                out[key] = value.isoformat()[:10]
            else:
                text = _scalar_text(value)
                if text is None:
                    self._problem("must be a date like 2023, 2023-04 or 2023-04-17", key, node)
                else:
                    out[key] = text
        elif key == "team_size":
            if value is None or (isinstance(value, int) and not isinstance(value, bool)):
                out[key] = value
            else:
                self._problem(f"must be a whole number of people, got {shown(value)}", key, node)
        elif key == "anchor":
            if value is None or isinstance(value, bool):
                out[key] = bool(value)
            else:
                self._problem(f"must be true or false, got {shown(value)}", key, node)
        elif key == "tags":
            out[key] = self._tags(value, node)
        elif key == "actions":
            out[key] = self._items(key, value, node, ACTION_KEYS, "did")
        elif key == "results":
            out[key] = self._items(key, value, node, RESULT_KEYS, "outcome")

    def _tags(self, value: Any, node: yaml.Node) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(t for t in (part.strip() for part in value.split(",")) if t)
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            self._problem("must be a list of tags", "tags", node)
            return ()
        tags: list[str] = []
        for item, item_node in zip(value, node.value, strict=True):
            text = _scalar_text(item)
            if text is None:
                self._problem("each tag must be a short text", "tags", item_node)
            else:
                tags.append(text)
        return tuple(tags)

    def _items(
        self, key: str, value: Any, node: yaml.Node, allowed: tuple[str, ...], main: str
    ) -> tuple[Any, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            self._problem("must be a list (one '- ' line per item)", key, node)
            return ()
        items: list[Any] = []
        for index, (item, item_node) in enumerate(zip(value, node.value, strict=True)):
            where = f"{key}[{index + 1}]"
            self.lines[where] = self._line(item_node)
            fields: dict[str, str] = {}
            if isinstance(item, str):
                fields[main] = item
            elif isinstance(item, dict) and isinstance(item_node, yaml.MappingNode):
                for sub_key_node, sub_value_node in item_node.value:
                    sub_key = sub_key_node.value
                    name = f"{where}.{sub_key}"
                    if sub_key not in allowed:
                        close = (
                            difflib.get_close_matches(str(sub_key)[:100], allowed, n=1)
                            if len(self.problems) < MAX_PROBLEMS
                            else []
                        )
                        hint = f" (did you mean {close[0]!r}?)" if close else ""
                        self._problem(
                            f"unknown field{hint}; known: {', '.join(allowed)}", name, sub_key_node
                        )
                        continue
                    self.lines[name] = self._line(sub_key_node)
                    text = _scalar_text(item.get(sub_key))
                    if text is None:
                        self._problem("must be text", name, sub_value_node)
                    else:
                        fields[sub_key] = text
                if main not in item:
                    self._problem(f"is missing its '{main}' field", where, item_node)
            else:
                self._problem(
                    f"each item must be a text or a mapping of {allowed}", where, item_node
                )
                continue
            if key == "actions":
                items.append(StoryAction(did=fields.get("did", ""), who=fields.get("who", "")))
            else:
                items.append(StoryResult(**{k: fields.get(k, "") for k in RESULT_KEYS}))
        return tuple(items)


def _scalar_text(value: Any) -> str | None:
    """Return a YAML scalar as text (None stays empty); None means the value is not a scalar."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return None
