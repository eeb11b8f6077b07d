"""The accuracy harness runs end to end on small data we wrote, so it cannot silently break."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval import run
from eval.answers import evaluate as evaluate_answers

from eval_fixture import lay_out


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """One data folder of every area's fixture, laid out like the real one."""
    return lay_out(tmp_path / "eval-data")


def test_answers_metrics_on_our_fixture(data: Path) -> None:
    rows = {row.metric: row for row in evaluate_answers(data)}
    weak = rows["weak answers flagged with a matching reason"]
    assert weak.n == 3 and weak.value == 1.0
    assert rows["strong answers with no error-level finding"].value == 1.0
    pairwise = rows["pairwise: strong scores above weak (pair_id and contrast_group)"]
    assert pairwise.n == 3 and pairwise.value == 1.0
    assert rows["abstention rate"].value == 0.0
    assert rows["handbook weak framings flagged with their category's rule"].value == 1.0


def test_run_writes_the_accuracy_table(
    data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    output = tmp_path / "ACCURACY.md"
    monkeypatch.setenv("STARCOACH_EVAL_DATA", str(data))
    monkeypatch.setattr("sys.argv", ["eval.run", "--output", str(output)])
    assert run.main() == 0
    text = output.read_text(encoding="utf-8")
    for area in run.AREAS:
        assert f"| {area} |" in text
    assert "What these numbers do not show" in text


def test_run_explains_missing_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STARCOACH_EVAL_DATA", str(tmp_path / "absent"))
    monkeypatch.setattr("sys.argv", ["eval.run", "--output", str(tmp_path / "out.md")])
    assert run.main() == 2
    assert "evaluation data not found" in capsys.readouterr().err
    assert not (tmp_path / "out.md").exists()
