"""Agency: how likely the writer is in control of what a sentence describes.

`agency_score` turns the actor parse (`agency.py`) plus a few cue words into a probability, with weights
fitted offline (see `AGENCY_WEIGHTS`). The evaluation measures it against labelled data; the analyzer's
reports do not use it.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from starcoach.analysis.features.agency import MAX_CHARS, classify, is_gerund, singular_noun


# Cue words, matched on lowercase word tokens (sets, so scoring stays fast). Two-word cues are matched on
# consecutive words.
def _words(text: str) -> frozenset[str]:
    """Return the space-separated words of `text` as a set."""
    return frozenset(text.split())


# Being handed something, told something or surprised by it: the writer did not choose it.
_RECEIVED_WORDS = _words(
    "receive received receives receiving heard informed surprise surprised surprising unexpected "
    "unexpectedly news gift gifts gifted compliment compliments complimented praised congratulated "
    "appreciated recognized recognised"
)
_RECEIVED_PAIRS = _words(
    "was_given were_given been_given gave_me given_me was_told were_told told_me found_out find_out "
    "hear_that learned_that learnt_that was_offered offered_me was_selected was_chosen was_accepted "
    "was_awarded was_invited invited_me called_me sent_me bought_me took_me brought_me got_me showed_me "
    "thanked_me"
)
# Choosing, managing or getting to do something: the writer acted.
_CONTROL_WORDS = _words(
    "finally myself planned bought purchased finished completed accomplished achieved went visited "
    "cooked made ran took started organized organised won earned saved built booked quit applied enrolled"
)
_CONTROL_PAIRS = _words(
    "able_to managed_to decided_to chose_to choose_to got_to get_to my_own plan_to signed_up learned_how "
    "figured_out"
)
# Things nobody present decides: weather, luck, the calendar, deliveries.
_CHANCE_WORDS = _words(
    "rain rained raining rainy weather sun sunny sunshine snow snowed snowing storm luck lucky luckily "
    "lottery holiday birthday weekend season arrived delivered"
)
_CHANCE_PAIRS = _words("it_was there_was there_were day_off came_out was_released")
# Another person close to the writer, who may be the one acting ("my son", "our boss").
_KIN = _words(
    "son sons daughter daughters kid kids children child baby wife husband partner boyfriend girlfriend "
    "fiance fiancee mom mother dad father parent parents brother sister friend friends boss manager team "
    "family nephew niece cousin dog cat puppy toddler coworker coworkers colleague colleagues grandson "
    "granddaughter grandma grandmother grandpa grandfather grandkids"
)
_OWNERS = _words("my our his her their")
_THIRD_PERSON = _words("he she they")
_OBJECT_ME = _words("me us")
_FIRST_PERSON = _words("i i'm i've i'd me my myself we our us")
# Getting a thing that someone else decides to give: a raise, an award, a call, an offer.
_GETTING = _words("got get gets getting gotten receive received receives receiving")
_GIVEN_THINGS = _words(
    "raise bonus promotion award paycheck check cheque review response call email message text letter "
    "offer invitation invite gift compliment news feedback reply notification package card refund rebate "
    "tip hike increment prize scholarship approval acceptance interview"
)
# Noticing or witnessing rather than doing ("I saw", "woke up to").
_PERCEIVED_WORDS = _words("saw see sees seeing noticed notice noticing heard hearing")
_PERCEIVED_PAIRS = _words(
    "woke_up wake_up watched_my watching_my watch_my learned_about learning_that learning_about "
    "finding_out"
)
# Gerund openings that describe receiving or witnessing ("Getting a raise", "Seeing my son").
_RECEIVING_GERUNDS = _words(
    "getting having receiving seeing hearing learning finding being knowing watching listening"
)
# "I was happy when ...", "It made me happy that ...": the event lies in the clause after the feeling.
_FEELING_WORDS = _words(
    "happy happier happiest happiness glad proud thrilled excited delighted pleased grateful joy joyful "
    "overjoyed satisfied relieved moment"
)
_FRAME_LINKS = _words("when that because as since after seeing hearing knowing was is")
_FRAME_TO = _words("see hear know learn find get")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[,.;!?]")
_OPENING_FILLERS = _words("finally just really")


AGENCY_FEATURES = (
    "actor_i",
    "actor_we",
    "actor_other",
    "actor_passive",
    "speaker_received",
    "implied_i",
    "is_action",
    "lead_gerund",
    "event_i",
    "event_other",
    "received",
    "control",
    "chance",
    "others",
    "object_me",
    "no_first_person",
    "got_given",
    "perceived",
    "lead_receiving",
)
"""The named inputs of `agency_score`, in the order of `AGENCY_WEIGHTS`."""

# Logistic-regression weights for AGENCY_FEATURES plus an intercept (last). Fitted offline by
# `python -m eval.agency --fit`: L2-regularised Newton iterations on the CL-Aff training split
# (labeled_10k_train.csv, which contains the work/career training rows, counted twice so the work
# domain weighs more). Only training files were used; the test files were never looked at while fitting.
AGENCY_WEIGHTS = (
    1.785,  # actor_i
    0.183,  # actor_we
    -1.584,  # actor_other
    -1.499,  # actor_passive
    0.462,  # speaker_received
    1.976,  # implied_i
    0.416,  # is_action
    2.807,  # lead_gerund
    0.168,  # event_i
    -1.952,  # event_other
    -1.059,  # received
    0.581,  # control
    -0.199,  # chance
    -0.307,  # others
    -0.127,  # object_me
    -0.052,  # no_first_person
    -1.462,  # got_given
    -0.452,  # perceived
    -1.777,  # lead_receiving
    0.257,  # intercept
)


def agency_features(sentence: str) -> tuple[float, ...]:
    """Return the values of `AGENCY_FEATURES` for `sentence` (each 0 or 1)."""
    # The main clause alone: CL-Aff asks about the moment as a whole, not whether the speaker acted at all.
    guess = classify(sentence, prefer_speaker=False)
    actor = guess.actor
    implied = actor == "i" and guess.start is None
    speaker_received = actor in ("i", "we") and guess.passive and not guess.is_action
    words = _WORD.findall(sentence[:MAX_CHARS].lower().replace("’", "'"))
    present = frozenset(words)
    pairs = frozenset(f"{a}_{b}" for a, b in pairwise(words))
    first = next((w for w in words if w not in _OPENING_FILLERS and w[0].isalpha()), "")
    event_i = event_other = 0.0
    if not guess.is_action and (
        present & _FEELING_WORDS or "made_me" in pairs or "makes_me" in pairs
    ):
        tail = _event_clause(sentence, words)
        if tail is not None:
            event = classify(tail, prefer_speaker=False)
            if event.actor in ("i", "we") and (event.is_action or event.start is None):
                event_i = 1.0
            elif event.actor in ("they", "named", "passive"):
                event_other = 1.0
    return (
        1.0 if actor == "i" and not implied and not speaker_received else 0.0,
        1.0 if actor == "we" and not speaker_received else 0.0,
        1.0 if actor in ("they", "named") else 0.0,
        1.0 if actor == "passive" else 0.0,
        1.0 if speaker_received else 0.0,
        1.0 if implied else 0.0,
        1.0 if guess.is_action else 0.0,
        1.0 if is_gerund(first) else 0.0,
        event_i,
        event_other,
        1.0 if present & _RECEIVED_WORDS or pairs & _RECEIVED_PAIRS else 0.0,
        1.0 if present & _CONTROL_WORDS or pairs & _CONTROL_PAIRS else 0.0,
        1.0 if present & _CHANCE_WORDS or pairs & _CHANCE_PAIRS else 0.0,
        1.0 if present & _THIRD_PERSON or _mentions_kin(words) else 0.0,
        1.0 if present & _OBJECT_ME else 0.0,
        0.0 if present & _FIRST_PERSON else 1.0,
        1.0 if present & _GETTING and _gets_given(words) else 0.0,
        1.0 if present & _PERCEIVED_WORDS or pairs & _PERCEIVED_PAIRS else 0.0,
        1.0 if first in _RECEIVING_GERUNDS else 0.0,
    )


def _mentions_kin(words: list[str]) -> bool:
    """Return True for "my son", "our new boss", "her two kids" (not "my wife and I")."""
    for i, word in enumerate(words):
        if word in _OWNERS:
            for k in range(i + 1, min(len(words), i + 4)):
                if words[k] in _KIN:
                    return words[k + 1 : k + 3] != ["and", "i"]
    return False


def _gets_given(words: list[str]) -> bool:
    """Return True when a form of "get" or "receive" is followed closely by a thing others give."""
    for i, word in enumerate(words):
        if word in _GETTING:
            for k in range(i + 1, min(len(words), i + 7)):
                if words[k] in _GIVEN_THINGS or singular_noun(words[k]) in _GIVEN_THINGS:
                    return True
                if words[k] in ",.;!?":
                    break
    return False


def _event_clause(sentence: str, words: list[str]) -> str | None:
    """Return the clause after a feeling ("I was happy when [my son won]"), rebuilt from its words."""
    for i, word in enumerate(words):
        if word in _FEELING_WORDS or (word == "me" and i > 0 and words[i - 1] in ("made", "makes")):
            for k in range(i + 1, min(len(words), i + 9)):
                link = words[k]
                if link in ",.;!?":
                    break
                if link in _FRAME_LINKS:
                    return _original_tail(sentence, words, k + 1)
                if link == "to" and k + 1 < len(words) and words[k + 1] in _FRAME_TO:
                    return _original_tail(sentence, words, k + 2)
            return None
    return None


def _original_tail(sentence: str, words: list[str], k: int) -> str | None:
    """Return the part of `sentence` that starts at lowercase word `k`, keeping its capitals."""
    if k >= len(words):
        return None
    lowered = sentence.lower().replace("’", "'")
    pos = 0
    for word in words[:k]:
        pos = lowered.find(word, pos) + len(word)
    start = lowered.find(words[k], pos)
    if start < 0 or len(lowered) != len(sentence):
        return " ".join(w for w in words[k:] if w[0].isalpha())
    return sentence[start:]


def agency_score(sentence: str) -> float:
    """Return the probability, in [0, 1], that the writer is in control of what `sentence` describes."""
    z = AGENCY_WEIGHTS[-1]
    for value, weight in zip(agency_features(sentence), AGENCY_WEIGHTS, strict=False):
        z += value * weight
    # Clamp before exp so an extreme sum cannot overflow.
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
