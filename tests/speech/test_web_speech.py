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
