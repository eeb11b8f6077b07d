"""The calibration exercise: how far each interviewer sits from the reference scores and from the
others, per dimension.

Bias is the mean of (interviewer's score - reference score) over the samples both scored: positive
means the interviewer rates more generously than the reference. Agreement is Cohen's kappa with
quadratic weights on the 1-5 scale, from scikit-learn (an optional extra: `pip install
'starcoach[kit]'`). A pair where either side said "not enough evidence" is left out of both numbers
and counted separately. The views use sample ids and interviewer names only: no candidate appears.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from starcoach.kit.content import LEVELS, CalibrationSet
from starcoach.kit.errors import KitError

REFERENCE = "reference"

Ratings = Mapping[tuple[str, str], int | None]
"""(sample id, dimension) -> score, None for "not enough evidence"."""


def weighted_kappa(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Return Cohen's quadratic-weighted kappa of two raters on the 1-5 scale (None when undefined)."""
    if len(first) != len(second):
        raise ValueError("the two raters must score the same items")
    if len(first) < 2:
        return None
    try:
        from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped]
    except ImportError:
        raise KitError(
            "the agreement statistic needs scikit-learn: pip install 'starcoach[kit]'"
        ) from None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = float(cohen_kappa_score(first, second, labels=list(LEVELS), weights="quadratic"))
    return None if math.isnan(value) else round(value, 3)


def _pairs(
    a: Ratings, b: Ratings, dimension: str | None = None
) -> tuple[list[int], list[int], int]:
    xs: list[int] = []
    ys: list[int] = []
    unmatched = 0
    for key in sorted(set(a) & set(b)):
        if dimension is not None and key[1] != dimension:
            continue
        x, y = a[key], b[key]
        if x is None and y is None:
            continue
        if x is None or y is None:
            unmatched += 1
            continue
        xs.append(x)
        ys.append(y)
    return xs, ys, unmatched


@dataclass(frozen=True, slots=True)
class InterviewerResult:
    """One interviewer against the reference."""

    interviewer: str
    rated: int
    bias: dict[str, float | None]
    kappa: float | None
    evidence_mismatches: int


def reference_ratings(exercise: CalibrationSet) -> dict[tuple[str, str], int | None]:
    """Return the reference scores keyed like an interviewer's ratings."""
    return {(s.id, dim): score for s in exercise.samples for dim, score in s.reference.items()}


def calibrate(exercise: CalibrationSet, ratings: Mapping[str, Ratings]) -> dict[str, Any]:
    """Return per-interviewer bias and kappa against the reference, and kappa between interviewers."""
    reference = reference_ratings(exercise)
    results = []
    for name in sorted(ratings):
        mine = ratings[name]
        bias: dict[str, float | None] = {}
        for dim in exercise.dimensions:
            xs, ys, _ = _pairs(mine, reference, dim)
            bias[dim] = (
                round(statistics.fmean(x - y for x, y in zip(xs, ys, strict=True)), 2)
                if xs
                else None
            )
        xs, ys, unmatched = _pairs(mine, reference)
        results.append(
            InterviewerResult(
                name,
                sum(v is not None for v in mine.values()),
                bias,
                weighted_kappa(xs, ys),
                unmatched,
            )
        )
    pairwise = []
    for a, b in combinations(sorted(ratings), 2):
        xs, ys, unmatched = _pairs(ratings[a], ratings[b])
        pairwise.append(
            {
                "interviewers": [a, b],
                "items": len(xs),
                "kappa": weighted_kappa(xs, ys),
                "evidence_mismatches": unmatched,
            }
        )
    return {
        "statistic": "Cohen's kappa, quadratic weights, scale 1-5 (scikit-learn)",
        "samples": [s.id for s in exercise.samples],
        "dimensions": list(exercise.dimensions),
        "interviewers": [
            {
                "interviewer": r.interviewer,
                "rated": r.rated,
                "bias": r.bias,
                "kappa_vs_reference": r.kappa,
                "evidence_mismatches": r.evidence_mismatches,
            }
            for r in results
        ],
        "pairwise": pairwise,
    }
