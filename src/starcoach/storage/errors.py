"""Errors the storage layer raises; each carries a message fit to show the user as is."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starcoach.stories.model import Story


class StorageError(Exception):
    """Base class: something the user asked of the story bank could not be done."""


class DatabaseUnavailable(StorageError):
    """The database could not be opened, reached, migrated or written (e.g. a read-only file)."""


class DatabaseBusy(DatabaseUnavailable):
    """Another process held the database for longer than we wait; the same request may succeed soon."""

    retry_after = 2
    """Seconds a client should wait before trying again (the web sends it as Retry-After)."""


class DatabaseFull(DatabaseUnavailable):
    """The disk (or the database server's disk) is full; nothing of the failed write was kept."""


class SessionChanged(StorageError):
    """A practice session changed since it was read (the same step posted twice); nothing was stored."""

    def __init__(self, session_id: str) -> None:
        super().__init__(
            f"practice session {session_id} has moved on since this answer was sent "
            "(it was submitted twice); the first one is recorded, this one was not stored"
        )
        self.session_id = session_id


class StoryNotFound(StorageError):
    """No story with the given id belongs to this user."""

    def __init__(self, story_id: str) -> None:
        super().__init__(f"no story with id {story_id!r} (see `starcoach story list`)")
        self.story_id = story_id


class DuplicateStory(StorageError):
    """A story with the same id already exists and replacing was not asked for."""

    def __init__(self, story_ids: list[str]) -> None:
        ids = ", ".join(repr(i) for i in story_ids)
        noun = "a story" if len(story_ids) == 1 else "stories"
        super().__init__(
            f"{noun} with id {ids} already exist{'s' if len(story_ids) == 1 else ''}; "
            "use --replace to overwrite, or change the id in the file"
        )
        self.story_ids = story_ids


class StoryChanged(StorageError):
    """The story was saved by someone else since the version being edited was read; nothing was stored.

    `current` is the story as it is stored now and `version` its version, so the caller can show both
    and let the edit be merged and saved again against `version`.
    """

    def __init__(self, story_id: str, current: Story, version: str) -> None:
        super().__init__(
            f"story {story_id!r} was changed and saved elsewhere since you opened it; "
            "your changes were not saved"
        )
        self.story_id = story_id
        self.current = current
        self.version = version
