"""A panel's scorecards combined mechanically, before anyone discusses them.

Per dimension: every interviewer's score, the mean and median of the scores given, the spread (highest
minus lowest) and, where two interviewers sit more than one point apart, each side's evidence side by
side. The recommendations are tallied and averaged on a 1-4 scale (strong no = 1 ... strong yes = 4),
leaving out "no decision". Nothing here weighs one interviewer above another.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starcoach.kit.model import Kit
from starcoach.kit.scorecard import RECOMMENDATIONS, Quote, Scorecard

DISAGREEMENT = 1
"""Scores further apart than this many points are a disagreement to discuss."""
RECOMMENDATION_POINTS = {"strong_no": 1, "no": 2, "yes": 3, "strong_yes": 4}


@dataclass(frozen=True, slots=True)
class Side:
    """One interviewer's score of a dimension and the quotes behind it."""

    interviewer: str
    score: int | None
    evidence: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class DimensionSummary:
    """The panel's scores of one dimension."""

    dimension: str
    name: str
    sides: tuple[Side, ...]
    mean: float | None
    median: float | None
    spread: int | None
    not_enough: int

    @property
    def disagreement(self) -> bool:
        """Return True when two scores are more than one point apart."""
        return self.spread is not None and self.spread > DISAGREEMENT

    def extremes(self) -> tuple[list[Side], list[Side]]:
        """Return the interviewers with the lowest and with the highest score."""
        scored = [s for s in self.sides if s.score is not None]
        if not scored:
            return [], []
        low = min(s.score for s in scored if s.score is not None)
        high = max(s.score for s in scored if s.score is not None)
        return [s for s in scored if s.score == low], [s for s in scored if s.score == high]


@dataclass(frozen=True, slots=True)
class PanelSummary:
    """Every dimension's summary and the recommendations."""

    dimensions: tuple[DimensionSummary, ...]
    recommendations: dict[str, int]
    recommendation_mean: float | None
    interviewers: tuple[str, ...]


def combine(kit: Kit, cards: Sequence[Scorecard]) -> PanelSummary:
    """Return the mechanical combination of a panel's scorecards."""
    summaries = []
    for dimension in kit.dimensions:
        sides = []
        for card in cards:
            rating = next((r for r in card.ratings if r.dimension == dimension.id), None)
            if rating is not None:
                sides.append(Side(card.interviewer, rating.score, rating.evidence))
        scores = [s.score for s in sides if s.score is not None]
        summaries.append(
            DimensionSummary(
                dimension=dimension.id,
                name=dimension.name,
                sides=tuple(sides),
                mean=round(statistics.fmean(scores), 2) if scores else None,
                median=float(statistics.median(scores)) if scores else None,
                spread=max(scores) - min(scores) if scores else None,
                not_enough=sum(s.score is None for s in sides),
            )
        )
    tally = {key: 0 for key in RECOMMENDATIONS}
    for card in cards:
        tally[card.recommendation] += 1
    points = [
        RECOMMENDATION_POINTS[c.recommendation]
        for c in cards
        if c.recommendation in RECOMMENDATION_POINTS
    ]
    return PanelSummary(
        dimensions=tuple(summaries),
        recommendations=tally,
        recommendation_mean=round(statistics.fmean(points), 2) if points else None,
        interviewers=tuple(c.interviewer for c in cards),
    )


def _quotes(evidence: Sequence[Quote]) -> list[dict[str, Any]]:
    return [{"question": q.question, "quote": q.text} for q in evidence]


def panel_to_dict(summary: PanelSummary) -> dict[str, Any]:
    """Return the panel summary as JSON-ready data."""
    dimensions = []
    for d in summary.dimensions:
        low, high = d.extremes()
        dimensions.append(
            {
                "dimension": d.dimension,
                "name": d.name,
                "scores": [{"interviewer": s.interviewer, "score": s.score} for s in d.sides],
                "mean": d.mean,
                "median": d.median,
                "spread": d.spread,
                "not_enough_evidence": d.not_enough,
                "disagreement": d.disagreement,
                "low": [
                    {
                        "interviewer": s.interviewer,
                        "score": s.score,
                        "evidence": _quotes(s.evidence),
                    }
                    for s in low
                ]
                if d.disagreement
                else [],
                "high": [
                    {
                        "interviewer": s.interviewer,
                        "score": s.score,
                        "evidence": _quotes(s.evidence),
                    }
                    for s in high
                ]
                if d.disagreement
                else [],
            }
        )
    return {
        "interviewers": list(summary.interviewers),
        "dimensions": dimensions,
        "recommendations": summary.recommendations,
        "recommendation_mean": summary.recommendation_mean,
    }
