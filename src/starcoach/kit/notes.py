"""Interview notes: importing a transcript file, and what the analyzer makes of the notes.

The analyzer reads the notes under each question as the candidate's answer to that question's prompt.
From its report come the suggested next follow-ups (the same probes the candidate side rehearses
with), the marks for what the answer has established (the candidate's own actions, a result with a
baseline, a lesson) and the quotes proposed as evidence for each dimension.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from starcoach.analysis import Report, analyze
from starcoach.kit.errors import NotesInvalid
from starcoach.kit.model import Kit, KitQuestion
from starcoach.kit.scorecard import Quote

MAX_NOTES_BYTES = 200_000
"""The largest transcript file accepted, and the longest notes under one question (characters)."""
MAX_PROPOSALS = 4

_TIMING = re.compile(
    r"^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s+-->\s+(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_TAGS = re.compile(r"<[^>]{1,80}>")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_transcript(raw: bytes, name: str = "the file") -> str:
    """Return the spoken text of a VTT, SRT or plain-text transcript; raise NotesInvalid saying why."""
    if len(raw) > MAX_NOTES_BYTES:
        raise NotesInvalid(
            f"{name} is {len(raw):,} bytes; the limit for notes is {MAX_NOTES_BYTES:,} bytes"
        )
    if b"\x00" in raw[:8192] or raw.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG")):
        raise NotesInvalid(f"{name} is a binary file; import a .vtt, .srt or .txt transcript")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotesInvalid(
            f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and import it again"
        ) from None
    if len(_CONTROLS.findall(text)) > max(10, len(text) // 100):
        raise NotesInvalid(f"{name} looks binary (many control characters), not a transcript")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    is_cued = text.lstrip().startswith("WEBVTT") or any(_TIMING.match(line) for line in lines)
    if is_cued:
        text = _cue_text(lines)
    text = _CONTROLS.sub("", text).strip()
    if not text:
        raise NotesInvalid(f"{name} holds no words to import (it is empty or only timings)")
    return text


def _cue_text(lines: list[str]) -> str:
    """Return the words of the cues, one line per cue, without numbers, timings or markup."""
    spoken: list[str] = []
    block: list[str] = []
    skipping = False
    for line in [*lines, ""]:
        stripped = line.strip()
        if not stripped:
            if block:
                spoken.append(" ".join(block))
            block, skipping = [], False
            continue
        if stripped.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) and not block:
            skipping = True
        if skipping or _TIMING.match(stripped) or (stripped.isdigit() and not block):
            continue
        block.append(_TAGS.sub("", stripped))
    # A speaker who talks across several cues reads as one paragraph.
    return "\n".join(s for s in spoken if s)


@dataclass(frozen=True, slots=True)
class Mark:
    """Something the answer did or did not establish, with the words that show it."""

    id: str
    label: str
    found: bool
    quote: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A follow-up to ask next, and why."""

    question: str
    reason: str


@dataclass(frozen=True, slots=True)
class NotesAnalysis:
    """What the analyzer makes of the notes under one question."""

    question: str
    suggestions: tuple[Suggestion, ...]
    marks: tuple[Mark, ...]
    abstained: str | None = None


def _report(question: KitQuestion, text: str) -> Report:
    return analyze(text, question.prompt)


def _marks(report: Report) -> tuple[Mark, ...]:
    text = report.text
    own = [a for a in report.actions if a.actor == "i"]
    result_parts = {label.span for label in report.sentences if label.part == "result"}
    changes = [q for q in report.quantities if q.kind == "change"]
    in_result = [
        q for q in report.quantities if any(s.start <= q.span.start < s.end for s in result_parts)
    ]
    lesson = [label for label in report.sentences if label.part == "reflection"]
    marks = [
        Mark(
            "own_actions",
            "Own actions",
            bool(own),
            own[0].span.text(text) if own else "",
            f"{len(own)} told with 'I'" if own else "no step is clearly theirs yet",
        ),
    ]
    if changes:
        marks.append(
            Mark("result_baseline", "Result with a baseline", True, changes[0].span.text(text))
        )
    elif in_result:
        marks.append(
            Mark(
                "result_baseline",
                "Result with a baseline",
                False,
                in_result[0].span.text(text),
                "a number, but no baseline: ask what it was before",
            )
        )
    else:
        marks.append(
            Mark("result_baseline", "Result with a baseline", False, "", "no measured result yet")
        )
    marks.append(
        Mark(
            "lesson",
            "Lesson",
            bool(lesson),
            lesson[0].span.text(text) if lesson else "",
            "" if lesson else "no lesson or change yet: ask what they would do differently",
        )
    )
    return tuple(marks)


def analyze_notes(kit: Kit, question_key: str, text: str) -> NotesAnalysis:
    """Return the suggested next follow-ups and the marks for the notes under one question."""
    question = kit.question(question_key)
    listed = tuple(
        Suggestion(f.ask, f.listens_for or "the kit's next follow-up") for f in question.follow_ups
    )
    if not text.strip():
        return NotesAnalysis(question_key, listed, (), "no notes yet")
    report = _report(question, text)
    if report.abstained:
        return NotesAnalysis(question_key, listed, _marks(report), report.abstain_reason)
    suggestions = [Suggestion(p.question, p.reason) for p in report.probes]
    return NotesAnalysis(question_key, tuple(suggestions), _marks(report))


def propose_quotes(kit: Kit, notes: Mapping[str, str]) -> dict[str, list[Quote]]:
    """Return, per dimension the kit rates, quotes from the notes the analyzer reads as evidence."""
    proposals: dict[str, list[Quote]] = {d.id: [] for d in kit.dimensions}
    for key, text in notes.items():
        if not text.strip():
            continue
        try:
            question = kit.question(key)
        except KeyError:
            continue
        report = _report(question, text)
        for score in report.scores:
            if score.dimension not in proposals:
                continue
            for evidence in score.evidence:
                if not evidence.positive or evidence.span is None:
                    continue
                span = evidence.span
                if len(span.text(text).split()) < 4:
                    # A cue word alone ("because") is no evidence to a reader: quote its sentence.
                    span = next(
                        (
                            s.span
                            for s in report.sentences
                            if s.span.start <= span.start < s.span.end
                        ),
                        span,
                    )
                quote = Quote(key, span.text(text), span.start, span.end)
                chosen = proposals[score.dimension]
                if quote not in chosen and len(chosen) < MAX_PROPOSALS:
                    chosen.append(quote)
    return proposals
