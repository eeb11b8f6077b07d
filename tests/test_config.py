"""Rules switched off by id in the user's config file: the CLI and the web app leave them out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from starcoach.analysis import analyze
from starcoach.cli.main import app
from starcoach.config import ENV_CONFIG, ConfigError, Settings, load_settings
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
