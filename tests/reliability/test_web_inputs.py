"""Hostile request bodies: lone surrogates and malformed JSON get 400 on every JSON route, oversized
forms 413 with the typed text kept, and data and downloads are never cached."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import token_of

from starcoach.web.app import create_app

# Every route that takes a JSON body, with a body that is valid but for one lone surrogate.
JSON_ROUTES = [
    ("POST", "/api/check", {"answer": "\udc00", "question": "proud"}),
    ("POST", "/api/check/fragment", {"text": "\ud800 led it"}),
    ("POST", "/check/fragment", {"text": "\udfff"}),
    ("POST", "/api/practice", {"question": "\udc00 custom?"}),
    ("POST", "/api/practice/{session}/answer", {"answer": "\udc00"}),
    ("POST", "/api/stories", {"title": "\udc00"}),
    ("PUT", "/api/stories/a-story", {"title": "\ud83d"}),
]


def _raw_json(value: dict[str, str]) -> bytes:
    # json.dumps writes a lone surrogate as its \u escape, as a hostile client would send it.
    import json

    return json.dumps(value).encode("ascii")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(
        create_app(f"sqlite:///{tmp_path / 'web.db'}"), raise_server_exceptions=False
    ) as test_client:
        yield test_client


def _session(client: TestClient) -> str:
    started = client.post("/api/practice", json={"question": "proud"})
    assert started.status_code == 201
    assert client.post("/api/stories", json={"title": "A story"}).status_code == 201
    return str(started.json()["id"])


@pytest.mark.parametrize(("method", "path", "body"), JSON_ROUTES)
def test_a_lone_surrogate_is_400_on_every_json_route(
    client: TestClient, method: str, path: str, body: dict[str, str]
) -> None:
    path = path.format(session=_session(client))
    response = client.request(
        method, path, content=_raw_json(body), headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "surrogate" in response.json()["detail"]
    # The connection is still good for the next request.
    assert client.get("/check").status_code == 200


@pytest.mark.parametrize(
    "body", [b'{"answer": ', b"{'answer': 'x'}", b'{"answer": NaN}', b"\xff\xfe", b"[1,]"]
)
def test_malformed_json_is_400(client: TestClient, body: bytes) -> None:
    response = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON")


def test_valid_json_with_wrong_fields_is_still_422(client: TestClient) -> None:
    response = client.post("/api/check", json={"answer": 5})
    assert response.status_code == 422


def test_a_chunked_form_over_the_limit_is_413(client: TestClient) -> None:
    token = token_of(client)

    def chunks() -> Iterator[bytes]:
        yield b"question=proud&answer="
        for _ in range(30):
            yield b"x" * 100_000

    response = client.post(
        "/check",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded", "x-csrf-token": token},
    )
    assert response.status_code == 413


def test_a_form_answer_over_a_megabyte_is_413_and_the_text_is_kept(client: TestClient) -> None:
    token = token_of(client)
    typed = "I led the launch. " * 60_000  # about 1.08 MB
    response = client.post(
        "/check", data={"answer": typed, "question": "proud", "csrf_token": token}
    )
    assert response.status_code == 413
    assert "I led the launch. I led the launch." in response.text
    assert response.text.count("I led the launch.") >= 60_000


@pytest.mark.parametrize(
    "path",
    ["/stories.json", "/practice.json", "/progress.json", "/stories/export", "/api/openapi.json"],
)
def test_data_and_downloads_are_not_cached(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_a_story_download_and_an_accept_json_page_are_not_cached(client: TestClient) -> None:
    assert client.post("/api/stories", json={"title": "Kept private"}).status_code == 201
    download = client.get("/stories/kept-private/export")
    assert download.status_code == 200
    assert download.headers["cache-control"] == "no-store"
    page = client.get("/stories", headers={"accept": "application/json"})
    assert page.headers["cache-control"] == "no-store"
