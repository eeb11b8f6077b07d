"""Rules switched off for every analysis run inside a context.

An interface (the CLI, the web app) installs one source of switched-off rule ids around everything it
does, so a check, a story's field checks, a draft, a practice turn and a spoken answer all leave the
same rules out. The analyzer reads no file itself: it asks the installed source each time it runs,
and the source (the user's config, read and cached by `starcoach.config`) may raise to say it is broken.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Source = Callable[[], Collection[str]]

_SOURCE: ContextVar[Source | None] = ContextVar("starcoach_rules_switched_off", default=None)


@contextmanager
def rules_switched_off(source: Source) -> Iterator[None]:
    """Leave out the rules `source()` names in every analysis inside the block (and the tasks and
    worker threads it starts with a copy of its context)."""
    token = _SOURCE.set(source)
    try:
        yield
    finally:
        _SOURCE.reset(token)


def switched_off() -> frozenset[str]:
    """Return the ids of the rules switched off here (none when no source is installed)."""
    source = _SOURCE.get()
    return frozenset(source()) if source is not None else frozenset()
