"""Interviewers: kits, candidates, the live notes page, the scorecard, the debrief and calibration.

The notes page saves by itself: the script posts every question's notes to
`POST /api/interviews/{id}/notes` a few seconds after typing stops (and keeps a copy in the browser's
localStorage until the server has it), and shows what the analyzer makes of them. Forms follow
post/redirect/get and carry a CSRF token like every other form of the app.

On a team server (`serve --team`) every route asks `starcoach.accounts.panels` first: an
interviewer reaches only the kits and candidates of the panels they sit on and only their own
interviews, the debrief follows the independence rule for the signed-in account (not a name typed
in), and only an admin builds kits. A local app skips those checks and works as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from starcoach.content import load_content
from starcoach.kit.calibration import calibrate
from starcoach.kit.content import LEVELS, calibration_set
from starcoach.kit.documents import calibration_document, debrief_document, kit_document
from starcoach.kit.errors import (
    CandidateNotFound,
    InterviewNotFound,
    KitConflict,
    KitError,
    KitNotFound,
    ScorecardHidden,
    ScorecardRefused,
)
from starcoach.kit.export import kit_html, kit_pdf
from starcoach.kit.kitfile import MAX_FILE_BYTES as MAX_KIT_BYTES
from starcoach.kit.kitfile import parse_kit, render_kit
from starcoach.kit.model import build_kit, kit_to_dict
from starcoach.kit.notes import MAX_NOTES_BYTES, analyze_notes, propose_quotes, read_transcript
from starcoach.kit.scorecard import (
    RECOMMENDATIONS,
    RatingInput,
    export_csv,
    export_json,
    scorecard_to_dict,
)
from starcoach.kit.service import Interview, KitService
from starcoach.web import openapi
from starcoach.web.forms import PostedForm, clean_text, read_form
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.pages import wants_json
from starcoach.web.state import WebState, state

if TYPE_CHECKING:
    from starcoach.accounts import Account
    from starcoach.accounts.panels import Panels

router = APIRouter(tags=["interviewers"])
_EXPIRED = "This form had expired (the server restarted, or the page is old). Nothing was saved; go back and submit it again."
_HEAD = {"section": "kits"}


def _service(web: WebState) -> KitService:
    return KitService(web.database())


def _see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


def _team(request: Request) -> tuple[Account, Panels] | None:
    """Return the signed-in account and the panel rules on a team server; None in the local app."""
    web = state(request)
    account: Account | None = getattr(request.state, "account", None)
    if web.team is None or account is None:
        return None
    from starcoach.accounts.panels import Panels

    return account, Panels(web.accounts())


def _allow(request: Request, check: Any) -> Account | None:
    """Run `check(account, panels)` on a team server (404 or 403 when it refuses); return the
    account, or None in the local app."""
    team = _team(request)
    if team is None:
        return None
    from starcoach.accounts.cohorts import NotAllowed, NotFound

    try:
        check(*team)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except NotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    return team[0]


def _admin_only(account: Account, _panels: Panels) -> None:
    from starcoach.accounts.cohorts import NotAllowed

    if not account.is_admin:
        raise NotAllowed("Only an admin builds or imports kits on this server.")


def _guard(action: Any) -> Any:
    try:
        return action()
    except (KitNotFound, CandidateNotFound, InterviewNotFound) as exc:
        raise HTTPException(404, str(exc)) from None
    except ScorecardHidden as exc:
        raise HTTPException(403, str(exc)) from None
    except KitError as exc:
        raise HTTPException(422, str(exc)) from None


async def _form(request: Request) -> PostedForm:
    form = await read_form(request, state(request).pages.secret)
    if not form.csrf_ok:
        raise HTTPException(403, _EXPIRED)
    return form


def _interview_data(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.id,
        "candidate_id": interview.candidate_id,
        "kit_id": interview.kit_id,
        "kit_version": interview.kit_version,
        "interviewer": interview.interviewer,
        "notes": interview.notes,
        "submitted": interview.submitted,
        "deadline": interview.deadline.isoformat(timespec="minutes")
        if interview.deadline
        else None,
    }


# --- kits --------------------------------------------------------------------------------------


@router.get("/kits", summary="Interview kits", **openapi.page())
def kits_page(request: Request) -> Response:
    """List the kits and the candidates, with the form to build a kit for a role.

    On a team server: the kits of the panels the account sits on (every kit for an admin)."""
    service = _service(state(request))
    team = _team(request)
    visible = team[1].kit_ids(team[0]) if team else None
    data = {
        "kits": [
            {"id": s.kit.id, "title": s.kit.title, "version": s.latest, "interviews": s.interviews}
            for s in service.kits()
            if visible is None or s.kit.id in visible
        ],
        "candidates": [
            {"id": c.id, "name": c.name, "kit_id": c.kit_id}
            for c in service.candidates()
            if visible is None or c.kit_id in visible
        ],
        "roles": [{"id": r.id, "name": r.name} for r in load_content().roles.values()],
    }
    context = {**_HEAD, "title": "Interview kits", "can_build": team is None or team[0].is_admin}
    return state(request).pages.respond(request, "kits/list.html", data, context)


@router.post("/kits", summary="Build a kit for a role", **openapi.page(form=True, conflict=True))
async def create_kit(request: Request) -> Response:
    """Build and store the kit for a role (an existing kit of that id is left as it is)."""
    form = await _form(request)
    _allow(request, _admin_only)
    role = form.text("role")
    hours = form.text("deadline_hours").strip()
    if hours and (not hours.isdigit() or not 1 <= int(hours) <= 24 * 60):
        raise HTTPException(422, "The deadline is a whole number of hours, from 1.")
    kit = _guard(lambda: build_kit(role, deadline_hours=int(hours) if hours else None))
    service = _service(state(request))
    try:
        service.kit(kit.id)
    except KitNotFound:
        service.save_kit(kit)
    if wants_json(request):
        return JSONResponse({"id": kit.id})
    return _see_other(f"/kits/{kit.id}")


@router.get("/kits/{kit_id}", summary="One kit", **openapi.page(not_found=True))
def kit_page(
    request: Request, kit_id: str, version: int | None = None, saved: str = ""
) -> Response:
    """Show a kit: the questions in order, what each listens for, time, the scale, red flags."""
    _allow(request, lambda account, panels: panels.kit(account, kit_id))
    service = _service(state(request))
    stored = _guard(lambda: service.kit(kit_id, version))
    data = kit_document(stored, service.candidates(kit_id))
    context = {
        **_HEAD,
        "title": stored.kit.title,
        "saved": saved if saved in ("created", "updated", "new_version", "unchanged") else "",
    }
    return state(request).pages.respond(request, "kits/kit.html", data, context)


@router.get("/kits/{kit_id}/print", summary="A kit, print-friendly", **openapi.page(not_found=True))
def kit_print(request: Request, kit_id: str, version: int | None = None) -> Response:
    """Return the kit as a print-friendly page."""
    _allow(request, lambda account, panels: panels.kit(account, kit_id))
    stored = _guard(lambda: _service(state(request)).kit(kit_id, version))
    return HTMLResponse(kit_html(stored.kit, stored.version))


@router.get(
    "/kits/{kit_id}/pdf",
    summary="A kit as PDF",
    **openapi.download("application/pdf", not_found=True),
)
def kit_pdf_route(request: Request, kit_id: str, version: int | None = None) -> Response:
    """Return the kit as a PDF."""
    _allow(request, lambda account, panels: panels.kit(account, kit_id))
    stored = _guard(lambda: _service(state(request)).kit(kit_id, version))
    body = _guard(lambda: kit_pdf(stored.kit, stored.version))
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "content-disposition": f'attachment; filename="{stored.kit.id}-v{stored.version}.pdf"'
        },
    )


@router.get(
    "/kits/{kit_id}/file",
    summary="A kit as its Markdown file, to edit",
    **openapi.download("text/markdown", not_found=True),
)
def kit_file(request: Request, kit_id: str, version: int | None = None) -> Response:
    """Return the kit file (front-matter Markdown) to edit and import again."""
    _allow(request, lambda account, panels: panels.kit(account, kit_id))
    stored = _guard(lambda: _service(state(request)).kit(kit_id, version))
    return Response(
        render_kit(stored.kit, stored.version),
        media_type="text/markdown",
        headers={"content-disposition": f'attachment; filename="{stored.kit.id}.md"'},
    )


@router.post(
    "/kit-files",
    summary="Import an edited kit file",
    **openapi.page(form=True, conflict=True),
)
async def import_kit(request: Request) -> Response:
    """Store an edited kit file: in place, or as a new version once interviews use the kit."""
    form = await _form(request)
    _allow(request, _admin_only)
    files = [f for f in form.files("file") if f.filename]
    if not files:
        raise HTTPException(422, "Choose a kit file (.md) to import.")
    raw = await files[0].read(MAX_KIT_BYTES + 1)
    name = files[0].filename or "the file"
    if len(raw) > MAX_KIT_BYTES or b"\x00" in raw:
        raise HTTPException(
            422, f"{name} is not a kit file (binary, or over {MAX_KIT_BYTES:,} bytes)."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(422, f"{name} is not UTF-8 text.") from None
    kit, version = _guard(lambda: parse_kit(text, name))
    try:
        outcome = _service(state(request)).save_kit(kit, base_version=version)
    except KitConflict as exc:
        raise HTTPException(409, str(exc)) from None
    if wants_json(request):
        return JSONResponse(
            {
                "id": outcome.kit_id,
                "version": outcome.version,
                "action": outcome.action,
                "message": outcome.message,
            }
        )
    return _see_other(f"/kits/{outcome.kit_id}?saved={outcome.action}")


@router.post(
    "/kits/{kit_id}/candidates",
    summary="Add a candidate",
    **openapi.page(form=True, not_found=True),
)
async def add_candidate(request: Request, kit_id: str) -> Response:
    """Add a candidate for the kit."""
    form = await _form(request)
    _allow(request, lambda account, panels: panels.kit(account, kit_id))
    cand = _guard(lambda: _service(state(request)).add_candidate(kit_id, form.text("name")))
    if wants_json(request):
        return JSONResponse({"id": cand.id})
    return _see_other(f"/candidates/{cand.id}")


# --- candidates and interviews -----------------------------------------------------------------


@router.get(
    "/candidates/{candidate_id}", summary="A candidate's panel", **openapi.page(not_found=True)
)
def candidate_page(request: Request, candidate_id: str) -> Response:
    """Show a candidate's interviews and the form to start one.

    On a team server each interview's notes are shown to its own interviewer only."""
    account = _allow(request, lambda account, panels: panels.candidate(account, candidate_id))
    service = _service(state(request))
    cand = _guard(lambda: service.candidate(candidate_id))
    interviews = [_interview_data(i) for i in service.interviews(candidate_id)]
    team = _team(request)
    if account is not None and team is not None:
        own = team[1].own_interview_ids(account)
        for item in interviews:
            item["own"] = item["id"] in own
            if not item["own"]:
                item["notes"] = {}
    data = {
        "candidate": {"id": cand.id, "name": cand.name, "kit_id": cand.kit_id},
        "interviews": interviews,
    }
    return state(request).pages.respond(
        request, "kits/candidate.html", data, {**_HEAD, "title": cand.name}
    )


