"""Property tests: whatever text, story file or JSON body comes in, nothing raises and nothing 500s.

Inputs mix surrogates, control characters, huge and deeply nested values. Example counts are kept
small so the suite stays within a few minutes on CI; each run tries new inputs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from starcoach.analysis import analyze
from starcoach.storage.storyfile import parse_story
from starcoach.stories.errors import StoryInvalid
from starcoach.web.app import create_app

# Text as people and attackers write it: any code point, surrogates and controls included.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=400)
WORDS = st.lists(
    st.sampled_from(
        [
            "I",
            "led",
            "we",
            "team",
            "of",
            "12",
            "direct",
            "reports",
            "  ",
            "\n",
            "-",
            "to",
            "40%",
            "\t",
            "2021",
            "twenty",
            "one",
            "\x00",
            "\udc00",
            "…",
            "$1.2M",
            "by",
            "from",
        ]
    ),
    max_size=200,
).map(" ".join)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.one_of(ANY_TEXT, WORDS))
def test_the_analyzer_never_raises_and_spans_lie_inside(text: str) -> None:
    report = analyze(text)
    for finding in report.findings:
        if finding.span is not None:
            assert 0 <= finding.span.start <= finding.span.end <= len(text)


FRONT_VALUES = st.one_of(
    ANY_TEXT,
    st.integers(),
    st.sampled_from(
        ["yes", "1:30", "2023-02-30", "~", "[a, [b, [c]]]", "&a x", "*a", "!!binary x"]
    ),
)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["title", "team_size", "started", "tags", "role", "x"]),
        FRONT_VALUES,
        max_size=6,
    ),
    ANY_TEXT,
)
def test_the_story_parser_accepts_or_refuses_with_a_problem(
    front: dict[str, object], body: str
) -> None:
    lines = "\n".join(f"{k}: {v}" for k, v in front.items())
    try:
        parse_story(f"---\n{lines}\n---\n\n## Situation\n\n{body}\n")
    except StoryInvalid as exc:
        assert exc.problems


JSON_LEAF = st.one_of(ANY_TEXT, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)
ROUTES = ["/api/check", "/api/check/fragment", "/check/fragment", "/api/practice", "/api/stories"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("props") / "web.db"
    return TestClient(create_app(f"sqlite:///{path}"), raise_server_exceptions=False)


@SETTINGS
@given(
    st.sampled_from(ROUTES),
    st.one_of(
        st.dictionaries(
            st.sampled_from(["answer", "text", "question", "title", "part"]), JSON_VALUE, max_size=4
        ),
        JSON_VALUE,
    ),
    st.sampled_from(["plain", "surrogate", "nested", "huge"]),
)
def test_json_routes_never_fail_with_500(
    client: TestClient, route: str, body: object, twist: str
) -> None:
    import json

    raw = json.dumps(body)
    if twist == "surrogate":
        raw = json.dumps({"answer": "\udc00" + str(body)[:50], "text": "\ud800"})
    elif twist == "nested":
        raw = "[" * 5_000 + "]" * 5_000
    elif twist == "huge":
        raw = json.dumps({"answer": "word " * 30_000, "text": "x" * 150_000})
    response = client.post(
        route, content=raw.encode("ascii"), headers={"content-type": "application/json"}
    )
    assert response.status_code < 500, (route, response.status_code, response.text[:200])
