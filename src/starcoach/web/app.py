"""The FastAPI app: `create_app()` builds it with its guards, error pages, static files and routes.

`starcoach serve` runs it with uvicorn; tests build one per database with `create_app(url)`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from starcoach import __version__
from starcoach.config import ConfigError
from starcoach.storage.attempts import SessionNotFound
from starcoach.storage.errors import (
    DatabaseBusy,
    DatabaseFull,
    DatabaseUnavailable,
    SessionChanged,
    StoryNotFound,
)
from starcoach.web.jsonbody import JSONBodyCheck
from starcoach.web.pages import STATIC_DIR, Pages
from starcoach.web.security import LOOPBACK_HOSTS, MAX_REQUEST_BYTES, Guard, new_secret
from starcoach.web.state import WebState, state
from starcoach.web.userconfig import UserConfig

if TYPE_CHECKING:
    from starcoach.web.team import TeamConfig

logger = logging.getLogger("starcoach.web")

DESCRIPTION = (
    "The starcoach web app and its JSON API. Every page also answers JSON: ask with "
    "`Accept: application/json` or add `.json` to the path. `POST /api/check` with "
    '`{"question": "proud", "answer": "..."}` is the smallest useful call; it returns the report in '
    "the documented wire format (docs/schema.md)."
)


def create_app(
    database_url: str | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
    secret: bytes | None = None,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    team: TeamConfig | None = None,
) -> FastAPI:
    """Build the web app on the database at `database_url` (default: the embedded SQLite database).

    `allowed_hosts` are the Host names it answers to (default: the loopback names; "*" for any);
    `secret` signs CSRF tokens (default: a fresh random one, so forms from before a restart expire).
    `team` turns on team mode: accounts, and a signed-in session for every page and JSON route;
    its database must be PostgreSQL.
    """
    if team is not None:
        from starcoach.accounts.model import require_postgresql

        require_postgresql(database_url)
    pages = Pages(secret or new_secret(), team=team is not None)
    web = WebState(database_url, pages, team)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        web.close()

    app = FastAPI(
        lifespan=lifespan,
        title="starcoach",
        version=__version__,
        description=DESCRIPTION,
        # The interactive docs pages load their scripts from a CDN; the app must work offline.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.web = web
    # Added first, so they run inside the guard: the size limit applies before the body is read.
    app.add_middleware(UserConfig)
    app.add_middleware(JSONBodyCheck)
    if team is not None:
        from starcoach.web.team import TeamGate

        # Inside the guard: a foreign Host or an oversized body is refused before any database work.
        app.add_middleware(
            TeamGate,
            accounts=web.accounts,
            secure_cookies=team.secure_cookies,
            render_error=pages.error_bytes,
        )
    app.add_middleware(
        Guard,
        allowed_hosts=tuple(allowed_hosts) if allowed_hosts is not None else LOOPBACK_HOSTS,
        max_bytes=max_request_bytes,
        render_error=pages.error_bytes,
        secure_cookies=team is not None and team.secure_cookies,
    )
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # Browsers and tools ask here before they read the page's <link rel="icon">.
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    from starcoach.web.routes import check, guide, practice, progress, stories

    app.include_router(check.router)
    app.include_router(guide.router)
    app.include_router(stories.router)
    app.include_router(practice.router)
    app.include_router(progress.router)

    from starcoach.web.routes import kits, speech

    app.include_router(speech.router)
    app.include_router(kits.router)

    if team is not None:
        from starcoach.web.routes import account, cohorts, panels

        app.include_router(account.router)
        app.include_router(cohorts.router)
        app.include_router(panels.router)

    return app


_METHODS = ("DELETE", "GET", "PATCH", "POST", "PUT")


def _methods_at(request: Request) -> list[str]:
    """Return every method some route answers at the request's path."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    ]


