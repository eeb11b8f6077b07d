"""A phrase or signal that should not be there: flag each occurrence."""

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
    """The rule keys of an existence rule."""

    find: MatcherTable


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the rule's `find` matcher."""
    return {"find": matcher_param(table, "find", where, scope)}


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag every span the matcher finds."""
    return [finding(rule, answer, span) for span in find(rule.params["find"], answer)]
