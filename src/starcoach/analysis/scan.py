"""Regex scans that try a pattern only where the fixed text every match starts with occurs.

A pattern of many phrase alternatives is slow to scan: the engine tries them all at each position of
the text. When every match must start with one of a few fixed texts ("i kind of", "the reason"),
`str.find` reaches the places where one occurs many times faster, and the pattern is tried only there.
The results are exactly those of `finditer`.
"""

from __future__ import annotations

import re
import string

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# The only characters that case-insensitive matching equates with an ASCII letter while not being
# one: dotted and dotless i, long s and the Kelvin sign.
_NON_ASCII_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")

_LITERAL = re.compile(r"[a-z0-9 ,:;/'’-]+", re.IGNORECASE)
_MAX_STARTS = 4


def fold_ascii(text: str) -> str | None:
    """Return `text` with A-Z lowercased (same length, so offsets hold), or None when it holds a
    character that case-insensitive matching takes for an ASCII letter.

    Where this is not None, a lowercase ASCII text occurs in it exactly where a case-insensitive
    pattern would match that text, and a pattern written in lowercase matches it exactly where the
    same pattern with IGNORECASE matches `text`.
    """
    if not text.isascii() and any(twin in text for twin in _NON_ASCII_CASE_TWINS):
        return None
    return text.translate(_ASCII_LOWER)


def fixed_starts(pattern: str) -> tuple[str, ...] | None:
    """Return lowercase texts one of which every match of `pattern` starts with, or None if unknown.

    Reads alternatives, runs of plain characters and groups of alternatives (optional or not);
    anything else ends the fixed text there.
    """
    starts = sorted(set(_starts(pattern)))
    if "" in starts:
        return None  # some match may start anywhere
    # A start that extends another finds nothing the shorter one does not.
    return tuple(s for s in starts if not any(s != t and s.startswith(t) for t in starts))


def _starts(pattern: str) -> list[str]:
    """Return texts one of which every match of `pattern` starts with; "" stands for unknown."""
    alternatives = _split_top(pattern)
    if len(alternatives) > 1:
        return [s for alternative in alternatives for s in _starts(alternative)]
    if pattern.startswith("(?:"):
        end = _group_end(pattern)
        inner = _split_top(pattern[3:end])
        after = pattern[end + 1 :]
        heads = [s for alternative in inner for s in _starts(alternative)]
        if after[:1] == "{":
            return [""]  # "{0,2}" may skip the group
        if after[:1] in ("?", "*"):
            return heads + _starts(after[1:])
        if after[:1] != "+" and all(a == "" or _LITERAL.fullmatch(a) for a in inner):
            # The group is one of a few fixed texts, so what follows it extends each of them.
            return _longer([a.lower() for a in inner], after, heads)
        return heads
    run = _LITERAL.match(pattern)
    if run is None:
        return [""]
    literal = run.group().lower()
    after = pattern[run.end() :]
    if after[:1] in ("?", "*", "{"):
        return [literal[:-1]]  # the quantifier makes the last character optional ("users?")
    if after.startswith("(?:"):
        return _longer([literal], after, [literal])
    return [literal]


def _longer(heads: list[str], after: str, otherwise: list[str]) -> list[str]:
    """Return `heads` extended by the starts of what follows them, or `otherwise` when that gives many.

    Longer starts ("a lazy" rather than "a") leave fewer places to try, but each start is one more
    search of the text, so a long list costs more than it saves.
    """
    tails = _starts(after)
    longer = [head + tail for head in heads for tail in tails]
    return longer if len(longer) <= _MAX_STARTS else otherwise


def _split_top(pattern: str) -> list[str]:
    """Split `pattern` at its top-level `|` (outside groups and character classes)."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _class_end(pattern: str, open_at: int) -> int:
    """Return the index of the `]` that closes the character class opened at `open_at`."""
    i = open_at + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1  # a "]" first in a class is a literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    raise ValueError(f"unclosed character class in {pattern!r}")


def _group_end(pattern: str) -> int:
    """Return the index of the parenthesis that closes the group opening `pattern`."""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def start_offsets(folded: str, starts: tuple[str, ...], start: int, end: int) -> list[int]:
    """Return, in order, every offset in [start, end) where one of `starts` occurs in `folded`."""
    found: set[int] = set()
    for text in starts:
        at = folded.find(text, start, end)
        while at >= 0:
            found.add(at)
            at = folded.find(text, at + 1, end)
    return sorted(found)
