"""A phrase with a better alternative: flag it and offer the replacement."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from starcoach.analysis.kinds.base import finding, regex_spans, scope_spans
from starcoach.analysis.matchers import RuleError, compile_patterns
from starcoach.analysis.report import Finding
from starcoach.analysis.scan import fixed_starts

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict):
    """The rule keys of a substitution rule: phrase pattern = replacement."""

    swap: dict[str, str]


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the `swap` table: pattern -> replacement text; keep each pattern's fixed starts."""
    swap = table.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise RuleError(f"{where}: 'swap' must be a non-empty table of pattern = replacement")
    pairs = []
    for pattern, replacement in swap.items():
        if not isinstance(replacement, str):
            raise RuleError(f"{where}: replacement for {pattern!r} must be a string")
        (compiled,) = compile_patterns([pattern], where)
        pairs.append((compiled, replacement))
    starts = tuple(fixed_starts(pattern) for pattern in swap)
    return {"swap": tuple(pairs), "starts": starts}


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag each swappable phrase with its replacement."""
    findings = []
    scopes = scope_spans(answer, rule.scope)
    # Pattern by pattern rather than scope by scope: after the sort by start, the order is the same.
    for (pattern, replacement), starts in zip(
        rule.params["swap"], rule.params["starts"], strict=True
    ):
        for span in regex_spans(pattern, starts, answer, scopes):
            base = finding(rule, answer, span)
            findings.append(dataclasses.replace(base, replacements=(replacement,)))
    return sorted(findings, key=lambda f: f.span.start if f.span else 0)
