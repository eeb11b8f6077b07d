"""Record an answer in Chromium from a fake microphone (a WAV the test makes) and get it transcribed.

Chromium's --use-file-for-fake-audio-capture plays the file as the microphone, so the whole path is
real: MediaRecorder's WebM/Opus, the upload, offline transcription and the results panel.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.speech.conftest import require_speech
from tests.speech.synth import say


@pytest.fixture(scope="module")
def mic_browser(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Any]:
    """Launch a second Chromium whose microphone plays a synthetic spoken answer.

    It is launched through the session's Playwright (one Playwright per process).
    """
    require_speech()

    wav = say(
        ["I led the move of our billing system to a new provider.", 1.2,
         "We finished it in three weeks."],
        tmp_path_factory.mktemp("mic") / "mic.wav",
    )  # fmt: skip
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={Path(wav.path)}%noloop",
    ]
    mic = browser.browser_type.launch(executable_path=str(CHROMIUM), args=args)
    yield mic
    mic.close()


def test_record_in_the_browser_and_see_the_transcript(mic_browser: Any, base_url: str) -> None:
    context = mic_browser.new_context(base_url=base_url, permissions=["microphone"])
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto("/check")
    record = page.locator("[data-record]")
    record.click()
    page.wait_for_selector("[data-record][aria-pressed='true']")
    page.wait_for_timeout(7_000)
    record.click()
    page.wait_for_selector("#speech-results [data-transcript]")
    transcript = page.locator("#speech-results [data-transcript]").inner_text().lower()
    assert "provider" in transcript or "system" in transcript, transcript
    assert page.locator("#speech-results [data-metric='pace']").count() == 1
    assert page.locator("#speech-results [data-spoken-content]").count() == 1
    context.close()
