"""What the OpenAPI schema says each route answers, so that the schema is true of every response.

Pages answer HTML, or JSON when the client prefers it; `.json` twins and `/api/` routes answer JSON.
Every error, from any route, is `{"detail": ...}` in JSON or the error page in HTML.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse, Response

_HTML = {"text/html": {"schema": {"type": "string"}}}
# Why a request failed: a sentence for people, or (from validation) the fields that failed.
_PROBLEM = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"anyOf": [{"type": "string"}, {"type": "array", "items": {}}]}},
}


def _error(description: str, html: bool) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": _PROBLEM}}
    if html:
        content.update(_HTML)
    return {"description": description, "content": content}


def _errors(
    html: bool, *, not_found: bool, conflict: bool, form: bool, body: bool
) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {
        422: _error("Input that could not be used: empty, or an unknown id, role or value.", html)
    }
    if not_found:
        out[404] = _error("Nothing has that id: it was deleted, or never existed.", html)
    if conflict:
        out[409] = _error("It clashes with what is stored: a taken id, or a closed session.", html)
    if form:
        out[403] = _error("The form's token was missing or had expired; nothing changed.", html)
        out[303] = {"description": "Done: the page to go to next is in Location."}
    if body:
        out[400] = _error("The body could not be read (not JSON, or not UTF-8).", html)
        out[413] = _error("The request, or the text in it, is longer than the limit.", html)
    return out


def page(*, not_found: bool = False, conflict: bool = False, form: bool = False) -> dict[str, Any]:
    """Return route options for a page: HTML, or JSON when the client prefers it."""
    responses = _errors(True, not_found=not_found, conflict=conflict, form=form, body=form)
    responses[200] = {"content": {"application/json": {"schema": {"type": "object"}}}}
    return {"response_class": HTMLResponse, "responses": responses}


def data(
    *,
    not_found: bool = False,
    conflict: bool = False,
    body: bool = False,
    ok: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return route options for a JSON answer (a `.json` twin or an `/api/` route); `ok`
    documents its success response when the route has no response model."""
    responses = _errors(False, not_found=not_found, conflict=conflict, form=False, body=body)
    if ok is not None:
        responses[200] = ok
    return {"responses": responses}


def download(media_type: str, *, not_found: bool = False) -> dict[str, Any]:
    """Return route options for a file to download (`media_type`), with errors as pages."""
    responses = _errors(True, not_found=not_found, conflict=False, form=False, body=False)
    responses[200] = {"content": {media_type: {"schema": {"type": "string"}}}}
    return {"response_class": Response, "responses": responses}
