"""Writer processes on one database (SQLite and PostgreSQL): no committed write is lost, and the only
error a writer may see is "busy, try again"; a writer killed with SIGKILL mid-write leaves an intact
database holding every write it logged as committed."""

from __future__ import annotations

from pathlib import Path

from bench.writers import kill_during_writes, run_writers
from sqlalchemy import text

from starcoach.storage.db import open_database


def test_concurrent_writer_processes_lose_nothing(database_url: str, tmp_path: Path) -> None:
    result = run_writers(database_url, processes=4, seconds=3, log_dir=tmp_path / "logs")
    assert result.failures == []
    assert result.committed > 20
    assert result.lost == 0
    assert result.stored == result.committed
    # With writers waiting their turn, busy errors are rare; each one was a clean refusal.
    assert result.busy <= result.committed // 10


def test_kill_9_during_writes_keeps_the_database_intact(database_url: str, tmp_path: Path) -> None:
    checked = 0
    for round_ in range(3):
        committed, lost = kill_during_writes(
            database_url, tmp_path / f"kill{round_}", after=1.5 + 0.37 * round_
        )
        assert lost == 0
        checked += committed
        db = open_database(database_url)
        try:
            with db.engine.connect() as connection:
                if db.engine.dialect.name == "sqlite":
                    verdict = connection.execute(text("PRAGMA integrity_check")).scalar()
                    assert verdict == "ok"
                    orphans = connection.execute(text("PRAGMA foreign_key_check")).all()
                    assert orphans == []
                else:
                    assert connection.execute(text("SELECT count(*) FROM stories")).scalar()
        finally:
            db.close()
    assert checked > 0
