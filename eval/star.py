"""STAR + Reflection segmentation against answers that their sources split into parts.

Data: `answers-dev/star_parts.jsonl` (answers whose source marks each passage as situation, task, action,
result and sometimes reflection) and the handbook's worked answer split by its own headings. Each part's
text is split with the analyzer's sentence splitter and every sentence inherits its part's label; the
labeller then sees the sentences of one answer in order, as it would in the product.

The folder has no test split, so answers are split by a stable hash of their id: "dev" is the half the cue
lists and weights were tuned on, "test" the half that was only reported. Both are reported, and the whole.

Two scorings are reported. "5 parts" scores every sentence against the source's label as is. "source's
parts" respects a source that has no reflection part in its scheme: there the lesson closing a story is
filed under result by the source, so a predicted reflection counts as result for those answers only.
Presence accuracy (is the part in the answer at all) uses the source's parts. Even the source's parts
disagree with our scheme in places: one source files "what I have done since" under result and "my
responsibility" under reflection, where we read a changed habit as reflection. So the 5-part score is a
floor, and the handbook answer (the same story as one answer in the test half) is a smoke test only.

Baselines computed in the same run: every sentence labelled with the most common part of the gold labels
(which is "action"; its F1 on action is the "label every sentence action" baseline), and for presence,
each part predicted present when most answers have it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.common import DataMissing, Row, data_dir, require
from starcoach.analysis.features.star import REFLECTION, RESULT, label_sentences, parts_present
from starcoach.analysis.report import STAR_PARTS
from starcoach.analysis.text import split_sentences

AREA = "star"
STAR_FILE = Path("answers-dev") / "star_parts.jsonl"
HANDBOOK_FILE = Path("tech-interview-handbook") / "derived_star_example_gold.json"
TARGET = ">= 0.65"


@dataclass(frozen=True)
class GoldAnswer:
    """One answer as gold sentences with their part labels."""

    id: str
    sentences: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def source_has_reflection(self) -> bool:
        """Return True when the source's scheme for this answer includes a reflection part."""
        return "reflection" in self.labels


def _sentences_of(label: str, text: str) -> list[tuple[str, str]]:
    """Return (sentence, label) pairs for one labelled passage."""
    part = label.strip().lower()
    if part not in STAR_PARTS:
        raise ValueError(f"unknown STAR part {label!r}")
    return [(span.text(text), part) for span in split_sentences(text)]


def _answer(answer_id: str, parts: Iterable[tuple[str, str]]) -> GoldAnswer:
    """Build a GoldAnswer from (label, passage) pairs in answer order."""
    pairs = [pair for label, text in parts for pair in _sentences_of(label, text)]
    return GoldAnswer(answer_id, tuple(s for s, _ in pairs), tuple(p for _, p in pairs))


