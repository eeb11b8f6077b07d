"""The story record: its fields, their limits, and how a story is normalized and validated.

Plain dataclasses with no database behind them, so the story file format, the CLI prompts and the
coverage map can share one definition of a story. `validate_story` is the single gate every story passes
before it is stored: it normalizes text (newlines, surrounding blanks, tag case) so that a stored story
always round-trips through its Markdown file unchanged.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starcoach.storage.errors import Problem, StoryInvalid

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


FRONT_MATTER_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "role",
    "organisation",
    "started",
    "ended",
    "team_size",
    "anchor",
    "tags",
    "actions",
    "results",
)
"""Fields kept in the YAML front matter of a story file, in the order they are written."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("reflection", "Reflection"),
    ("why_it_matters", "Why it matters"),
    ("hardest_challenge", "Hardest challenge"),
    ("pushback", "Pushback"),
    ("difficult_person", "Difficult person"),
    ("failure", "Failure"),
    ("feedback", "Feedback"),
    ("working_on_now", "Working on now"),
)
"""Long-text fields kept as Markdown sections (field name, heading), in the order they are written."""

TEXT_FIELDS: tuple[str, ...] = tuple(name for name, _ in SECTIONS)
REQUIRED_FIELDS: tuple[str, ...] = ("title",)
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
        import datetime as dt

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
    short = {
        "title": normalize_text(story.title),
        "role": normalize_text(story.role),
        "organisation": normalize_text(story.organisation),
        "started": story.started.strip(),
        "ended": story.ended.strip(),
    }
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
    if not short["title"]:
        problems.append(Problem("is required and must not be empty", "title"))
    for name in ("title", "role", "organisation"):
        _check_text(short[name], name, MAX_TITLE_CHARS, problems)
        if "\n" in short[name]:
            problems.append(Problem("must be a single line", name))
    for name in ("started", "ended"):
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
        title=short["title"],
        role=short["role"],
        organisation=short["organisation"],
        started=short["started"],
        ended=short["ended"],
        team_size=story.team_size,
        actions=actions,
        results=results,
        tags=tuple(tags),
        anchor=bool(story.anchor),
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
