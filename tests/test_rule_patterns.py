"""Every phrase pattern of every rule is exercised by the rule's own examples.

A pattern the rule looks for must match at least one of its flag examples; a pattern the rule requires
(an occurrence rule with a minimum, the companion a conditional rule asks for) must match at least one
of its pass examples. A pattern no example reaches is a pattern nobody has seen work.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from starcoach.analysis.matchers import Matcher, compile_patterns
from starcoach.analysis.registry import load_rules, parse_example
from starcoach.analysis.rule import Rule

RULES = load_rules()


def looked_for(rule: Rule) -> Iterator[tuple[str, str]]:
    """Yield (side, pattern) for each phrase pattern of `rule`: "flag" for a pattern whose presence
    flags, "pass" for a pattern whose presence the rule requires."""
    params = rule.params
    matchers: list[tuple[str, Matcher]] = []
    if rule.kind == "existence":
        matchers.append(("flag", params["find"]))
    elif rule.kind == "occurrence":
        matchers.append(("pass" if params.get("min") else "flag", params["count"]))
    elif rule.kind == "conditional":
        matchers += [("flag", params["when"]), ("pass", params["require"])]
    elif rule.kind == "sequence":
        matchers += [("flag", params["first"]), ("flag", params["then"])]
    elif rule.kind == "ratio":
        matchers += [("flag", params["numerator"]), ("flag", params["denominator"])]
    elif rule.kind == "substitution":
        for compiled, _replacement in params["swap"]:
            yield "flag", compiled.pattern
    for side, matcher in matchers:
        for pattern in matcher.patterns:
            yield side, pattern


def _matches(pattern: str, texts: list[str]) -> bool:
    (regex,) = compile_patterns([pattern], "")
    return any(regex.search(text) for text in texts)


def unexercised(rule: Rule) -> list[str]:
    """Return the patterns of `rule` that none of the examples on their side matches."""
    texts = {
        "flag": [parse_example(e).text for e in rule.flag_examples],
        "pass": [parse_example(e).text for e in rule.pass_examples],
    }
    return [f"{side}: {p}" for side, p in looked_for(rule) if not _matches(p, texts[side])]


@pytest.mark.parametrize("rule", [r for r in RULES if any(looked_for(r))], ids=lambda r: r.id)
def test_every_pattern_has_an_example(rule: Rule) -> None:
    missing = unexercised(rule)
    assert not missing, f"{rule.id} ({rule.file}): no example reaches " + "; ".join(missing)


def test_the_count_covers_every_kind_with_patterns() -> None:
    # The walk above must know every kind that holds patterns, or patterns would slip past it.
    kinds_with_patterns = {r.kind for r in RULES if any(looked_for(r))}
    assert {"existence", "occurrence", "conditional", "substitution"} <= kinds_with_patterns
