"""Read a transcript exported by a meeting tool (WebVTT, SubRip) or typed as plain text.

Subtitle files time cues, not words: each cue's time is spread over its words in proportion to
their length, which is close enough for pace and for gaps between cues, and marked `timing="cue"`.
Speaker labels ("<v Ana>", "Ana: ") and cue settings are dropped. Most tools clean "um" and "uh" out
of what they export, so a transcript without a single one of them does not get a filler count.
"""

from __future__ import annotations

import re
from pathlib import Path

from starcoach.speech.disfluency import FILLER_SOUNDS
from starcoach.speech.errors import TranscriptError
from starcoach.speech.transcript import Transcript, join_words

MAX_TRANSCRIPT_BYTES = 1_000_000
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_CUE_TIME = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_TAG = re.compile(r"<[^>]*>")
_VOICE = re.compile(r"<v(?:\.[^ >]*)?\s+([^>]*)>")
_SPEAKER = re.compile(r"^\s*[A-Z][\w .'-]{0,40}:\s+")
_WORD = re.compile(r"\S+")


def _seconds(h: str | None, m: str, s: str, frac: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(frac.ljust(3, "0")[:3]) / 1000


def _cues(text: str) -> list[tuple[float, float, str]]:
    cues: list[tuple[float, float, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _CUE_TIME.match(lines[i])
        if not match:
            i += 1
            continue
        g = match.groups()
        t0, t1 = _seconds(*g[:4]), _seconds(*g[4:])
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(lines[i])
            i += 1
        words = " ".join(_SPEAKER.sub("", _TAG.sub("", _VOICE.sub("", b))) for b in body)
        if words.strip() and t1 >= t0:
            cues.append((t0, t1, words.strip()))
    return cues


def _shows_fillers(words: list[str]) -> bool:
    return any(w.strip(".,;:!?").lower() in FILLER_SOUNDS for w in words)


def parse_transcript(text: str, kind: str) -> Transcript:
    """Return the transcript in `text`, a "vtt", "srt" or "text" document; raise TranscriptError."""
    if kind == "text":
        words = _WORD.findall(text)
        if not words:
            raise TranscriptError("the transcript holds no words")
        joined, parsed = join_words([(w, None, None, None) for w in words])
        return Transcript(joined, parsed, "text", "none", _shows_fillers(words))
    if kind == "vtt" and not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise TranscriptError("not a WebVTT file: it does not start with WEBVTT")
    cues = _cues(text)
    if not cues:
        raise TranscriptError(f"no timed cues found in this {kind.upper()} file")
    pieces: list[tuple[str, float | None, float | None, float | None]] = []
    for t0, t1, body in sorted(cues, key=lambda c: c[0]):
        tokens = _WORD.findall(body)
        weights = [len(t) + 1 for t in tokens]
        total = sum(weights)
        at = t0
        for token, weight in zip(tokens, weights, strict=True):
            step = (t1 - t0) * weight / total
            pieces.append((token, round(at, 3), round(at + step, 3), None))
            at += step
    joined, parsed = join_words(pieces)
    all_words = [p[0] for p in pieces]
    return Transcript(
        joined,
        parsed,
        kind,
        "cue",
        _shows_fillers(all_words),
        duration=max(c[1] for c in cues),
    )


def transcript_kind(path: str) -> str:
    """Return "vtt", "srt" or "text" from the file name."""
    suffix = Path(path).suffix.lower()
    return {".vtt": "vtt", ".srt": "srt"}.get(suffix, "text")


def read_transcript(path: str) -> Transcript:
    """Return the transcript in the file at `path`; raise TranscriptError with a one-line reason."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_TRANSCRIPT_BYTES + 1)
    except FileNotFoundError:
        raise TranscriptError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise TranscriptError(f"{path} is a directory, not a file") from None
    except OSError as exc:
        raise TranscriptError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(f"{path} is over the size limit of {MAX_TRANSCRIPT_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TranscriptError(f"{path} is not UTF-8 text") from None
    try:
        return parse_transcript(text, transcript_kind(path))
    except TranscriptError as exc:
        raise TranscriptError(f"{path}: {exc}") from None
