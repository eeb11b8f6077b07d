"""The kit service on each database: kits and versions, interviews and notes, scorecards, panels."""

from __future__ import annotations

import dataclasses

import pytest
from tests.kit.conftest import STRONG_NOTES

from starcoach.kit.errors import (
    CandidateNotFound,
    InterviewExists,
    KitConflict,
    KitNotFound,
    NotesInvalid,
    ScorecardHidden,
    ScorecardRefused,
    UnknownRole,
)
from starcoach.kit.model import build_kit
from starcoach.kit.panel import combine
from starcoach.kit.scorecard import RatingInput
from starcoach.kit.service import KitService

DIMS = ("ownership", "impact", "judgment", "collaboration", "self_awareness", "communication")
OWN = "I traced the failures in the logs"
RESULT = "Failed payments fell from 4% to 1%"


def _ratings(score: str, quote: str = OWN) -> dict[str, RatingInput]:
    return {d: RatingInput(score, (quote,)) for d in DIMS}


def _panel(service: KitService) -> tuple[str, list[str]]:
    service.save_kit(build_kit("swe"))
    cand = service.add_candidate("software-engineer", "Ada Lovelace")
    ids = []
    for name in ("Sam", "Kim", "Lee"):
        interview = service.start_interview(cand.id, name)
        service.save_notes(interview.id, {"proud": STRONG_NOTES})
        ids.append(interview.id)
    return cand.id, ids


def test_unknown_role_is_refused_with_the_valid_roles() -> None:
    with pytest.raises(UnknownRole, match="software_engineer"):
        build_kit("astronaut")


def test_an_edit_before_any_interview_updates_in_place(service: KitService) -> None:
    kit = build_kit("pm")
    assert service.save_kit(kit).action == "created"
    edited = dataclasses.replace(kit, title="PM loop, onsite")
    outcome = service.save_kit(edited, base_version=1)
    assert (outcome.action, outcome.version) == ("updated", 1)
    assert service.kit(kit.id).kit.title == "PM loop, onsite"
    assert service.save_kit(edited).action == "unchanged"


def test_an_edit_after_scorecards_makes_a_new_version_and_keeps_the_old(
    service: KitService,
) -> None:
    cand_id, ids = _panel(service)
    service.submit_scorecard(ids[0], _ratings("4"), "yes", "Clear ownership of the retry design.")
    stored = service.kit("software-engineer")
    edited = dataclasses.replace(stored.kit, title="Edited")
    outcome = service.save_kit(edited, base_version=1)
    assert (outcome.action, outcome.version) == ("new_version", 2)
    assert "1 scorecard" in outcome.message
    assert service.kit("software-engineer", 1).kit.title == stored.kit.title
    assert service.kit("software-engineer").kit.title == "Edited"
    # The scorecard keeps the version it was made on; new interviews use the new one.
    assert service.own_scorecard(ids[0]).kit_version == 1  # type: ignore[union-attr]
    late = service.start_interview(cand_id, "Pat")
    assert late.kit_version == 2
    # A file exported from version 1 cannot overwrite version 2.
    with pytest.raises(KitConflict, match="version 1"):
        service.save_kit(dataclasses.replace(stored.kit, title="Stale"), base_version=1)
    assert service.kit("software-engineer").kit.title == "Edited"


def test_unknown_ids_are_refused(service: KitService) -> None:
    with pytest.raises(KitNotFound):
        service.kit("nope")
    with pytest.raises(KitNotFound):
        service.add_candidate("nope", "Someone")
    with pytest.raises(CandidateNotFound):
        service.start_interview("deadbeef", "Sam")


def test_notes_are_kept_per_question_and_checked(service: KitService) -> None:
    _, ids = _panel(service)
    service.save_notes(ids[0], {"failure": "I skipped the dry run."})
    notes = service.interview(ids[0]).notes
    assert notes == {"proud": STRONG_NOTES, "failure": "I skipped the dry run."}
    with pytest.raises(NotesInvalid, match="no question"):
        service.save_notes(ids[0], {"nonsense": "x"})
    with pytest.raises(InterviewExists):
        service.start_interview(service.interview(ids[0]).candidate_id, "Sam")


