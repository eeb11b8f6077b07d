"""Stories: the list, a story with its checks, the form to create and edit one, the coverage map,
drafts per prompt, and import/export of story files.

Every write follows post/redirect/get, so reloading a page never repeats it, and carries a form id, so
the same form posted twice acts once.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, create_model
from starlette.concurrency import run_in_threadpool

from starcoach.content import CORE_QUESTION_IDS, get_question
from starcoach.storage.errors import DuplicateStory, StoryChanged, StoryNotFound
from starcoach.stories.errors import Problem, StoryInvalid
from starcoach.stories.model import (
    FIELD_BY_NAME,
    FIELDS,
    FRONT_MATTER_FIELDS,
    ID_PATTERN,
    MAX_ID_CHARS,
    TEXT_FIELDS,
    Story,
    story_from_dict,
    story_to_dict,
)
from starcoach.web import openapi
from starcoach.web.forms import FORM_ID_FIELD, PostedForm, read_form
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.pages import wants_json
from starcoach.web.routes.check import report_context
from starcoach.web.state import WebState, new_form_id, owner_of, state
from starcoach.web.storyform import (
    errors_by_field,
    field_label,
    form_context,
    form_field,
    parse_story_form,
    story_differences,
    story_field_checks,
    story_fields_shown,
)

router = APIRouter(tags=["stories"])

MAX_IMPORT_FILES = 20
VERSION_FIELD = "version"
"""The edit form's hidden field (and the JSON body's key) with the version of the story it loaded."""
_EXPIRED = "This form had expired (the server restarted, or the page is old). Nothing was saved; your text is kept below, so save again."


def _valid_id(story_id: str) -> str:
    # An id that cannot exist gets the same 404 as an unknown one, before any database work.
    if len(story_id) > MAX_ID_CHARS or ID_PATTERN.match(story_id) is None:
        raise HTTPException(404, f"There is no story with id {story_id!r}.")
    return story_id


def _see_other(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


# --- list --------------------------------------------------------------------------------------


@router.get("/stories.json", summary="Your stories (JSON)", **openapi.data())
@router.get("/stories", summary="Your stories", **openapi.page())
def list_stories(request: Request) -> Response:
    """List the stories, the anchor first."""
    from starcoach.stories.documents import story_list_document

    stories = state(request).stories(owner_of(request)).all()
    data = story_list_document(stories)
    return state(request).pages.respond(
        request, "stories/list.html", data, {"section": "stories", "title": "Stories"}
    )


# --- coverage map ------------------------------------------------------------------------------


@router.get("/stories/coverage.json", summary="The coverage map (JSON)", **openapi.data())
@router.get("/stories/coverage", summary="The coverage map of the seven prompts", **openapi.page())
def coverage(request: Request) -> Response:
    """Map the seven prompts against the stories: the best story for each and what it lacks."""
    from starcoach.stories.coverage import coverage_map
    from starcoach.stories.documents import coverage_document

    stories = state(request).stories(owner_of(request)).all()
    data = coverage_document(coverage_map(stories), stories)
    return state(request).pages.respond(
        request, "stories/coverage.html", data, {"section": "stories", "title": "Coverage map"}
    )


# --- import and export -------------------------------------------------------------------------


@router.get(
    "/stories/export",
    summary="Download every story as Markdown files in a zip",
    **openapi.download("application/zip"),
)
def export_all(request: Request) -> Response:
    """Return a zip of every story file, one Markdown file per story."""
    from starcoach.storage.storyfile import render_story

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for story in state(request).stories(owner_of(request)).all():
            archive.writestr(f"{story.id}.md", render_story(story))
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"content-disposition": 'attachment; filename="starcoach-stories.zip"'},
    )


@router.get("/stories/import", summary="The story import form", **openapi.page())
def import_form(request: Request) -> Response:
    """Show the form to upload story files."""
    return state(request).pages.html(
        request,
        "stories/import.html",
        {
            "section": "stories",
            "title": "Import stories",
            "form_id": new_form_id(),
            "problems": [],
            "replace": False,
        },
    )


@router.post(
    "/stories/import", summary="Import story files", **openapi.page(conflict=True, form=True)
)
async def import_files(request: Request) -> Response:
    """Read uploaded story files and store them all, or none when any is invalid."""
    from starcoach.storage.storyfile import MAX_FILE_BYTES, parse_story

    web = state(request)
    form = await read_form(request, web.pages.secret)
    replace = form.text("replace") in ("on", "true", "1")
    form_id = form.text(FORM_ID_FIELD)

    def again(problems: list[str], status: int) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=status)
        context = {
            "section": "stories",
            "title": "Import stories",
            "form_id": form_id or new_form_id(),
            "problems": problems,
            "replace": replace,
        }
        return web.pages.html(request, "stories/import.html", context, status)

    if not form.csrf_ok:
        return again(
            [
                _EXPIRED.replace(
                    " your text is kept below, so save again.", " choose the files again."
                )
            ],
            403,
        )
    done = web.recent.get(form_id)
    if done is not None:
        return _see_other(done)
    files = [f for f in form.files("files") if f.filename]
    if not files:
        return again(["Choose one or more story files (.md) to import."], 422)
    if len(files) > MAX_IMPORT_FILES:
        return again([f"Import at most {MAX_IMPORT_FILES} files at a time."], 413)
    stories: list[Story] = []
    problems: list[str] = []
    for upload in files:
        name = upload.filename or "upload"
        raw = await upload.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            problems.append(f"{name}: the file is over the limit of {MAX_FILE_BYTES:,} bytes")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8 text (is it a story file?)")
            continue
        try:
            # Off the event loop: a large file must not hold up other requests while it parses.
            stories.append(await run_in_threadpool(parse_story, text, source=name))
        except StoryInvalid as exc:
            problems.extend(p.describe(name) for p in exc.problems)
    if problems:
        return again(problems, 422)
    try:
        stored = web.stories(owner_of(request)).add_many(stories, replace=replace)
    except DuplicateStory as exc:
        ids = ", ".join(exc.story_ids)
        return again(
            [
                f"A story with the id {ids} already exists. Tick “Replace stories with the same id” to overwrite it."
            ],
            409,
        )
    except StoryInvalid as exc:
        return again([p.describe() for p in exc.problems], 422)
    if wants_json(request):
        return JSONResponse({"imported": [s.id for s in stored]})
    location = f"/stories?imported={len(stored)}"
    web.recent.remember(form_id, location)
    return _see_other(location)


# --- create ------------------------------------------------------------------------------------


def _form_page(
    request: Request,
    story: Story,
    *,
    action: str,
    heading: str,
    form_id: str,
    problems: list[Problem] | tuple[Problem, ...] = (),
    status: int = 200,
    checks: dict[str, list[dict[str, Any]]] | None = None,
    original_id: str | None = None,
    version: str = "",
    conflict: StoryChanged | None = None,
) -> Response:
    web = state(request)
    if wants_json(request) and conflict is not None:
        return _conflict_json(conflict, story)
    if wants_json(request) and problems:
        detail = [{"field": p.field, "message": p.message} for p in problems]
        return JSONResponse({"detail": detail}, status_code=status)
    context = {
        "section": "stories",
        "title": heading,
        "heading": heading,
        "story": story,
        "action": action,
        "form_id": form_id,
        "errors": errors_by_field(list(problems)),
        "problems": [
            {
                "field": p.field,
                "anchor": form_field(p.field) or "main",
                "label": field_label(p.field) if p.field else "",
                "message": p.message,
            }
            for p in problems
        ],
        "checks": checks or {},
        "original_id": original_id,
        "version": conflict.version if conflict is not None else version,
        "conflict": None
        if conflict is None
        else {
            "theirs": conflict.current,
            "differences": story_differences(conflict.current, story),
            "theirs_fields": story_fields_shown(conflict.current),
        },
        **form_context(story),
    }
    return web.pages.html(request, "stories/form.html", context, status)


@router.get("/stories/new", summary="The form for a new story", **openapi.page())
def new_story(request: Request) -> Response:
    """Show an empty story form with the guidance for each field."""
    return _form_page(
        request,
        Story(id="", title=""),
        action="/stories",
        heading="New story",
        form_id=new_form_id(),
    )


@router.post(
    "/stories", summary="Create a story from the form", **openapi.page(conflict=True, form=True)
)
async def create_story(request: Request) -> Response:
    """Store a new story; on a problem, show the form again with everything typed and what to fix."""
    web = state(request)
    form = await read_form(request, web.pages.secret)
    form_id = form.text(FORM_ID_FIELD)
    store = web.stories(owner_of(request))
    parsed = parse_story_form(form, "")
    if not form.csrf_ok:
        return _form_page(
            request,
            parsed.story,
            action="/stories",
            heading="New story",
            form_id=form_id,
            problems=[Problem(_EXPIRED)],
            status=403,
        )
    done = web.recent.get(form_id)
    if done is not None:
        return _see_other(done)
    title = parsed.story.title.strip()
    story = parsed.story.replace(id=store.free_id(title) if title else "story")
    problems = list(parsed.problems)
    saved: Story | None = None
    if not problems:
        saved, problems = _save(web, owner_of(request), story, None)
    if saved is None:
        return _form_page(
            request,
            story,
            action="/stories",
            heading="New story",
            form_id=form_id,
            problems=problems,
            status=422,
        )
    location = f"/stories/{saved.id}"
    web.recent.remember(form_id, location)
    if wants_json(request):
        return JSONResponse(story_to_dict(saved), status_code=201, headers={"location": location})
    return _see_other(location + "?saved=1")


def _save(
    web: WebState, owner_id: int, story: Story, original_id: str | None, version: str | None = None
) -> tuple[Story | None, list[Problem]]:
    """Store a new story or an edit; StoryChanged passes through for the caller to show."""
    store = web.stories(owner_id)
    try:
        if original_id is None:
            return store.add(story), []
        return store.update(original_id, story, version=version), []
    except StoryInvalid as exc:
        return None, list(exc.problems)
    except DuplicateStory as exc:
        return None, [
            Problem(f"{', '.join(exc.story_ids)} is already the id of another story", "id")
        ]


def _conflict_json(conflict: StoryChanged, yours: Story) -> JSONResponse:
    """Answer a save against an old version: 409 with the stored story and the one sent."""
    return JSONResponse(
        {
            "detail": str(conflict),
            "version": conflict.version,
            "theirs": story_to_dict(conflict.current),
            "yours": story_to_dict(yours),
        },
        status_code=409,
    )


# --- one story ---------------------------------------------------------------------------------


# Registered after the ".json" twin: Starlette tries routes in order, and "{story_id}" would match it.
@router.get(
    "/stories/{story_id}", summary="One story and its checks", **openapi.page(not_found=True)
)
@router.get(
    "/stories/{story_id}.json",
    summary="One story and its checks (JSON)",
    **openapi.data(not_found=True),
)
def show_story(request: Request, story_id: str) -> Response:
    """Show a story in STAR order with what it still lacks."""
    stored = state(request).stories(owner_of(request)).get_versioned(_valid_id(story_id))
    story = stored.story
    from starcoach.stories.checks import check_story
    from starcoach.stories.documents import check_document

    check = check_document(check_story(story))
    data = {"story": story_to_dict(story), "version": stored.version, "check": check}
    context = {
        "section": "stories",
        "title": story.title,
        "story": story,
        "saved": request.query_params.get("saved") == "1",
        "prompts": [get_question(qid) for qid in CORE_QUESTION_IDS],
        "problems": story_problems(check),
        "story_fields": FIELDS,
    }
    return state(request).pages.respond(request, "stories/show.html", data, context)


_SEVERITY_ORDER = {"error": 0, "warning": 1, "suggestion": 2}


def story_problems(check: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the story's gaps and the findings in its words as one list, the most severe first.

    Each problem appears once: the story check leaves out analyzer findings its own gaps cover.
    """
    # Copies: the page's list must not add keys to the JSON document it is built from.
    items = [{**g, "matched": ""} for g in check["gaps"]] + [{**f} for f in check["findings"]]
    for item in items:
        item["where"] = field_label(item["field"]) if item["field"] else ""
    return sorted(items, key=lambda item: _SEVERITY_ORDER.get(item["severity"], 3))


