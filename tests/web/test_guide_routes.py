"""Route tests for the Guide: the seven prompts by role, as pages and as JSON."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from starcoach.content import CORE_QUESTION_IDS, get_question, resolve_role


def test_guide_lists_the_seven_prompts_and_generic_in_page_and_json(client: TestClient) -> None:
    data = client.get("/guide.json").json()
    page = client.get("/guide").text
    ids = [q["id"] for q in data["questions"]]
    assert ids == [*CORE_QUESTION_IDS, "generic"]
    assert re.findall(r'data-question="(\w+)"', page) == ids
    assert client.get("/guide", headers={"accept": "application/json"}).json() == data


def test_guide_for_one_role_shows_only_that_roles_advice(client: TestClient) -> None:
    role = resolve_role("swe")
    data = client.get("/guide/failure.json?role=swe").json()
    question = get_question("failure")
    assert data["role"] == role.id
    assert data["role_advice"] == (
        {role.id: question.role_advice[role.id]} if role.id in question.role_advice else {}
    )
    everyone = client.get("/guide/failure.json").json()
    assert everyone["role_advice"] == dict(question.role_advice)
    page = client.get("/guide/failure?role=swe").text
    for step in data["structure"]:
        assert step["label"] in page or step["label"].replace("'", "&#39;") in page


def test_guide_refuses_an_unknown_prompt_or_role(client: TestClient) -> None:
    assert client.get("/guide/no_such").status_code == 404
    assert client.get("/guide?role=astronaut").status_code == 422
    assert client.get("/guide.json?role=astronaut").json()["detail"]
