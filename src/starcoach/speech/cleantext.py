"""The transcript without fillers, for the content analysis, and the way back to the transcript.

Fillers and the first copy of a repeated word or restarted phrase are delivery matters, not content:
the analyzer reads the transcript without them. Each kept word remembers where it lies in the
transcript, so a finding on the cleaned text maps back to the words the speaker said (and their time).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.speech.disfluency import Disfluency
from starcoach.speech.transcript import Transcript, Word

REMOVED_KINDS = frozenset({"filler", "repeat", "restart"})
_SENTENCE_END = (".", "?", "!")


@dataclass(frozen=True)
class CleanText:
    """The text the analyzer reads and, per kept word, its span there and in the transcript."""

    text: str
    clean_starts: tuple[int, ...]
    clean_ends: tuple[int, ...]
    words: tuple[Word, ...]
    """The transcript word behind each kept piece, in order."""
    removed: int
    """How many transcript words were left out."""

    def to_transcript(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the transcript span covering the clean span [start, end), or None if it is empty."""
        if not self.words or end <= start:
            return None
        first = max(0, bisect_right(self.clean_starts, start) - 1)
        last = max(first, bisect_right(self.clean_starts, end - 1) - 1)
        a, b = self.words[first], self.words[last]
        inner = start - self.clean_starts[first]
        begin = a.start + min(max(inner, 0), a.end - a.start)
        tail = self.clean_ends[last] - end
        finish = b.end - min(max(tail, 0), b.end - b.start)
        return (begin, max(begin, finish))

    def word_for(self, start: int) -> Word | None:
        """Return the transcript word at clean offset `start`."""
        if not self.words:
            return None
        return self.words[max(0, bisect_right(self.clean_starts, start) - 1)]


def clean_transcript(transcript: Transcript, marks: Sequence[Disfluency]) -> CleanText:
    """Return the transcript's text without fillers, repeats and restarts, with the map back."""
    drop: set[int] = set()
    for mark in marks:
        if mark.kind in REMOVED_KINDS:
            drop.update(range(mark.first, mark.last + 1))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Word] = []
    offset = 0
    capitalise = True
    for index, word in enumerate(transcript.words):
        if index in drop:
            # A dropped word that closed a sentence hands its full stop to the word before it.
            tail = word.text.rstrip("\"'”’)")
            if tail.endswith(_SENTENCE_END) and pieces and not pieces[-1].endswith(_SENTENCE_END):
                pieces[-1] = pieces[-1].rstrip(",;:") + tail[-1]
                ends[-1] = offset = starts[-1] + len(pieces[-1])
                capitalise = True
            elif tail.endswith(",") and pieces and pieces[-1].endswith(","):
                # "We had, uh, three weeks": the commas only set the filler off.
                pieces[-1] = pieces[-1][:-1]
                ends[-1] = offset = starts[-1] + len(pieces[-1])
            continue
        token = word.text
        if capitalise and token[:1].islower():
            token = token[:1].upper() + token[1:]
        if pieces:
            offset += 1
        starts.append(offset)
        pieces.append(token)
        offset += len(token)
        ends.append(offset)
        kept.append(word)
        capitalise = token.endswith(_SENTENCE_END)
    return CleanText(
        " ".join(pieces),
        tuple(starts),
        tuple(ends),
        tuple(kept),
        len(transcript.words) - len(kept),
    )
