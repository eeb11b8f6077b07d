"""Order: every `first` match should come before the last `then` match ("the result is buried")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from starcoach.analysis.kinds.base import find, finding, matcher_param
from starcoach.analysis.matchers import MatcherTable
from starcoach.analysis.report import Finding

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict):
    """The rule keys of a sequence rule."""

    first: MatcherTable
    then: MatcherTable


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the two matchers."""
    return {
        "first": matcher_param(table, "first", where, scope),
        "then": matcher_param(table, "then", where, scope),
    }


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag the first `first` match that comes after the last `then` match."""
    thens = find(rule.params["then"], answer)
    if not thens:
        return []
    last_then = thens[-1]
    late = [span for span in find(rule.params["first"], answer) if span.start > last_then.end]
    return [finding(rule, answer, late[0])] if late else []
