"""Kit files: a kit as Markdown with YAML front matter, the same convention as story files.

The front matter holds the structured parts (questions, follow-ups, the scale, red flags) and the
`version` the file was written from; the `## Before you start` section holds the interviewer's
introduction. Writing then reading a kit gives the same kit back. The version in the file lets the
store refuse an edit made from an older version than the one stored, instead of overwriting it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from starcoach.kit.errors import KitInvalid
from starcoach.kit.model import Kit, kit_from_dict, kit_to_dict

MAX_FILE_BYTES = 500_000
INTRO_HEADING = "Before you start"
_DELIMITER = re.compile(r"^---[ \t]*$")


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes multi-line strings as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


_Dumper.add_representer(str, _represent_str)


def render_kit(kit: Kit, version: int | None = None) -> str:
    """Return the kit file text; `version` is the stored version it was written from."""
    data = kit_to_dict(kit)
    intro = data.pop("intro")
    front: dict[str, Any] = {"id": data.pop("id")}
    if version is not None:
        front["version"] = version
    front.update(data)
    text = yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{text}---\n\n## {INTRO_HEADING}\n\n{intro}\n"


def parse_kit(text: str, source: str | None = None) -> tuple[Kit, int | None]:
    """Parse kit file text into (kit, version it was written from); raise KitInvalid."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not _DELIMITER.match(lines[0]):
        raise KitInvalid(["line 1: a kit file must start with a '---' line"], source)
    close = next((i for i in range(1, len(lines)) if _DELIMITER.match(lines[i])), None)
    if close is None:
        raise KitInvalid(["line 1: the front matter is never closed: add a '---' line"], source)
    try:
        front = yaml.safe_load("\n".join(lines[1:close])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        raise KitInvalid([f"{where}the front matter is not valid YAML"], source) from None
    if not isinstance(front, dict):
        raise KitInvalid(["the front matter must be a table of fields"], source)
    body = "\n".join(lines[close + 1 :]).strip()
    heading = f"## {INTRO_HEADING}"
    if body.startswith(heading):
        body = body[len(heading) :].strip()
    elif body:
        raise KitInvalid([f"the text after the front matter must start with '{heading}'"], source)
    version = front.pop("version", None)
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        raise KitInvalid(["version: expected a whole number from 1"], source)
    front["intro"] = body or None
    return kit_from_dict(front, source), version


def read_kit_file(path: Path) -> tuple[Kit, int | None]:
    """Read and validate the kit file at `path`; raise KitInvalid naming the file."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KitInvalid([f"cannot read the file: {exc.strerror or exc}"], source) from None
    if len(raw) > MAX_FILE_BYTES:
        raise KitInvalid([f"the file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}"], source)
    if b"\x00" in raw:
        raise KitInvalid(["this is a binary file, not a Markdown kit"], source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KitInvalid([f"the file is not valid UTF-8 (byte {exc.start})"], source) from None
    return parse_kit(text, source)
