"""Errors about a story itself (not about where it is kept); each message is fit to show as is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class StoryError(Exception):
    """Base class: a story cannot be accepted as given."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story: the field it concerns and, when known, the line in the file."""

    message: str
    field: str | None = None
    line: int | None = None

    def describe(self, source: str | Path | None = None) -> str:
        """Return `file:line: field: message`, leaving out the parts that are unknown."""
        where = str(source) if source is not None else ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        parts = [p for p in (where, self.field) if p]
        return ": ".join([*parts, self.message])


class StoryInvalid(StoryError):
    """A story (from a file, a prompt or the API) fails validation; nothing was stored."""

    def __init__(self, problems: list[Problem], source: str | Path | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(p.describe(source) for p in problems))
