"""Number roles: what each number in an answer measures, and the rules that read them."""

from __future__ import annotations

import pytest

from starcoach.analysis.answer import Answer
from starcoach.analysis.features.roles import ROLES
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.registry import get_rule


def _roles(text: str, question: str = "proud") -> list[tuple[str, str]]:
    answer = Answer(text, question)
    return [(r.span.text(text), r.role) for r in answer.quantity_roles]


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("I wrote 9,500 lines of code for the importer.", "9,500", "effort"),
        ("Over the quarter I made 260 commits to the billing service.", "260", "effort"),
        ("I attended 25 meetings with the regional managers.", "25", "effort"),
        ("That spring I worked 65 hours a week to get the depot ready.", "65 hours", "effort"),
        ("I ran twelve evening revision sessions for the year 11 group.", "twelve", "effort"),
        ("We sent every refund above $800 to a second reviewer.", "$800", "threshold"),
        ("Anything under 3 seconds was fine for the warehouse scanners.", "3 seconds", "threshold"),
        ("The team aims to reach 99% coverage by the autumn.", "99%", "target"),
        ("Our target was 95% of calls answered within a minute.", "95%", "target"),
        ("When I profiled it, 80% of the wait came from a single lookup.", "80%", "diagnosis"),
        ("Six of the eight were fine in Polish, so the delay was English.", "Six", "diagnosis"),
        ("By Easter five of the six were at the expected level.", "five", "outcome"),
        ("Within a month 80% of the orders were shipped on time.", "80%", "outcome"),
        ("We then rolled the new menu out to 10% of our stores.", "10%", "rollout"),
        ("During the sale, requests peaked at 9.5x normal traffic.", "9.5x", "load"),
        (
            "The lesson I took away is that a checklist costs ten times less than a recall.",
            "ten times",
            "lesson",
        ),
        ("The whole rebuild took eight months.", "eight months", "duration"),
        ("I led a team of 7 nurses.", "7", "context"),
        ("Last year I spent £2,500 on new levelling kit.", "£2,500", "effort"),
        ("I watched over 150 hours of training videos.", "150 hours", "effort"),
        ("I asked for five review meetings and got three of them.", "three", "context"),
        ("As a result, late deliveries fell from 12% to 3%.", "12% to 3%", "outcome"),
        ("It worked, and the next month I beat the target by 18%.", "18%", "outcome"),
        ("Sick days dropped by about a third.", "a third", "outcome"),
        (
            "As a result, the page now loads in 2 seconds instead of 7 seconds.",
            "2 seconds",
            "outcome",
        ),
    ],
)
def test_number_roles(text: str, number: str, role: str) -> None:
    assert role in ROLES
    assert (number, role) in _roles(text)


def test_outcomes_hold_only_outcome_numbers() -> None:
    text = (
        "Our fraud queue was swamped. I found that 65% of the alerts came from one rule, so I "
        "changed it to hold only transfers above $2,000 and rolled it out to 20% of accounts first. "
        "In the end false alerts fell from 4,000 to 900 a week and we saved $40,000 a month."
    )
    answer = Answer(text, "challenge")
    outcomes = [q.span.text(text) for q in answer.outcomes]
    assert "65%" not in outcomes and "$2,000" not in outcomes and "20%" not in outcomes
    assert any("4,000" in o for o in outcomes)
    assert any("40,000" in o for o in outcomes)
    assert all(r.role != "outcome" or r.quantity in answer.outcomes for r in answer.quantity_roles)


def test_outcome_baseline_is_marked() -> None:
    answer = Answer("As a result, churn fell from 9% to 6%, and revenue grew 40%.", "proud")
    by_text = {r.span.text(answer.text): r for r in answer.quantity_roles}
    assert by_text["9% to 6%"].baseline is True
    assert by_text["40%"].baseline is False


def _fires(rule_id: str, text: str, question: str = "proud") -> bool:
    rule = get_rule(rule_id)
    return bool(KINDS[rule.kind].check(rule, Answer(text, question)))


def test_striking_number_in_a_lesson_or_load_has_no_baseline_finding() -> None:
    assert not _fires(
        "result.striking_no_baseline",
        "On launch day traffic peaked at 14x normal traffic and nothing fell over.",
    )
    assert not _fires(
        "result.striking_no_baseline",
        "What I learned is that a fix before release is ten times cheaper than one after.",
    )
    assert _fires(
        "result.striking_no_baseline", "I rebuilt the referral flow and grew referrals by 900%."
    )


def test_effort_as_impact_fires_only_without_outcomes() -> None:
    effort_only = (
        "Our onboarding was confusing. I wrote 40 pages of new guides and ran 16 training "
        "sessions for the branch staff. People said they liked the guides."
    )
    assert _fires("result.effort_as_impact", effort_only)
    with_outcome = effort_only.replace(
        "People said they liked the guides.",
        "Calls to the help desk about onboarding fell from 90 to 25 a month.",
    )
    assert not _fires("result.effort_as_impact", with_outcome)


def test_no_number_is_met_by_a_fraction_in_words() -> None:
    text = (
        "The night shift had too much overtime. I rebuilt the rota with the team leads. "
        "In the end overtime dropped by about a third."
    )
    assert not _fires("result.no_number", text)
