"""An answer that wanders: long, mostly background and asides, with little of what the speaker did.

What an interviewer hears as rambling is not length alone (a long answer full of actions and results is
only long; `length.rambling` covers that) but a story that never gets going: sentence after sentence of
context (the company, the career, the industry, the people), asides ("anyway", "which is a whole other
story"), memory gaps ("I don't remember exactly", "or it might have been"), and at most one sentence in
which the speaker does something, with no outcome number. The judgement reads the answer's structure
(the STAR label of each sentence, who acts in it, what its numbers measure) and uses cue words only for the
asides and memory gaps.

Known limits: English cue words for asides; a long answer whose actions are told in "we" is left to the
ownership rules, and one whose actions are all in the present tense ("I sit with him") may read as context.
"""

from __future__ import annotations

from starcoach.analysis.features.fold import rx

# Asides and memory gaps: the speaker losing the thread, not telling it. Spoken fillers ("um", "you know")
# are left out: a transcript full of them can tell a strong story (they are a delivery matter).
_WANDER = rx(
    r"\b(?:I (?:don't|do not|can't|cannot|couldn't) (?:really |honestly |quite )?(?:remember|recall)|"
    r"I(?:'m| am) not (?:sure|certain)|or something(?: like that)?|(?:or )?it might have been|"
    r"I think it was|anyway|(?:a |another )?(?:whole )?(?:other|different) story|as you can imagine|"
    r"you(?:'ll| will) remember|back then|by the way|but that's another|"
    r"where was I|to cut a long story short|long story short)\b"
)

# Measured on the dev split of our answers: every strong answer of 150 words or more has at least two
# sentences in which the speaker acts, and none has more than half its sentences labelled background
# while stating one or no actions of their own.
WANDER_MIN_WORDS = 150
OWN_ACTIONS_MAX = 1
BACKGROUND_SHARE = 0.55
ASIDES_MIN = 2
# With many asides the story has drifted even when two of its sentences are actions.
ASIDES_MANY = 3
OWN_ACTIONS_MAX_WITH_MANY_ASIDES = 2


def asides(text: str) -> int:
    """Return how many asides and memory gaps the (folded) text holds."""
    return len(_WANDER.findall(text))


def wanders(
    words: int, parts: list[str], own_actions: int, outcomes: int, aside_count: int
) -> bool:
    """Return True when a long answer is mostly background and asides with almost no action of its own.

    `parts` is the STAR label of each sentence, `own_actions` the sentences in which the speaker ("I")
    acts, `outcomes` the numbers that state an outcome, `aside_count` what `asides` found.
    """
    if words < WANDER_MIN_WORDS or outcomes or not parts:
        return False
    if aside_count >= ASIDES_MANY and own_actions <= OWN_ACTIONS_MAX_WITH_MANY_ASIDES:
        return True
    if own_actions > OWN_ACTIONS_MAX:
        return False
    background = parts.count("situation") / len(parts)
    return background >= BACKGROUND_SHARE or aside_count >= ASIDES_MIN
