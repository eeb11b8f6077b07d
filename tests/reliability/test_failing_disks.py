"""A failing machine gives one clear sentence, never a traceback: a full disk (CLI exit 2, web 507),
a read-only database (CLI exit 2, web 503), a data directory that cannot be created (CLI exit 2,
web 503).

The full and read-only disks are real where the machine lets the tests mount a small tmpfs (root,
or a container allowed to mount); elsewhere the same failures are injected: SQLite's page limit
makes every write fail as "database or disk is full", and a read-only database is opened read-only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from starcoach.storage.db import open_database
from starcoach.storage.stories import StoryStore
from starcoach.web.app import create_app

STARCOACH = Path(sys.executable).with_name("starcoach")
STORY = (
    "---\ntitle: Written on a full disk\n---\n\n## Situation\n\n" + "We shipped it. " * 1000 + "\n"
)


def _mount_tmpfs(where: Path, size: str = "1m") -> bool:
    # STARCOACH_TEST_NO_MOUNT=1 runs the fault-injection path on a machine that could mount.
    if shutil.which("mount") is None or os.environ.get("STARCOACH_TEST_NO_MOUNT") == "1":
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """Yield a mounted 1 MB tmpfs, or None where the machine refuses the mount."""
    where = tmp_path / "disk"
    if not _mount_tmpfs(where):
        yield None
        return
    try:
        yield where
    finally:
        _umount(where)


def _fill(folder: Path) -> None:
    with (folder / "filler").open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    # Whatever is left (less than a block) is used up by small files.
    for i in range(10_000):
        try:
            (folder / f"f{i}").write_bytes(b"\0" * 512)
        except OSError:
            break


def _cli(env_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STARCOACH_DATA_DIR": str(env_dir), "NO_COLOR": "1"}
    env.pop("STARCOACH_DATABASE_URL", None)
    return subprocess.run(
        [str(STARCOACH), *args], capture_output=True, text=True, env=env, timeout=60
    )


def _one_line_exit_2(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("starcoach: error:")
    assert any(word in lines[0] for word in words), lines[0]


def _inject_full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every SQLite connection unable to grow its file: writes fail as "disk is full"."""
    from sqlalchemy import event

    from starcoach.storage import db as dbmodule

    original = dbmodule._configure_sqlite

    def configure(engine: object) -> None:
        original(engine)  # type: ignore[arg-type]

        @event.listens_for(engine, "connect")
        def _limit(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count={max(pages, 1)}")
            cursor.close()

    monkeypatch.setattr(dbmodule, "_configure_sqlite", configure)


def test_full_disk_cli_import_is_one_line_exit_2(
    small_disk: Path | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    if small_disk is not None:
        assert _cli(small_disk, "story", "list").returncode == 0
        _fill(small_disk)
        proc = _cli(small_disk, "story", "import", str(story))
        _one_line_exit_2(proc, "full")
        _cli_after = _cli(small_disk, "story", "list")
        assert "Traceback" not in _cli_after.stderr
        return
    # Fault injection: the same command in this process, through the CLI's entry point.
    from starcoach.cli import main

    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    open_database(f"sqlite:///{tmp_path / 'data' / 'starcoach.db'}").close()
    _inject_full_disk(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["starcoach", "story", "import", str(story)])
    with pytest.raises(SystemExit) as caught:
        main.run()
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert err.count("\n") == 1 and "full" in err and "Traceback" not in err


def test_full_disk_web_write_is_507_and_nothing_half_stored(
    small_disk: Path | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_disk if small_disk is not None else tmp_path
    url = f"sqlite:///{folder / 'web.db'}"
    if small_disk is None:
        open_database(url).close()
        _inject_full_disk(monkeypatch)
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        assert client.get("/stories.json").status_code == 200
        if small_disk is not None:
            _fill(small_disk)
        body = {"title": "Kept", "situation": "Long text. " * 1500, "task": "More. " * 3000}
        response = client.post("/api/stories", json=body)
        assert response.status_code == 507, response.text
        assert "full" in response.json()["detail"]
        page = client.post("/api/stories", json=body, headers={"accept": "text/html"})
        assert page.status_code == 507
        assert "Traceback" not in page.text
    if small_disk is not None:
        for extra in small_disk.glob("f[0-9]*"):
            extra.unlink()
        (small_disk / "filler").unlink()
    db = open_database(url)
    assert StoryStore(db).ids() == []
    db.close()


def test_read_only_database_cli_and_web(small_disk: Path | None, tmp_path: Path) -> None:
    if small_disk is not None:
        assert _cli(small_disk, "story", "list").returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
        folder = small_disk
        url = f"sqlite:///{small_disk / 'starcoach.db'}"
    elif os.geteuid() != 0:
        folder = tmp_path / "ro"
        assert _cli(folder, "story", "list").returncode == 0
        (folder / "starcoach.db").chmod(0o444)
        folder.chmod(0o555)
        url = f"sqlite:///{folder / 'starcoach.db'}"
    else:
        # Root ignores file modes and this machine refuses mounts: open the file read-only.
        folder = tmp_path / "ro"
        open_database(f"sqlite:///{folder / 'starcoach.db'}").close()
        url = f"sqlite:///file:{folder / 'starcoach.db'}?mode=ro&uri=true"
    if small_disk is not None or os.geteuid() != 0:
        proc = _cli(folder, "story", "import", str(_story_file(tmp_path)))
        _one_line_exit_2(proc, "read-only", "readonly")
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        response = client.post("/api/stories", json={"title": "Not stored"})
        assert response.status_code == 503, response.text
        assert "read-only" in response.json()["detail"]
        assert "Traceback" not in client.get("/stories").text


def _story_file(tmp_path: Path) -> Path:
    path = tmp_path / "one.md"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("story", "list"),
        ("story", "import", "STORY"),
        ("practice", "--question", "proud"),
        ("history",),
        ("serve", "--port", "1"),
    ],
)
def test_an_uncreatable_data_directory_is_one_line_exit_2(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    story = _story_file(tmp_path)
    proc = _cli(blocker / "data", *(str(story) if a == "STORY" else a for a in args))
    _one_line_exit_2(proc, "cannot create", "Not a directory")


def test_an_uncreatable_data_directory_is_503_on_the_web(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    url = f"sqlite:///{blocker / 'data' / 'web.db'}"
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        assert client.get("/check").status_code == 200  # needs no database
        for path in ("/stories", "/practice", "/stories.json"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "Traceback" not in response.text
