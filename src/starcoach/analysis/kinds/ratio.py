"""A share with a minimum count: "4 of 6 actions have no clear actor"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Required, TypedDict

from starcoach.analysis.kinds.base import find, finding, matcher_param, number_param
from starcoach.analysis.matchers import MatcherTable, RuleError
from starcoach.analysis.report import Finding

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict, total=False):
    """The rule keys of a ratio rule (`min_ratio` or `max_ratio` or both)."""

    numerator: Required[MatcherTable]
    denominator: Required[MatcherTable]
    min_ratio: float
    max_ratio: float
    min_count: int


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate both matchers, the bound and the minimum denominator count."""
    low, high = number_param(table, "min_ratio", where), number_param(table, "max_ratio", where)
    if low is None and high is None:
        raise RuleError(f"{where}: a ratio rule needs 'min_ratio' or 'max_ratio'")
    return {
        "numerator": matcher_param(table, "numerator", where, scope),
        "denominator": matcher_param(table, "denominator", where, scope),
        "min_ratio": low,
        "max_ratio": high,
        "min_count": number_param(table, "min_count", where) or 1.0,
    }


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag the answer when numerator/denominator leaves its bounds (and enough cases were seen)."""
    denominator = len(find(rule.params["denominator"], answer))
    if denominator < rule.params["min_count"]:
        return []
    numerator = len(find(rule.params["numerator"], answer))
    share = numerator / denominator
    low, high = rule.params["min_ratio"], rule.params["max_ratio"]
    if (low is not None and share < low) or (high is not None and share > high):
        return [finding(rule, answer, None, numerator=numerator, denominator=denominator)]
    return []
