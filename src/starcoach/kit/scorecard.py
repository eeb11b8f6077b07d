"""Scorecards: every score points at the candidate's words, and the recommendation stands apart.

A dimension gets a score 1-5 only with at least one quote from the interviewer's notes; "not enough
evidence" (no score) needs none. The hire recommendation uses the scale applicant trackers exchange
and always carries a written reason. `check_scorecard` reports every problem at once and changes
nothing; the JSON and CSV exports are documented in docs/schema.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starcoach.kit.errors import ScorecardRefused
from starcoach.kit.model import Kit

SCHEMA_VERSION = "1"
RECOMMENDATIONS: dict[str, str] = {
    "strong_no": "Strong no",
    "no": "No",
    "yes": "Yes",
    "strong_yes": "Strong yes",
    "no_decision": "No decision",
}
"""Recommendation id -> label, in the order applicant trackers list them."""
NOT_ENOUGH = "none"
"""The rating value for "not enough evidence"."""
MAX_REASON_CHARS = 5_000
MAX_QUOTES = 10


@dataclass(frozen=True, slots=True)
class Quote:
    """Words from the notes under one question, with their character span there."""

    question: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Rating:
    """One dimension's rating: a score with its quotes, or None for not enough evidence."""

    dimension: str
    score: int | None
    evidence: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class RatingInput:
    """A rating as typed: a score ("1".."5" or "none") and the quotes chosen as evidence."""

    score: str
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scorecard:
    """A submitted scorecard."""

    interview_id: str
    interviewer: str
    kit_id: str
    kit_version: int
    ratings: tuple[Rating, ...]
    recommendation: str
    reason: str
    submitted_at: str
    late: bool = False


def find_quote(quote: str, notes: Mapping[str, str]) -> Quote | None:
    """Return where `quote` stands in the notes (case and spacing may differ), or None."""
    words = quote.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    for question, text in notes.items():
        match = pattern.search(text)
        if match is not None:
            return Quote(question, match.group(0), match.start(), match.end())
    return None


def check_scorecard(
    kit: Kit,
    notes: Mapping[str, str],
    ratings: Mapping[str, RatingInput],
    recommendation: str,
    reason: str,
) -> tuple[tuple[Rating, ...], str, str]:
    """Return the ratings, recommendation and reason once they meet every rule; raise ScorecardRefused."""
    problems: list[str] = []
    checked: list[Rating] = []
    for extra in sorted(set(ratings) - {d.id for d in kit.dimensions}):
        problems.append(f"{extra}: this kit does not rate that dimension")
    for dimension in kit.dimensions:
        given = ratings.get(dimension.id)
        if given is None or not given.score.strip():
            problems.append(f"{dimension.name}: give a score from 1 to 5, or 'not enough evidence'")
            continue
        value = given.score.strip().lower()
        if value in (NOT_ENOUGH, "not enough evidence", "0"):
            checked.append(Rating(dimension.id, None, ()))
            continue
        if value not in ("1", "2", "3", "4", "5"):
            problems.append(f"{dimension.name}: {given.score!r} is not a score (1-5 or 'none')")
            continue
        quotes = [q for q in given.quotes if q.strip()]
        if not quotes:
            problems.append(
                f"{dimension.name}: a score needs at least one quote from your notes as evidence; "
                "pick a proposed quote, paste the candidate's words from your notes, or rate it "
                "'not enough evidence'"
            )
            continue
        if len(quotes) > MAX_QUOTES:
            problems.append(f"{dimension.name}: at most {MAX_QUOTES} quotes")
            continue
        found: list[Quote] = []
        missing = False
        for quote in quotes:
            where = find_quote(quote, notes)
            if where is None:
                short = quote if len(quote) <= 60 else quote[:57] + "..."
                problems.append(f"{dimension.name}: the quote {short!r} is not in your notes")
                missing = True
            elif where not in found:
                found.append(where)
        if not missing:
            checked.append(Rating(dimension.id, int(value), tuple(found)))
    if recommendation not in RECOMMENDATIONS:
        valid = ", ".join(RECOMMENDATIONS)
        problems.append(f"recommendation: choose one of {valid}")
    reason = reason.strip()
    if not reason:
        problems.append("reason: write why you recommend this (a sentence or two)")
    elif len(reason) > MAX_REASON_CHARS:
        problems.append(f"reason: at most {MAX_REASON_CHARS} characters")
    if problems:
        raise ScorecardRefused(problems)
    return tuple(checked), recommendation, reason


def ratings_to_list(ratings: Sequence[Rating]) -> list[dict[str, Any]]:
    """Return ratings as JSON-ready data."""
    return [
        {
            "dimension": r.dimension,
            "score": r.score,
            "not_enough_evidence": r.score is None,
            "evidence": [
                {"question": q.question, "quote": q.text, "start": q.start, "end": q.end}
                for q in r.evidence
            ],
        }
        for r in ratings
    ]


def ratings_from_list(data: Sequence[Mapping[str, Any]]) -> tuple[Rating, ...]:
    """Return ratings from their JSON form."""
    return tuple(
        Rating(
            str(r["dimension"]),
            None if r["score"] is None else int(r["score"]),
            tuple(
                Quote(str(q["question"]), str(q["quote"]), int(q["start"]), int(q["end"]))
                for q in r["evidence"]
            ),
        )
        for r in data
    )


def scorecard_to_dict(card: Scorecard) -> dict[str, Any]:
    """Return a scorecard as JSON-ready data (docs/schema.md, "Scorecard")."""
    return {
        "interview_id": card.interview_id,
        "interviewer": card.interviewer,
        "kit": {"id": card.kit_id, "version": card.kit_version},
        "ratings": ratings_to_list(card.ratings),
        "recommendation": card.recommendation,
        "reason": card.reason,
        "submitted_at": card.submitted_at,
        "late": card.late,
    }


def export_json(candidate: Mapping[str, Any], cards: Sequence[Scorecard]) -> dict[str, Any]:
    """Return a candidate's scorecards as the documented export document."""
    return {
        "schema": "starcoach.scorecards",
        "schema_version": SCHEMA_VERSION,
        "candidate": dict(candidate),
        "scorecards": [scorecard_to_dict(c) for c in cards],
    }


CSV_COLUMNS = (
    "candidate_id",
    "candidate_name",
    "interviewer",
    "kit_id",
    "kit_version",
    "dimension",
    "score",
    "evidence",
    "recommendation",
    "reason",
    "submitted_at",
)


def export_csv(candidate: Mapping[str, Any], cards: Sequence[Scorecard]) -> str:
    """Return a candidate's scorecards as CSV: one row per interviewer and dimension."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for card in cards:
        for rating in card.ratings:
            writer.writerow(
                [
                    candidate["id"],
                    _cell(str(candidate["name"])),
                    _cell(card.interviewer),
                    card.kit_id,
                    card.kit_version,
                    rating.dimension,
                    "" if rating.score is None else rating.score,
                    _cell(" | ".join(q.text for q in rating.evidence)),
                    card.recommendation,
                    _cell(card.reason),
                    card.submitted_at,
                ]
            )
    return buffer.getvalue()


def _cell(text: str) -> str:
    # A cell that starts like a formula would run in a spreadsheet; a leading quote keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
