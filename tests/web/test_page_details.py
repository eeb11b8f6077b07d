"""Small things every visitor meets: the site icon, and counts written in the right number."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from starcoach.web.pages import plural

PAGES = ("/check", "/guide", "/stories", "/stories/new", "/practice", "/progress", "/no-such-page")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_names_an_icon_that_is_served(client: TestClient, path: str) -> None:
    page = client.get(path).text
    match = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert match is not None, f"{path} names no icon"
    icon = client.get(match.group(1))
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.lstrip().startswith("<svg")


def test_the_usual_icon_address_answers_too(client: TestClient) -> None:
    # Browsers and link previews ask for /favicon.ico whatever the page says.
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")


def test_plural() -> None:
    assert plural(1, "result") == "1 result"
    assert plural(0, "result") == "0 results"
    assert plural(2, "story", "stories") == "2 stories"


def test_a_story_with_one_action_and_one_result_says_so(client: TestClient) -> None:
    story = {
        "title": "Rebuilding the booking service",
        "actions": [{"who": "me", "did": "I traced a week of failed requests through the logs."}],
        "results": [{"outcome": "Failed bookings fell from 9% to under 1% in three months."}],
    }
    assert client.post("/api/stories", json=story).status_code == 201
    page = client.get("/stories").text
    assert "1 action, 1 result" in page
    assert "1 actions" not in page and "1 results" not in page


def test_story_prose_wrapped_in_a_file_reads_as_paragraphs(client: TestClient) -> None:
    story = {
        "title": "Wrapped prose",
        "situation": "Our checkout had become slow enough that customers gave up\nbefore paying.\n\n"
        "Two causes stood out:\n- the pricing calls\n- the <cache> misses",
    }
    assert client.post("/api/stories", json=story).status_code == 201
    page = client.get("/stories/wrapped-prose").text
    assert (
        "<p>Our checkout had become slow enough that customers gave up before paying.</p>" in page
    )
    assert (
        "<p>Two causes stood out:<br>- the pricing calls<br>- the &lt;cache&gt; misses</p>" in page
    )


def test_a_story_with_only_a_title_lists_no_stray_separator(client: TestClient) -> None:
    assert client.post("/api/stories", json={"title": "Hackathon prototype"}).status_code == 201
    assert (
        client.post(
            "/api/stories", json={"title": "Dated", "role": "Nurse", "started": "2024-01"}
        ).status_code
        == 201
    )
    page = client.get("/stories").text
    metas = re.findall(r'<p class="meta">([^<]*)</p>', page)
    assert "0 actions, 0 results" in metas
    assert "Nurse · 2024-01 · 0 actions, 0 results" in metas
    assert not any(m.strip().startswith("·") for m in metas)
    show = client.get("/stories/hackathon-prototype").text
    assert '<p class="meta"></p>' in show