def load_star_parts(path: Path) -> list[GoldAnswer]:
    """Read star_parts.jsonl: one answer a line, each with its labelled parts in order."""
    answers = []
    for line in require(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            parts = ((p["label"], p["text"]) for p in record["parts"])
            answers.append(_answer(record["id"], parts))
    return answers


def load_handbook(path: Path) -> list[GoldAnswer]:
    """Read the handbook's worked answer, segmented by its own headings."""
    record = json.loads(require(path).read_text(encoding="utf-8"))
    return [_answer(record["id"], ((s["label"], s["text"]) for s in record["segments"]))]


def split_of(answer_id: str) -> str:
    """Return "dev" or "test" for an answer, from a stable hash of its id."""
    return "dev" if hashlib.sha256(answer_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def predict(answer: GoldAnswer, source_scheme: bool = False) -> list[str]:
    """Return the labeller's part per sentence; with `source_scheme`, fold reflection into result
    for answers whose source has no reflection part."""
    labels = [part for part, _ in label_sentences(answer.sentences)]
    if source_scheme and not answer.source_has_reflection:
        labels = ["result" if part == "reflection" else part for part in labels]
    return labels


def f1_per_part(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Return F1 per part over the parts that occur in either the gold or the predicted labels."""
    scores: dict[str, float] = {}
    for part in STAR_PARTS:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == part and p == part)
        gold_n = sum(1 for g in gold if g == part)
        pred_n = sum(1 for p in pred if p == part)
        if gold_n == 0 and pred_n == 0:
            continue
        scores[part] = 2 * tp / (gold_n + pred_n)
    return scores


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Return the unweighted mean of per-part F1 (parts absent from both sides are skipped)."""
    scores = f1_per_part(gold, pred)
    return sum(scores.values()) / len(scores) if scores else 0.0


def presence_accuracy(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], part: str
) -> float:
    """Return the share of answers where the part's presence is predicted correctly."""
    hits = sum(1 for g, p in zip(gold, pred, strict=True) if (part in g) == (part in p))
    return hits / len(gold) if gold else 0.0


def _most_common(labels: Iterable[str]) -> str:
    """Return the most frequent label (ties broken by story order)."""
    counts = {part: 0 for part in STAR_PARTS}
    for label in labels:
        counts[label] += 1
    return max(STAR_PARTS, key=lambda part: (counts[part], -STAR_PARTS.index(part)))


def _rows_for(split: str, answers: Sequence[GoldAnswer]) -> list[Row]:
    """Return the metric rows for one split of answers."""
    gold = [label for a in answers for label in a.labels]
    majority = _most_common(gold)
    baseline = [majority] * len(gold)
    baseline_name = f"all '{majority}' (most common part)"
    n = len(gold)
    rows: list[Row] = []
    for scheme, name in ((False, "5 parts"), (True, "source's parts")):
        pred = [label for a in answers for label in predict(a, scheme)]
        rows.append(
            Row(
                AREA,
                f"sentence macro-F1 ({name})",
                split,
                macro_f1(gold, pred),
                macro_f1(gold, baseline),
                baseline_name,
                TARGET,
                n,
            )
        )
    base_part = f1_per_part(gold, baseline)
    for scheme, name, parts in (
        (False, "5 parts", STAR_PARTS),
        (True, "source's parts", (RESULT, REFLECTION)),
    ):
        per_part = f1_per_part(gold, [label for a in answers for label in predict(a, scheme)])
        for part in parts:
            if part in per_part:
                rows.append(
                    Row(
                        AREA,
                        f"F1 {part} ({name})",
                        split,
                        per_part[part],
                        base_part.get(part, 0.0),
                        baseline_name,
                        "",
                        sum(1 for g in gold if g == part),
                    )
                )
    gold_sets = [a.labels for a in answers]
    pred_sets = [parts_present((p, 1.0) for p in predict(a, source_scheme=True)) for a in answers]
    usual = [p for p in STAR_PARTS if sum(p in g for g in gold_sets) * 2 > len(gold_sets)]
    base_sets = [usual] * len(gold_sets)
    rows.append(
        Row(
            AREA,
            "presence accuracy (mean over parts)",
            split,
            sum(presence_accuracy(gold_sets, pred_sets, p) for p in STAR_PARTS) / len(STAR_PARTS),
            sum(presence_accuracy(gold_sets, base_sets, p) for p in STAR_PARTS) / len(STAR_PARTS),
            "present iff most answers have it",
            "",
            len(answers),
        )
    )
    for part in STAR_PARTS:
        rows.append(
            Row(
                AREA,
                f"presence accuracy {part}",
                split,
                presence_accuracy(gold_sets, pred_sets, part),
                presence_accuracy(gold_sets, base_sets, part),
                "present iff most answers have it",
                "",
                len(answers),
            )
        )
    return rows


def evaluate(data: Path) -> list[Row]:
    """Return the STAR segmentation rows for the evaluation data under `data`."""
    answers = load_star_parts(data / STAR_FILE)
    rows: list[Row] = []
    for split in ("dev", "test"):
        rows.extend(
            _rows_for(f"star_parts {split}", [a for a in answers if split_of(a.id) == split])
        )
    rows.extend(_rows_for("star_parts all", answers))
    rows.extend(_rows_for("handbook", load_handbook(data / HANDBOOK_FILE)))
    return rows


def main() -> int:
    """Print the rows as a small table."""
    try:
        rows = evaluate(data_dir())
    except DataMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    for row in rows:
        base = "" if row.baseline is None else f"{row.baseline:.3f}"
        print(
            f"{row.split:18} {row.metric:36} {row.value:.3f}  base {base:6} n={row.n} {row.target}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
