"""`python -m eval.run` rewrites its own sections of docs/ACCURACY.md and keeps every other one."""

from __future__ import annotations

from eval.run import keep_other_sections


def test_sections_written_elsewhere_survive_a_rerun() -> None:
    old = "# Accuracy\n\n## Targets\n\nold table\n\n## Follow-up probes\n\nprobe table\n\n## Spoken\n\ntext\n"
    new = "# Accuracy\n\n## Targets\n\nnew table\n"
    out = keep_other_sections(old, new)
    assert "new table" in out and "old table" not in out
    assert out.index("## Follow-up probes") < out.index("## Spoken")
    assert "probe table" in out and out.endswith("text\n")


def test_nothing_to_keep_returns_the_new_text() -> None:
    assert keep_other_sections("", "# Accuracy\n") == "# Accuracy\n"
