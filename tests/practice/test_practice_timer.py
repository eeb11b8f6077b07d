"""The live answer clock: redrawn each second while typing, never over the answer, and a clear "time is up"."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from starcoach.practice.timer import RESTORE_CURSOR, SAVE_CURSOR, AnswerClock, clock, marker


def test_marker_shows_elapsed_and_over() -> None:
    assert marker(12.7, 120, True) == "[0:12] > "
    assert marker(125, 120, False) == "[2:05 over] . "
    assert marker(5, None, True) == "> "
    assert clock(-3) == "0:00" and clock(3599) == "59:59"


def test_the_clock_redraws_each_second_in_place() -> None:
    answer = AnswerClock(limit=60)
    assert answer.start_line(0.2, True) == "[0:00] > "
    assert answer.tick(0.6, "I rebuilt", 80) == ""  # same second: nothing to draw
    redraw = answer.tick(1.1, "I rebuilt", 80)
    assert redraw == f"{SAVE_CURSOR}\r[0:01] > {RESTORE_CURSOR}"
    # With nothing typed the prompt is simply drawn again, the cursor left after it.
    assert answer.tick(2.0, "", 80) == "\r\x1b[K[0:02] > "


def test_the_clock_never_draws_over_a_wrapped_line() -> None:
    answer = AnswerClock(limit=60)
    answer.start_line(0.0, True)
    assert answer.tick(5.0, "x" * 75, 80) == ""
    assert answer.shown == "[0:00] > "


def test_time_up_is_said_once_at_once_when_the_line_is_empty() -> None:
    answer = AnswerClock(limit=30)
    answer.start_line(29.0, True)
    out = answer.tick(30.5, "", 80)
    assert "Time is up: 0:30 has passed" in out
    assert out.endswith("[0:30 over] > ")
    assert answer.tick(31.5, "", 80) == "\r\x1b[K[0:31 over] > "
    assert "Time is up" not in answer.tick(40, "", 80)
    assert answer.pending_notice() == ""


def test_time_up_waits_for_the_next_line_while_typing() -> None:
    answer = AnswerClock(limit=30)
    answer.start_line(29.0, False)
    # The prompt would grow (" over"): it is not redrawn over the typed words.
    assert answer.tick(31.0, "and then I", 80) == ""
    notice = answer.pending_notice()
    assert notice.startswith("  Time is up: 0:30 has passed")
    assert answer.pending_notice() == ""
    assert answer.start_line(32.0, False) == "[0:32 over] . "


def test_the_live_clock_ticks_while_typing_on_a_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from shutil import which

    program = which("starcoach", path=str(Path(sys.executable).parent))
    if program is None:
        pytest.skip("the starcoach script is not installed next to this Python")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STARCOACH_")}
    env.update({"STARCOACH_DATA_DIR": str(tmp_path), "NO_COLOR": "1"})
    child = pexpect.spawn(
        program,
        ["practice", "-q", "proud", "-t", "2", "--follow-ups", "0"],
        env=env,
        timeout=20,
        dimensions=(30, 100),
    )
    child.expect(rb"\[0:00\] > ")
    # No key pressed: the clock still moves, and says when the limit has passed.
    child.expect(rb"\[0:01\] > ", timeout=5)
    child.expect(rb"Time is up: 0:02 has passed", timeout=5)
    child.send("I rebuilt the rota")
    child.expect("rota")
    # Redrawn in place (cursor saved and restored) while the words stay typed.
    child.expect(rb"\x1b7\r\[0:0\d over\] > \x1b8", timeout=5)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
