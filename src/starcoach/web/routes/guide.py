"""The Guide: the seven prompts and their guidance, with the advice for a chosen role."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from starcoach.content import (
    CORE_QUESTION_IDS,
    GENERIC_QUESTION_ID,
    Question,
    Role,
    UnknownRoleError,
    load_content,
    resolve_role,
)
from starcoach.web import openapi
from starcoach.web.state import state

router = APIRouter(tags=["pages"])


def _role(name: str) -> Role | None:
    if not name:
        return None
    try:
        return resolve_role(name)
    except UnknownRoleError as exc:
        raise HTTPException(422, str(exc)) from None


def question_data(question: Question, role: Role | None) -> dict[str, Any]:
    """Return a prompt's guidance as JSON-ready data (role advice for `role`, or for every role)."""
    advice = (
        {role.id: question.role_advice[role.id]}
        if role is not None and role.id in question.role_advice
        else {}
        if role is not None
        else dict(question.role_advice)
    )
    return {
        "id": question.id,
        "title": question.title,
        "phrasings": list(question.phrasings),
        "why": question.why,
        "signal": question.signal,
        "structure": [
            {"id": s.id, "label": s.label, "guidance": s.guidance, "part": s.part}
            for s in question.structure
        ],
        "skeleton": question.skeleton,
        "example": question.example,
        "pitfalls": list(question.pitfalls),
        "follow_ups": list(question.follow_ups),
        "role_advice": advice,
        "target_seconds": list(question.target_seconds),
    }


def _roles() -> list[dict[str, str]]:
    return [{"id": r.id, "name": r.name, "focus": r.focus} for r in load_content().roles.values()]


@router.get("/guide.json", summary="The guide (JSON)", **openapi.data())
@router.get("/guide", summary="The guide to the seven prompts", **openapi.page())
def guide_page(request: Request, role: str = "") -> Response:
    """Show the seven prompts with their guidance; `role` narrows the advice to one role."""
    chosen = _role(role)
    content = load_content()
    ids = (*CORE_QUESTION_IDS, GENERIC_QUESTION_ID)
    data = {
        "role": chosen.id if chosen else None,
        "roles": _roles(),
        "questions": [question_data(content.questions[qid], chosen) for qid in ids],
    }
    return state(request).pages.respond(
        request, "guide.html", data, {"section": "guide", "title": "Guide"}
    )


@router.get("/guide/{question_id}", summary="One prompt's guidance", **openapi.page(not_found=True))
@router.get(
    "/guide/{question_id}.json",
    summary="One prompt's guidance (JSON)",
    **openapi.data(not_found=True),
)
def guide_question(request: Request, question_id: str, role: str = "") -> Response:
    """Show one prompt's guidance in full."""
    content = load_content()
    question = content.questions.get(question_id)
    if question is None:
        raise HTTPException(404, f"There is no prompt with id {question_id!r}.")
    chosen = _role(role)
    data = {
        "role": chosen.id if chosen else None,
        "roles": _roles(),
        **question_data(question, chosen),
    }
    role_names = {r.id: r.name for r in content.roles.values()}
    return state(request).pages.respond(
        request,
        "guide_question.html",
        data,
        {"section": "guide", "title": question.title, "role_names": role_names},
    )
