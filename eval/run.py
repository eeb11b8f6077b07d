"""Run every accuracy measure on the external evaluation data and write docs/ACCURACY.md.

Usage: `make eval` (or `python -m eval.run [--output PATH]`). Deterministic: the same code and data give the
same numbers. Exits with a clear message when the evaluation data folder is absent.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import re
import sys
from pathlib import Path

from eval.common import REPO_ROOT, DataMissing, Row, data_dir

AREAS = ("agency", "specificity", "numbers", "star", "answers", "ownset", "questions", "probes")

LIMITS = """\
## What these numbers do not show

- **Small sets.** The answer-level rows rest on 55 answers (15 weak), 30 segmented answers and one worked
  example; one answer moves a percentage by several points. Treat them as a smoke test of direction, not as a
  precise estimate.
- **Dev data, not test data, for whole answers.** `answers-dev` and `star_parts.jsonl` have no held-out split.
  Where a module made a deterministic split (by a stable hash), its held-out half is reported separately; the
  whole-answer rows are on data the rules were tuned against and will overstate accuracy on new answers.
- **Proxy tasks.** The agency data asks whether a *happy moment's author was in control*, not whether an
  interview answer makes the speaker's part clear; the specificity data rates tweets, reviews and movie
  lines, not interview answers. Agreement there is evidence that the signal measures the right thing, not a
  measure of the findings people see.
- **Fragments.** Most weak examples in `answers-dev` are one phrase or one STAR part. They are analyzed with
  `analyze_fragment` (the mode used for a single story field), so the weak-answer rate measures the phrase-level
  and part-level rules, not whole-answer structure checks.
- **Rules that flag strong answers.** The per-rule rows show how often each rule fires on answers the
  sources call strong, beside how often it fires on weak ones. `result.no_number` flags about a third of the
  strong answers: many of them state an outcome without a number. The finding is true and the method asks
  for a number, so it stays a warning rather than an error. `situation.no_stakes` and `action.no_reason`
  fired on 40% and 25% of strong whole answers, so they now run only on story fields and fragments.
- **Our own answer set is one expert's verdicts on answers the team wrote.** Its test split (201 answers) is
  smaller than dev and holds more adversarial answers; dev numbers are above test numbers because the
  scoring was tuned on dev. Traps that need a rule of their own (blame, denial, off-topic, hypothetical,
  success told as failure, implausible numbers, self-contradiction) are caught only where such a rule exists.
- **Labels are the sources' opinions.** Some sources disagree with each other, and a few answers read as
  machine-written; "strong" and "weak" are what the source said, not a consensus of interviewers.
