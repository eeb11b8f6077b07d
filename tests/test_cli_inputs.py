"""Reading answers: every bad input becomes an InputError; good input keeps its characters."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from starcoach.cli.inputs import (
    MAX_INPUT_BYTES,
    InputError,
    decode_answer,
    read_answer_file,
    read_answer_stream,
)


def test_text_is_kept_exactly_including_crlf_and_tabs() -> None:
    data = "I led it.\r\n\tWe shipped — on time.\n".encode()
    answer = decode_answer(data, "a.txt")
    assert answer.text == "I led it.\r\n\tWe shipped — on time.\n"
    assert answer.removed_controls == 0


def test_utf8_bom_is_dropped() -> None:
    assert decode_answer(b"\xef\xbb\xbfI led it.", "a.txt").text == "I led it."


def test_control_characters_are_removed_and_counted() -> None:
    answer = decode_answer("I led\x1b[31m it.\x07\x7f\u0085".encode(), "a.txt")
    assert answer.text == "I led[31m it."
    assert answer.removed_controls == 4


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "whitespace"),
        (b"\x01\x02", "empty"),
        (b"abc\x00def", "offset 3"),
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"caf\xc3\xa9 \xe9t", "offset 6"),
        (b"\xef\xbb\xbfab\xff", "offset 5"),
        (b"a" * (MAX_INPUT_BYTES + 1), f"{MAX_INPUT_BYTES:,}"),
    ],
)
def test_bad_bytes_raise_input_error(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode_answer(data, "answer.txt")
    message = str(info.value)
    assert fragment in message
    assert "answer.txt" in message
    assert "\n" not in message


def test_exactly_the_limit_is_accepted() -> None:
    assert len(decode_answer(b"a" * MAX_INPUT_BYTES, "x").text) == MAX_INPUT_BYTES


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_answer_file(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_answer_file(str(tmp_path))


def test_file_is_read_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(b"Line one.\r\nLine two.")
    assert read_answer_file(str(path)).text == "Line one.\r\nLine two."


def test_huge_file_is_rejected_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (MAX_INPUT_BYTES // 2))
    with pytest.raises(InputError, match="limit"):
        read_answer_file(str(path))


def test_stream_reading() -> None:
    assert read_answer_stream(io.BytesIO(b"I did it.")).text == "I did it."
    with pytest.raises(InputError, match="standard input"):
        read_answer_stream(io.BytesIO(b""))
