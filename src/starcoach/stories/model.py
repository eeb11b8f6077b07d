"""The story model: its fields, their limits, and how a story is normalized and validated.

`FIELDS` is the one table of what a story holds, in the order it is asked for: each field's label,
guidance, kind (which fixes its validation, its JSON type and its place in the story file), the
STAR part and prompt the analyzer checks it as, the gap `story check` reports when it is empty, and
how a follow-up question names it. The guided `story new`, the web form and its JSON body, the story
page, the story checks, drafts and follow-ups all read it. Adding a field is a row here plus the
attribute on `Story` (and, for storage, a column and a migration); a test checks the two agree.

`validate_story` is the single gate every story passes before it is stored: it normalizes text
(newlines, surrounding blanks, tag case) so that a stored story always round-trips through its
Markdown file unchanged. Plain dataclasses with no database behind them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from starcoach.stories.errors import Problem, StoryInvalid

MAX_TITLE_CHARS = 200
MAX_SHORT_CHARS = 200
MAX_TEXT_CHARS = 20_000
MAX_ITEMS = 50
MAX_TAGS = 30
MAX_TAG_CHARS = 40
MAX_TEAM_SIZE = 100_000
MAX_ID_CHARS = 64

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PRESENT = "present"

ME = "me"
TEAM = "team"
_WHO_ALIASES = {
    "i": ME,
    "me": ME,
    "myself": ME,
    "self": ME,
    "we": TEAM,
    "us": TEAM,
    "team": TEAM,
    "the team": TEAM,
    "our team": TEAM,
}


@dataclass(frozen=True, slots=True)
class StoryAction:
    """One step of the Action part: what was done and who did it ("me", "team", a named other or "")."""

    did: str
    who: str = ""


@dataclass(frozen=True, slots=True)
class StoryResult:
    """One outcome: what changed, the number to quote, what it was before, and how it was measured."""

    outcome: str
    metric: str = ""
    baseline: str = ""
    measured_by: str = ""


@dataclass(frozen=True)
class Story:
    """A story in STAR + Reflection form with the material its follow-up questions need."""

    id: str
    title: str
    role: str = ""
    organisation: str = ""
    started: str = ""
    ended: str = ""
    team_size: int | None = None
    situation: str = ""
    task: str = ""
    actions: tuple[StoryAction, ...] = ()
    results: tuple[StoryResult, ...] = ()
    reflection: str = ""
    why_it_matters: str = ""
    hardest_challenge: str = ""
    pushback: str = ""
    difficult_person: str = ""
    failure: str = ""
    feedback: str = ""
    working_on_now: str = ""
    tags: tuple[str, ...] = ()
    anchor: bool = False

    def replace(self, **changes: Any) -> Story:
        """Return a copy with the given fields changed."""
        return dataclasses.replace(self, **changes)


FieldKind = Literal["line", "date", "count", "text", "actions", "results", "tags"]
"""How a field is typed and validated: a single line, a story date, a whole number, long text
(a Markdown section of the story file), the action rows, the result rows, or a list of tags."""


@dataclass(frozen=True, slots=True)
class Missing:
    """The gap `story check` reports when a field is empty."""

    severity: Literal["suggestion", "warning", "error"]
    message: str
    advice: str


@dataclass(frozen=True, slots=True)
class StoryField:
    """One field of a story: how it is asked for, typed, checked and named."""

    name: str
    label: str
    guidance: str
    kind: FieldKind
    group: Literal["context", "star", "after", "follow_up"]
    """Where the story form shows it: the identity of the story, Situation and Task, Reflection and
    why it matters, or the material for the follow-up prompts."""
    heading: str = ""
    """The Markdown heading of a long-text field in the story file."""
    part: str | None = None
    """The STAR part the analyzer checks the text as (None: checked as a whole answer)."""
    prompt: str = ""
    """The core prompt the text is checked for ("" when the analyzer does not check it); for a
    follow-up field, the prompt whose answer it drafts."""
    missing: Missing | None = None
    spoken: str = ""
    """How an interviewer's follow-up names the material ("the hardest challenge")."""
    required: bool = False

    @property
    def multiline(self) -> bool:
        """Return whether the field holds several lines (long text)."""
        return self.kind == "text"

    @property
    def checked(self) -> tuple[str | None, str] | None:
        """Return (STAR part, prompt) the analyzer checks the field as, or None."""
        return (self.part, self.prompt) if self.prompt else None


