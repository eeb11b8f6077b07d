"""The story bank: add, read, replace, delete and anchor one user's stories.

Every method that writes runs in one transaction, so a failure part-way leaves the database exactly as
it was. Stories are validated (and normalized) before anything is written. The store works for one
owner; a local install uses the local user the first migration created.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, selectinload

from starcoach.storage.db import Database, as_utc
from starcoach.storage.errors import DuplicateStory, StoryChanged, StoryNotFound
from starcoach.storage.models import (
    LOCAL_USER_ID,
    ActionRow,
    ResultRow,
    StoryRow,
    TagRow,
)
from starcoach.stories.errors import Problem, StoryInvalid
from starcoach.stories.model import (
    FIELDS,
    RESULT_KEYS,
    SCALAR_KINDS,
    Story,
    StoryAction,
    StoryResult,
    slugify,
    validate_story,
)

# Fields kept in a column of the stories table (lists live in child tables).
_SCALAR_FIELDS = tuple(f.name for f in FIELDS if f.kind in SCALAR_KINDS or f.multiline)


_ONE_TICK = dt.timedelta(microseconds=1)


def version_of(moment: dt.datetime) -> str:
    """Return a story's version: the time it was last saved, in UTC to the microsecond."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _next_version(previous: dt.datetime | None) -> dt.datetime:
    """Return the time to record for a save: now, and always later than the previous save."""
    now = dt.datetime.now(dt.UTC)
    if previous is None:
        return now
    return max(now, as_utc(previous) + _ONE_TICK)


@dataclass(frozen=True)
class StoredStory:
    """A story as stored, with its version (see `StoryStore.update`)."""

    story: Story
    version: str


def _to_story(row: StoryRow) -> Story:
    return Story(
        id=row.slug,
        actions=tuple(StoryAction(did=a.did, who=a.who) for a in row.actions),
        results=tuple(
            StoryResult(**{key: getattr(r, key) for key in RESULT_KEYS}) for r in row.results
        ),
        tags=tuple(t.tag for t in row.tags),
        anchor=row.anchor,
        **{name: getattr(row, name) for name in _SCALAR_FIELDS},
    )


