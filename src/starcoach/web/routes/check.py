"""Check an answer: the page (with live feedback as the user types) and `POST /api/check`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from starcoach.analysis import analyze, analyze_fragment
from starcoach.analysis.report import Report
from starcoach.content import (
    QUESTION_IDS,
    UnknownQuestionError,
    UnknownRoleError,
    load_content,
    match_role,
)
from starcoach.render.json import report_to_dict
from starcoach.web import openapi
from starcoach.web.annotate import PART_LABELS, annotate
from starcoach.web.forms import MAX_ANSWER_CHARS, clean_text, read_form
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.state import state

router = APIRouter(tags=["check"])

StarPart = Literal["situation", "task", "action", "result", "reflection"]

_REPORT_DOC = {
    "description": "The analyzer's report, in the versioned wire format of docs/schema.md.",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


# Documented, not enforced by validation: the routes answer an empty text with a message of their
# own (422).
_NOT_BLANK: dict[str, Any] = {"pattern": r"\S"}


class CheckRequest(BaseModel):
    """An answer to check, with the question it answers."""

    answer: str = Field(
        description="The answer's text, at most 100,000 characters.",
        json_schema_extra=_NOT_BLANK,
    )
    question: str | None = Field(
        default=None,
        description="A prompt id (proud, challenge, pushback, difficult_person, failure, feedback, "
        "improvement, generic) or the question in its own words; left out, it is detected from the "
        "answer or treated as a generic behavioral question.",
    )
    role: str | None = Field(
        default=None,
        description="The job interviewed for in your own words (a role id, name or alias, or a "
        "title such as 'Year 4 teacher'), read as the nearest role; a job no role fits gets the "
        "general advice. Either way the report's `notices` say how it was read. Never an error.",
    )


class FragmentRequest(BaseModel):
    """A piece of an answer (one STAR part, a story field) to check with the rules that fit it."""

    text: str = Field(
        description="The piece's text, at most 100,000 characters.", json_schema_extra=_NOT_BLANK
    )
    part: StarPart | None = Field(default=None, description="The STAR+R part the piece is.")
    question: str | None = Field(default=None, description="A prompt id or the question's words.")
    role: str | None = Field(
        default=None, description="The job in your own words, read as for `POST /api/check`."
    )


class InputProblem(Exception):
    """Input that cannot be checked; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _clean(text: str, what: str) -> str:
    cleaned = clean_text(text)
    if len(cleaned) > MAX_ANSWER_CHARS:
        raise InputProblem(
            413,
            f"The {what} is {len(cleaned):,} characters long; the limit is {MAX_ANSWER_CHARS:,}.",
        )
    if not cleaned.strip():
        raise InputProblem(422, f"The {what} is empty: type or paste it first.")
    return cleaned


def read_role(role: str | None) -> tuple[str | None, str | None]:
    """Return the role id a free-text job title maps to, and a notice when it was read loosely or not at all.

    The same reading as the command line's `--role` (`match_role`): an exact id, name or alias
    gives no notice; a title such as "Year 4 teacher" is read as the nearest role; a job no role
    fits gets the general advice. Never an error.
    """
    if role is None or not role.strip():
        return None, None
    match = match_role(role)
    if match is None:
        return None, f"No role matches {role.strip()!r}, so this is the general advice."
    if match.exact:
        return match.role.id, None
    return match.role.id, f"Role {role.strip()!r} read as {match.role.name} (from {match.label!r})."


def run_check(
    answer: str,
    question: str | None = None,
    role: str | None = None,
    *,
    part: str | None = None,
    fragment: bool = False,
) -> Report:
    """Clean and analyze an answer (or a fragment); raise InputProblem for input that cannot be."""
    text = _clean(answer, "text" if fragment else "answer")
    role_id, notice = read_role(role)
    try:
        if fragment:
            report = analyze_fragment(text, question=question or None, part=part, role=role_id)
        else:
            report = analyze(text, question=question or None, role=role_id)
    except (UnknownQuestionError, UnknownRoleError, ValueError) as exc:
        raise InputProblem(422, str(exc)) from None
    if notice is None:
        return report
    return replace(report, notices=(notice, *report.notices))


@router.post(
    "/api/check",
    summary="Check an answer",
    response_class=JSONResponse,
    **openapi.data(body=True, ok=_REPORT_DOC),
)
async def api_check(body: CheckRequest) -> Response:
    """Analyze one answer and return the report in the JSON wire format."""
    # Run on the event loop, not in the thread pool: the analyzer is a few milliseconds of pure
    # CPU, and handing it to a thread only adds switching under the GIL (measured: about 10%
    # more throughput and a shorter tail this way; see bench/web_load.py).
    try:
        report = run_check(body.answer, body.question, body.role)
    except InputProblem as exc:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)
    return JSONResponse(report_to_dict(report))