@router.get(
    "/stories/{story_id}/edit", summary="The form to edit a story", **openapi.page(not_found=True)
)
def edit_story(request: Request, story_id: str) -> Response:
    """Show the story in its form, with the checks on each field and the version it was read at."""
    stored = state(request).stories(owner_of(request)).get_versioned(_valid_id(story_id))
    story = stored.story
    return _form_page(
        request,
        story,
        action=f"/stories/{story.id}/edit",
        heading=f"Edit: {story.title}",
        form_id=new_form_id(),
        checks=story_field_checks(story),
        original_id=story.id,
        version=stored.version,
    )


@router.post(
    "/stories/{story_id}/edit",
    summary="Save an edited story",
    **openapi.page(not_found=True, conflict=True, form=True),
)
async def update_story(request: Request, story_id: str) -> Response:
    """Save the edited story; on a problem, show the form again with everything typed."""
    web = state(request)
    story_id = _valid_id(story_id)
    form = await read_form(request, web.pages.secret)
    form_id = form.text(FORM_ID_FIELD)
    action = f"/stories/{story_id}/edit"
    parsed = parse_story_form(form, story_id)
    # The version the form was loaded at; a form without one is never taken as current.
    version = form.text(VERSION_FIELD)
    if not form.csrf_ok:
        return _form_page(
            request,
            parsed.story,
            action=action,
            heading="Edit story",
            form_id=form_id,
            problems=[Problem(_EXPIRED)],
            status=403,
            original_id=story_id,
            version=version,
        )
    done = web.recent.get(form_id)
    if done is not None:
        return _see_other(done)
    web.stories(owner_of(request)).get(story_id)  # an unknown id is a 404, not a form error
    problems = list(parsed.problems)
    saved: Story | None = None
    if not problems:
        try:
            saved, problems = _save(web, owner_of(request), parsed.story, story_id, version)
        except StoryChanged as exc:
            # Saved by someone else since this form was loaded: show theirs beside the form, which
            # keeps everything typed and now carries their version, so a merged save goes through.
            return _form_page(
                request,
                parsed.story,
                action=action,
                heading="Edit story",
                form_id=form_id,
                status=409,
                original_id=story_id,
                conflict=exc,
            )
    if saved is None:
        return _form_page(
            request,
            parsed.story,
            action=action,
            heading="Edit story",
            form_id=form_id,
            problems=problems,
            status=422,
            original_id=story_id,
            version=version,
        )
    location = f"/stories/{saved.id}"
    web.recent.remember(form_id, location)
    if wants_json(request):
        version = web.stories(owner_of(request)).get_versioned(saved.id).version
        return JSONResponse({**story_to_dict(saved), VERSION_FIELD: version})
    return _see_other(location + "?saved=1")


