"""Find filler words, hedges, repeated words and restarts in a transcript's words.

Precision comes first: a word that is a filler in one sentence is content in another ("it looked like
rain", "I mean it"), so the ambiguous fillers ("like", "you know", "I mean") count only where the
transcript sets them off (a comma after them, or a clause start before a pronoun), and the hedges
"sort of"/"kind of" not after a word that makes them a noun phrase ("what kind of tool").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.speech.transcript import Word

FILLER_SOUNDS = frozenset(
    {"um", "umm", "uhm", "uh", "uhh", "er", "erm", "err", "ah", "ahh", "eh", "hmm", "hm", "mm"}
)
"""Sounds that are never content words."""

_PRONOUNS = frozenset(
    {"i", "we", "they", "he", "she", "it", "there", "my", "our", "everyone", "nobody", "you"}
)
_LIKE_VERBS = frozenset(
    {
        "would", "i'd", "we'd", "you'd", "they'd", "feel", "feels", "felt", "look", "looks",
        "looked", "seem", "seems", "seemed", "sound", "sounds", "sounded", "something", "much",
        "anything", "nothing", "more", "less", "not", "didn't", "don't", "doesn't",
    }
)  # fmt: skip
_KNOW_BEFORE = frozenset(
    {"do", "did", "don't", "didn't", "if", "as", "let", "would", "will", "may", "might", "what",
     "to", "could", "should", "who", "how", "that"}
)  # fmt: skip
_MEAN_BEFORE = frozenset({"what", "do", "don't", "didn't", "you", "they", "we", "to"})
_MEAN_OBJECTS = frozenset(
    {"it", "that", "this", "the", "what", "to", "you", "them", "him", "her", "a", "every", "no"}
)
_KIND_NOUN_BEFORE = frozenset(
    {"what", "this", "that", "a", "the", "any", "some", "every", "which", "same", "these",
     "those", "one", "different", "other", "each", "no", "all", "new", "right", "wrong", "that's",
     "what's", "only", "first", "our", "my", "their", "his", "her", "its", "your"}
)  # fmt: skip
_HEDGE_PAIRS = {("i", "guess"), ("i", "suppose"), ("kind", "of"), ("sort", "of")}
_HEDGE_TRIPLES = {("more", "or", "less"), ("or", "something", "like")}
_HEDGE_SINGLES = frozenset({"kinda", "sorta"})
_HEDGE_TAILS = {("or", "something"), ("or", "whatever")}
_REPEAT_OK = frozenset(
    {"had", "that", "is", "very", "really", "no", "yes", "bye", "more", "many", "far", "long",
     "again", "over", "round", "ha", "so", "much", "on", "and"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Disfluency:
    """One filler, hedge, repeat or restart: the words it covers and where they are."""

    kind: str
    """"filler", "hedge", "repeat" or "restart"."""
    text: str
    first: int
    """Index of its first word in the transcript's words."""
    last: int
    """Index of its last word (inclusive)."""
    start: int
    """Character span into the transcript text."""
    end: int
    t0: float | None
    t1: float | None


def _has_comma(word: Word) -> bool:
    return word.text.rstrip("\"'”’)").endswith((",", "—", "–", "...", "…"))


def _clause_start(words: Sequence[Word], index: int) -> bool:
    """Return True when word `index` opens a clause: first word, or after a comma or sentence end."""
    if index == 0:
        return True
    before = words[index - 1]
    return _has_comma(before) or before.ends_sentence or before.bare in FILLER_SOUNDS


def _bare(words: Sequence[Word], index: int) -> str:
    return words[index].bare if 0 <= index < len(words) else ""


def _make(kind: str, words: Sequence[Word], first: int, last: int) -> Disfluency:
    a, b = words[first], words[last]
    text = " ".join(w.text for w in words[first : last + 1])
    return Disfluency(kind, text, first, last, a.start, b.end, a.t0, b.t1)


