"""Our own answer set (eval/answers/*.jsonl): does starcoach agree with the expert verdicts written before
the tool ran?

Each row is analyzed with `analyze(answer, question)`, the question in the words the interviewer used. Rows
are split into dev and test by a stable hash of their id (dev when the first 8 hex digits of sha256(id)
modulo 10 are below 6); tuning looks at dev only, test is only reported.

Per split it reports:
- Spearman between starcoach's overall and the expert's overall, beside a word-count baseline;
- strong above weak, pairwise (strong: expert overall 4-5; weak: 1-2), beside the word-count baseline;
- the median overall per category (strong, adequate, weak, adversarial, cliche);
- the share of strong answers with an error-level finding, and the median strong overall;
- per trap kind, the share of its answers with a warning or error from a rule that names it (`TRAP_RULES`);
- the share of keyword-stuffed and polished-generic answers that score 2.5 or below;
- per dimension, Spearman between starcoach's score and the expert's where both gave one.

An answer the analyzer declines to score ("too short") ranks at the bottom: 1.0 stands in for its overall.

Usage: `python -m eval.ownset [--details] [--split dev]` prints the rows (and, with --details, every row's
verdict, score and findings, for tuning on dev).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.common import REPO_ROOT, Row
from eval.specificity import spearman
from starcoach.analysis import Report, Severity, analyze
from starcoach.analysis.overall import DIMENSIONS
from starcoach.analysis.text import count_words

ANSWERS = REPO_ROOT / "eval" / "answers"

# A trap kind -> the rule ids whose warning or error names it. The one place this mapping lives: an id that
# no rule has yet simply never fires.
TRAP_RULES: dict[str, frozenset[str]] = {
    "rambling": frozenset({"answer.wanders", "length.rambling", "clarity.wordy"}),
    "team_we": frozenset({"ownership.no_personal_action", "ownership.unclear_actor", "ownership.passive_framing", "action.no_personal_action", "task.not_yours"}),
    "blame": frozenset({"conflict.blame", "conflict.personal_attack", "conflict.one_sided", "failure.others_blamed"}),
    "humblebrag": frozenset({"failure.humblebrag"}),
    "failure_no_ownership": frozenset({"failure.no_own_part", "failure.others_blamed", "failure.denies_failure", "ownership.obstacle_as_excuse"}),
    "effort_as_impact": frozenset({"result.effort_as_impact"}),
    "keyword_stuffing": frozenset({"coherence.keyword_stuffing"}),
    "polished_generic": frozenset({"coherence.generic", "clarity.vague"}),
    "off_topic": frozenset({"answer.off_topic"}),
    "success_as_failure": frozenset({"failure.success_told_as_failure"}),
    "implausible_numbers": frozenset({"result.implausible_number"}),
    "self_contradiction": frozenset({"consistency.self_contradiction"}),
    "hypothetical": frozenset({"answer.hypothetical"}),
    "someone_elses_achievement": frozenset({"ownership.someone_elses_work"}),
    "cliche": frozenset({"failure.humblebrag", "answer.no_example", "answer.no_occasion", "coherence.generic", "failure.denies_failure", "conflict.denies_conflict"}),
    "denial": frozenset({"failure.denies_failure", "conflict.denies_conflict", "answer.no_example", "answer.no_occasion"}),
}  # fmt: skip
# Traps of form, not content: bullet points, a spoken transcript with fillers, non-native grammar. The expert
# judged what is underneath (from 1 to 5), so nothing is to be caught: the score should follow the content.
FORM_TRAPS = frozenset({"non_native_strong", "spoken_fillers", "bullets"})

CATEGORIES = ("strong", "adequate", "weak", "adversarial", "cliche")
ABSTAINED_OVERALL = 1.0
GENERIC_TRAPS = ("keyword_stuffing", "polished_generic")


def split_of(row_id: str) -> str:
    """Return "dev" or "test" for a row id, by the stable hash the answer set's README states."""
    return "dev" if int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 10 < 6 else "test"


