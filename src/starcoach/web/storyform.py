"""The story form: its fields in order with their guidance, reading a posted form, and field checks.

Each long-text field is checked as the piece of an answer it becomes: the Situation field as a
Situation, an action as an Action, the failure notes as material for the failure prompt. The same
mapping drives the checks shown beside a saved story and the live checks the page's script asks for.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from starcoach.analysis import analyze_fragment
from starcoach.stories.checks import FIELD_PROMPTS
from starcoach.stories.errors import Problem, StoryInvalid
from starcoach.stories.model import (
    FIELD_BY_NAME,
    FIELDS,
    RESULT_KEYS,
    TEXT_FIELDS,
    Story,
    StoryAction,
    StoryResult,
    story_to_dict,
    validate_story,
)
from starcoach.web.forms import PostedForm, clean_text

MAX_ROWS = 50
"""The most action or result rows read from one form (the story's own limit)."""

BLANK_ROWS = 1
"""Empty rows offered after the filled ones, for a browser without the page's script."""

FIELD_CHECKS = FIELD_PROMPTS
"""Story field -> (the STAR part it is checked as, the prompt it serves); shared with `story check`."""

LAID_OUT_FIELDS = ("title", "role", "organisation", "started", "ended", "team_size", "tags")
"""Identity fields the form's template places by hand, in rows; any other is listed after them."""
MORE_CONTEXT_FIELDS = tuple(
    f.name for f in FIELDS if f.group == "context" and f.name not in LAID_OUT_FIELDS
)
STAR_FIELDS = tuple(f.name for f in FIELDS if f.group == "star" and f.multiline)
AFTER_FIELDS = tuple(f.name for f in FIELDS if f.group == "after" and f.multiline)
FOLLOW_UP_FIELDS = tuple(f.name for f in FIELDS if f.group == "follow_up" and f.multiline)


@dataclass(frozen=True, slots=True)
class ParsedStory:
    """A story read from the form, with the problems found before validation (a bad number)."""

    story: Story
    problems: tuple[Problem, ...]


def _rows(form: PostedForm, prefix: str, keys: tuple[str, ...]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for index in range(MAX_ROWS):
        values = {key: clean_text(form.text(f"{prefix}-{index}-{key}")) for key in keys}
        if any(v.strip() for v in values.values()):
            rows.append(values)
    return rows


def parse_story_form(form: PostedForm, story_id: str) -> ParsedStory:
    """Read a story from the posted form fields (rows left empty are dropped)."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.kind in ("line", "text"):
            values[spec.name] = clean_text(form.text(spec.name))
        elif spec.kind == "date":
            values[spec.name] = form.text(spec.name).strip()
        elif spec.kind == "count":
            text = form.text(spec.name).strip()
            values[spec.name] = None
            if text:
                try:
                    values[spec.name] = int(text)
                except ValueError:
                    problems.append(Problem(f"must be a whole number, got {text!r}", spec.name))
        elif spec.kind == "tags":
            parts = (part.strip() for part in form.text(spec.name).split(","))
            values[spec.name] = tuple(t for t in parts if t)
        elif spec.kind == "actions":
            values[spec.name] = tuple(
                StoryAction(did=row["did"], who=row["who"])
                for row in _rows(form, spec.name, ("did", "who"))
            )
        elif spec.kind == "results":
            values[spec.name] = tuple(
                StoryResult(**row) for row in _rows(form, spec.name, RESULT_KEYS)
            )
    story = Story(id=story_id, anchor=form.text("anchor") in ("on", "true", "1"), **values)
    return ParsedStory(story, tuple(problems))


def form_field(problem_field: str | None) -> str:
    """Return the form field a storage problem names ("actions[2].did" -> "actions-1-did")."""
    if not problem_field:
        return ""
    name, _, rest = problem_field.partition("[")
    if not rest:
        return name
    index, _, key = rest.partition("]")
    key = key.lstrip(".")
    try:
        position = int(index) - 1
    except ValueError:
        return name
    return f"{name}-{position}-{key}" if key else f"{name}-{position}"


def field_label(problem_field: str) -> str:
    """Return a readable name for the field a problem names ("actions[2].did" -> "Action 2")."""
    name, _, rest = problem_field.partition("[")
    guide = FIELD_BY_NAME.get(name)
    label = guide.label if guide is not None else name.replace("_", " ").capitalize()
    if rest:
        index = rest.partition("]")[0]
        singular = label[:-1] if label.endswith("s") else label
        return f"{singular} {index}"
    return label


def errors_by_field(problems: tuple[Problem, ...] | list[Problem]) -> dict[str, list[str]]:
    """Group problem messages by the form field they concern ("" for the whole story)."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(form_field(problem.field), []).append(problem.message)
    return grouped


def field_check(text: str, field: str) -> list[dict[str, Any]]:
    """Return the findings on one field's text as JSON-ready dicts (empty for an empty field, or
    one the analyzer does not check)."""
    if field not in FIELD_CHECKS or not text.strip():
        return []
    part, question = FIELD_CHECKS[field]
    report = analyze_fragment(text, question=question, part=part)
    if report.abstained:
        return []
    return [
        {
            "rule_id": f.rule_id,
            "severity": f.severity.label,
            "message": f.message,
            "advice": f.advice,
            "quote": f.span.text(text) if f.span is not None else "",
        }
        for f in report.findings
    ]


def story_field_checks(story: Story) -> dict[str, list[dict[str, Any]]]:
    """Return the findings on every long-text field and row of a story, keyed by form field name."""
    checks: dict[str, list[dict[str, Any]]] = {}
    for name in TEXT_FIELDS:
        checks[name] = field_check(getattr(story, name), name)
    for index, action in enumerate(story.actions):
        checks[f"actions-{index}-did"] = field_check(action.did, "action")
    for index, result in enumerate(story.results):
        checks[f"results-{index}-outcome"] = field_check(result.outcome, "result")
    return checks


def form_context(story: Story) -> dict[str, Any]:
    """Return the template values for the story form: the field guides, groups and row counts."""
    return {
        "guides": FIELD_BY_NAME,
        "field_checks_map": FIELD_CHECKS,
        "more_context_fields": MORE_CONTEXT_FIELDS,
        "star_fields": STAR_FIELDS,
        "after_fields": AFTER_FIELDS,
        "follow_up_fields": FOLLOW_UP_FIELDS,
        "action_rows": [*story.actions, *(StoryAction(did="", who="") for _ in range(BLANK_ROWS))],
        "result_rows": [*story.results, *(StoryResult(outcome="") for _ in range(BLANK_ROWS))],
    }


def _shown(value: Any) -> str:
    """Return a story field's value as the text a person reads in a side-by-side comparison."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict):
                lines.append(" · ".join(f"{key}: {text}" for key, text in item.items() if text))
            else:
                lines.append(str(item))
        return "\n".join(line for line in lines if line)
    return str(value)


def story_differences(theirs: Story, yours: Story) -> list[dict[str, str]]:
    """Return the fields where two versions of a story differ, each with both values as text.

    The conflict page shows these beside the form: `theirs` is the story as saved by someone else,
    `yours` what this form holds.
    """
    with contextlib.suppress(StoryInvalid):
        # Compared as they would be stored ("Ownership" is stored as the tag "ownership").
        yours = validate_story(yours)
    saved, typed = story_to_dict(theirs), story_to_dict(yours)
    differences = []
    for name in saved:
        if saved[name] == typed[name]:
            continue
        differences.append(
            {
                "name": name,
                "anchor": f"{name}-0-did"
                if name == "actions"
                else f"{name}-0-outcome"
                if name == "results"
                else name,
                "label": field_label(name),
                "theirs": _shown(saved[name]),
                "yours": _shown(typed[name]),
            }
        )
    return differences


def story_fields_shown(story: Story) -> list[tuple[str, str]]:
    """Return the story's filled-in fields as (label, text) pairs, in file order."""
    return [
        (field_label(name), _shown(value))
        for name, value in story_to_dict(story).items()
        if _shown(value) and value is not False
    ]
