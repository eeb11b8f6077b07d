"""The story field table is the one list of story fields: every reader agrees with it.

Adding a field to a story means a row in `FIELDS`, the attribute on `Story`, and (to store it) a column
with its migration; these tests fail until all of them agree, and show where each reader takes it.
"""

from __future__ import annotations

import dataclasses

import pytest

from starcoach.storage.models import StoryRow
from starcoach.storage.storyfile import parse_story, render_story
from starcoach.stories.checks import FIELD_PROMPTS, check_story
from starcoach.stories.drafts import FOCUS
from starcoach.stories.errors import StoryInvalid
from starcoach.stories.model import (
    FIELD_BY_NAME,
    FIELDS,
    FRONT_MATTER_FIELDS,
    SCALAR_KINDS,
    TEXT_FIELDS,
    Story,
    story_to_dict,
    validate_story,
)
from starcoach.web.routes.stories import StoryBody
from starcoach.web.storyform import (
    AFTER_FIELDS,
    FOLLOW_UP_FIELDS,
    LAID_OUT_FIELDS,
    MORE_CONTEXT_FIELDS,
    STAR_FIELDS,
    field_check,
)


def test_the_table_and_the_dataclass_name_the_same_fields() -> None:
    attributes = [f.name for f in dataclasses.fields(Story)]
    assert sorted(attributes) == sorted([*FIELD_BY_NAME, "id", "anchor"])
    assert len(FIELD_BY_NAME) == len(FIELDS)


def test_every_field_is_in_the_story_file() -> None:
    assert set(FRONT_MATTER_FIELDS) | set(TEXT_FIELDS) == {"id", "anchor", *FIELD_BY_NAME}
    assert list(story_to_dict(Story(id="x", title="x"))) == [*FRONT_MATTER_FIELDS, *TEXT_FIELDS]
    for spec in FIELDS:
        assert bool(spec.heading) == spec.multiline, spec.name


def test_every_single_value_field_has_a_column() -> None:
    columns = set(StoryRow.__table__.columns.keys())
    for spec in FIELDS:
        if spec.kind in SCALAR_KINDS or spec.multiline:
            assert spec.name in columns, f"add a column and a migration for {spec.name}"


def test_the_json_body_takes_every_field_in_file_order() -> None:
    # Then the version an edit starts from, which is not a story field (see the PUT route).
    assert list(StoryBody.model_fields) == [*FRONT_MATTER_FIELDS, *TEXT_FIELDS, "version"]
    assert not StoryBody.model_fields["version"].is_required()
    assert StoryBody.model_fields["title"].is_required()
    assert not StoryBody.model_fields["role"].is_required()


def test_the_form_shows_every_long_text_field_once() -> None:
    assert sorted((*STAR_FIELDS, *AFTER_FIELDS, *FOLLOW_UP_FIELDS)) == sorted(TEXT_FIELDS)


def test_the_form_places_every_identity_field() -> None:
    context = {spec.name for spec in FIELDS if spec.group == "context"}
    assert set(LAID_OUT_FIELDS) <= context
    assert context == set(LAID_OUT_FIELDS) | set(MORE_CONTEXT_FIELDS)


def test_checked_fields_and_draft_focus_come_from_the_table() -> None:
    checked = {spec.name for spec in FIELDS if spec.checked is not None}
    assert set(FIELD_PROMPTS) == (checked - {"actions", "results"}) | {"action", "result"}
    assert FIELD_PROMPTS["failure"] == (None, "failure")
    assert FOCUS["improvement"] == "working_on_now"
    assert FOCUS["proud"] == ""


def test_an_empty_story_reports_each_missing_field_from_the_table() -> None:
    check = check_story(Story(id="x", title="x"))
    expected = {f"story.no_{spec.name}" for spec in FIELDS if spec.missing is not None}
    assert {gap.rule_id for gap in check.gaps} == expected


def test_a_filled_field_round_trips_through_the_file() -> None:
    values = {name: f"Some words for {name}." for name in TEXT_FIELDS}
    story = validate_story(Story(id="x", title="A title", **values))
    assert parse_story(render_story(story)) == story


@pytest.mark.parametrize("day", ["2023-02-31", "2023-04-31", "2023-13", "2023-00", "2021-02-29"])
def test_dates_outside_the_calendar_are_refused(day: str) -> None:
    with pytest.raises(StoryInvalid) as error:
        validate_story(Story(id="x", title="x", started=day))
    assert [p.field for p in error.value.problems] == ["started"]


@pytest.mark.parametrize("day", ["2024-02-29", "2023-12", "2023", "2023-01-31"])
def test_calendar_dates_are_accepted(day: str) -> None:
    assert validate_story(Story(id="x", title="x", started=day)).started == day


def test_a_text_field_the_analyzer_does_not_check_gets_no_checks() -> None:
    # A new long-text field without a prompt in the table is shown in the form, simply unchecked.
    assert "stakeholders" not in FIELD_PROMPTS
    assert field_check("The finance director wanted the cost kept flat.", "stakeholders") == []
    assert field_check("I'm a perfectionist, so I polish my work too long.", "failure")