def test_a_score_without_evidence_is_refused_and_nothing_is_stored(service: KitService) -> None:
    _, ids = _panel(service)
    ratings = _ratings("4")
    ratings["impact"] = RatingInput("4", ())
    with pytest.raises(ScorecardRefused) as refused:
        service.submit_scorecard(ids[0], ratings, "yes", "Good.")
    assert any("Impact" in p and "quote" in p for p in refused.value.problems)
    assert service.own_scorecard(ids[0]) is None
    ratings["impact"] = RatingInput("4", ("revenue grew 7000%",))
    with pytest.raises(ScorecardRefused, match="not in your notes"):
        service.submit_scorecard(ids[0], ratings, "yes", "Good.")
    with pytest.raises(ScorecardRefused, match="reason"):
        service.submit_scorecard(ids[0], _ratings("4"), "yes", "  ")
    with pytest.raises(ScorecardRefused, match="recommendation"):
        service.submit_scorecard(ids[0], _ratings("4"), "maybe", "Good.")
    assert service.own_scorecard(ids[0]) is None


def test_not_enough_evidence_needs_no_quote(service: KitService) -> None:
    _, ids = _panel(service)
    ratings = _ratings("3")
    ratings["collaboration"] = RatingInput("none")
    card = service.submit_scorecard(ids[0], ratings, "no_decision", "Too little on teamwork.")
    collab = next(r for r in card.ratings if r.dimension == "collaboration")
    assert collab.score is None and collab.evidence == ()
    own = next(r for r in card.ratings if r.dimension == "ownership")
    assert STRONG_NOTES[own.evidence[0].start : own.evidence[0].end] == OWN
    with pytest.raises(NotesInvalid, match="submitted"):
        service.save_notes(ids[0], {"proud": "changed"})
    with pytest.raises(ScorecardRefused, match="already"):
        service.submit_scorecard(ids[0], ratings, "yes", "Again.")


def test_scores_stay_hidden_until_the_viewer_submits(service: KitService) -> None:
    cand_id, ids = _panel(service)
    service.submit_scorecard(ids[0], _ratings("4"), "yes", "Sam's reason.")
    with pytest.raises(ScorecardHidden, match="Kim, submit your own"):
        service.panel(cand_id, "Kim")
    with pytest.raises(ScorecardHidden, match="every interviewer"):
        service.panel(cand_id, None)
    panel = service.panel(cand_id, "Sam")
    assert panel.pending == ["Kim", "Lee"]
    with pytest.raises(ScorecardHidden):
        service.export_cards(cand_id)
    service.submit_scorecard(ids[1], _ratings("2", RESULT), "no", "Kim's reason.")
    service.submit_scorecard(ids[2], _ratings("3"), "strong_yes", "Lee's reason.")
    panel = service.panel(cand_id, None)
    assert [c.interviewer for c in panel.scorecards] == ["Sam", "Kim", "Lee"]
    summary = combine(panel.kit, panel.scorecards)
    own = summary.dimensions[0]
    assert (own.mean, own.median, own.spread, own.disagreement) == (3.0, 3.0, 2, True)
    low, high = own.extremes()
    assert [s.interviewer for s in low] == ["Kim"] and low[0].evidence[0].text == RESULT
    assert [s.interviewer for s in high] == ["Sam"]
    assert summary.recommendations["strong_yes"] == 1
    assert summary.recommendation_mean == 3.0
    _, cards = service.export_cards(cand_id)
    assert len(cards) == 3


def test_a_passed_deadline_opens_the_debrief_and_marks_late_cards(service: KitService) -> None:
    kit = dataclasses.replace(build_kit("swe"), deadline_hours=1)
    service.save_kit(kit)
    cand = service.add_candidate(kit.id, "Grace")
    first = service.start_interview(cand.id, "Sam")
    service.start_interview(cand.id, "Kim")
    service.save_notes(first.id, {"proud": STRONG_NOTES})
    # Move both interviews two hours into the past.
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from starcoach.storage.kits import InterviewRow

    with service.db.transaction() as session:
        session.execute(
            update(InterviewRow).values(created_at=datetime.now(UTC) - timedelta(hours=2))
        )
    card = service.submit_scorecard(first.id, _ratings("4"), "yes", "Late but fair.")
    assert card.late
    panel = service.panel(cand.id, None)
    assert panel.overdue == ["Kim"]


def test_calibration_ratings_are_stored_per_interviewer(service: KitService) -> None:
    service.rate_sample("Sam", "big-number", {"ownership": 1, "impact": None})
    service.rate_sample("Sam", "big-number", {"ownership": 2})
    assert service.calibration_ratings() == {
        "Sam": {("big-number", "ownership"): 2, ("big-number", "impact"): None}
    }
