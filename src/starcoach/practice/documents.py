"""The JSON documents of practice: a session's progress, its report, the session list and progress.

One builder per document, used by the CLI (`--format json`) and the web (`.json` routes and the API)
alike, so the two print the same object for the same data. Every document is described in
docs/schema.md; a position is always a `{"start", "end"}` object into the text named beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starcoach.content import get_question, load_content
from starcoach.practice.history import (
    Point,
    delivery_summary,
    recurring_findings,
    series_by_question,
    series_by_question_dimension,
    trend,
)
from starcoach.practice.report import AnswerEntry, DimensionSummary, SessionReport
from starcoach.practice.session import PracticeSession, Prompt
from starcoach.render.json import report_to_dict, span_bounds
from starcoach.storage.attempts import AttemptRecord, SessionRecord

__all__ = [
    "attempt_delivery",
    "progress_document",
    "session_document",
    "session_list_document",
    "session_report_document",
]


# --- a session's progress ----------------------------------------------------------------------


def _prompt(session: PracticeSession, prompt: Prompt | None) -> dict[str, Any] | None:
    if prompt is None:
        return None
    return {
        "kind": prompt.kind,
        "question_id": prompt.question_id,
        "title": get_question(prompt.question_id).title,
        "text": prompt.text,
        "lead_in": prompt.lead_in,
        "display": prompt.display,
        "number": prompt.number,
        "opener_index": prompt.opener_index,
        "openers": len(session.plan.openers),
        "reason": prompt.follow_up.reason if prompt.follow_up is not None else None,
    }


def session_document(session_id: str, session: PracticeSession) -> dict[str, Any]:
    """Return where a session is and what was answered (docs/schema.md, "The session")."""
    plan = session.plan
    return {
        "id": session_id,
        "mode": plan.mode.value,
        "style": plan.style.value,
        "story_id": plan.story_id,
        "dimension": plan.dimension,
        "time_limit": plan.time_limit,
        "openers": [{"question_id": o.question_id, "text": o.text} for o in plan.openers],
        "step": session.step,
        "closed": session.closed,
        "current": _prompt(session, session.current),
        "turns": [
            {
                "position": t.position,
                "opener_index": t.opener_index,
                "kind": t.kind,
                "number": t.number,
                "question_id": t.question_id,
                "asked": t.asked,
                "answer": t.answer,
                "elapsed": t.elapsed,
                "over_time": t.over_time,
                "overall": t.report.overall,
            }
            for t in session.turns
        ],
        "skipped": len(session.skipped),
    }


# --- the session list --------------------------------------------------------------------------


def session_list_document(records: Sequence[SessionRecord]) -> dict[str, Any]:
    """Return stored sessions, newest first, as JSON-ready data (docs/schema.md, "The session list")."""
    return {
        "sessions": [
            {
                "id": r.id,
                "mode": r.mode,
                "style": r.style,
                "story_id": r.story_id,
                "dimension": r.dimension,
                "time_limit": r.time_limit,
                "status": r.status,
                "finished": r.finished,
                "answers": r.answers,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in records
        ]
    }


# --- the session report ------------------------------------------------------------------------


def _entry(entry: AnswerEntry) -> dict[str, Any]:
    retry = entry.retry
    return {
        "index": entry.index,
        "question_id": entry.question_id,
        "title": entry.title,
        "asked": entry.asked,
        "answer": entry.answer,
        "report": report_to_dict(entry.report) if entry.report is not None else None,
        "elapsed": entry.elapsed,
        "over_time": entry.over_time,
        "notices": list(entry.notices),
        "follow_ups": [
            {
                "number": f.number,
                "question": f.question,
                "reason": f.reason,
                "origin": f.origin,
                "answer": f.answer,
                "elapsed": f.elapsed,
                "over_time": f.over_time,
                "findings": [
                    {"rule_id": x.rule_id, "severity": x.severity.label, "message": x.message}
                    for x in f.findings
                ],
                "report": report_to_dict(f.report) if f.report is not None else None,
            }
            for f in entry.follow_ups
        ],
        "retry": None
        if retry is None
        else {
            "before_overall": retry.before_overall,
            "after_overall": retry.after_overall,
            "overall_change": retry.overall_change,
            "dimensions": [
                {"dimension": d.dimension, "before": d.before, "after": d.after, "change": d.change}
                for d in retry.dimensions
            ],
            "gone": [f.rule_id for f in retry.gone],
            "new": [f.rule_id for f in retry.new],
        },
    }


def _summary(d: DimensionSummary | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"dimension": d.dimension, "name": d.name, "mean": d.mean, "count": d.count}


def session_report_document(session_id: str, result: SessionReport) -> dict[str, Any]:
    """Return the end-of-session report as JSON-ready data (docs/schema.md, "The session report")."""
    return {
        "id": session_id,
        "mode": result.mode,
        "style": result.style,
        "story_title": result.story_title,
        "dimension": result.dimension,
        "time_limit": result.time_limit,
        "answered": result.answered,
        "unasked": result.unasked,
        "ended_early": result.ended_early,
        "answers": [_entry(e) for e in result.answers],
        "dimensions": [_summary(d) for d in result.dimensions],
        "strongest": _summary(result.strongest),
        "weakest": _summary(result.weakest),
        "practise": [
            {
                "title": p.title,
                "advice": p.advice,
                "rule_id": p.rule_id,
                "dimension": p.dimension,
                "count": p.count,
                "prompts": list(p.prompts),
            }
            for p in result.practise
        ],
        "contradictions": [
            {
                "kind": c.kind,
                "value": c.value,
                "reference_value": c.reference_value,
                "position": c.contradiction.position,
                "span": span_bounds(c.contradiction.span),
                "text": c.quote,
                "where": c.where,
                "reference_position": c.contradiction.reference_position,
                "reference_field": c.contradiction.reference_field,
                "reference_span": span_bounds(c.contradiction.reference_span),
                "reference_text": c.reference_quote,
                "reference_where": c.reference_where,
            }
            for c in result.contradictions
        ],
    }


# --- progress ----------------------------------------------------------------------------------


def _series(points: list[Point]) -> dict[str, Any]:
    brief = trend(points)
    return {
        "points": [
            {
                "when": p.when.isoformat(),
                "value": p.value,
                "session": p.session_id,
                "question": p.question_id,
            }
            for p in points
        ],
        "first": brief.first if brief else None,
        "last": brief.last if brief else None,
        "best": brief.best if brief else None,
        "change": round(brief.last - brief.first, 2) if brief else None,
    }


def attempt_delivery(attempt: AttemptRecord) -> dict[str, float | None] | None:
    """Return a spoken attempt's pace, fillers and pauses (docs/speech.md); None for a typed one."""
    if not attempt.delivery:
        return None
    return delivery_summary(attempt.delivery)


