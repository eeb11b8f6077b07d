"""Every JSON document the CLI and the web both emit is the same object from both, for the same data.

One temporary database holds three stories (one with nothing for the failure prompt) and two practice
sessions; each document is then read once through `--format json` and once through its `.json` route,
and the two must be equal. A new document gets a row in DOCUMENTS (and a section in docs/schema.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from starcoach.cli.main import app
from starcoach.web.app import create_app

DATA = Path(__file__).parent / "data"
STORY = "checkout-latency"
THIN = "thin-idea"


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Fill one database through the CLI; yield a web client on it and the sessions' ids."""
    tmp = tmp_path_factory.mktemp("documents")
    url = f"sqlite:///{tmp / 'db.sqlite'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("STARCOACH_DATABASE_URL", url)
    patch.setenv("STARCOACH_DATA_DIR", str(tmp / "data"))
    patch.setenv("NO_COLOR", "1")
    try:
        runner = CliRunner()
        assert runner.invoke(app, ["story", "import", str(DATA / "stories")]).exit_code == 0
        answers = tmp / "answers.txt"
        proud = (DATA / "answers" / "proud_strong.txt").read_text(encoding="utf-8")
        answers.write_text(
            proud + "\n---\nI set the target myself and we measured it weekly.\n---\n/end\n",
            encoding="utf-8",
        )
        for seed in ("1", "2"):
            args = ["practice", "-q", "proud", "--story", STORY, "--answers", str(answers)]
            result = runner.invoke(app, [*args, "--seed", seed])
            assert result.exit_code == 0, result.output
        sessions = [s["id"] for s in _cli("practice", "list", "--format", "json")["sessions"]]
        with TestClient(create_app(url)) as client:
            yield {"client": client, "sessions": sessions}
    finally:
        patch.undo()


def _web(world: dict[str, Any], path: str) -> Any:
    response = world["client"].get(path)
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


# (document, CLI arguments, web path, the part of the web's answer that is the document)
DOCUMENTS: list[tuple[str, list[str], str, str | None]] = [
    ("story", ["story", "show", STORY, "--format", "json"], f"/stories/{STORY}.json", "story"),
    ("story list", ["story", "list", "--format", "json"], "/stories.json", None),
    (
        "story check",
        ["story", "check", STORY, "--format", "json"],
        f"/stories/{STORY}.json",
        "check",
    ),
    (
        "story check, thin",
        ["story", "check", THIN, "--format", "json"],
        f"/stories/{THIN}.json",
        "check",
    ),
    ("coverage map", ["plan", "--format", "json"], "/stories/coverage.json", None),
    (
        "draft",
        ["draft", STORY, "--question", "failure", "--format", "json"],
        f"/stories/{STORY}/drafts/failure.json",
        None,
    ),
    ("progress", ["history", "--format", "json"], "/progress.json", None),
    (
        "progress of one prompt",
        ["history", "--question", "proud", "--format", "json"],
        "/progress.json?question=proud",
        None,
    ),
    ("session list", ["practice", "list", "--format", "json"], "/practice.json", "sessions"),
]


@pytest.mark.parametrize(("name", "args", "path", "part"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_cli_and_the_web_print_the_same_document(
    world: dict[str, Any], name: str, args: list[str], path: str, part: str | None
) -> None:
    cli = _cli(*args)
    web = _web(world, path)
    if part == "sessions":
        # The start page's data carries the session list beside the start options.
        cli, web = cli["sessions"], web["sessions"]
    elif part is not None:
        web = web[part]
    assert cli == web, name


def test_the_session_report_is_the_same_document_from_both(world: dict[str, Any]) -> None:
    for session_id in world["sessions"]:
        cli = _cli("practice", "show", session_id, "--format", "json")
        web = _web(world, f"/practice/{session_id}/report.json")
        assert cli == web
        assert cli["answers"] and cli["answers"][0]["report"] is not None
    # The retry shows the change since the earlier session.
    latest = _cli("practice", "show", world["sessions"][0], "--format", "json")
    assert latest["answers"][0]["retry"] is not None


def test_documents_carry_start_end_spans_and_the_agreed_keys(world: dict[str, Any]) -> None:
    check = _cli("story", "check", STORY, "--format", "json")
    for finding in check["findings"]:
        span = finding["span"]
        if span is not None:
            assert check["reference_text"] or finding["matched"]
            assert set(span) == {"start", "end"} and span["start"] <= span["end"]
    draft = _cli("draft", STORY, "--question", "proud", "--format", "json")
    for source in draft["sources"]:
        span = source["span"]
        assert draft["text"][span["start"] : span["end"]]
    coverage = _cli("plan", "--format", "json")
    assert {s["id"] for s in coverage["stories"]} == {
        "checkout-latency",
        "onboarding-program",
        THIN,
    }
    assert all("missing_rules" in c for p in coverage["prompts"] for c in p["cells"])


# --- the interviewer side ------------------------------------------------------------------------

NOTES = (
    "I led the rewrite of our billing service because failed payments hurt customers. I traced the "
    "failures in the logs and I wrote the retry design. Failed payments fell from 4% to 1% in two "
    "months. Next time I would bring support in at the start."
)
QUOTE = "I traced the failures in the logs"
DIMENSIONS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")


@pytest.fixture(scope="module")
def panel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A kit, a candidate with two submitted scorecards and some calibration ratings."""
    tmp = tmp_path_factory.mktemp("kits")
    url = f"sqlite:///{tmp / 'db.sqlite'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("STARCOACH_DATABASE_URL", url)
    patch.setenv("STARCOACH_DATA_DIR", str(tmp / "data"))
    try:
        runner = CliRunner()

        def kit(*args: str, input: str | None = None) -> str:
            result = runner.invoke(app, ["kit", *args], input=input)
            assert result.exit_code == 0, (args, result.output)
            return result.stdout.strip()

        kit("new", "--role", "swe")
        candidate = kit("candidate", "software-engineer", "Ada Lovelace")
        for name, score in (("Sam", "4"), ("Kim", "2")):
            interview = kit("interview", candidate, "--interviewer", name)
            kit("notes", interview, "--question", "proud", input=NOTES)
            rates = [f"--rate={d}={score}" for d in DIMENSIONS]
            quotes = [f"--evidence={d}={QUOTE}" for d in DIMENSIONS]
            kit("scorecard", interview, *rates, *quotes, "--recommend", "yes", "--reason", "Why.")
        kit("calibrate", "--interviewer", "Sam", "--sample", "big-number", "ownership=1")
        with TestClient(create_app(url)) as client:
            yield {"client": client, "candidate": candidate}
    finally:
        patch.undo()


def test_the_interviewer_documents_are_the_same_from_both(panel: dict[str, Any]) -> None:
    client, candidate = panel["client"], panel["candidate"]
    pairs = [
        (["kit", "show", "software-engineer", "--format", "json"], "/kits/software-engineer"),
        (["kit", "debrief", candidate, "--format", "json"], f"/candidates/{candidate}/debrief"),
        (["kit", "calibration", "--format", "json"], "/calibration"),
        (["kit", "scorecards", candidate], f"/candidates/{candidate}/scorecards.json"),
    ]
    for args, path in pairs:
        response = client.get(path, headers={"accept": "application/json"})
        assert response.status_code == 200, (path, response.text[:300])
        assert _cli(*args) == response.json(), path
