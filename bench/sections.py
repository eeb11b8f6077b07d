"""docs/PERFORMANCE.md is written by several benchmarks; each replaces only its own `## ` section."""

from __future__ import annotations

import re
from pathlib import Path

HEADER = """# Performance

Each section is written by the benchmark named in it. Figures are medians, each beside a reference
measured in the same run, because the machine is shared and absolute times drift.
"""


def update_section(path: Path, title: str, body: str) -> None:
    """Replace (or append) the section `## title` of the file at `path` with `body`."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if not text.startswith("# Performance"):
        text = HEADER
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
