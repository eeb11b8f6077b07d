"""`starcoach check`: formats, stdin, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starcoach.analysis.report import Severity
from starcoach.cli.check import read_example
from starcoach.cli.inputs import MAX_INPUT_BYTES
from starcoach.cli.main import app
from starcoach.render.json import loads

runner = CliRunner()
STARCOACH = Path(sys.executable).parent / "starcoach"

WEAK = (
    "We had a project that was behind. The team worked really hard on it and things were "
    "improved. The deadline was met and everyone was happy with how it went in the end. "
    "It was a great success and the stakeholders were pleased with the team overall."
)


def invoke(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, env=env)


def assert_one_line_error(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("starcoach: error: ")
    assert result.stdout == ""


# --- bad input: exit 2, one line, no traceback (none of these reach the analyzer) ----------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b"  \n\t \r\n"),
        ("binary.bin", b"PK\x03\x04\x00\x00binary"),
        ("utf16.txt", "I led it.".encode("utf-16")),
        ("latin1.txt", "I led the café project.".encode("latin-1")),
        ("huge.txt", b"I led it. " * (MAX_INPUT_BYTES // 10 + 1)),
    ],
)
def test_bad_files_exit_2_with_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("check", str(path))
    assert_one_line_error(result)
    assert name in result.stderr


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"I led the caf\xe9 project.")
    result = invoke("check", str(path))
    assert_one_line_error(result)
    assert "offset 13" in result.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert_one_line_error(invoke("check", str(tmp_path / "nope.txt")))
    assert_one_line_error(invoke("check", str(tmp_path)))


def test_empty_stdin_and_binary_stdin() -> None:
    assert_one_line_error(invoke("check", input=b""))
    assert_one_line_error(invoke("check", "-", input=b"\x00\x01\x02"))


def test_example_and_file_together_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("I led it.")
    assert_one_line_error(invoke("check", "--example", str(path)))


def test_empty_question_is_a_usage_error() -> None:
    assert_one_line_error(invoke("check", "--example", "--question", "  "))


def test_unknown_format_and_fail_on_exit_2() -> None:
    assert invoke("check", "--example", "--format", "xml").exit_code == 2
    assert invoke("check", "--example", "--fail-on", "sometimes").exit_code == 2


def test_help_documents_exit_codes() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Exit codes" in text
    for code in ("0 ", "1 ", "2 "):
        assert code in text


def test_bundled_example_is_a_full_answer() -> None:
    text = read_example()
    assert 150 <= len(text.split()) <= 260
    assert text.strip() == text.rstrip("\n").strip()


# --- with the analyzer ---------------------------------------------------------------------


def test_example_text_report() -> None:
    result = invoke("check", "--example")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "proud" in result.stdout


def test_example_json_round_trips_and_matches_the_text() -> None:
    result = invoke("check", "--example", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["question_type"] == "proud"
    assert data["text"] == read_example()
    assert data["schema_version"] and data["ruleset_version"]
    report = loads(result.stdout)
    for finding in report.findings:
        if finding.span is not None:
            assert 0 <= finding.span.start <= finding.span.end <= len(report.text)


def test_markdown_format() -> None:
    result = invoke("check", "--example", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# starcoach report")
    assert "## Your answer" in result.stdout


def test_stdin_dash_and_piped_stdin_give_the_same_report(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(WEAK, encoding="utf-8")
    from_file = invoke("check", str(path), "--format", "json", "-q", "proud")
    from_dash = invoke("check", "-", "--format", "json", "-q", "proud", input=WEAK)
    from_pipe = invoke("check", "--format", "json", "-q", "proud", input=WEAK)
    assert from_file.exit_code == from_dash.exit_code == from_pipe.exit_code == 0
    assert (
        json.loads(from_file.stdout) == json.loads(from_dash.stdout) == json.loads(from_pipe.stdout)
    )


def test_crlf_text_is_kept_so_spans_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(WEAK.replace(". ", ".\r\n").encode())
    result = invoke("check", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = loads(result.stdout)
    assert report.text == WEAK.replace(". ", ".\r\n")
    data = json.loads(result.stdout)
    for finding in data["findings"]:
        if finding["span"]:
            assert (
                report.text[finding["span"]["start"] : finding["span"]["end"]]
                == finding["span"]["text"]
            )


def test_control_characters_are_stripped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(WEAK.replace("behind", "be\x1bhind\x07").encode())
    result = invoke("check", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "note" in result.stderr and "2 control characters" in result.stderr
    assert json.loads(result.stdout)["text"] == WEAK


def test_unknown_question_id_and_role_list_the_choices() -> None:
    bad_question = invoke("check", "--example", "--question", "bogus_prompt")
    assert_one_line_error(bad_question)
    assert "proud" in bad_question.stderr
    # An unknown role is never an error in check: the general advice, with a note.
    odd_role = invoke("check", "--example", "--role", "astronaut")
    assert odd_role.exit_code == 0, odd_role.output
    assert "no role matches 'astronaut'" in odd_role.stderr
    assert_one_line_error(invoke("check", "--example", "--role", ""))


@pytest.mark.parametrize("level", ["suggestion", "warning", "error"])
def test_fail_on_exit_code_follows_the_findings(tmp_path: Path, level: str) -> None:
    path = tmp_path / "weak.txt"
    path.write_text(WEAK, encoding="utf-8")
    report = loads(invoke("check", str(path), "--format", "json", "-q", "proud").stdout)
    expected = 1 if report.abstained or report.at_or_above(Severity.parse(level)) else 0
    result = invoke("check", str(path), "--fail-on", level, "-q", "proud")
    assert result.exit_code == expected


def test_weak_answer_fails_a_suggestion_gate_and_passes_by_default(tmp_path: Path) -> None:
    path = tmp_path / "weak.txt"
    path.write_text(WEAK, encoding="utf-8")
    assert invoke("check", str(path), "-q", "proud").exit_code == 0
    assert invoke("check", str(path), "-q", "proud", "--fail-on", "suggestion").exit_code == 1


def test_too_short_answer_abstains_and_exits_0_by_default() -> None:
    result = invoke("check", "--format", "json", input="I did it.")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["abstained"] is True and data["scores"] == []
    assert invoke("check", "--fail-on", "error", input="I did it.").exit_code == 1


def test_no_color_even_when_forced_to_a_terminal() -> None:
    coloured = invoke(
        "check", "--example", env={"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"}
    )
    plain = invoke(
        "check", "--example", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"}
    )
    colour_code = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7])m")
    assert colour_code.search(coloured.stdout)
    assert not colour_code.search(plain.stdout)


# --- the installed command, in a real process ----------------------------------------------

needs_binary = pytest.mark.skipif(not STARCOACH.exists(), reason="starcoach is not installed")


@needs_binary
def test_real_process_bad_inputs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xc3\x28 invalid")
    for args in (["check", str(tmp_path / "missing.txt")], ["check", str(bad)]):
        proc = subprocess.run([str(STARCOACH), *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith("starcoach: error: ")
        assert proc.stderr.count("\n") == 1


@needs_binary
def test_real_process_example_and_stdin() -> None:
    proc = subprocess.run(
        [str(STARCOACH), "check", "--example"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [str(STARCOACH), "check", "--format", "json"],
        input=WEAK,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == WEAK


@needs_binary
def test_real_process_closed_pipe_is_quiet() -> None:
    proc = subprocess.Popen(
        [str(STARCOACH), "check", "--example", "--format", "markdown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr


def test_check_keeps_storage_and_heavy_modules_out_of_its_import_path(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(WEAK, encoding="utf-8")
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from starcoach.cli.main import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(path)!r}, '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ('sqlalchemy', 'alembic', 'yaml', 'fastapi', 'spacy')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_check_against_a_stored_story_reports_the_contradiction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    story = Path(__file__).parent / "data" / "stories" / "checkout-latency.md"
    assert runner.invoke(app, ["story", "import", str(story)]).exit_code == 0
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "At Larkspur Grocers I led a team of 12 engineers to cut checkout latency. I profiled the "
        "service, batched the pricing calls and built the load test. p95 latency fell from 2.4 "
        "seconds to 900 ms before the holiday peak. I learned to measure before I optimise.",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["check", str(answer), "-q", "proud", "--story", "checkout-latency", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    (contradiction,) = json.loads(result.stdout)["contradictions"]
    assert (contradiction["kind"], contradiction["value"], contradiction["reference_value"]) == (
        "team_size",
        "12",
        "5",
    )
    missing = runner.invoke(app, ["check", str(answer), "--story", "no-such-story"])
    assert missing.exit_code == 2


def test_a_check_without_a_question_says_it_used_the_generic_prompt(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(WEAK, encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 0
    assert "no --question given" in result.stderr
    assert "no --question" not in invoke("check", str(path), "-q", "proud").stderr
