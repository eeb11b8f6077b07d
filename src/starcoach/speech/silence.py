"""Find the silent stretches of a recording from its loudness, to time pauses precisely.

Whisper's word timings stretch a word over a following silence now and then, so a pause measured
between word timings alone can be short by a few hundred milliseconds. The loudness of the signal
says where the silence really is: frames of 20 ms, a threshold set between the recording's own noise
floor and its speech level, and runs of quiet frames at least the pause cut-off long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

FRAME_SECONDS = 0.02
HOP_SECONDS = 0.01


def loudness_db(samples: npt.NDArray[np.float32], rate: int) -> npt.NDArray[np.float64]:
    """Return the loudness of each 20 ms frame (10 ms apart), in dB relative to full scale."""
    import numpy as np

    frame = int(rate * FRAME_SECONDS)
    hop = int(rate * HOP_SECONDS)
    if len(samples) < frame:
        return np.zeros(0)
    count = 1 + (len(samples) - frame) // hop
    squares = np.concatenate(([0.0], np.cumsum(samples.astype(np.float64) ** 2)))
    starts = np.arange(count) * hop
    energy = (squares[starts + frame] - squares[starts]) / frame
    return 10.0 * np.log10(energy + 1e-12)


def speech_level_db(samples: npt.NDArray[np.float32], rate: int) -> float:
    """Return the loudness of the loud frames (95th percentile), in dBFS."""
    import numpy as np

    levels = loudness_db(samples, rate)
    return float(np.percentile(levels, 95)) if len(levels) else -120.0


def silences(
    samples: npt.NDArray[np.float32], rate: int, min_seconds: float
) -> list[tuple[float, float]]:
    """Return (start, end) in seconds of each silent run at least `min_seconds` long."""
    import numpy as np

    levels = loudness_db(samples, rate)
    if not len(levels):
        return []
    floor = float(np.percentile(levels, 10))
    speech = float(np.percentile(levels, 95))
    # Quiet enough: 35 dB under the speech level, but clear of the noise floor of a noisy room.
    threshold = max(speech - 35.0, floor + 0.4 * (speech - floor))
    quiet = levels < threshold
    out: list[tuple[float, float]] = []
    run_start: int | None = None
    for index, is_quiet in enumerate(quiet.tolist()):
        if is_quiet and run_start is None:
            run_start = index
        elif not is_quiet and run_start is not None:
            if run_start > 0:
                _close(out, run_start, index, min_seconds)
            run_start = None
    # A quiet run at the very start or end is the wait before speaking or after finishing, not a
    # pause in the answer (Whisper often times the first word from 0.0 regardless).
    return out


def _close(out: list[tuple[float, float]], first: int, stop: int, min_seconds: float) -> None:
    # A frame covers [i*hop, i*hop+frame); the silence runs from the middle of the first quiet frame
    # to the middle of the first loud one, which centres the estimate on the energy change.
    start = first * HOP_SECONDS + FRAME_SECONDS / 2
    end = stop * HOP_SECONDS + FRAME_SECONDS / 2
    if end - start >= min_seconds:
        out.append((round(float(start), 3), round(float(end), 3)))
