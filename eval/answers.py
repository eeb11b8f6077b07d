"""Whole answers (answers-dev): do weak answers get the findings their source names, do strong ones stay clean,
and does a strong answer outscore a weak one in the same pair or contrast group?

Records marked as fragments (a phrase, a sentence or one STAR part) are analyzed with `analyze_fragment`, the
mode the product uses for a single story field; whole answers with `analyze`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.common import Row, data_dir, require
from starcoach.analysis import Report, Severity, analyze, analyze_fragment

# The source's stated reason (its first reason, as written in the data) -> the rule ids that express it.
# A weak answer counts as caught when at least one of its reason's rules fires on it.
REASON_RULES: dict[str, frozenset[str]] = {
    "passive ownership": frozenset({"ownership.passive_framing", "ownership.no_personal_action", "ownership.unclear_actor", "action.no_personal_action", "task.not_yours"}),
    "lack of proactivity": frozenset({"ownership.obstacle_as_excuse"}),
    "letting ambiguity persist": frozenset({"judgment.meetings_not_decisions", "pushback.no_resolution"}),
    "one-way communication": frozenset({"collaboration.one_way_communication"}),
    "'less clear attribute': the action does not show what it says about you": frozenset({"action.no_reason"}),
    "weak Situation example": frozenset({"situation.no_stakes", "star.missing_situation", "clarity.vague"}),
    "weak Task example": frozenset({"task.not_yours", "ownership.no_personal_action"}),
    "weak Action example": frozenset({"action.no_personal_action", "ownership.no_personal_action", "ownership.unclear_actor", "clarity.vague"}),
    "weak Result example": frozenset({"result.no_number", "star.missing_result", "clarity.vague"}),
    "Unbelievable; suggests you avoid necessary confrontation": frozenset({"conflict.denies_conflict"}),
    "One-sided; shows no self-awareness": frozenset({"conflict.one_sided", "conflict.blame", "conflict.personal_attack"}),
    "Pushover; no backbone or conviction": frozenset({"pushback.pushover"}),
    "First resort = poor judgment": frozenset({"difficult_person.escalated_first"}),
    "Deflects responsibility; too vague": frozenset({"conflict.vague_deflection", "conflict.blame"}),
}  # fmt: skip

# The handbook's framing categories -> the rules that express them.
FRAMING_RULES: dict[str, frozenset[str]] = {
    "passive_ownership": REASON_RULES["passive ownership"],
    "lack_of_proactivity": REASON_RULES["lack of proactivity"],
    "ambiguity": REASON_RULES["letting ambiguity persist"],
    "one_way_communication": REASON_RULES["one-way communication"],
}


@dataclass(frozen=True)
class Scored:
    """One record with its report."""

    record: dict[str, Any]
    report: Report

    @property
    def rule_ids(self) -> set[str]:
        return {f.rule_id for f in self.report.findings}


def question_of(record: dict[str, Any]) -> str:
    """Return the analyzer's question id for a record's question type."""
    kind = str(record["question_type"])
    return "generic" if kind == "star_generic" else kind


def score_record(record: dict[str, Any]) -> Report:
    """Analyze one record as a whole answer or, when the data marks it as a piece of one, as a fragment."""
    if record.get("fragment") or record.get("granularity") in ("phrase", "sentence", "star_part"):
        return analyze_fragment(record["answer"], question_of(record), part=record.get("star_part"))
    return analyze(record["answer"], question_of(record))


def _pairs(items: Iterable[Scored], key: str) -> list[tuple[Scored, Scored]]:
    groups: dict[str, list[Scored]] = defaultdict(list)
    for item in items:
        if item.record.get(key):
            groups[item.record[key]].append(item)
    pairs = []
    for members in groups.values():
        strong = [m for m in members if m.record["label"] == "strong"]
        weak = [m for m in members if m.record["label"] == "weak"]
        pairs += [(s, w) for s in strong for w in weak]
    return pairs


def _above(pair: tuple[Scored, Scored]) -> bool:
    strong, weak = pair[0].report.overall, pair[1].report.overall
    return strong is not None and (weak is None or strong > weak)


def evaluate_records(records: list[dict[str, Any]], split: str) -> list[Row]:
    """Return the four answer-level metrics, overall and per question type."""
    scored = [Scored(r, score_record(r)) for r in records]
    rows: list[Row] = []
    by_type: dict[str, list[Scored]] = defaultdict(list)
    for item in scored:
        by_type[question_of(item.record)].append(item)
    for name, items in [("all", scored), *sorted(by_type.items())]:
        suffix = "" if name == "all" else f" [{name}]"
        weak = [i for i in items if i.record["label"] == "weak"]
        strong = [i for i in items if i.record["label"] == "strong"]
        if weak:
            caught = sum(
                bool(i.rule_ids & REASON_RULES.get(i.record["source_reasons"][0], frozenset()))
                for i in weak
            )
            rows.append(
                Row(
                    "answers",
                    f"weak answers flagged with a matching reason{suffix}",
                    split,
                    caught / len(weak),
                    None,
                    "",
                    ">= 0.75" if name == "all" else "",
                    len(weak),
                )
            )
        if strong:
            clean = sum(not i.report.at_or_above(Severity.ERROR) for i in strong)
            rows.append(
                Row(
                    "answers",
                    f"strong answers with no error-level finding{suffix}",
                    split,
                    clean / len(strong),
                    None,
                    "",
                    ">= 0.85" if name == "all" else "",
                    len(strong),
                )
            )
        if name == "all":
            pairs = _pairs(items, "pair_id") + _pairs(items, "contrast_group")
            if pairs:
                rows.append(
                    Row(
                        "answers",
                        "pairwise: strong scores above weak (pair_id and contrast_group)",
                        split,
                        sum(map(_above, pairs)) / len(pairs),
                        0.5,
                        "random order",
                        ">= 0.85",
                        len(pairs),
                    )
                )
        abstained = sum(i.report.abstained for i in items)
        rows.append(
            Row(
                "answers",
                f"abstention rate{suffix}",
                split,
                abstained / len(items),
                None,
                "",
                "",
                len(items),
            )
        )
    return rows + per_rule_rows(scored, split)


def per_rule_rows(scored: list[Scored], split: str) -> list[Row]:
    """Return, for each rule that fired, the share of strong answers it flags beside the share of weak ones.

    A rule that flags strong answers as often as weak ones tells the user nothing; this is the per-rule view
    of precision that the labels allow.
    """
    strong = [i for i in scored if i.record["label"] == "strong"]
    weak = [i for i in scored if i.record["label"] == "weak"]
    rows = []
    for rule in sorted({rule for item in scored for rule in item.rule_ids}):
        on_strong = sum(rule in i.rule_ids for i in strong) / max(1, len(strong))
        on_weak = sum(rule in i.rule_ids for i in weak) / max(1, len(weak))
        metric = f"`{rule}` flags strong answers (baseline: share of weak answers it flags)"
        rows.append(Row("rules", metric, split, on_strong, on_weak, "weak", "", len(strong)))
    return rows


def evaluate_framings(path: Path) -> list[Row]:
    """Return how often a weak framing is flagged and how often its rewrite scores higher."""
    pairs = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    flagged = scored_higher = rewrites = 0
    for pair in pairs:
        weak = analyze_fragment(pair["weak_text"])
        rules = FRAMING_RULES.get(pair["category"], frozenset())
        flagged += bool({f.rule_id for f in weak.findings} & rules)
        if pair.get("improved_text"):
            rewrites += 1
            better = analyze_fragment(pair["improved_text"])
            scored_higher += (better.overall or 0) > (weak.overall or 0)
    rows = [
        Row(
            "answers",
            "handbook weak framings flagged with their category's rule",
            "handbook",
            flagged / len(pairs),
            None,
            "",
            "",
            len(pairs),
        )
    ]
    if rewrites:
        rows.append(
            Row(
                "answers",
                "handbook rewrites scoring above the weak framing",
                "handbook",
                scored_higher / rewrites,
                0.5,
                "random order",
                "",
                rewrites,
            )
        )
    return rows


def evaluate(data: Path) -> list[Row]:
    """Return every answer-level row on answers-dev and the handbook framings."""
    path = require(data / "answers-dev" / "answers.jsonl")
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    rows = evaluate_records(records, "dev")
    framings = data / "tech-interview-handbook" / "derived_framing_pairs.jsonl"
    if framings.exists():
        rows += evaluate_framings(framings)
    return rows


def failures(data: Path) -> None:
    """Print what each weak answer got and each strong answer's errors (for tuning on dev)."""
    path = require(data / "answers-dev" / "answers.jsonl")
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        report = score_record(record)
        ids = sorted({f.rule_id for f in report.findings})
        errors = sorted({f.rule_id for f in report.at_or_above(Severity.ERROR)})
        print(
            f"{record['label']:6} {record['id'][:40]:40} overall={report.overall} abst={report.abstain_reason} ids={ids if record['label'] == 'weak' else errors}"
        )


if __name__ == "__main__":
    import sys

    if "--details" in sys.argv:
        failures(data_dir())
    for row in evaluate(data_dir()):
        print(f"{row.metric:70} {row.split:8} {row.value:.3f} n={row.n}")