def _filler_at(words: Sequence[Word], i: int) -> int:
    """Return how many words the filler at `i` covers (0 when there is none)."""
    word = words[i].bare
    if word in FILLER_SOUNDS:
        return 1
    if word == "like":
        before, after = _bare(words, i - 1), _bare(words, i + 1)
        if before in _LIKE_VERBS:
            return 0
        if _has_comma(words[i]) and not words[i].ends_sentence:
            return 1
        if before in FILLER_SOUNDS or after in FILLER_SOUNDS or after == "like":
            return 1
        return 0
    if word == "you" and _bare(words, i + 1) == "know":
        know = words[i + 1]
        if _bare(words, i - 1) in _KNOW_BEFORE:
            return 0
        if _has_comma(know) or (know.ends_sentence and not know.text.endswith("?")):
            return 2 if _clause_start(words, i) or _has_comma(know) else 0
        if _clause_start(words, i) and _bare(words, i + 2) in _PRONOUNS:
            return 2
        return 0
    if word == "i" and _bare(words, i + 1) == "mean":
        mean = words[i + 1]
        if _bare(words, i - 1) in _MEAN_BEFORE or mean.ends_sentence:
            return 0
        if _has_comma(mean):
            return 2
        if _clause_start(words, i) and _bare(words, i + 2) not in _MEAN_OBJECTS:
            return 2
        return 0
    return 0


def _hedge_at(words: Sequence[Word], i: int) -> int:
    """Return how many words the hedge at `i` covers (0 when there is none)."""
    one = words[i].bare
    if one in _HEDGE_SINGLES:
        return 1
    two = (one, _bare(words, i + 1))
    if (one, two[1], _bare(words, i + 2)) in _HEDGE_TRIPLES:
        return 3
    if two in {("kind", "of"), ("sort", "of")}:
        before = _bare(words, i - 1)
        if before in _KIND_NOUN_BEFORE or before.endswith("'s"):
            return 0
        # "kind of" at a sentence end ("that kind of.") is unusual; a following verb or adjective
        # is the hedge. Without a tagger the noun-phrase words before are the guard.
        return 2
    if two in _HEDGE_PAIRS:
        return 2
    if two in _HEDGE_TAILS and (words[i + 1].ends_sentence or _has_comma(words[i + 1])):
        return 2
    return 0


def find_disfluencies(words: Sequence[Word]) -> list[Disfluency]:
    """Return the fillers, hedges, repeats and restarts in `words`, in order of position."""
    found: list[Disfluency] = []
    i = 0
    while i < len(words):
        size = _filler_at(words, i)
        if size:
            found.append(_make("filler", words, i, i + size - 1))
            i += size
            continue
        size = _hedge_at(words, i)
        if size:
            found.append(_make("hedge", words, i, i + size - 1))
            i += size
            continue
        i += 1
    found.extend(_repeats(words, {d.first for d in found if d.kind == "filler"}))
    found.sort(key=lambda d: (d.first, d.kind))
    return found


def _repeats(words: Sequence[Word], filler_starts: set[int]) -> list[Disfluency]:
    """Return repeated words ("I, I") and restarted phrases ("we were, we were")."""
    bare = [w.bare for w in words]
    out: list[Disfluency] = []
    i = 0
    while i < len(words):
        matched = 0
        for n in (3, 2):
            if (
                i + 2 * n <= len(words)
                and bare[i : i + n] == bare[i + n : i + 2 * n]
                and all(bare[i : i + n])
                and i not in filler_starts
            ):
                matched = n
                break
        if matched:
            out.append(_make("restart", words, i, i + matched - 1))
            i += matched
            continue
        if (
            i + 1 < len(words)
            and bare[i]
            and bare[i] == bare[i + 1]
            and bare[i] not in _REPEAT_OK
            and bare[i] not in FILLER_SOUNDS
            and not words[i].ends_sentence
        ):
            out.append(_make("repeat", words, i, i))
            i += 1
            continue
        if words[i].text.endswith(("-", "—", "–")) and len(bare[i]) >= 1 and i + 1 < len(words):
            out.append(_make("restart", words, i, i))
        i += 1
    return out