@router.post(
    "/candidates/{candidate_id}/interviews",
    summary="Start an interview",
    **openapi.page(form=True, not_found=True, conflict=True),
)
async def start_interview(request: Request, candidate_id: str) -> Response:
    """Start the named interviewer's interview of the candidate (on a team server: the signed-in
    interviewer's own, under their name, for a candidate of a panel they sit on)."""
    form = await _form(request)
    account = _allow(
        request, lambda account, panels: panels.candidate(account, candidate_id, seated=True)
    )
    name = account.name if account is not None else form.text("interviewer")
    started = _guard(lambda: _service(state(request)).start_interview(candidate_id, name))
    team = _team(request)
    if account is not None and team is not None:
        team[1].claim(account, started.id)
    if wants_json(request):
        return JSONResponse({"id": started.id})
    return _see_other(f"/interviews/{started.id}")


@router.get(
    "/interviews/{interview_id}", summary="Live interview notes", **openapi.page(not_found=True)
)
def interview_page(request: Request, interview_id: str) -> Response:
    """The notes page: one box per question, saved as you type, with suggestions beside it."""
    _allow(request, lambda account, panels: panels.own_interview(account, interview_id))
    service = _service(state(request))
    interview = _guard(lambda: service.interview(interview_id))
    kit = service.interview_kit(interview)
    data = {
        "interview": _interview_data(interview),
        "kit": kit_to_dict(kit),
        "max_chars": MAX_NOTES_BYTES,
        "analysis": _analysis(kit, interview.notes),
    }
    return state(request).pages.respond(
        request,
        "kits/interview.html",
        data,
        {**_HEAD, "title": f"Interview notes: {interview.interviewer}"},
    )


