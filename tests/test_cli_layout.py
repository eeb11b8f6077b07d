"""What each command prints at 80 and 120 columns on a terminal, and when piped.

On a terminal (forced here with FORCE_COLOR, the colour codes stripped) no line may pass the width,
no id may be split across lines, and a table may not collapse into one word per line. Piped output
is tab-separated for tables and keeps every id whole. Each output is also written to
test-artifacts/cli/ (git-ignored) so a person can read what the commands look like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starcoach.analysis.registry import load_rules
from starcoach.cli.main import app
from starcoach.content import CORE_QUESTION_IDS

runner = CliRunner()
ROOT = Path(__file__).parent
STORIES = sorted((ROOT / "data" / "stories").glob("*.md"))
STORY_IDS = ("checkout-latency", "onboarding-program", "thin-idea")
ARTIFACTS = ROOT.parent / "test-artifacts" / "cli"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WEAK = (
    "We had a project that was behind. The team worked really hard on it and things were "
    "improved. I helped with some of the planning and the deadline was met and everyone was "
    "happy with how it went in the end. It was a great success and the stakeholders were "
    "pleased with the team overall. We learned a lot about working together."
)
RULE_IDS = tuple(sorted(rule.id for rule in load_rules()))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("layout")
    env = {"STARCOACH_DATA_DIR": str(folder / "data")}
    result = runner.invoke(app, ["story", "import", *map(str, STORIES)], env=env)
    assert result.exit_code == 0, result.output
    answer = folder / "weak.txt"
    answer.write_text(WEAK, encoding="utf-8")
    for seed in ("1", "2"):
        practice = runner.invoke(
            app,
            ["practice", "-q", "proud", "--answers", str(answer), "--seed", seed, "--no-story"],
            env=env,
        )
        assert practice.exit_code == 0, practice.output
    yield folder


def run(data_dir: Path, args: list[str], width: int | None) -> str:
    """Run the command at `width` columns on a terminal (None: piped) and return its stdout."""
    env = {"STARCOACH_DATA_DIR": str(data_dir / "data"), "NO_COLOR": "1"}
    if width is not None:
        env.update({"COLUMNS": str(width), "FORCE_COLOR": "1", "TERM": "xterm"})
    else:
        env.update({"COLUMNS": "80", "FORCE_COLOR": "", "TTY_COMPATIBLE": ""})
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (0, 1), (args, result.output)
    out = ANSI.sub("", result.stdout)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shown = [Path(a).name if "/" in a else a for a in args]
    name = "_".join(re.sub(r"[^\w.-]+", "-", a) for a in shown)[:80]
    (ARTIFACTS / f"{name}-{width or 'pipe'}.txt").write_text(out, encoding="utf-8")
    return out


def weak_file(data_dir: Path) -> str:
    return str(data_dir / "weak.txt")


COMMANDS: dict[str, list[str]] = {
    "check": ["check", "WEAK"],
    "check-verbose": ["check", "WEAK", "--verbose"],
    "check-example": ["check", "--example", "--role", "Year 4 teacher"],
    "guide": ["guide"],
    "guide-proud-nurse": ["guide", "proud", "--role", "nurse"],
    "story-list": ["story", "list"],
    "story-show": ["story", "show", "checkout-latency"],
    "story-check": ["story", "check", "checkout-latency"],
    "plan": ["plan"],
    "draft": ["draft", "checkout-latency", "--question", "proud"],
    "rules-list": ["rules", "list"],
    "rules-explain": ["rules", "explain", "result.no_number"],
    "history": ["history"],
    "practice-list": ["practice", "list"],
    "practice-show": ["practice", "show"],
}


def _args(data_dir: Path, name: str) -> list[str]:
    return [weak_file(data_dir) if a == "WEAK" else a for a in COMMANDS[name]]


def _lines(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines()]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_line_passes_the_width(data_dir: Path, name: str, width: int) -> None:
    out = run(data_dir, _args(data_dir, name), width)
    assert out.strip(), name
    too_long = [line for line in _lines(out) if len(line) > width]
    assert not too_long, (name, too_long[:3])
    # A table squeezed too hard prints a word, or a letter, per line.
    short = [line for line in _lines(out) if 0 < len(line.strip()) <= 2]
    assert len(short) <= 2, (name, short)


@pytest.mark.parametrize("width", [80, 120])
def test_rules_list_keeps_every_id_whole(data_dir: Path, width: int) -> None:
    out = run(data_dir, ["rules", "list"], width)
    lines = _lines(out)
    ids = [line.split()[0] for line in lines[2:] if line and not line.startswith(" ")]
    assert ids == list(RULE_IDS)
    assert len(lines) <= len(RULE_IDS) * 3 + 2


@pytest.mark.parametrize("width", [80, 120])
def test_story_list_and_plan_stay_short(data_dir: Path, width: int) -> None:
    stories = run(data_dir, ["story", "list"], width)
    for story_id in STORY_IDS:
        assert story_id in stories
    assert len(_lines(stories)) <= 2 + 3 * 4
    plan = run(data_dir, ["plan"], width)
    for question_id in CORE_QUESTION_IDS:
        assert re.search(rf"^{question_id}\s", plan, re.MULTILINE), question_id
    assert len(_lines(plan)) <= 45


def test_narrow_terminal_stacks_rows_without_splitting_ids(data_dir: Path) -> None:
    out = run(data_dir, ["story", "list"], 30)
    assert max(len(line) for line in _lines(out)) <= 30
    for story_id in STORY_IDS:
        assert re.search(rf"^{story_id}\b", out, re.MULTILINE)
    assert "title:" in out


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["story", "list"], "id\tanchor\ttitle\twhen\ttags"),
        (["rules", "list"], "id\tseverity\tdimension\tkind\tapplies to"),
        (["plan"], "prompt\tstory\tstrength\tanswered from\twhat is missing"),
    ],
)
def test_piped_tables_are_tab_separated_rows(data_dir: Path, args: list[str], header: str) -> None:
    out = run(data_dir, args, None)
    lines = out.splitlines()
    start = lines.index(header)
    columns = header.count("\t") + 1
    body = [line for line in lines[start + 1 :] if "\t" in line]
    assert body
    for line in body[:7]:
        assert line.count("\t") == columns - 1, line
    assert "─" not in out


def test_piped_rules_list_has_one_line_per_rule(data_dir: Path) -> None:
    out = run(data_dir, ["rules", "list"], None)
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == list(RULE_IDS)


def test_default_check_report_is_compact_and_verbose_is_full(data_dir: Path) -> None:
    compact = run(data_dir, ["check", weak_file(data_dir)], 80)
    full = run(data_dir, ["check", weak_file(data_dir), "--verbose"], 80)
    assert len(_lines(compact)) <= 40
    assert len(_lines(full)) > 2 * len(_lines(compact))
    assert "Top findings" in compact and "--verbose" in compact
    assert "What an interviewer will ask next" in compact
    # The full report reprints the answer; the summary does not.
    assert "Your answer" in full and "Your answer" not in compact
    # The compact report keeps the numbers the full one gives each finding.
    for marker in re.findall(r"\[(\d)\] (?:ERROR|WARNING|SUGGESTION)", compact):
        assert f"[{marker}]" in full
