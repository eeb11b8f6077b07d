"""`starcoach guide`: the overview of the seven prompts and the guidance for one."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from starcoach import content
from starcoach.cli.main import app

runner = CliRunner()


def guide(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["guide", *args])


def test_overview_lists_the_seven_prompts() -> None:
    result = guide()
    assert result.exit_code == 0, result.output
    loaded = content.load_content()
    for question_id in content.CORE_QUESTION_IDS:
        assert question_id in result.stdout
        # A phrasing of each prompt is shown (wrapped in the table, so compare its first words).
        first_words = " ".join(loaded.questions[question_id].phrasings[0].split()[:2])
        assert first_words in " ".join(result.stdout.split())
    assert "generic" not in result.stdout.split()


@pytest.mark.parametrize("prompt_id", ["proud", "failure", "improvement"])
def test_guidance_for_an_id_shows_every_section(prompt_id: str) -> None:
    result = guide(prompt_id)
    assert result.exit_code == 0, result.output
    question = content.get_question(prompt_id)
    flat = " ".join(result.stdout.split())
    for step in question.structure:
        assert " ".join(step.label.split()) in flat
    assert " ".join(question.follow_ups[0].split()[:4]) in flat
    assert " ".join(question.pitfalls[0].split()[:4]) in flat
    assert " ".join(question.skeleton.split()[:4]) in flat
    for role in content.load_content().roles.values():
        if role.id in question.role_advice:
            assert role.name in flat


def test_role_option_narrows_the_advice() -> None:
    roles = list(content.load_content().roles.values())
    chosen, other = roles[0], roles[1]
    flat = " ".join(guide("proud", "--role", chosen.id).stdout.split())
    assert f"{chosen.name}:" in flat
    assert f"{other.name}:" not in flat


def test_free_text_prompt_is_detected() -> None:
    result = guide("What's your greatest achievement?")
    assert result.exit_code == 0, result.output
    assert "(proud)" in result.stdout


def test_unknown_role_falls_back_to_general_advice_with_a_note() -> None:
    result = guide("proud", "--role", "astronaut")
    assert result.exit_code == 0, result.output
    assert "no role matches 'astronaut'" in result.stderr
    assert "Pitfalls" in result.stdout


def test_unknown_id_and_empty_role_are_one_line_errors() -> None:
    for result in (guide("bogusprompt"), guide("proud", "--role", " ")):
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("starcoach: error: ")
        assert "Traceback" not in result.output
