"""Team mode's hiring panels: an admin creates the panel for a kit and seats interviewers; the
panel's page lists its candidates, and its debrief page combines each candidate's scorecards as far
as the signed-in account may see them (the independence rule, per account).

Only a team app includes this router; who may see what is decided by `starcoach.accounts.panels`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from starcoach.accounts.panels import KIT_OWNER, HiringPanel, Panels
from starcoach.kit.documents import debrief_document
from starcoach.kit.errors import ScorecardHidden
from starcoach.kit.scorecard import RECOMMENDATIONS
from starcoach.kit.service import KitService
from starcoach.web import openapi
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.pages import wants_json
from starcoach.web.state import WebState, state
from starcoach.web.teamroutes import account_guard, checked_form, signed_in

router = APIRouter(tags=["panels"])

_HEAD = {"section": "kits"}


def _panels(web: WebState) -> Panels:
    return Panels(web.accounts())


def _panel_data(panel: HiringPanel) -> dict[str, Any]:
    return {
        "id": panel.id,
        "name": panel.name,
        "kit_id": panel.kit_id,
        "interviewers": [
            {"account_id": m.account_id, "login": m.login, "name": m.name} for m in panel.members
        ],
    }


@router.get("/panels", summary="Hiring panels", **openapi.page())
@router.get("/panels.json", summary="Hiring panels (JSON)", **openapi.data())
def panels_page(request: Request) -> Response:
    """Every panel for an admin (with the form to create one); the panels you sit on otherwise."""
    account = signed_in(request)
    web = state(request)
    data = {
        "can_create": account.is_admin,
        "panels": [_panel_data(p) for p in _panels(web).visible(account)],
        "kits": [s.kit.id for s in KitService(web.database(), KIT_OWNER).kits()]
        if account.is_admin
        else [],
    }
    return web.pages.respond(request, "panels/list.html", data, {**_HEAD, "title": "Hiring panels"})


@router.post("/panels", summary="Create the hiring panel for a kit", **openapi.page(form=True))
async def create_panel(request: Request) -> Response:
    """Create the panel for a kit (an admin's action)."""
    account = signed_in(request)
    form = await checked_form(request)
    panels = _panels(state(request))
    panel = account_guard(lambda: panels.create(account, form.text("name"), form.text("kit")))
    if wants_json(request):
        return JSONResponse({"id": panel.id}, status_code=201)
    return RedirectResponse(f"/panels/{panel.id}", status_code=303)


@router.get("/panels/{panel_id}", summary="A hiring panel", **openapi.page(not_found=True))
@router.get(
    "/panels/{panel_id}.json", summary="A hiring panel (JSON)", **openapi.data(not_found=True)
)
def panel_page(request: Request, panel_id: int) -> Response:
    """The panel's interviewers and the candidates of its kit."""
    account = signed_in(request)
    web = state(request)
    panel: HiringPanel = account_guard(lambda: _panels(web).get(account, panel_id))
    candidates = KitService(web.database(), KIT_OWNER).candidates(panel.kit_id)
    data = {
        "panel": _panel_data(panel),
        "candidates": [{"id": c.id, "name": c.name} for c in candidates],
        "can_manage": account.is_admin,
    }
    return web.pages.respond(request, "panels/panel.html", data, {**_HEAD, "title": panel.name})


@router.post(
    "/panels/{panel_id}/members",
    summary="Seat an interviewer on a panel",
    **openapi.page(form=True, not_found=True),
)
async def add_member(request: Request, panel_id: int) -> Response:
    """Seat an interviewer (or an admin) on the panel by login (an admin's action)."""
    account = signed_in(request)
    form = await checked_form(request)
    seat = account_guard(lambda: _panels(state(request)).add(account, panel_id, form.text("login")))
    if wants_json(request):
        return JSONResponse({"account_id": seat.account_id})
    return RedirectResponse(f"/panels/{panel_id}", status_code=303)


@router.post(
    "/panels/{panel_id}/members/{account_id}/remove",
    summary="Take an interviewer off a panel",
    **openapi.page(form=True, not_found=True),
)
async def remove_member(request: Request, panel_id: int, account_id: int) -> Response:
    """Take an interviewer off the panel (an admin's action); their interviews stay."""
    account = signed_in(request)
    await checked_form(request)
    account_guard(lambda: _panels(state(request)).remove(account, panel_id, account_id))
    if wants_json(request):
        return JSONResponse({"removed": account_id})
    return RedirectResponse(f"/panels/{panel_id}", status_code=303)


@router.get(
    "/panels/{panel_id}/debrief", summary="A panel's debrief", **openapi.page(not_found=True)
)
@router.get(
    "/panels/{panel_id}/debrief.json",
    summary="A panel's debrief (JSON)",
    **openapi.data(not_found=True),
)
def panel_debrief(request: Request, panel_id: int) -> Response:
    """Every candidate of the panel: the combined scores where the signed-in account may see
    them, and otherwise why not (submit your own scorecard first, or the panel is not done)."""
    account = signed_in(request)
    web = state(request)
    panels = _panels(web)
    panel: HiringPanel = account_guard(lambda: panels.get(account, panel_id))
    service = KitService(web.database(), KIT_OWNER)
    entries = []
    for cand in service.candidates(panel.kit_id):
        own = panels.interview_of(account, cand.id)
        entry: dict[str, Any] = {"candidate": {"id": cand.id, "name": cand.name}}
        if own is not None and not own[1]:
            entry["hidden"] = "Submit your own scorecard for this candidate first."
        else:
            viewer = service.interview(own[0]).interviewer if own is not None else None
            try:
                entry["debrief"] = debrief_document(service.panel(cand.id, viewer))
            except ScorecardHidden as exc:
                entry["hidden"] = str(exc)
            else:
                panels.viewed_scorecards(account, cand.id, f"panel {panel.id} debrief")
        entries.append(entry)
    data = {"panel": _panel_data(panel), "candidates": entries}
    context = {**_HEAD, "title": f"Debrief: {panel.name}", "labels": RECOMMENDATIONS}
    return web.pages.respond(request, "panels/debrief.html", data, context)
