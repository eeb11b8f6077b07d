"""`starcoach practice --speak`: answers said aloud, from the microphone or one audio file each.

The microphone is read with sounddevice (PortAudio); Enter stops the recording. Each answer is
transcribed offline, its delivery shown, and the transcript without fillers goes to the interviewer.
Imported only with --speak.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starcoach.cli.output import fail, write_stdout

if TYPE_CHECKING:
    from starcoach.cli.practice import Reply
    from starcoach.practice.session import Prompt

CAPTURE_RATE = 16_000


def _say(text: str = "") -> None:
    write_stdout(text + "\n")


def open_microphone() -> Any:
    """Return the sounddevice module once an input device is known to exist; else exit 2."""
    try:
        import sounddevice
    except ImportError:
        fail("recording needs the speech extra: pip install 'starcoach[speech]'")
    except OSError:
        fail(
            "no audio system found (PortAudio is missing; on Debian or Ubuntu: apt-get install "
            "libportaudio2); answer with audio files instead: --speak --answers DIR"
        )
    try:
        sounddevice.query_devices(kind="input")
    except Exception:  # PortAudio raises its own error types when there is no device
        fail("no microphone found: connect one, or answer with audio files: --speak --answers DIR")
    return sounddevice


def record_wav(sounddevice: Any, path: Path, time_limit: int | None) -> float:
    """Record from the default microphone to `path` until Enter (or the time limit); return seconds."""
    import wave

    chunks: list[bytes] = []
    stop = threading.Event()

    def collect(data: Any, _frames: int, _time: Any, _status: Any) -> None:
        chunks.append(bytes(data))

    def wait_for_enter() -> None:
        sys.stdin.readline()
        stop.set()

    began = time.monotonic()
    with sounddevice.RawInputStream(
        samplerate=CAPTURE_RATE, channels=1, dtype="int16", callback=collect
    ):
        threading.Thread(target=wait_for_enter, daemon=True).start()
        while not stop.wait(0.1):
            if time_limit is not None and time.monotonic() - began > time_limit:
                _say("  (time is up)")
                break
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(CAPTURE_RATE)
        out.writeframes(b"".join(chunks))
    return time.monotonic() - began


def keep_recording(path: str) -> str:
    """Copy the recording into starcoach's data folder (audio/) and return where it now lives."""
    import secrets
    import shutil

    from starcoach.storage.db import data_dir

    folder = data_dir() / "audio"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}{Path(path).suffix}"
    shutil.copyfile(path, target)
    return str(target)


class SpokenSource:
    """Answers said aloud: recorded from the microphone, or read from one audio file per question."""

    scripted: bool
    partial = ""

    def __init__(self, folder: Path | None, model: str | None, keep_audio: bool = False) -> None:
        self.folder = folder
        self.model = model
        self.keep_audio = keep_audio
        self.scripted = folder is not None
        self._mic = open_microphone() if folder is None else None

    def _audio_for(self, prompt: Prompt) -> Path | None:
        from starcoach.speech.transcribe import SUPPORTED_SUFFIXES

        assert self.folder is not None
        stem = (
            prompt.question_id
            if prompt.kind == "opener"
            else f"{prompt.question_id}.{prompt.number}"
        )
        for suffix in SUPPORTED_SUFFIXES:
            path = self.folder / f"{stem}{suffix}"
            if path.exists():
                return path
        return None

    def answer(self, prompt: Prompt, draft: str, time_limit: int | None) -> Reply:
        """Return the transcript (fillers left out) of the spoken answer to `prompt`."""
        from starcoach.cli.practice import Reply

        if self.folder is not None:
            path = self._audio_for(prompt)
            if path is None:
                _say(f"  (no audio for this question in {self.folder}: skipped)")
                return Reply("skip")
            return self._transcribe(str(path), prompt)
        _say("  Recording: speak your answer, then press Enter to stop.")
        with tempfile.TemporaryDirectory() as work:
            wav = Path(work) / "answer.wav"
            record_wav(self._mic, wav, time_limit)
            return self._transcribe(str(wav), prompt)

    def _transcribe(self, path: str, prompt: Prompt) -> Reply:
        from starcoach.cli.practice import Reply
        from starcoach.cli.spoken import transcribe_file
        from starcoach.speech.render import delivery_lines, marked_transcript
        from starcoach.speech.spoken import check_spoken

        result = transcribe_file(path, self.model)
        spoken = check_spoken(result.transcript, prompt.question_id, silences=result.silences)
        _say("  > " + marked_transcript(spoken.transcript, spoken.delivery))
        for line in delivery_lines(spoken.delivery):
            _say("  " + line)
        from starcoach.speech.delivery import delivery_to_json

        delivery = delivery_to_json(spoken.delivery, spoken.transcript)
        kept = keep_recording(path) if self.keep_audio else None
        return Reply(
            "text",
            spoken.clean.text,
            elapsed=spoken.delivery.speaking_seconds,
            delivery=delivery,
            audio_path=kept,
        )
