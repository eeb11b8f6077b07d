"""The meaning measurement scripts: the dev/test split rule, section updates, and the parser comparison."""

from __future__ import annotations

import hashlib
from pathlib import Path

from eval.parser_compare import ACTOR_SENTENCES, NEGATION_SENTENCES, NUMBER_HEADS, run
from eval.traps import is_dev, update_section


def test_split_follows_the_stated_rule() -> None:
    for row_id in ("care-proud-001a", "sales-failure-106b", "x"):
        expected = int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 10 < 6
        assert is_dev(row_id) is expected


def test_update_section_replaces_only_its_own_section(tmp_path: Path) -> None:
    doc = tmp_path / "ACCURACY.md"
    doc.write_text("# Accuracy\n\n## Other\n\nkeep me\n\n## Mine\n\nold\n\n## Last\n\nkeep too\n")
    update_section(doc, "Mine", "new body")
    text = doc.read_text()
    assert "keep me" in text and "keep too" in text
    assert "new body" in text and "old" not in text
    update_section(doc, "Added", "appended")
    assert doc.read_text().rstrip().endswith("appended")


def test_parser_comparison_runs_without_a_parser() -> None:
    lines = run(None)
    rows = [line for line in lines if line.startswith("| heuristics")]
    assert len(rows) == 1
    cells = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert all(0.0 <= float(cell) <= 1.0 for cell in cells[1:4])
    assert len(ACTOR_SENTENCES) >= 20 and len(NUMBER_HEADS) >= 15 and len(NEGATION_SENTENCES) >= 20
