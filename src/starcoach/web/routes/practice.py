"""Practice: the mock interview in the browser, on the same engine and storage as the CLI.

Start a session, answer the opener, then the follow-ups one at a time (an optional timer shows the time
taken), and read the session report at the end; retry practises the same prompts again and shows what
changed. Handlers that change a session do their work without awaiting between loading and saving
it, so in one server process two posts to the same session never interleave.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, field_validator

from starcoach.content import QUESTION_IDS, load_content
from starcoach.practice.documents import (
    session_document,
    session_list_document,
    session_report_document,
)
from starcoach.practice.flow import StartOptions, answer, report, retry_options, start
from starcoach.practice.modes import Mode, Style
from starcoach.practice.persist import load_session, save_session
from starcoach.practice.session import Outcome, PracticeSession, SessionError
from starcoach.storage.attempts import AttemptStore, SessionNotFound
from starcoach.storage.errors import SessionChanged
from starcoach.web import openapi
from starcoach.web.forms import FORM_ID_FIELD, PostedForm, clean_text, read_form
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.pages import wants_json
from starcoach.web.routes.check import report_context
from starcoach.web.state import WebState, new_form_id, owner_of, state

router = APIRouter(tags=["practice"])

MODES: tuple[str, ...] = tuple(Mode)
STYLES: tuple[str, ...] = tuple(Style)
TIME_LIMITS = (60, 90, 120, 180, 240, 300)
MAX_FOLLOW_UPS = 8
_EXPIRED = (
    "This form had expired (the server restarted, or the page is old). Your answer is kept below: "
    "submit it again."
)
_TWICE = (
    "This answer was sent twice at once; the first one is recorded and this copy was not stored. "
    "The page shows where the session is now."
)
_STATUS = {Outcome.EMPTY: 422, Outcome.REPEATED: 422, Outcome.TOO_LONG: 413, Outcome.CLOSED: 409}


def _store(request: Request) -> AttemptStore:
    return state(request).attempts(owner_of(request))


def _load(request: Request, session_id: str) -> tuple[AttemptStore, PracticeSession]:
    store, session, _ = _load_state(request, session_id)
    return store, session


def _load_state(
    request: Request, session_id: str
) -> tuple[AttemptStore, PracticeSession, Mapping[str, Any]]:
    """Load a session with the stored state it came from (checked again when saving a change)."""
    store = _store(request)
    try:
        record, session = load_session(store, session_id)
    except SessionNotFound:
        raise HTTPException(404, f"There is no practice session with id {session_id!r}.") from None
    except SessionError as exc:
        raise HTTPException(409, f"Session {session_id} cannot be read: {exc}") from None
    return store, session, record.state


def _see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


# --- start -------------------------------------------------------------------------------------


def _start_data(request: Request, web: WebState) -> dict[str, Any]:
    content = load_content()
    stories = web.stories(owner_of(request)).all()
    return {
        **session_list_document(_store(request).sessions(limit=20)),
        "questions": [{"id": qid, "title": content.questions[qid].title} for qid in QUESTION_IDS],
        "stories": [{"id": s.id, "title": s.title, "anchor": s.anchor} for s in stories],
        "modes": list(MODES),
        "styles": list(STYLES),
        "dimensions": [{"id": d.id, "name": d.name} for d in content.dimensions.values()],
        "roles": [{"id": r.id, "name": r.name} for r in content.roles.values()],
        "time_limits": list(TIME_LIMITS),
    }


def _start_page(
    request: Request,
    web: WebState,
    values: dict[str, str] | None = None,
    error: str = "",
    status: int = 200,
) -> Response:
    data = _start_data(request, web)
    anchor = next((s["id"] for s in data["stories"] if s["anchor"]), "")
    defaults = {
        "mode": "single",
        "question": "proud",
        "question_text": "",
        "story": anchor,
        "style": "neutral",
        "time_limit": "",
        "follow_ups": "4",
        "dimension": "",
        "role": "",
    }
    context = {
        "section": "practice",
        "title": "Practice",
        "form": {**defaults, **(values or {})},
        "error": error,
        "form_id": new_form_id(),
    }
    if error and wants_json(request):
        return JSONResponse({"detail": error}, status_code=status)
    return web.pages.respond(request, "practice/start.html", data, context, status)


@router.get("/practice", summary="Start a mock interview", **openapi.page())
@router.get(
    "/practice.json", summary="Practice sessions and start options (JSON)", **openapi.data()
)
def practice_home(request: Request) -> Response:
    """Show the form that starts a session and the recent sessions."""
    web = state(request)
    return _start_page(request, web)


def _options(form: PostedForm) -> tuple[StartOptions | None, dict[str, str], str]:
    values = {
        key: form.text(key).strip()
        for key in (
            "mode",
            "question",
            "question_text",
            "story",
            "style",
            "time_limit",
            "follow_ups",
            "dimension",
            "role",
        )
    }
    try:
        limit = int(values["time_limit"]) if values["time_limit"] else None
        follow_ups = int(values["follow_ups"]) if values["follow_ups"] else 4
    except ValueError:
        return None, values, "The time limit and the number of follow-ups must be whole numbers."
    if not 0 <= follow_ups <= MAX_FOLLOW_UPS:
        return None, values, f"Ask between 0 and {MAX_FOLLOW_UPS} follow-ups."
    try:
        mode = Mode(values["mode"] or Mode.SINGLE)
        style = Style(values["style"] or Style.NEUTRAL)
    except ValueError:
        return None, values, "Choose a mode and an interviewer style from the lists."
    # The form posts every field; only the chosen mode's own fields count.
    question = values["question_text"] or values["question"] or None
    options = StartOptions(
        mode=mode,
        question=question if mode is Mode.SINGLE else None,
        story_id=values["story"] or None,
        style=style,
        time_limit=limit,
        max_follow_ups=follow_ups,
        dimension=(values["dimension"] or None) if mode is Mode.DRILL else None,
        role=values["role"] or None,
    )
    return options, values, ""


@router.post("/practice", summary="Start a session from the form", **openapi.page(form=True))
async def start_session(request: Request) -> Response:
    """Start a session and go to its first question."""
    web = state(request)
    form = await read_form(request, web.pages.secret)
    options, values, error = _options(form)
    if not form.csrf_ok:
        return _start_page(
            request,
            web,
            values,
            _EXPIRED.replace(" Your answer is kept below: submit it again.", " Start again."),
            403,
        )
    form_id = form.text(FORM_ID_FIELD)
    done = web.recent.get(form_id)
    if done is not None:
        return _see_other(done)
    if options is None:
        return _start_page(request, web, values, error, 422)
    try:
        session_id = start(web.database(), options, owner_of(request)).session_id
    except SessionError as exc:
        return _start_page(request, web, values, str(exc), 422)
    location = f"/practice/{session_id}"
    web.recent.remember(form_id, location)
    if wants_json(request):
        return JSONResponse({"id": session_id}, status_code=201, headers={"location": location})
    return _see_other(location)


# --- one session -------------------------------------------------------------------------------


def _question_page(
    request: Request,
    web: WebState,
    session_id: str,
    session: PracticeSession,
    *,
    draft: str = "",
    message: str = "",
    status: int = 200,
    elapsed: str = "",
) -> Response:
    data = session_document(session_id, session)
    current = session.current
    thread = [
        t for t in session.turns if current is not None and t.opener_index == current.opener_index
    ]
    context = {
        "section": "practice",
        "title": "Practice",
        "thread": thread,
        "draft": draft,
        "message": message,
        "elapsed": elapsed,
        "just_answered": request.query_params.get("answered") == "1",
        "notice": _notice(request),
    }
    return web.pages.respond(request, "practice/question.html", data, context, status)


@router.get(
    "/practice/{session_id}",
    summary="A session: the question it is at",
    **openapi.page(not_found=True, conflict=True),
)
@router.get(
    "/practice/{session_id}.json",
    summary="A session's progress (JSON)",
    **openapi.data(not_found=True, conflict=True),
)
def show_session(request: Request, session_id: str) -> Response:
    """Show the question the session is at, or its report once it is over."""
    web = state(request)
    _, session = _load(request, session_id)
    if session.closed and not wants_json(request):
        return _see_other(f"/practice/{session_id}/report")
    return _question_page(request, web, session_id, session)


def _step(form: PostedForm) -> int | None:
    try:
        return int(form.text("step"))
    except ValueError:
        return None


@router.post(
    "/practice/{session_id}/answer",
    summary="Answer the current question",
    **openapi.page(not_found=True, conflict=True, form=True),
)
async def answer_question(request: Request, session_id: str) -> Response:
    """Take the answer to the question on the table and move on; the text is kept on any problem."""
    web = state(request)
    form = await read_form(request, web.pages.secret)
    text = clean_text(form.text("answer"))
    elapsed_text = form.text("elapsed").strip()
    store, session, expected = _load_state(request, session_id)
    if not form.csrf_ok:
        return _question_page(
            request,
            web,
            session_id,
            session,
            draft=text,
            message=_EXPIRED,
            status=403,
            elapsed=elapsed_text,
        )
    if _step(form) != session.step:
        # Posted twice, or from an older tab: the session has moved on; show where it is now.
        return _already_moved_on(request, web, session_id, session, text, elapsed_text)
    try:
        elapsed = float(elapsed_text) if elapsed_text else None
    except ValueError:
        elapsed = None
    from starcoach.web.speechform import posted_delivery

    delivery = posted_delivery(form.text("delivery"))
    try:
        result = answer(store, session_id, session, text, elapsed, expected, delivery)
    except SessionChanged:
        _, now = _load(request, session_id)
        return _already_moved_on(request, web, session_id, now, text, elapsed_text)
    if result.outcome is not Outcome.ACCEPTED:
        message = result.message[:1].upper() + result.message[1:] + "."
        return _question_page(
            request,
            web,
            session_id,
            session,
            draft=text,
            message=message,
            status=_STATUS.get(result.outcome, 422),
            elapsed=elapsed_text,
        )
    return _after(request, session_id, session, answered=True)


_NOTICES = {
    "twice": "This answer was sent twice; it is recorded once, and the page shows where the "
    "session is now.",
    "late": "The session had already moved on when this answer arrived, so it was not stored.",
}
_MOVED_ON = (
    "The session had already moved on when this answer arrived (it was sent from an older page), "
    "so it was not stored. Your text is kept below: send it again if it answers this question."
)


def _notice(request: Request) -> str:
    """Return the notice named by the `sent` query parameter of a redirect, if any."""
    return _NOTICES.get(request.query_params.get("sent", ""), "")


def _already_moved_on(
    request: Request,
    web: WebState,
    session_id: str,
    session: PracticeSession,
    text: str,
    elapsed: str,
) -> Response:
    """Answer a form post whose step was already answered (a double click, or an older tab).

    The same text as an answer already recorded is a second copy: the person is sent on to where
    the session is now, told that it was recorded once. Other text is not lost: it is shown again
    at the current question, with a 409, or the report says it came too late.
    """
    if wants_json(request):
        return JSONResponse({"detail": _TWICE, **session_document(session_id, session)}, 409)
    given = text.strip()
    if not given:
        return _after(request, session_id, session)
    twice = any(turn.answer.strip() == given for turn in session.turns)
    if session.closed:
        return _see_other(f"/practice/{session_id}/report?sent={'twice' if twice else 'late'}")
    if twice:
        return _see_other(f"/practice/{session_id}?sent=twice")
    return _question_page(
        request,
        web,
        session_id,
        session,
        draft=text,
        message=_MOVED_ON,
        status=409,
        elapsed=elapsed,
    )


def _after(
    request: Request, session_id: str, session: PracticeSession, *, answered: bool = False
) -> Response:
    if wants_json(request):
        return JSONResponse(session_document(session_id, session))
    if session.closed:
        return _see_other(f"/practice/{session_id}/report")
    return _see_other(f"/practice/{session_id}" + ("?answered=1" if answered else ""))


async def _moved(request: Request, session_id: str, move: str) -> Response:
    web = state(request)
    form = await read_form(request, web.pages.secret)
    store, session, expected = _load_state(request, session_id)
    if not form.csrf_ok:
        draft = clean_text(form.text("answer"))
        return _question_page(
            request, web, session_id, session, draft=draft, message=_EXPIRED, status=403
        )
    if _step(form) != session.step or session.closed:
        return _after(request, session_id, session)
    if move == "skip":
        session.skip()
    else:
        session.end()
    try:
        save_session(store, session_id, session, expected)
    except SessionChanged:
        _, session = _load(request, session_id)
    return _after(request, session_id, session)


@router.post(
    "/practice/{session_id}/skip",
    summary="Skip the current question",
    **openapi.page(not_found=True, conflict=True, form=True),
)
async def skip_question(request: Request, session_id: str) -> Response:
    """Pass on the question (an opener skips its prompt); nothing is scored for it."""
    return await _moved(request, session_id, "skip")


@router.post(
    "/practice/{session_id}/end",
    summary="End the session now",
    **openapi.page(not_found=True, conflict=True, form=True),
)
async def end_session(request: Request, session_id: str) -> Response:
    """Close the session; what was answered stays and goes into the report."""
    return await _moved(request, session_id, "end")


# --- report and retry --------------------------------------------------------------------------


@router.get(
    "/practice/{session_id}/report",
    summary="A session's report",
    **openapi.page(not_found=True, conflict=True),
)
@router.get(
    "/practice/{session_id}/report.json",
    summary="A session's report (JSON)",
    **openapi.data(not_found=True, conflict=True),
)
def session_report(request: Request, session_id: str) -> Response:
    """Show the session report: each answer highlighted, follow-ups, scores and what to practise."""
    web = state(request)
    store, session = _load(request, session_id)
    result = report(store, session_id, session)
    data = session_report_document(session_id, result)
    entries = [
        {"entry": e, **(report_context(e.report) if e.report is not None else {})}
        for e in result.answers
    ]
    context = {
        "section": "practice",
        "title": "Session report",
        "result": result,
        "entries": entries,
        "closed": session.closed,
        "notice": _notice(request),
        "form_id": new_form_id(),
        "question_titles": {q.id: q.title for q in load_content().questions.values()},
    }
    return web.pages.respond(request, "practice/report.html", data, context)


@router.get(
    "/practice/{session_id}/report/download",
    summary="The report as one HTML file",
    **openapi.download("text/html", not_found=True),
)
def download_report(request: Request, session_id: str) -> Response:
    """Return the session report as a self-contained HTML page to keep or share."""
    from starcoach.practice.render import session_to_html

    store, session = _load(request, session_id)
    return Response(
        session_to_html(report(store, session_id, session)),
        media_type="text/html; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="starcoach-session-{session_id}.html"'
        },
    )


@router.post(
    "/practice/{session_id}/retry",
    summary="Practise the same prompts again",
    **openapi.page(not_found=True, conflict=True, form=True),
)
async def retry_session(request: Request, session_id: str) -> Response:
    """Start a new session with the same prompts and settings; its report shows what changed."""
    web = state(request)
    form = await read_form(request, web.pages.secret)
    _, session = _load(request, session_id)
    if not form.csrf_ok:
        raise HTTPException(
            403,
            "This form had expired (the server restarted, or the page is old). Reload the page and try again.",
        )
    form_id = form.text(FORM_ID_FIELD)
    done = web.recent.get(form_id)
    if done is not None:
        return _see_other(done)
    try:
        new_id = start(
            web.database(),
            retry_options(web.database(), session, owner_of(request)),
            owner_of(request),
        ).session_id
    except SessionError as exc:
        raise HTTPException(409, str(exc)) from None
    location = f"/practice/{new_id}"
    web.recent.remember(form_id, location)
    if wants_json(request):
        return JSONResponse({"id": new_id}, status_code=201, headers={"location": location})
    return _see_other(location)


# --- JSON API ----------------------------------------------------------------------------------


class StartBody(BaseModel):
    """Options for a new practice session."""

    model_config = {"extra": "forbid", "strict": True}

    mode: Mode = Field(
        default=Mode.SINGLE,
        strict=False,
        description="One prompt, the full loop of seven, or a drill.",
    )
    question: str | None = Field(
        default=None, description="Single mode: a prompt id or your question."
    )
    story_id: str | None = None
    style: Style = Field(
        default=Style.NEUTRAL, strict=False, description="How hard the interviewer presses."
    )
    time_limit: int | None = Field(default=None, ge=1, description="Seconds per answer.")
    max_follow_ups: int = Field(default=4, ge=0, le=MAX_FOLLOW_UPS)
    dimension: str | None = Field(default=None, description="Drill mode: the dimension to drill.")
    role: str | None = None

    @field_validator("question", "story_id", "dimension", "role")
    @classmethod
    def _blank_is_not_given(cls, value: str | None) -> str | None:
        return value or None


class AnswerBody(BaseModel):
    """An answer to the question a session is at."""

    model_config = {"extra": "forbid", "strict": True}

    answer: str
    elapsed: float | None = Field(default=None, ge=0, description="Seconds the answer took.")
    step: int | None = Field(
        default=None,
        description="The session's step when the question was shown; a stale one is ignored.",
    )


@router.post(
    "/api/practice", summary="Start a practice session", status_code=201, **openapi.data(body=True)
)
def api_start(request: Request, body: StartBody) -> Response:
    """Start a session; answer with its progress, the first question included."""
    web = state(request)
    try:
        session_id = start(
            web.database(), StartOptions(**body.model_dump()), owner_of(request)
        ).session_id
    except SessionError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422)
    _, session = _load(request, session_id)
    return JSONResponse(
        session_document(session_id, session),
        status_code=201,
        headers={"location": f"/practice/{session_id}"},
    )


@router.post(
    "/api/practice/{session_id}/answer",
    summary="Answer the current question",
    **openapi.data(not_found=True, conflict=True, body=True),
)
def api_answer(request: Request, session_id: str, body: AnswerBody) -> Response:
    """Submit an answer; the session's progress comes back with the next question."""
    store, session, expected = _load_state(request, session_id)
    if body.step is not None and body.step != session.step:
        return JSONResponse(
            {
                "detail": "the session has moved on since that question",
                **session_document(session_id, session),
            },
            status_code=409,
        )
    try:
        result = answer(store, session_id, session, clean_text(body.answer), body.elapsed, expected)
    except SessionChanged:
        _, now = _load(request, session_id)
        return JSONResponse(
            {"detail": _TWICE, **session_document(session_id, now)}, status_code=409
        )
    if result.outcome is not Outcome.ACCEPTED:
        return JSONResponse(
            {"detail": result.message, "outcome": result.outcome.value},
            status_code=_STATUS.get(result.outcome, 422),
        )
    return JSONResponse(session_document(session_id, session))
