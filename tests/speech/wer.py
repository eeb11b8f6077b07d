"""Word error rate: word-level edit distance over the reference length, after normalising."""

from __future__ import annotations

import re
from collections.abc import Sequence

_PUNCT = re.compile(r"[^\w\s']")


def normalise(text: str) -> list[str]:
    """Return the words of `text` in lowercase without punctuation."""
    return _PUNCT.sub(" ", text.lower()).split()


def word_error_rate(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    """Return (substitutions + deletions + insertions) / len(reference)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1] / max(len(reference), 1)
