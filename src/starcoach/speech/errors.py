"""Errors of the speech layer: each message is one line meant for the user."""

from __future__ import annotations


class SpeechError(ValueError):
    """Audio or a transcript cannot be used; `str(error)` is one line for the user."""

    kind = "speech"


class ExtraMissing(SpeechError):
    """The optional speech extra is not installed."""

    kind = "extra_missing"


class ModelMissing(SpeechError):
    """The transcription model folder does not exist or is not a CTranslate2 Whisper model."""

    kind = "model_missing"


class UnsupportedAudio(SpeechError):
    """The file is not in one of the audio formats we read."""

    kind = "unsupported"


class UnreadableAudio(SpeechError):
    """The file has a supported name but cannot be decoded."""

    kind = "unreadable"


class AudioTooLong(SpeechError):
    """The recording is over the length limit."""

    kind = "too_long"


class SilentAudio(SpeechError):
    """The recording holds no speech."""

    kind = "silent"


class TranscriptError(SpeechError):
    """An imported transcript cannot be read."""

    kind = "transcript"


class NoInputDevice(SpeechError):
    """No microphone can be opened."""

    kind = "no_input_device"
