"""Delivery metrics from word timings: speaking time, pace, long pauses, fillers, hedges, repeats.

Pure: a transcript (and, for audio, the silent stretches of the recording) in, a `Delivery` out. The
thresholds and their sources live in `starcoach.speech.metrics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from starcoach.speech.disfluency import Disfluency, find_disfluencies
from starcoach.speech.metrics import (
    FILLERS_PER_MINUTE_MAX,
    HEDGES_PER_MINUTE_MAX,
    LONG_PAUSE_SECONDS,
    MID_CLAUSE_PAUSES_PER_MINUTE_MAX,
    PACE_RANGE,
    PACE_WINDOW_SECONDS,
    REPEATS_PER_MINUTE_MAX,
    VERY_LONG_PAUSE_SECONDS,
)
from starcoach.speech.transcript import Transcript

FINE = "fine"
ATTENTION = "attention"
DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Pause:
    """A long silence: when, how long, and after which word."""

    t0: float
    t1: float
    after_word: int
    """Index of the word before the pause."""
    kind: str
    """"between_sentences" or "mid_clause"."""

    @property
    def seconds(self) -> float:
        """Return the pause's length in seconds."""
        return round(self.t1 - self.t0, 3)


@dataclass(frozen=True)
class Verdict:
    """One metric's value and whether it reads as fine."""

    metric: str
    value: float | None
    unit: str
    status: str
    """"fine", "attention" or "declined"."""
    note: str = ""