def load(folder: Path = ANSWERS) -> list[dict[str, Any]]:
    """Return every row of every *.jsonl file in `folder`, in file and line order."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


@dataclass(frozen=True)
class Judged:
    """One row of the answer set with its report."""

    row: dict[str, Any]
    report: Report

    @property
    def expert(self) -> int:
        return int(self.row["verdict"]["overall"])

    @property
    def overall(self) -> float:
        return ABSTAINED_OVERALL if self.report.overall is None else self.report.overall

    @property
    def words(self) -> int:
        return count_words(self.row["answer"])

    @property
    def flagged(self) -> set[str]:
        """Return the rule ids of the warnings and errors."""
        return {f.rule_id for f in self.report.at_or_above(Severity.WARNING)}

    @property
    def errors(self) -> set[str]:
        return {f.rule_id for f in self.report.at_or_above(Severity.ERROR)}


def judge(rows: Sequence[dict[str, Any]]) -> list[Judged]:
    """Analyze each row with its own question."""
    return [Judged(row, analyze(row["answer"], row["question"])) for row in rows]


def _pairwise(strong: Sequence[float], weak: Sequence[float]) -> float:
    """Return the share of (strong, weak) pairs ordered correctly; a tie counts half."""
    pairs = [(s > w) + 0.5 * (s == w) for s in strong for w in weak]
    return sum(pairs) / len(pairs) if pairs else 0.0


def _median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def rows_for(judged: Sequence[Judged], split: str) -> list[Row]:
    """Return the accuracy rows of one split."""
    area = "ownset"
    out: list[Row] = []
    n = len(judged)
    expert = [float(j.expert) for j in judged]
    out.append(
        Row(
            area,
            "Spearman: overall vs the expert's overall",
            split,
            spearman([j.overall for j in judged], expert),
            spearman([float(j.words) for j in judged], expert),
            "word count",
            ">= 0.80" if split == "test" else "",
            n,
        )
    )
    strong = [j for j in judged if j.expert >= 4]
    weak = [j for j in judged if j.expert <= 2]
    out.append(
        Row(
            area,
            "pairwise: expert-strong (4-5) scores above expert-weak (1-2)",
            split,
            _pairwise([j.overall for j in strong], [j.overall for j in weak]),
            _pairwise([float(j.words) for j in strong], [float(j.words) for j in weak]),
            "word count",
            ">= 0.95" if split == "test" else "",
            len(strong) * len(weak),
        )
    )
    clean = sum(not j.errors for j in strong) / max(1, len(strong))
    out.append(
        Row(
            area,
            "expert-strong answers with no error-level finding",
            split,
            clean,
            None,
            "",
            ">= 0.95" if split == "test" else "",
            len(strong),
        )
    )
    out.append(
        Row(
            area,
            "median overall of expert-strong answers (target 4)",
            split,
            _median([j.overall for j in strong]),
            None,
            "",
            ">= 4.0" if split == "test" else "",
            len(strong),
        )
    )
    for category in CATEGORIES:
        members = [j for j in judged if j.row["category"] == category]
        if members:
            abstained = sum(j.report.overall is None for j in members)
            out.append(
                Row(
                    area,
                    f"median overall, category {category} (abstained, counted as 1: {abstained})",
                    split,
                    _median([j.overall for j in members]),
                    _median([float(j.expert) for j in members]),
                    "expert median",
                    "",
                    len(members),
                )
            )
    generic = [j for j in judged if j.row.get("trap") in GENERIC_TRAPS]
    if generic:
        out.append(
            Row(
                area,
                "keyword-stuffed and polished-generic answers scoring 2.5 or below",
                split,
                sum(j.overall <= 2.5 for j in generic) / len(generic),
                None,
                "",
                ">= 1.0" if split == "test" else "",
                len(generic),
            )
        )
    by_trap: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        if j.row.get("trap"):
            by_trap[j.row["trap"]].append(j)
    caught_all = total_all = 0
    for trap, members in sorted(by_trap.items()):
        if trap in FORM_TRAPS:
            continue
        rules = TRAP_RULES.get(trap, frozenset())
        caught = sum(bool(j.flagged & rules) for j in members)
        caught_all += caught
        total_all += len(members)
        out.append(
            Row(
                area,
                f"trap caught: {trap}",
                split,
                caught / len(members),
                None,
                "",
                "",
                len(members),
            )
        )
    form = [j for j in judged if j.row.get("trap") in FORM_TRAPS]
    if form:
        out.append(
            Row(
                area,
                "form traps (bullets, spoken fillers, non-native grammar) scored within 1 of the expert",
                split,
                sum(abs(j.overall - j.expert) <= 1 for j in form) / len(form),
                None,
                "",
                "",
                len(form),
            )
        )
    if total_all:
        out.append(
            Row(
                area,
                "trap caught: every trap kind together",
                split,
                caught_all / total_all,
                None,
                "",
                ">= 0.90" if split == "test" else "",
                total_all,
            )
        )
    for dimension in DIMENSIONS:
        pairs = [
            (float(score.score), float(j.row["verdict"]["scores"][dimension]))
            for j in judged
            if dimension in j.row["verdict"].get("scores", {})
            for score in j.report.scores
            if score.dimension == dimension and score.score is not None
        ]
        if len(pairs) >= 5:
            ours, theirs = zip(*pairs, strict=True)
            within = sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs)
            out.append(
                Row(
                    area,
                    f"dimension {dimension}: Spearman vs the expert (within 1 point: {within:.2f})",
                    split,
                    spearman(ours, theirs),
                    None,
                    "",
                    "",
                    len(pairs),
                )
            )
    return out


def evaluate(data: Path | None = None) -> list[Row]:
    """Return the rows of both splits (`data`, the external folder, is not needed: the set is ours)."""
    judged = judge(load())
    rows: list[Row] = []
    for split in ("dev", "test"):
        rows += rows_for([j for j in judged if split_of(j.row["id"]) == split], split)
    return rows


def details(judged: Sequence[Judged]) -> None:
    """Print each row's verdict beside starcoach's scores and findings (for tuning on dev)."""
    for j in sorted(judged, key=lambda j: (j.expert, j.overall)):
        scores = " ".join(
            f"{s.dimension[:4]}={s.score if s.score is not None else '-'}" for s in j.report.scores
        )
        print(
            f"{j.expert} {j.overall:4.2f} {j.row['category'][:6]:6} {(j.row.get('trap') or '')[:14]:14} "
            f"{j.row['id']:32} w={j.words:3} {scores} | {sorted(j.flagged)}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args(argv)
    judged = judge(load())
    mine = [j for j in judged if split_of(j.row["id"]) == args.split]
    if args.details:
        details(mine)
    for row in rows_for(mine, args.split):
        base = f"  (baseline {row.baseline:.3f})" if row.baseline is not None else ""
        print(f"{row.metric:78} {row.split:5} {row.value:.3f}{base} n={row.n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
