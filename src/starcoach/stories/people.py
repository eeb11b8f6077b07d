"""Who did an action: "me", "team", or a person named in a few words, never a pasted sentence.

The guided `story new` refuses a "who" that reads like a sentence, and `story check` flags one found in
a story file, with the same test: an actor is at most five words and 40 characters, with no sentence
punctuation and no verb of the kind an action starts with ("rewrote", "we decided").
"""

from __future__ import annotations

import re

from starcoach.stories.model import ME, TEAM, normalize_who

MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 40

# Words that begin a clause, not a name: a pronoun followed by more words, or a past-tense verb.
_CLAUSE = re.compile(
    r"\b(?:i|we|they|he|she|it)\s+\w+|\b\w+(?:ed|ing)\b\s+(?:the|a|an|our|my|their|it|to)\b",
    re.IGNORECASE,
)
_SENTENCE_PUNCTUATION = re.compile(r"[.!?;:](?:\s|$)")
# "Dr. Okafor", "J. Smith": a capital letter or a title before the full stop is part of a name.
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|Mx|Prof|St|Jr|Sr)\.")


def actor_problem(who: str) -> str | None:
    """Return why `who` cannot be the actor of one action, or None when it can."""
    actor = normalize_who(who)
    if actor in ("", ME, TEAM):
        return None
    words = actor.split()
    without_abbreviations = _ABBREVIATION.sub("", actor)
    if (
        len(words) > MAX_NAME_WORDS
        or len(actor) > MAX_NAME_CHARS
        or _SENTENCE_PUNCTUATION.search(without_abbreviations)
        or _CLAUSE.search(actor)
    ):
        return (
            "that reads like a sentence, not a person: answer me, team, or a name such as "
            "'Priya' or 'the ward sister' (up to five words); put what happened in the action"
        )
    return None
