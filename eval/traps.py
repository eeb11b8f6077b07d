"""Red-flag rules on whole answers: how often each fires on strong answers, and how often each trap is caught.

Usage: `python -m eval.traps [--split dev|test] [--rules id,id] [--show RULE]`.

Reads our own answer set (eval/answers/*.jsonl, dev split by default: a row is dev when
`int(sha256(id).hexdigest()[:8], 16) % 10 < 6`) and, when present, the external answers-dev set. Rules run on
every answer whatever its length (the length gate that declines to score a short answer is left out here), so
the figures describe the rules themselves. Tuning looks at dev only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eval.common import REPO_ROOT, DataMissing, data_dir
from eval.ownset import TRAP_RULES, split_of
from starcoach.analysis.analyzer import run_rules
from starcoach.analysis.answer import Answer
from starcoach.analysis.registry import load_rules
from starcoach.content import load_content

NEW_RULES = (
    "result.effort_as_impact",
    "failure.others_blamed",
    "answer.off_topic",
    "failure.success_told_as_failure",
    "failure.denies_failure",
    "answer.no_example",
    "result.implausible_number",
    "consistency.self_contradiction",
    "coherence.keyword_stuffing",
    "coherence.generic",
    "answer.hypothetical",
    "ownership.someone_elses_work",
    "answer.wanders",
    "answer.no_occasion",
    "conflict.blame",
    "conflict.personal_attack",
)


def our_rows(split: str) -> list[dict[str, Any]]:
    """Return our own answers of one split."""
    rows = []
    for path in sorted((REPO_ROOT / "eval" / "answers").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split_of(row["id"]) == split:
                    rows.append(row)
    return rows


def external_rows() -> list[dict[str, Any]]:
    """Return the external whole answers (answers-dev), or nothing when the folder is absent."""
    try:
        path = data_dir() / "answers-dev" / "answers.jsonl"
    except DataMissing:
        return []
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if not r.get("fragment") and r.get("granularity") in (None, "answer")]


def fired(text: str, question: str) -> set[str]:
    """Return the ids of the warning- or error-level rules that fire on an answer, ignoring its length."""
    content = load_content()
    qid = question if question in content.questions else "generic"
    answer = Answer(text, qid, content.questions[qid].target_seconds)
    rules = [r for r in load_rules() if r.applies_to(qid) and not r.fragment_only]
    return {f.rule_id for f in run_rules(answer, rules) if f.severity >= 2}


def _share(items: Iterable[bool]) -> tuple[int, int]:
    values = list(items)
    return sum(values), len(values)


def report(split: str, rules: tuple[str, ...], show: str | None) -> list[str]:
    """Return the Markdown lines of the measurement."""
    rows = our_rows(split)
    results = [(row, fired(row["answer"], row["question_type"])) for row in rows]
    external = [(r, fired(r["answer"], str(r["question_type"]))) for r in external_rows()]
    strong = [ids for row, ids in results if row["category"] == "strong"]
    ext_strong = [ids for r, ids in external if r.get("label") == "strong"]
    lines = [
        f"Strong answers: {len(strong)} of ours ({split}), {len(ext_strong)} external (answers-dev).",
        "",
        "| rule | fires on strong (ours) | fires on strong (external) | fires on adequate (ours) "
        "| fires on weak/adversarial/cliché (ours) |",
        "|---|---|---|---|---|",
    ]
    adequate = [ids for row, ids in results if row["category"] == "adequate"]
    others = [ids for row, ids in results if row["category"] in ("weak", "adversarial", "cliche")]
    for rule in rules:
        a, n = _share(rule in ids for ids in strong)
        b, m = _share(rule in ids for ids in ext_strong)
        c, k = _share(rule in ids for ids in others)
        d, j = _share(rule in ids for ids in adequate)
        lines.append(f"| `{rule}` | {a}/{n} | {b}/{m} | {d}/{j} | {c}/{k} |")
    lines += ["", "| trap | caught | by |", "|---|---|---|"]
    by_trap: dict[str, list[set[str]]] = defaultdict(list)
    for row, ids in results:
        if row["trap"]:
            by_trap[row["trap"]].append(ids)
    for trap in sorted(by_trap):
        wanted = TRAP_RULES.get(trap)
        if wanted is None:
            continue
        hits = [ids & wanted for ids in by_trap[trap]]
        count = Counter(r for h in hits for r in h)
        by = ", ".join(f"`{r}` {n}" for r, n in count.most_common())
        lines.append(f"| {trap} | {sum(bool(h) for h in hits)}/{len(hits)} | {by} |")
    if show:
        lines += ["", f"Answers `{show}` fires on:"]
        for row, ids in results:
            if show in ids:
                lines.append(f"- {row['id']} ({row['category']}, {row['trap']})")
        for r, ids in external:
            if show in ids:
                lines.append(f"- external {r['id']} ({r.get('label')})")
    return lines


SECTION = "Red flags on meaning: precision on strong answers, catch rate per trap"
NOTES = {
    "dev": (
        "Dev is where the rules were written and tuned, so its catch rates overstate what they do on "
        "new answers; the strong-answer columns are the precision check (a false alarm on a strong answer "
        "is the failure we guard against first)."
    ),
    "test": (
        "Test rows were measured, never read or tuned on. Precision holds (no new rule fires on a strong "
        "test answer), but catch rates are far below dev: the traps are phrased in ways the cue lists do not "
        "cover, and each trap has only one to eight test answers. Treat these rules as precise but "
        "incomplete detectors; the open work is recall."
    ),
}


def update_section(path: Path, title: str, body: str) -> None:
    """Replace (or append) only the `## title` section of a Markdown file, leaving the rest as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    """Print the measurement as Markdown, and with --write put it in docs/ACCURACY.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--rules", default=",".join(NEW_RULES))
    parser.add_argument("--show", default=None)
    parser.add_argument(
        "--write", action="store_true", help="update its section of docs/ACCURACY.md"
    )
    args = parser.parse_args()
    known = {r.id for r in load_rules()}
    rules = tuple(r for r in args.rules.split(",") if r in known)
    lines = report(args.split, rules, args.show)
    print("\n".join(lines))
    if args.write:
        body = "\n".join(
            [
                f"Command: `python -m eval.traps --split {args.split} --write`. Rules run on every "
                "answer whatever its length (the length gate is left out), warning and error findings "
                "only. Our answers are split by a stable hash of `id`; the rules were tuned on dev only.",
                "",
                *lines,
                "",
                NOTES[args.split],
            ]
        )
        update_section(REPO_ROOT / "docs" / "ACCURACY.md", f"{SECTION} ({args.split})", body)


if __name__ == "__main__":
    main()
