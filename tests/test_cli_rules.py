"""`starcoach rules list` and `starcoach rules explain ID`."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from starcoach.analysis import registry
from starcoach.cli.main import app

runner = CliRunner()


def test_list_shows_every_rule() -> None:
    result = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rules = registry.load_rules()
    assert rules
    for rule in rules:
        assert rule.id in result.stdout


def test_list_filters_by_question() -> None:
    rules = registry.load_rules()
    result = runner.invoke(app, ["rules", "list", "--question", "failure"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    shown = set(re.findall(r"^\s*([a-z_]+(?:\.[a-z_]+)+)\s", result.stdout, re.M))
    assert shown == {r.id for r in rules if r.applies_to("failure")}


def test_list_with_unknown_question_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["rules", "list", "--question", "nope"])
    assert result.exit_code == 2
    assert result.stderr.startswith("starcoach: error: ") and result.stderr.count("\n") == 1


def test_explain_shows_message_advice_source_and_examples() -> None:
    rule = registry.load_rules()[0]
    result = runner.invoke(app, ["rules", "explain", rule.id], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert rule.id in flat
    assert " ".join(rule.message.split()) in flat
    assert " ".join(rule.advice.split()[:6]) in flat
    assert " ".join(rule.source.split()[:4]) in flat
    assert " ".join(rule.flag_examples[0].split()[:4]) in flat
    assert rule.severity.label in flat


def test_explain_unknown_rule_suggests_close_ids() -> None:
    rule = registry.load_rules()[0]
    result = runner.invoke(app, ["rules", "explain", rule.id + "x"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert rule.id in result.stderr


def test_explain_prints_no_templates_or_internals() -> None:
    for rule in registry.load_rules():
        result = CliRunner().invoke(app, ["rules", "explain", rule.id], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        out = result.stdout
        for internal in ("{", ": None", "min_ratio", "detector", "[[", "Matcher", "(?:", "\\w"):
            assert internal not in out, (rule.id, internal)
        assert "When it fires" in out
        flat = " ".join(out.split())
        assert " ".join(rule.advice.split()[:5]) in flat
