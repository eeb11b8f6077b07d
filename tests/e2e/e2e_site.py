"""The pages the layout and accessibility tests visit, and the data put behind them first."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DATA = Path(__file__).resolve().parents[1] / "data"
WIDTHS = (1280, 390)
"""A laptop window and a phone held upright (CSS pixels)."""
HEIGHTS = {1280: 900, 390: 844}
SCREENSHOTS = ARTIFACTS / "screenshots"

PAGE_NAMES = (
    "check",
    "check-results",
    "guide",
    "guide-question",
    "stories",
    "story-new",
    "story-import",
    "story-show",
    "story-edit",
    "story-draft",
    "coverage",
    "practice-start",
    "practice-question",
    "practice-report",
    "progress",
    "not-found",
)
"""Every kind of page the app serves, by a short name used in test ids and screenshot files."""


def _api(base_url: str, method: str, path: str, body: Any) -> Any:
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        raise AssertionError(f"{method} {path}: {exc.code} {exc.read().decode()}") from None


def seed(base_url: str) -> dict[str, str]:
    """Fill the app with stories and practice sessions; return each page name's address.

    Three stories with long titles (so the coverage table is wide), one with a weakness that is a
    disguised strength; one finished session with follow-ups (report, progress) and one open.
    """
    from starcoach.storage.storyfile import parse_story
    from starcoach.stories.model import story_to_dict

    for name in ("checkout-latency", "onboarding-program", "thin-idea"):
        story = story_to_dict(parse_story((DATA / "stories" / f"{name}.md").read_text("utf-8")))
        story["id"] = f"layout-{name}"
        _api(base_url, "POST", "/api/stories", story)
    vague = (DATA / "answers" / "proud_we_vague.txt").read_text("utf-8")
    done = _api(
        base_url,
        "POST",
        "/api/practice",
        {"mode": "single", "question": "proud", "max_follow_ups": 2, "time_limit": 120},
    )
    replies = [
        vague,
        "I rewrote the payment retry code myself and paired with one engineer on the tests.",
        "Failed payments fell from 4% to 1% in six weeks; I measured it on the payments dashboard.",
    ]
    for reply in replies:
        progress = _api(base_url, "POST", f"/api/practice/{done['id']}/answer", {"answer": reply})
        if progress.get("closed"):
            break
    failure = (DATA / "answers" / "failure_humblebrag.txt").read_text("utf-8")
    second = _api(base_url, "POST", "/api/practice", {"mode": "single", "question": "failure"})
    _api(base_url, "POST", f"/api/practice/{second['id']}/answer", {"answer": failure})
    open_session = _api(base_url, "POST", "/api/practice", {"mode": "full"})
    story = "/stories/layout-checkout-latency"
    return {
        "check": "/check",
        "check-results": "/check",
        "guide": "/guide",
        "guide-question": "/guide/failure",
        "stories": "/stories",
        "story-new": "/stories/new",
        "story-import": "/stories/import",
        "story-show": story,
        "story-edit": story + "/edit",
        "story-draft": story + "/drafts/proud",
        "coverage": "/stories/coverage",
        "practice-start": "/practice",
        "practice-question": f"/practice/{open_session['id']}",
        "practice-report": f"/practice/{done['id']}/report",
        "progress": "/progress",
        "not-found": "/no-such-page",
    }


def open_page(browser: Any, base_url: str, site: dict[str, str], name: str, width: int) -> Any:
    """Open one of the site's pages at a width, ready to look at (live feedback shown on check)."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": HEIGHTS[width]}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(site[name])
    if name == "check-results":
        page.fill("#answer", (DATA / "answers" / "proud_we_vague.txt").read_text("utf-8"))
        page.locator("#results mark.hl").first.wait_for()
    page.wait_for_load_state("networkidle")
    return page
