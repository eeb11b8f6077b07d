"""Progress: practice history per prompt and per dimension, with charts and recurring findings.

A dimension's trend compares answers to the same prompt only (`series_by_question_dimension`, as
`starcoach history` does): a 4 on collaboration in a pushback story and a 1 in a difficult-person
story measure different things, not progress.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from starcoach.content import load_content
from starcoach.practice.history import (
    Point,
    recurring_findings,
    series_by_question,
    series_by_question_dimension,
    trend,
)
from starcoach.storage.attempts import AttemptRecord, AttemptStore
from starcoach.web import openapi
from starcoach.web.state import state

router = APIRouter(tags=["progress"])

RECENT_ATTEMPTS = 20


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


def _attempts(request: Request, question: str) -> list[AttemptRecord]:
    content = load_content()
    if question and question not in content.questions:
        raise HTTPException(404, f"There is no prompt with id {question!r}.")
    store = AttemptStore(state(request).database())
    return store.attempts(question_id=question or None)


def _delivery_rows(attempts: list[AttemptRecord]) -> list[dict[str, Any]]:
    """Return pace, fillers and pauses of each spoken answer, oldest first (docs/speech.md)."""
    from starcoach.speech.delivery import delivery_summary

    rows: list[dict[str, Any]] = []
    for a in attempts:
        if not a.delivery:
            continue
        rows.append(
            {"when": a.created_at.isoformat(), "question_id": a.question_id}
            | delivery_summary(a.delivery)
        )
    return rows


def progress_data(attempts: list[AttemptRecord]) -> dict[str, Any]:
    """Return the history as JSON-ready data: series per prompt and dimension, recurring findings.

    `by_dimension` is keyed by prompt, then dimension: {prompt: {dimension: series}}.
    """
    content = load_content()
    by_question = series_by_question(attempts)
    by_dimension = series_by_question_dimension(attempts)
    return {
        "answers": len(attempts),
        "sessions": len({a.session_id for a in attempts}),
        "by_question": {
            q: {"title": content.questions[q].title, **_series(p)} for q, p in by_question.items()
        },
        # Per prompt, then per dimension: a trend never mixes answers to different prompts.
        "by_dimension": {
            q: {d: {"name": content.dimensions[d].name, **_series(p)} for d, p in dims.items()}
            for q, dims in by_dimension.items()
        },
        "delivery": _delivery_rows(attempts),
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
        "recent": [
            {
                "session": a.session_id,
                "when": a.created_at.isoformat(),
                "question_id": a.question_id,
                "asked": a.asked,
                "overall": None if a.report.abstained else a.report.overall,
                "scores": {s.dimension: s.score for s in a.report.scores},
                "elapsed_seconds": a.elapsed_seconds,
            }
            for a in reversed(attempts[-RECENT_ATTEMPTS:])
        ],
    }


@router.get("/progress", summary="Your progress over time", **openapi.page(not_found=True))
@router.get(
    "/progress.json", summary="Your progress over time (JSON)", **openapi.data(not_found=True)
)
def progress(request: Request, question: str = "") -> Response:
    """Show scores over time per prompt and per dimension, and the findings that keep coming back."""
    attempts = _attempts(request, question)
    data = {"question": question or None, **progress_data(attempts)}
    content = load_content()
    context = {
        "section": "progress",
        "title": "Progress",
        "questions": [{"id": q.id, "title": q.title} for q in content.questions.values()],
        "question_titles": {q.id: q.title for q in content.questions.values()},
        "dimension_names": {d.id: d.name for d in content.dimensions.values()},
    }
    return state(request).pages.respond(request, "progress.html", data, context)


@router.get(
    "/progress/chart.svg",
    summary="A chart of scores over time (SVG)",
    **openapi.download("image/svg+xml", not_found=True),
)
def chart(
    request: Request,
    by: Literal["question", "dimension"] = "question",
    question: str = "",
    size: Literal["wide", "narrow"] = "wide",
) -> Response:
    """Draw the overall score per prompt (by=question) or each dimension's score (by=dimension).

    By dimension, each line is one dimension in answers to one prompt ("failure: Ownership"), or
    just the dimension when one prompt is chosen: a line never joins answers to different prompts.

    `size=narrow` draws it for a phone: narrower, larger type, the legend under the plot.
    """
    from starcoach.practice.charts import progress_svg

    attempts = _attempts(request, question)
    content = load_content()
    if by == "question":
        series = series_by_question(attempts)
        title = "Overall score per prompt"
    else:
        nested = series_by_question_dimension(attempts)
        series = {
            (content.dimensions[d].name if question else f"{q}: {content.dimensions[d].name}"): p
            for q, dims in nested.items()
            for d, p in dims.items()
        }
        title = "Score per dimension, per prompt"
    if question:
        title += f" ({question})"
    return Response(
        progress_svg(series, title, **({"width": 360, "height": 300} if size == "narrow" else {})),
        media_type="image/svg+xml",
        headers={"cache-control": "no-store", "content-security-policy": "default-src 'none'"},
    )
