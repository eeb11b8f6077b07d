"""The story store on every configured database: CRUD, anchors, duplicates and all-or-nothing writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from starcoach.storage.db import Database, open_database
from starcoach.storage.errors import DuplicateStory, StoryChanged, StoryNotFound
from starcoach.storage.models import ActionRow, ResultRow, TagRow, User
from starcoach.storage.stories import StoryStore
from starcoach.storage.storyfile import read_story_file
from starcoach.stories.errors import StoryInvalid
from starcoach.stories.model import Story, StoryAction, StoryResult

DATA = Path(__file__).parent.parent / "data" / "stories"


def _story(story_id: str, **changes: object) -> Story:
    base = Story(
        id=story_id,
        title=f"Story {story_id}",
        role="Engineer",
        team_size=4,
        situation="Things were slow.",
        actions=(StoryAction("I measured it.", "me"), StoryAction("We fixed it.", "team")),
        results=(StoryResult("It got 3x faster", "p95 300 ms", "900 ms", "dashboard"),),
        tags=("speed", "ownership"),
    )
    return base.replace(**changes)


def _child_rows(db: Database) -> int:
    with db.session() as session:
        return sum(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (ActionRow, ResultRow, TagRow)
        )


def test_add_then_get_returns_the_same_story(store: StoryStore) -> None:
    story = read_story_file(DATA / "checkout-latency.md")
    store.add(story)
    assert store.get("checkout-latency") == story
    assert store.ids() == ["checkout-latency"]


def test_every_field_survives_the_database(store: StoryStore) -> None:
    from test_storyfile import FULL  # the story that exercises every field and odd characters

    longest = FULL.replace(
        id="x" * 64,
        title="T" * 200,
        role="é" * 200,
        tags=tuple(f"{i:02d}" + "t" * 38 for i in range(30)),
        actions=(StoryAction("did", "w" * 200),),
    )
    for story in (FULL, longest):
        store.add(story)
        assert store.get(story.id) == story


def test_dict_form_round_trips() -> None:
    from test_storyfile import FULL

    from starcoach.stories.model import story_from_dict, story_to_dict

    assert story_from_dict(story_to_dict(FULL)) == FULL


def test_unknown_id_raises(store: StoryStore) -> None:
    with pytest.raises(StoryNotFound):
        store.get("nope")
    with pytest.raises(StoryNotFound):
        store.delete("nope")
    with pytest.raises(StoryNotFound):
        store.set_anchor("nope")


def test_duplicate_add_is_refused_and_changes_nothing(store: StoryStore) -> None:
    store.add(_story("a"))
    with pytest.raises(DuplicateStory) as caught:
        store.add(_story("a", title="Other"))
    assert caught.value.story_ids == ["a"]
    assert store.get("a").title == "Story a"


def test_replace_overwrites_fields_and_children(store: StoryStore) -> None:
    store.add(_story("a"))
    store.add(
        _story("a", title="New", actions=(StoryAction("Only one", "me"),), tags=()), replace=True
    )
    got = store.get("a")
    assert got.title == "New"
    assert got.actions == (StoryAction("Only one", "me"),)
    assert got.tags == ()
    assert _child_rows(store.db) == 2  # one action, one result: the old children are gone


def test_update_can_rename(store: StoryStore) -> None:
    store.add(_story("a"))
    store.add(_story("b"))
    with pytest.raises(DuplicateStory):
        store.update("a", _story("b"))
    store.update("a", _story("c", title="Renamed"))
    assert store.ids() == ["b", "c"]
    assert store.get("c").title == "Renamed"


def test_invalid_story_is_refused_before_writing(store: StoryStore) -> None:
    with pytest.raises(StoryInvalid):
        store.add(_story("a", title="  "))
    assert store.count() == 0


def test_delete_removes_children(store: StoryStore) -> None:
    store.add(_story("a"))
    store.delete("a")
    assert store.count() == 0
    assert _child_rows(store.db) == 0


def test_only_one_anchor(store: StoryStore) -> None:
    store.add_many([_story("a"), _story("b", anchor=True)])
    assert store.anchor() is not None
    store.set_anchor("a")
    assert [(s.id, s.anchor) for s in store.all()] == [("a", True), ("b", False)]
    store.add(_story("c", anchor=True))
    assert [s.id for s in store.all() if s.anchor] == ["c"]
    store.update("b", _story("b", anchor=True))
    assert [s.id for s in store.all() if s.anchor] == ["b"]
    store.set_anchor(None)
    assert store.anchor() is None


def test_database_refuses_a_second_anchor_directly(store: StoryStore) -> None:
    store.add_many([_story("a", anchor=True), _story("b")])
    with pytest.raises(Exception), store.db.transaction() as session:  # noqa: B017
        session.execute(text("UPDATE stories SET anchor = :t WHERE slug = 'b'"), {"t": True})
    assert [s.id for s in store.all() if s.anchor] == ["a"]


def test_two_anchors_in_one_batch_are_refused(store: StoryStore) -> None:
    with pytest.raises(StoryInvalid):
        store.add_many([_story("a", anchor=True), _story("b", anchor=True)])
    assert store.count() == 0


def test_free_id_avoids_taken_ids(store: StoryStore) -> None:
    store.add(_story("story-x"))
    assert store.free_id("Story X") == "story-x-2"
    store.add(_story("story-x-2"))
    assert store.free_id("Story X!") == "story-x-3"


def test_interrupted_import_leaves_the_database_as_it_was(
    store: StoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_many([_story("a", anchor=True), _story("b")])
    before = store.all()
    children = _child_rows(store.db)
    calls = 0
    original = StoryStore._write

    def failing_write(self: StoryStore, session: object, row: object, story: Story) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk on fire")
        return original(self, session, row, story)  # type: ignore[arg-type]

    monkeypatch.setattr(StoryStore, "_write", failing_write)
    batch = [
        _story("a", title="changed", actions=()),
        _story("new-one", anchor=True),
        _story("new-two"),
    ]
    with pytest.raises(RuntimeError):
        store.add_many(batch, replace=True)
    assert calls == 3
    assert store.all() == before
    assert _child_rows(store.db) == children


def test_owners_do_not_see_each_other(db: Database) -> None:
    with db.transaction() as session:
        session.add(User(id=2, name="someone-else"))
    mine, theirs = StoryStore(db), StoryStore(db, owner_id=2)
    mine.add(_story("a", anchor=True))
    theirs.add(_story("a", title="Theirs", anchor=True))
    assert mine.get("a").title == "Story a"
    assert theirs.get("a").title == "Theirs"
    theirs.delete("a")
    assert mine.ids() == ["a"]


def test_data_survives_reopening(database_url: str) -> None:
    first = open_database(database_url)
    StoryStore(first).add(_story("kept"))
    first.close()
    second = open_database(database_url)
    try:
        assert StoryStore(second).ids() == ["kept"]
    finally:
        second.close()


_CRASH_SCRIPT = """
import os, sys
from starcoach.storage.db import open_database
from starcoach.stories.model import Story
from starcoach.storage.stories import StoryStore