async def _checked_form(request: Request) -> PostedForm:
    web = state(request)
    form = await read_form(request, web.pages.secret)
    if not form.csrf_ok:
        raise HTTPException(
            403,
            "This form had expired (the server restarted, or the page is old). Reload the page and try again.",
        )
    return form


@router.post(
    "/stories/{story_id}/delete",
    summary="Delete a story",
    **openapi.page(not_found=True, form=True),
)
async def delete_story(request: Request, story_id: str) -> Response:
    """Delete the story; deleting one already gone just returns to the list."""
    await _checked_form(request)
    # A second click on Delete finds the story gone: the outcome is the same.
    with contextlib.suppress(StoryNotFound):
        state(request).stories(owner_of(request)).delete(_valid_id(story_id))
    if wants_json(request):
        return JSONResponse({"deleted": story_id})
    return _see_other("/stories?deleted=1")


@router.post(
    "/stories/{story_id}/anchor",
    summary="Mark a story as the anchor",
    **openapi.page(not_found=True, form=True),
)
async def anchor_story(request: Request, story_id: str) -> Response:
    """Make this story the one anchor story (posting it twice changes nothing more)."""
    await _checked_form(request)
    state(request).stories(owner_of(request)).set_anchor(_valid_id(story_id))
    if wants_json(request):
        return JSONResponse({"anchor": story_id})
    return _see_other(f"/stories/{story_id}")


