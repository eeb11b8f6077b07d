"""Case folding for fast cue matching: patterns are compiled lowercase and run on ASCII-folded text.

A case-insensitive regular expression loses the engine's cheap first-character test, which makes a scan
several times slower; folding the text once (ASCII letters only, so its length and every offset stay the
same) and compiling lowercase patterns keeps that test.
"""

from __future__ import annotations

import re
import string

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    """Return `text` with ASCII letters lowercased; the length never changes, so spans carry over."""
    return text.translate(_ASCII_LOWER)


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a cue pattern in lowercase, to run on `fold`ed text."""
    return re.compile(pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))
