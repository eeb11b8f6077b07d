"""Matchers: what a rule looks for (phrase patterns, a named detector, or both, within a scope).

The rule kinds (`kinds/`) and the rule loader (`registry.py`) both build on this module, and it needs
neither of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from starcoach.analysis.detectors import DETECTORS
from starcoach.analysis.report import STAR_PARTS
from starcoach.analysis.scan import fixed_starts

SCOPES = ("answer", *STAR_PARTS)

MatcherTable = dict[str, Any]
"""A matcher as a rule file writes it: a table of `patterns`, `detector` and `scope`."""


class RuleError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


@dataclass(frozen=True)
class Matcher:
    """What a rule looks for: phrase patterns, a named detector, or both, within a scope."""

    patterns: tuple[str, ...] = ()
    """The phrase patterns as written in the rule file."""
    detector: str | None = None
    scope: str = "answer"

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        """Return all the phrase patterns as one expression, so the text is scanned once per matcher."""
        return _bounded("|".join(f"(?:{p})" for p in self.patterns)) if self.patterns else None

    @cached_property
    def starts(self) -> tuple[str, ...] | None:
        """Return lowercase texts every match starts with one of (None when some pattern has no fixed
        start), so a scan can try the patterns only where one occurs (see analysis/scan.py)."""
        found: list[str] = []
        for pattern in self.patterns:
            starts = fixed_starts(pattern)
            if starts is None:
                return None
            found.extend(starts)
        return tuple(found)


def _bounded(pattern: str) -> re.Pattern[str]:
    """Compile a phrase pattern case-insensitively, matching only at word edges."""
    return re.compile(rf"(?<![\w'’])(?:{pattern})(?![\w'’])", re.IGNORECASE)


def _validated(raw: Any, where: str) -> tuple[str, ...]:
    """Return the phrase patterns after checking they compile, naming the first bad one if not."""
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise RuleError(f"{where}: 'patterns' must be a list of strings")
    patterns = tuple(raw)
    try:
        # One compile of the combined expression (cached for the matcher) checks them all at once.
        _bounded("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        compile_patterns(raw, where)  # compiles one by one to name the pattern at fault
        raise RuleError(
            f"{where}: the patterns do not combine into one expression: {exc}"
        ) from None
    return patterns


def compile_patterns(raw: Any, where: str) -> tuple[re.Pattern[str], ...]:
    """Compile a list of phrase patterns, case-insensitive and bounded by word edges."""
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise RuleError(f"{where}: 'patterns' must be a list of strings")
    compiled = []
    for pattern in raw:
        try:
            compiled.append(_bounded(pattern))
        except re.error as exc:
            raise RuleError(f"{where}: bad pattern {pattern!r}: {exc}") from None
    return tuple(compiled)


def parse_matcher(raw: Any, where: str, default_scope: str) -> Matcher:
    """Validate and build a Matcher from its TOML table."""
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: expected a table with 'patterns' and/or 'detector'")
    unknown = set(raw) - {"patterns", "detector", "scope"}
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    patterns: tuple[str, ...] = ()
    if "patterns" in raw:
        patterns = _validated(raw["patterns"], where)
    detector = raw.get("detector")
    if detector is not None and detector not in DETECTORS:
        raise RuleError(
            f"{where}: unknown detector {detector!r} (known: {', '.join(sorted(DETECTORS))})"
        )
    if not patterns and detector is None:
        raise RuleError(f"{where}: a matcher needs 'patterns' or 'detector'")
    scope = raw.get("scope", default_scope)
    if scope not in SCOPES:
        raise RuleError(f"{where}: unknown scope {scope!r} (expected one of {', '.join(SCOPES)})")
    return Matcher(patterns, detector, scope)
