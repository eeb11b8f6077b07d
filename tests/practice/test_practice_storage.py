"""Practice storage: sessions and attempts on SQLite and PostgreSQL, per owner, in transactions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from practice_answers import STRONG_PROUD, WEAK_PROUD
from sqlalchemy.exc import IntegrityError

from starcoach.analysis import analyze
from starcoach.storage import db as dbmod
from starcoach.storage.attempts import (
    FINISHED,
    IN_PROGRESS,
    AttemptStore,
    NewAttempt,
    SessionNotFound,
)
from starcoach.storage.models import User


@pytest.fixture
def database(practice_db_url: str) -> Iterator[dbmod.Database]:
    """Yield an open, migrated, empty database."""
    database = dbmod.open_database(practice_db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def store(database: dbmod.Database) -> AttemptStore:
    """Return the local user's practice store."""
    return AttemptStore(database)


def _attempt(position: int, text: str = WEAK_PROUD, question: str = "proud") -> NewAttempt:
    return NewAttempt(
        position=position,
        opener_index=0,
        question_id=question,
        kind="opener" if position == 0 else "follow_up",
        asked="Tell me about the project you are most proud of.",
        answer=text,
        report=analyze(text, question),
        elapsed_seconds=61.5,
        over_time=True,
    )


def test_a_session_and_its_answers_round_trip(store: AttemptStore) -> None:
    session_id = store.create_session(
        mode="single", style="neutral", state={"step": 0}, story_id="route-planner", time_limit=90
    )
    assert len(session_id) == 8
    record = store.get_session(session_id)
    assert (record.mode, record.style, record.status) == ("single", "neutral", IN_PROGRESS)
    assert (record.story_id, record.time_limit, record.state) == ("route-planner", 90, {"step": 0})
    assert record.created_at.tzinfo is not None

    attempt = _attempt(0)
    store.record(session_id, [attempt], {"step": 1})
    [stored] = store.attempts(session_id=session_id)
    assert stored.answer == WEAK_PROUD and stored.question_id == "proud"
    assert stored.report == attempt.report
    assert stored.schema_version == attempt.report.schema_version
    assert stored.ruleset_version == attempt.report.ruleset_version
    assert (stored.elapsed_seconds, stored.over_time, stored.story_id) == (
        61.5,
        True,
        "route-planner",
    )
    assert store.get_session(session_id).state == {"step": 1}


def test_finishing_and_finding_the_session_to_resume(store: AttemptStore) -> None:
    first = store.create_session(mode="single", style="neutral", state={})
    second = store.create_session(mode="full", style="demanding", state={})
    unfinished = store.latest_unfinished()
    assert unfinished is not None and unfinished.id == second
    store.record(second, [_attempt(0)], {"done": True}, finished=True)
    finished = store.get_session(second)
    assert finished.status == FINISHED and finished.finished_at is not None
    unfinished = store.latest_unfinished()
    assert unfinished is not None and unfinished.id == first
    listed = store.sessions()
    assert [s.id for s in listed] == [second, first]
    assert [s.answers for s in listed] == [1, 0]


def test_kinds_prompts_and_previous_attempts(store: AttemptStore) -> None:
    old = store.create_session(mode="single", style="neutral", state={})
    store.record(old, [_attempt(0), _attempt(1, "I rewrote the loader myself.")], {})
    new = store.create_session(mode="single", style="neutral", state={})
    store.record(new, [_attempt(0, STRONG_PROUD)], {})
    openers = store.attempts()
    assert [a.answer for a in openers] == [WEAK_PROUD, STRONG_PROUD]
    assert len(store.attempts(kind=None)) == 3
    assert store.attempts(question_id="failure") == []
    previous = store.previous_reports(["proud"], new)
    assert previous["proud"].text == WEAK_PROUD
    assert store.previous_reports(["proud"], old) == {}
    phrasings = store.recent_phrasings()
    assert phrasings == {"proud": ["Tell me about the project you are most proud of."] * 2}


def test_a_failed_write_changes_nothing(store: AttemptStore) -> None:
    session_id = store.create_session(mode="single", style="neutral", state={"step": 0})
    store.record(session_id, [_attempt(0)], {"step": 1})
    with pytest.raises(IntegrityError):
        # Position 0 is taken: the second insert fails, so the first and the state roll back.
        store.record(
            session_id, [_attempt(1, STRONG_PROUD), _attempt(0, STRONG_PROUD)], {"step": 9}
        )
    assert len(store.attempts(kind=None)) == 1
    assert store.get_session(session_id).state == {"step": 1}


def test_each_owner_sees_only_their_own_sessions(database: dbmod.Database) -> None:
    with database.transaction() as session:
        session.add(User(id=2, name="someone-else"))
    mine = AttemptStore(database)
    theirs = AttemptStore(database, owner_id=2)
    session_id = mine.create_session(mode="single", style="neutral", state={})
    mine.record(session_id, [_attempt(0)], {})
    assert theirs.sessions() == [] and theirs.attempts() == []
    assert theirs.latest_unfinished() is None
    with pytest.raises(SessionNotFound):
        theirs.get_session(session_id)
    with pytest.raises(SessionNotFound):
        theirs.record(session_id, [], {})


