"""A phrase or signal that should not be there: flag each occurrence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from starcoach.analysis.kinds.base import find, finding, matcher_param
from starcoach.analysis.matchers import MatcherTable
from starcoach.analysis.report import Finding, Span

if TYPE_CHECKING:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


class Params(TypedDict):
    """The rule keys of an existence rule."""

    find: MatcherTable


def parse_params(table: Mapping[str, Any], where: str, scope: str) -> dict[str, Any]:
    """Validate the rule's `find` matcher."""
    return {"find": matcher_param(table, "find", where, scope)}


# Words the speaker says they did not say: "I didn't tell him it was his fault" is not blame, nor "without
# suggesting it was their fault". A phrase right after them is reported as unsaid, so it is not flagged.
_UNSAID = re.compile(
    r"(?:\b(?:didn't|did not|never|wouldn't|would not|won't|without|not)\s+(?:\w+\s+)?"
    r"(?:tell|telling|told|say|saying|said|suggest|suggesting|suggested|imply|implying|implied|blame|"
    r"blaming|accuse|accusing|make out|making out|let on)\b(?:\s+\w+){0,3}\s*(?:that\s+)?)$",
    re.IGNORECASE,
)
_LOOK_BACK = 60


def check(rule: Rule, answer: Answer) -> list[Finding]:
    """Flag every span the matcher finds, except a phrase the speaker says they did not say."""
    return [
        finding(rule, answer, span)
        for span in find(rule.params["find"], answer)
        if not _unsaid(answer.text, span)
    ]


def _unsaid(text: str, span: Span) -> bool:
    before = re.split(r"[.!?;]", text[max(0, span.start - _LOOK_BACK) : span.start])[-1]
    return _UNSAID.search(before) is not None
