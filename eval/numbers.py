"""Numbers: does the quantity detector mark the same spans that people marked?

Data: numbers-quantulum3/quantities.json, sentences with every numeric mention written out by hand
(`surface`). The file has no split, so each sentence goes to "dev" or "test" by a stable hash of its text
(`split_of`); the detector was tuned by reading errors on dev only, and test is only reported.

quantities.ambiguity.json comes from the same project but tests a different thing: which unit a symbol
means ("pounds" as money or weight, "C" as Celsius). Its gold surfaces are still human-marked spans, so it
is reported as a third, untuned set ("ambiguity"), never used for tuning.

Metrics, each beside the same metric for a bare digit-run regex computed in the same run:
- exact: a predicted span counts only when it covers exactly the gold surface;
- lenient: a predicted span counts when it overlaps a gold surface (one-to-one).

Run `python -m eval.numbers` to print the rows; `--errors` prints the misses and false alarms on dev.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.common import DataMissing, Row, data_dir, require
from starcoach.analysis.features.numbers import find_quantities

AREA = "numbers"
FOLDER = "numbers-quantulum3"
MAIN_FILE = "quantities.json"
AMBIGUITY_FILE = "quantities.ambiguity.json"
TARGET = ">= 0.9"
BASELINE_NAME = "digit-run regex"

_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Sentence:
    """One sentence and the character spans of its gold numeric mentions."""

    text: str
    gold: tuple[tuple[int, int], ...]


def split_of(text: str) -> str:
    """Return "dev" or "test" for a sentence, by a stable hash of its text."""
    return "test" if int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2 else "dev"


def load(path: Path) -> list[Sentence]:
    """Return the sentences of a quantulum3 test file with their gold surfaces located as spans."""
    records = json.loads(require(path).read_text(encoding="utf-8"))
    sentences = []
    for record in records:
        text = record["req"]
        spans: list[tuple[int, int]] = []
        cursor = 0
        for mention in record["res"]:
            surface = mention["surface"]
            at = text.find(surface, cursor)
            if at < 0:
                at = text.find(surface)
            if at < 0:
                continue  # a surface not found verbatim cannot be scored as a span
            spans.append((at, at + len(surface)))
            cursor = at + len(surface)
        sentences.append(Sentence(text, tuple(spans)))
    return sentences


def detector_spans(text: str) -> Spans:
    """Return the spans starcoach's quantity detector marks."""
    return [(q.span.start, q.span.end) for q in find_quantities(text)]


def baseline_spans(text: str) -> Spans:
    """Return the spans a bare digit-run regex marks (the baseline)."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


@dataclass(frozen=True)
class Counts:
    """True positives, predictions and gold mentions, for precision, recall and F1."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Return the share of predicted spans that match a gold span."""
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Return the share of gold spans that a predicted span matches."""
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_count(predicted: Spans, gold: Sequence[tuple[int, int]], *, lenient: bool) -> int:
    """Return how many gold spans are matched one-to-one (exactly, or by overlap when lenient)."""
    used: set[int] = set()
    tp = 0
    for g_start, g_end in gold:
        for k, (p_start, p_end) in enumerate(predicted):
            if k in used:
                continue
            hit = (
                p_start < g_end and g_start < p_end
                if lenient
                else (p_start, p_end) == (g_start, g_end)
            )
            if hit:
                used.add(k)
                tp += 1
                break
    return tp


def score(
    sentences: Sequence[Sentence], spans_of: Callable[[str], Spans], *, lenient: bool
) -> Counts:
    """Return the match counts of one span finder over `sentences`."""
    tp = predicted = gold = 0
    for sentence in sentences:
        spans = spans_of(sentence.text)
        tp += match_count(spans, sentence.gold, lenient=lenient)
        predicted += len(spans)
        gold += len(sentence.gold)
    return Counts(tp, predicted, gold)


def rows_for(split: str, sentences: Sequence[Sentence], *, target: str = "") -> list[Row]:
    """Return the exact precision/recall/F1 and lenient F1 rows for one set of sentences."""
    rows = []
    for lenient in (False, True):
        ours = score(sentences, detector_spans, lenient=lenient)
        base = score(sentences, baseline_spans, lenient=lenient)
        mode = "lenient" if lenient else "exact"
        # exact precision, recall and F1; for the lenient match F1 alone is enough to show the gap
        for name in ("f1",) if lenient else ("precision", "recall", "f1"):
            rows.append(
                Row(
                    AREA,
                    f"span {name} ({mode})",
                    split,
                    getattr(ours, name),
                    getattr(base, name),
                    BASELINE_NAME,
                    target if (name == "f1" and not lenient) else "",
                    ours.gold,
                )
            )
    return rows


def evaluate(data: Path) -> list[Row]:
    """Return the number-detection rows for the evaluation data under `data`."""
    folder = data / FOLDER
    sentences = load(folder / MAIN_FILE)
    rows: list[Row] = []
    for split in ("dev", "test"):
        part = [s for s in sentences if split_of(s.text) == split]
        rows.extend(rows_for(split, part, target=TARGET if split == "test" else ""))
    ambiguity = folder / AMBIGUITY_FILE
    if ambiguity.exists():
        rows.extend(rows_for("ambiguity (untuned)", load(ambiguity)))
    return rows


def print_errors(sentences: Sequence[Sentence]) -> None:
    """Print the misses and false alarms of the detector, sentence by sentence."""
    for sentence in sentences:
        predicted = set(detector_spans(sentence.text))
        gold = set(sentence.gold)
        if predicted == gold:
            continue
        print(sentence.text)
        for start, end in sorted(gold - predicted):
            print(f"   missed: {sentence.text[start:end]!r}")
        for start, end in sorted(predicted - gold):
            print(f"   extra:  {sentence.text[start:end]!r}")


def main(argv: Sequence[str]) -> int:
    """Print the rows (or, with --errors, the dev-set errors); return an exit code."""
    try:
        data = data_dir()
        if "--errors" in argv:
            sentences = load(data / FOLDER / MAIN_FILE)
            print_errors([s for s in sentences if split_of(s.text) == "dev"])
            return 0
        rows = evaluate(data)
    except DataMissing as exc:
        print(f"eval.numbers: {exc}", file=sys.stderr)
        return 2
    for row in rows:
        base = "" if row.baseline is None else f"  (baseline {row.baseline:.3f})"
        print(f"{row.split:22} {row.metric:28} {row.value:.3f}{base}  n={row.n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
