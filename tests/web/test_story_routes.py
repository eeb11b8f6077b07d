"""Route tests for the Stories pages: create, edit, delete, coverage, drafts, import and export."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from starcoach.storage.stories import open_store
from starcoach.storage.storyfile import parse_story, render_story

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def _story_form(token: str, form_id: str = "f-1", **fields: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "form_id": form_id,
        "title": "Cutting checkout latency",
        "role": "Backend engineer",
        "team_size": "4",
        "situation": "Checkout pages took four seconds to load before the holiday peak.",
        "task": "I owned the latency budget for the checkout service.",
        "actions-0-did": "Profiled the slowest requests and found a query with no index.",
        "actions-0-who": "me",
        "actions-1-did": "Rolled the fix out behind a flag.",
        "actions-1-who": "team",
        "results-0-outcome": "Median checkout time fell from 4 s to 1.2 s.",
        "results-0-baseline": "4 s",
        "results-0-measured_by": "the request dashboard",
        "reflection": "I would add the latency budget to code review from the start.",
        "tags": "performance, Ownership",
    }
    form.update(fields)
    return form


def test_create_a_story_from_the_form_then_see_it_as_page_and_json(
    client: TestClient, token: str, database_url: str
) -> None:
    response = client.post("/stories", data=_story_form(token), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/stories/cutting-checkout-latency?saved=1"
    stored = open_store(database_url).get("cutting-checkout-latency")
    assert stored.team_size == 4
    assert [(a.who, a.did[:8]) for a in stored.actions] == [
        ("me", "Profiled"),
        ("team", "Rolled t"),
    ]
    assert stored.results[0].baseline == "4 s"
    assert stored.tags == ("performance", "ownership")

    page = client.get("/stories/cutting-checkout-latency")
    data = client.get("/stories/cutting-checkout-latency.json").json()
    assert data["story"]["title"] == "Cutting checkout latency"
    # The page lists the gaps and the findings in the story's words together, the most severe first.
    order = {"error": 0, "warning": 1, "suggestion": 2}
    listed = sorted(
        [*data["check"]["gaps"], *data["check"]["findings"]], key=lambda g: order[g["severity"]]
    )
    assert re.findall(r'<li class="sev-\w+" data-rule="([^"]+)"', page.text) == [
        g["rule_id"] for g in listed
    ]
    listing = client.get("/stories", headers={"accept": "application/json"}).json()
    assert [s["id"] for s in listing["stories"]] == ["cutting-checkout-latency"]
    assert re.findall(r'data-story="([^"]+)"', client.get("/stories").text) == [
        "cutting-checkout-latency"
    ]


def test_the_same_form_posted_twice_creates_one_story(
    client: TestClient, token: str, database_url: str
) -> None:
    first = client.post("/stories", data=_story_form(token, "same"), follow_redirects=False)
    second = client.post("/stories", data=_story_form(token, "same"), follow_redirects=False)
    assert second.status_code == 303
    assert second.headers["location"].split("?")[0] == first.headers["location"].split("?")[0]
    assert open_store(database_url).ids() == ["cutting-checkout-latency"]
    # A new form (a new form id) with the same title is a second story, under a free id.
    client.post("/stories", data=_story_form(token, "other"), follow_redirects=False)
    assert open_store(database_url).ids() == [
        "cutting-checkout-latency",
        "cutting-checkout-latency-2",
    ]


def test_an_invalid_story_shows_the_form_again_with_everything_typed(
    client: TestClient, token: str, database_url: str
) -> None:
    form = _story_form(token, title="", started="2024-13", team_size="four")
    response = client.post("/stories", data=form)
    assert response.status_code == 422
    assert "data-problems" in response.text
    assert 'aria-invalid="true"' in response.text
    assert form["situation"] in response.text
    assert form["actions-0-did"] in response.text
    assert open_store(database_url).ids() == []
    data = client.post("/stories", data=form, headers={"accept": "application/json"}).json()
    assert {p["field"] for p in data["detail"]} >= {"team_size"}


def test_a_story_form_without_its_token_saves_nothing_and_keeps_the_text(
    client: TestClient, database_url: str
) -> None:
    client.get("/stories/new")
    response = client.post("/stories", data=_story_form("not-the-token"))
    assert response.status_code == 403
    assert "Checkout pages took four seconds" in response.text
    assert open_store(database_url).ids() == []


def test_edit_rename_anchor_and_delete(client: TestClient, token: str, database_url: str) -> None:
    client.post("/stories", data=_story_form(token))
    edit = client.get("/stories/cutting-checkout-latency/edit")
    assert edit.status_code == 200
    assert "Profiled the slowest requests" in edit.text
    # The field checks shown beside the form are the fragment analyzer's findings.
    assert 'id="checks-actions-1-did"' in edit.text
    version = _VERSION.search(edit.text)
    assert version is not None
    changed = _story_form(
        token,
        "edit-1",
        title="Checkout latency",
        situation="Pages were slow.",
        version=version.group(1),
    )
    saved = client.post(
        "/stories/cutting-checkout-latency/edit", data=changed, follow_redirects=False
    )
    assert saved.status_code == 303
    store = open_store(database_url)
    assert store.get("cutting-checkout-latency").situation == "Pages were slow."
    assert (
        client.post(
            "/stories/cutting-checkout-latency/anchor", data={"csrf_token": token}
        ).status_code
        == 200
    )
    assert store.get("cutting-checkout-latency").anchor is True
    gone = client.post(
        "/stories/cutting-checkout-latency/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    again = client.post(
        "/stories/cutting-checkout-latency/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert again.status_code == 303  # a double click is harmless
    assert store.ids() == []


def test_delete_needs_the_token(client: TestClient, token: str, database_url: str) -> None:
    client.post("/stories", data=_story_form(token))
    response = client.post("/stories/cutting-checkout-latency/delete", data={"csrf_token": "x"})
    assert response.status_code == 403
    assert open_store(database_url).ids() == ["cutting-checkout-latency"]


def test_unknown_story_ids_are_404_pages(client: TestClient) -> None:
    for path in (
        "/stories/no-such-story",
        "/stories/no-such-story/edit",
        "/stories/no-such-story/export",
        "/stories/no-such-story/drafts/proud",
        "/stories/Not%20An%20Id",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "<h1>Not found</h1>" in response.text
    assert client.get("/stories/no-such-story.json").json()["detail"]


def test_a_script_in_a_story_is_shown_as_text(client: TestClient, token: str) -> None:
    form = _story_form(token, title="<script>alert(1)</script> launch", situation="<img src=x>")
    client.post("/stories", data=form)
    story_id = client.get("/stories.json").json()["stories"][0]["id"]
    for path in (
        f"/stories/{story_id}",
        f"/stories/{story_id}/edit",
        "/stories",
        "/stories/coverage",
    ):
        text = client.get(path).text
        assert "<script>alert(1)</script>" not in text, path
        assert "<img src=x>" not in text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, path


def test_coverage_map_page_and_json_agree(client: TestClient, token: str) -> None:
    client.post("/stories", data=_story_form(token))
    data = client.get("/stories/coverage.json").json()
    page = client.get("/stories/coverage").text
    assert [r["question_id"] for r in data["prompts"]] == re.findall(
        r'<tr data-question="(\w+)"', page
    )
    assert [c["strength"] for r in data["prompts"] for c in r["cells"]] == re.findall(
        r'data-strength="(\w+)"', page
    )
    assert data["recommended_anchor"] == "cutting-checkout-latency"


def test_draft_page_and_json_agree(client: TestClient, token: str) -> None:
    client.post("/stories", data=_story_form(token))
    data = client.get("/stories/cutting-checkout-latency/drafts/proud.json").json()
    page = client.get("/stories/cutting-checkout-latency/drafts/proud").text
    assert data["text"].startswith("The work I'm proudest of")
    assert re.findall(r'<li class="finding sev-\w+" data-rule="([^"]+)"', page) == [
        f["rule_id"] for f in data["report"]["findings"] if f["span"] is not None
    ]
    none = client.get("/stories/cutting-checkout-latency/drafts/failure.json").json()
    assert none["text"] is None
    assert none["missing_field"] == "failure"
    assert client.get("/stories/cutting-checkout-latency/drafts/generic").status_code == 404


def test_export_a_story_file_and_import_it_back(
    client: TestClient, token: str, database_url: str
) -> None:
    client.post("/stories", data=_story_form(token))
    exported = client.get("/stories/cutting-checkout-latency/export")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    story = parse_story(exported.text)
    assert story == open_store(database_url).get("cutting-checkout-latency")

    files = [("files", ("a.md", exported.content, "text/markdown"))]
    clash = client.post("/stories/import", data={"csrf_token": token, "form_id": "i1"}, files=files)
    assert clash.status_code == 409
    replaced = client.post(
        "/stories/import",
        data={"csrf_token": token, "form_id": "i2", "replace": "on"},
        files=files,
        follow_redirects=False,
    )
    assert replaced.status_code == 303
    assert open_store(database_url).get("cutting-checkout-latency") == story

    archive = zipfile.ZipFile(io.BytesIO(client.get("/stories/export").content))
    assert archive.namelist() == ["cutting-checkout-latency.md"]
    assert archive.read("cutting-checkout-latency.md").decode() == render_story(story)


def test_import_is_all_or_nothing_and_names_the_problem(
    client: TestClient, token: str, database_url: str
) -> None:
    good = (STORIES / "checkout-latency.md").read_bytes()
    bad = b"---\ntitle: [unclosed\n---\n"
    response = client.post(
        "/stories/import",
        data={"csrf_token": token, "form_id": "x"},
        files=[
            ("files", ("good.md", good, "text/markdown")),
            ("files", ("bad.md", bad, "text/markdown")),
        ],
    )
    assert response.status_code == 422
    assert "bad.md" in response.text
    assert open_store(database_url).ids() == []
    binary = client.post(
        "/stories/import",
        data={"csrf_token": token, "form_id": "y"},
        files=[("files", ("x.md", b"\xff\xfe\x00binary", "text/markdown"))],
    )
    assert binary.status_code == 422
    ok = client.post(
        "/stories/import",
        data={"csrf_token": token, "form_id": "z"},
        files=[("files", ("good.md", good, "text/markdown"))],
        follow_redirects=False,
    )
    assert ok.status_code == 303
    twice = client.post(
        "/stories/import",
        data={"csrf_token": token, "form_id": "z"},
        files=[("files", ("good.md", good, "text/markdown"))],
        follow_redirects=False,
    )
    assert twice.status_code == 303  # the same form again: no duplicate error, nothing more stored
    assert len(open_store(database_url).ids()) == 1


def test_story_json_api(client: TestClient, database_url: str) -> None:
    created = client.post(
        "/api/stories",
        json={"title": "Onboarding program", "actions": [{"did": "Wrote the guide.", "who": "me"}]},
    )
    assert created.status_code == 201
    assert created.json()["id"] == "onboarding-program"
    assert (
        client.post("/api/stories", json={"id": "onboarding-program", "title": "x"}).status_code
        == 409
    )
    assert client.post("/api/stories", json={"title": ""}).status_code == 422
    assert client.post("/api/stories", json={"title": "x", "colour": "red"}).status_code == 422
    updated = client.put(
        "/api/stories/onboarding-program", json={"title": "Onboarding", "team_size": 3}
    )
    assert updated.status_code == 200
    assert open_store(database_url).get("onboarding-program").team_size == 3
    assert client.delete("/api/stories/onboarding-program").status_code == 204
    assert client.delete("/api/stories/onboarding-program").status_code == 404


def test_a_database_that_cannot_open_is_a_503_and_no_password_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from starcoach.web.app import create_app

    url = "postgresql+psycopg://coach:s3cret-pw@127.0.0.1:1/none"
    with caplog.at_level(logging.DEBUG), TestClient(create_app(url)) as client:
        response = client.get("/stories")
        assert response.status_code == 503
        assert "s3cret-pw" not in response.text
        # The Check page needs no database.
        assert client.post("/api/check", json={"answer": "I rebuilt the job."}).status_code == 200
        token = re.search(r'content="([0-9a-f]{64})"', client.get("/check").text)
        assert token is not None
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "s3cret-pw" not in logged
    assert token.group(1) not in logged


def test_the_story_page_names_each_problem_once(client: TestClient) -> None:
    story = {
        "title": "Quarterly report",
        "actions": [{"who": "me", "did": "I rebuilt the report from the raw exports."}],
        "results": [{"outcome": "Everyone was much happier with the report."}],
        "reflection": "I would ask the readers what they need before starting.",
        "failure": "My biggest failure is that I'm a perfectionist, so I polish reports too long.",
    }
    assert client.post("/api/stories", json=story).status_code == 201
    data = client.get("/stories/quarterly-report.json").json()["check"]
    page = client.get("/stories/quarterly-report").text
    rules = re.findall(r'<li class="sev-\w+" data-rule="([^"]+)"', page)
    # One result without a number: one error for it, not an error and a warning.
    assert rules.count("story.no_measurable_result") == 1
    assert "story.result_no_number" not in rules and "result.no_number" not in rules
    # The disguised strength the form's live check flags in the failure field is on the page too.
    humblebrag = [f for f in data["findings"] if f["rule_id"] == "failure.humblebrag"]
    assert [(f["field"], f["severity"]) for f in humblebrag] == [("failure", "error")]
    assert "failure.humblebrag" in rules
    assert "perfectionist" in page.split('data-rule="failure.humblebrag"')[1].split("</li>")[0]
    assert len(rules) == len(
        set(zip(rules, re.findall(r'data-rule="[^"]+" data-field="([^"]*)"', page), strict=True))
    )


# --- two edits of the same story ----------------------------------------------------------------

_VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]+)">')


def _edit_version(client: TestClient, story_id: str) -> str:
    match = _VERSION.search(client.get(f"/stories/{story_id}/edit").text)
    assert match is not None
    return match.group(1)


def test_two_tabs_editing_one_story_the_second_save_is_refused_and_shows_both(
    client: TestClient, token: str, database_url: str
) -> None:
    client.post("/stories", data=_story_form(token))
    story_id = "cutting-checkout-latency"
    # Two tabs open the edit form at the same version.
    first_version = _edit_version(client, story_id)
    second_version = _edit_version(client, story_id)
    assert first_version == second_version
    first = _story_form(token, "tab-1", situation="Tab one's situation.", version=first_version)
    saved = client.post(f"/stories/{story_id}/edit", data=first, follow_redirects=False)
    assert saved.status_code == 303
    second = _story_form(
        token,
        "tab-2",
        task="Tab two's task.",
        reflection="Tab two's lesson.",
        version=second_version,
    )
    refused = client.post(f"/stories/{story_id}/edit", data=second)
    assert refused.status_code == 409
    # Nothing of the first save is lost and nothing of the second stored.
    stored = open_store(database_url).get(story_id)
    assert stored.situation == "Tab one's situation."
    assert stored.task == "I owned the latency budget for the checkout service."
    # The page shows theirs beside the differing fields, and yours in the form, to merge.
    page = refused.text
    assert "data-conflict" in page
    rows = dict(re.findall(r'<tr data-field="(\w+)">(.*?)</tr>', page, re.S))
    assert set(rows) == {"situation", "task", "reflection"}
    assert "Tab one&#39;s situation." in rows["situation"]
    assert "Tab two&#39;s task." in rows["task"]
    assert re.search(r'<textarea id="task"[^>]*>Tab two&#39;s task\.</textarea>', page)
    # The form now carries the stored version: saving the merge goes through.
    new_version = _VERSION.search(page)
    assert new_version is not None and new_version.group(1) != second_version
    assert new_version.group(1) == _edit_version(client, story_id)
    merged = {**second, "situation": "Tab one's situation.", "version": new_version.group(1)}
    again = client.post(f"/stories/{story_id}/edit", data=merged, follow_redirects=False)
    assert again.status_code == 303
    # The form's JSON twin answers the story with its new version, which the next save needs.
    latest = client.get(f"/stories/{story_id}.json").json()["version"]
    assert latest != new_version.group(1)
    twin = client.post(
        f"/stories/{story_id}/edit",
        data={**merged, "form_id": "tab-2-again", "version": latest},
        headers={"accept": "application/json"},
    )
    assert twin.status_code == 200
    assert twin.json()["version"] == client.get(f"/stories/{story_id}.json").json()["version"]
    assert twin.json()["version"] != latest
    stored = open_store(database_url).get(story_id)
    assert (stored.situation, stored.task) == ("Tab one's situation.", "Tab two's task.")


def test_a_form_without_a_version_does_not_overwrite(
    client: TestClient, token: str, database_url: str
) -> None:
    client.post("/stories", data=_story_form(token))
    response = client.post(
        "/stories/cutting-checkout-latency/edit",
        data=_story_form(token, "no-version", situation="Blind write."),
    )
    assert response.status_code == 409
    assert open_store(database_url).get("cutting-checkout-latency").situation.startswith("Checkout")


def test_two_api_clients_the_second_put_gets_409_with_both_versions(
    client: TestClient, database_url: str
) -> None:
    created = client.post("/api/stories", json={"title": "Onboarding", "situation": "Start."})
    assert created.status_code == 201
    story_id = created.json()["id"]
    loaded = client.get(f"/stories/{story_id}.json").json()
    assert loaded["version"] == created.json()["version"]
    one = {**loaded["story"], "situation": "First client.", "version": loaded["version"]}
    two = {**loaded["story"], "task": "Second client.", "version": loaded["version"]}
    first = client.put(f"/api/stories/{story_id}", json=one)
    assert first.status_code == 200
    assert first.json()["version"] != loaded["version"]
    second = client.put(f"/api/stories/{story_id}", json=two)
    assert second.status_code == 409
    body = second.json()
    assert body["theirs"]["situation"] == "First client."
    assert body["yours"]["task"] == "Second client."
    assert body["version"] == first.json()["version"]
    stored = open_store(database_url).get(story_id)
    assert (stored.situation, stored.task) == ("First client.", "")
    # If-Match carries the version as well as the body does; the fresh version goes through.
    stale = client.put(
        f"/api/stories/{story_id}", json=loaded["story"], headers={"if-match": loaded["version"]}
    )
    assert stale.status_code == 409
    merged = {**two, "situation": "First client.", "version": body["version"]}
    assert client.put(f"/api/stories/{story_id}", json=merged).status_code == 200
    stored = open_store(database_url).get(story_id)
    assert (stored.situation, stored.task) == ("First client.", "Second client.")


def test_a_change_to_the_actions_alone_gives_a_new_version(
    client: TestClient, database_url: str
) -> None:
    created = client.post("/api/stories", json={"title": "Onboarding"}).json()
    changed = {**created, "actions": [{"who": "me", "did": "Wrote the guide."}]}
    saved = client.put("/api/stories/onboarding", json=changed)
    assert saved.status_code == 200
    assert saved.json()["version"] != created["version"]
    # The version before the change is stale now.
    assert client.put("/api/stories/onboarding", json=created).status_code == 409
    assert open_store(database_url).get("onboarding").actions[0].did == "Wrote the guide."
