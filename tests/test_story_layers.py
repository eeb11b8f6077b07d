"""The story bank keeps to its layer: storage never imports upward, and the CLI starts without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "starcoach"

ALLOWED = {
    "storage": {"storage", "analysis", "content", "render"},
    "stories": {"stories", "storage", "analysis", "content", "render"},
}


def _starcoach_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found.update(n.split(".")[1] for n in names if n.startswith("starcoach.") and "." in n)
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_only_go_downward(package: str) -> None:
    for path in (SRC / package).rglob("*.py"):
        bad = _starcoach_imports(path) - ALLOWED[package]
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_consistency_is_pure_analysis() -> None:
    path = SRC / "analysis" / "consistency.py"
    assert _starcoach_imports(path) <= {"analysis"}
    source = path.read_text(encoding="utf-8")
    for word in ("open(", "print(", "import os", "sqlalchemy"):
        assert word not in source


def test_cli_start_up_does_not_load_the_database_layer() -> None:
    code = (
        "import sys, starcoach.cli.main\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'yaml')]\n"
        "heavy += [m for m in sys.modules if m.startswith(('starcoach.storage', 'starcoach.stories'))]\n"
        "print(','.join(sorted(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
