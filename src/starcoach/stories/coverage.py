"""The coverage map: the seven core prompts against the user's stories.

For every prompt and story, a draft answer is built from the story (see `drafts`) and analyzed; the
draft's score says how strong the material is, and its "missing ..." findings say what it lacks. The map
names the best story for each prompt, preferring the anchor on a tie, and recommends an anchor when
none is marked: the story that answers most prompts best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.content import CORE_QUESTION_IDS, get_question
from starcoach.stories.drafts import FOCUS, DraftUnavailable, draft_answer
from starcoach.stories.model import SECTIONS, Story

STRENGTHS = ("missing", "thin", "fair", "strong")
"""Strength levels, weakest first."""

STRONG_FROM = 3.5
FAIR_FROM = 2.5
_LABELS = dict(SECTIONS) | {"actions": "Actions", "results": "Results"}
_CONTEXT_FIELDS = frozenset({"title", "role"})


@dataclass(frozen=True, slots=True)
class Cell:
    """How well one story answers one prompt."""

    question_id: str
    story_id: str
    strength: str
    score: float | None
    parts: tuple[str, ...]
    """The story fields the answer draws on, as field names."""
    missing: tuple[str, ...]
    """What the material lacks: the draft's "missing" findings, or the empty field."""
    missing_rules: tuple[str, ...] = ()

    @property
    def rank(self) -> tuple[int, float]:
        """Return a sort key: strength level, then score."""
        return (STRENGTHS.index(self.strength), self.score or 0.0)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One prompt: the best story for it and how every story fares."""

    question_id: str
    title: str
    best: Cell | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class CoverageMap:
    """The whole map, with the marked or recommended anchor."""

    rows: tuple[CoverageRow, ...]
    story_ids: tuple[str, ...]
    anchor: str | None
    recommended_anchor: str | None

    def covered(self, story_id: str) -> int:
        """Return how many prompts the story has material for."""
        return sum(
            1
            for row in self.rows
            for c in row.cells
            if c.story_id == story_id and c.score is not None
        )


def strength_of(score: float | None, abstained: bool) -> str:
    """Return the strength label for a draft's overall score."""
    if score is None or abstained:
        return "thin"
    if score >= STRONG_FROM:
        return "strong"
    if score >= FAIR_FROM:
        return "fair"
    return "thin"


def field_label(field: str) -> str:
    """Return a readable name for a story field ("results[2]" -> "Results")."""
    return _LABELS.get(field.split("[")[0], field.replace("_", " ").capitalize())


def _cell(story: Story, question_id: str) -> Cell:
    try:
        draft = draft_answer(story, question_id)
    except DraftUnavailable as exc:
        return Cell(
            question_id,
            story.id,
            "missing",
            None,
            (),
            (f"no {field_label(exc.field).lower()} notes",),
        )
    report = draft.report
    parts: list[str] = []
    for field, _ in draft.sources:
        name = field.split("[")[0]
        if name not in _CONTEXT_FIELDS and name not in parts:
            parts.append(name)
    gaps = [f for f in report.findings if f.span is None]
    missing = tuple(f.message for f in gaps[:3])
    if report.abstained and report.abstain_reason:
        missing = (report.abstain_reason, *missing)
    return Cell(
        question_id,
        story.id,
        strength_of(report.overall, report.abstained),
        None if report.abstained else report.overall,
        tuple(parts),
        missing,
        tuple(f.rule_id for f in gaps),
    )


def coverage_map(stories: Sequence[Story]) -> CoverageMap:
    """Map the seven core prompts against `stories` and pick (or recommend) the anchor."""
    anchor = next((s.id for s in stories if s.anchor), None)
    rows: list[CoverageRow] = []
    for question_id in CORE_QUESTION_IDS:
        if question_id not in FOCUS:
            continue
        cells = tuple(_cell(story, question_id) for story in stories)
        best = max(
            cells,
            key=lambda c: (*c.rank, c.story_id == anchor),
            default=None,
        )
        rows.append(CoverageRow(question_id, get_question(question_id).title, best, cells))

    recommended = None
    if anchor is None and stories:
        totals = {
            s.id: (
                sum(c.score or 0.0 for r in rows for c in r.cells if c.story_id == s.id),
                sum(1 for r in rows for c in r.cells if c.story_id == s.id and c.score is not None),
            )
            for s in stories
        }
        recommended = max(stories, key=lambda s: (totals[s.id][1], totals[s.id][0])).id
    return CoverageMap(tuple(rows), tuple(s.id for s in stories), anchor, recommended)
