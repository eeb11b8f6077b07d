"""Route tests for the Check page and `POST /api/check`: the page and the JSON agree, input is safe."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from markupsafe import escape

from starcoach.analysis import analyze, analyze_fragment
from starcoach.render.json import report_to_dict
from starcoach.web.forms import MAX_ANSWER_CHARS
from starcoach.web.security import MAX_REQUEST_BYTES

DATA = Path(__file__).resolve().parents[1] / "data" / "answers"
VAGUE = (DATA / "proud_we_vague.txt").read_text(encoding="utf-8")
STRONG = (DATA / "proud_strong.txt").read_text(encoding="utf-8")


def _attrs(page: str, name: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(rf'{name}="([^"]*)"', page)]


def test_api_check_returns_the_analyzers_report_in_the_wire_format(client: TestClient) -> None:
    response = client.post("/api/check", json={"question": "proud", "answer": VAGUE})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == report_to_dict(analyze(VAGUE, question="proud"))


def test_api_check_bytes_are_the_standard_compact_utf8_json(client: TestClient) -> None:
    answer = STRONG + " Our café’s “numbers” rose 12.5% — 3× the target."
    response = client.post("/api/check", json={"question": "proud", "answer": answer})
    expected = report_to_dict(analyze(answer, question="proud"))
    standard = json.dumps(expected, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    assert response.content == standard.encode("utf-8")


def test_api_check_needs_only_an_answer(client: TestClient) -> None:
    response = client.post("/api/check", json={"answer": STRONG})
    assert response.status_code == 200
    assert response.json()["text"] == STRONG


def test_api_check_fragment_checks_a_star_part(client: TestClient) -> None:
    text = "Things were improved and the flow was changed."
    response = client.post("/api/check/fragment", json={"text": text, "part": "action"})
    assert response.status_code == 200
    expected = report_to_dict(analyze_fragment(text, part="action"))
    assert response.json() == expected
    assert response.json()["fragment"] is True


def test_api_check_rejects_bad_input_with_a_status_and_a_message(client: TestClient) -> None:
    empty = client.post("/api/check", json={"question": "proud", "answer": "  \n "})
    assert empty.status_code == 422
    assert empty.json()["detail"]
    unknown = client.post("/api/check", json={"question": "no_such_prompt", "answer": STRONG})
    assert unknown.status_code == 422
    part = client.post("/api/check/fragment", json={"text": "I did it.", "part": "ending"})
    assert part.status_code == 422
    missing = client.post("/api/check", json={"question": "proud"})
    assert missing.status_code == 422


def test_api_check_refuses_an_answer_over_the_limit_with_413(client: TestClient) -> None:
    answer = "I did it. " * (MAX_ANSWER_CHARS // 10 + 1)
    response = client.post("/api/check", json={"answer": answer})
    assert response.status_code == 413


def test_a_request_over_the_size_limit_is_413_before_any_route_runs(client: TestClient) -> None:
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    declared = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert "detail" in declared.json()

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(MAX_REQUEST_BYTES // 65536 + 2):
            yield b"y" * 65536

    streamed = client.post(
        "/check", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    assert "<h1>Too large</h1>" in streamed.text


def test_json_sent_as_plain_text_is_not_accepted(client: TestClient) -> None:
    # A page on another site can post text/plain without asking first; the API must not act on it.
    response = client.post(
        "/api/check",
        content='{"answer": "I shipped it."}',
        headers={"content-type": "text/plain"},
    )
    assert response.status_code == 422


def test_check_page_renders_with_every_prompt(client: TestClient) -> None:
    page = client.get("/check")
    assert page.status_code == 200
    assert '<textarea id="answer" name="answer"' in page.text
    meta = client.get("/check.json").json()
    options = re.findall(r'<option value="([a-z_]+)"', page.text)
    assert [q["id"] for q in meta["questions"]] == [
        o for o in options if o in {q["id"] for q in meta["questions"]}
    ]
    assert client.get("/").text == page.text  # the home page is the Check page


def test_posted_form_page_and_json_agree(client: TestClient, token: str) -> None:
    form = {"csrf_token": token, "question": "proud", "role": "", "answer": VAGUE}
    page = client.post("/check", data=form)
    data = client.post("/check", data=form, headers={"accept": "application/json"}).json()
    assert page.status_code == 200
    assert data == report_to_dict(analyze(VAGUE, question="proud"))
    spanned = [f["rule_id"] for f in data["findings"] if f["span"] is not None]
    missing = [f["rule_id"] for f in data["findings"] if f["span"] is None]
    listed = re.findall(r'<li class="finding sev-\w+" data-rule="([^"]+)"', page.text)
    assert listed == spanned
    banner = page.text.split("data-missing", 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-rule="([^"]+)"', banner) == missing
    assert [(s["dimension"], str(s["score"])) for s in data["scores"]] == re.findall(
        r'data-dimension="([^"]+)" data-score="(\d)"', page.text
    )
    assert [p["source"] for p in data["probes"]] == _attrs(page.text, "data-source")
    # Every sentence is shown with its STAR part, and every finding with a span is highlighted.
    parts = [s["part"] for s in data["sentences"]]
    shown = _attrs(page.text, "data-part")
    assert sorted(set(shown)) == sorted(set(parts))
    marked = {r for value in _attrs(page.text, "data-rules") for r in value.split()}
    assert marked == set(spanned)
    # The answer is kept in the box.
    assert str(escape(VAGUE)) in page.text


def test_results_panel_is_a_fragment_of_the_same_report(client: TestClient, token: str) -> None:
    form = {"csrf_token": token, "question": "proud", "answer": VAGUE}
    panel = client.post("/check/results", data=form)
    assert panel.status_code == 200
    assert "<html" not in panel.text
    page = client.post("/check", data=form).text
    assert re.findall(r'data-rule="([^"]+)"', panel.text) == re.findall(
        r'data-rule="([^"]+)"', page.split('id="results"', 1)[1]
    )


def test_a_script_in_the_answer_is_shown_as_text(client: TestClient, token: str) -> None:
    answer = "<script>alert('x')</script> I rebuilt the <b>billing</b> job and cut failures from 4% to 1%."
    page = client.post("/check", data={"csrf_token": token, "question": "proud", "answer": answer})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<b>billing</b>" not in page.text
    question = client.post(
        "/check",
        data={
            "csrf_token": token,
            "question_text": '"><img src=x onerror=alert(1)>',
            "answer": answer,
        },
    )
    assert "<img src=x" not in question.text


def test_a_form_without_its_csrf_token_is_refused_and_keeps_the_text(client: TestClient) -> None:
    client.get("/check")
    for token in ("", "0" * 64):
        response = client.post(
            "/check", data={"csrf_token": token, "question": "proud", "answer": VAGUE}
        )
        assert response.status_code == 403
        assert str(escape(VAGUE)) in response.text
        assert "data-annotated" not in response.text


def test_a_token_from_another_browser_session_is_refused(database_url: str) -> None:
    from starcoach.web.app import create_app

    app = create_app(database_url)
    with TestClient(app) as first, TestClient(app) as second:
        stolen = re.search(r'name="csrf-token" content="(\w+)"', first.get("/check").text)
        assert stolen is not None
        second.get("/check")
        response = second.post("/check", data={"csrf_token": stolen.group(1), "answer": VAGUE})
        assert response.status_code == 403


def test_empty_and_huge_answers_on_the_form_keep_the_text(client: TestClient, token: str) -> None:
    empty = client.post("/check", data={"csrf_token": token, "question": "proud", "answer": "   "})
    assert empty.status_code == 422
    assert "data-error" in empty.text
    huge = "We shipped. " * (MAX_ANSWER_CHARS // 12 + 10)
    response = client.post(
        "/check", data={"csrf_token": token, "question": "proud", "answer": huge}
    )
    assert response.status_code == 413
    assert huge.strip() in response.text


def test_session_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    response = TestClient(client.app).get("/check")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "no-store" in response.headers["cache-control"]


def test_an_unknown_host_name_is_refused(client: TestClient) -> None:
    response = client.get("/check", headers={"host": "attacker.example"})
    assert response.status_code == 400


def test_unknown_pages_are_a_404_page_or_json(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text
    assert "Traceback" not in page.text
    data = client.get("/no/such/page", headers={"accept": "application/json"})
    assert data.status_code == 404
    assert data.json()["detail"]


def test_a_method_the_address_does_not_take_is_a_405_naming_those_it_does(
    client: TestClient,
) -> None:
    # GET and POST on /stories are two routes; the answer names both, not only the first.
    response = client.delete("/stories")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert "does not accept" in response.text


def test_the_openapi_schema_documents_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/check"]
    body = paths["/api/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/CheckRequest")
    assert set(schema["components"]["schemas"]["CheckRequest"]["required"]) == {"answer"}
    for path in ("/check", "/guide", "/stories", "/stories/{story_id}", "/api/stories"):
        assert path in paths, path
    # Pages say they answer HTML; a story page documents its 404; forms their expired-token 403.
    assert "text/html" in paths["/stories/{story_id}"]["get"]["responses"]["200"]["content"]
    assert "404" in paths["/stories/{story_id}"]["get"]["responses"]
    assert "403" in paths["/stories"]["post"]["responses"]
    # The interactive docs pages would load scripts from a CDN: the app must work offline.
    assert client.get("/docs").status_code == 404


def test_a_free_text_role_is_read_as_the_nearest_role_with_a_notice(client: TestClient) -> None:
    # The same reading as the command line's --role: never an error, the notice says how it was read.
    nurse = client.post("/api/check", json={"answer": STRONG, "role": "senior ICU nurse"})
    assert nurse.status_code == 200
    data = nurse.json()
    assert data["role"] == "nursing_care"
    assert any("senior ICU nurse" in n and "Nursing" in n for n in data["notices"])
    teacher = client.post("/api/check", json={"answer": STRONG, "role": "Year 4 teacher"})
    assert teacher.status_code == 200 and teacher.json()["role"] == "teaching"
    exact = client.post("/api/check", json={"answer": STRONG, "role": "software_engineer"})
    assert exact.json()["role"] == "software_engineer"
    assert exact.json()["notices"] == report_to_dict(analyze(STRONG))["notices"]


def test_an_unknown_role_gets_the_general_advice_and_a_notice(
    client: TestClient, token: str
) -> None:
    response = client.post("/api/check", json={"answer": STRONG, "role": "astronaut"})
    assert response.status_code == 200
    data = response.json()
    assert data["role"] is None
    assert any("astronaut" in n and "general advice" in n for n in data["notices"])
    fragment = client.post(
        "/api/check/fragment", json={"text": "I led the ward round.", "role": "astronaut"}
    )
    assert fragment.status_code == 200
    assert any("astronaut" in n for n in fragment.json()["notices"])
    form = {"csrf_token": token, "question": "proud", "role": "astronaut", "answer": STRONG}
    page = client.post("/check", data=form)
    assert page.status_code == 200
    assert "general advice" in page.text and "astronaut" in html.unescape(page.text)
    live = client.post("/check/results", data={**form, "role": "school nurse"})
    assert live.status_code == 200
    assert "Nursing" in html.unescape(live.text)
    # The page's address may name the job in words too: the nearest role is selected.
    prefilled = client.get("/check", params={"role": "Year 4 teacher"}).text
    assert re.search(r'<option value="teaching" selected>', prefilled)
