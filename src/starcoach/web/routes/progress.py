"""Progress: practice history per prompt and per dimension, with charts and recurring findings.

A dimension's trend compares answers to the same prompt only (`series_by_question_dimension`, as
`starcoach history` does): a 4 on collaboration in a pushback story and a 1 in a difficult-person
story measure different things, not progress.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from starcoach.content import load_content
from starcoach.practice.documents import progress_document
from starcoach.practice.history import series_by_question, series_by_question_dimension
from starcoach.storage.attempts import AttemptRecord
from starcoach.web import openapi
from starcoach.web.state import owner_of, state

router = APIRouter(tags=["progress"])


def _attempts(request: Request, question: str) -> list[AttemptRecord]:
    content = load_content()
    if question and question not in content.questions:
        raise HTTPException(404, f"There is no prompt with id {question!r}.")
    store = state(request).attempts(owner_of(request))
    return store.attempts(question_id=question or None)


@router.get("/progress", summary="Your progress over time", **openapi.page(not_found=True))
@router.get(
    "/progress.json", summary="Your progress over time (JSON)", **openapi.data(not_found=True)
)
def progress(request: Request, question: str = "") -> Response:
    """Show scores over time per prompt and per dimension, and the findings that keep coming back."""
    attempts = _attempts(request, question)
    data = progress_document(attempts, question or None)
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
