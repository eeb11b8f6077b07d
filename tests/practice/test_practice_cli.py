"""`starcoach practice` and `starcoach history` with scripted answers: sessions, retry, reports, history."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from practice_answers import CHALLENGE, STRONG_PROUD, WEAK_FAILURE, WEAK_PROUD, planner_story
from typer.testing import CliRunner

from starcoach.analysis import analyze
from starcoach.cli.main import app

_SESSION = re.compile(r"Practice session ([0-9a-f]{8})")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point starcoach at a fresh database in a temporary folder."""
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path / "data"


def _invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _script(tmp_path: Path, name: str, *answers: str) -> Path:
    path = tmp_path / name
    path.write_text("\n---\n".join(answers) + "\n", encoding="utf-8")
    return path


def _attempts(data_dir: Path) -> list[object]:
    from starcoach.storage.attempts import AttemptStore
    from starcoach.storage.db import open_database

    db = open_database(f"sqlite:///{data_dir / 'starcoach.db'}")
    try:
        return list(AttemptStore(db).attempts(kind=None))
    finally:
        db.close()


def test_a_scripted_single_session_stores_every_answer_and_prints_the_report(
    data_dir: Path, tmp_path: Path
) -> None:
    script = _script(
        tmp_path,
        "answers.txt",
        WEAK_PROUD,
        "I rewrote the loader myself, and I moved the schedule after the upstream export.",
        "The nightly report went from four hours to forty minutes on the job dashboard.",
    )
    code, out, err = _invoke("practice", "-q", "proud", "--answers", str(script), "--seed", "2")
    assert code == 0, err
    assert "Question 1 of 1" in out and "Follow-up 1:" in out
    assert "Practice session report" in out and "Across the session" in out
    stored = _attempts(data_dir)
    assert [a.kind for a in stored] == ["opener", "follow_up", "follow_up"]  # type: ignore[attr-defined]
    opener = stored[0]
    assert opener.answer == WEAK_PROUD  # type: ignore[attr-defined]
    assert opener.report.question_type == "proud"  # type: ignore[attr-defined]
    assert opener.ruleset_version and opener.schema_version  # type: ignore[attr-defined]


def test_a_full_session_anchored_on_the_story_writes_an_html_report(
    data_dir: Path, tmp_path: Path
) -> None:
    from starcoach.storage.db import open_database
    from starcoach.storage.stories import StoryStore

    db = open_database(f"sqlite:///{data_dir / 'starcoach.db'}")
    StoryStore(db).add(planner_story().replace(anchor=True))
    db.close()
    evil = "<script>alert('x')</script> " + CHALLENGE
    script = _script(tmp_path, "full.txt", STRONG_PROUD, "/skip", "/skip", evil, "/end")
    report = tmp_path / "report.html"
    code, out, err = _invoke(
        "practice", "--answers", str(script), "--report", str(report), "--seed", "5"
    )
    assert code == 0, err
    assert "full mode" in out and "Anchored on your story" in out
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(?:src|href)\s*=", page)
    assert "Making the nightly route planner finish on time" in page


def test_a_folder_of_answers_skips_the_questions_it_has_no_file_for(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "proud.txt").write_text(WEAK_PROUD, encoding="utf-8")
    (folder / "proud.1.txt").write_text("I rewrote the loader myself.", encoding="utf-8")
    code, out, err = _invoke("practice", "-q", "proud", "--answers", str(folder), "--seed", "1")
    assert code == 0, err
    assert "no proud.2.txt" in out
    assert [a.kind for a in _attempts(data_dir)] == ["opener", "follow_up"]  # type: ignore[attr-defined]


def test_retry_shows_the_change_per_dimension_and_the_findings_that_went_away(
    data_dir: Path, tmp_path: Path
) -> None:
    weak = _script(tmp_path, "weak.txt", WEAK_PROUD, "/end")
    code, _, err = _invoke("practice", "-q", "proud", "--answers", str(weak))
    assert code == 0, err
    strong = _script(tmp_path, "strong.txt", STRONG_PROUD, "/end")
    code, out, err = _invoke("practice", "retry", "--answers", str(strong))
    assert code == 0, err
    assert "Since your last attempt at this prompt" in out
    assert re.search(r"overall 1\.0 → \d\.\d \(\+\d\.\d\)", out)
    assert re.search(r"ownership 1→\d \(\+\d\)", out)
    flat = " ".join(out.split())
    gone = flat[flat.index("gone since last time") :]
    assert "no reflection on what you would do differently" in gone