def _follow_up(what: str, hint: str, severity: Literal["suggestion", "warning"]) -> Missing:
    return Missing(
        severity,
        f"nothing for {what}",
        f"Write down {hint}, so the answer is ready when it is asked.",
    )


FIELDS: tuple[StoryField, ...] = (
    StoryField(
        "title",
        "Title",
        "A short name you will recognise later, such as 'Cutting checkout latency before the peak'. "
        "Required.",
        "line",
        "context",
        required=True,
    ),
    StoryField(
        "role",
        "Your role",
        "Your job title while this happened. Every answer about this story should claim the same "
        "role, so write the one you will say out loud.",
        "line",
        "context",
        missing=Missing(
            "warning",
            "the story does not say your role",
            "Write your job title at the time; every answer about this story should claim the "
            "same one, and interviewers ask.",
        ),
    ),
    StoryField(
        "organisation",
        "Organisation",
        "Where it happened. Leave it empty if the name is confidential; the story works without it.",
        "line",
        "context",
    ),
    StoryField(
        "started",
        "Started",
        "When the work began: a year (2023), a month (2023-04) or a day (2023-04-17).",
        "date",
        "context",
    ),
    StoryField(
        "ended",
        "Ended",
        "When it ended, in the same form, or 'present' if it is still going.",
        "date",
        "context",
    ),
    StoryField(
        "team_size",
        "Team size",
        "How many people worked on it, you included. Interviewers notice when this number changes "
        "between answers.",
        "count",
        "context",
    ),
    StoryField(
        "situation",
        "Situation",
        "Two or three sentences of context: what was wrong or at stake, for whom, and why it "
        "mattered at the time. Keep it short; the interest is in what you did next.",
        "text",
        "star",
        heading="Situation",
        part="situation",
        prompt="proud",
        missing=Missing(
            "suggestion", "no situation", "Two sentences of context: what was at stake, for whom."
        ),
        spoken="the situation",
    ),
    StoryField(
        "task",
        "Task",
        "What you in particular were responsible for, or chose to take on, and what made it hard. "
        "Say whether it was handed to you or you picked it up.",
        "text",
        "star",
        heading="Task",
        part="task",
        prompt="proud",
        missing=Missing(
            "suggestion", "no task", "Say what you were responsible for, and what made it hard."
        ),
        spoken="the task",
    ),
    StoryField(
        "actions",
        "Actions",
        "The steps, one at a time, each starting with a verb ('Profiled...', 'Wrote...'). For each, "
        "say who did it: you, the team, or a named colleague. Listeners want to hear your part "
        "apart from everyone else's.",
        "actions",
        "star",
        part="action",
        prompt="proud",
        missing=Missing(
            "error", "no actions", "List what you did, step by step, and who did each step."
        ),
        spoken="your own actions",
    ),
    StoryField(
        "results",
        "Results",
        "What changed, with a number where there is one. Then what it was before (the baseline) "
        "and how you know (how it was measured). A number with no baseline invites a hard "
        "follow-up.",
        "results",
        "star",
        part="result",
        prompt="proud",
        missing=Missing(
            "error",
            "no results",
            "Say what changed because of the work, with a number if there is one.",
        ),
        spoken="a measured result",
    ),
    StoryField(
        "reflection",
        "Reflection",
        "What you would do differently knowing what you know now. A real lesson is worth more than "
        "a modest-sounding boast.",
        "text",
        "after",
        heading="Reflection",
        part="reflection",
        prompt="proud",
        missing=Missing(
            "warning",
            "no reflection",
            "Add what you would do differently, knowing what you "
            "know now: it is the first follow-up most interviewers ask.",
        ),
        spoken="the reflection",
    ),
    StoryField(
        "why_it_matters",
        "Why it matters to you",
        "Why this is the work you are proud of: what it says about what you care about (the users, "
        "the team, the craft), not only the recognition it brought.",
        "text",
        "after",
        heading="Why it matters",
        prompt="proud",
        missing=_follow_up(
            "why you are proud of it", "what the work says about what you value", "suggestion"
        ),
        spoken="why it matters",
    ),
    StoryField(
        "hardest_challenge",
        "Hardest challenge",
        "The hardest part of this work, what made it hard, the options you weighed and how you got "
        "through it.",
        "text",
        "follow_up",
        heading="Hardest challenge",
        prompt="challenge",
        missing=_follow_up(
            "the hardest-challenge follow-up",
            "the hardest part and how you got through it",
            "suggestion",
        ),
        spoken="the hardest challenge",
    ),
    StoryField(
        "pushback",
        "Pushback or disagreement",
        "A moment in this story when someone disagreed with you or you with them: what each side "
        "wanted, how you listened, the evidence, and how it was settled.",
        "text",
        "follow_up",
        heading="Pushback",
        prompt="pushback",
        missing=_follow_up(
            "the pushback follow-up",
            "a disagreement, how you listened, and how it was settled",
            "suggestion",
        ),
        spoken="the pushback",
    ),
    StoryField(
        "difficult_person",
        "A difficult person",
        "Someone who made this work harder. Describe what they did, not what they are, what you "
        "think was behind it, and what you did about it.",
        "text",
        "follow_up",
        heading="Difficult person",
        prompt="difficult_person",
        missing=_follow_up(
            "the difficult-person follow-up",
            "someone who made the work harder, and what you did about it",
            "suggestion",
        ),
        spoken="the difficult person",
    ),
    StoryField(
        "failure",
        "A mistake or failure",
        "Something that went wrong here and your part in it: what it cost, how you limited the "
        "damage, and what you do differently since.",
        "text",
        "follow_up",
        heading="Failure",
        prompt="failure",
        missing=_follow_up(
            "the failure follow-up",
            "a mistake you made, what it cost, how you limited the damage and what you do "
            "differently since",
            "warning",
        ),
        spoken="the failure",
    ),
    StoryField(
        "feedback",
        "Feedback you received",
        "A specific piece of feedback you were given during this work, who gave it, and what you "
        "changed because of it.",
        "text",
        "follow_up",
        heading="Feedback",
        prompt="feedback",
        missing=_follow_up(
            "the feedback follow-up",
            "a specific piece of feedback you received and what you changed because of it",
            "warning",
        ),
        spoken="the feedback",
    ),
    StoryField(
        "working_on_now",
        "What you are working on now",
        "A skill this story showed you still need: how you practise it now and how you will know "
        "you are improving.",
        "text",
        "follow_up",
        heading="Working on now",
        prompt="improvement",
        missing=_follow_up(
            "the growth-area follow-up",
            "what you still work on, how you practise it and how you measure it",
            "suggestion",
        ),
        spoken="what you are working on now",
    ),
    StoryField(
        "tags",
        "Tags",
        "Skills or competencies this story shows, separated by commas (for example: leadership, "
        "performance, conflict).",
        "tags",
        "context",
    ),
)
"""Every field a story holds besides its `id` and `anchor` flag, in the order it is asked for."""

