"""The answer clock of a timed practice question: what to show each second, and when time is up.

Pure logic, no terminal: the command line asks `AnswerClock.tick` once a second what to draw and draws
it. The clock sits at the start of the line being typed ("[1:05] > "); it is redrawn in place only while
the typed text still fits on that one screen line, so a redraw never lands on the answer itself. When the
limit passes, one "time is up" notice is due, shown at once when the line is empty, else with the next
line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SAVE_CURSOR = "\x1b7"
RESTORE_CURSOR = "\x1b8"


def clock(seconds: float) -> str:
    """Return whole seconds as m:ss ("1:05")."""
    total = max(int(seconds), 0)
    return f"{total // 60}:{total % 60:02d}"


def marker(elapsed: float, limit: int | None, first_line: bool) -> str:
    """Return the prompt of an answer line: "[0:12] > ", "[2:05 over] . ", or "> " untimed."""
    arrow = "> " if first_line else ". "
    if not limit:
        return arrow
    over = " over" if elapsed > limit else ""
    return f"[{clock(elapsed)}{over}] {arrow}"


def time_up_notice(limit: int) -> str:
    """Return the line that says the limit has passed."""
    return (
        f"  Time is up: {clock(limit)} has passed. Finish your sentence, then type . on a line "
        "of its own."
    )


@dataclass
class AnswerClock:
    """The clock of one answer line by line: what to redraw and whether "time is up" is due."""

    limit: int
    first_line: bool = True
    shown: str = ""
    notice_due: bool = False
    notice_shown: bool = False
    _expired: bool = field(default=False, repr=False)

    def start_line(self, elapsed: float, first_line: bool) -> str:
        """Return the prompt for a new answer line (and remember it as what is on screen)."""
        self.first_line = first_line
        self.shown = marker(elapsed, self.limit, first_line)
        self._check_expiry(elapsed)
        return self.shown

    def tick(self, elapsed: float, typed: str, width: int) -> str:
        """Return what to write to the terminal now ("" for nothing), given the line typed so far.

        The prompt is redrawn in place (cursor saved and restored) when its text changed, keeps its
        width, and the prompt and the typed text fit on one line of `width` columns; with nothing
        typed it is simply drawn again. When the limit has just passed
        and nothing is typed on the line, the "time is up" notice is written on its own line and the
        prompt is drawn again below it.
        """
        self._check_expiry(elapsed)
        current = marker(elapsed, self.limit, self.first_line)
        if self.notice_due and not self.notice_shown and not typed:
            self.notice_shown = True
            self.shown = current
            return f"\r\x1b[K{time_up_notice(self.limit)}\n{current}"
        if current == self.shown:
            return ""
        if not typed:
            # Nothing typed yet: redraw the whole prompt; the cursor ends where typing goes.
            self.shown = current
            return f"\r\x1b[K{current}"
        if len(current) != len(self.shown) or len(current) + len(typed) >= width:
            # A prompt of another width would cover typed text or leave the cursor inside it, and
            # a wrapped line would put the redraw on the answer: wait for the next line.
            return ""
        self.shown = current
        return f"{SAVE_CURSOR}\r{current}{RESTORE_CURSOR}"

    def pending_notice(self) -> str:
        """Return the "time is up" line if it is due and not yet shown (then it counts as shown)."""
        if self.notice_due and not self.notice_shown:
            self.notice_shown = True
            return time_up_notice(self.limit)
        return ""

    def _check_expiry(self, elapsed: float) -> None:
        if not self._expired and elapsed > self.limit:
            self._expired = True
            self.notice_due = True