@dataclass(frozen=True)
class Delivery:
    """Everything measured about how an answer was said."""

    timing: str
    words: int
    """Words spoken, fillers left out."""
    speaking_seconds: float | None
    target_seconds: tuple[int, int] | None
    pace_wpm: float | None
    pace_over_time: tuple[tuple[float, float], ...]
    """(window start in seconds, words per minute in that window)."""
    pauses: tuple[Pause, ...]
    marks: tuple[Disfluency, ...]
    fillers_counted: bool
    verdicts: tuple[Verdict, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def of_kind(self, kind: str) -> list[Disfluency]:
        """Return the marks of one kind ("filler", "hedge", "repeat", "restart")."""
        return [m for m in self.marks if m.kind == kind]

    def verdict(self, metric: str) -> Verdict | None:
        """Return the verdict for `metric`, or None when it was not measured."""
        return next((v for v in self.verdicts if v.metric == metric), None)


def _per_minute(count: int, seconds: float | None) -> float | None:
    if not seconds or seconds <= 0:
        return None
    return round(count * 60.0 / seconds, 1)


def measure_delivery(
    transcript: Transcript,
    target_seconds: tuple[int, int] | None = None,
    silences: Sequence[tuple[float, float]] | None = None,
) -> Delivery:
    """Return the delivery metrics of `transcript`.

    `silences` are the silent stretches of the recording (from `starcoach.speech.silence`); without them
    pauses come from the gaps between word timings.
    """
    marks = tuple(find_disfluencies(transcript.words))
    filler_words = {i for m in marks if m.kind == "filler" for i in range(m.first, m.last + 1)}
    words = len(transcript.words) - len(filler_words)
    notes: list[str] = []
    speaking: float | None = None
    pauses: tuple[Pause, ...] = ()
    over_time: tuple[tuple[float, float], ...] = ()
    if transcript.timed:
        first, last = transcript.words[0], transcript.words[-1]
        assert first.t0 is not None and last.t1 is not None
        speaking = round(max(last.t1 - first.t0, 0.0), 2)
        pauses = _pauses(transcript, silences)
        over_time = _pace_over_time(transcript, filler_words)
    pace = round(words * 60.0 / speaking, 1) if speaking else None
    verdicts: list[Verdict] = []
    if speaking is not None and target_seconds is not None:
        low, high = target_seconds
        status = FINE if low <= speaking <= high else ATTENTION
        side = "short" if speaking < low else "long" if speaking > high else "inside"
        verdicts.append(
            Verdict("speaking_time", speaking, "s", status, f"{side} of {low}–{high} s")
        )
    if pace is not None:
        fine = PACE_RANGE[0] <= pace <= PACE_RANGE[1]
        side = "slow" if pace < PACE_RANGE[0] else "fast" if pace > PACE_RANGE[1] else "in range"
        verdicts.append(Verdict("pace", pace, "wpm", FINE if fine else ATTENTION, side))
    if transcript.timed:
        mid = sum(1 for p in pauses if p.kind == "mid_clause")
        longest = max((p.seconds for p in pauses), default=0.0)
        mid_rate = _per_minute(mid, speaking) or 0.0
        attention = mid_rate > MID_CLAUSE_PAUSES_PER_MINUTE_MAX or longest > VERY_LONG_PAUSE_SECONDS
        verdicts.append(
            Verdict(
                "pauses",
                float(len(pauses)),
                "pauses",
                ATTENTION if attention else FINE,
                f"{mid} mid-clause; longest {longest:.1f} s",
            )
        )
    fillers_counted = transcript.shows_fillers
    if fillers_counted:
        count = sum(1 for m in marks if m.kind == "filler")
        rate = _per_minute(count, speaking)
        if rate is not None:
            status = ATTENTION if rate > FILLERS_PER_MINUTE_MAX else FINE
            verdicts.append(Verdict("fillers", rate, "per minute", status, f"{count} in all"))
        else:
            verdicts.append(Verdict("fillers", float(count), "in all", FINE, "no timings"))
    else:
        verdicts.append(
            Verdict(
                "fillers",
                None,
                "per minute",
                DECLINED,
                "this transcript does not show fillers such as 'um', so none are counted",
            )
        )
        notes.append(
            "Filler count declined: the transcript has no 'um' or 'uh' at all, as transcripts "
            "cleaned up by meeting tools usually do."
        )
    for metric, kinds, limit in (
        ("hedges", ("hedge",), HEDGES_PER_MINUTE_MAX),
        ("repeats", ("repeat", "restart"), REPEATS_PER_MINUTE_MAX),
    ):
        count = sum(1 for m in marks if m.kind in kinds)
        rate = _per_minute(count, speaking)
        if rate is not None:
            status = ATTENTION if rate > limit else FINE
            verdicts.append(Verdict(metric, rate, "per minute", status, f"{count} in all"))
        else:
            verdicts.append(Verdict(metric, float(count), "in all", FINE, "no timings"))
    if not fillers_counted:
        marks = tuple(m for m in marks if m.kind != "filler")
    return Delivery(
        transcript.timing,
        words,
        speaking,
        target_seconds,
        pace,
        over_time,
        pauses,
        marks,
        fillers_counted,
        tuple(verdicts),
        tuple(notes),
    )


def _pauses(
    transcript: Transcript, silences: Sequence[tuple[float, float]] | None
) -> tuple[Pause, ...]:
    words = transcript.words
    out: list[Pause] = []
    if silences is not None and transcript.timing == "word":
        first_t0 = words[0].t0 or 0.0
        last_t1 = words[-1].t1 or 0.0
        for t0, t1 in silences:
            if t1 - t0 < LONG_PAUSE_SECONDS or t1 <= first_t0 or t0 >= last_t1:
                continue
            middle = (t0 + t1) / 2
            # The word before the pause: the last one that starts before the silence's middle.
            index = max(
                (i for i, w in enumerate(words[:-1]) if (w.t0 or 0.0) < middle), default=None
            )
            if index is None:
                continue
            out.append(Pause(t0, t1, index, _kind(transcript, index)))
        return tuple(out)
    for index in range(len(words) - 1):
        end, start = words[index].t1, words[index + 1].t0
        if end is None or start is None:
            continue
        if start - end >= LONG_PAUSE_SECONDS:
            out.append(Pause(end, start, index, _kind(transcript, index)))
    return tuple(out)


def _kind(transcript: Transcript, index: int) -> str:
    return "between_sentences" if transcript.words[index].ends_sentence else "mid_clause"


def _pace_over_time(
    transcript: Transcript, filler_words: set[int]
) -> tuple[tuple[float, float], ...]:
    words = transcript.words
    origin = words[0].t0 or 0.0
    end = words[-1].t1 or origin
    total = end - origin
    if total <= 0:
        return ()
    windows: list[tuple[float, float]] = []
    start = 0.0
    while start < total:
        length = min(PACE_WINDOW_SECONDS, total - start)
        if length < PACE_WINDOW_SECONDS / 3 and windows:
            break  # a short tail would swing wildly; it is counted in the overall pace
        count = 0
        for i, w in enumerate(words):
            if i in filler_words or w.t0 is None or w.t1 is None:
                continue
            middle = (w.t0 + w.t1) / 2 - origin
            if start <= middle < start + length:
                count += 1
        windows.append((round(start, 1), round(count * 60.0 / length, 1)))
        start += PACE_WINDOW_SECONDS
    return tuple(windows)


def delivery_to_json(delivery: Delivery, transcript: Transcript) -> dict[str, Any]:
    """Return the delivery metrics as a JSON-ready dict (see docs/speech.md)."""
    return {
        "timing": delivery.timing,
        "words": delivery.words,
        "speaking_seconds": delivery.speaking_seconds,
        "target_seconds": list(delivery.target_seconds) if delivery.target_seconds else None,
        "pace_wpm": delivery.pace_wpm,
        "pace_over_time": [{"t": t, "wpm": wpm} for t, wpm in delivery.pace_over_time],
        "long_pause_seconds": LONG_PAUSE_SECONDS,
        "pauses": [
            {
                "t0": p.t0,
                "t1": p.t1,
                "seconds": p.seconds,
                "kind": p.kind,
                "after": transcript.words[p.after_word].text,
                "char": transcript.words[p.after_word].end,
            }
            for p in delivery.pauses
        ],
        "fillers_counted": delivery.fillers_counted,
        "marks": [
            {"kind": m.kind, "text": m.text, "start": m.start, "end": m.end, "t0": m.t0}
            for m in delivery.marks
        ],
        "verdicts": [
            {
                "metric": v.metric,
                "value": v.value,
                "unit": v.unit,
                "status": v.status,
                "note": v.note,
            }
            for v in delivery.verdicts
        ],
        "notes": list(delivery.notes),
    }
