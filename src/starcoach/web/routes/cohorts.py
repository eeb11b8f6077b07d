"""Team mode's cohorts and sharing: a coach's cohort pages, a candidate's sharing page.

Only a team app includes this router. Who may see what is decided by `starcoach.accounts.cohorts`;
these routes turn its answers into pages and JSON: something the account may not see is a 404, an
action it may not take on something it can see a 403. Every view of a candidate's data by a coach
(their progress, a shared story) is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from starcoach.accounts.cohorts import Cohort, Cohorts, Member, cohort_summary
from starcoach.content import load_content
from starcoach.practice.documents import progress_document
from starcoach.practice.history import rule_label
from starcoach.stories.model import story_to_dict
from starcoach.web import openapi
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.pages import wants_json
from starcoach.web.state import WebState, state
from starcoach.web.teamroutes import account_guard, checked_form, signed_in

router = APIRouter(tags=["cohorts"])

_HEAD = {"section": "cohorts"}


def _cohorts(web: WebState) -> Cohorts:
    return Cohorts(web.accounts())


def _see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


def _people(members: tuple[Member, ...]) -> list[dict[str, Any]]:
    return [{"account_id": m.account_id, "login": m.login, "name": m.name} for m in members]


def _cohort_data(cohort: Cohort) -> dict[str, Any]:
    return {
        "id": cohort.id,
        "name": cohort.name,
        "coaches": _people(cohort.coaches),
        "candidates": _people(cohort.candidates),
    }


# --- the list of cohorts -----------------------------------------------------------------------


@router.get("/cohorts", summary="Your cohorts", **openapi.page())
@router.get("/cohorts.json", summary="Your cohorts (JSON)", **openapi.data())
def cohorts_page(request: Request) -> Response:
    """The cohorts an admin manages (all) or a coach runs, and the ones a candidate is in."""
    account = signed_in(request)
    cohorts = _cohorts(state(request))
    data = {
        "can_create": account.is_admin or account.role == "coach",
        "cohorts": [_cohort_data(c) for c in cohorts.visible(account)],
        "joined": [
            {"id": c.id, "name": c.name, "coaches": [m.name for m in c.coaches]}
            for c in cohorts.joined(account)
        ],
    }
    return state(request).pages.respond(
        request, "cohorts/list.html", data, {**_HEAD, "title": "Cohorts"}
    )


@router.post("/cohorts", summary="Create a cohort", **openapi.page(form=True))
async def create_cohort(request: Request) -> Response:
    """Create a cohort (an admin or a coach); a coach who creates it runs it."""
    account = signed_in(request)
    form = await checked_form(request)
    cohorts = _cohorts(state(request))
    cohort = account_guard(lambda: cohorts.create(account, form.text("name"), form.text("coach")))
    if wants_json(request):
        return JSONResponse({"id": cohort.id}, status_code=201)
    return _see_other(f"/cohorts/{cohort.id}")


# --- one cohort --------------------------------------------------------------------------------


@router.get(
    "/cohorts/{cohort_id}",
    summary="A cohort: who practised, recurring findings, dimensions to work on",
    **openapi.page(not_found=True),
)
@router.get(
    "/cohorts/{cohort_id}.json",
    summary="A cohort: who practised, recurring findings, dimensions to work on (JSON)",
    **openapi.data(not_found=True),
)
def cohort_page(request: Request, cohort_id: int, invited: str = "") -> Response:
    """The cohort's members; for its coaches also who practised (sessions, last practice), the
    findings that recur across the cohort (counts by rule) and the dimensions to work on (median
    scores). An admin manages the members but sees no one's practice."""
    account = signed_in(request)
    web = state(request)
    cohorts = _cohorts(web)
    cohort: Cohort = account_guard(lambda: cohorts.get(account, cohort_id))
    content = load_content()
    data: dict[str, Any] = {"cohort": _cohort_data(cohort), "coach_view": cohort.runs(account)}
    if cohort.runs(account):
        practice = {}
        sessions = {}
        for member in cohort.candidates:
            store = web.attempts(member.user_id)
            practice[member.account_id] = store.attempts()
            sessions[member.account_id] = len(store.sessions())
        summary = cohort_summary(cohort, practice, sessions)
        for finding in summary["findings"]:
            finding["label"] = rule_label(finding["rule_id"], finding["rule_id"])
        for dimension in summary["dimensions"]:
            dimension["name"] = content.dimensions[dimension["dimension"]].name
        data["summary"] = summary
        cohorts.viewed(
            account, cohort.candidates, "viewed_cohort", f"practice summary of cohort {cohort.id}"
        )
    context = {
        **_HEAD,
        "title": cohort.name,
        "invited": invited if invited.startswith("/signup/") else "",
        "can_add_coach": account.is_admin,
    }
    return web.pages.respond(request, "cohorts/cohort.html", data, context)


@router.post(
    "/cohorts/{cohort_id}/members",
    summary="Add an account to a cohort by login",
    **openapi.page(form=True, not_found=True),
)
async def add_member(request: Request, cohort_id: int) -> Response:
    """Add a candidate (an admin or a coach of the cohort) or a coach (an admin) by login."""
    account = signed_in(request)
    form = await checked_form(request)
    cohorts = _cohorts(state(request))
    member = account_guard(lambda: cohorts.add(account, cohort_id, form.text("login")))
    if wants_json(request):
        return JSONResponse({"account_id": member.account_id, "role": member.role})
    return _see_other(f"/cohorts/{cohort_id}")


