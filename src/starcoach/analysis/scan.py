"""Reading what a regex pattern's matches start with, and scans that try it only there.

This is the one parser of pattern prefixes: `fixed_starts` gives the fixed texts every match starts
with (for scans and rule matchers), `first_words` the whole words (for the STAR cue index), both over
`split_top` and `group_end`.

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
_WORD_CHARS = frozenset(string.ascii_lowercase + string.digits + "_")
DIGIT_KEY = "0"
"""What `first_words` gives for a pattern that starts with a digit."""


def fold(text: str) -> str:
    """Return `text` with A-Z lowercased and nothing else changed: the length and every offset stay
    the same, so spans found in the folded text hold in the original."""
    return text.translate(_ASCII_LOWER)


def fold_ascii(text: str) -> str | None:
    """Return `text` with A-Z lowercased (same length, so offsets hold), or None when it holds a
    character that case-insensitive matching takes for an ASCII letter.

    Where this is not None, a lowercase ASCII text occurs in it exactly where a case-insensitive
    pattern would match that text, and a pattern written in lowercase matches it exactly where the
    same pattern with IGNORECASE matches `text`.
    """
    if not text.isascii() and any(twin in text for twin in _NON_ASCII_CASE_TWINS):
        return None
    return fold(text)


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
    alternatives = split_top(pattern)
    if len(alternatives) > 1:
        return [s for alternative in alternatives for s in _starts(alternative)]
    if pattern.startswith("(?:"):
        end = group_end(pattern)
        inner = split_top(pattern[3:end])
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


def split_top(pattern: str) -> list[str]:
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


def group_end(pattern: str, open_at: int = 0) -> int:
    """Return the index of the parenthesis that closes the group opened at `open_at`."""
    depth = 0
    i = open_at
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


def first_words(alternative: str) -> frozenset[str] | None:
    """Return the whole words every match of `alternative` starts with (lowercase patterns only),
    `DIGIT_KEY` for a leading digit, or None when that is not simple to read off."""
    alt = alternative
    while alt.startswith("(?<"):  # a lookbehind is zero-width: the word follows it
        alt = alt[group_end(alt) + 1 :]
    if alt.startswith("\\d"):
        return frozenset({DIGIT_KEY})
    if alt[:1] and alt[0] in _WORD_CHARS:
        k = 0
        while k < len(alt) and alt[k] in _WORD_CHARS:
            k += 1
        word, rest = alt[:k], alt[k:]
        if rest.startswith("?") and len(word) > 1:  # "costs?": the last letter is optional
            return frozenset({word, word[:-1]}) if _word_ends(rest[1:]) else None
        return frozenset({word}) if _word_ends(rest) else None
    if alt.startswith("(?:"):
        end = group_end(alt)
        if alt[end + 1 : end + 2] in ("?", "*", "{") or not _word_ends(alt[end + 1 :]):
            return None
        words: set[str] = set()
        for sub in split_top(alt[3:end]):
            found = first_words(sub) if sub else None
            if found is None:
                return None
            words |= found
        return frozenset(words)
    return None


def _word_ends(rest: str) -> bool:
    """Return True when nothing in `rest` can extend the word just read (it ends at a non-word char)."""
    if not rest or rest.startswith(("\\b", "\\s", " ")):
        return True
    if rest.startswith(("(?!", "(?=", "(?<")):
        return _word_ends(rest[group_end(rest) + 1 :])
    if rest.startswith("(?:"):
        end = group_end(rest)
        after = rest[end + 1 :]
        optional = after[:1] in ("?", "*")
        after = after[1:] if optional else after
        subs = split_top(rest[3:end])
        if (optional or "" in subs) and not _word_ends(after):
            return False
        return all(
            sub == "" or (sub[0] not in _WORD_CHARS and sub[0] not in "([\\") for sub in subs
        )
    return rest[0] not in _WORD_CHARS and rest[0] not in "([\\?*+{"


def start_offsets(folded: str, starts: tuple[str, ...], start: int, end: int) -> list[int]:
    """Return, in order, every offset in [start, end) where one of `starts` occurs in `folded`."""
    found: set[int] = set()
    for text in starts:
        at = folded.find(text, start, end)
        while at >= 0:
            found.add(at)
            at = folded.find(text, at + 1, end)
    return sorted(found)
