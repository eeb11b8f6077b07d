"""The guided `story new`: empty lines do what the screen says, names are names, Ctrl-C keeps the draft."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from starcoach.cli.main import app
from starcoach.storage.storyfile import read_story_file, render_story
from starcoach.stories.checks import check_story
from starcoach.stories.model import Story, StoryAction
from starcoach.stories.people import actor_problem

runner = CliRunner()
PASTED = "Then we both sat down with the rota and agreed who would cover the night shifts."


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def invoke(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, ["story", *args], input=input)


def stored() -> dict[str, dict[str, Any]]:
    result = invoke("list", "--format", "json")
    return {s["id"]: s for s in json.loads(result.stdout)["stories"]}


def script(*head: str, actions: tuple[str, ...] = ("",)) -> str:
    """Return typed input: the fields up to team size, then a situation, actions and the rest empty."""
    lines = [
        *head,
        "",  # organisation
        "2024",  # started
        "",  # ended
        "",  # team size
        "The night handover missed one medication change in twenty.",
        "",
        "",  # task
        *actions,
        "",  # results: none
        *[""] * 8,  # reflection ... working on now
        "",  # tags
    ]
    return "\n".join(lines) + "\n"


def test_an_empty_line_after_the_title_does_not_skip_the_role() -> None:
    # A stray Enter after the title (as people do after a field) is asked about, not taken as "no role".
    result = invoke("new", input=script("Safer night handovers", "", "Staff nurse"))
    assert result.exit_code == 0, result.output
    assert stored()["safer-night-handovers"]["role"] == "Staff nurse"
    assert "press Enter again to skip it" in result.stderr


def test_two_empty_lines_skip_the_role_on_purpose() -> None:
    result = invoke("new", input=script("Safer night handovers", "", ""))
    assert result.exit_code == 0, result.output
    assert stored()["safer-night-handovers"]["role"] == ""


def test_the_screen_says_how_each_kind_of_field_ends() -> None:
    result = invoke("new", input=script("Safer night handovers", "Staff nurse"))
    assert "One-line fields" in result.stderr and "an empty line ends them" in result.stderr
    assert "Title (one line)" in result.stderr
    assert "Situation (several lines; an empty line ends it)" in result.stderr


def test_a_pasted_sentence_is_refused_as_a_name() -> None:
    actions = ("Rewrote the handover sheet", PASTED, "Priya", "")
    result = invoke("new", input=script("Safer night handovers", "Staff nurse", actions=actions))
    assert result.exit_code == 0, result.output
    assert "reads like a sentence" in result.stderr
    assert stored()["safer-night-handovers"]["actions"] == [
        {"who": "Priya", "did": "Rewrote the handover sheet"}
    ]


@pytest.mark.parametrize(
    "who", ["me", "team", "", "Priya", "Dr. Okafor", "the ward sister", "J. Smith", "Priya and I"]
)
def test_names_and_groups_are_accepted(who: str) -> None:
    assert actor_problem(who) is None


@pytest.mark.parametrize(
    "who",
    [
        PASTED,
        "we fixed the rota.",
        "I asked the charge nurse",
        "Fixed the broken pump. Then checked",
        "Someone from the pharmacy team who knew the system",
    ],
)
def test_sentences_are_not_names(who: str) -> None:
    assert actor_problem(who) is not None


def test_story_check_flags_an_empty_role_and_a_bogus_name() -> None:
    story = Story(
        id="handover",
        title="Safer night handovers",
        situation="Handover missed changes.",
        actions=(StoryAction(did="Rewrote the handover sheet", who=PASTED),),
    )
    rules = {gap.rule_id: gap.field for gap in check_story(story).gaps}
    assert rules["story.no_role"] == "role"
    assert rules["story.actor_not_a_person"] == "actions[1]"
    fine = story.replace(
        role="Staff nurse", actions=(StoryAction(did="Rewrote the sheet", who="me"),)
    )
    rules = {gap.rule_id for gap in check_story(fine).gaps}
    assert "story.no_role" not in rules and "story.actor_not_a_person" not in rules


def test_story_check_command_shows_both(tmp_path: Path) -> None:
    story = Story(
        id="handover",
        title="Safer night handovers",
        actions=(StoryAction(did="Rewrote the handover sheet", who=PASTED),),
    )
    path = tmp_path / "handover.md"
    path.write_text(render_story(story), encoding="utf-8")
    assert invoke("import", str(path)).exit_code == 0
    result = invoke("check", "handover")
    assert "does not say your role" in result.stdout
    assert "reads like a sentence" in result.stdout


def _program() -> tuple[str, list[str]]:
    script = Path(sys.executable).with_name("starcoach")
    if script.exists():
        return str(script), []
    return sys.executable, ["-c", "from starcoach.cli.main import run; run()"]


def _spawn(tmp_path: Path) -> Any:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARCOACH_")}
    env.update({"STARCOACH_DATA_DIR": str(tmp_path / "data"), "NO_COLOR": "1"})
    program, prefix = _program()
    return pexpect.spawn(
        program, [*prefix, "story", "new"], env=env, timeout=30, dimensions=(40, 120)
    )


def _type_up_to_actions(child: Any) -> None:
    child.expect("Title")
    child.sendline("Safer night handovers")
    child.expect("Your role")
    child.sendline("Staff nurse")
    for _ in range(4):  # organisation, started, ended, team size
        child.expect("> ")
        child.sendline("")
    child.expect("Situation")
    child.sendline("Handover missed one medication change in twenty.")
    child.sendline("")
    child.expect("Task")
    child.sendline("")


def _draft(tmp_path: Path) -> Story:
    drafts = list((tmp_path / "data" / "drafts").glob("*.md"))
    assert len(drafts) == 1
    return read_story_file(drafts[0])


def test_ctrl_c_at_who_did_it_keeps_the_action(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    _type_up_to_actions(child)
    child.expect("Action 1")
    child.sendline("Rewrote the handover sheet with the pharmacist")
    child.expect("Who did it")
    child.sendintr()
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 130
    draft = _draft(tmp_path)
    assert draft.role == "Staff nurse"
    assert [a.did for a in draft.actions] == ["Rewrote the handover sheet with the pharmacist"]


def test_ctrl_c_keeps_the_line_being_typed(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    _type_up_to_actions(child)
    child.expect("Action 1")
    child.sendline("Rewrote the handover sheet")
    child.expect("Who did it")
    child.sendline("me")
    child.expect("Action 2")
    child.sendline("")
    child.expect("Result 1")
    child.send("Missed changes fell to none in eight weeks")  # no Enter yet
    child.expect("eight weeks")  # echoed: the line editor holds it
    child.sendintr()
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 130
    draft = _draft(tmp_path)
    assert [r.outcome for r in draft.results] == ["Missed changes fell to none in eight weeks"]
