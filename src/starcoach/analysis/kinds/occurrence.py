"""A count in a scope with a minimum and/or maximum ("no number in the Result")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Required, TypedDict

from starcoach.analysis.kinds.base import (
    find,
    finding,
    first_scope_span,
    matcher_param,
    number_param,
    scope_spans,
)
from starcoach.analysis.matchers import MatcherTable, RuleError
from starcoach.analysis.report import Finding

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict, total=False):
    """The rule keys of an occurrence rule (`min` or `max` or both)."""

    count: Required[MatcherTable]
    min: int
    max: int


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the `count` matcher and its bounds."""
    low, high = number_param(table, "min", where), number_param(table, "max", where)
    if low is None and high is None:
        raise RuleError(f"{where}: an occurrence rule needs 'min' or 'max'")
    return {"count": matcher_param(table, "count", where, scope), "min": low, "max": high}


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag a count below `min` (pointing at the scope) or each match beyond `max`."""
    # A rule about a STAR part stays silent when the part is absent: "missing result" is another rule.
    if rule.scope != "answer" and not scope_spans(answer, rule.scope):
        return []
    spans = find(rule.params["count"], answer)
    low, high = rule.params["min"], rule.params["max"]
    if low is not None and len(spans) < low:
        return [finding(rule, answer, first_scope_span(answer, rule.scope), count=len(spans))]
    if high is not None and len(spans) > high:
        return [finding(rule, answer, span, count=len(spans)) for span in spans[int(high) :]]
    return []