original = StoryStore._write
count = 0
def write_then_die(self, session, row, story):
    global count
    count += 1
    if count == 2:
        os._exit(9)  # the process dies mid-transaction: no rollback, no cleanup
    return original(self, session, row, story)
StoryStore._write = write_then_die
store = StoryStore(open_database(sys.argv[1]))
store.add_many([Story(id=f"s{i}", title=f"S{i}") for i in range(3)], replace=True)
"""


def test_a_process_killed_mid_import_leaves_the_database_intact(
    database_url: str, store: StoryStore
) -> None:
    store.add(_story("s0", title="Original"))
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-c", _CRASH_SCRIPT, database_url], env=env, check=False, timeout=60
    )
    assert result.returncode == 9
    assert store.ids() == ["s0"]
    assert store.get("s0").title == "Original"
    if database_url.startswith("sqlite"):
        with store.db.session() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


# --- versions: two edits of the same story ------------------------------------------------------


def test_a_save_against_an_old_version_is_refused_and_keeps_the_stored_story(
    store: StoryStore,
) -> None:
    store.add(_story("s1"))
    loaded = store.get_versioned("s1")
    first = store.update_versioned("s1", _story("s1", situation="First."), version=loaded.version)
    assert first.version != loaded.version
    assert store.get_versioned("s1").version == first.version
    with pytest.raises(StoryChanged) as refused:
        store.update("s1", _story("s1", task="Second."), version=loaded.version)
    assert refused.value.current.situation == "First."
    assert refused.value.version == first.version
    assert store.get("s1") == first.story
    # The same story sent twice is no conflict: nothing would be lost.
    again = store.update_versioned("s1", _story("s1", situation="First."), version=loaded.version)
    assert again.version == first.version
    # A version that was never issued is not the stored one either.
    with pytest.raises(StoryChanged):
        store.update("s1", _story("s1", task="Second."), version="not a version")


def test_every_save_moves_the_version_on(store: StoryStore) -> None:
    store.add(_story("s1"))
    versions = [store.get_versioned("s1").version]
    for n in range(5):
        # Only a child row changes: the version must still move.
        story = _story("s1", actions=(StoryAction(f"Step {n}.", "me"),))
        versions.append(store.update_versioned("s1", story, version=versions[-1]).version)
    assert len(set(versions)) == len(versions)
    assert versions == sorted(versions)
    store.set_anchor("s1")
    assert store.get_versioned("s1").version != versions[-1]


def test_two_writers_saving_one_version_at_once_one_wins(database_url: str) -> None:
    """Two processes' worth of connections race to save the same version: exactly one is stored."""
    import threading

    databases = [open_database(database_url) for _ in range(2)]

    def save(
        store: StoryStore, task: str, version: str, barrier: threading.Barrier, outcome: list[str]
    ) -> None:
        barrier.wait()
        try:
            store.update("s1", _story("s1", task=task), version=version)
            outcome.append("saved")
        except StoryChanged as exc:
            outcome.append(f"refused:{exc.current.task}")

    try:
        stores = [StoryStore(d) for d in databases]
        stores[0].add(_story("s1"))
        for round_ in range(8):
            version = stores[0].get_versioned("s1").version
            barrier = threading.Barrier(2)
            outcomes: list[list[str]] = [[], []]
            threads = [
                threading.Thread(
                    target=save, args=(stores[i], f"{round_}-{i}", version, barrier, outcomes[i])
                )
                for i in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            results = [o[0] for o in outcomes]
            assert sorted(r.split(":")[0] for r in results) == ["refused", "saved"], results
            winner = results.index("saved")
            # The loser saw the winner's story, and the winner's story is what is stored.
            assert results[1 - winner] == f"refused:{round_}-{winner}"
            assert stores[0].get("s1").task == f"{round_}-{winner}"
    finally:
        for database in databases:
            database.close()
