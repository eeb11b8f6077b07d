"""The overall score of a whole answer: a linear reading of what its report shows, fitted to expert verdicts.

The report's own evidence is the input, so the overall follows from what the candidate can see: each
dimension's 1-5 score (a dimension the answer gives no evidence for counts as "not shown", not as a low
score), how many errors, warnings and suggestions it drew, its length (log of the word count), and which
red flags (`scoring.RED_FLAGS`) it raised. The weights are a ridge regression fitted on the dev split of
our answer set (`eval/answers/`) against the experts' overall, its strength chosen by 5-fold cross-validation
on dev, then stretched so that its spread on dev matches the experts'. `python -m eval.fit_overall --write`
refits them into `overall_weights.py`; the test split is never used to fit.

A red flag still caps the result afterwards (`scoring.overall_cap`): an answer built on blame or on
someone else's work never reads as strong, whatever else it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from starcoach.analysis.report import DimensionScore, Finding, Severity

DIMENSIONS = (
    "ownership", "impact", "judgment", "collaboration", "resilience", "self_awareness", "growth",
    "structure", "communication",
)  # fmt: skip
"""The nine dimensions, in the order of the features."""


def feature_names(red_flags: Sequence[str]) -> tuple[str, ...]:
    """Return the name of each feature, in order, for the red-flag rule ids given."""
    names: list[str] = []
    for dimension in DIMENSIONS:
        names += [f"score:{dimension}", f"not shown:{dimension}"]
    names += ["errors", "warnings", "suggestions", "log words"]
    return (*names, *(f"flag:{rule_id}" for rule_id in red_flags))


def features(
    scores: Sequence[DimensionScore],
    findings: Sequence[Finding],
    words: int,
    red_flags: Sequence[str],
) -> list[float]:
    """Return the feature vector of one answer (see `feature_names`)."""
    by_dimension = {s.dimension: float(s.score) for s in scores}
    vector: list[float] = []
    for dimension in DIMENSIONS:
        score = by_dimension.get(dimension)
        vector += [score or 0.0, 1.0 if score is None else 0.0]
    severities = [f.severity for f in findings]
    vector += [
        float(severities.count(Severity.ERROR)),
        float(severities.count(Severity.WARNING)),
        float(severities.count(Severity.SUGGESTION)),
        math.log1p(words),
    ]
    raised = {f.rule_id for f in findings if f.severity >= Severity.WARNING}
    return vector + [1.0 if rule_id in raised else 0.0 for rule_id in red_flags]


def fitted_overall(
    scores: Sequence[DimensionScore], findings: Sequence[Finding], words: int
) -> float:
    """Return the overall (1-5, two decimals) the fitted weights give, before any red-flag cap."""
    from starcoach.analysis import (
        overall_weights as fitted,
    )  # generated; the fit itself runs without it

    vector = features(scores, findings, words, fitted.RED_FLAGS)
    raw = fitted.INTERCEPT + sum(
        weight * (value - mean) / scale
        for weight, value, mean, scale in zip(
            fitted.WEIGHTS, vector, fitted.MEANS, fitted.SCALES, strict=True
        )
    )
    return round(
        max(1.0, min(5.0, fitted.STRETCH_CENTRE + fitted.STRETCH * (raw - fitted.RAW_CENTRE))), 2
    )