@router.get(
    "/stories/{story_id}/export",
    summary="Download a story file",
    **openapi.download("text/markdown", not_found=True),
)
def export_story(request: Request, story_id: str) -> Response:
    """Return the story as its Markdown file."""
    from starcoach.storage.storyfile import render_story

    story = state(request).stories(owner_of(request)).get(_valid_id(story_id))
    return Response(
        render_story(story),
        media_type="text/markdown; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{story.id}.md"'},
    )


# --- drafts ------------------------------------------------------------------------------------


@router.get(
    "/stories/{story_id}/drafts/{question_id}",
    summary="A draft answer from a story",
    **openapi.page(not_found=True),
)
@router.get(
    "/stories/{story_id}/drafts/{question_id}.json",
    summary="A draft answer (JSON)",
    **openapi.data(not_found=True),
)
def draft(request: Request, story_id: str, question_id: str) -> Response:
    """Write a first draft answering one prompt from the story, and check it."""
    from starcoach.stories.documents import draft_document, draft_unavailable_document
    from starcoach.stories.drafts import DraftUnavailable, draft_answer

    story = state(request).stories(owner_of(request)).get(_valid_id(story_id))
    if question_id not in CORE_QUESTION_IDS:
        raise HTTPException(404, f"There is no prompt with id {question_id!r}.")
    question = get_question(question_id)
    context: dict[str, Any] = {
        "section": "stories",
        "title": f"Draft: {question.title}",
        "story": story,
        "question": question,
        "prompts": [get_question(qid) for qid in CORE_QUESTION_IDS],
    }
    try:
        result = draft_answer(story, question_id)
    except DraftUnavailable as exc:
        context["unavailable"] = exc.field
        data = draft_unavailable_document(story.id, question_id, exc)
        return state(request).pages.respond(request, "stories/draft.html", data, context)
    data = draft_document(result)
    context.update(report_context(result.report))
    context["unavailable"] = None
    return state(request).pages.respond(request, "stories/draft.html", data, context)


