"""Cue patterns for fast matching: compiled lowercase, to run on ASCII-folded text (`scan.fold`).

A case-insensitive regular expression loses the engine's cheap first-character test, which makes a scan
several times slower; folding the text once (ASCII letters only, so its length and every offset stay the
same) and compiling lowercase patterns keeps that test. For the same reason a pattern made of several
alternatives that each open with a word boundary is compiled as one guarded group,
`(?<!\\w)(?:a|b|c)`, which the engine scans about twice as fast as `\\ba|\\bb|\\bc`.
"""

from __future__ import annotations

import re

from starcoach.analysis.scan import split_top


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a cue pattern in lowercase, to run on text folded by `scan.fold`."""
    source = pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    alternatives = split_top(source)
    if len(alternatives) > 1 and all(
        alt.startswith("\\b") and (alt[2:3].isalpha() or alt[2:5] == "(?:") for alt in alternatives
    ):
        source = "(?<!\\w)(?:" + "|".join(alt[2:] for alt in alternatives) + ")"
    elif source.startswith("\\b(?:") and not source.endswith("$"):
        # Not for patterns read backwards from a number ("...$"): there the guard is slower.
        source = "(?<!\\w)" + source[2:]
    return re.compile(source)
