"""Read an answer from a file or standard input, and turn every kind of bad input into one clear message.

The text is kept as written (line endings included) so that every span the analyzer reports points
at the user's own characters; only control characters other than tab and line breaks are removed,
because they cannot be part of a spoken answer and would garble a terminal.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import BinaryIO

MAX_INPUT_BYTES = 100_000
"""The largest answer accepted, in bytes: far above a spoken answer (about 15,000 words)."""

STDIN_NAME = "standard input"

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class InputError(ValueError):
    """The input cannot be analyzed; the message is one line meant for the user."""


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """An answer read and checked, with where it came from and what was cleaned."""

    text: str
    source: str
    removed_controls: int = 0


def decode_answer(data: bytes, source: str) -> AnswerInput:
    """Return the answer in `data`, or raise InputError saying what is wrong with it."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{source} is over the size limit of {MAX_INPUT_BYTES:,} bytes")
    if data.startswith(_UTF16_BOMS):
        raise InputError(f"{source} is UTF-16 text; save it as UTF-8 and try again")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"{source} looks like a binary file (a NUL byte at byte offset {offset})")
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise InputError(
            f"{source} is not valid UTF-8 (byte 0x{data[offset]:02x} at byte offset {offset}); "
            "save it as UTF-8 and try again"
        ) from None
    cleaned, removed = _CONTROLS.subn("", text)
    if not cleaned:
        raise InputError(f"{source} is empty; give the text of your answer")
    if not cleaned.strip():
        raise InputError(f"{source} holds only whitespace; give the text of your answer")
    return AnswerInput(cleaned, source, removed)


def read_answer_file(path: str) -> AnswerInput:
    """Return the answer stored in the file at `path`, or raise InputError."""
    try:
        if os.path.isdir(path):
            raise InputError(f"{path} is a directory, not a file")
        with open(path, "rb") as handle:
            # One byte past the limit is enough to know the file is too large without reading it all.
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode_answer(data, path)


def read_answer_stream(stream: BinaryIO, source: str = STDIN_NAME) -> AnswerInput:
    """Return the answer read from a binary stream up to its end, or raise InputError."""
    try:
        data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    return decode_answer(data or b"", source)