# --- JSON API ----------------------------------------------------------------------------------


_BODY_TYPES: dict[str, Any] = {
    "line": (str, ""),
    "date": (str, ""),
    "text": (str, ""),
    "count": (int | None, None),
    "tags": (list[str], []),
    "actions": (list[dict[str, str]], []),
    "results": (list[dict[str, str]], []),
}


def _body_fields() -> dict[str, Any]:
    """Return the JSON body's fields, in story file order, typed by the story field table."""
    fields: dict[str, Any] = {
        "id": (
            str,
            Field(
                default="",
                description="Lowercase words joined by hyphens; made from the title when empty.",
            ),
        )
    }
    for name in FRONT_MATTER_FIELDS[1:] + TEXT_FIELDS:
        if name == "anchor":
            fields[name] = (bool, Field(default=False, description="This is the anchor story."))
            continue
        spec = FIELD_BY_NAME[name]
        kind, default = _BODY_TYPES[spec.kind]
        if spec.required:
            fields[name] = (kind, Field(description=spec.guidance))
        else:
            fields[name] = (kind, Field(default=default, description=spec.guidance))
    return fields


if TYPE_CHECKING:
    _StoryFields = BaseModel
else:
    _StoryFields = create_model("_StoryFields", **_body_fields())


class StoryBody(_StoryFields):
    """A story as JSON, shaped like the story file's fields (see docs/web.md)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: str = Field(
        default="",
        description=(
            "For PUT: the version of the story this edit starts from, as the last GET, POST or PUT "
            "answered it (or send it in If-Match). A story saved since then answers 409 with both "
            "versions and stores nothing. Empty: overwrite whatever is stored."
        ),
    )


def _problems_json(problems: list[Problem], status: int) -> JSONResponse:
    return JSONResponse(
        {"detail": [{"field": p.field, "message": p.message} for p in problems]}, status_code=status
    )


@router.post(
    "/api/stories",
    summary="Create a story",
    status_code=201,
    **openapi.data(conflict=True, body=True),
)
def api_create_story(request: Request, body: StoryBody) -> Response:
    """Store a new story given as JSON; answer 409 when its id is taken."""
    store = state(request).stories(owner_of(request))
    data = body.model_dump()
    del data[VERSION_FIELD]
    if not data["id"]:
        data["id"] = store.free_id(data["title"])
    try:
        saved = store.add(story_from_dict(data))
    except StoryInvalid as exc:
        return _problems_json(list(exc.problems), 422)
    except DuplicateStory as exc:
        return _problems_json([Problem(f"{', '.join(exc.story_ids)} already exists", "id")], 409)
    version = store.get_versioned(saved.id).version
    return JSONResponse(
        {**story_to_dict(saved), VERSION_FIELD: version},
        status_code=201,
        headers={"location": f"/stories/{saved.id}"},
    )


@router.put(
    "/api/stories/{story_id}",
    summary="Replace a story",
    **openapi.data(not_found=True, conflict=True, body=True),
)
def api_update_story(request: Request, story_id: str, body: StoryBody) -> Response:
    """Overwrite a story with the JSON given (a different id renames it).

    With a version (the body's `version` or an If-Match header), a story saved by someone else
    since that version answers 409 with both versions and nothing is stored.
    """
    data = body.model_dump()
    version = data.pop(VERSION_FIELD) or request.headers.get("if-match", "").strip().strip('"')
    data["id"] = data["id"] or story_id
    story = story_from_dict(data)
    try:
        stored = (
            state(request)
            .stories(owner_of(request))
            .update_versioned(_valid_id(story_id), story, version=version or None)
        )
    except StoryInvalid as exc:
        return _problems_json(list(exc.problems), 422)
    except DuplicateStory as exc:
        return _problems_json([Problem(f"{', '.join(exc.story_ids)} already exists", "id")], 409)
    except StoryChanged as exc:
        return _conflict_json(exc, story)
    return JSONResponse({**story_to_dict(stored.story), VERSION_FIELD: stored.version})


@router.delete(
    "/api/stories/{story_id}",
    summary="Delete a story",
    status_code=204,
    **openapi.data(not_found=True),
)
def api_delete_story(request: Request, story_id: str) -> Response:
    """Delete a story; 404 when there is none with that id."""
    state(request).stories(owner_of(request)).delete(_valid_id(story_id))
    return Response(status_code=204)