def progress_document(
    attempts: Sequence[AttemptRecord], question: str | None = None, dimension: str | None = None
) -> dict[str, Any]:
    """Return practice history as JSON-ready data (docs/schema.md, "Progress").

    `attempts` are the opener answers shown, oldest first; `question` the prompt they were limited
    to, if any; `dimension` limits `by_dimension` to one dimension. `by_dimension` is keyed by prompt,
    then dimension: a trend never mixes answers to different prompts.
    """
    content = load_content()
    attempts = list(attempts)
    by_question = series_by_question(attempts)
    by_dimension = series_by_question_dimension(attempts, dimension)
    return {
        "question": question,
        "dimension": dimension,
        "answers": len(attempts),
        "sessions": len({a.session_id for a in attempts}),
        "by_question": {
            q: {"title": content.questions[q].title, **_series(p)} for q, p in by_question.items()
        },
        "by_dimension": {
            q: {d: {"name": content.dimensions[d].name, **_series(p)} for d, p in dims.items()}
            for q, dims in by_dimension.items()
        },
        "delivery": [
            {"when": a.created_at.isoformat(), "question_id": a.question_id} | summary
            for a in attempts
            if (summary := attempt_delivery(a)) is not None
        ],
        "recurring": [
            {
                "rule_id": r.rule_id,
                "label": r.label,
                "dimension": r.dimension,
                "count": r.count,
                "window": r.window,
                "text": r.sentence(),
            }
            for r in recurring_findings(attempts)
        ],
        "attempts": [
            {
                "session": a.session_id,
                "when": a.created_at.isoformat(),
                "question_id": a.question_id,
                "asked": a.asked,
                "overall": None if a.report.abstained else a.report.overall,
                "scores": {s.dimension: s.score for s in a.report.scores},
                "findings": [f.rule_id for f in a.report.findings],
                "elapsed_seconds": a.elapsed_seconds,
                "delivery": attempt_delivery(a),
                "schema_version": a.schema_version,
                "ruleset_version": a.ruleset_version,
            }
            for a in attempts
        ],
    }
