"""What every kind shares: finding the spans a matcher selects, checking parameters, building findings."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from starcoach.analysis.detectors import DETECTORS
from starcoach.analysis.matchers import Matcher, RuleError, parse_matcher
from starcoach.analysis.report import Finding, Span
from starcoach.analysis.scan import start_offsets

if TYPE_CHECKING:
    import re

    from starcoach.analysis.answer import Answer
    from starcoach.analysis.rule import Rule


def scope_spans(answer: Answer, scope: str) -> list[Span]:
    """Return the spans a scope covers: the whole text, or the sentences of one STAR part."""
    if scope == "answer":
        return [Span(0, len(answer.text))]
    return answer.part_spans(scope)


def find(matcher: Matcher, answer: Answer) -> list[Span]:
    """Return the spans the matcher selects inside its scope, in text order, without duplicates."""
    scopes = scope_spans(answer, matcher.scope)
    found: set[Span] = set()
    regex = matcher.regex
    if regex is not None:
        # A text where no fixed start occurs is passed over by `regex_spans` in a few `str.find`s.
        found.update(regex_spans(regex, matcher.starts, answer, scopes))
    if matcher.detector is not None:
        # Scopes are sentences in text order, so only the last one starting at or before a span
        # can hold it.
        scope_starts = [scope.start for scope in scopes]
        for span in DETECTORS[matcher.detector](answer):
            k = bisect_right(scope_starts, span.start) - 1
            if k >= 0 and span.start < scopes[k].end:
                found.add(span)
    return sorted(found, key=lambda s: (s.start, s.end))


def regex_spans(
    regex: re.Pattern[str], starts: tuple[str, ...] | None, answer: Answer, scopes: Sequence[Span]
) -> Iterator[Span]:
    """Yield the non-empty matches of `regex` inside each scope, the same ones `finditer` finds.

    `scopes` are disjoint and in text order; `starts` are lowercase texts every match begins with
    (from analysis.scan.fixed_starts), or None.
    """
    folded = answer.folded
    if starts is None or folded is None or not scopes:
        for scope in scopes:
            for match in regex.finditer(answer.text, scope.start, scope.end):
                if match.end() > match.start():
                    yield Span(match.start(), match.end())
        return
    # The pattern is tried only where a start occurs, in order, skipping those inside the previous
    # match as finditer does. The folded text has them exactly where a case-insensitive match can be.
    # They are found once for all scopes; one that runs past the end of its scope fails to match.
    offsets = start_offsets(folded, starts, scopes[0].start, scopes[-1].end)
    for scope in scopes:
        resume = scope.start
        for start in offsets[bisect_left(offsets, scope.start) : bisect_left(offsets, scope.end)]:
            if start < resume:
                continue
            hit = regex.match(answer.text, start, scope.end)
            if hit is not None:
                # A match holds its start, so it is never empty.
                yield Span(hit.start(), hit.end())
                resume = hit.end()


def matcher_param(table: Mapping[str, Any], key: str, where: str, scope: str) -> Matcher:
    """Return the matcher under `key`, which must be present."""
    if key not in table:
        raise RuleError(f"{where}: missing key {key!r}")
    return parse_matcher(table[key], f"{where}: {key}", scope)


def number_param(table: Mapping[str, Any], key: str, where: str) -> float | None:
    """Return an optional numeric parameter."""
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RuleError(f"{where}: {key!r} must be a number")
    return float(value)


def finding(rule: Rule, answer: Answer, span: Span | None, **values: object) -> Finding:
    """Build a finding of `rule` at `span` (None for something missing), filling {placeholders}."""
    message = rule.message.format(**values) if values else rule.message
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message=message,
        advice=rule.advice,
        dimension=rule.dimension,
        span=span,
        matched=span.text(answer.text) if span else "",
    )


def first_scope_span(answer: Answer, scope: str) -> Span | None:
    """Return the first sentence of a STAR-part scope to point at, or None for the whole answer."""
    if scope == "answer":
        return None
    spans = scope_spans(answer, scope)
    return spans[0] if spans else None
