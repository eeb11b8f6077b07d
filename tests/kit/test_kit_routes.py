"""The interviewer pages and their JSON, on a fresh SQLite database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.kit.conftest import STRONG_NOTES

from starcoach.web.app import create_app

_TOKEN = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')
DIMS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """Yield a test client for an app on an empty database."""
    with TestClient(create_app(f"sqlite:///{tmp_path / 'web.db'}")) as test_client:
        yield test_client


def token(client: TestClient) -> str:
    match = _TOKEN.search(client.get("/kits").text)
    assert match is not None
    return match.group(1)


def _setup(client: TestClient) -> tuple[str, str]:
    csrf = token(client)
    response = client.post(
        "/kits", data={"csrf_token": csrf, "role": "swe"}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/kits/software-engineer"
    response = client.post(
        "/kits/software-engineer/candidates",
        data={"csrf_token": csrf, "name": "Ada <b>Lovelace</b>"},
        follow_redirects=False,
    )
    candidate = response.headers["location"].rsplit("/", 1)[1]
    response = client.post(
        f"/candidates/{candidate}/interviews",
        data={"csrf_token": csrf, "interviewer": "Sam"},
        follow_redirects=False,
    )
    return candidate, response.headers["location"].rsplit("/", 1)[1]


def test_kit_pages_and_exports(client: TestClient) -> None:
    assert (
        "unknown role"
        in client.post("/kits", data={"csrf_token": token(client), "role": "astronaut"}).text
    )
    assert client.post("/kits", data={"role": "swe"}).status_code == 403
    _setup(client)
    page = client.get("/kits/software-engineer")
    assert page.status_code == 200 and "For example" in page.text
    assert client.get("/kits/software-engineer/print").text.startswith("<!doctype html>")
    assert client.get("/kits/software-engineer/pdf").content.startswith(b"%PDF-")
    assert client.get("/kits/nope").status_code == 404
    as_json = client.get("/kits/software-engineer", headers={"accept": "application/json"})
    assert as_json.json()["kit"]["questions"][0]["kind"] == "opener"


def test_notes_autosave_api_and_scorecard_flow(client: TestClient) -> None:
    candidate, interview = _setup(client)
    saved = client.post(
        f"/api/interviews/{interview}/notes", json={"notes": {"proud": STRONG_NOTES}}
    )
    assert saved.status_code == 200
    marks = {m["id"]: m["found"] for m in saved.json()["analysis"]["proud"]["marks"]}
    assert marks == {"own_actions": True, "result_baseline": True, "lesson": True}
    bad = client.post(f"/api/interviews/{interview}/notes", json={"notes": {"nope": "x"}})
    assert bad.status_code == 422
    assert client.post("/api/interviews/zzzz/notes", json={"notes": {}}).status_code == 404
    page = client.get(f"/interviews/{interview}")
    assert "I traced the failures" in page.text and "Ada &lt;b&gt;" not in page.text
    csrf = token(client)
    form = {"csrf_token": csrf, "recommendation": "yes", "reason": "Owned it."}
    form.update({f"score_{d}": "4" for d in DIMS})
    refused = client.post(f"/interviews/{interview}/scorecard", data=form)
    assert refused.status_code == 422 and "needs at least one quote" in refused.text
    assert 'value="4" checked' in refused.text  # what was typed comes back
    form.update({f"own_quote_{d}": "I traced the failures in the logs" for d in DIMS})
    done = client.post(f"/interviews/{interview}/scorecard", data=form, follow_redirects=False)
    assert done.status_code == 303
    debrief = client.get(f"/candidates/{candidate}/debrief?viewer=Sam")
    assert debrief.status_code == 200 and "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in debrief.text
    exported = client.get(f"/candidates/{candidate}/scorecards.json").json()
    assert exported["scorecards"][0]["ratings"][0]["score"] == 4
    assert client.get(f"/candidates/{candidate}/scorecards.csv").text.startswith("candidate_id,")


def test_debrief_is_hidden_until_the_viewer_submits(client: TestClient) -> None:
    candidate, _ = _setup(client)
    hidden = client.get(f"/candidates/{candidate}/debrief?viewer=Sam")
    assert hidden.status_code == 403 and "submit your own scorecard first" in hidden.text
    assert client.get(f"/candidates/{candidate}/debrief").status_code == 403


def test_calibration_page_has_no_candidates(client: TestClient) -> None:
    _setup(client)
    csrf = token(client)
    response = client.post(
        "/calibration",
        data={
            "csrf_token": csrf,
            "interviewer": "Sam",
            "sample": "big-number",
            "score_ownership": "2",
            "score_impact": "2",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get("/calibration")
    assert 'data-interviewer="Sam"' in page.text
    assert "Lovelace" not in page.text


def test_transcript_import_and_its_refusals(client: TestClient) -> None:
    _, interview = _setup(client)
    csrf = token(client)
    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nI led the rewrite.\n"
    done = client.post(
        f"/interviews/{interview}/import",
        data={"csrf_token": csrf, "question": "proud"},
        files={"file": ("call.vtt", vtt, "text/vtt")},
        follow_redirects=False,
    )
    assert done.status_code == 303
    for name, raw, message in (
        ("empty.srt", b"", "no words"),
        ("photo.txt", b"\x89PNG\r\n\x00", "binary"),
        ("big.txt", b"a" * 200_001, "limit"),
    ):
        refused = client.post(
            f"/interviews/{interview}/import",
            data={"csrf_token": csrf, "question": "proud"},
            files={"file": (name, raw, "text/plain")},
        )
        assert refused.status_code == 422 and message in refused.text
    page = client.get(f"/interviews/{interview}", headers={"accept": "application/json"})
    assert page.json()["interview"]["notes"] == {"proud": "I led the rewrite."}


def test_kit_file_download_edit_and_import(client: TestClient) -> None:
    _setup(client)
    csrf = token(client)
    text = client.get("/kits/software-engineer/file").text
    edited = text.replace("minutes: 15", "minutes: 20")

    def upload(body: str) -> object:
        return client.post(
            "/kit-files",
            data={"csrf_token": csrf},
            files={"file": ("kit.md", body.encode(), "text/markdown")},
            follow_redirects=False,
        )

    # An interview uses version 1, so the edit becomes version 2 and says so.
    done = upload(edited)
    assert done.status_code == 303  # type: ignore[attr-defined]
    page = client.get(done.headers["location"])  # type: ignore[attr-defined]
    assert "saved as version 2" in page.text
    # The same old file again is refused: it was made from version 1.
    stale = upload(edited.replace("minutes: 20", "minutes: 25"))
    assert stale.status_code == 409 and "version 1" in stale.text  # type: ignore[attr-defined]
    broken = upload("---\nid: software-engineer\n---\n")
    assert broken.status_code == 422  # type: ignore[attr-defined]
    as_json = client.get("/kits/software-engineer", headers={"accept": "application/json"}).json()
    assert as_json["latest"] == 2 and as_json["kit"]["questions"][0]["minutes"] == 20
