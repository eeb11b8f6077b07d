"""Agency: does the analyzer's sentence-level agency signal agree with crowd labels of "the author is in control"?

Data: the CL-Aff 2019 shared-task files in agency-claff/ (first-person "happy moment" sentences labelled
agency yes/no). Splits as published: labeled_10k_train.csv (train, with work_career_train.csv as its
work/career subset) and labeled_17k_test.csv (test, with work_career_test.csv as its work/career subset).

The signal is `agency_score`, whose few weights were fitted on the training files only (`--fit` refits and
prints them; they are hard-coded in the analyzer so nothing is fitted at run time). The accuracy threshold is
chosen on the training file of the same domain, never on a test file. Each metric sits beside baselines
computed in the same run: the majority class and "the sentence starts with I or We". One more row per file
shows the ownership view alone (`classify_actor` says the speaker or their team did it), with no cue words
and nothing fitted.

Run `python -m eval.agency` to print the rows, `python -m eval.agency --fit` to refit the weights.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.common import Row, data_dir, require
from starcoach.analysis.features.agency import classify_actor
from starcoach.analysis.features.agency_score import AGENCY_FEATURES, agency_features, agency_score

AREA = "agency"
FOLDER = "agency-claff"
TRAIN_FULL = "labeled_10k_train.csv"
TRAIN_WORK = "work_career_train.csv"
TEST_FULL = "labeled_17k_test.csv"
TEST_WORK = "work_career_test.csv"
# (file scored, subset, split, training file whose scores pick the accuracy threshold)
SPLITS = (
    (TRAIN_WORK, "work/career", "train", TRAIN_WORK),
    (TRAIN_FULL, "all", "train", TRAIN_FULL),
    (TEST_WORK, "work/career", "test", TRAIN_WORK),
    (TEST_FULL, "all", "test", TRAIN_FULL),
)
AUC_TARGET = {TEST_WORK: ">= 0.75"}

_STARTS_WITH_I_WE = re.compile(r"^\W*(?:i|we)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    text: str
    agency: bool
    work: bool = False


def load(path: Path) -> list[Example]:
    """Return the labelled sentences of one CL-Aff file (UTF-8, or Windows-1252 where the file is not)."""
    raw = require(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    examples = []
    for record in csv.DictReader(io.StringIO(text)):
        label = (record.get("agency") or "").strip().lower()
        if label not in ("yes", "no"):
            continue
        concepts = record.get("concepts") or ""
        work = "career" in concepts or "work" in concepts
        examples.append(Example(record.get("moment") or "", label == "yes", work))
    return examples


def starts_with_i_we(text: str) -> float:
    """Return 1.0 when the sentence opens with "I" or "We" (the simple baseline), else 0.0."""
    return 1.0 if _STARTS_WITH_I_WE.match(text) else 0.0


def speaker_is_doer(text: str) -> float:
    """Return 1.0 when the ownership view alone says the speaker (or their team) did it, else 0.0."""
    guess = classify_actor(text)
    received = guess.passive and not guess.is_action  # "I was promoted"
    return 1.0 if guess.actor in ("i", "we") and not received else 0.0


def accuracy(labels: Sequence[bool], predictions: Sequence[bool]) -> float:
    """Return the share of predictions equal to their label."""
    if not labels:
        return 0.0
    return sum(1 for y, p in zip(labels, predictions, strict=True) if y == p) / len(labels)


def f1(labels: Sequence[bool], predictions: Sequence[bool]) -> float:
    """Return F1 with the positive class (agency = yes) as positive."""
    tp = sum(1 for y, p in zip(labels, predictions, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predictions, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predictions, strict=True) if y and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def roc_auc(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Return the ROC AUC: the chance a random positive outscores a random negative (ties count half)."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda pair: pair[0])
    positives = sum(1 for _, y in pairs if y)
    negatives = len(pairs) - positives
    if not positives or not negatives:
        return 0.5
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2  # ranks are 1-based; tied scores share their mean rank
        rank_sum += mean_rank * sum(1 for _, y in pairs[i:j] if y)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def best_threshold(labels: Sequence[bool], scores: Sequence[float]) -> float:
    """Return the score threshold (predict yes at or above it) with the best accuracy on these data."""
    candidates = sorted(set(scores))
    best, best_acc = 0.5, -1.0
    for threshold in candidates:
        acc = accuracy(labels, [s >= threshold for s in scores])
        if acc > best_acc:
            best, best_acc = threshold, acc
    return best


def _rows_for(
    name: str,
    subset: str,
    split: str,
    examples: list[Example],
    threshold: float,
    score: Callable[[str], float],
) -> list[Row]:
    """Return the metric rows of one file beside its majority and starts-with-I/We baselines."""
    labels = [e.agency for e in examples]
    scores = [score(e.text) for e in examples]
    predictions = [s >= threshold for s in scores]
    base_scores = [starts_with_i_we(e.text) for e in examples]
    base_predictions = [s >= 0.5 for s in base_scores]
    n = len(examples)
    majority_yes = sum(labels) >= n / 2
    majority = [majority_yes] * n
    majority_acc = accuracy(labels, majority)
    is_test = split == "test"

    def metric(label: str) -> str:
        return f"{label}, {subset} ({name})"

    return [
        Row(
            AREA,
            metric("accuracy"),
            split,
            accuracy(labels, predictions),
            majority_acc,
            "majority class",
            f"> {majority_acc:.3f}" if is_test else "",
            n,
        ),
        Row(
            AREA,
            metric("accuracy"),
            split,
            accuracy(labels, predictions),
            accuracy(labels, base_predictions),
            "starts with I/We",
            "",
            n,
        ),
        Row(
            AREA,
            metric("F1 (agency=yes)"),
            split,
            f1(labels, predictions),
            f1(labels, base_predictions),
            "starts with I/We",
            "",
            n,
        ),
        Row(
            AREA,
            metric("F1 (agency=yes)"),
            split,
            f1(labels, predictions),
            f1(labels, majority),
            "majority class",
            "",
            n,
        ),
        Row(
            AREA,
            metric("ROC AUC"),
            split,
            roc_auc(labels, scores),
            roc_auc(labels, base_scores),
            "starts with I/We",
            AUC_TARGET.get(name, ""),
            n,
        ),
        Row(
            AREA,
            metric("ROC AUC of the actor view alone"),
            split,
            roc_auc(labels, [speaker_is_doer(e.text) for e in examples]),
            roc_auc(labels, base_scores),
            "starts with I/We",
            "",
            n,
        ),
    ]


def evaluate(data: Path) -> list[Row]:
    """Score every CL-Aff file and return the agency rows (train and test) beside their baselines."""
    folder = data / FOLDER
    loaded = {name: load(folder / name) for name, _, _, _ in SPLITS}
    thresholds: dict[str, float] = {}
    for _, _, _, train in SPLITS:
        if train not in thresholds:
            examples = loaded[train]
            thresholds[train] = best_threshold(
                [e.agency for e in examples], [agency_score(e.text) for e in examples]
            )
    rows: list[Row] = []
    for name, subset, split, train in SPLITS:
        rows += _rows_for(name, subset, split, loaded[name], thresholds[train], agency_score)
    return rows


# --- fitting (offline; its output is pasted into AGENCY_WEIGHTS) -------------------------------------------


def fit_logistic(
    features: Sequence[Sequence[float]],
    labels: Sequence[bool],
    weights: Sequence[float] | None = None,
    l2: float = 1.0,
    iterations: int = 25,
) -> list[float]:
    """Return L2-regularised logistic-regression coefficients (intercept last), fitted by Newton's method."""
    if not features:
        return []
    k = len(features[0]) + 1
    rows = [[*x, 1.0] for x in features]
    sample_weights = list(weights) if weights is not None else [1.0] * len(rows)
    beta = [0.0] * k
    for _ in range(iterations):
        gradient = [0.0] * k
        hessian = [[0.0] * k for _ in range(k)]
        for x, y, w in zip(rows, labels, sample_weights, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            residual = (1.0 if y else 0.0) - p
            curvature = w * p * (1.0 - p)
            active = [i for i, v in enumerate(x) if v]
            for i in active:
                gradient[i] += w * residual * x[i]
                for j in active:
                    hessian[i][j] += curvature * x[i] * x[j]
        for i in range(k - 1):  # no penalty on the intercept
            gradient[i] -= l2 * beta[i]
            hessian[i][i] += l2
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return beta


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting (small dense systems)."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) < 1e-12:
            continue
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def fit(data: Path) -> list[float]:
    """Fit the agency weights on the training file, counting its work/career rows twice."""
    examples = load(data / FOLDER / TRAIN_FULL)
    features = [agency_features(e.text) for e in examples]
    weights = [2.0 if e.work else 1.0 for e in examples]
    return fit_logistic(features, [e.agency for e in examples], weights)


def main(argv: Sequence[str]) -> int:
    """Print the agency rows, or with --fit the refitted weights, for the data folder."""
    data = data_dir()
    if "--fit" in argv:
        beta = fit(data)
        for name, value in zip((*AGENCY_FEATURES, "intercept"), beta, strict=True):
            print(f"    {value:.3f},  # {name}")
        return 0
    for row in evaluate(data):
        baseline = "" if row.baseline is None else f"{row.baseline:.3f}"
        print(
            f"{row.metric:52} {row.split:5} {row.value:.3f} vs {baseline:6} "
            f"({row.baseline_name}) {row.target} n={row.n}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