"""


OWNSET_INTRO = (
    "## Our own answer set (dev and test)",
    "",
    "The answers in `eval/answers/` with the verdicts written before the tool ran (`python -m eval.ownset`;",
    "`--details` lists every dev row). Split by a stable hash of the id; tuning looked at dev only. Strong",
    "means an expert overall of 4-5 and weak 1-2; an answer the analyzer declines to score counts as 1.0.",
    "A trap counts as caught when a warning or error comes from a rule that names it (`TRAP_RULES`); traps of",
    "form (bullets, a spoken transcript, non-native grammar) count as right when the score is within 1 of the",
    "expert's.",
    "",
    "Before the calibrated scores (the tree before this section existed, same data, same harness): dev",
    "Spearman 0.749 (word count 0.772), pairwise 0.961, strong answers without an error 0.867, median strong",
    "3.57; test Spearman 0.577 (word count 0.736), pairwise 0.911, strong without an error 0.643, median",
    "strong 3.29; traps caught 0.205 (dev) and 0.069 (test).",
    "",
    "Trap rules generalised (the tree before, `2c19866`, and after, same harness, same run). On the 250 rows",
    "that existed before: dev Spearman 0.863 -> 0.866, traps caught 0.861 -> 0.931 (rambling 0.00 -> 0.71);",
    "test Spearman 0.697 -> 0.699, pairwise 0.953 -> 0.955, median strong 3.885 -> 3.885, keyword-stuffed",
    "and generic at 2.5 or below 0.875 -> 1.000, traps caught 0.444 -> 0.519. On all rows (with the 103 new",
    "trap and strong answers of batches c and d, written with their verdicts before the tool ran): test",
    "traps caught 0.539 -> 0.629, Spearman 0.663 -> 0.666. The rules were written from the dev rows only.",
    "",
    "Fresh wording (batch e). 64 answers written by a reviewer who had not read the analyzer, with their",
    "verdicts, before anything ran on them: ten trap kinds in wording chosen to avoid stock phrases, and 14",
    "strong or adequate answers. On its 43 dev rows, before any change: traps caught 8 of 33 (0.24), where",
    "the older dev rows give 0.95, and 24 of the 43 questions were read as the wrong prompt or as none. That",
    "gap is the honest measure of how far phrase-based trap rules generalise. Then (the tree before,",
    "`13f8842`, and after, same harness, same run, on the 417 rows before batch f): question detection reads",
    "questions asked in plain words",
    "and in any order (answer-set questions read wrongly: dev 43 -> 11 of 265, test 25 -> 19 of 152); blame",
    "reads disclaimers and counterfactuals; self-contradiction reads more ways of stating lengths and people",
    "managed. Batch e dev traps 8 -> 13 of 33; all dev: Spearman 0.784 -> 0.791, traps 0.808 -> 0.838,",
    "median strong 4.405 -> 4.465; test: Spearman 0.657 -> 0.653, pairwise 0.947 -> 0.949, median strong",
    "3.935 -> 3.935, traps 0.528 -> 0.538. The test split barely moved: these changes fit the dev wording, and the trap rules",
    'still need a check that reads meaning rather than phrases. Three of batch e\'s "improvement" rows ask',
    "about improving a process, which is not the growth prompt; they are kept as written.",
    "",
    "Question reading, blind (`eval/questions/`: 160 questions labelled by an interviewer from outside",
    "software before anything ran on them). Before any change: read as the prompt a person named, dev 0.674,",
    "test 0.647; a third of the seven prompts were read as none. Phrase cues written from the dev misses",
    "took dev to 0.946 and test only to 0.662; a fallback that reads a question's words in any order (two",
    "words of one prompt's concept) then took test to 0.706 without any wrong-prompt reading added (0.044",
    "before and after). Phrases fit the questions they were written from; the words-in-any-order reading",
    "is what carried to new ones.",
    "",
    "Blind check of this round's trap rules (batch f: 24 answers written afterwards, with their verdicts,",
    "by a reviewer who had not seen the rules: 8 blame and 8 self-contradictions in fresh wording, 8 strong",
    "answers that mention others' mistakes and repeat their figures). Traps caught: 0 of 16, the same on",
    "the tree before the round (`13f8842`) and after; the strong answers scored and were flagged alike on",
    "both (2 of 8 carry a failure or effort warning on both trees). The new blame and length phrases",
    "reach only the wording they were written from.",
    "",
    "Reading meaning, and an overall fitted to the experts (the tree before, `c741940`, and after, same",
    "harness, same run, on all 555 rows with batches g and h). Two blind checks came first. Batch g (54",
    "answers in fresh wording, verdicts written before anything ran) measured the first changes of the round",
    "(self-contradiction reading the speaker's group however it is told, blame and someone else's work read",
    "clause by clause, an answer told in the present with no occasion): traps caught 8 -> 10 of 42, strong",
    "or adequate answers with an error 2 -> 2 of 12, Spearman 0.521 -> 0.509 (word count 0.587). Its dev",
    "rows then showed why the readings missed (a subject carried over 'but', 'nobody mentioned it', an",
    "agentless 'hadn't been signed for', a failure answer whose outcomes are all good, a deed after a colon)",
    "and the readings were fixed there. Batch h (60 answers written during that work by a reviewer who saw",
    "neither the code nor the other answers) measured the result: traps caught 14 -> 18 of 48 (denial 0 ->",
    "3, blame 0 -> 1; humblebrag, success told as failure, self-contradiction, someone else's work and",
    "rambling 0 of 4 on both trees), strong or adequate answers with an error 1 -> 0, with a trap warning",
    "4 -> 4 of 12, Spearman 0.524 -> 0.567 (word count 0.608). Rules read from dev wording still reach",
    "little of new wording. Then the overall became a ridge regression over what each report shows (scores,",
    "'not shown', findings, length, red flags), fitted on dev by `python -m eval.fit_overall` with a red",
    "flag capping at 3 instead of 1.5-2.5 (chosen on dev: 0.831 against 0.820). All rows, before -> after:",
    "dev Spearman 0.759 -> 0.829, strong above weak 0.966 -> 0.989, strong without an error 0.977 -> 1.000,",
    "traps 0.641 -> 0.786; test Spearman 0.672 -> 0.720 (word count 0.663; target 0.80 not met), strong",
    "above weak 0.932 -> 0.953 (word count 0.958), median strong 3.98 -> 4.06, strong without an error",
    "1.000 -> 1.000, keyword-stuffed and generic at 2.5 or below 1.000 -> 1.000, traps 0.476 -> 0.517",
    "(target 0.90 not met).",
    "",
)


def collect(data: Path) -> list[Row]:
    """Return the rows of every area whose module and data are present."""
    rows: list[Row] = []
    for area in AREAS:
        module = importlib.import_module(f"eval.{area}")
        rows.extend(module.evaluate(data))
    return rows


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _table(rows: list[Row]) -> list[str]:
    lines = [
        "| area | metric | split | value | baseline | target | met | n |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        baseline = (
            f"{_cell(row.baseline)} ({row.baseline_name})" if row.baseline is not None else "—"
        )
        met = {True: "yes", False: "**no**", None: ""}[row.meets_target]
        lines.append(
            f"| {row.area} | {row.metric} | {row.split} | {_cell(row.value)} | {baseline} | "
            f"{row.target.replace('>=', '≥')} | {met} | {row.n} |"
        )
    return lines


def render(rows: list[Row]) -> str:
    """Return docs/ACCURACY.md for these rows: the targets first, then every measurement."""
    lines = [
        "# Accuracy",
        "",
        f"Measured {datetime.date.today().isoformat()} by `make eval` (`python -m eval.run`) on the external, "
        "human-labelled evaluation data (kept outside this repository; see `eval/README.md`).",
        "Each metric stands beside its baseline, computed in the same run. Tuning used dev/train files only;",
        "rows marked *test* were only reported.",
        "",
        "## Targets",
        "",
        *_table([row for row in rows if row.target]),
        "",
        LIMITS,
        *OWNSET_INTRO,
        *_table([row for row in rows if row.area == "ownset"]),
        "",
        "## Every measurement",
        "",
        *_table(rows),
    ]
    return "\n".join(lines) + "\n"


_SECTION = re.compile(r"^## (.+)$", re.M)


def keep_other_sections(old: str, new: str) -> str:
    """Return `new` followed by every `## ` section of `old` that `new` does not write itself, in their
    old order: sections written by other commands (`eval.traps --write`, the probe and parser reports) or
    by hand survive a rerun."""
    ours = set(_SECTION.findall(new))
    matches = list(_SECTION.finditer(old))
    ends = [m.start() for m in matches[1:]] + [len(old)] * bool(matches)
    kept = [
        old[m.start() : end].rstrip("\n")
        for m, end in zip(matches, ends, strict=True)
        if m.group(1) not in ours
    ]
    if not kept:
        return new
    return new.rstrip("\n") + "\n\n" + "\n\n".join(kept) + "\n"


def main() -> int:
    """Run the harness and write the report; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "ACCURACY.md")
    args = parser.parse_args()
    try:
        rows = collect(data_dir())
    except DataMissing as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    args.output.write_text(keep_other_sections(previous, render(rows)), encoding="utf-8")
    for row in rows:
        print(f"{row.area:12} {row.metric[:64]:64} {row.split:10} {row.value:.3f}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
