"""The team server's load run (bench/team_load.py): its figures, and a short real run on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from bench.team_load import KINDS, Phase, measure, report_lines, table


def _phase(name: str, users: int) -> Phase:
    phase = Phase(name, users)
    phase.begin, phase.seconds, phase.cpu_seconds = 100.0, 60.0, 6.0
    for kind in KINDS:
        for n in range(20):
            # Before the sign-ins are done (t < 110) every request is slow; after, fast.
            started = 100.0 + n
            latency = 900.0 if started < 110 else 30.0 + n
            phase.runs[kind].latencies_ms.append(latency)
            phase.samples[kind].append((started, latency))
    phase.signed_in_at = 110.0
    return phase


def test_the_table_sets_each_request_kind_alone_beside_loaded_and_steady() -> None:
    alone, loaded = _phase("alone", 1), _phase("loaded", 100)
    loaded.runs["story: save"].error("HTTP 409")
    rows = table(alone, loaded)
    assert len(rows) == 2 + len(KINDS)
    save = next(r for r in rows if r.startswith("| story: save |"))
    cells = [c.strip() for c in save.strip("|").split("|")]
    # n and p95 of the whole loaded run include the slow start; after the sign-ins they do not.
    assert cells[5] == "20" and cells[7] == "900 ms"
    assert cells[9] == "10" and cells[11] == "49 ms"
    assert cells[-1] == "1"
    sign_in = next(r for r in rows if r.startswith("| sign in |"))
    assert "— |" in sign_in  # no steady-state figure for the one sign-in per person


def test_the_report_names_errors_and_the_load_generators_share() -> None:
    alone, loaded = _phase("alone", 1), _phase("loaded", 100)
    text = "\n".join(report_lines(alone, loaded, (2.0, 6.0), 20.0, 1.5))
    assert "0 errors" in text and "10% of one core" in text
    loaded.runs["practice: start"].error("ReadError")
    text = "\n".join(report_lines(alone, loaded, (2.0, 6.0), 20.0, 1.5))
    assert "1 errors (practice: start: ReadError: 1)" in text


def test_a_short_run_against_a_real_team_server() -> None:
    """Three people for a few seconds on PostgreSQL: every kind of request answered, no errors."""
    url = os.environ.get("STARCOACH_TEST_DATABASE_URL", "").strip()
    if not url:
        pytest.skip("the team load run needs STARCOACH_TEST_DATABASE_URL")
    measured = measure(
        url,
        users=3,
        seconds=10.0,
        ramp=1.0,
        think=(0.2, 0.5),
        alone_seconds=4.0,
        alone_think=(0.05, 0.1),
    )
    assert measured.loaded.errors == 0, measured.loaded.error_kinds()
    assert measured.alone.errors == 0, measured.alone.error_kinds()
    assert len(measured.loaded.runs["sign in"].latencies_ms) == 3
    for kind in KINDS:
        assert measured.loaded.runs[kind].latencies_ms, kind
        assert measured.alone.runs[kind].latencies_ms, kind