def test_deleting_a_session_deletes_its_answers(store: AttemptStore) -> None:
    session_id = store.create_session(mode="single", style="neutral", state={})
    store.record(session_id, [_attempt(0)], {})
    store.delete_session(session_id)
    assert store.attempts(kind=None) == []
    with pytest.raises(SessionNotFound):
        store.delete_session(session_id)


def test_upgrading_a_story_bank_database_keeps_its_stories(practice_db_url: str) -> None:
    from starcoach.storage.stories import StoryStore
    from starcoach.stories.model import Story

    engine = dbmod.create_db_engine(practice_db_url)
    try:
        dbmod.upgrade(engine, "0001")
        assert "practice_sessions" not in dbmod.table_names(engine)
        database = dbmod.open_database(practice_db_url, migrate=False)
        # A story stored while the schema is still at the story bank revision.
        StoryStore(database).add(Story(id="kept", title="A story written before practice existed"))
        database.close()
        database = dbmod.open_database(practice_db_url)
        assert {"practice_sessions", "practice_attempts"} <= dbmod.table_names(database.engine)
        assert StoryStore(database).get("kept").title.startswith("A story")
        store = AttemptStore(database)
        store.create_session(mode="single", style="neutral", state={})
        assert len(store.sessions()) == 1
        database.close()
        dbmod.downgrade(engine, "0001")
        assert "practice_attempts" not in dbmod.table_names(engine)
    finally:
        engine.dispose()


def test_timestamps_are_in_utc(store: AttemptStore) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    session_id = store.create_session(mode="single", style="neutral", state={})
    store.record(session_id, [_attempt(0)], {})
    [attempt] = store.attempts()
    assert attempt.created_at >= before
    assert attempt.created_at.utcoffset() == dt.timedelta(0)


def test_sync_adds_only_the_answers_not_stored_yet(store: AttemptStore) -> None:
    session_id = store.create_session(mode="single", style="neutral", state={})
    first = _attempt(0)
    assert store.sync(session_id, [first], {"n": 1}) == 1
    second = _attempt(1, "I rewrote the loader myself.")
    assert store.sync(session_id, [first, second], {"n": 2}, finished=True) == 1
    assert [a.position for a in store.attempts(kind=None)] == [0, 1]
    record = store.get_session(session_id)
    assert record.state == {"n": 2} and record.status == FINISHED


def test_a_session_saved_mid_interview_loads_back_where_it_was(store: AttemptStore) -> None:
    from starcoach.practice.persist import load_session, save_session
    from starcoach.practice.session import PracticeSession, plan_session

    session = PracticeSession(plan_session(seed=3))
    session_id = store.create_session(mode="single", style="neutral", state=session.to_state())
    session.submit(WEAK_PROUD, elapsed=40.0)
    session.draft = "I was about to say"
    save_session(store, session_id, session)
    record, loaded = load_session(store, session_id)
    assert record.status == IN_PROGRESS
    assert loaded.current == session.current and loaded.draft == "I was about to say"
    assert [a.answer for a in store.attempts(session_id=session_id)] == [WEAK_PROUD]
    session.end()
    save_session(store, session_id, session)
    assert store.get_session(session_id).status == FINISHED
    assert loaded.turns == session.turns  # the reports come back from the stored attempts


def test_the_state_leaves_the_reports_to_the_attempts_and_old_states_still_load(
    store: AttemptStore,
) -> None:
    import json

    from starcoach.practice.persist import load_session, save_session
    from starcoach.practice.session import PracticeSession, plan_session
    from starcoach.render.json import report_to_dict

    session = PracticeSession(plan_session(seed=5))
    session_id = store.create_session(mode="single", style="neutral", state=session.to_state())
    session.submit(WEAK_PROUD, elapsed=30.0)
    session.submit(STRONG_PROUD, elapsed=50.0)
    save_session(store, session_id, session)
    state = store.get_session(session_id).state
    assert state["state_version"] == 2
    assert all("report" not in t for t in state["turns"])
    # Each report is written once, with its attempt: the state stays small however long it runs.
    assert len(json.dumps(state)) < sum(
        len(json.dumps(report_to_dict(t.report))) for t in session.turns
    )

    # A session saved by an earlier version kept every turn's report in its state (version 1).
    old = dict(state, state_version=1)
    old["turns"] = [
        dict(t, report=report_to_dict(r.report))
        for t, r in zip(state["turns"], session.turns, strict=True)
    ]
    old_id = store.create_session(mode="single", style="neutral", state=old)
    _, loaded = load_session(store, old_id)  # no attempts stored: the state's own reports are used
    assert [t.report for t in loaded.turns] == [t.report for t in session.turns]
    assert loaded.current == session.current
