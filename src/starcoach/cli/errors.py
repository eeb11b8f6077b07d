"""Turn failures of the machine (database busy or gone, disk full or read-only) and a broken config file
into one error line.

Commands handle the errors of their own input; what no command can do anything about (another
process holding the database, a full disk, a data directory that cannot be created, a config file
that names no rule) is caught here,
once, around the whole command: one line on stderr, exit code 2, never a traceback.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from starcoach.cli.output import EXIT_USAGE, _one_line

_DISK_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EDQUOT: "the disk quota is used up",
    errno.EIO: "input/output error",
}


def message_for(exc: BaseException) -> str | None:
    """Return the one-line message for a machine failure, or None when `exc` is something else."""
    from starcoach.config import ConfigError
    from starcoach.storage.errors import StorageError
    from starcoach.stories.errors import StoryError

    if isinstance(exc, StorageError | StoryError | ConfigError):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRORS:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{_DISK_ERRORS[exc.errno]}{where}; nothing more was written"
    # A driver error that escaped the storage layer's translation (e.g. while migrating).
    if type(exc).__name__ == "OperationalError":
        from starcoach.storage.db import default_database_url, storage_error

        return str(storage_error(exc, default_database_url()))
    return None


@contextmanager
def machine_errors() -> Iterator[None]:
    """Run the block; a storage or disk failure inside ends the process with one line and exit 2."""
    try:
        yield
    except Exception as exc:
        message = message_for(exc)
        if message is None:
            raise
        sys.stderr.write(f"starcoach: error: {_one_line(message)}\n")
        sys.stderr.flush()
        raise SystemExit(EXIT_USAGE) from None
