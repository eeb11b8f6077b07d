from pathlib import Path

from bench.sections import update_section


def test_each_benchmark_replaces_only_its_own_section(tmp_path: Path) -> None:
    path = tmp_path / "PERFORMANCE.md"
    update_section(path, "Analyzer", "old analyzer figures")
    update_section(path, "Web", "web figures")
    update_section(path, "Analyzer", "new analyzer figures")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Performance")
    assert "new analyzer figures" in text and "old analyzer figures" not in text
    assert "web figures" in text
    assert text.index("## Analyzer") < text.index("## Web")
