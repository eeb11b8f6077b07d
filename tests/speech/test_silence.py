"""Silence finding on made-up signals, and the dropped closing phrase Whisper invents."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from starcoach.speech.silence import silences  # noqa: E402
from starcoach.speech.transcribe import _is_outro  # noqa: E402

RATE = 16_000


def _tone(seconds: float, amplitude: float = 0.3) -> object:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


@pytest.mark.parametrize("noise", [0.0, 0.003])
def test_silences_are_found_within_20_ms_even_over_room_noise(noise: float) -> None:
    rng = np.random.default_rng(7)
    parts = [_tone(1.0), np.zeros(int(1.5 * RATE), np.float32), _tone(1.0),
             np.zeros(int(0.4 * RATE), np.float32), _tone(1.0)]  # fmt: skip
    signal = np.concatenate(parts)
    signal = signal + rng.normal(0, noise, len(signal)).astype(np.float32)
    found = silences(signal, RATE, 1.0)
    assert len(found) == 1
    start, end = found[0]
    assert start == pytest.approx(1.0, abs=0.02) and end == pytest.approx(2.5, abs=0.02)


def test_an_invented_closing_phrase_is_recognised_but_a_real_one_is_kept() -> None:
    invented = [("Thank", 19.0, 19.0, 0.02), ("you", 19.0, 19.08, 0.97)]
    said = [("Thank", 10.0, 10.3, 0.95), ("you.", 10.3, 10.6, 0.97)]
    other = [("The", 19.0, 19.0, 0.02), ("end.", 19.0, 19.1, 0.9)]
    assert _is_outro(invented)
    assert not _is_outro(said)
    assert not _is_outro(other)


def test_the_wait_before_speaking_and_after_finishing_is_not_a_pause() -> None:
    gap = np.zeros(int(2.0 * RATE), np.float32)
    signal = np.concatenate(
        [gap, _tone(1.0), np.zeros(int(1.2 * RATE), np.float32), _tone(1.0), gap]
    )
    found = silences(signal, RATE, 1.0)
    assert len(found) == 1
    assert found[0][0] == pytest.approx(3.0, abs=0.02)
