"""Rule kinds: the code behind rules. Each module validates its parameters and checks an answer.

A kind module exposes `Params` (a TypedDict of its rule keys and their types, which the loader checks
every rule against), `parse_params(table, where, scope)` and `check(rule, answer) -> list[Finding]`.
"""

from __future__ import annotations

from types import ModuleType

from starcoach.analysis.kinds import (
    conditional,
    existence,
    feature,
    function,
    occurrence,
    ratio,
    sequence,
    substitution,
)

KINDS: dict[str, ModuleType] = {
    "existence": existence,
    "substitution": substitution,
    "occurrence": occurrence,
    "ratio": ratio,
    "conditional": conditional,
    "sequence": sequence,
    "feature": feature,
    "function": function,
}
