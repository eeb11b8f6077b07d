"""What the web app holds between requests: its database (opened on first need) and recent forms.

The Check and Guide pages never touch the database, so it is opened only when a page that needs it
is first asked for; a database that cannot be opened then shows as a 503 page on those pages alone.
"""

from __future__ import annotations

import secrets
import threading
from typing import TYPE_CHECKING

from fastapi import Request

from starcoach.storage.models import LOCAL_USER_ID
from starcoach.web.forms import RecentForms

if TYPE_CHECKING:
    from starcoach.accounts import Accounts
    from starcoach.storage.attempts import AttemptStore
    from starcoach.storage.db import Database
    from starcoach.storage.stories import StoryStore
    from starcoach.web.pages import Pages
    from starcoach.web.team import TeamConfig


class WebState:
    """The app's database handle, its pages and its memory of handled forms."""

    def __init__(
        self, database_url: str | None, pages: Pages, team: TeamConfig | None = None
    ) -> None:
        self.database_url = database_url
        self.pages = pages
        self.team = team
        self._accounts: Accounts | None = None
        self.recent = RecentForms()
        self._db: Database | None = None
        self._lock = threading.Lock()

    def database(self) -> Database:
        """Return the open database, opening (and migrating) it on first use."""
        if self._db is None:
            with self._lock:
                if self._db is None:
                    from starcoach.storage.db import open_database

                    self._db = open_database(self.database_url)
        return self._db

    def accounts(self) -> Accounts:
        """Return the team server's account service (team mode only)."""
        if self._accounts is None:
            from starcoach.accounts import Accounts

            team = self.team
            clock = team.clock if team is not None and team.clock is not None else None
            accounts = Accounts(self.database(), hasher=team.hasher if team else None)
            if clock is not None:
                accounts.clock = clock
            self._accounts = accounts
        return self._accounts

    def stories(self, owner_id: int) -> StoryStore:
        """Return the story store of one owner (see `owner_of`)."""
        from starcoach.storage.stories import StoryStore

        return StoryStore(self.database(), owner_id)

    def attempts(self, owner_id: int) -> AttemptStore:
        """Return the practice store of one owner (see `owner_of`)."""
        from starcoach.storage.attempts import AttemptStore

        return AttemptStore(self.database(), owner_id)

    def close(self) -> None:
        """Release the database connections, if it was opened."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def state(request: Request) -> WebState:
    """Return the app state of the app serving `request`."""
    value: WebState = request.app.state.web
    return value


def owner_of(request: Request) -> int:
    """Return whose stories and practice a request works on.

    In team mode, the signed-in account's own (its user id); in the local mode, the local user's.
    """
    account = getattr(request.state, "account", None)
    if account is not None:
        owner: int = account.user_id
        return owner
    return LOCAL_USER_ID


def new_form_id() -> str:
    """Return a fresh id for a mutating form (see `RecentForms`)."""
    return secrets.token_urlsafe(12)