class StoryStore:
    """One owner's stories in a database."""

    def __init__(self, db: Database, owner_id: int = LOCAL_USER_ID) -> None:
        self.db = db
        self.owner_id = owner_id

    def _rows(self) -> Select[StoryRow]:
        return (
            select(StoryRow)
            .where(StoryRow.owner_id == self.owner_id)
            .options(
                selectinload(StoryRow.actions),
                selectinload(StoryRow.results),
                selectinload(StoryRow.tags),
            )
        )

    def _row(self, session: Session, story_id: str) -> StoryRow | None:
        return session.scalars(self._rows().where(StoryRow.slug == story_id)).one_or_none()

    def all(self) -> list[Story]:
        """Return every story, the anchor first, then by title."""
        query = self._rows().order_by(StoryRow.anchor.desc(), StoryRow.title, StoryRow.slug)
        with self.db.session() as session:
            return [_to_story(row) for row in session.scalars(query)]

    def ids(self) -> list[str]:
        """Return every story id, sorted."""
        query = select(StoryRow.slug).where(StoryRow.owner_id == self.owner_id)
        with self.db.session() as session:
            return sorted(session.scalars(query))

    def count(self) -> int:
        """Return how many stories the owner has."""
        query = select(func.count()).select_from(StoryRow).where(StoryRow.owner_id == self.owner_id)
        with self.db.session() as session:
            return int(session.scalar(query) or 0)

    def get(self, story_id: str) -> Story:
        """Return the story with this id, or raise StoryNotFound."""
        with self.db.session() as session:
            row = self._row(session, story_id)
            if row is None:
                raise StoryNotFound(story_id)
            return _to_story(row)

    def get_versioned(self, story_id: str) -> StoredStory:
        """Return the story with this id and its version, or raise StoryNotFound."""
        with self.db.session() as session:
            row = self._row(session, story_id)
            if row is None:
                raise StoryNotFound(story_id)
            return StoredStory(_to_story(row), version_of(row.updated_at))

    def anchor(self) -> Story | None:
        """Return the anchor story, if one is marked."""
        with self.db.session() as session:
            query = select(StoryRow.slug).where(
                StoryRow.owner_id == self.owner_id, StoryRow.anchor.is_(True)
            )
            slug = session.scalars(query).first()
        return self.get(slug) if slug is not None else None

    def free_id(self, title: str) -> str:
        """Return an unused id made from `title` ("title-words", then "title-words-2", ...)."""
        base = slugify(title)
        taken = set(self.ids())
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def add(self, story: Story, *, replace: bool = False) -> Story:
        """Store a new story (or overwrite one with the same id when `replace`); return it stored."""
        return self.add_many([story], replace=replace)[0]

    def add_many(self, stories: Sequence[Story], *, replace: bool = False) -> list[Story]:
        """Store several stories in one transaction: all of them, or none on any error."""
        valid = [validate_story(s) for s in stories]
        ids = [s.id for s in valid]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise StoryInvalid(
                [Problem(f"appears in more than one story: {', '.join(repeated)}", "id")]
            )
        anchors = [s.id for s in valid if s.anchor]
        if len(anchors) > 1:
            raise StoryInvalid(
                [
                    Problem(
                        f"only one story can be the anchor; marked: {', '.join(anchors)}", "anchor"
                    )
                ]
            )
        with self.db.transaction() as session:
            existing = {
                row.slug: row for row in session.scalars(self._rows().where(StoryRow.slug.in_(ids)))
            }
            if existing and not replace:
                raise DuplicateStory(sorted(existing))
            if anchors:
                self._clear_anchor(session)
            for story in valid:
                self._write(session, existing.get(story.id), story)
        return valid

    def update(self, story_id: str, story: Story, *, version: str | None = None) -> Story:
        """Overwrite the story `story_id` with `story` (whose id may differ: a rename); return it.

        With `version` (from `get_versioned`), the save happens only if the stored story is still
        that version; otherwise StoryChanged is raised, carrying the stored story, and nothing is
        written. Without it the save overwrites whatever is stored.
        """
        return self.update_versioned(story_id, story, version=version).story

    def update_versioned(
        self, story_id: str, story: Story, *, version: str | None = None
    ) -> StoredStory:
        """Do what `update` does; return the stored story with its new version."""
        story = validate_story(story)
        with self.db.transaction() as session:
            # FOR UPDATE on PostgreSQL: a concurrent save of the same story waits here until this
            # one commits and then reads its version. SQLite's write transaction is already the
            # only writer of the file.
            query = self._rows().where(StoryRow.slug == story_id).with_for_update(of=StoryRow)
            row = session.scalars(query).one_or_none()
            if row is None:
                raise StoryNotFound(story_id)
            if version is not None and version != version_of(row.updated_at):
                current = _to_story(row)
                if current == story:
                    # Both saves wrote the same story: nothing is lost, nothing to write.
                    return StoredStory(current, version_of(row.updated_at))
                raise StoryChanged(story_id, current, version_of(row.updated_at))
            if story.id != story_id and self._row(session, story.id) is not None:
                raise DuplicateStory([story.id])
            if story.anchor and not row.anchor:
                self._clear_anchor(session)
            self._write(session, row, story)
            return StoredStory(story, version_of(row.updated_at))

    def delete(self, story_id: str) -> None:
        """Delete a story and everything in it, or raise StoryNotFound."""
        with self.db.transaction() as session:
            row = self._row(session, story_id)
            if row is None:
                raise StoryNotFound(story_id)
            session.delete(row)

    def set_anchor(self, story_id: str | None) -> None:
        """Mark `story_id` as the one anchor story (None: mark none)."""
        with self.db.transaction() as session:
            row = self._row(session, story_id) if story_id is not None else None
            if story_id is not None and row is None:
                raise StoryNotFound(story_id)
            self._clear_anchor(session)
            if row is not None:
                row.anchor = True

    def _clear_anchor(self, session: Session) -> None:
        session.execute(
            update(StoryRow)
            .where(StoryRow.owner_id == self.owner_id, StoryRow.anchor.is_(True))
            .values(anchor=False)
        )
        # The bulk update bypasses the identity map; refresh rows already loaded in this session.
        for obj in session.identity_map.values():
            if isinstance(obj, StoryRow) and obj.owner_id == self.owner_id:
                session.refresh(obj, ["anchor"])
        session.flush()

    def _write(self, session: Session, row: StoryRow | None, story: Story) -> StoryRow:
        """Copy a validated story into `row` (a new row when None), replacing its children."""
        if row is None:
            row = StoryRow(owner_id=self.owner_id)
            session.add(row)
        row.slug = story.id
        # Set here, not left to the column's onupdate: a save that changes only the actions,
        # results or tags must give the story a new version too.
        row.updated_at = _next_version(row.updated_at if row.id is not None else None)
        for name in _SCALAR_FIELDS:
            setattr(row, name, getattr(story, name))
        row.anchor = story.anchor
        # Replace the children wholesale: positions and content both matter, and stories are small.
        row.actions.clear()
        row.results.clear()
        row.tags.clear()
        session.flush()
        row.actions.extend(
            ActionRow(owner_id=self.owner_id, position=i, did=a.did, who=a.who)
            for i, a in enumerate(story.actions)
        )
        row.results.extend(
            ResultRow(
                owner_id=self.owner_id,
                position=i,
                **{key: getattr(r, key) for key in RESULT_KEYS},
            )
            for i, r in enumerate(story.results)
        )
        row.tags.extend(
            TagRow(owner_id=self.owner_id, position=i, tag=t) for i, t in enumerate(story.tags)
        )
        session.flush()
        return row


def open_store(url: str | None = None, owner_id: int = LOCAL_USER_ID) -> StoryStore:
    """Open the database (migrating it if needed) and return the owner's story store."""
    from starcoach.storage.db import open_database

    return StoryStore(open_database(url), owner_id)
