"""Rules switched off by id in the user's config file: the CLI and the web app leave them out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from starcoach.analysis import analyze
from starcoach.analysis.switches import rules_switched_off, switched_off
from starcoach.cli.main import app
from starcoach.config import ENV_CONFIG, ConfigError, Settings, load_settings
from starcoach.storage.models import LOCAL_USER_ID
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.checks import check_story
from starcoach.stories.documents import check_document
from starcoach.web.app import create_app

runner = CliRunner()

WEAK = (
    "We had a project that was behind. The team worked really hard on it and things were "
    "improved. I helped with some of the planning and the deadline was met and everyone was "
    "happy with how it went in the end. It was a great success and the stakeholders were "
    "pleased with the team overall. We learned a lot about working together."
)


def _fired() -> list[str]:
    return [f.rule_id for f in analyze(WEAK, question="proud").findings]


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_answer_fires_rules_to_switch_off() -> None:
    assert len(set(_fired())) >= 2


def test_settings_drop_only_the_switched_off_rules(tmp_path: Path) -> None:
    off = _fired()[0]
    settings = load_settings(_config(tmp_path, f'[rules]\ndisabled = ["{off}"]\n'))
    assert settings.disabled_rules == {off}
    report = analyze(WEAK, question="proud", disabled_rules=settings.disabled_rules)
    kept = [f.rule_id for f in report.findings]
    assert kept == [rule_id for rule_id in _fired() if rule_id != off]


def test_a_switched_off_rule_weighs_nothing_in_the_scores() -> None:
    every = analyze(WEAK, question="proud")
    none = analyze(WEAK, question="proud", disabled_rules={f.rule_id for f in every.findings})
    assert not none.findings
    assert every.overall is not None and none.overall is not None
    assert none.overall > every.overall


def test_no_config_file_keeps_every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "none"))
    assert load_settings() == Settings()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[rules]\ndisabled = ["no.such_rule"]\n', "no.such_rule"),
        ("[rules]\ndisabled = 'star.missing_result'\n", "list"),
        ('[rules]\nenabled = ["x"]\n', "rules.enabled"),
        ("[colours]\n", "[colours]"),
        ("[rules\n", "TOML"),
    ],
)
def test_a_bad_config_file_is_an_error_naming_the_file(
    tmp_path: Path, text: str, words: str
) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(path) in str(error.value)
    assert words in str(error.value)


def test_a_missing_named_config_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError):
        load_settings()


def test_check_leaves_out_switched_off_rules(tmp_path: Path) -> None:
    off = _fired()[0]
    answer = tmp_path / "answer.txt"
    answer.write_text(WEAK, encoding="utf-8")
    env = {ENV_CONFIG: str(_config(tmp_path, f'[rules]\ndisabled = ["{off}"]\n'))}
    result = runner.invoke(app, ["check", "-q", "proud", "--format", "json", str(answer)], env=env)
    assert result.exit_code == 0, result.output
    ids = [f["rule_id"] for f in json.loads(result.stdout)["findings"]]
    assert off not in ids
    assert ids


def test_check_with_every_fired_rule_off_passes_the_gate(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(WEAK, encoding="utf-8")
    args = ["check", "-q", "proud", "--fail-on", "suggestion", str(answer)]
    assert runner.invoke(app, args).exit_code == 1
    off = json.dumps(sorted(set(_fired())))
    env = {ENV_CONFIG: str(_config(tmp_path, f"[rules]\ndisabled = {off}\n"))}
    assert runner.invoke(app, args, env=env).exit_code == 0


def test_check_refuses_a_config_naming_no_rule(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(WEAK, encoding="utf-8")
    env = {ENV_CONFIG: str(_config(tmp_path, '[rules]\ndisabled = ["star.missing_resutl"]\n'))}
    result = runner.invoke(app, ["check", "-q", "proud", str(answer)], env=env)
    assert result.exit_code == 2
    assert "star.missing_resutl" in result.stderr
    assert "did you mean star.missing_result" in result.stderr


def test_rules_disabled_lists_the_switched_off_rules(tmp_path: Path) -> None:
    path = _config(tmp_path, '[rules]\ndisabled = ["star.missing_result"]\n')
    result = runner.invoke(app, ["rules", "disabled"], env={ENV_CONFIG: str(path)})
    assert result.exit_code == 0, result.output
    assert str(path) in result.stdout
    assert "off: star.missing_result" in result.stdout


def test_the_web_check_leaves_out_switched_off_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    off = _fired()[0]
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}")) as client:
        body = {"question": "proud", "answer": WEAK}
        before = [f["rule_id"] for f in client.post("/api/check", json=body).json()["findings"]]
        assert off in before
        path = _config(tmp_path, f'[rules]\ndisabled = ["{off}"]\n')
        monkeypatch.setenv(ENV_CONFIG, str(path))
        after = [f["rule_id"] for f in client.post("/api/check", json=body).json()["findings"]]
        assert after == [rule_id for rule_id in before if rule_id != off]
        _config(tmp_path, "[rules\n")
        broken = client.post("/api/check", json=body)
        assert broken.status_code == 500
        assert str(tmp_path) not in broken.text


HUMBLEBRAG = "My biggest failure is that I'm a perfectionist, so I polish my work too long."
STORIES = Path(__file__).parent / "data" / "stories"


def _humblebrag_story(tmp_path: Path) -> Path:
    """A copy of a complete story whose failure field is a humblebrag."""
    text = (STORIES / "checkout-latency.md").read_text(encoding="utf-8")
    start = text.index("## Failure")
    end = text.index("## Feedback")
    path = tmp_path / "stories" / "checkout-latency.md"
    path.parent.mkdir()
    path.write_text(text[:start] + f"## Failure\n\n{HUMBLEBRAG}\n\n" + text[end:], encoding="utf-8")
    return path


def _story_rules(check: dict[str, Any]) -> set[str]:
    return {f["rule_id"] for f in check["findings"]}


def test_every_analysis_inside_the_block_leaves_the_rules_out(tmp_path: Path) -> None:
    story = read_story_file(_humblebrag_story(tmp_path))
    assert "failure.humblebrag" in _story_rules(check_document(check_story(story)))
    with rules_switched_off(lambda: {"failure.humblebrag"}):
        assert switched_off() == {"failure.humblebrag"}
        assert "failure.humblebrag" not in _story_rules(check_document(check_story(story)))
        assert not any(
            f.rule_id == "failure.humblebrag" for f in analyze(HUMBLEBRAG, "failure").findings
        )
    assert switched_off() == frozenset()
    assert "failure.humblebrag" in {f.rule_id for f in analyze(HUMBLEBRAG, "failure").findings}


def test_story_check_on_the_command_line_leaves_out_switched_off_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    assert runner.invoke(app, ["story", "import", str(_humblebrag_story(tmp_path))]).exit_code == 0
    command = ["story", "check", "checkout-latency", "--format", "json"]
    before = runner.invoke(app, command)
    assert "failure.humblebrag" in _story_rules(json.loads(before.stdout))
    env = {ENV_CONFIG: str(_config(tmp_path, '[rules]\ndisabled = ["failure.humblebrag"]\n'))}
    after = runner.invoke(app, command, env=env)
    assert after.exit_code == 0, after.output
    rules = _story_rules(json.loads(after.stdout))
    assert "failure.humblebrag" not in rules
    broken = runner.invoke(app, command, env={ENV_CONFIG: str(_config(tmp_path, "[rules\n"))})
    assert broken.exit_code == 2
    assert broken.stderr.startswith("starcoach: error: ") and "TOML" in broken.stderr


def test_the_web_story_page_leaves_out_switched_off_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = read_story_file(_humblebrag_story(tmp_path))
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}")) as client:
        client.app.state.web.stories(LOCAL_USER_ID).add(story)  # type: ignore[attr-defined]
        before = client.get(f"/stories/{story.id}.json").json()["check"]
        assert "failure.humblebrag" in _story_rules(before)
        path = _config(tmp_path, '[rules]\ndisabled = ["failure.humblebrag"]\n')
        monkeypatch.setenv(ENV_CONFIG, str(path))
        after = client.get(f"/stories/{story.id}.json").json()["check"]
        assert _story_rules(after) == _story_rules(before) - {"failure.humblebrag"}


def test_practice_refuses_a_broken_config_before_the_first_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    env = {ENV_CONFIG: str(_config(tmp_path, '[rules]\ndisabled = ["no.such_rule"]\n'))}
    result = runner.invoke(app, ["practice", "--question", "failure"], input=HUMBLEBRAG, env=env)
    assert result.exit_code == 2
    assert "no.such_rule" in result.stderr
    assert "Tell me" not in result.stdout
