"""Specificity: does the analyzer's specificity signal rank sentences the way crowd raters did?

Data: specificity-ko2019/, sentences from tweets, Yelp reviews and movie reviews, each with the mean rating
(1-5, higher = more specific) of several crowd workers: `<domain>s.txt` holds the sentences and
`<domain>v.txt` the ratings, line by line. The folder has no split, so each sentence goes to "dev" or
"test" by a stable hash of its text (`split_of`). The signal's weights were fitted on dev only
(`--fit` refits and prints them); test is only reported.

Metric: Spearman's rank correlation per domain between `specificity(sentence)` and the crowd rating,
beside the baseline "word count + digit count" computed in the same run on the same sentences.

Run `python -m eval.specificity` to print the rows; `--features` prints each feature's correlation on dev;
`--fit` refits the weights on dev.
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.common import DataMissing, Row, data_dir, require
from starcoach.analysis.features.specificity import (
    FEATURE_NAMES,
    WEIGHTS,
    specificity,
    specificity_features,
)
from starcoach.analysis.text import count_words

AREA = "specificity"
FOLDER = "specificity-ko2019"
DOMAINS = ("twitter", "yelp", "movie")
BASELINE_NAME = "word count + digit count"


@dataclass(frozen=True)
class Rated:
    """One sentence and its mean crowd specificity rating."""

    text: str
    rating: float
    domain: str


def split_of(text: str) -> str:
    """Return "dev" or "test" for a sentence, by a stable hash of its text."""
    return "test" if int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def load(folder: Path, domain: str) -> list[Rated]:
    """Return the rated sentences of one domain (sentences and ratings are line-aligned files)."""
    sentences = require(folder / f"{domain}s.txt").read_text(encoding="utf-8").split("\n")
    ratings = require(folder / f"{domain}v.txt").read_text(encoding="utf-8").split("\n")
    rated = []
    for sentence, rating in zip(sentences, ratings, strict=False):
        if sentence.strip() and rating.strip():
            rated.append(Rated(sentence, float(rating), domain))
    return rated


def baseline(text: str) -> float:
    """Return the baseline score: the number of words plus the number of digits."""
    return float(count_words(text) + sum(ch.isdigit() for ch in text))


def ranks(values: Sequence[float]) -> list[float]:
    """Return the 1-based ranks of `values`, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda k: values[k])
    result = [0.0] * len(values)
    k = 0
    while k < len(order):
        j = k
        while j + 1 < len(order) and values[order[j + 1]] == values[order[k]]:
            j += 1
        average = (k + j) / 2 + 1
        for m in range(k, j + 1):
            result[order[m]] = average
        k = j + 1
    return result


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Return Pearson's correlation of two equally long sequences (0 when either is constant)."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else 0.0


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Return Spearman's rank correlation (Pearson on average ranks)."""
    return pearson(ranks(xs), ranks(ys))


def rho(items: Sequence[Rated], score: Callable[[str], float]) -> float:
    """Return Spearman's rho between `score` and the crowd rating over `items`."""
    return spearman([score(item.text) for item in items], [item.rating for item in items])


def evaluate(data: Path) -> list[Row]:
    """Return the specificity rows for the evaluation data under `data`."""
    folder = data / FOLDER
    rows: list[Row] = []
    for split in ("dev", "test"):
        values: list[float] = []
        baselines: list[float] = []
        total = 0
        for domain in DOMAINS:
            items = [r for r in load(folder, domain) if split_of(r.text) == split]
            ours, base = rho(items, specificity), rho(items, baseline)
            values.append(ours)
            baselines.append(base)
            total += len(items)
            # the target is the baseline itself: at or above it in every domain on test
            target = f">= {base:.3f}" if split == "test" else ""
            metric = f"Spearman rho ({domain})"
            rows.append(Row(AREA, metric, split, ours, base, BASELINE_NAME, target, len(items)))
        mean, mean_base = sum(values) / len(values), sum(baselines) / len(baselines)
        target = f"> {mean_base:.3f}" if split == "test" else ""
        metric = "Spearman rho (mean of domains)"
        rows.append(Row(AREA, metric, split, mean, mean_base, BASELINE_NAME, target, total))
    return rows


def dev_items(data: Path) -> list[Rated]:
    """Return the dev sentences of every domain."""
    folder = data / FOLDER
    return [r for d in DOMAINS for r in load(folder, d) if split_of(r.text) == "dev"]


def print_feature_correlations(items: Sequence[Rated]) -> None:
    """Print each feature's Spearman rho with the rating, per domain, on `items`."""
    by_domain = {d: [r for r in items if r.domain == d] for d in DOMAINS}
    table = {d: [specificity_features(r.text) for r in rs] for d, rs in by_domain.items()}
    print(f"{'feature':24}" + "".join(f"{d:>9}" for d in DOMAINS))
    for k, name in enumerate(FEATURE_NAMES):
        cells = []
        for d in DOMAINS:
            column = [f[k] for f in table[d]]
            cells.append(spearman(column, [r.rating for r in by_domain[d]]))
        print(f"{name:24}" + "".join(f"{c:9.3f}" for c in cells))


def fit(items: Sequence[Rated], ridge: float = 1.0) -> list[float]:
    """Return ridge least-squares weights (intercept first) predicting the rating from the features."""
    xs = [[1.0, *specificity_features(r.text)] for r in items]
    ys = [r.rating for r in items]
    width = len(xs[0])
    gram = [[sum(x[i] * x[j] for x in xs) for j in range(width)] for i in range(width)]
    for i in range(1, width):
        gram[i][i] += ridge
    rhs = [sum(x[i] * y for x, y in zip(xs, ys, strict=True)) for i in range(width)]
    return _solve(gram, rhs)


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    """Return x with matrix @ x = rhs (Gaussian elimination with partial pivoting)."""
    n = len(rhs)
    a = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[col][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [v - factor * p for v, p in zip(a[r], a[col], strict=True)]
    return [a[k][n] / a[k][k] if a[k][k] else 0.0 for k in range(n)]


def main(argv: Sequence[str]) -> int:
    """Print the rows (or feature correlations / refitted weights on dev); return an exit code."""
    try:
        data = data_dir()
        if "--features" in argv:
            print_feature_correlations(dev_items(data))
            return 0
        if "--fit" in argv:
            weights = fit(dev_items(data))
            print("intercept", round(weights[0], 4))
            for name, weight, current in zip(FEATURE_NAMES, weights[1:], WEIGHTS[1:], strict=True):
                print(f"{name:24} {weight:8.4f}   (shipped {current:8.4f})")
            return 0
        rows = evaluate(data)
    except DataMissing as exc:
        print(f"eval.specificity: {exc}", file=sys.stderr)
        return 2
    for row in rows:
        base = "" if row.baseline is None else f"  (baseline {row.baseline:.3f})"
        print(f"{row.split:6} {row.metric:34} {row.value:.3f}{base}  n={row.n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