def test_show_and_list_read_a_stored_session_back(data_dir: Path, tmp_path: Path) -> None:
    script = _script(tmp_path, "a.txt", WEAK_PROUD, "/end")
    code, out, _ = _invoke("practice", "-q", "proud", "--answers", str(script))
    session_id = _SESSION.search(out).group(1)  # type: ignore[union-attr]
    code, out, _ = _invoke("practice", "list")
    assert code == 0 and session_id in out and "finished" in out
    code, md, _ = _invoke("practice", "show", session_id, "--format", "markdown")
    assert code == 0 and md.startswith("# Practice session report")
    target = tmp_path / "s.html"
    code, _, _ = _invoke("practice", "show", "--format", "html", "--output", str(target))
    assert code == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_drill_picks_the_weakest_dimension_from_history(data_dir: Path, tmp_path: Path) -> None:
    from starcoach.practice.history import weakest_dimension

    for answer in (WEAK_PROUD, WEAK_FAILURE):
        script = _script(tmp_path, "w.txt", answer, "/end")
        question = "proud" if answer is WEAK_PROUD else "failure"
        assert _invoke("practice", "-q", question, "--answers", str(script))[0] == 0
    expected = weakest_dimension(_attempts(data_dir))  # type: ignore[arg-type]
    script = _script(tmp_path, "d.txt", "/end")
    code, out, err = _invoke("practice", "--mode", "drill", "--answers", str(script))
    assert code == 0, err
    assert f"drilling {expected}" in err
    assert f"drilling {expected}" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("practice", "--story", "missing"), "no story with id 'missing'"),
        (("practice", "--question", "nonsense"), "unknown question id 'nonsense'"),
        (("practice", "--mode", "drill", "--dimension", "charm"), "unknown dimension 'charm'"),
        (("practice", "--mode", "full", "-q", "proud"), "--question goes with --mode single"),
        (("practice", "--answers", "/no/such/file.txt"), "no such file"),
        (("practice", "resume"), "no unfinished practice session"),
        (("practice", "show", "cafebabe"), "no practice session with id 'cafebabe'"),
        (("history", "--question", "nonsense"), "unknown question id 'nonsense'"),
        (("history", "--dimension", "charm"), "unknown dimension 'charm'"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(
    data_dir: Path, args: tuple[str, ...], needle: str
) -> None:
    code, _, err = _invoke(*args, stdin="")
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("starcoach: error: ")
    assert needle in lines[0]


def test_history_shows_progress_recurring_findings_and_draws_a_chart(
    data_dir: Path, tmp_path: Path
) -> None:
    code, out, _ = _invoke("history")
    assert code == 0 and "No practice answers yet" in out
    for answer in (WEAK_PROUD, WEAK_PROUD.replace("last job", "previous job"), STRONG_PROUD):
        script = _script(tmp_path, "h.txt", answer, "/end")
        assert _invoke("practice", "-q", "proud", "--answers", str(script))[0] == 0
    chart = tmp_path / "progress.svg"
    code, out, err = _invoke("history", "--chart", str(chart))
    assert code == 0, err
    first, last = (analyze(a, "proud").overall or 0.0 for a in (WEAK_PROUD, STRONG_PROUD))
    change = rf"{first:.1f} → {last:.1f} \(\+{last - first:.1f}\)"
    assert last - first >= 2.5
    assert re.search(r"proud\s+3 answers\s+[▁▂▃▄▅▆▇█]{3}\s+" + change, out)
    assert "no reflection on what you would do differently in 2 of your last 3 answers" in out
    root = ET.fromstring(chart.read_text(encoding="utf-8"))
    assert root.tag.endswith("svg")
    assert len([e for e in root.iter() if e.tag.endswith("polyline")]) == 1

    code, out, _ = _invoke("history", "--format", "json", "--question", "proud")
    data = json.loads(out)
    assert [round(a["overall"], 1) for a in data["attempts"]] == [1.0, 1.0, round(last, 1)]
    assert "reflection.missing" in {r["rule_id"] for r in data["recurring"]}
    assert len(data["by_dimension"]["proud"]["ownership"]["points"]) == 3


def test_the_cli_starts_without_loading_the_practice_engine() -> None:
    code = (
        "import sys, starcoach.cli.main\n"
        "loaded = [m for m in sys.modules if m.startswith(('starcoach.practice', 'starcoach.storage',"
        " 'sqlalchemy'))]\n"
        # The session's two choices (standard library only) name the options; the engine waits.
        "loaded = [m for m in loaded if m not in ('starcoach.practice', 'starcoach.practice.modes')]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_history_text_never_prints_a_change_its_values_contradict(
    data_dir: Path, tmp_path: Path
) -> None:
    for answer in (WEAK_PROUD, STRONG_PROUD):
        script = _script(tmp_path, "h.txt", answer, "/end")
        assert _invoke("practice", "-q", "proud", "--answers", str(script))[0] == 0
    script = _script(tmp_path, "f.txt", WEAK_FAILURE, "/end")
    assert _invoke("practice", "-q", "failure", "--answers", str(script))[0] == 0
    code, out, err = _invoke("history")
    assert code == 0, err
    trends = re.findall(r"(\d\.\d) → (\d\.\d) \(([+-]\d\.\d)\)", out)
    assert trends
    for first, last, change in trends:
        assert round(float(last) - float(first), 1) == float(change), (first, last, change)
    # Dimensions are listed under each prompt, never pooled across prompts.
    assert "proud: dimension" in out
    assert "failure: dimension" in out


@pytest.mark.parametrize("name", ["progress.png", "progress", "chart.SVG.txt"])
def test_chart_refuses_a_name_that_is_not_svg(data_dir: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, _out, err = _invoke("history", "--chart", str(target))
    assert code == 2
    assert "ending in .svg" in err and err.count("\n") == 1
    assert not target.exists()
