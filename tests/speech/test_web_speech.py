"""The web app's spoken answers: upload a recording, get transcript, delivery and content back."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.speech.synth import Synth

from starcoach.web.app import create_app


def _client_and_token(tmp_path_url: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(tmp_path_url))
    page = client.get("/check")
    match = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert match
    return client, match.group(1)


def test_check_page_has_the_record_button(tmp_path) -> None:  # type: ignore[no-untyped-def]
    client, _token = _client_and_token(f"sqlite:///{tmp_path / 'db.sqlite'}")
    page = client.get("/check")
    assert "data-record" in page.text and "speech.js" in page.text
    assert client.get("/static/speech.js").status_code == 200


def test_upload_returns_transcript_delivery_and_content(
    tmp_path, answer_audio: dict[str, Synth]
) -> None:  # type: ignore[no-untyped-def]
    client, token = _client_and_token(f"sqlite:///{tmp_path / 'db.sqlite'}")
    data = answer_audio[".webm"].path.read_bytes()
    html = client.post(
        "/speech/check",
        files={"audio": ("answer.webm", data, "audio/webm")},
        data={"question": "proud"},
        headers={"X-CSRF-Token": token},
    )
    assert html.status_code == 200, html.text
    assert "data-transcript" in html.text and "sp-filler" in html.text
    assert "data-pace-graph" in html.text and 'data-metric="pace"' in html.text
    assert "data-spoken-content" in html.text
    doc = client.post(
        "/speech/check",
        files={"audio": ("answer.webm", data, "audio/webm")},
        data={"question": "proud"},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    ).json()
    assert doc["schema"] == "starcoach.spoken/1"
    assert len(doc["delivery"]["pauses"]) == 3
    assert all(w["t0"] is not None for w in doc["transcript"]["words"])


def test_upload_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    client, token = _client_and_token(f"sqlite:///{tmp_path / 'db.sqlite'}")
    no_token = client.post(
        "/speech/check", files={"audio": ("a.webm", b"x", "audio/webm")}, headers={}
    )
    assert no_token.status_code == 403
    missing = client.post(
        "/speech/check", data={"question": "proud"}, headers={"X-CSRF-Token": token}
    )
    assert missing.status_code == 422
    foreign = client.post(
        "/speech/check",
        files={"audio": ("notes.txt", b"hello", "text/plain")},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert foreign.status_code == 415
    assert "not a supported audio format" in foreign.json()["detail"]
    assert "starcoach-audio" not in foreign.json()["detail"]


def test_practice_page_records_and_stores_the_delivery(
    tmp_path, answer_audio: dict[str, Synth], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import json
    import uuid

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    client, token = _client_and_token(url)
    form = {"csrf_token": token, "form_id": uuid.uuid4().hex, "mode": "single", "question": "proud",
            "follow_ups": "0"}  # fmt: skip
    started = client.post("/practice", data=form, follow_redirects=False)
    assert started.status_code == 303
    sid = str(started.headers["location"]).rsplit("/", 1)[1]
    page = client.get(f"/practice/{sid}")
    assert "data-record" in page.text and 'name="delivery"' in page.text
    html = client.post(
        "/speech/check",
        files={"audio": ("answer.wav", answer_audio[".wav"].path.read_bytes(), "audio/wav")},
        data={"question": "proud"},
        headers={"X-CSRF-Token": token},
    ).text
    analyzed = re.search(r"<p hidden data-analyzed-text>(.*?)</p>", html, re.S)
    delivery = re.search(
        r'<script type="application/json" data-delivery-json>(.*?)</script>', html, re.S
    )
    assert analyzed and delivery
    answer = analyzed.group(1) + " I owned the plan, the rollout and the checks myself."
    posted = client.post(
        f"/practice/{sid}/answer",
        data={"csrf_token": token, "answer": answer, "step": "0", "delivery": delivery.group(1)},
        follow_redirects=False,
    )
    assert posted.status_code in (200, 303), posted.text[:500]
    from starcoach.storage.attempts import open_attempt_store

    attempts = open_attempt_store(url).attempts()
    assert len(attempts) == 1
    assert attempts[0].delivery is not None
    assert attempts[0].delivery == json.loads(delivery.group(1))
    assert attempts[0].audio_path is None

    progress = client.get("/progress")
    assert "data-delivery-history" in progress.text
    rows = client.get("/progress", headers={"Accept": "application/json"}).json()["delivery"]
    assert len(rows) == 1 and rows[0]["pace_wpm"] > 0