_NOT_FOUND = "There is nothing at this address. It may have been deleted, or the link is mistyped."


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message in ("Not Found", ""):
            message = _NOT_FOUND
        elif exc.status_code == 405:
            message = "This address does not accept that kind of request."
        response = state(request).pages.error(request, exc.status_code, message)
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:
            # The router names only the methods of the first route on the path; list them all.
            response.headers["allow"] = ", ".join(_methods_at(request))
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        pages = state(request).pages
        from starcoach.web.pages import wants_json

        if wants_json(request):
            from fastapi.encoders import jsonable_encoder

            from starcoach.web.jsonresponse import JSONResponse

            errors = [{k: v for k, v in e.items() if k != "input"} for e in exc.errors()]
            return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
        return pages.error(request, 422, "Some of the input could not be used.")

    @app.exception_handler(StoryNotFound)
    async def _no_story(request: Request, exc: StoryNotFound) -> Response:
        return state(request).pages.error(
            request, 404, f"There is no story with id {exc.story_id!r}."
        )

    @app.exception_handler(SessionNotFound)
    async def _no_session(request: Request, exc: SessionNotFound) -> Response:
        return state(request).pages.error(
            request, 404, "There is no practice session with that id."
        )

    @app.exception_handler(DatabaseUnavailable)
    async def _no_database(request: Request, exc: DatabaseUnavailable) -> Response:
        logger.error("database unavailable: %s", exc)
        if isinstance(exc, DatabaseBusy):
            response = state(request).pages.error(request, 503, str(exc))
            response.headers["retry-after"] = str(exc.retry_after)
            return response
        # 507 Insufficient Storage: the request was fine, the server's disk is not.
        status = 507 if isinstance(exc, DatabaseFull) else 503
        return state(request).pages.error(request, status, str(exc))

    @app.exception_handler(ConfigError)
    async def _broken_config(request: Request, exc: ConfigError) -> Response:
        logger.error("%s", exc)
        return state(request).pages.error(
            request,
            500,
            "The server's config file has a problem, so nothing was checked; its log says what.",
        )

    @app.exception_handler(SessionChanged)
    async def _changed(request: Request, exc: SessionChanged) -> Response:
        return state(request).pages.error(request, 409, str(exc))

    @app.exception_handler(OSError)
    async def _disk(request: Request, exc: OSError) -> Response:
        # A write to the data directory that the disk refused (full, read-only): the request was
        # fine, the machine is not. Logged by type only; the path can hold a user name.
        import errno

        logger.error("disk error %s on %s %s", exc.errno, request.method, request.url.path)
        if exc.errno == errno.ENOSPC:
            return state(request).pages.error(
                request, 507, "The server's disk is full; nothing was stored. Try again later."
            )
        return state(request).pages.error(
            request, 503, "The server cannot use its data directory right now; nothing was stored."
        )

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        # The type and the place only: request bodies hold the user's stories, headers their cookies.
        logger.error(
            "unhandled %s on %s %s",
            type(exc).__name__,
            request.method,
            request.url.path,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        return state(request).pages.error(
            request,
            500,
            "Something went wrong on our side. Nothing you typed was stored half-way; go back to "
            "try again (your text is still in the page).",
        )


def app_from_environment() -> FastAPI:
    """Build the app as `starcoach serve` configured it (for uvicorn's factory loading)."""
    import os

    from starcoach.web import ENV_ALLOWED_HOSTS, ENV_SECRET, ENV_SECURE_COOKIES, ENV_TEAM

    secret_hex = os.environ.get(ENV_SECRET, "")
    hosts = [h for h in os.environ.get(ENV_ALLOWED_HOSTS, "").split(",") if h]
    team = None
    if os.environ.get(ENV_TEAM) == "1":
        from starcoach.storage.db import default_database_url
        from starcoach.web.team import TeamConfig

        team = TeamConfig(secure_cookies=os.environ.get(ENV_SECURE_COOKIES) == "1")
        # Team mode never falls back to the embedded SQLite file: create_app refuses it.
        return create_app(
            default_database_url(),
            allowed_hosts=hosts or None,
            secret=bytes.fromhex(secret_hex) if secret_hex else None,
            team=team,
        )
    return create_app(
        None,
        allowed_hosts=hosts or None,
        secret=bytes.fromhex(secret_hex) if secret_hex else None,
    )
