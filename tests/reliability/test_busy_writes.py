"""Writers wait their turn: a write that meets another writer waits for it instead of failing, and a
database held too long gives one "busy, try again" error (CLI: one line, exit 2; web: 503 with
Retry-After), never a traceback or a lost write."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from starcoach.storage import db as dbmodule
from starcoach.storage.db import open_database
from starcoach.storage.errors import DatabaseBusy
from starcoach.storage.stories import StoryStore
from starcoach.stories.model import Story


def _hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE stories SET title = title")
        held.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _holder(path: Path, seconds: float) -> threading.Thread:
    held = threading.Event()
    thread = threading.Thread(target=_hold_write_lock, args=(path, seconds, held), daemon=True)
    thread.start()
    assert held.wait(10)
    return thread


def test_a_writer_waits_for_another_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    db = open_database(f"sqlite:///{path}")
    store = StoryStore(db)
    store.add(Story(id="first", title="First"))
    holder = _holder(path, 0.6)
    # A read then a write (add checks for an existing id first): the pattern that failed at once.
    started = time.monotonic()
    store.add(Story(id="second", title="Second"))
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.3
    assert store.ids() == ["first", "second"]
    db.close()


def test_a_database_held_too_long_is_busy_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmodule, "_SQLITE_BUSY_MS", 200)
    path = tmp_path / "s.db"
    db = open_database(f"sqlite:///{path}")
    store = StoryStore(db)
    holder = _holder(path, 1.5)
    with pytest.raises(DatabaseBusy) as caught:
        store.add(Story(id="late", title="Late"))
    holder.join()
    assert "try again" in str(caught.value)
    assert "\n" not in str(caught.value)
    store.add(Story(id="late", title="Late"))  # and once free, the same write goes through
    assert store.ids() == ["late"]
    db.close()


def test_cli_busy_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from starcoach.cli import main

    monkeypatch.setattr(dbmodule, "_SQLITE_BUSY_MS", 200)
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: A story\n---\n\n## Situation\n\nWe shipped.\n", encoding="utf-8")
    open_database(f"sqlite:///{tmp_path / 'starcoach.db'}").close()
    holder = _holder(tmp_path / "starcoach.db", 1.5)
    monkeypatch.setattr(sys, "argv", ["starcoach", "story", "import", str(story)])
    with pytest.raises(SystemExit) as caught:
        main.run()
    holder.join()
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.count("\n") == 1
    assert err.startswith("starcoach: error:") and "busy" in err
    assert "Traceback" not in err


def test_web_busy_is_503_with_retry_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from starcoach.web.app import create_app

    monkeypatch.setattr(dbmodule, "_SQLITE_BUSY_MS", 200)
    path = tmp_path / "web.db"
    with TestClient(create_app(f"sqlite:///{path}")) as client:
        assert client.get("/api/stories.json").status_code in (200, 404)
        assert client.get("/stories.json").status_code == 200
        holder = _holder(path, 1.5)
        response = client.post("/api/stories", json={"title": "During a long write"})
        holder.join()
        assert response.status_code == 503
        assert response.headers["retry-after"] == "2"
        assert "busy" in response.json()["detail"]
        again = client.post("/api/stories", json={"title": "During a long write"})
        assert again.status_code == 201


def test_database_file_and_directory_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "starcoach"
    db = open_database(f"sqlite:///{folder / 'starcoach.db'}")
    StoryStore(db).add(Story(id="x", title="X"))
    assert (folder / "starcoach.db").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    wal = folder / "starcoach.db-wal"
    if wal.exists():
        assert wal.stat().st_mode & 0o077 == 0
    db.close()
