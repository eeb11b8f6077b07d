"""End to end in Chromium: check an answer, write a story, and see each page as a person would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
VAGUE = (DATA / "answers" / "proud_we_vague.txt").read_text(encoding="utf-8")


def test_check_highlights_findings_live_as_the_user_types(
    page: Any, shoot: Any, accessible: Any
) -> None:
    page.goto("/check")
    accessible(page)
    shoot(page, "check-empty")
    page.select_option("#question", "proud")
    page.fill("#answer", VAGUE)
    # Live feedback: no click; the debounced script fetches the results panel.
    marks = page.locator("#results mark.hl")
    marks.first.wait_for()
    assert marks.count() >= 1
    assert page.locator("#results [data-missing] li").count() >= 1
    assert page.locator("#results .sent[data-part]").count() >= 3
    assert page.locator("#results .score").count() >= 3
    # Keyboard: focusing a highlight shows its message and advice.
    first = marks.first
    first.focus()
    tip = page.locator(f"#{first.get_attribute('aria-describedby')}")
    assert tip.is_visible()
    assert tip.inner_text().strip()
    accessible(page)
    shoot(page, "check-results")
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # The text is never replaced by the script.
    assert page.input_value("#answer") == VAGUE


def test_a_script_typed_as_an_answer_is_shown_as_text(page: Any) -> None:
    page.goto("/check")
    answer = (
        "<script>window.__pwned = 1</script> I led the rewrite of our billing service and we cut "
        "failed payments from 4% to 1% in two months, which I measured on the dashboard."
    )
    page.fill("#answer", answer)
    page.click("button[type=submit]")
    page.locator("#results .annotated").wait_for()
    assert "<script>window.__pwned = 1</script>" in page.locator("#results .annotated").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.input_value("#answer") == answer


def test_check_page_on_a_phone(browser: Any, base_url: str, shoot: Any) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/check")
    page.fill("#answer", VAGUE)
    page.locator("#results mark.hl").first.wait_for()
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "check-phone", full_page=False)
    page.locator("#results .annotated").scroll_into_view_if_needed()
    shoot(page, "check-phone-results", full_page=False)
    context.close()


def test_guide_pages(page: Any, shoot: Any, accessible: Any) -> None:
    page.goto("/guide")
    accessible(page)
    assert page.locator(".guide-item").count() == 8
    shoot(page, "guide")
    page.select_option("#role", "software_engineer")
    page.click("form.inline-form button")
    page.click(".guide-item[data-question=failure] h2 a")
    assert page.locator("h1").inner_text().strip()
    accessible(page)
    shoot(page, "guide-failure")


def test_create_a_story_with_live_field_checks(page: Any, shoot: Any, accessible: Any) -> None:
    page.goto("/stories/new")
    accessible(page)
    page.fill("#title", "Rebuilding the booking service")
    page.fill("#role", "Senior software engineer")
    page.fill("#team_size", "5")
    page.fill(
        "#situation",
        "Roughly one booking in eleven failed at the final step, and patients phoned the front "
        "desk instead.",
    )
    page.fill("#task", "I took on the fix as technical lead, though it was on nobody's roadmap.")
    page.fill("#actions-0-did", "Things were improved and the flow was changed.")
    # The live check of the action field flags it (nobody clearly did it).
    page.locator("#checks-actions-0-did li").first.wait_for()
    page.click("[data-add-row=actions]")
    page.fill("#actions-1-did", "Traced a week of failed requests through the logs.")
    page.fill("#actions-1-who", "me")
    page.fill("#results-0-outcome", "Failed bookings fell from 9% to under 1% in three months.")
    page.fill("#results-0-measured_by", "the booking dashboard")
    page.fill(
        "#reflection",
        "I would bring the support team into the design at the start rather than at launch.",
    )
    shoot(page, "story-form")
    page.click("button[type=submit]:has-text('Save story')")
    page.locator("[data-saved]").wait_for()
    assert "/stories/rebuilding-the-booking-service" in page.url
    assert page.locator("h1").inner_text().startswith("Rebuilding the booking service")
    assert page.locator(".gaps li").count() >= 1
    accessible(page)
    shoot(page, "story-show")

    page.goto("/stories")
    assert page.locator("[data-story=rebuilding-the-booking-service]").count() == 1
    accessible(page)
    shoot(page, "stories-list")
    page.goto("/stories/coverage")
    assert page.locator("tr[data-question]").count() == 7
    accessible(page)
    shoot(page, "stories-coverage")
    page.goto("/stories/rebuilding-the-booking-service/drafts/proud")
    page.locator("[data-draft]").wait_for()
    accessible(page)
    shoot(page, "story-draft")
    page.goto("/stories/rebuilding-the-booking-service/edit")
    accessible(page)
    shoot(page, "story-edit")


def test_unknown_story_is_a_404_page(page: Any, shoot: Any) -> None:
    response = page.goto("/stories/no-such-story")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not found"
    shoot(page, "not-found")


def test_practice_session_with_two_follow_ups_then_progress(
    page: Any, shoot: Any, accessible: Any
) -> None:
    page.goto("/practice")
    accessible(page)
    shoot(page, "practice-start")
    page.select_option("#mode", "single")
    page.select_option("#question", "proud")
    page.select_option("#time_limit", "120")
    page.fill("#follow_ups", "2")
    page.click("button:has-text('Start the interview')")
    page.locator(".question-box").wait_for()
    assert page.locator(".question-box").get_attribute("data-kind") == "opener"
    page.locator(".timer").wait_for()
    page.fill("#answer", VAGUE)
    accessible(page)
    shoot(page, "practice-opener")
    page.click("button:has-text('Submit answer')")
    replies = [
        "I rewrote the payment retry code myself and paired with one engineer on the tests.",
        "Failed payments fell from 4% to 1% in six weeks; I measured it on the payments dashboard.",
    ]
    for number, reply in enumerate(replies, start=1):
        page.locator("[data-answered]").wait_for()
        assert page.locator(".question-box").get_attribute("data-kind") == "follow_up"
        assert page.locator("h1").inner_text().startswith(f"Follow-up {number}")
        assert page.input_value("#answer") == ""
        page.fill("#answer", reply)
        if number == 1:
            shoot(page, "practice-follow-up")
        page.click("button:has-text('Submit answer')")
    page.locator("h1:has-text('Session report')").wait_for()
    assert "/report" in page.url
    assert page.locator(".answer-entry").count() == 1
    assert page.locator(".follow-ups > li").count() == 2
    assert page.locator(".answer-entry mark.hl").count() >= 1
    accessible(page)
    shoot(page, "practice-report")

    page.click("a:has-text('See your progress')")
    page.locator("h1:has-text('Your progress')").wait_for()
    assert page.locator("tr[data-question=proud]:not([data-dimension])").count() == 1
    assert page.locator("tr[data-question=proud][data-dimension]").count() >= 1
    charts = page.locator("img.chart")
    assert charts.count() == 2
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    accessible(page)
    shoot(page, "progress")


def test_check_works_from_the_keyboard_alone(page: Any) -> None:
    page.goto("/check")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "answer":
            break
    assert page.evaluate("document.activeElement.id") == "answer"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.uncheck("#live")
    page.focus("#answer")
    # Long enough to be scored (a shorter answer is declined, and then nothing is highlighted).
    page.keyboard.type(
        "We improved the checkout flow last year. The team shipped it and it went well. "
        "We worked on it for a few months with design and support, and in the end everyone "
        "was happy with the result and with how it turned out for users."
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check my answer"
    page.keyboard.press("Enter")
    page.locator("#results .annotated").wait_for()
    # Each highlight is reachable with Tab and shows its explanation.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    tip = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.locator(f"#{tip}").is_visible()


def test_live_feedback_is_in_reach_on_a_phone(browser: Any, base_url: str, shoot: Any) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/check")
    page.fill("#answer", VAGUE)
    page.locator("#results mark.hl").first.wait_for()
    page.focus("#answer")
    # While the answer is on screen, a bar at the bottom says what was found and links to it.
    jump = page.locator("[data-jump-feedback]")
    assert jump.is_visible()
    box = jump.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    summary = page.locator("[data-live-summary]").inner_text()
    assert page.locator("[data-live-summary]").is_visible()
    assert "1 error · 4 warnings" in summary and "overall 1.0 of 5" in summary
    shoot(page, "check-phone-jump", full_page=False)
    jump.click()
    results_top = page.evaluate("document.getElementById('results').getBoundingClientRect().top")
    assert -2 < results_top < 844 / 2
    context.close()


def test_text_restored_from_this_browser_is_checked_without_typing(page: Any) -> None:
    page.goto("/check")
    page.fill("#answer", VAGUE)
    page.locator("#results mark.hl").first.wait_for()
    # Leave and come back: the text is put back from this browser, and checked straight away.
    page.goto("/guide")
    page.goto("/check")
    assert page.input_value("#answer") == VAGUE
    assert "Restored" in page.locator("#answer-status").inner_text()
    page.locator("#results mark.hl").first.wait_for(timeout=5_000)
    assert page.locator("#results .report").count() == 1


def test_a_tooltip_shown_by_the_mouse_stays_on_screen(page: Any) -> None:
    page.goto("/check")
    page.fill("#answer", VAGUE)
    page.locator("#results mark.hl").first.wait_for()
    for index in range(page.locator("#results mark.hl").count()):
        mark = page.locator("#results mark.hl").nth(index)
        mark.scroll_into_view_if_needed()
        mark.hover()
        tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 900, box
        page.mouse.move(0, 0)


def test_a_humblebrag_the_form_flags_is_on_the_saved_story(page: Any) -> None:
    page.goto("/stories/new")
    page.fill("#title", "Polishing the dashboard")
    page.fill("#failure", "My biggest failure is that I'm a perfectionist, so I polish too long.")
    flagged = page.locator("#checks-failure li[data-rule='failure.humblebrag']")
    flagged.wait_for()
    assert "error" in (flagged.get_attribute("class") or "")
    page.click("button[type=submit]:has-text('Save story')")
    page.locator("[data-saved]").wait_for()
    listed = page.locator(".gaps li[data-rule='failure.humblebrag']")
    assert listed.count() == 1
    assert "perfectionist" in listed.inner_text()
    assert listed.get_attribute("class") == "sev-error"


def test_two_tabs_editing_one_story_the_second_sees_both_versions_and_merges(
    page: Any, base_url: str, shoot: Any, accessible: Any
) -> None:
    from e2e_site import _api

    _api(
        base_url,
        "POST",
        "/api/stories",
        {"id": "two-tabs", "title": "Two tabs", "situation": "Support queues were long."},
    )
    other = page.context.new_page()
    other.set_default_timeout(15_000)
    page.goto("/stories/two-tabs/edit")
    other.goto("/stories/two-tabs/edit")
    page.fill("#task", "Typed in the first tab.")
    page.click("button[type=submit]:has-text('Save')")
    page.locator("[data-saved]").wait_for()
    other.fill("#reflection", "Typed in the second tab.")
    with other.expect_response(lambda r: r.request.method == "POST") as posted:
        other.click("button[type=submit]:has-text('Save')")
    assert posted.value.status == 409
    banner = other.locator("[data-conflict]")
    banner.wait_for()
    assert "Typed in the first tab." in banner.locator("tr[data-field=task] .theirs").inner_text()
    # Yours is still in the form; bring theirs over, then save the merge.
    assert other.input_value("#reflection") == "Typed in the second tab."
    accessible(other)
    shoot(other, "story-edit-conflict")
    other.fill("#task", "Typed in the first tab.")
    other.click("button[type=submit]:has-text('Save')")
    other.locator("[data-saved]").wait_for()
    story = page.request.get("/stories/two-tabs.json").json()["story"]
    assert (story["task"], story["reflection"]) == (
        "Typed in the first tab.",
        "Typed in the second tab.",
    )
    other.close()
