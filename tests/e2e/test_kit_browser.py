"""End to end in Chromium, from the interviewer's seat: build a kit, take notes live (autosaved, and
kept when the tab closes), submit evidence-backed scorecards and read a three-interviewer debrief."""

from __future__ import annotations

from typing import Any

NOTES = (
    "I led the rewrite of our billing service because failed payments hurt customers. I traced the "
    "failures in the logs and I wrote the retry design, and I paired with two engineers on the "
    "migration. Failed payments fell from 4% to 1% in two months, measured on the dashboard. I "
    "learned to involve support early; next time I would bring them in at the start."
)


def _interview(page: Any, candidate_url: str, name: str) -> str:
    page.goto(candidate_url)
    page.fill("#interviewer", name)
    page.keyboard.press("Enter")
    page.wait_for_url("**/interviews/*")
    return str(page.url)


def _take_notes(page: Any) -> None:
    # Keyboard only: focus the first notes box, type, and save with Ctrl+Enter.
    page.focus("#note-proud")
    page.keyboard.insert_text(NOTES[:-40])
    page.keyboard.type(NOTES[-40:])
    page.keyboard.press("Control+Enter")
    page.locator("#save-status", has_text="Saved at").wait_for()
    page.locator('.note-block[data-question="proud"] .mark.found').nth(2).wait_for()


def _score(page: Any, interview_url: str, score: str, recommendation: str) -> None:
    page.goto(interview_url + "/scorecard")
    for fieldset in page.locator("fieldset.rating").all():
        fieldset.locator(f'input[type=radio][value="{score}"]').check()
        proposed = fieldset.locator("input[type=checkbox]")
        if proposed.count():
            proposed.first.check()
        else:
            # Nothing proposed: paste the candidate's words from the notes.
            fieldset.locator("textarea").fill("I paired with two engineers on the migration")
    page.select_option("#recommendation", recommendation)
    page.fill("#reason", f"My reason for {recommendation}.")
    page.click("#scorecard button[type=submit]")
    page.wait_for_url("**/debrief*")


def test_kit_notes_scorecard_and_a_three_interviewer_debrief(
    browser: Any, base_url: str, shoot: Any, accessible: Any
) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/kits")
    accessible(page)
    page.select_option("#role", "software_engineer")
    page.click("form[action='/kits'] button")
    page.wait_for_url("**/kits/software-engineer")
    accessible(page)
    assert page.locator("table.scale").count() == 6
    shoot(page, "kit")
    page.fill("#candidate-name", "Ada Lovelace")
    page.click("form[action$='/candidates'] button")
    page.wait_for_url("**/candidates/*")
    candidate_url = str(page.url)

    sam = _interview(page, candidate_url, "Sam")
    accessible(page)
    _take_notes(page)
    # Notes typed and the tab closed at once are not lost.
    page.focus("#note-failure")
    page.keyboard.type("I skipped the dry run and three reports ran twice.")
    page.close()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(sam)
    assert page.input_value("#note-failure") == "I skipped the dry run and three reports ran twice."
    page.locator("#save-status", has_text="Saved").wait_for()
    shoot(page, "kit-notes")

    # A score without evidence is refused, with the reason on the page.
    page.goto(sam + "/scorecard")
    accessible(page)
    page.locator("fieldset.rating").first.locator('input[value="4"]').check()
    page.select_option("#recommendation", "yes")
    page.fill("#reason", "Owned it.")
    page.click("#scorecard button[type=submit]")
    assert "needs at least one quote" in page.locator("#problems").inner_text()
    shoot(page, "kit-scorecard-refused")
    _score(page, sam, "4", "yes")
    assert page.locator("#combined tbody tr").count() == 6

    kim = _interview(page, candidate_url, "Kim")
    _take_notes(page)
    page.goto(candidate_url + "/debrief?viewer=Kim")
    assert "submit your own scorecard first" in page.locator("main").inner_text()
    page.goto(candidate_url + "/debrief?viewer=Sam")
    assert "Still waiting for: Kim" in page.locator("main").inner_text()
    _score(page, kim, "2", "no")
    lee = _interview(page, candidate_url, "Lee")
    _take_notes(page)
    _score(page, lee, "3", "strong_yes")

    page.goto(candidate_url + "/debrief")
    accessible(page)
    rows = page.locator("#combined tbody tr")
    assert rows.count() == 6
    assert page.locator("#combined tr.disagree").count() == 6
    assert page.locator("section.disagreement").first.locator(".side").count() == 2
    assert "Ada Lovelace" in page.locator("h1").inner_text()
    shoot(page, "kit-debrief")

    page.goto("/calibration")
    accessible(page)
    assert "Ada" not in page.locator("main").inner_text()
    context.close()
