"""8 writer processes for 20 s on SQLite and on PostgreSQL: failed writes surfaced, lost writes.

    python -m bench.concurrent_writes [--processes 8] [--seconds 20] [--postgres URL]

PostgreSQL runs when --postgres or STARCOACH_TEST_DATABASE_URL names a server; the writers work in
a fresh schema that is dropped afterwards. Prints one line per database; docs/RELIABILITY.md holds
the latest figures.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import uuid
from pathlib import Path

from bench.writers import WriterResult, run_writers


def _postgres_schema(url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), schema


def _drop(url: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _line(name: str, result: WriterResult) -> str:
    return (
        f"{name}: {result.processes} processes, {result.seconds:.1f} s: "
        f"{result.committed} writes committed ({result.writes_per_second:.0f}/s), "
        f"{result.stored} stored, lost {result.lost}, busy errors surfaced {result.busy}, "
        f"other failures {result.failed}"
        + (f" ({'; '.join(result.failures[:3])})" if result.failures else "")
    )


def main() -> None:
    """Run the writers on each database and print what happened."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--postgres", default=os.environ.get("STARCOACH_TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = run_writers(
            f"sqlite:///{folder / 'bench.db'}", args.processes, args.seconds, folder / "sqlite"
        )
        print(_line("SQLite", result), flush=True)
        if args.postgres:
            url, schema = _postgres_schema(args.postgres)
            try:
                result = run_writers(url, args.processes, args.seconds, folder / "postgres")
            finally:
                _drop(args.postgres, schema)
            print(_line("PostgreSQL", result), flush=True)


if __name__ == "__main__":
    main()
