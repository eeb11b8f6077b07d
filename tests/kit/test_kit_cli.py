"""`starcoach kit ...`: a kit, a three-interviewer panel and calibration from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.kit.conftest import STRONG_NOTES
from typer.testing import CliRunner, Result

from starcoach.cli.main import app

runner = CliRunner()
OWN = "I traced the failures in the logs"
RESULT = "Failed payments fell from 4% to 1%"
DIMS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point starcoach at a database inside the test's own directory."""
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def kit(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, ["kit", *args], input=input)


def ok(*args: str, input: str | None = None) -> str:
    result = kit(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def error(*args: str) -> str:
    result = kit(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def _score(interview: str, score: str, quote: str, recommend: str, reason: str) -> Result:
    args = [f"--rate={d}={score}" for d in DIMS] + [f"--evidence={d}={quote}" for d in DIMS]
    return kit("scorecard", interview, *args, "--recommend", recommend, "--reason", reason)


def test_unknown_role_and_ids_get_clear_messages() -> None:
    assert "no role matches 'astronaut'" in error("new", "--role", "astronaut")
    assert "no kit 'nope'" in error("show", "nope")
    assert "no candidate" in error("interview", "abcd1234", "--interviewer", "Sam")
    assert "no interview" in error("notes", "abcd1234", "--text", "x")


def test_kit_file_edit_import_and_export(tmp_path: Path) -> None:
    path = tmp_path / "kit.md"
    assert ok("new", "--role", "swe", "--out", str(path)) == "software-engineer"
    assert path.read_text(encoding="utf-8").startswith("---\nid: software-engineer\nversion: 1\n")
    assert "exists already" in error("new", "--role", "swe", "--deadline-hours", "5")
    assert ok("new", "--role", "swe", "--id", "swe-onsite") == "swe-onsite"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 15", "minutes: 20"))
    assert ok("import", str(path)).endswith("version 1\tupdated")
    shown = json.loads(ok("show", "software-engineer", "--format", "json"))
    assert shown["kit"]["questions"][0]["minutes"] == 20
    for fmt, start in (("html", b"<!doctype html>"), ("pdf", b"%PDF-"), ("markdown", b"---")):
        out = tmp_path / f"kit.{fmt}"
        ok("export", "software-engineer", "--format", fmt, "--out", str(out))
        assert out.read_bytes().startswith(start)
    path.write_text("---\nid: software-engineer\nquestions: 3\n---\n")
    assert "questions" in error("import", str(path))
    assert json.loads(ok("show", "software-engineer", "--format", "json"))["latest"] == 1


def test_notes_files_that_cannot_be_used_are_refused(tmp_path: Path) -> None:
    ok("new", "--role", "swe")
    cand = ok("candidate", "software-engineer", "Ada")
    interview = ok("interview", cand, "--interviewer", "Sam")
    ok("notes", interview, "--text", "First words.")
    for name, raw, message in (
        ("empty.vtt", b"", "no words"),
        ("bin.srt", b"\x00\x01\x02", "binary"),
        ("big.txt", b"a" * 200_001, "limit"),
    ):
        bad = tmp_path / name
        bad.write_bytes(raw)
        assert message in error("notes", interview, "--file", str(bad))
    assert "empty" in error("notes", interview, "--text", "   ")
    vtt = tmp_path / "call.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nI led the rewrite.\n")
    ok("notes", interview, "--file", str(vtt), "--append")
    from starcoach.kit.service import KitService
    from starcoach.storage.db import open_database

    notes = KitService(open_database()).interview(interview).notes
    assert notes["proud"] == "First words.\nI led the rewrite."


def test_three_interviewers_score_and_debrief() -> None:
    ok("new", "--role", "swe")
    cand = ok("candidate", "software-engineer", "Ada Lovelace")
    ids = {}
    for name in ("Sam", "Kim", "Lee"):
        ids[name] = ok("interview", cand, "--interviewer", name)
        ok("notes", ids[name], "--question", "proud", input=STRONG_NOTES)
    analysis = ok("analyze", ids["Sam"])
    assert "Result with a baseline: yes" in analysis and "ask next:" in analysis
    assert "ownership:" in ok("scorecard", ids["Sam"], "--propose")
    refused = kit(
        "scorecard", ids["Sam"], "--rate=ownership=4", "--recommend", "yes", "--reason", "x"
    )
    assert refused.exit_code == 2 and "needs at least one quote" in refused.stderr
    assert _score(ids["Sam"], "4", OWN, "yes", "Owned the retry design.").exit_code == 0
    assert "submit your own scorecard first" in error("debrief", cand, "--as", "Kim")
    assert "every interviewer" in error("debrief", cand)
    assert _score(ids["Kim"], "2", RESULT, "no", "Thin on own part.").exit_code == 0
    assert _score(ids["Lee"], "3", OWN, "strong_yes", "Great depth.").exit_code == 0
    text = ok("debrief", cand)
    assert "DISAGREEMENT" in text and RESULT in text
    data = json.loads(ok("debrief", cand, "--format", "json"))
    assert data["dimensions"][0]["spread"] == 2 and data["pending"] == []
    exported = json.loads(ok("scorecards", cand))
    assert exported["schema"] == "starcoach.scorecards"
    assert [c["interviewer"] for c in exported["scorecards"]] == ["Sam", "Kim", "Lee"]
    assert exported["scorecards"][0]["ratings"][0]["evidence"][0]["quote"] == OWN
    rows = list(csv.DictReader(io.StringIO(ok("scorecards", cand, "--format", "csv"))))
    assert len(rows) == 18 and rows[0]["candidate_name"] == "Ada Lovelace"


def test_calibration_from_the_command_line() -> None:
    assert "booking-rebuild" in ok("calibrate", "--interviewer", "Sam")
    ok("calibrate", "--interviewer", "Sam", "--sample", "big-number", "ownership=1", "impact=3")
    ok("calibrate", "--interviewer", "Sam", "--sample", "vague-team", "ownership=1", "impact=2")
    ok("calibrate", "--interviewer", "Kim", "--sample", "big-number", "ownership=2", "impact=2")
    ok("calibrate", "--interviewer", "Kim", "--sample", "vague-team", "ownership=2", "impact=1")
    assert "unknown calibration sample" in error(
        "calibrate", "--interviewer", "Sam", "--sample", "nope", "ownership=1"
    )
    result = json.loads(ok("calibration", "--format", "json"))["results"]
    sam = next(r for r in result["interviewers"] if r["interviewer"] == "Sam")
    assert sam["bias"]["impact"] == 1.0 and sam["bias"]["ownership"] == 0.0
    assert "Ada" not in json.dumps(result)
