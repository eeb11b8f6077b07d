"""Case folding for fast cue matching: patterns are compiled lowercase and run on ASCII-folded text.

A case-insensitive regular expression loses the engine's cheap first-character test, which makes a scan
several times slower; folding the text once (ASCII letters only, so its length and every offset stay the
same) and compiling lowercase patterns keeps that test. For the same reason a pattern made of several
alternatives that each open with a word boundary is compiled as one guarded group,
`(?<!\\w)(?:a|b|c)`, which the engine scans about twice as fast as `\\ba|\\bb|\\bc`.
"""

from __future__ import annotations

import re
import string

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """Return `text` with ASCII letters lowercased; the length never changes, so spans carry over."""
    return text.translate(_ASCII_LOWER)


def _split_top(pattern: str) -> list[str]:
    """Split a pattern at its top-level `|` (outside groups and character classes)."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a cue pattern in lowercase, to run on `fold`ed text."""
    source = pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    alternatives = _split_top(source)
    if len(alternatives) > 1 and all(
        alt.startswith("\\b") and (alt[2:3].isalpha() or alt[2:5] == "(?:") for alt in alternatives
    ):
        source = "(?<!\\w)(?:" + "|".join(alt[2:] for alt in alternatives) + ")"
    elif source.startswith("\\b(?:") and not source.endswith("$"):
        # Not for patterns read backwards from a number ("...$"): there the guard is slower.
        source = "(?<!\\w)" + source[2:]
    return re.compile(source)
