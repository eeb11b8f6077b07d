"""Form and text input: reading a posted form with its CSRF token, and cleaning typed text.

Forms are read by hand rather than declared field by field, so a missing or malformed field never
turns into a bare validation error page: the route re-renders its form with everything the user typed
and a message saying what to fix.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from starcoach.web.security import CSRF_FIELD, CSRF_HEADER, MAX_REQUEST_BYTES, csrf_valid

MAX_ANSWER_CHARS = 100_000
"""The longest answer accepted, in characters (the CLI's limit is the same number of bytes)."""

FORM_ID_FIELD = "form_id"

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class PostedForm:
    """A posted form and whether its CSRF token belongs to this browser session."""

    data: FormData
    csrf_ok: bool

    def text(self, name: str) -> str:
        """Return the field's text ("" when absent or a file)."""
        value = self.data.get(name)
        return value if isinstance(value, str) else ""

    def files(self, name: str) -> list[UploadFile]:
        """Return the uploaded files under `name`."""
        return [v for v in self.data.getlist(name) if isinstance(v, UploadFile)]


async def read_form(request: Request, secret: bytes) -> PostedForm:
    """Read the request's form and check its CSRF token (a form field or the X-CSRF-Token header)."""
    # One field may be as large as the whole request may be (the guard's limit): an answer over
    # the analyzer's limit then reaches the route, which says so and shows the text again, instead
    # of the form parser refusing it with a bare 400.
    data = await request.form(max_part_size=MAX_REQUEST_BYTES)
    token = data.get(CSRF_FIELD)
    if not isinstance(token, str) or not token:
        token = request.headers.get(CSRF_HEADER, "")
    sid = getattr(request.state, "session_id", None)
    return PostedForm(data, csrf_valid(secret, sid, token))


def clean_text(value: str) -> str:
    """Return typed text with line breaks as newlines and invisible control characters removed."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))


class RecentForms:
    """Remember where recently handled forms led, so the same form posted twice acts once.

    Every mutating form carries a random `form_id`; the first post does the work and records the
    page it led to, a repeat (a double click, a browser resubmit) is sent to that same page.
    """

    def __init__(self, size: int = 512) -> None:
        self._size = size
        self._seen: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, form_id: str) -> str | None:
        """Return where the form with this id led, if it was handled."""
        if not form_id:
            return None
        with self._lock:
            return self._seen.get(form_id)

    def remember(self, form_id: str, location: str) -> None:
        """Record that the form with this id was handled and led to `location`."""
        if not form_id:
            return
        with self._lock:
            self._seen[form_id] = location
            self._seen.move_to_end(form_id)
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
