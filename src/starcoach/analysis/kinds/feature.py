"""A threshold on a computed feature of the whole answer (speaking time against the target)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Required, TypedDict

from starcoach.analysis.detectors import FEATURES
from starcoach.analysis.kinds.base import finding, number_param
from starcoach.analysis.matchers import RuleError
from starcoach.analysis.report import Finding

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict, total=False):
    """The rule keys of a feature rule (`min` or `max` or both)."""

    feature: Required[str]
    min: float
    max: float


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the feature name and its bounds."""
    name = table.get("feature")
    if name not in FEATURES:
        raise RuleError(f"{where}: unknown feature {name!r} (known: {', '.join(sorted(FEATURES))})")
    low, high = number_param(table, "min", where), number_param(table, "max", where)
    if low is None and high is None:
        raise RuleError(f"{where}: a feature rule needs 'min' or 'max'")
    return {"feature": name, "min": low, "max": high}


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag the answer when the feature leaves its bounds."""
    value = FEATURES[rule.params["feature"]](answer)
    low, high = rule.params["min"], rule.params["max"]
    if (low is not None and value < low) or (high is not None and value > high):
        return [finding(rule, answer, None, value=round(value, 2), percent=round(value * 100))]
    return []
