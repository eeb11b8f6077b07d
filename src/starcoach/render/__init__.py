"""Turn a `Report` into terminal text, JSON or Markdown; pure functions, no I/O.

The helpers here are shared by every renderer: line/column positions for display, and a display form
of the answer that keeps one output chunk per original character so spans stay aligned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.analysis.report import Evidence, Finding, Severity

_DROP = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_DROP |= frozenset(chr(c) for c in range(0x80, 0xA0))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

ACTOR_LABEL = {
    "i": "I (you)",
    "we": "we (team)",
    "they": "they",
    "named": "named other",
    "passive": "passive voice",
    "none": "no actor",
}
SOURCE_NOTE = {
    "id": "chosen by id",
    "detected": "detected from the question text",
    "default": "default",
    "fallback": "question not recognized: generic STAR checks only",
}
PACE_NOTE = {"short": "shorter than the target", "within": "within the target", "long": "too long"}
SENTENCE_WIDTH = 64


class LineIndex:
    """Map character offsets to 1-based line and column numbers, for display only."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        # A line ends at "\n", "\r\n" or a lone "\r", so spans in texts written on any platform
        # report the line a reader sees.
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of `offset`, both counted from 1."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def display_chunks(text: str) -> list[str]:
    """Return one display string per character of `text`: line breaks unified, controls removed.

    "\\r\\n" and a lone "\\r" become one "\\n"; other control characters (which could move a
    terminal's cursor or recolour it) become "". The list has exactly `len(text)` items, so a span
    over `text` indexes it directly.
    """
    chunks: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "\r":
            chunks.append("" if i + 1 < n and text[i + 1] == "\n" else "\n")
        elif ch in _DROP:
            chunks.append("")
        else:
            chunks.append(ch)
    return chunks


def clean_controls(value: str) -> str:
    """Return `value` with line breaks unified and other control characters removed."""
    return "".join(display_chunks(value))


def clean_inline(value: str) -> str:
    """Return `value` on one line with control characters removed, for quoting a span inline."""
    return " ".join("".join(display_chunks(value)).split())


def shorten(value: str, width: int) -> str:
    """Return `value` cut to at most `width` characters, ending in an ellipsis when cut."""
    if len(value) <= width:
        return value
    return value[: max(width - 1, 0)].rstrip() + "…"


def format_seconds(seconds: float) -> str:
    """Return a duration as m:ss, rounded to the nearest second."""
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def pace_verdict(seconds: float, low: int, high: int) -> str:
    """Return "short", "within" or "long" for a spoken duration against a target range."""
    if seconds < low:
        return "short"
    if high and seconds > high:
        return "long"
    return "within"


def ownership_summary(actor_counts: dict[str, int]) -> tuple[int, int, str]:
    """Return (unclear, total, sentence) for the ownership view.

    An action has no clear actor when it is passive or names no one: the listener cannot tell who
    did it. "we" is counted apart, since it is fine for context but hides the speaker's own part.
    """
    total = sum(actor_counts.values())
    unclear = actor_counts.get("passive", 0) + actor_counts.get("none", 0)
    parts = [
        f"{actor_counts.get('i', 0)} by you (I)",
        f"{actor_counts.get('we', 0)} by the team (we)",
        f"{actor_counts.get('they', 0) + actor_counts.get('named', 0)} by others",
        f"{unclear} with no clear actor",
    ]
    noun = "action" if total == 1 else "actions"
    return unclear, total, f"{total} {noun}: " + ", ".join(parts)


def numbered_findings(findings: Sequence[Finding]) -> list[tuple[int, Finding]]:
    """Return the findings numbered for display: spanned ones in text order, then missing ones.

    Numbers follow reading order so the markers in the answer count up; findings about something
    missing (no span) come last, most severe first.
    """
    spanned = sorted(
        (f for f in findings if f.span is not None),
        key=lambda f: (f.span.start if f.span else 0, -f.severity, f.rule_id),
    )
    missing = sorted(
        (f for f in findings if f.span is None), key=lambda f: (-f.severity, f.rule_id)
    )
    return list(enumerate([*spanned, *missing], start=1))


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the answer for display: text under the most severe finding covering it, or a marker."""

    text: str
    severity: Severity | None = None
    marker: int | None = None


def answer_segments(text: str, numbered: Sequence[tuple[int, Finding]]) -> list[Segment]:
    """Split `text` into display segments, with a marker segment right after each finding's span."""
    chunks = display_chunks(text)
    n = len(text)
    spans: list[tuple[int, int, int, Severity]] = []
    for number, finding in numbered:
        if finding.span is None:
            continue
        start = min(finding.span.start, n)
        end = min(finding.span.end, n)
        spans.append((start, end, number, finding.severity))
    bounds = sorted({0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    ends: dict[int, list[tuple[int, Severity]]] = {}
    for _, end, number, severity in spans:
        ends.setdefault(end, []).append((number, severity))
    segments: list[Segment] = []
    for k, pos in enumerate(bounds):
        for number, severity in sorted(ends.get(pos, ())):
            segments.append(Segment(f"[{number}]", severity, number))
        if k + 1 < len(bounds):
            nxt = bounds[k + 1]
            covering = [sev for s, e, _, sev in spans if s <= pos < e]
            piece = "".join(chunks[pos:nxt])
            if piece:
                segments.append(Segment(piece, max(covering) if covering else None))
    return segments


def group_evidence(evidence: Sequence[Evidence], text: str) -> list[tuple[Evidence, int]]:
    """Return the evidence with repeats (same sign, quoted words and note) merged and counted."""
    groups: dict[tuple[bool, str | None, str], list[Evidence]] = {}
    for item in evidence:
        quoted = clean_inline(item.span.text(text)) if item.span is not None else None
        groups.setdefault((item.positive, quoted, item.note), []).append(item)
    return [(items[0], len(items)) for items in groups.values()]
