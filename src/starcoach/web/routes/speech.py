"""Spoken answers in the browser: `POST /speech/check` takes a recording and returns the whole check.

The page records with the browser's MediaRecorder (WebM/Opus in Chromium, Ogg/Opus in Firefox) or
takes an audio file, and posts it here; the server transcribes it offline, measures the delivery and
checks the content. HTML (a panel the page swaps in) or, with Accept: application/json, the
`starcoach.spoken/1` document. The speech stack loads on the first post, never at start-up.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from starcoach.web import openapi
from starcoach.web.forms import read_form
from starcoach.web.jsonresponse import JSONResponse
from starcoach.web.state import state

router = APIRouter(tags=["speech"])

_TYPES = {
    "audio/webm": ".webm",
    "video/webm": ".webm",
    "audio/ogg": ".ogg",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/mpeg": ".mp3",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/wave": ".wav",
}
_STATUS = {
    "extra_missing": 503,
    "model_missing": 503,
    "unsupported": 415,
    "too_long": 413,
}


def _suffix(upload: UploadFile) -> str:
    name_suffix = Path(upload.filename or "").suffix.lower()
    if name_suffix:
        return name_suffix
    kind = (upload.content_type or "").split(";")[0].strip().lower()
    return _TYPES.get(kind, ".bin")


def _check_file(path: str, question: str, role: str) -> Any:
    from starcoach.speech.spoken import check_spoken
    from starcoach.speech.transcribe import transcribe

    result = transcribe(path)
    return result, check_spoken(
        result.transcript, question or None, role or None, silences=result.silences
    )


@router.post(
    "/speech/check",
    summary="Check a spoken answer (an audio upload)",
    tags=["pages"],
    **openapi.page(form=True),
)
async def speech_check(request: Request) -> Response:
    """Transcribe the posted recording and return transcript, delivery and content feedback."""
    from starcoach.web.pages import wants_json

    web = state(request)
    form = await read_form(request, web.pages.secret)
    as_json = wants_json(request)

    def problem(status: int, message: str) -> Response:
        if as_json:
            return JSONResponse({"detail": message}, status_code=status)
        return web.pages.html(request, "speech_results.html", {"error": message}, status)

    if not form.csrf_ok:
        return problem(403, "This page had expired; reload it and record again.")
    files = form.files("audio")
    if not files:
        return problem(422, "No recording was sent: record an answer or choose an audio file.")
    upload = files[0]
    question = form.text("question_text").strip() or form.text("question")
    role = form.text("role")
    from starcoach.content import UnknownQuestionError, UnknownRoleError
    from starcoach.speech.errors import SpeechError

    with tempfile.TemporaryDirectory(prefix="starcoach-audio-") as work:
        path = Path(work) / f"answer{_suffix(upload)}"
        path.write_bytes(await upload.read())
        try:
            result, answer = await run_in_threadpool(_check_file, str(path), question, role)
        except SpeechError as exc:
            message = str(exc).replace(str(path), "the recording")
            return problem(_STATUS.get(exc.kind, 422), message)
        except (UnknownQuestionError, UnknownRoleError) as exc:
            return problem(422, str(exc))
    from starcoach.speech.spoken import spoken_to_json

    doc = spoken_to_json(answer)
    doc["transcription_seconds"] = round(result.seconds_taken, 2)
    if as_json:
        return JSONResponse(doc)
    from starcoach.web.routes.check import report_context
    from starcoach.web.speechview import pace_graph, tokens, verdict_rows

    context = {
        "spoken": answer,
        "tokens": tokens(answer),
        "graph": pace_graph(answer),
        "verdicts": verdict_rows(answer),
        "analyzed_text": answer.clean.text,
        # Escaped for a <script> element: no "</" can close it early.
        "delivery_json": json.dumps(doc["delivery"]).replace("<", "\\u003c"),
        "transcription_seconds": result.seconds_taken,
        "id_prefix": "s",
        **report_context(answer.report),
    }
    return web.pages.html(request, "speech_results.html", context)
