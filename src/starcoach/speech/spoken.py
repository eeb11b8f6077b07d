"""A spoken answer checked whole: transcript, delivery metrics and the content report, linked.

The content analysis reads the transcript without fillers and repeats (`cleantext`); each finding's
span is mapped back to the transcript, and from there to the time the words were said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starcoach.speech.cleantext import CleanText, clean_transcript
from starcoach.speech.delivery import Delivery, delivery_to_json, measure_delivery
from starcoach.speech.transcript import Transcript

if TYPE_CHECKING:
    from starcoach.analysis.consistency import Reference
    from starcoach.analysis.report import Report

SCHEMA = "starcoach.spoken/1"


@dataclass(frozen=True)
class SpokenFinding:
    """Where one finding of the content report lies in the transcript, and when it was said."""

    index: int
    """Its position in `report.findings`."""
    start: int
    end: int
    t0: float | None


@dataclass(frozen=True)
class SpokenAnswer:
    """One spoken answer: what was said, how, and what the content analysis found."""

    transcript: Transcript
    delivery: Delivery
    clean: CleanText
    report: Report
    spans: tuple[SpokenFinding, ...]


def check_spoken(
    transcript: Transcript,
    question: str | None = None,
    role: str | None = None,
    *,
    silences: Sequence[tuple[float, float]] | None = None,
    reference: str | Reference | None = None,
) -> SpokenAnswer:
    """Return delivery metrics and the content report for a transcript.

    Raises what `starcoach.analysis.analyze` raises for an unknown question or role.
    """
    from starcoach.analysis import analyze
    from starcoach.speech.disfluency import find_disfluencies

    clean = clean_transcript(transcript, find_disfluencies(transcript.words))
    report = analyze(clean.text, question=question, role=role, reference=reference)
    target = (report.speaking.target_min_seconds, report.speaking.target_max_seconds)
    delivery = measure_delivery(transcript, target, silences)
    spans: list[SpokenFinding] = []
    for index, finding in enumerate(report.findings):
        if finding.span is None:
            continue
        mapped = clean.to_transcript(finding.span.start, finding.span.end)
        if mapped is None:
            continue
        word = clean.word_for(finding.span.start)
        spans.append(SpokenFinding(index, mapped[0], mapped[1], word.t0 if word else None))
    return SpokenAnswer(transcript, delivery, clean, report, tuple(spans))


def transcript_to_json(transcript: Transcript) -> dict[str, Any]:
    """Return the transcript with each word's span and time, JSON-ready."""
    return {
        "text": transcript.text,
        "source": transcript.source,
        "timing": transcript.timing,
        "model": transcript.model,
        "duration": transcript.duration,
        "shows_fillers": transcript.shows_fillers,
        "words": [
            {"text": w.text, "start": w.start, "end": w.end, "t0": w.t0, "t1": w.t1}
            for w in transcript.words
        ],
    }


def spoken_to_json(answer: SpokenAnswer) -> dict[str, Any]:
    """Return the whole spoken check as one JSON document (documented in docs/speech.md)."""
    from starcoach.render.json import report_to_dict

    return {
        "schema": SCHEMA,
        "transcript": transcript_to_json(answer.transcript),
        "delivery": delivery_to_json(answer.delivery, answer.transcript),
        "analyzed_text": answer.clean.text,
        "report": report_to_dict(answer.report),
        "finding_spans": [
            {"finding": s.index, "start": s.start, "end": s.end, "t0": s.t0} for s in answer.spans
        ],
    }
