"""Question reading: does starcoach map an interviewer's question to the prompt a person would?

Data, both our own and both labelled before the tool ran on them:
- `eval/questions/questions.jsonl`: questions as interviewers in many lines of work ask them, each with the
  prompt it asks (or none of the seven), hard cases included (see its README);
- the questions of our answer set (`eval/answers/*.jsonl`), whose `question_type` names the prompt.

Rows are split dev/test by the stable hash of their id the answer set uses (dev when the first 8 hex digits
of sha256(id) modulo 10 are below 6); tuning looks at dev only. A question read as none of the seven is
checked as a generic STAR answer, so two errors differ in cost: *missed* (one of the seven read as none: its
own checks do not run) and *wrong prompt* (read as another prompt: the wrong checks run).

Usage: `python -m eval.questions [--split dev] [--show]` prints the rows (and, with --show, each miss).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from eval.common import REPO_ROOT, Row
from eval.ownset import load as load_answers
from eval.ownset import split_of
from starcoach.analysis.question import detect_question

QUESTIONS = REPO_ROOT / "eval" / "questions" / "questions.jsonl"


def load_questions(path: Path = QUESTIONS) -> list[tuple[str, str, str | None]]:
    """Return (id, question, prompt or None) for the labelled questions, then the answer set's questions."""
    found: list[tuple[str, str, str | None]] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append((row["id"], row["question"], row["prompt"]))
    found.extend((r["id"], r["question"], r["question_type"]) for r in load_answers())
    return found


def _rows(split: str, items: Sequence[tuple[str, str, str | None]], source: str) -> list[Row]:
    read = [(detect_question(q)[0], label) for _, q, label in items]
    n = len(read)
    if n == 0:
        return []
    right = sum(got == label for got, label in read)
    none_label = sum(label is None for _, label in read)
    prompts = [(got, label) for got, label in read if label is not None]
    missed = sum(got is None for got, _ in prompts)
    wrong = sum(got is not None and got != label for got, label in read)
    name = f"{source} {split}"
    return [
        Row("questions", "read as the prompt a person named", name, right / n, none_label / n,
            "always none of the seven", "", n),
        Row("questions", "one of the seven read as none (its checks do not run)", name,
            missed / max(1, len(prompts)), None, "", "", len(prompts)),
        Row("questions", "read as another prompt (the wrong checks run)", name, wrong / n, None, "", "",
            n),
    ]  # fmt: skip


def evaluate(data: Path | None = None) -> list[Row]:
    """Return the question-reading rows per source and split (the external data folder is not used)."""
    items = load_questions()
    rows: list[Row] = []
    for source, prefix in (("questions", "q-"), ("answer set", "")):
        chosen = [i for i in items if i[0].startswith("q-") == (prefix == "q-")]
        for split in ("dev", "test"):
            rows.extend(_rows(split, [i for i in chosen if split_of(i[0]) == split], source))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--show", action="store_true", help="print every question read wrongly")
    args = parser.parse_args(argv)
    for row in evaluate():
        if row.split.endswith(args.split):
            print(f"{row.metric:58} {row.split:16} {row.value:.3f} n={row.n}")
    if args.show:
        for row_id, question, label in load_questions():
            got = detect_question(question)[0]
            if split_of(row_id) == args.split and got != label:
                print(f"{row_id:40} {label!s:17} -> {got!s:17} {question}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
