"""`starcoach check --audio/--transcript` and `starcoach practice --speak`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.speech.synth import Synth
from typer.testing import CliRunner

from starcoach.cli.main import app

VTT = """WEBVTT

00:00:00.000 --> 00:00:05.000
I led the migration of our billing system, and we had three weeks to do it.

00:00:07.000 --> 00:00:12.000
I split the work into two phases and wrote the plan myself.
"""


def test_check_transcript_vtt_declines_fillers(tmp_path: Path) -> None:
    path = tmp_path / "answer.vtt"
    path.write_text(VTT, "utf-8")
    result = CliRunner().invoke(app, ["check", "--transcript", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "starcoach.spoken/1"
    assert doc["transcript"]["source"] == "vtt"
    fillers = next(v for v in doc["delivery"]["verdicts"] if v["metric"] == "fillers")
    assert fillers["status"] == "declined"
    assert [p["kind"] for p in doc["delivery"]["pauses"]] == ["between_sentences"]


def test_check_audio_text_output(answer_audio: dict[str, Synth]) -> None:
    result = CliRunner().invoke(
        app, ["check", "--audio", str(answer_audio[".wav"].path), "-q", "proud"]
    )
    assert result.exit_code == 0, result.output
    assert "[Um" in result.stdout
    assert "Pace:" in result.stdout and "Long pauses:" in result.stdout
    assert "Question: proud" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--audio", "missing.wav"], "no such file"),
        (["--audio", "answer.flac"], "not a supported audio format"),
        (["--transcript", "missing.vtt"], "no such file"),
        (["--audio", "a.wav", "--transcript", "a.vtt"], "not both"),
    ],
)
def test_bad_spoken_input_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answer.flac").write_bytes(b"fLaC")
    result = CliRunner().invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_practice_speak_with_audio_files(
    answer_audio: dict[str, Synth], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(answer_audio[".webm"].path, answers / "proud.webm")
    result = CliRunner().invoke(
        app,
        ["practice", "--speak", "--answers", str(answers), "-q", "proud", "--no-story",
         "--follow-ups", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Pace:" in result.stdout
    assert "provider" in result.stdout
    assert "Practice session report" in result.stdout


def test_practice_speak_without_a_microphone_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        import sounddevice

        sounddevice.query_devices(kind="input")
        pytest.skip("this machine has a microphone; the no-device message cannot be seen here")
    except ImportError:
        pass  # the extra is missing: the message says to install it
    except Exception:  # no PortAudio or no input device: what this test is about
        pass
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    result = CliRunner().invoke(app, ["practice", "--speak", "-q", "proud", "--no-story"])
    assert result.exit_code == 2
    assert "--speak --answers DIR" in result.stderr or "speech extra" in result.stderr


def test_spoken_practice_stores_delivery_and_history_charts_it(
    answer_audio: dict[str, Synth], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(answer_audio[".wav"].path, answers / "proud.wav")
    args = ["practice", "--speak", "--answers", str(answers), "-q", "proud", "--no-story",
            "--follow-ups", "0"]  # fmt: skip
    assert CliRunner().invoke(app, args).exit_code == 0
    kept = CliRunner().invoke(app, [*args, "--keep-audio"])
    assert kept.exit_code == 0, kept.output
    from starcoach.storage.attempts import open_attempt_store

    attempts = open_attempt_store().attempts()
    assert len(attempts) == 2
    assert all(a.delivery and a.delivery["pace_wpm"] for a in attempts)
    assert attempts[0].audio_path is None  # no audio kept unless asked
    assert attempts[1].audio_path is not None and Path(attempts[1].audio_path).exists()
    text = CliRunner().invoke(app, ["history"])
    assert "Delivery of spoken answers (2" in text.stdout
    doc = json.loads(CliRunner().invoke(app, ["history", "-f", "json"]).stdout)
    assert doc["attempts"][0]["delivery"]["pace_wpm"] > 0
