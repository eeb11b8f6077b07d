"""Route tests for Practice and Progress: a whole session through the forms, and the JSON twins."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from markupsafe import escape

from starcoach.storage.attempts import open_attempt_store

DATA = Path(__file__).resolve().parents[1] / "data" / "answers"
VAGUE = (DATA / "proud_we_vague.txt").read_text(encoding="utf-8")
REPLIES = (
    "I rewrote the payment retry code myself and paired with one engineer on the tests.",
    "Failed payments fell from 4% to 1% in six weeks; I measured it on the payments dashboard.",
    "I chose this one because customers stopped losing their orders, which mattered to me.",
    "Next time I would involve support earlier, because they knew where the failures hurt.",
)


def _start(client: TestClient, token: str, **fields: str) -> str:
    form_id = f"start-{uuid.uuid4().hex}"
    form = {"csrf_token": token, "form_id": form_id, "mode": "single", "question": "proud"}
    form.update({"follow_ups": "2", **fields})
    response = client.post("/practice", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).rsplit("/", 1)[1]


def _answer(client: TestClient, token: str, sid: str, text: str, step: int) -> int:
    response = client.post(
        f"/practice/{sid}/answer",
        data={"csrf_token": token, "answer": text, "step": str(step), "elapsed": "30"},
        follow_redirects=False,
    )
    return response.status_code


def _run_session(client: TestClient, token: str) -> str:
    sid = _start(client, token)
    answers = iter((VAGUE, *REPLIES))
    for _ in range(6):
        data = client.get(f"/practice/{sid}.json").json()
        if data["closed"]:
            break
        assert _answer(client, token, sid, next(answers), data["step"]) == 303
    return sid


def test_a_session_asks_the_opener_then_follow_ups_then_shows_the_report(
    client: TestClient, token: str, database_url: str
) -> None:
    sid = _start(client, token)
    first = client.get(f"/practice/{sid}.json").json()
    assert first["current"]["kind"] == "opener"
    page = client.get(f"/practice/{sid}")
    assert str(escape(first["current"]["display"])) in page.text
    assert _answer(client, token, sid, VAGUE, first["step"]) == 303
    second = client.get(f"/practice/{sid}.json").json()
    assert second["current"]["kind"] == "follow_up"
    assert second["current"]["number"] == 1
    assert [t["kind"] for t in second["turns"]] == ["opener"]
    sid_done = _run_session(client, token)
    data = client.get(f"/practice/{sid_done}.json").json()
    assert data["closed"] is True
    assert client.get(f"/practice/{sid_done}", follow_redirects=False).headers["location"] == (
        f"/practice/{sid_done}/report"
    )
    stored = open_attempt_store(database_url).attempts(session_id=sid_done, kind=None)
    assert [a.kind for a in stored] == ["opener", "follow_up", "follow_up"]
    assert stored[0].elapsed_seconds == 30


def test_report_page_and_json_agree(client: TestClient, token: str) -> None:
    sid = _run_session(client, token)
    data = client.get(f"/practice/{sid}/report.json").json()
    page = client.get(f"/practice/{sid}/report").text
    entry = data["answers"][0]
    assert entry["answer"] == VAGUE
    assert len(entry["follow_ups"]) == 2
    spanned = [f["rule_id"] for f in entry["report"]["findings"] if f["span"] is not None]
    assert re.findall(r'<li class="finding sev-\w+" data-rule="([^"]+)"', page) == spanned
    assert [p["rule_id"] or "" for p in data["practise"]] == re.findall(
        r'<li data-rule="([^"]*)"><strong>',
        page.split('class="practise"', 1)[1].split("</ol>", 1)[0],
    )
    assert [d["dimension"] for d in data["dimensions"]] == re.findall(
        r'<tr data-dimension="(\w+)">', page
    )
    download = client.get(f"/practice/{sid}/report/download")
    assert download.headers["content-type"].startswith("text/html")
    assert "attachment" in download.headers["content-disposition"]


def test_an_answer_posted_twice_is_stored_once(
    client: TestClient, token: str, database_url: str
) -> None:
    sid = _start(client, token)
    step = client.get(f"/practice/{sid}.json").json()["step"]
    assert _answer(client, token, sid, VAGUE, step) == 303
    assert _answer(client, token, sid, VAGUE, step) == 303  # the same form again: nothing more
    stored = open_attempt_store(database_url).attempts(session_id=sid, kind=None)
    assert len(stored) == 1
    assert client.get(f"/practice/{sid}.json").json()["step"] == step + 1


def test_an_answer_sent_again_is_told_so_and_other_text_from_an_old_page_is_kept(
    client: TestClient, token: str, database_url: str
) -> None:
    sid = _start(client, token)
    step = client.get(f"/practice/{sid}.json").json()["step"]
    form = {"csrf_token": token, "answer": VAGUE, "step": str(step)}
    first = client.post(f"/practice/{sid}/answer", data=form, follow_redirects=False)
    assert first.headers["location"] == f"/practice/{sid}?answered=1"
    again = client.post(f"/practice/{sid}/answer", data=form, follow_redirects=False)
    assert again.headers["location"] == f"/practice/{sid}?sent=twice"
    assert "data-notice" in client.get(again.headers["location"]).text
    as_json = client.post(
        f"/practice/{sid}/answer", data=form, headers={"accept": "application/json"}
    )
    assert as_json.status_code == 409
    assert "twice" in as_json.json()["detail"]
    other = "From an older tab: I rebuilt the release pipeline and cut deploy time in half."
    stale = client.post(
        f"/practice/{sid}/answer", data={**form, "answer": other}, follow_redirects=False
    )
    assert stale.status_code == 409
    assert "already moved on" in stale.text
    assert str(escape(other)) in stale.text  # the text is shown again, not lost
    stored = open_attempt_store(database_url).attempts(session_id=sid, kind=None)
    assert [a.answer for a in stored] == [VAGUE]


def test_a_bad_answer_keeps_the_text_and_the_question(client: TestClient, token: str) -> None:
    sid = _start(client, token)
    step = client.get(f"/practice/{sid}.json").json()["step"]
    empty = client.post(
        f"/practice/{sid}/answer", data={"csrf_token": token, "answer": "  ", "step": str(step)}
    )
    assert empty.status_code == 422
    assert "data-error" in empty.text
    script = "<script>alert(1)</script> we did things"
    expired = client.post(
        f"/practice/{sid}/answer", data={"csrf_token": "nope", "answer": script, "step": str(step)}
    )
    assert expired.status_code == 403
    assert "&lt;script&gt;alert(1)&lt;/script&gt; we did things" in expired.text
    assert "<script>alert(1)" not in expired.text
    assert client.get(f"/practice/{sid}.json").json()["step"] == step


def test_skip_and_end(client: TestClient, token: str) -> None:
    sid = _start(client, token, mode="full", follow_ups="1")
    data = client.get(f"/practice/{sid}.json").json()
    assert len(data["openers"]) == 7
    skipped = client.post(
        f"/practice/{sid}/skip", data={"csrf_token": token, "step": str(data["step"])}
    )
    assert skipped.status_code == 200
    after = client.get(f"/practice/{sid}.json").json()
    assert after["current"]["opener_index"] == 1
    ended = client.post(
        f"/practice/{sid}/end",
        data={"csrf_token": token, "step": str(after["step"])},
        follow_redirects=False,
    )
    assert ended.headers["location"] == f"/practice/{sid}/report"
    report = client.get(f"/practice/{sid}/report.json").json()
    assert report["ended_early"] is True


def test_retry_starts_the_same_prompts_and_shows_the_change(client: TestClient, token: str) -> None:
    sid = _run_session(client, token)
    retried = client.post(
        f"/practice/{sid}/retry",
        data={"csrf_token": token, "form_id": "r1"},
        follow_redirects=False,
    )
    new = str(retried.headers["location"]).rsplit("/", 1)[1]
    assert new != sid
    again = client.post(
        f"/practice/{sid}/retry",
        data={"csrf_token": token, "form_id": "r1"},
        follow_redirects=False,
    )
    assert again.headers["location"] == retried.headers["location"]
    step = client.get(f"/practice/{new}.json").json()["step"]
    better = (DATA / "proud_strong.txt").read_text(encoding="utf-8")
    assert _answer(client, token, new, better, step) == 303
    client.post(f"/practice/{new}/end", data={"csrf_token": token, "step": str(step + 1)})
    entry = client.get(f"/practice/{new}/report.json").json()["answers"][0]
    assert entry["retry"] is not None
    assert entry["retry"]["after_overall"] > entry["retry"]["before_overall"]
    assert "data-retry" in client.get(f"/practice/{new}/report").text


def test_unknown_sessions_are_404(client: TestClient, token: str) -> None:
    assert client.get("/practice/ffffffff").status_code == 404
    assert client.get("/practice/ffffffff/report.json").status_code == 404
    assert (
        client.post(
            "/practice/ffffffff/answer", data={"csrf_token": token, "answer": "x", "step": "0"}
        ).status_code
        == 404
    )


def test_start_form_refuses_bad_options_and_keeps_them(client: TestClient, token: str) -> None:
    response = client.post(
        "/practice",
        data={"csrf_token": token, "form_id": "x", "mode": "single", "question": "no_such_prompt"},
    )
    assert response.status_code == 422
    assert "data-error" in response.text
    story = client.post(
        "/practice",
        data={"csrf_token": token, "form_id": "y", "mode": "full", "story": "no-such-story"},
    )
    assert story.status_code == 422


def test_practice_json_api(client: TestClient) -> None:
    started = client.post("/api/practice", json={"question": "failure", "max_follow_ups": 2})
    assert started.status_code == 201
    data = started.json()
    assert data["current"]["question_id"] == "failure"
    answered = client.post(
        f"/api/practice/{data['id']}/answer", json={"answer": VAGUE, "step": data["step"]}
    )
    assert answered.status_code == 200
    stale = client.post(
        f"/api/practice/{data['id']}/answer", json={"answer": REPLIES[0], "step": data["step"]}
    )
    assert stale.status_code == 409
    empty = client.post(f"/api/practice/{data['id']}/answer", json={"answer": ""})
    assert empty.status_code == 422


def test_progress_page_json_and_chart_agree(client: TestClient, token: str) -> None:
    empty = client.get("/progress.json").json()
    assert empty["answers"] == 0
    assert "No practice answers yet" in client.get("/progress").text
    _run_session(client, token)
    data = client.get("/progress.json").json()
    page = client.get("/progress").text
    assert data["answers"] == 1
    assert list(data["by_question"]) == re.findall(r'<tr data-question="(\w+)">', page)
    rows = [(q, d) for q, dims in data["by_dimension"].items() for d in dims]
    assert rows == re.findall(r'<tr data-question="(\w+)" data-dimension="(\w+)">', page)
    chart = client.get("/progress/chart.svg?by=dimension")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert chart.text.lstrip().startswith("<svg")
    assert client.get("/progress/chart.svg?by=colour").status_code == 422
    assert client.get("/progress.json?question=no_such").status_code == 404


def test_progress_compares_a_dimension_only_within_one_prompt(
    client: TestClient, token: str
) -> None:
    # As `starcoach history` does: a 4 on collaboration in a pushback story and a 1 in a
    # difficult-person story measure different things, so no trend spans two prompts.
    _run_session(client, token)
    sid = _start(client, token, question="failure")
    answers = iter((VAGUE, *REPLIES))
    for _ in range(6):
        step = client.get(f"/practice/{sid}.json").json()
        if step["closed"]:
            break
        assert _answer(client, token, sid, next(answers), step["step"]) == 303
    data = client.get("/progress.json").json()
    assert set(data["by_question"]) == {"proud", "failure"}
    assert set(data["by_dimension"]) == {"proud", "failure"}
    for qid, dims in data["by_dimension"].items():
        assert dims, qid
        for did, series in dims.items():
            assert {p["question"] for p in series["points"]} == {qid}, (qid, did)
            assert series["name"]
    page = client.get("/progress").text
    pairs = re.findall(r'<tr data-question="(\w+)" data-dimension="(\w+)">', page)
    assert {q for q, _ in pairs} == {"proud", "failure"}
    assert len(pairs) == sum(len(dims) for dims in data["by_dimension"].values())
    # The chart draws one line per prompt and dimension, never one pooled across prompts.
    chart = client.get("/progress/chart.svg?by=dimension").text
    assert "proud:" in chart and "failure:" in chart
    one = client.get("/progress/chart.svg?by=dimension&question=failure").text
    assert "proud" not in one


def test_progress_has_a_phone_chart_and_names_prompts(client: TestClient, token: str) -> None:
    _run_session(client, token)
    page = client.get("/progress").text
    # A phone gets the narrow chart (legend under the plot, larger type); a laptop the wide one.
    assert page.count('media="(max-width: 40rem)" srcset="/progress/chart.svg?by=') == 2
    narrow = client.get("/progress/chart.svg?by=dimension&size=narrow").text
    wide = client.get("/progress/chart.svg?by=dimension").text
    assert 'width="360"' in narrow and 'width="760"' in wide
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', narrow)]
    assert min(sizes) >= 14
    # The recent answers name the prompt as a person reads it, not by its id.
    recent = page.split('id="recent-h"')[1]
    assert "The project you are most proud of" in recent or "A past failure" in recent
    assert "<td>proud</td>" not in recent and "<td>failure</td>" not in recent


def test_the_report_names_prompts_by_their_title(client: TestClient, token: str) -> None:
    sid = _run_session(client, token)
    page = client.get(f"/practice/{sid}/report").text
    practise = page.split('<ol class="practise">')[1].split("</ol>")[0]
    assert "(in “" in practise
    assert not re.search(r"\(in [a-z_]+\)", practise)