FIELD_BY_NAME: dict[str, StoryField] = {f.name: f for f in FIELDS}
FIELD_ORDER: tuple[str, ...] = tuple(f.name for f in FIELDS)

SCALAR_KINDS: frozenset[str] = frozenset({"line", "date", "count"})

FRONT_MATTER_FIELDS: tuple[str, ...] = (
    "id",
    *(f.name for f in FIELDS if f.kind in SCALAR_KINDS),
    "anchor",
    *(f.name for f in FIELDS if f.kind == "tags"),
    *(f.name for f in FIELDS if f.kind == "actions"),
    *(f.name for f in FIELDS if f.kind == "results"),
)
"""Fields kept in the YAML front matter of a story file, in the order they are written."""

SECTIONS: tuple[tuple[str, str], ...] = tuple((f.name, f.heading) for f in FIELDS if f.multiline)
"""Long-text fields kept as Markdown sections (field name, heading), in the order they are written."""

TEXT_FIELDS: tuple[str, ...] = tuple(name for name, _ in SECTIONS)
LINE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "line")
DATE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "date")
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
ACTION_KEYS: tuple[str, ...] = ("who", "did")
RESULT_KEYS: tuple[str, ...] = ("outcome", "metric", "baseline", "measured_by")

# Characters a story may not hold: control characters other than tab and newline, lone surrogates
# and the two non-characters, none of which survive a text file or YAML reliably.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029")


