"""`starcoach story ...`: the story bank through the command line, on a throwaway SQLite database."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from starcoach.cli.main import app
from starcoach.storage.storyfile import read_story_file, render_story
from starcoach.stories.model import story_to_dict

DATA = Path(__file__).parent / "data" / "stories"
runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point starcoach at a database and data folder inside the test's own directory."""
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def invoke(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, ["story", *args], input=input)


def stored() -> dict[str, dict[str, Any]]:
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return {s["id"]: s for s in json.loads(result.stdout)["stories"]}


def errors(result: Result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("starcoach: error: ")]


def test_import_a_folder_then_list_and_show() -> None:
    result = invoke("import", str(DATA))
    assert result.exit_code == 0, result.output
    assert set(stored()) == {"checkout-latency", "onboarding-program", "thin-idea"}
    shown = json.loads(invoke("show", "checkout-latency", "--format", "json").stdout)
    assert shown == story_to_dict(read_story_file(DATA / "checkout-latency.md"))
    text = invoke("show", "checkout-latency")
    assert text.exit_code == 0 and "Larkspur Grocers" in text.stdout


def test_export_then_import_elsewhere_is_lossless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("import", str(DATA)).exit_code == 0
    before = stored()
    out = tmp_path / "exported"
    assert invoke("export", "--all", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{i}.md" for i in sorted(before)]
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite'}")
    assert stored() == {}
    assert invoke("import", str(out)).exit_code == 0
    assert stored() == before


def test_export_one_story_to_stdout_and_file(tmp_path: Path) -> None:
    invoke("import", str(DATA / "checkout-latency.md"))
    expected = render_story(read_story_file(DATA / "checkout-latency.md"))
    assert invoke("export", "checkout-latency").stdout == expected
    target = tmp_path / "s.md"
    assert invoke("export", "checkout-latency", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == expected
    again = invoke("export", "checkout-latency", "-o", str(target))
    assert again.exit_code == 2 and errors(again)
    assert invoke("export", "checkout-latency", "-o", str(target), "--force").exit_code == 0


def test_export_all_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thin-idea.md").write_text("mine", encoding="utf-8")
    assert invoke("export", "--all", str(tmp_path / "out")).exit_code == 2
    assert (tmp_path / "out" / "thin-idea.md").read_text(encoding="utf-8") == "mine"


def test_bad_file_names_file_line_and_field_and_stores_nothing(tmp_path: Path) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: Fine\nteam_size: lots\n---\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Also fine\n---\n", encoding="utf-8")
    result = invoke("import", str(good), str(bad))
    assert result.exit_code == 2
    assert any(f"{bad}:3: team_size:" in line for line in errors(result))
    assert set(stored()) == {"thin-idea"}


def test_duplicate_import_is_refused_until_replace(tmp_path: Path) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    changed = tmp_path / "thin.md"
    changed.write_text(
        (DATA / "thin-idea.md").read_text(encoding="utf-8").replace("Hackathon", "Weekend"),
        encoding="utf-8",
    )
    refused = invoke("import", str(changed))
    assert refused.exit_code == 2
    assert "--replace" in refused.stderr
    assert stored()["thin-idea"]["title"] == "Hackathon prototype"
    assert invoke("import", "--replace", str(changed)).exit_code == 0
    assert stored()["thin-idea"]["title"] == "Weekend prototype"


def test_two_files_with_one_id_are_refused(tmp_path: Path) -> None:
    shutil.copy(DATA / "thin-idea.md", tmp_path / "a.md")
    shutil.copy(DATA / "thin-idea.md", tmp_path / "b.md")
    result = invoke("import", str(tmp_path / "a.md"), str(tmp_path / "b.md"))
    assert result.exit_code == 2
    assert stored() == {}


def test_new_from_file_and_duplicate(tmp_path: Path) -> None:
    assert invoke("new", "--from", str(DATA / "checkout-latency.md"), "--anchor").exit_code == 0
    assert stored()["checkout-latency"]["anchor"] is True
    again = invoke("new", "--from", str(DATA / "checkout-latency.md"))
    assert again.exit_code == 2
    missing = tmp_path / "m.md"
    missing.write_text("---\nrole: x\n---\n", encoding="utf-8")
    result = invoke("new", "--from", str(missing))
    assert result.exit_code == 2
    assert any(f"{missing}:1: title:" in line for line in errors(result))


GUIDED = (
    "\n".join(
        [
            "Migrating billing to the new ledger",  # title
            "Tech lead",  # role
            "",  # organisation (skipped)
            "2021-13",  # started: invalid, asked again
            "2021-04",  # started
            "2022",  # ended
            "six",  # team size: invalid, asked again
            "6",  # team size
            "Invoices were wrong for one customer in fifty.",  # situation line 1
            "Finance fixed them by hand.",  # situation line 2
            "",  # end of situation
            "I owned the migration plan.",  # task
            "",
            "Wrote the reconciliation job",  # action 1
            "",  # who: default me
            "Ran the cut-over weekend",  # action 2
            "team",
            "",  # end of actions
            "Billing errors fell to 1 in 2,000",  # result 1 outcome
            "1 in 2,000",
            "1 in 50",
            "monthly finance audit",
            "",  # end of results
            "I would have involved finance earlier.",  # reflection
            "",
            *[""] * 7,  # why it matters ... working on now: skipped
            "Migration, Ownership, migration",  # tags
        ]
    )
    + "\n"
)


def test_guided_new_asks_every_field_and_stores_the_answers() -> None:
    result = invoke("new", input=GUIDED)
    assert result.exit_code == 0, result.output
    story = stored()["migrating-billing-to-the-new-ledger"]
    assert story["role"] == "Tech lead"
    assert (story["started"], story["ended"], story["team_size"]) == ("2021-04", "2022", 6)
    assert story["situation"] == (
        "Invoices were wrong for one customer in fifty.\nFinance fixed them by hand."
    )
    assert story["actions"] == [
        {"who": "me", "did": "Wrote the reconciliation job"},
        {"who": "team", "did": "Ran the cut-over weekend"},
    ]
    assert story["results"][0]["baseline"] == "1 in 50"
    assert story["tags"] == ["migration", "ownership"]
    assert story["reflection"] == "I would have involved finance earlier."
    # The guidance for each field is shown while asking.
    assert "baseline" in result.stderr


def test_guided_new_keeps_a_draft_when_input_ends_early(isolated: Path) -> None:
    result = invoke("new", input="Half a story\nEngineer\n")
    assert result.exit_code == 2
    drafts = list((isolated / "data" / "drafts").glob("*.md"))
    assert len(drafts) == 1
    assert str(drafts[0]) in result.stderr
    assert read_story_file(drafts[0]).role == "Engineer"
    assert stored() == {}
    assert invoke("new", "--from", str(drafts[0])).exit_code == 0
    assert "half-a-story" in stored()


def _editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n" + body, encoding="utf-8"
    )
    return f"{sys.executable} {script}"


def test_edit_saves_a_valid_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            "path.write_text(path.read_text().replace('team_size: null', 'team_size: 3'))\n",
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea")
    assert result.exit_code == 0, result.output
    assert stored()["thin-idea"]["team_size"] == 3
    assert list((tmp_path / "data" / "drafts").glob("*.md")) == []


def test_edit_with_an_error_keeps_the_text_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            "path.write_text(path.read_text().replace('team_size: null', 'team_size: many'))\n",
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea", input="n\n")
    assert result.exit_code == 2
    kept = list((tmp_path / "data" / "drafts").glob("*.md"))
    assert len(kept) == 1 and "team_size: many" in kept[0].read_text(encoding="utf-8")
    assert str(kept[0]) in result.stderr
    assert stored()["thin-idea"]["team_size"] is None


def test_edit_again_after_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    counter = tmp_path / "count"
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path,
            f"c = pathlib.Path({str(counter)!r})\n"
            "n = int(c.read_text()) + 1 if c.exists() else 1\n"
            "c.write_text(str(n))\n"
            "value = 'many' if n == 1 else '4'\n"
            "import re\n"
            "path.write_text(re.sub(r'team_size: .*', 'team_size: ' + value, path.read_text()))\n",
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea", input="y\n")
    assert result.exit_code == 0, result.output
    assert counter.read_text() == "2"
    assert stored()["thin-idea"]["team_size"] == 4


def test_edit_can_rename_a_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    monkeypatch.setenv(
        "EDITOR",
        _editor(
            tmp_path, "path.write_text(path.read_text().replace('id: thin-idea', 'id: hack'))\n"
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    assert invoke("edit", "thin-idea").exit_code == 0
    assert set(stored()) == {"hack"}


def test_delete_asks_first() -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    assert invoke("delete", "thin-idea", input="n\n").exit_code == 1
    assert "thin-idea" in stored()
    assert invoke("delete", "thin-idea", input="y\n").exit_code == 0
    assert stored() == {}
    invoke("import", str(DATA / "thin-idea.md"))
    assert invoke("delete", "thin-idea", "--yes").exit_code == 0
    assert stored() == {}


def test_anchor_marks_exactly_one() -> None:
    invoke("import", str(DATA))
    assert invoke("anchor", "thin-idea").exit_code == 0
    assert invoke("anchor", "checkout-latency").exit_code == 0
    assert [i for i, s in stored().items() if s["anchor"]] == ["checkout-latency"]
    assert invoke("anchor", "--clear").exit_code == 0
    assert not any(s["anchor"] for s in stored().values())


@pytest.mark.parametrize(
    "args",
    [
        ("show", "nope"),
        ("delete", "nope", "--yes"),
        ("anchor", "nope"),
        ("export", "nope"),
        ("edit", "nope"),
    ],
)
def test_unknown_id_is_a_clear_error(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert len(errors(result)) == 1


def test_unreachable_database_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    result = invoke("list")
    assert result.exit_code == 2
    assert len(errors(result)) == 1


def run_top(*args: str) -> Result:
    return runner.invoke(app, list(args))


def test_story_check_reports_gaps_and_exit_codes() -> None:
    invoke("import", str(DATA))
    result = invoke("check", "thin-idea", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"story.no_actions", "story.no_results"} <= {g["rule_id"] for g in data["gaps"]}
    assert data["worst"] == "error"
    assert invoke("check", "thin-idea", "--fail-on", "error").exit_code == 1
    assert invoke("check", "checkout-latency", "--fail-on", "warning").exit_code == 0
    assert invoke("check", "nope").exit_code == 2


def test_story_check_compares_answers(tmp_path: Path) -> None:
    invoke("import", str(DATA / "checkout-latency.md"))
    first = tmp_path / "one.txt"
    first.write_text("I was the tech lead on a team of five.", encoding="utf-8")
    second = tmp_path / "two.txt"
    second.write_text("I led the work on a team of nine.", encoding="utf-8")
    result = invoke("check", "checkout-latency", "-a", str(first), "-a", str(second), "-f", "json")
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout)["answers"]
    assert answers[0]["contradictions"] == []
    found = {(c["against"], c["text"], c["reference_text"]) for c in answers[1]["contradictions"]}
    assert found == {("story", "team of nine", "5"), (str(first), "team of nine", "team of five")}
    text = invoke("check", "checkout-latency", "-a", str(first), "-a", str(second))
    assert "team of nine" in text.stdout
    assert (
        invoke("check", "checkout-latency", "-a", str(second), "--fail-on", "error").exit_code == 1
    )
    missing = invoke("check", "checkout-latency", "-a", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 2 and len(errors(missing)) == 1


def test_plan_maps_the_prompts_and_recommends_an_anchor() -> None:
    empty = run_top("plan")
    assert empty.exit_code == 0 and "story new" in empty.stdout
    invoke("import", str(DATA))
    result = run_top("plan", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recommended_anchor"] == "checkout-latency"
    assert data["prompts"][0]["question_id"] == "proud"
    failure = next(p for p in data["prompts"] if p["question_id"] == "failure")
    assert failure["best"] == "checkout-latency"
    text = run_top("plan")
    assert "checkout-latency" in text.stdout and "missing" in text.stdout
    invoke("anchor", "onboarding-program")
    data = json.loads(run_top("plan", "--format", "json").stdout)
    assert (data["anchor"], data["recommended_anchor"]) == ("onboarding-program", None)


def test_draft_writes_and_analyzes_an_answer() -> None:
    invoke("import", str(DATA))
    result = run_top("draft", "checkout-latency", "--question", "failure", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["question_id"] == "failure"
    assert "cache key" in data["text"]
    assert data["report"]["text"] == data["text"]
    text = run_top("draft", "checkout-latency", "-q", "What is your greatest achievement?")
    assert text.exit_code == 0 and "proudest" in text.stdout
    markdown = run_top("draft", "checkout-latency", "-q", "proud", "-f", "markdown")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Draft")


@pytest.mark.parametrize(
    "args",
    [
        ("draft", "thin-idea", "-q", "failure"),  # no material for the prompt
        ("draft", "nope", "-q", "proud"),
        ("draft", "checkout-latency", "-q", "not_a_prompt"),
        ("draft", "checkout-latency", "-q", "proud", "--role", ""),
    ],
)
def test_draft_errors_are_clear(args: tuple[str, ...]) -> None:
    invoke("import", str(DATA))
    result = run_top(*args)
    assert result.exit_code == 2
    assert len(errors(result)) == 1


def test_draft_with_a_role_no_one_matches_gives_general_advice() -> None:
    invoke("import", str(DATA))
    result = run_top("draft", "checkout-latency", "-q", "proud", "--role", "astronaut")
    assert result.exit_code == 0, result.output
    assert "no role matches 'astronaut'" in result.stderr


def test_edit_with_a_broken_editor_keeps_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea")
    assert result.exit_code == 2 and len(errors(result)) == 1
    kept = list((tmp_path / "data" / "drafts").glob("*.md"))
    assert len(kept) == 1 and str(kept[0]) in result.stderr
    assert read_story_file(kept[0]) == read_story_file(DATA / "thin-idea.md")


def _racing_editor(tmp_path: Path, counter: Path) -> str:
    """An editor that, the first time, lets another save of the story happen while it is open."""
    return _editor(
        tmp_path,
        f"c = pathlib.Path({str(counter)!r})\n"
        "n = int(c.read_text()) + 1 if c.exists() else 1\n"
        "c.write_text(str(n))\n"
        "import re\n"
        "saved = path.with_name(path.stem + '.saved.md')\n"
        "if n == 1:\n"
        "    from starcoach.storage.stories import open_store\n"
        "    store = open_store()\n"
        "    other = store.get('thin-idea').replace(situation='Saved elsewhere meanwhile.')\n"
        "    store.update('thin-idea', other)\n"
        "    base = path.read_text()\n"
        "else:\n"
        "    base = saved.read_text()  # the merge: the saved version with this edit on top\n"
        "path.write_text(re.sub(r'team_size: .*', 'team_size: 3', base))\n",
    )


def test_edit_refuses_to_overwrite_a_story_saved_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    monkeypatch.setenv("EDITOR", _racing_editor(tmp_path, tmp_path / "count"))
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea", input="n\n")
    assert result.exit_code == 2
    assert any("changed and saved elsewhere" in line for line in errors(result))
    story = stored()["thin-idea"]
    assert story["situation"] == "Saved elsewhere meanwhile."
    assert story["team_size"] is None
    drafts = tmp_path / "data" / "drafts"
    (saved,) = drafts.glob("*.saved.md")
    assert "Saved elsewhere meanwhile." in saved.read_text(encoding="utf-8")
    (mine,) = [p for p in drafts.glob("*.md") if not p.name.endswith(".saved.md")]
    assert "team_size: 3" in mine.read_text(encoding="utf-8")


def test_edit_after_a_conflict_saves_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("import", str(DATA / "thin-idea.md"))
    counter = tmp_path / "count"
    monkeypatch.setenv("EDITOR", _racing_editor(tmp_path, counter))
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke("edit", "thin-idea", input="y\n")
    assert result.exit_code == 0, result.output
    assert counter.read_text() == "2"
    story = stored()["thin-idea"]
    assert (story["situation"], story["team_size"]) == ("Saved elsewhere meanwhile.", 3)
    assert list((tmp_path / "data" / "drafts").glob("*.md")) == []