def _analysis(kit: Any, notes: dict[str, str]) -> dict[str, Any]:
    out = {}
    for question in kit.questions:
        result = analyze_notes(kit, question.key, notes.get(question.key, ""))
        out[question.key] = {
            "abstained": result.abstained,
            "suggestions": [
                {"question": s.question, "reason": s.reason} for s in result.suggestions
            ],
            "marks": [
                {"id": m.id, "label": m.label, "found": m.found, "quote": m.quote, "note": m.note}
                for m in result.marks
            ],
        }
    return out


class NotesBody(BaseModel):
    """Notes to save: question key -> the text under it (other questions are kept)."""

    notes: dict[str, str] = Field(max_length=50)


@router.post(
    "/api/interviews/{interview_id}/notes",
    summary="Save notes and get the analysis back",
    **openapi.data(
        not_found=True,
        body=True,
        ok={
            "description": "Saved",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
    ),
)
def save_notes(request: Request, interview_id: str, body: NotesBody) -> Response:
    """Save notes (the page's autosave) and return what the analyzer makes of them."""
    _allow(request, lambda account, panels: panels.own_interview(account, interview_id))
    service = _service(state(request))
    notes = {k: clean_text(v) for k, v in body.notes.items()}
    saved = _guard(lambda: service.save_notes(interview_id, notes))
    kit = service.interview_kit(saved)
    return JSONResponse(
        {
            "saved": sorted(notes),
            "analysis": _analysis(kit, saved.notes),
            "submitted": saved.submitted,
        }
    )


@router.post(
    "/interviews/{interview_id}/import",
    summary="Import notes from a transcript file",
    **openapi.page(form=True, not_found=True),
)
async def import_notes(request: Request, interview_id: str) -> Response:
    """Add the words of a VTT, SRT or text transcript to the notes under one question."""
    form = await _form(request)
    _allow(request, lambda account, panels: panels.own_interview(account, interview_id))
    service = _service(state(request))
    interview = _guard(lambda: service.interview(interview_id))
    files = [f for f in form.files("file") if f.filename]
    if not files:
        raise HTTPException(422, "Choose a transcript file (.vtt, .srt or .txt) to import.")
    raw = await files[0].read(MAX_NOTES_BYTES + 1)
    text = _guard(lambda: read_transcript(raw, files[0].filename or "the file"))
    key = form.text("question")
    before = interview.notes.get(key, "").rstrip()
    _guard(lambda: service.save_notes(interview_id, {key: f"{before}\n{text}" if before else text}))
    if wants_json(request):
        return JSONResponse({"imported": len(text)})
    return _see_other(f"/interviews/{interview_id}")


# --- scorecards --------------------------------------------------------------------------------


def _scorecard_page(
    request: Request,
    interview_id: str,
    problems: list[str],
    values: dict[str, Any],
    status: int = 200,
) -> Response:
    service = _service(state(request))
    interview = _guard(lambda: service.interview(interview_id))
    kit = service.interview_kit(interview)
    proposals = propose_quotes(kit, interview.notes)
    own = service.own_scorecard(interview_id)
    data = {
        "interview": _interview_data(interview),
        "kit": kit_to_dict(kit),
        "levels": list(LEVELS),
        "proposals": {
            dim: [{"question": q.question, "quote": q.text} for q in quotes]
            for dim, quotes in proposals.items()
        },
        "recommendations": [{"id": k, "label": v} for k, v in RECOMMENDATIONS.items()],
        "problems": problems,
        "values": values,
        "scorecard": scorecard_to_dict(own) if own else None,
    }
    return state(request).pages.respond(
        request, "kits/scorecard.html", data, {**_HEAD, "title": "Scorecard"}, status
    )


@router.get(
    "/interviews/{interview_id}/scorecard", summary="The scorecard", **openapi.page(not_found=True)
)
def scorecard_page(request: Request, interview_id: str) -> Response:
    """Rate each dimension with quotes from the notes; the level criteria are on the page."""
    _allow(request, lambda account, panels: panels.own_interview(account, interview_id))
    return _scorecard_page(request, interview_id, [], {})


@router.post(
    "/interviews/{interview_id}/scorecard",
    summary="Submit the scorecard",
    **openapi.page(form=True, not_found=True, conflict=True),
)
async def submit_scorecard(request: Request, interview_id: str) -> Response:
    """Submit the scorecard; a score without a quote is refused and the form comes back as typed."""
    form = await _form(request)
    _allow(request, lambda account, panels: panels.own_interview(account, interview_id))
    service = _service(state(request))
    interview = _guard(lambda: service.interview(interview_id))
    kit = service.interview_kit(interview)
    ratings = {}
    values: dict[str, Any] = {
        "recommendation": form.text("recommendation"),
        "reason": form.text("reason"),
    }
    for dim in kit.dimensions:
        score = form.text(f"score_{dim.id}")
        chosen = [v for v in form.data.getlist(f"quote_{dim.id}") if isinstance(v, str)]
        typed = [
            line
            for line in clean_text(form.text(f"own_quote_{dim.id}")).split("\n")
            if line.strip()
        ]
        values[dim.id] = {"score": score, "quotes": chosen, "own": form.text(f"own_quote_{dim.id}")}
        if score:
            ratings[dim.id] = RatingInput(score, tuple(chosen + typed))
    try:
        card = service.submit_scorecard(
            interview_id, ratings, form.text("recommendation"), clean_text(form.text("reason"))
        )
    except ScorecardRefused as exc:
        if wants_json(request):
            return JSONResponse({"detail": exc.problems}, status_code=422)
        return _scorecard_page(request, interview_id, exc.problems, values, 422)
    if wants_json(request):
        return JSONResponse(scorecard_to_dict(card))
    return _see_other(
        f"/candidates/{interview.candidate_id}/debrief?viewer={interview.interviewer}"
    )


# --- debrief and exports -----------------------------------------------------------------------


def _team_viewer(request: Request, candidate_id: str, what: str) -> str:
    """On a team server, check the independence rule for the signed-in account and return the
    interviewer name its own interview goes by ("" when it has none); log the view of the
    scorecards. In the local app, return ""."""
    account = _allow(request, lambda account, panels: panels.candidate(account, candidate_id))
    team = _team(request)
    if account is None or team is None:
        return ""
    panels = team[1]
    own = panels.interview_of(account, candidate_id)
    if own is not None and not own[1]:
        raise HTTPException(
            403,
            f"{account.name}, submit your own scorecard first: the others' scores stay hidden "
            "until yours is in, so your rating is your own",
        )
    viewer = ""
    if own is not None:
        viewer = _service(state(request)).interview(own[0]).interviewer
    _guard(lambda: _service(state(request)).panel(candidate_id, viewer or None))
    panels.viewed_scorecards(account, candidate_id, what)
    return viewer


def _hidden(options: dict[str, Any]) -> dict[str, Any]:
    """Document the 403 of a route that shows scores only once the viewer may see them."""
    options["responses"][403] = {
        "description": "Hidden until the viewer's own scorecard is in (or the whole panel's).",
        "content": options["responses"][404]["content"],
    }
    return options


_DEBRIEF = _hidden(openapi.page(not_found=True))


@router.get("/candidates/{candidate_id}/debrief", summary="The panel debrief", **_DEBRIEF)
def debrief(request: Request, candidate_id: str, viewer: str = "") -> Response:
    """The panel's scores combined before discussion, disagreements with both sides' evidence.

    On a team server the viewer is the signed-in account (the `viewer` parameter is ignored)."""
    viewer = _team_viewer(request, candidate_id, "debrief") or viewer
    service = _service(state(request))
    panel = _guard(lambda: service.panel(candidate_id, viewer or None))
    context = {
        **_HEAD,
        "title": f"Debrief: {panel.candidate.name}",
        "labels": RECOMMENDATIONS,
        "viewer": viewer,
    }
    return state(request).pages.respond(
        request, "kits/debrief.html", debrief_document(panel), context
    )


@router.get(
    "/candidates/{candidate_id}/scorecards.json",
    summary="A candidate's scorecards (JSON, docs/schema.md)",
    **_hidden(openapi.data(not_found=True)),
)
def scorecards_json(request: Request, candidate_id: str) -> Response:
    """Export every submitted scorecard of a candidate as JSON."""
    _team_viewer(request, candidate_id, "scorecards.json")
    cand, cards = _guard(lambda: _service(state(request)).export_cards(candidate_id))
    return JSONResponse(export_json({"id": cand.id, "name": cand.name, "kit": cand.kit_id}, cards))


@router.get(
    "/candidates/{candidate_id}/scorecards.csv",
    summary="A candidate's scorecards (CSV)",
    **_hidden(openapi.download("text/csv", not_found=True)),
)
def scorecards_csv(request: Request, candidate_id: str) -> Response:
    """Export every submitted scorecard of a candidate as CSV, one row per rating."""
    _team_viewer(request, candidate_id, "scorecards.csv")
    cand, cards = _guard(lambda: _service(state(request)).export_cards(candidate_id))
    body = export_csv({"id": cand.id, "name": cand.name}, cards)
    return Response(
        body,
        media_type="text/csv",
        headers={"content-disposition": f'attachment; filename="scorecards-{cand.id}.csv"'},
    )


# --- calibration -------------------------------------------------------------------------------


def _calibrates(account: Account, _panels: Panels) -> None:
    from starcoach.accounts.cohorts import NotAllowed

    if account.role not in ("interviewer", "admin"):
        raise NotAllowed("The calibration exercise is for interviewers.")


@router.get("/calibration", summary="The calibration exercise", **openapi.page())
def calibration_page(request: Request) -> Response:
    """The bundled sample answers to rate, and every interviewer's bias and agreement."""
    _allow(request, _calibrates)
    exercise = calibration_set()
    ratings = _service(state(request)).calibration_ratings()
    data = calibration_document(exercise, _guard(lambda: calibrate(exercise, ratings)))
    return state(request).pages.respond(
        request, "kits/calibration.html", data, {**_HEAD, "title": "Calibration"}
    )


@router.post("/calibration", summary="Rate a calibration sample", **openapi.page(form=True))
async def rate_sample(request: Request) -> Response:
    """Store one interviewer's scores of one sample answer."""
    form = await _form(request)
    account = _allow(request, _calibrates)
    exercise = calibration_set()
    scores: dict[str, int | None] = {}
    for dim in exercise.dimensions:
        value = form.text(f"score_{dim}")
        if value in ("1", "2", "3", "4", "5"):
            scores[dim] = int(value)
        elif value == "none":
            scores[dim] = None
    if not scores:
        raise HTTPException(422, "Rate at least one dimension.")
    name = account.name if account is not None else form.text("interviewer")
    _guard(lambda: _service(state(request)).rate_sample(name, form.text("sample"), scores))
    if wants_json(request):
        return JSONResponse({"saved": len(scores)})
    return _see_other("/calibration#results")