def normalize_text(value: str) -> str:
    """Return `value` with every line break as a newline and no surrounding blank space."""
    return _LINE_BREAKS.sub("\n", value).strip()


def shown(value: object, limit: int = 60) -> str:
    """Return `value` quoted for an error message, cut to `limit` characters so it stays one line."""
    text = (
        repr(value) if not isinstance(value, int) or value.bit_length() < 200 else "a huge number"
    )
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def normalize_who(value: str) -> str:
    """Return the canonical actor for an action: "me", "team", or the name as written."""
    cleaned = " ".join(value.split())
    return _WHO_ALIASES.get(cleaned.lower(), cleaned)


def normalize_tag(value: str) -> str:
    """Return a tag lowercased with inner blank space collapsed to single spaces."""
    return " ".join(value.split()).lower()


def slugify(title: str) -> str:
    """Return a story id made from a title: lowercase ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 48:
            break
        slug = candidate
    return slug or "story"


def date_key(value: str) -> tuple[int, int, int]:
    """Return a sortable (year, month, day) for a story date; "present" sorts last."""
    if value == PRESENT:
        return (9999, 12, 31)
    match = DATE_PATTERN.match(value)
    if match is None:
        raise ValueError(f"not a story date: {value!r}")
    year, month, day = match.groups()
    return (int(year), int(month or 0), int(day or 0))


def _check_date(value: str, name: str, problems: list[Problem]) -> None:
    if not value:
        return
    if value == PRESENT and name == "ended":
        return
    match = DATE_PATTERN.match(value)
    if match is None:
        hint = ' or "present"' if name == "ended" else ""
        problems.append(
            Problem(f"expected YYYY, YYYY-MM or YYYY-MM-DD{hint}, got {shown(value)}", name)
        )
        return
    _, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        problems.append(Problem(f"month must be 01-12, got {shown(value)}", name))
    elif day is not None:
        try:
            dt.date(int(match.group(1)), int(month), int(day))
        except ValueError:
            problems.append(Problem(f"no such day in the calendar: {shown(value)}", name))


def _check_text(value: str, name: str, limit: int, problems: list[Problem]) -> None:
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        problems.append(
            Problem(f"contains a control character (U+{ord(bad.group()):04X}); remove it", name)
        )
    if len(value) > limit:
        problems.append(Problem(f"is {len(value)} characters long; the limit is {limit}", name))


def validate_story(story: Story) -> Story:
    """Return the normalized story, or raise StoryInvalid listing every problem found."""
    problems: list[Problem] = []
    short = {name: normalize_text(getattr(story, name)) for name in LINE_FIELDS}
    short |= {name: getattr(story, name).strip() for name in DATE_FIELDS}
    if short["ended"].lower() == PRESENT:
        short["ended"] = PRESENT
    texts = {name: normalize_text(getattr(story, name)) for name in TEXT_FIELDS}

    story_id = story.id.strip()
    if not story_id:
        problems.append(Problem("is required", "id"))
    elif len(story_id) > MAX_ID_CHARS or ID_PATTERN.match(story_id) is None:
        problems.append(
            Problem(
                f"must be lowercase letters, digits and single hyphens, at most {MAX_ID_CHARS} "
                f"characters (for example {slugify(short['title'] or story_id)!r}), got {shown(story_id)}",
                "id",
            )
        )
    for name in REQUIRED_FIELDS:
        if not short[name]:
            problems.append(Problem("is required and must not be empty", name))
    for name in LINE_FIELDS:
        _check_text(short[name], name, MAX_TITLE_CHARS, problems)
        if "\n" in short[name]:
            problems.append(Problem("must be a single line", name))
    for name in DATE_FIELDS:
        _check_date(short[name], name, problems)
    if (
        short["started"]
        and short["ended"]
        and not any(p.field in ("started", "ended") for p in problems)
        and date_key(short["ended"]) < date_key(short["started"])
    ):
        problems.append(
            Problem(f"{short['ended']} is before started ({short['started']})", "ended")
        )
    if story.team_size is not None and not 1 <= story.team_size <= MAX_TEAM_SIZE:
        problems.append(
            Problem(
                f"must be a whole number from 1 to {MAX_TEAM_SIZE}, got {story.team_size}",
                "team_size",
            )
        )
    for name, value in texts.items():
        _check_text(value, name, MAX_TEXT_CHARS, problems)

    actions = tuple(
        StoryAction(did=normalize_text(a.did), who=normalize_who(a.who)) for a in story.actions
    )
    if len(actions) > MAX_ITEMS:
        problems.append(Problem(f"has {len(actions)} items; the limit is {MAX_ITEMS}", "actions"))
    for index, action in enumerate(actions):
        where = f"actions[{index + 1}]"
        if not action.did:
            problems.append(Problem("is empty: say what was done", f"{where}.did"))
        _check_text(action.did, f"{where}.did", MAX_TEXT_CHARS, problems)
        _check_text(action.who, f"{where}.who", MAX_SHORT_CHARS, problems)

    results = tuple(
        StoryResult(
            outcome=normalize_text(r.outcome),
            metric=normalize_text(r.metric),
            baseline=normalize_text(r.baseline),
            measured_by=normalize_text(r.measured_by),
        )
        for r in story.results
    )
    if len(results) > MAX_ITEMS:
        problems.append(Problem(f"has {len(results)} items; the limit is {MAX_ITEMS}", "results"))
    for index, result in enumerate(results):
        where = f"results[{index + 1}]"
        if not result.outcome:
            problems.append(Problem("is empty: say what changed", f"{where}.outcome"))
        for key in RESULT_KEYS:
            _check_text(getattr(result, key), f"{where}.{key}", MAX_TEXT_CHARS, problems)

    tags: list[str] = []
    for raw in story.tags:
        tag = normalize_tag(raw)
        if not tag:
            problems.append(Problem("contains an empty tag", "tags"))
        elif tag not in tags:
            tags.append(tag)
            _check_text(tag, "tags", MAX_TAG_CHARS, problems)
    if len(tags) > MAX_TAGS:
        problems.append(Problem(f"has {len(tags)} tags; the limit is {MAX_TAGS}", "tags"))

    if problems:
        raise StoryInvalid(problems)
    return Story(
        id=story_id,
        team_size=story.team_size,
        actions=actions,
        results=results,
        tags=tuple(tags),
        anchor=bool(story.anchor),
        **short,
        **texts,
    )


def story_to_dict(story: Story) -> dict[str, Any]:
    """Return the story as plain JSON-ready data (lists and strings), fields in file order."""
    data: dict[str, Any] = {}
    for name in FRONT_MATTER_FIELDS:
        value = getattr(story, name)
        if name == "actions":
            value = [{"who": a.who, "did": a.did} for a in story.actions]
        elif name == "results":
            value = [{key: getattr(r, key) for key in RESULT_KEYS} for r in story.results]
        elif name == "tags":
            value = list(story.tags)
        data[name] = value
    for name in TEXT_FIELDS:
        data[name] = getattr(story, name)
    return data


def story_from_dict(data: Mapping[str, Any]) -> Story:
    """Build a story from data shaped like `story_to_dict` output (types are not checked here)."""
    known = {f.name for f in dataclasses.fields(Story)}
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    values["actions"] = tuple(
        StoryAction(did=a.get("did", ""), who=a.get("who", "")) for a in data.get("actions", ())
    )
    values["results"] = tuple(
        StoryResult(**{k: r.get(k, "") for k in RESULT_KEYS}) for r in data.get("results", ())
    )
    values["tags"] = tuple(data.get("tags", ()))
    return Story(**values)
