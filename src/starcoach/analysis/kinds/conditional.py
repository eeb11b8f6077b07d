"""If A then B: a trigger that needs a companion somewhere ("a striking number needs a baseline")."""

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
    """The rule keys of a conditional rule."""

    when: MatcherTable
    require: MatcherTable


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the trigger and the required companion."""
    return {
        "when": matcher_param(table, "when", where, scope),
        "require": matcher_param(table, "require", where, "answer"),
    }


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag the first trigger when the companion is nowhere in its scope."""
    triggers = find(rule.params["when"], answer)
    if not triggers or find(rule.params["require"], answer):
        return []
    return [finding(rule, answer, triggers[0])]
