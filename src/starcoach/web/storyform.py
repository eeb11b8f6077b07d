"""The story form: its fields in order with their guidance, reading a posted form, and field checks.

Each long-text field is checked as the piece of an answer it becomes: the Situation field as a
Situation, an action as an Action, the failure notes as material for the failure prompt. The same
mapping drives the checks shown beside a saved story and the live checks the page's script asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starcoach.analysis import analyze_fragment
from starcoach.storage.errors import Problem
from starcoach.storage.records import RESULT_KEYS, Story, StoryAction, StoryResult
from starcoach.stories.checks import FIELD_PROMPTS
from starcoach.stories.guidance import GUIDE_BY_NAME
from starcoach.web.forms import PostedForm, clean_text

MAX_ROWS = 50
"""The most action or result rows read from one form (the story's own limit)."""

BLANK_ROWS = 1
"""Empty rows offered after the filled ones, for a browser without the page's script."""

FIELD_CHECKS = FIELD_PROMPTS
"""Story field -> (the STAR part it is checked as, the prompt it serves); shared with `story check`."""

CONTEXT_FIELDS = ("title", "role", "organisation", "started", "ended", "team_size")
STAR_FIELDS = ("situation", "task")
AFTER_FIELDS = ("reflection", "why_it_matters")
FOLLOW_UP_FIELDS = (
    "hardest_challenge",
    "pushback",
    "difficult_person",
    "failure",
    "feedback",
    "working_on_now",
)


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
    team_text = form.text("team_size").strip()
    team_size: int | None = None
    if team_text:
        try:
            team_size = int(team_text)
        except ValueError:
            problems.append(Problem(f"must be a whole number, got {team_text!r}", "team_size"))
    actions = tuple(
        StoryAction(did=row["did"], who=row["who"])
        for row in _rows(form, "actions", ("did", "who"))
    )
    results = tuple(StoryResult(**row) for row in _rows(form, "results", RESULT_KEYS))
    tags = tuple(t for t in (part.strip() for part in form.text("tags").split(",")) if t)
    texts = {
        name: clean_text(form.text(name))
        for name in (*STAR_FIELDS, *AFTER_FIELDS, *FOLLOW_UP_FIELDS)
    }
    story = Story(
        id=story_id,
        title=clean_text(form.text("title")),
        role=clean_text(form.text("role")),
        organisation=clean_text(form.text("organisation")),
        started=form.text("started").strip(),
        ended=form.text("ended").strip(),
        team_size=team_size,
        actions=actions,
        results=results,
        tags=tags,
        anchor=form.text("anchor") in ("on", "true", "1"),
        **texts,
    )
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
    guide = GUIDE_BY_NAME.get(name)
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
    """Return the findings on one field's text as JSON-ready dicts (empty for an empty field)."""
    part, question = FIELD_CHECKS[field]
    if not text.strip():
        return []
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
    for name in (*STAR_FIELDS, *AFTER_FIELDS, *FOLLOW_UP_FIELDS):
        checks[name] = field_check(getattr(story, name), name)
    for index, action in enumerate(story.actions):
        checks[f"actions-{index}-did"] = field_check(action.did, "action")
    for index, result in enumerate(story.results):
        checks[f"results-{index}-outcome"] = field_check(result.outcome, "result")
    return checks


def form_context(story: Story) -> dict[str, Any]:
    """Return the template values for the story form: the field guides, groups and row counts."""
    return {
        "guides": GUIDE_BY_NAME,
        "field_checks_map": FIELD_CHECKS,
        "context_fields": CONTEXT_FIELDS,
        "star_fields": STAR_FIELDS,
        "after_fields": AFTER_FIELDS,
        "follow_up_fields": FOLLOW_UP_FIELDS,
        "action_rows": [*story.actions, *(StoryAction(did="", who="") for _ in range(BLANK_ROWS))],
        "result_rows": [*story.results, *(StoryResult(outcome="") for _ in range(BLANK_ROWS))],
    }
