"""The escape hatch: a registered function for the truly algorithmic checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from starcoach.analysis.detectors import FUNCTIONS
from starcoach.analysis.kinds.base import finding
from starcoach.analysis.matchers import RuleError
from starcoach.analysis.report import Finding

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict):
    """The rule keys of a function rule."""

    function: str


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate that the named function is registered."""
    name = table.get("function")
    if name not in FUNCTIONS:
        raise RuleError(
            f"{where}: unknown function {name!r} (known: {', '.join(sorted(FUNCTIONS))})"
        )
    return {"function": name}


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag each span (or None for the whole answer) the function returns."""
    return [finding(rule, answer, span) for span in FUNCTIONS[rule.params["function"]](answer)]
