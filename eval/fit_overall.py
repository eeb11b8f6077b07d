"""Fit the weights of the overall score to the experts' verdicts on the dev split of our answer set.

The features are what each report shows (`starcoach.analysis.overall.features`). The fit is a ridge
regression on standardized features; its strength is the one with the best Spearman across a 5-fold
cross-validation on dev. The fitted line is then stretched so its spread on dev matches the experts'
(ridge pulls every prediction towards the mean; the stretch keeps ranks and restores the 1-5 range).
Test rows are never read here.

Usage: `python -m eval.fit_overall` prints the cross-validation; `--write` also rewrites
`src/starcoach/analysis/overall_weights.py`. Refit after a change to the rules or the dimension scores,
then run `make docs` (the rule-set version moves with the weights) and `make eval` to see its effect on
both splits.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eval.common import REPO_ROOT
from eval.ownset import judge, load, split_of
from eval.specificity import spearman
from starcoach.analysis.overall import feature_names, features
from starcoach.analysis.scoring import RED_FLAGS

WEIGHTS_FILE = REPO_ROOT / "src" / "starcoach" / "analysis" / "overall_weights.py"
STRENGTHS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
FOLDS = 5


def _ridge(x: np.ndarray, y: np.ndarray, strength: float, signs: np.ndarray) -> np.ndarray:
    """Return the weights (last one the intercept, not penalised) of a ridge fit in which no weight takes
    the wrong sign: a feature whose weight would (a red flag that raises the overall, a dimension score
    that lowers it) is left out and the rest refitted, until none does."""
    kept = np.ones(x.shape[1], dtype=bool)
    while True:
        design = np.hstack([x[:, kept], np.ones((len(x), 1))])
        penalty = strength * np.eye(design.shape[1])
        penalty[-1, -1] = 0.0
        solved = np.linalg.solve(design.T @ design + penalty, design.T @ y)
        weights = np.zeros(x.shape[1] + 1)
        weights[np.append(kept, True)] = solved
        wrong = (signs * weights[:-1]) < 0
        if not wrong.any():
            return weights
        kept &= ~wrong


def _predict(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return x @ weights[:-1] + weights[-1]


def _sign(name: str) -> float:
    """Return the sign a feature's weight must have: a dimension score can only raise the overall, a red
    flag only lower it (+1, -1); 0 where either sign may hold."""
    if name.startswith("score:"):
        return 1.0
    if name.startswith("flag:"):
        return -1.0
    return 0.0


def _fold_of(row_id: str) -> int:
    """Return a stable fold for a row: a second hash, independent of the dev/test split's."""
    return int(hashlib.sha256(f"fold:{row_id}".encode()).hexdigest()[:8], 16) % FOLDS


@dataclass(frozen=True)
class Model:
    """A fitted overall: standardization, ridge weights, the stretch, and how the strength was chosen."""

    red_flags: list[str]
    names: tuple[str, ...]
    means: list[float]
    scales: list[float]
    weights: list[float]
    intercept: float
    raw_centre: float
    stretch_centre: float
    stretch: float
    strength: float
    cross: dict[float, float]
    rows: int


def fit() -> Model:
    """Return the model fitted on the dev split."""
    red_flags = sorted(RED_FLAGS)
    judged = [
        j
        for j in judge([r for r in load() if split_of(r["id"]) == "dev"])
        if j.report.overall is not None
    ]
    x = np.array(
        [
            features(j.report.scores, j.report.findings, j.report.speaking.words, red_flags)
            for j in judged
        ]
    )
    y = np.array([float(j.expert) for j in judged])
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    folds = np.array([_fold_of(j.row["id"]) for j in judged])
    names = feature_names(red_flags)
    signs = np.array([_sign(name) for name in names])
    cross: dict[float, float] = {}
    for strength in STRENGTHS:
        held = np.zeros(len(y))
        for k in range(FOLDS):
            weights = _ridge(z[folds != k], y[folds != k], strength, signs)
            held[folds == k] = _predict(z[folds == k], weights)
        cross[strength] = spearman(list(held), list(y))
    best = max(STRENGTHS, key=lambda s: cross[s])
    weights = _ridge(z, y, best, signs)
    raw = _predict(z, weights)
    return Model(
        red_flags=red_flags,
        names=names,
        means=means.tolist(),
        scales=scales.tolist(),
        weights=weights[:-1].tolist(),
        intercept=float(weights[-1]),
        raw_centre=float(raw.mean()),
        stretch_centre=float(y.mean()),
        stretch=float(y.std() / raw.std()),
        strength=best,
        cross=cross,
        rows=len(y),
    )


def _tuple(values: Sequence[object]) -> str:
    """Return a tuple literal, one value a line, in the style the formatter keeps."""
    shown = (json.dumps(v) if isinstance(v, str) else repr(v) for v in values)
    return "(\n" + "".join(f"    {v},\n" for v in shown) + ")"


def render(model: Model) -> str:
    """Return the source of `overall_weights.py` for a fitted model."""
    return "\n".join(
        [
            '"""Weights of the overall score, fitted by `python -m eval.fit_overall --write`: do not edit.',
            "",
            f"Fitted {datetime.date.today().isoformat()} on {model.rows} dev answers of eval/answers/;"
            f" ridge strength {model.strength:g},",
            f"chosen by {FOLDS}-fold cross-validation on dev (Spearman {model.cross[model.strength]:.3f}).",
            '"""',
            "",
            f"RED_FLAGS = {_tuple(model.red_flags)}",
            f"FEATURES = {_tuple(model.names)}",
            f"MEANS = {_tuple(model.means)}",
            f"SCALES = {_tuple(model.scales)}",
            f"WEIGHTS = {_tuple(model.weights)}",
            f"INTERCEPT = {model.intercept!r}",
            f"RAW_CENTRE = {model.raw_centre!r}",
            f"STRETCH_CENTRE = {model.stretch_centre!r}",
            f"STRETCH = {model.stretch!r}",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite overall_weights.py")
    args = parser.parse_args(argv)
    model = fit()
    for strength, rho in model.cross.items():
        print(f"ridge strength {strength:>6g}: cross-validated Spearman on dev {rho:.3f}")
    print(f"chosen {model.strength:g}, fitted on {model.rows} dev answers")
    if args.write:
        WEIGHTS_FILE.write_text(render(model), encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
