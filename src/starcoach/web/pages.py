"""Rendering: Jinja2 templates, content negotiation, and the one place a route turns data into a response.

Every page is built from one JSON-ready dict (`data`): the JSON answer is that dict, and the HTML page is
the template rendered with it (plus a few display helpers). So the page and the JSON cannot disagree.
Templates autoescape everything; no route marks user text as safe.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from starcoach import __version__
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.security import CSRF_FIELD, csrf_token

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

NAV: tuple[tuple[str, str, str], ...] = (
    ("check", "/check", "Check"),
    ("guide", "/guide", "Guide"),
    ("stories", "/stories", "Stories"),
    ("practice", "/practice", "Practice"),
    ("progress", "/progress", "Progress"),
    ("kits", "/kits", "Kits"),
)
"""The main navigation: (section id, path, label)."""

JSON_SUFFIX = ".json"


_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


def paragraphs(text: str) -> list[list[str]]:
    """Split prose into paragraphs (at blank lines), each a list of the lines to keep apart.

    A line break inside a paragraph is where a file was wrapped, so it becomes a space; a line that
    starts a list item ("- ", "2. ") keeps its own line.
    """
    result: list[list[str]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] = f"{lines[-1]} {line.strip()}"
            elif line.strip():
                lines.append(line.strip())
        if lines:
            result.append(lines)
    return result


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return the count with its noun in the right number: "1 result", "2 results", "0 stories"."""
    word = singular if count == 1 else (many or singular + "s")
    return f"{count} {word}"


def _static_version() -> str:
    # Part of every static URL, so a browser never runs yesterday's script against today's page.
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _quality(accept: str, media: str) -> float:
    """Return the q-value `accept` gives `media` (0 when not accepted; wildcards count less)."""
    best = 0.0
    best_rank = -1
    kind = media.split("/")[0]
    for item in accept.split(","):
        parts = [p.strip() for p in item.split(";")]
        name = parts[0].lower()
        rank = 2 if name == media else 1 if name == f"{kind}/*" else 0 if name == "*/*" else -1
        if rank < 0 or rank < best_rank:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best, best_rank = q, rank
    return best


def wants_json(request: Request) -> bool:
    """Return True when the client asked for JSON: a `.json` path, or JSON preferred over HTML."""
    path = request.url.path
    if path.endswith(JSON_SUFFIX) or path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    if not accept:
        return False
    return _quality(accept, "application/json") > _quality(accept, "text/html")


class Pages:
    """The template environment and the helpers every route uses to answer."""

    def __init__(self, secret: bytes, *, team: bool = False) -> None:
        self.secret = secret
        self.team = team
        self.static_version = _static_version()
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(["html"], default_for_string=True, default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            nav=NAV,
            version=__version__,
            static=self.static_url,
            csrf_field=CSRF_FIELD,
            plural=plural,
            team=team,
        )
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)

    def static_url(self, name: str) -> str:
        """Return the URL of a static file, versioned by the files' content."""
        return f"/static/{name}?v={self.static_version}"

    def token(self, request: Request) -> str:
        """Return the CSRF token for the request's browser session."""
        sid = getattr(request.state, "session_id", None) or ""
        return csrf_token(self.secret, sid)

    def html(
        self,
        request: Request,
        template: str,
        context: Mapping[str, Any],
        status_code: int = 200,
    ) -> HTMLResponse:
        """Render a template into a response, with the CSRF token and the current section."""
        values = {
            "request_path": request.url.path,
            "csrf_token": self.token(request),
            "section": "",
            "title": "starcoach",
            "account": getattr(request.state, "account", None),
            **context,
        }
        body = self.env.get_template(template).render(values)
        return HTMLResponse(body, status_code=status_code, headers=_NO_STORE)

    def respond(
        self,
        request: Request,
        template: str,
        data: Mapping[str, Any],
        context: Mapping[str, Any] | None = None,
        status_code: int = 200,
    ) -> Response:
        """Answer with `data` as JSON when asked for, else with the page rendered from it."""
        if wants_json(request):
            return JSONResponse(dict(data), status_code=status_code)
        return self.html(request, template, {"data": data, **(context or {})}, status_code)

    def error(
        self, request: Request, status_code: int, message: str, *, title: str | None = None
    ) -> Response:
        """Answer an error as JSON {"detail": ...} or as the error page."""
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=status_code)
        return self.html(
            request,
            "error.html",
            {
                "status": status_code,
                "message": message,
                "title": title or _TITLES.get(status_code, "Error"),
            },
            status_code,
        )

    def error_bytes(self, status_code: int, message: str, as_json: bool) -> tuple[bytes, str]:
        """Return an error body and its content type, for answers made outside any route."""
        if as_json:
            return json.dumps({"detail": message}).encode(), "application/json"
        body = self.env.get_template("error.html").render(
            request_path="",
            account=None,
            csrf_token="",
            section="",
            status=status_code,
            message=message,
            title=_TITLES.get(status_code, "Error"),
        )
        return body.encode(), "text/html; charset=utf-8"


# Pages hold the user's own stories and answers: never cache them on disk or in a shared proxy.
_NO_STORE = {"cache-control": "no-store"}

_TITLES = {
    400: "Bad request",
    403: "Form expired",
    404: "Not found",
    405: "Not allowed",
    409: "Already done",
    413: "Too large",
    422: "Cannot use that input",
    500: "Something went wrong",
    503: "Database unavailable",
    507: "Disk full",
}
