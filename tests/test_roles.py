"""Roles beyond software: each has its own notes, outcomes and follow-ups, and free text finds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from starcoach.cli.main import app
from starcoach.content import load_content, match_role, resolve_role

runner = CliRunner()

SOFTWARE = {
    "software_engineer",
    "ml_engineer",
    "product_manager",
    "engineering_manager",
    "data_scientist",
    "designer",
}
# Words that would make an outcome about money rather than about a person, a queue or a record.
MONEY = re.compile(r"\b(revenue|sales figures|profit|arr|mrr|\$|£|€)\b", re.IGNORECASE)


def test_at_least_twelve_roles_beyond_software() -> None:
    others = [r for r in load_content().roles.values() if r.id not in SOFTWARE]
    assert len(others) >= 12
    for wanted in (
        "nursing_care",
        "teaching",
        "sales",
        "retail_hospitality",
        "customer_support",
        "logistics_operations",
        "finance_accounting",
        "marketing",
        "human_resources",
        "public_service",
        "skilled_trades",
        "early_career",
    ):
        assert wanted in load_content().roles


def test_every_role_has_its_own_notes_outcomes_and_follow_ups() -> None:
    roles = list(load_content().roles.values())
    for role in roles:
        assert len(role.focus.split()) >= 30, role.id
        assert len(role.outcomes) >= 4, role.id
        assert len(role.follow_ups) >= 3, role.id
        assert all(q.rstrip().endswith("?") for q in role.follow_ups), role.id
        # Outcomes other than money: most of each role's outcomes name no revenue at all.
        non_money = [o for o in role.outcomes if not MONEY.search(o)]
        assert len(non_money) >= len(role.outcomes) - 1, role.id
    # Written for each role, not pasted between them.
    for attribute in ("focus", "outcomes", "follow_ups"):
        values = [str(getattr(role, attribute)) for role in roles]
        assert len(set(values)) == len(values), attribute
    every_outcome = [o for role in roles for o in role.outcomes]
    assert len(set(every_outcome)) == len(every_outcome)


@pytest.mark.parametrize(
    ("text", "role_id", "exact"),
    [
        ("nurse", "nursing_care", True),
        ("Registered Nurse (Paediatrics)", "nursing_care", False),
        ("senior ICU nurse", "nursing_care", False),
        ("Nurses", "nursing_care", False),
        ("store manager", "retail_hospitality", True),
        ("Year 4 teacher", "teaching", False),
        ("Head of Year 9", "teaching", False),
        ("warehouse supervisor", "logistics_operations", True),
        ("shift supervisor at a cafe", "retail_hospitality", False),
        ("Senior Software Engineer", "software_engineer", False),
        ("customer care advisor", "customer_support", True),
        ("sales manager", "sales", True),
        ("HR", "human_resources", True),
        ("electrician", "skilled_trades", True),
        ("graduate", "early_career", True),
        ("social worker", "public_service", True),
        ("Accountants", "finance_accounting", False),
        ("product designer", "designer", True),
        ("software_engineer", "software_engineer", True),
    ],
)
def test_free_text_maps_to_the_nearest_role(text: str, role_id: str, exact: bool) -> None:
    match = match_role(text)
    assert match is not None
    assert (match.role.id, match.exact) == (role_id, exact)
    assert resolve_role(text).id == role_id


@pytest.mark.parametrize("text", ["astronaut", "bank teller", "", "   ", "software", "???"])
def test_text_naming_no_role_matches_nothing(text: str) -> None:
    assert match_role(text) is None


def test_the_longest_label_wins_over_a_shorter_one() -> None:
    # "junior" alone is early career; "junior software engineer" is a software engineer.
    assert resolve_role("junior").id == "early_career"
    assert resolve_role("junior software engineer").id == "software_engineer"


@pytest.mark.parametrize(
    ("role", "role_id", "note"),
    [
        ("nurse", "nursing_care", None),
        ("Year 4 teacher", "teaching", "reading role 'Year 4 teacher' as Teaching and education"),
        ("astronaut", None, "no role matches 'astronaut'; giving the general advice"),
    ],
)
def test_check_never_fails_on_a_role(role: str, role_id: str | None, note: str | None) -> None:
    result = runner.invoke(app, ["check", "--example", "--role", role, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"role": ' + ("null" if role_id is None else f'"{role_id}"') in result.stdout
    if note is None:
        assert "note" not in result.stderr
    else:
        assert note in result.stderr


def test_guide_role_shows_its_outcomes_and_follow_ups() -> None:
    role = resolve_role("store manager")
    result = runner.invoke(app, ["guide", "challenge", "--role", "store manager"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    for line in (*role.outcomes, *role.follow_ups):
        assert " ".join(line.split()) in flat
    # Software roles' advice is not shown to a store manager.
    assert "Software engineer:" not in flat


def test_guide_role_without_prompt_shows_the_role() -> None:
    role = resolve_role("nurse")
    result = runner.invoke(app, ["guide", "--role", "nurse"])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert role.name in flat
    assert " ".join(role.focus.split()[:6]) in flat
    assert role.outcomes[0] in flat


@pytest.mark.parametrize(("role", "stored"), [("astronaut", None), ("ward nurse", "nursing_care")])
def test_practice_goes_on_with_any_role(
    role: str, stored: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STARCOACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("STARCOACH_DATA_DIR", str(tmp_path))
    script = tmp_path / "answers.txt"
    script.write_text("I rebuilt the rota myself and cut overtime by a third.\n", encoding="utf-8")
    args = [
        "practice",
        "-q",
        "proud",
        "--role",
        role,
        "--answers",
        str(script),
        "--follow-ups",
        "0",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert ("no role matches" in result.stderr) is (stored is None)
    from starcoach.storage.attempts import AttemptStore
    from starcoach.storage.db import open_database

    db = open_database(f"sqlite:///{tmp_path / 'starcoach.db'}")
    try:
        (attempt,) = AttemptStore(db).attempts(kind=None)
        assert attempt.report.role == stored
    finally:
        db.close()