@router.post(
    "/cohorts/{cohort_id}/members/{account_id}/remove",
    summary="Take an account out of a cohort",
    **openapi.page(form=True, not_found=True),
)
async def remove_member(request: Request, cohort_id: int, account_id: int) -> Response:
    """Remove a candidate (an admin or a coach of the cohort) or a coach (an admin)."""
    account = signed_in(request)
    await checked_form(request)
    cohorts = _cohorts(state(request))
    account_guard(lambda: cohorts.remove(account, cohort_id, account_id))
    if wants_json(request):
        return JSONResponse({"removed": account_id})
    return _see_other(f"/cohorts/{cohort_id}")


@router.post(
    "/cohorts/{cohort_id}/invitations",
    summary="Create a sign-up link for a new candidate of the cohort",
    **openapi.page(form=True, not_found=True),
)
async def invite_candidate(request: Request, cohort_id: int) -> Response:
    """Create a one-time sign-up link whose new account joins the cohort as a candidate."""
    account = signed_in(request)
    await checked_form(request)
    web = state(request)
    cohort: Cohort = account_guard(lambda: _cohorts(web).get(account, cohort_id))
    token = web.accounts().invite(
        "candidate", created_by=account.id, cohort_id=cohort.id, address=_address(request)
    )
    link = f"/signup/{token}"
    if wants_json(request):
        return JSONResponse({"link": link}, status_code=201)
    return _see_other(f"/cohorts/{cohort_id}?invited={link}")


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


# --- a coach's view of one candidate ------------------------------------------------------------


@router.get(
    "/cohorts/{cohort_id}/members/{account_id}",
    summary="A candidate's progress and shared stories, for their coach",
    **openapi.page(not_found=True),
)
@router.get(
    "/cohorts/{cohort_id}/members/{account_id}.json",
    summary="A candidate's progress and shared stories, for their coach (JSON)",
    **openapi.data(not_found=True),
)
def member_page(request: Request, cohort_id: int, account_id: int) -> Response:
    """A candidate's practice progress and the stories they share, for a coach of their cohort."""
    coach = signed_in(request)
    web = state(request)
    cohorts = _cohorts(web)
    member: Member = account_guard(lambda: cohorts.coached(coach, cohort_id, account_id))
    progress = progress_document(web.attempts(member.user_id).attempts())
    stories = cohorts.shared_stories(member)
    cohorts.viewed(coach, [member], "viewed_progress", f"progress, in cohort {cohort_id}")
    data = {
        "cohort_id": cohort_id,
        "candidate": {"account_id": member.account_id, "login": member.login, "name": member.name},
        "progress": progress,
        "shared_stories": [{"id": s.id, "title": s.title} for s in stories],
    }
    content = load_content()
    context = {
        **_HEAD,
        "title": member.name,
        "question_titles": {q.id: q.title for q in content.questions.values()},
        "dimension_names": {d.id: d.name for d in content.dimensions.values()},
    }
    return web.pages.respond(request, "cohorts/member.html", data, context)


@router.get(
    "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}",
    summary="A story a candidate shares, for their coach",
    **openapi.page(not_found=True),
)
@router.get(
    "/cohorts/{cohort_id}/members/{account_id}/stories/{story_id}.json",
    summary="A story a candidate shares, for their coach (JSON)",
    **openapi.data(not_found=True),
)
def shared_story_page(request: Request, cohort_id: int, account_id: int, story_id: str) -> Response:
    """One shared story of a candidate of a cohort the coach runs; 404 when it is not shared."""
    coach = signed_in(request)
    web = state(request)
    cohorts = _cohorts(web)
    member: Member = account_guard(lambda: cohorts.coached(coach, cohort_id, account_id))
    story = account_guard(lambda: cohorts.shared_story(member, story_id))
    cohorts.viewed(coach, [member], "viewed_story", f"story {story.id}, in cohort {cohort_id}")
    data = {
        "cohort_id": cohort_id,
        "candidate": {"account_id": member.account_id, "name": member.name},
        "story": story_to_dict(story),
    }
    return web.pages.respond(request, "cohorts/story.html", data, {**_HEAD, "title": story.title})


# --- a candidate's sharing ----------------------------------------------------------------------


@router.get("/sharing", summary="What you share with your coaches", **openapi.page())
@router.get("/sharing.json", summary="What you share with your coaches (JSON)", **openapi.data())
def sharing_page(request: Request) -> Response:
    """Your stories, each shared with your cohorts' coaches or not, and who those coaches are."""
    account = signed_in(request)
    web = state(request)
    cohorts = _cohorts(web)
    shared = cohorts.shared_ids(account)
    data = {
        "cohorts": [
            {"id": c.id, "name": c.name, "coaches": [m.name for m in c.coaches]}
            for c in cohorts.joined(account)
        ],
        "stories": [
            {"id": s.id, "title": s.title, "shared": s.id in shared}
            for s in web.stories(account.user_id).all()
        ],
    }
    return web.pages.respond(request, "cohorts/sharing.html", data, {**_HEAD, "title": "Sharing"})


@router.post(
    "/sharing/stories/{story_id}",
    summary="Share a story with your coaches, or stop sharing it",
    **openapi.page(form=True, not_found=True),
)
async def share_story(request: Request, story_id: str) -> Response:
    """Share (`shared=1`) or stop sharing (`shared=0`) one of your stories."""
    account = signed_in(request)
    form = await checked_form(request)
    shared = form.text("shared") == "1"
    account_guard(lambda: _cohorts(state(request)).share(account, story_id, shared))
    if wants_json(request):
        return JSONResponse({"id": story_id, "shared": shared})
    return _see_other("/sharing")
