"""Make test speech: espeak-ng says known phrases, sox joins them with silences of known length.

Each phrase is synthesised on its own and trimmed of the synthesiser's own leading and trailing
silence, so the silence between two phrases is exactly the one inserted. Other formats (MP3, M4A,
WebM/Opus) are encoded from the WAV with PyAV, the library the speech extra decodes with.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 16_000
VOICE = "en-us"
SPEED = 150


def tools_missing() -> str | None:
    """Return why synthetic speech cannot be made here, or None when it can."""
    missing = [t for t in ("espeak-ng", "sox") if shutil.which(t) is None]
    if missing:
        return f"{' and '.join(missing)} not installed (apt-get install espeak-ng sox)"
    return None


@dataclass(frozen=True)
class Synth:
    """A synthetic recording and what is known to be in it."""

    path: Path
    words: list[str]
    pauses: list[tuple[float, float]]
    """Inserted silences, (start, end) in seconds."""
    seconds: float


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _duration(path: Path) -> float:
    return float(_run("soxi", "-D", str(path)).strip())


def say(parts: Sequence[str | float], out: Path, speed: int = SPEED) -> Synth:
    """Write a WAV of `parts` (text to say, or seconds of silence) to `out`."""
    work = out.parent / f".{out.stem}-parts"
    work.mkdir(exist_ok=True)
    files: list[str] = []
    words: list[str] = []
    pauses: list[tuple[float, float]] = []
    at = 0.0
    for index, part in enumerate(parts):
        piece = work / f"{index}.wav"
        if isinstance(part, str):
            raw = work / f"{index}-raw.wav"
            _run("espeak-ng", "-v", VOICE, "-s", str(speed), "-w", str(raw), part)
            # Trim the synthesiser's own silence at both ends.
            _run(
                "sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(piece),
                "silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse",
            )  # fmt: skip
            words.extend(part.split())
        else:
            _run(
                "sox",
                "-n",
                "-r",
                str(RATE),
                "-c",
                "1",
                "-b",
                "16",
                str(piece),
                "trim",
                "0",
                str(part),
            )
            pauses.append((at, at + float(part)))
        at += _duration(piece)
        files.append(str(piece))
    _run("sox", *files, str(out))
    shutil.rmtree(work)
    return Synth(out, words, pauses, _duration(out))


def encode(wav: Path, suffix: str) -> Path:
    """Return `wav` encoded as MP3, M4A (AAC) or WebM (Opus) next to it."""
    import av
    import numpy as np

    codec, container = {
        ".mp3": ("mp3", "mp3"),
        ".m4a": ("aac", "ipod"),
        ".webm": ("libopus", "webm"),
        ".ogg": ("libopus", "ogg"),
    }[suffix]
    out = wav.with_suffix(suffix)
    rate = 48_000 if codec == "libopus" else RATE
    with av.open(str(wav)) as source, av.open(str(out), "w", format=container) as sink:
        stream = sink.add_stream(codec, rate=rate)
        stream.layout = "mono"
        resampler = av.AudioResampler(
            format=stream.format if codec != "libopus" else "s16", layout="mono", rate=rate
        )
        for frame in source.decode(audio=0):
            for res in resampler.resample(frame):
                for packet in stream.encode(res):
                    sink.mux(packet)
        for res in resampler.resample(None):
            for packet in stream.encode(res):
                sink.mux(packet)
        for packet in stream.encode(None):
            sink.mux(packet)
    del np
    return out
