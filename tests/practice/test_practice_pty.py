"""The real `starcoach practice` program, driven through a pseudo-terminal like a person would."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from practice_answers import STRONG_PROUD, WEAK_PROUD

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 60
_SESSION_ID = re.compile(rb"starcoach practice resume ([0-9a-f]{8})")


def _command() -> tuple[str, list[str]]:
    script = Path(sys.executable).with_name("starcoach")
    if script.exists():
        return str(script), []
    return sys.executable, ["-c", "from starcoach.cli.main import run; run()"]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Yield an environment whose database lives in a fresh folder."""
    values = {k: v for k, v in os.environ.items() if not k.startswith("STARCOACH_")}
    values.update({"STARCOACH_DATA_DIR": str(tmp_path / "data"), "NO_COLOR": "1", "COLUMNS": "100"})
    yield values


def _spawn(env: dict[str, str], *args: str) -> object:
    program, prefix = _command()
    child = pexpect.spawn(
        program, [*prefix, *args], env=env, timeout=TIMEOUT, encoding=None, dimensions=(40, 120)
    )
    return child


def _type_answer(child: object, text: str) -> None:
    # Typed line by line, as a person pastes a paragraph and then finishes it with a lone dot.
    for line in re.split(r"(?<=\.) ", text):
        child.sendline(line.encode())  # type: ignore[attr-defined]
        child.expect(rb"\. ")  # type: ignore[attr-defined]
    child.sendline(b".")  # type: ignore[attr-defined]


def test_a_session_is_interrupted_saved_and_resumed(env: dict[str, str]) -> None:
    child = _spawn(env, "practice", "--question", "proud", "--seed", "3")
    child.expect(rb"Question 1 of 1")
    child.expect(rb"Interviewer: ")
    child.expect(rb"> ")
    _type_answer(child, WEAK_PROUD)
    # The weak answer never says what the speaker did: that is what the interviewer asks first.
    child.expect(rb"Follow-up 1: [^\r\n]*(?:personally|yours|yourself)")
    child.expect(rb"> ")
    child.sendline(b"I rewrote the loader myself and moved the nightly schedule")
    child.expect(rb"\. ")
    child.sendcontrol("c")
    child.expect(_SESSION_ID)
    session_id = child.match.group(1).decode()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    child = _spawn(env, "practice", "resume")
    child.expect(rb"Resuming session " + session_id.encode() + rb": 1 answer so far")
    child.expect(rb"Follow-up 1: [^\r\n]*(?:personally|yours|yourself)")
    # The half-typed reply was kept and shown back.
    child.expect(rb"\| I rewrote the loader myself and moved the nightly schedule")
    child.expect(rb"\. ")
    child.sendline(b"so the report ran after the upstream export finished.")
    child.expect(rb"\. ")
    child.sendline(b".")
    child.expect(rb"Follow-up 2: ")
    child.expect(rb"> ")
    child.sendline(b"/end")
    child.expect(rb"Practice session report")
    child.expect(rb"Three things to practise next:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = _spawn(env, "practice", "resume", session_id)
    child.expect(rb"is finished")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_empty_answers_are_asked_again_and_the_time_limit_is_shown(env: dict[str, str]) -> None:
    child = _spawn(env, "practice", "-q", "proud", "--time-limit", "1", "--follow-ups", "0")
    child.expect(rb"Interviewer: [^\r\n]*\(time limit 0:01\)")
    child.expect(rb"\[0:00\] > ")
    child.sendline(b".")
    child.expect(rb"answer is empty")
    # Bytes that are not UTF-8, and an escape sequence, do not break the session.
    child.expect(rb"Interviewer: ")
    child.expect(rb"\] > ")
    child.sendline(b"\xff\xfe\x1b[31m")
    child.expect(rb"\] \. ")
    child.sendline(b"/clear")
    child.expect(rb"Cleared")
    child.expect(rb"\] > ")
    import time

    time.sleep(1.2)
    child.sendline(STRONG_PROUD.encode())
    child.expect(rb"\[0:0\d over\] \. ")
    child.sendline(b".")
    child.expect(rb"answered in 0:0\d of 0:01, 0:0\d over")
    child.expect(rb"Practice session report")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_unknown_story_and_prompt_give_one_line_and_exit_2(env: dict[str, str]) -> None:
    for args, needle in (
        (("practice", "--story", "nope"), rb"no story with id 'nope'"),
        (("practice", "--question", "bogus"), rb"unknown question id 'bogus'"),
        (("practice", "resume", "deadbeef"), rb"no practice session with id 'deadbeef'"),
    ):
        child = _spawn(env, *args)
        child.expect(rb"starcoach: error: " + needle)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 2
        assert b"Traceback" not in (child.before or b"")
