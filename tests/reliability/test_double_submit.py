"""One practice step answered twice at once (a double click): exactly one answer is recorded, the
session state agrees with the stored answers, and every other request gets 409 saying so."""

from __future__ import annotations

import re
import threading

import httpx
import pytest
from tests.reliability.live_server import live_server

from starcoach.storage.attempts import AttemptStore
from starcoach.storage.db import open_database

ANSWER = (
    "I led the migration of our billing system to a new provider. I planned the cut-over, wrote the "
    "reconciliation scripts and ran the rollout myself; invoices went out on time and failures fell "
    "from 4% to 0.3% within a month."
)


def _race(base: str, session_id: str, step: int, copies: int) -> list[int]:
    barrier = threading.Barrier(copies)
    statuses: list[int] = []
    lock = threading.Lock()

    def post() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            barrier.wait()
            response = client.post(
                f"/api/practice/{session_id}/answer", json={"answer": ANSWER, "step": step}
            )
            if response.status_code == 409:
                assert (
                    "twice" in response.json()["detail"] or "moved on" in response.json()["detail"]
                )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=post) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


@pytest.mark.parametrize("rounds", [3])
def test_concurrent_answers_to_one_step_record_exactly_one(database_url: str, rounds: int) -> None:
    with live_server(database_url) as base:
        for _ in range(rounds):
            start = httpx.post(
                base + "/api/practice",
                json={"mode": "single", "question": "proud", "max_follow_ups": 2},
                timeout=30,
            )
            assert start.status_code == 201, start.text
            session_id = start.json()["id"]
            statuses = _race(base, session_id, start.json()["step"], copies=6)
            assert sorted(statuses) == [200] + [409] * 5, statuses
            progress = httpx.get(f"{base}/practice/{session_id}.json", timeout=30).json()
            db = open_database(database_url)
            try:
                stored = AttemptStore(db).attempts(session_id=session_id, kind=None)
            finally:
                db.close()
            assert len(stored) == 1
            assert len(progress["turns"]) == 1
            assert progress["step"] == start.json()["step"] + 1


_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


def _race_form(
    client: httpx.Client, session_id: str, data: dict[str, str], copies: int
) -> list[str]:
    """Post the answer form `copies` times at once (one browser: the same cookies); return where
    each post sent the person."""
    barrier = threading.Barrier(copies)
    places: list[str] = []
    lock = threading.Lock()

    def post() -> None:
        with httpx.Client(base_url=client.base_url, cookies=client.cookies, timeout=30) as mine:
            barrier.wait()
            response = mine.post(f"/practice/{session_id}/answer", data=data)
        assert response.status_code == 303, (response.status_code, response.text[:500])
        with lock:
            places.append(response.headers["location"])

    threads = [threading.Thread(target=post) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return places


@pytest.mark.parametrize("rounds", [3])
def test_a_double_clicked_answer_form_records_one_answer_and_says_so(
    database_url: str, rounds: int
) -> None:
    with live_server(database_url) as base, httpx.Client(base_url=base, timeout=30) as browser:
        match = _TOKEN.search(browser.get("/practice").text)
        assert match is not None
        token = match.group(1)
        for n in range(rounds):
            start = browser.post(
                "/practice",
                data={
                    "csrf_token": token,
                    "form_id": f"double-{n}-{threading.get_ident()}",
                    "mode": "single",
                    "question": "proud",
                    "follow_ups": "2",
                },
            )
            assert start.status_code == 303, start.text[:500]
            session_id = start.headers["location"].rsplit("/", 1)[1]
            step = browser.get(f"/practice/{session_id}.json").json()["step"]
            form = {"csrf_token": token, "answer": ANSWER, "step": str(step), "elapsed": "20"}
            places = _race_form(browser, session_id, form, copies=6)
            assert (
                sorted(places)
                == [f"/practice/{session_id}?answered=1"]
                + [f"/practice/{session_id}?sent=twice"] * 5
            ), places
            notice = browser.get(f"/practice/{session_id}?sent=twice")
            assert notice.status_code == 200
            assert "recorded once" in notice.text
            progress = browser.get(f"/practice/{session_id}.json").json()
            db = open_database(database_url)
            try:
                stored = AttemptStore(db).attempts(session_id=session_id, kind=None)
            finally:
                db.close()
            assert len(stored) == 1
            assert len(progress["turns"]) == 1
            assert progress["step"] == step + 1
