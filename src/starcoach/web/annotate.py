"""Turn a report into what the page shows: the answer cut into STAR sentences and highlighted stretches.

Findings may overlap each other and cross sentence ends, so the text is cut at every boundary of a
sentence or a finding; each piece knows its STAR part and every finding covering it. Pieces of one
sentence with the same findings are joined again, so the page holds as few marks as it can.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from starcoach.analysis.report import Finding, Report

PART_LABELS = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "reflection": "Reflection",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the answer and the findings (by index into `Annotated.findings`) covering it."""

    text: str
    findings: tuple[int, ...]
    severity: str
    """The highest severity among the covering findings ("" when none)."""


@dataclass(slots=True)
class Block:
    """One sentence (or the blank text between sentences) with its STAR part."""

    part: str | None
    label: str
    show_label: bool
    pieces: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class Annotated:
    """The answer ready for the page: blocks in order, spanned findings, and the 'missing' ones."""

    blocks: tuple[Block, ...]
    findings: tuple[Finding, ...]
    missing: tuple[Finding, ...]


def annotate(report: Report) -> Annotated:
    """Cut the report's text into labelled sentences and highlighted pieces."""
    text = report.text
    size = len(text)
    spanned = tuple(f for f in report.findings if f.span is not None)
    missing = tuple(f for f in report.findings if f.span is None)
    cuts = {0, size}
    for sentence in report.sentences:
        cuts.update((min(sentence.span.start, size), min(sentence.span.end, size)))
    for finding in spanned:
        if finding.span is not None:
            cuts.update((min(finding.span.start, size), min(finding.span.end, size)))
    points = sorted(cuts)
    sentences = sorted(report.sentences, key=lambda s: s.span.start)

    blocks: list[Block] = []
    current_key: int | None = None
    previous_part: str | None = None
    s_index = 0
    for start, end in itertools.pairwise(points):
        while s_index < len(sentences) and sentences[s_index].span.end <= start:
            s_index += 1
        current = sentences[s_index] if s_index < len(sentences) else None
        inside = current is not None and current.span.start <= start and end <= current.span.end
        part = current.part if inside and current is not None else None
        # Pieces of one sentence share its start as their key; text between sentences gets its own.
        key = current.span.start if inside and current is not None else -1 - start
        covering = tuple(
            i
            for i, f in enumerate(spanned)
            if f.span is not None and f.span.start <= start and end <= f.span.end
        )
        worst = max((spanned[i].severity for i in covering), default=None)
        piece = Piece(text[start:end], covering, worst.label if worst is not None else "")
        if not blocks or key != current_key:
            show = part is not None and part != previous_part
            blocks.append(Block(part, PART_LABELS.get(part or "", ""), show))
            current_key = key
            if part is not None:
                previous_part = part
        block = blocks[-1]
        if block.pieces and block.pieces[-1].findings == covering:
            last = block.pieces[-1]
            block.pieces[-1] = Piece(last.text + piece.text, covering, last.severity)
        else:
            block.pieces.append(piece)
    return Annotated(tuple(blocks), spanned, missing)
