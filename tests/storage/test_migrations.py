"""Migrations: from empty and from every earlier revision to head, and back down, on each database."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from starcoach.storage import db as dbmod
from starcoach.storage.models import LOCAL_USER_ID, LOCAL_USER_NAME, Base, User

REVISIONS = dbmod.revisions()


def _schema_differences(engine: object) -> list[object]:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_revisions_form_one_line_of_history() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(dbmod.alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    assert REVISIONS[-1] == dbmod.head_revision()
    # open_database trusts this constant to skip Alembic on an up-to-date database.
    assert dbmod.head_revision() == dbmod.HEAD_REVISION


def test_open_database_migrates_an_empty_database(database_url: str) -> None:
    database = dbmod.open_database(database_url)
    try:
        assert dbmod.current_revision(database.engine) == REVISIONS[-1]
        assert _schema_differences(database.engine) == []
        with database.session() as session:
            user = session.scalars(select(User)).one()
        assert (user.id, user.name) == (LOCAL_USER_ID, LOCAL_USER_NAME)
    finally:
        database.close()


@pytest.mark.parametrize("start", REVISIONS)
def test_upgrade_from_each_revision_reaches_the_models(database_url: str, start: str) -> None:
    engine = dbmod.create_db_engine(database_url)
    try:
        dbmod.upgrade(engine, start)
        assert dbmod.current_revision(engine) == start
        database = dbmod.open_database(database_url)
        database.close()
        assert dbmod.current_revision(engine) == REVISIONS[-1]
        assert _schema_differences(engine) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    engine = dbmod.create_db_engine(database_url)
    try:
        dbmod.upgrade(engine)
        dbmod.downgrade(engine, "base")
        assert dbmod.current_revision(engine) is None
        assert dbmod.table_names(engine) <= {"alembic_version"}
        dbmod.upgrade(engine)
        assert _schema_differences(engine) == []
    finally:
        engine.dispose()


def test_opening_twice_is_harmless(database_url: str) -> None:
    for _ in range(2):
        database = dbmod.open_database(database_url)
        with database.session() as session:
            assert session.scalars(select(User)).all()[0].id == LOCAL_USER_ID
        database.close()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: object) -> None:
    database = dbmod.open_database(f"sqlite:///{tmp_path}/x.db")
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        database.close()


def test_default_url_honours_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dbmod.ENV_DATABASE_URL, "sqlite:///elsewhere.db")
    assert dbmod.default_database_url() == "sqlite:///elsewhere.db"
    monkeypatch.delenv(dbmod.ENV_DATABASE_URL)
    url = dbmod.default_database_url()
    assert url.startswith("sqlite:///") and url.endswith(dbmod.DATABASE_FILENAME)


def test_unreachable_database_gives_a_clear_error() -> None:
    from starcoach.storage.errors import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable) as caught:
        dbmod.open_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)
    with pytest.raises(DatabaseUnavailable):
        dbmod.open_database("not a url")


def test_a_database_from_a_newer_version_is_refused_clearly(database_url: str) -> None:
    from starcoach.storage.errors import DatabaseUnavailable

    dbmod.open_database(database_url).close()
    engine = dbmod.create_db_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseUnavailable) as caught:
        dbmod.open_database(database_url)
    assert "9999" in str(caught.value)
