"""Shared pieces of the accuracy harness: where the data lives and how a result row looks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class DataMissing(RuntimeError):
    """Raised when the external evaluation data folder (or one of its files) is absent."""


def data_dir() -> Path:
    """Return the evaluation data folder: $STARCOACH_EVAL_DATA, else ../shared/eval-data beside the repo."""
    configured = os.environ.get("STARCOACH_EVAL_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "eval-data"
    if not path.is_dir():
        raise DataMissing(
            f"evaluation data not found at {path}; set STARCOACH_EVAL_DATA to the folder that holds "
            "agency-claff/, specificity-ko2019/, numbers-quantulum3/ and answers-dev/"
        )
    return path


def require(path: Path) -> Path:
    """Return `path` if it exists, else raise DataMissing naming it."""
    if not path.exists():
        raise DataMissing(f"evaluation file not found: {path}")
    return path


@dataclass(frozen=True)
class Row:
    """One line of the accuracy table: a metric on a split, beside its baseline and target."""

    area: str
    metric: str
    split: str
    value: float
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    n: int = 0

    @property
    def meets_target(self) -> bool | None:
        """Return whether `value` meets `target` (">= 0.75" style), or None when there is no target."""
        if not self.target:
            return None
        op, _, number = self.target.partition(" ")
        threshold = float(number)
        return self.value >= threshold if op == ">=" else self.value > threshold
