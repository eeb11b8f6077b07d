"""When the analyzer declines to score: empty, too short, not English, or not a personal answer."""

from __future__ import annotations

import re

from starcoach.analysis.text import LETTER_RUN, count_words

_ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the a an and or but of to in on at for with from by as is was were are be been it its this that these
    those i me my we our us you your he she they them his her their not no so if then than when while
    because after before into out up about over had has have did do does will would could should can
    """.split()
)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_PERSONAL = re.compile(r"\b(?:I|I'm|I've|I'd|me|my|myself|we|our|us|mine)\b", re.IGNORECASE)


TOO_SHORT = "too short"
"""How a reason for an answer below the length threshold starts; such an answer still gets the rules that can
judge a short answer."""


def abstain_reason(
    text: str, min_words: int, personal: bool = True, word_count: int | None = None
) -> str | None:
    """Return why `text` cannot be scored, or None when it can; `personal` requires an I/we/my.

    `word_count` is count_words(text) when the caller has it already.
    """
    if not text.strip():
        return "empty: there is no answer to analyze"
    # Letters are counted from runs of letters rather than one match per letter: the same count, a
    # fraction of the matches. str.split() drops exactly the characters that \s matches.
    tokens = _TOKEN.findall(text)
    letters = sum(map(len, tokens))
    visible = sum(map(len, text.split()))
    if letters < 0.6 * visible:
        return "unreadable: the text is mostly symbols or numbers, not prose"
    if letters and sum(map(len, LETTER_RUN.findall(text))) < 0.7 * letters:
        return "not English: starcoach analyzes answers written in English"
    if len(tokens) >= 8:
        common = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, tokens)))
        share = common / len(tokens)
        if share < 0.15:
            return "not English: too few common English words to analyze it reliably"
    total = count_words(text) if word_count is None else word_count
    if total < min_words:
        return f"{TOO_SHORT}: {total} words; an answer to this question needs at least {min_words}"
    if personal and not _PERSONAL.search(text):
        return "not a personal answer: it never says I, we or my, so there is no story to score"
    return None
