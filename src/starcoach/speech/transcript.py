"""A transcript: its text, and each word's place in the text and in time.

Every word keeps a character span into `Transcript.text`, so a finding on the text can be linked to
the moment it was said, and its start and end time in seconds when the source had timings. Audio
transcribed here has a time per word; an imported subtitle file has one per cue, spread over the
cue's words in proportion to their length (`timing == "cue"`); plain text has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    """One word as spoken: its text with punctuation, where it lies in the transcript, and when."""

    text: str
    start: int
    """First character of the word in the transcript text."""
    end: int
    """One past its last character."""
    t0: float | None = None
    """When the word starts, in seconds from the start of the recording."""
    t1: float | None = None
    """When it ends."""
    probability: float | None = None

    @property
    def bare(self) -> str:
        """Return the word in lowercase without surrounding punctuation."""
        return self.text.strip(" \t\n\"'“”‘’()[]{}.,;:!?…-—–").lower()

    @property
    def ends_sentence(self) -> bool:
        """Return True when the word closes a sentence (., ? or ! after it)."""
        return self.text.rstrip("\"'”’)]").endswith((".", "?", "!", "…"))


@dataclass(frozen=True)
class Transcript:
    """The words of one spoken answer, with where they came from."""

    text: str
    words: tuple[Word, ...]
    source: str
    """"audio" (transcribed here), "vtt", "srt" or "text"."""
    timing: str
    """"word" (a time per word), "cue" (a time per subtitle cue) or "none"."""
    shows_fillers: bool
    """False when the source cannot be trusted to show "um" and "uh": the filler count is declined."""
    duration: float | None = None
    """Length of the recording in seconds, when known."""
    model: str | None = None
    """The transcription model's folder name, for audio."""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def timed(self) -> bool:
        """Return True when the words have times."""
        return self.timing != "none" and bool(self.words) and self.words[0].t0 is not None

    def word_at(self, char: int) -> Word | None:
        """Return the word whose span holds character `char`, or None."""
        for word in self.words:
            if word.start <= char < word.end:
                return word
        return None


def join_words(
    pieces: Sequence[tuple[str, float | None, float | None, float | None]],
) -> tuple[str, tuple[Word, ...]]:
    """Return the transcript text and its words from (text, start, end, probability) pieces.

    Words are joined by one space; a piece that starts with a space (Whisper's word pieces do) is
    stripped first, so spans never include the separator.
    """
    parts: list[str] = []
    words: list[Word] = []
    offset = 0
    for raw, t0, t1, prob in pieces:
        token = raw.strip()
        if not token:
            continue
        if parts:
            parts.append(" ")
            offset += 1
        words.append(Word(token, offset, offset + len(token), t0, t1, prob))
        parts.append(token)
        offset += len(token)
    return "".join(parts), tuple(words)
