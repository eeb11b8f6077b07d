"""Measure analyzer speed, batch throughput and CLI cold start; write docs/PERFORMANCE.md.

Every figure is a median over repeated runs, beside a reference measured in the same run (a bare regex
tokenizer pass over the same text, and `python -c pass` for process start), because the machine is shared
and absolute times drift.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.sections import update_section
from starcoach.analysis import analyze
from starcoach.analysis.text import count_words

REPO = Path(__file__).resolve().parent.parent
ANSWER = (REPO / "tests" / "data" / "answers" / "proud_strong.txt").read_text(encoding="utf-8")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _answer_of(words: int) -> str:
    """Return the bundled strong answer repeated or cut to about `words` words, at a sentence end."""
    sentences = re.split(r"(?<=[.!?])\s+", ANSWER.strip())
    out: list[str] = []
    while count_words(" ".join(out)) < words:
        out.append(sentences[len(out) % len(sentences)])
    return " ".join(out)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _process_ms(args: list[str], repeat: int) -> float:
    times = []
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(repeat: int) -> list[tuple[str, str, str]]:
    """Return rows of (measure, value, reference/ratio)."""
    text = _answer_of(300)
    words = count_words(text)
    analyze(text, "proud")  # warm: rules, content and regexes loaded once per process
    analyze_ms = _median_ms(lambda: analyze(text, "proud"), repeat)
    tokenize_ms = _median_ms(lambda: _TOKEN.findall(text), repeat)
    rows = [
        (
            f"`analyze()` on a {words}-word answer, warm (median of {repeat})",
            f"{analyze_ms:.2f} ms",
            f"{analyze_ms / tokenize_ms:.0f}× a bare regex tokenizer pass ({tokenize_ms * 1000:.0f} µs)",
        )
    ]
    batch = [_answer_of(n) for n in (120, 200, 300, 400)] * 50
    start = time.perf_counter()
    for item in batch:
        analyze(item, "proud")
    per_second = len(batch) / (time.perf_counter() - start)
    rows.append(
        (
            f"batch scoring, {len(batch)} answers of 120-400 words, one core",
            f"{per_second:.0f} answers/s",
            "budget ≥ 500/s",
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    cli = str(Path(sys.executable).with_name("starcoach"))
    runs = max(5, repeat // 40)
    check_ms = _process_ms([cli, "check", handle.name, "--question", "proud"], runs)
    python_ms = _process_ms([sys.executable, "-c", "pass"], runs)
    os.unlink(handle.name)
    rows.append(
        (
            f"`starcoach check FILE` from a cold process (median of {runs})",
            f"{check_ms / 1000:.2f} s",
            f"{check_ms / python_ms:.1f}× a bare `python -c pass` ({python_ms:.0f} ms)",
        )
    )
    return rows


def write_report(rows: list[tuple[str, str, str]], path: Path) -> None:
    """Write the analyzer and CLI section of the performance report, with the date and command."""
    lines = [
        f"Measured {datetime.date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, by `make bench` (`python -m bench.run`).",
        "",
        "| measure | value | reference |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
        "Budgets: `analyze()` ≤ 5 ms warm on 300 words; batch ≥ 500 answers/s per core;",
        "`starcoach check FILE` ≤ 0.8 s from a cold process.",
    ]
    update_section(path, "Analyzer and command line", "\n".join(lines))


def main() -> None:
    """Run the benchmarks and write docs/PERFORMANCE.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400)
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "PERFORMANCE.md")
    args = parser.parse_args()
    rows = measure(args.repeat)
    for row in rows:
        print(" | ".join(row))
    write_report(rows, args.output)


if __name__ == "__main__":
    main()
