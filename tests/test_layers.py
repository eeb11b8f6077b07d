"""Every package keeps to its layer: imports only go down (or sideways where allowed), and the CLI
starts without the database layer.

The table below is the architecture (docs/architecture.md explains it): a package may import the
packages listed for it and nothing else of starcoach. A new package fails the test until it is given
a row, so its place in the layers is decided on purpose.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "starcoach"

CORE = {"analysis", "content", "render"}
ALLOWED: dict[str, set[str]] = {
    # core: pure, no I/O of their own
    "content": {"content"},
    "analysis": {"analysis", "content"},
    "render": {"render", "analysis", "content"},
    # the story model and its services: core only, never the database
    "stories": {"stories", *CORE},
    # storage keeps domain types (stories) but never reaches up to a service or an interface
    "storage": {"storage", "stories", *CORE},
    # the user's settings file: read by the interfaces, checked against the rules
    "config": {"config", "analysis"},
    # services
    "speech": {"speech", *CORE},
    "kit": {"kit", "storage", *CORE},
    "practice": {"practice", "stories", "storage", *CORE},
    # the team server's accounts: sessions, invitations, audit log; export reads stories
    "accounts": {"accounts", "stories", "storage", *CORE},
    # interfaces: the web never imports the CLI; the CLI imports the web only to serve it
    "web": {
        "web",
        "(root)",
        "config",
        "accounts",
        "practice",
        "kit",
        "speech",
        "stories",
        "storage",
        *CORE,
    },
    "cli": {
        "cli",
        "(root)",
        "config",
        "web",
        "accounts",
        "practice",
        "kit",
        "speech",
        "stories",
        "storage",
        *CORE,
    },
    # the package itself: the small public library API
    "(root)": {"analysis", "render"},
}


def _starcoach_imports(path: Path) -> set[str]:
    """Return the starcoach packages a module imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            if name == "starcoach":
                found.add("(root)")
            elif name.startswith("starcoach."):
                found.add(name.split(".")[1])
    return found


def _package_of(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    return parts[0] if len(parts) > 1 else "(root)"


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_every_package_has_a_row() -> None:
    packages = {_package_of(path) for path in _modules()}
    assert packages <= set(ALLOWED), f"give {sorted(packages - set(ALLOWED))} a row in ALLOWED"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_only_go_downward(package: str) -> None:
    bad_imports = []
    for path in _modules():
        if _package_of(path) != package:
            continue
        bad = _starcoach_imports(path) - ALLOWED[package]
        if bad:
            bad_imports.append(f"{path.relative_to(SRC)} imports {sorted(bad)}")
    assert not bad_imports, "\n".join(bad_imports)


def test_the_table_has_no_cycle() -> None:
    """A package may not reach, through the allowed imports, a package that may import it."""

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for nxt in ALLOWED[todo.pop()] - {start}:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    for package in ALLOWED:
        assert package not in reach(package), package


def test_consistency_is_pure_analysis() -> None:
    path = SRC / "analysis" / "consistency.py"
    assert _starcoach_imports(path) <= {"analysis"}
    source = path.read_text(encoding="utf-8")
    for word in ("open(", "print(", "import os", "sqlalchemy"):
        assert word not in source


def test_analysis_does_no_io() -> None:
    """The analyzer is pure: no database, web, terminal or file system module anywhere in it."""
    banned = {"sqlalchemy", "alembic", "fastapi", "starlette", "typer", "rich", "platformdirs"}
    for path in (SRC / "analysis").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                roots = {node.module.split(".")[0]}
            else:
                continue
            assert not roots & banned, f"{path.relative_to(SRC)} imports {sorted(roots & banned)}"


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


def test_help_runs_without_the_analyzer_or_the_database_layer() -> None:
    # Every command runs inside the group's set-up (errors, switched-off rules); that set-up must not
    # load the analyzer or the database, or every command, `--help` included, starts slower.
    code = (
        "import contextlib, io, sys\n"
        "from starcoach.cli.main import app\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    app(['--help'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'tomllib')]\n"
        "heavy += [m for m in sys.modules if m.startswith(('starcoach.storage',\n"
        "    'starcoach.analysis.analyzer', 'starcoach.analysis.features'))]\n"
        "print(','.join(sorted(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