@router.post(
    "/api/check/fragment",
    summary="Check a piece of an answer",
    response_class=JSONResponse,
    **openapi.data(body=True, ok=_REPORT_DOC),
)
async def api_check_fragment(body: FragmentRequest) -> Response:
    """Analyze one STAR part or phrase (a story field) with the rules that fit a piece."""
    try:
        report = run_check(body.text, body.question, body.role, part=body.part, fragment=True)
    except InputProblem as exc:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)
    return JSONResponse(report_to_dict(report))


def choices() -> dict[str, Any]:
    """Return the prompts and roles a form can offer, as JSON-ready lists."""
    content = load_content()
    return {
        "questions": [
            {"id": q.id, "title": q.title, "phrasing": q.phrasings[0]}
            for q in (content.questions[qid] for qid in QUESTION_IDS)
        ],
        "roles": [{"id": r.id, "name": r.name} for r in content.roles.values()],
    }


def report_context(report: Report) -> dict[str, Any]:
    """Return what the report templates need beside the report's JSON: highlights and names."""
    content = load_content()
    return {
        "report": report,
        "annotated": annotate(report),
        "part_labels": PART_LABELS,
        "dimension_names": {d.id: d.name for d in content.dimensions.values()},
    }


def _form_values(
    question: str = "", question_text: str = "", role: str = "", answer: str = ""
) -> dict[str, str]:
    return {"question": question, "question_text": question_text, "role": role, "answer": answer}


@router.get("/check.json", summary="The Check page's choices", tags=["pages"], **openapi.data())
@router.get("/check", summary="The Check page", tags=["pages"], **openapi.page())
@router.get("/", include_in_schema=False)
def check_page(request: Request, question: str = "", role: str = "") -> Response:
    """Show the empty Check page (JSON: the prompts and roles to choose from)."""
    data = choices()
    known = {q["id"] for q in data["questions"]}
    # A job in the address's own words ("?role=nurse") selects the role it is read as.
    values = _form_values(question if question in known else "proud", role=read_role(role)[0] or "")
    return state(request).pages.respond(
        request,
        "check.html",
        data,
        {"section": "check", "form": values, "title": "Check an answer"},
    )


async def _posted_check(request: Request) -> tuple[dict[str, str], Report | None, str, int]:
    web = state(request)
    form = await read_form(request, web.pages.secret)
    values = _form_values(
        form.text("question"),
        form.text("question_text"),
        form.text("role"),
        clean_text(form.text("answer")),
    )
    if not form.csrf_ok:
        return values, None, _EXPIRED, 403
    question = values["question_text"].strip() or values["question"]
    try:
        report = run_check(values["answer"], question, values["role"])
    except InputProblem as exc:
        return values, None, exc.message, exc.status
    return values, report, "", 200


_EXPIRED = (
    "This form had expired (the server restarted, or the page is old). Your text is kept below: "
    "check it again."
)


@router.post(
    "/check", summary="Check an answer from the form", tags=["pages"], **openapi.page(form=True)
)
async def check_form(request: Request) -> Response:
    """Check the posted answer and show it highlighted; the text is kept on any error."""
    values, report, error, status = await _posted_check(request)
    pages = state(request).pages
    if report is None:
        if _wants_json(request):
            return JSONResponse({"detail": error}, status_code=status)
        context = {"section": "check", "form": values, "error": error, "title": "Check an answer"}
        return pages.html(request, "check.html", {"data": choices(), **context}, status)
    data = report_to_dict(report)
    if _wants_json(request):
        return JSONResponse(data)
    context = {
        "data": choices(),
        "report_data": data,
        "section": "check",
        "form": values,
        "title": "Check an answer",
        **report_context(report),
    }
    return pages.html(request, "check.html", context)


@router.post(
    "/check/results",
    summary="The results panel, for live feedback",
    tags=["pages"],
    **openapi.page(form=True),
)
async def check_results(request: Request) -> Response:
    """Return only the results panel for the posted answer (the page's script swaps it in)."""
    values, report, error, status = await _posted_check(request)
    context: dict[str, Any] = {"form": values, "error": error}
    if report is not None:
        context.update(report_context(report))
    return state(request).pages.html(request, "check_results.html", context, status)


def _wants_json(request: Request) -> bool:
    from starcoach.web.pages import wants_json

    return wants_json(request)
