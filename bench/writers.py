"""Concurrent writer processes on one database: do any committed writes go missing, and what fails?

Each worker process opens the database itself and, until its deadline, stores a new story (a read
of the existing ids, then a write: the pattern that made SQLite fail at once under concurrency).
After each commit it appends the story id to its own log file,
so even a worker killed with SIGKILL leaves a list of writes that were committed. The parent then
counts the stored stories: a logged id missing from the database is a lost write.

Used by `bench/concurrent_writes.py` (8 processes, 20 s) and by the reliability tests (fewer, shorter).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriterResult:
    """What the writer processes did and what the database holds afterwards."""

    processes: int
    seconds: float
    committed: int = 0
    busy: int = 0
    failed: int = 0
    lost: int = 0
    failures: list[str] = field(default_factory=list)
    stored: int = 0

    @property
    def writes_per_second(self) -> float:
        """Return committed writes per second, over all processes."""
        return self.committed / self.seconds if self.seconds else 0.0


def _worker(url: str, index: int, seconds: float, log_dir: str) -> None:
    from starcoach.storage.db import open_database
    from starcoach.storage.errors import DatabaseBusy
    from starcoach.storage.stories import StoryStore
    from starcoach.stories.model import Story

    db = open_database(url)
    store = StoryStore(db)
    log = Path(log_dir)
    deadline = time.monotonic() + seconds
    n = 0
    busy = 0
    other: list[str] = []
    with (log / f"{index}.committed").open("a", encoding="utf-8") as committed:
        while time.monotonic() < deadline:
            n += 1
            story_id = f"w{index}-{n}"
            try:
                store.add(Story(id=story_id, title=f"Writer {index} story {n}", tags=("load",)))
            except DatabaseBusy:
                busy += 1
                continue
            except Exception as exc:
                other.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                continue
            committed.write(story_id + "\n")
            committed.flush()
    (log / f"{index}.errors").write_text(
        f"{busy}\n" + "".join(line + "\n" for line in other), encoding="utf-8"
    )
    db.close()


def start_writers(
    url: str, processes: int, seconds: float, log_dir: Path
) -> list[multiprocessing.process.BaseProcess]:
    """Start the writer processes (the database must already exist at `url`); return them."""
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_worker, args=(url, i, seconds, str(log_dir)), daemon=True)
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    return workers


def committed_ids(log_dir: Path) -> set[str]:
    """Return every story id a writer logged as committed."""
    ids: set[str] = set()
    for path in log_dir.glob("*.committed"):
        ids.update(line for line in path.read_text(encoding="utf-8").split("\n") if line)
    return ids


def stored_ids(url: str) -> set[str]:
    """Return the ids of the writers' stories stored in the database."""
    from starcoach.storage.db import open_database
    from starcoach.storage.stories import StoryStore

    db = open_database(url)
    try:
        return {i for i in StoryStore(db).ids() if i.startswith("w")}
    finally:
        db.close()


def run_writers(url: str, processes: int, seconds: float, log_dir: Path) -> WriterResult:
    """Run `processes` writers on `url` for `seconds` and check every committed write is stored."""
    from starcoach.storage.db import open_database

    open_database(url).close()  # migrate once, before the writers race to
    log_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    workers = start_writers(url, processes, seconds, log_dir)
    for worker in workers:
        worker.join(seconds + 120)
        if worker.is_alive():
            worker.kill()
    result = WriterResult(processes, time.monotonic() - started)
    for worker in workers:
        if worker.exitcode != 0:
            result.failures.append(f"writer exited with code {worker.exitcode}")
    for path in log_dir.glob("*.errors"):
        busy, *others = path.read_text(encoding="utf-8").split("\n")
        result.busy += int(busy or 0)
        result.failures += [line for line in others if line]
    result.failed = len(result.failures)
    committed = committed_ids(log_dir)
    stored = stored_ids(url)
    result.committed = len(committed)
    result.stored = len(stored)
    result.lost = len(committed - stored)
    return result


def kill_during_writes(url: str, log_dir: Path, after: float) -> tuple[int, int]:
    """Start one writer, SIGKILL it `after` seconds in; return (committed ids logged, lost ones)."""
    from starcoach.storage.db import open_database

    open_database(url).close()
    log_dir.mkdir(parents=True, exist_ok=True)
    (worker,) = start_writers(url, 1, 60, log_dir)
    time.sleep(after)
    if worker.pid is not None:
        os.kill(worker.pid, 9)
    worker.join(10)
    committed = committed_ids(log_dir)
    return len(committed), len(committed - stored_ids(url))
