"""The interview kit: what it holds, how one is built for a role, and how it is validated.

A kit is plain data (no database behind it) so the kit file, the web form, the print export and the
stored versions share one definition. `kit_from_dict` is the single gate: every kit passes it before
it is stored, and it reports every problem at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starcoach.content import load_content
from starcoach.content.loader import UnknownRoleError, resolve_role
from starcoach.kit.content import LEVELS, FollowUp, interviewer_content
from starcoach.kit.errors import KitInvalid, UnknownRole

KINDS = ("opener", "prompt")
MAX_TEXT = 2_000
MAX_ITEMS = 40
MAX_MINUTES = 120
MAX_DEADLINE_HOURS = 24 * 60
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

DEFAULT_INTRO = (
    "Ask every candidate for this role the same questions, in this order, and rate them on the same "
    "scale. Write down what the candidate says, in their words, under each question. Rate each "
    "dimension only from what you wrote: a score needs a quote from your notes, and 'not enough "
    "evidence' is a better answer than a guess. Submit your scorecard before you read anyone else's."
)


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One question of a kit: how to ask it, its follow-ups, what it listens for, its time."""

    key: str
    kind: str
    prompt: str
    """The prompt id the analyzer reads the notes against ("proud", "failure", ...)."""
    ask: str
    minutes: int
    listens_for: tuple[str, ...]
    red_flags: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]


@dataclass(frozen=True, slots=True)
class KitDimension:
    """A dimension to rate, with the criterion and a short example for each level 1-5."""

    id: str
    name: str
    question: str
    criteria: Mapping[int, str]
    examples: Mapping[int, str]


@dataclass(frozen=True, slots=True)
class Kit:
    """An interview kit for one role."""

    id: str
    title: str
    role: str
    intro: str
    questions: tuple[KitQuestion, ...]
    dimensions: tuple[KitDimension, ...]
    red_flags: tuple[str, ...]
    deadline_hours: int | None = None

    @property
    def minutes(self) -> int:
        """Return the planned length of the interview."""
        return sum(q.minutes for q in self.questions)

    def question(self, key: str) -> KitQuestion:
        """Return the question with this key; raise KeyError naming the valid keys."""
        for question in self.questions:
            if question.key == key:
                return question
        valid = ", ".join(q.key for q in self.questions)
        raise KeyError(f"the kit has no question {key!r} (its questions: {valid})")

    def dimension(self, dimension_id: str) -> KitDimension:
        """Return the dimension with this id; raise KeyError naming the valid ids."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        valid = ", ".join(d.id for d in self.dimensions)
        raise KeyError(f"the kit rates no dimension {dimension_id!r} (it rates: {valid})")


def slugify(text: str) -> str:
    """Return a kit id made from a title: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:64].strip("-")


def resolve_kit_role(name: str) -> str:
    """Return the role id `name` names; raise UnknownRole with the valid roles."""
    try:
        return resolve_role(name).id
    except UnknownRoleError as exc:
        raise UnknownRole(str(exc)) from None


def build_kit(role: str, *, kit_id: str | None = None, deadline_hours: int | None = None) -> Kit:
    """Assemble the kit for a role from the bundled content; raise UnknownRole for an unknown role."""
    role_id = resolve_kit_role(role)
    content = load_content()
    interviewer = interviewer_content()
    notes = interviewer.roles.get(role_id)
    dimension_ids = notes.dimensions if notes else interviewer.dimensions
    questions = [
        KitQuestion(
            key=p.id,
            kind=p.kind,
            prompt=p.id,
            ask=p.ask,
            minutes=p.minutes,
            listens_for=p.listens_for
            + ((notes.listen_for,) if notes and p.kind == "opener" else ()),
            red_flags=p.red_flags,
            # A prompt without follow-ups of its own takes the first ones the guide lists for it.
            follow_ups=p.follow_ups
            or tuple(FollowUp(ask, "") for ask in content.questions[p.id].follow_ups[:3]),
        )
        for p in sorted(interviewer.prompts.values(), key=lambda p: p.kind != "opener")
    ]
    dimensions = [
        KitDimension(
            id=dim,
            name=content.dimensions[dim].name,
            question=content.dimensions[dim].question,
            criteria=dict(content.dimensions[dim].anchors),
            examples=dict(interviewer.examples[dim]),
        )
        for dim in dimension_ids
    ]
    role_name = content.roles[role_id].name
    return Kit(
        id=kit_id or slugify(role_name),
        title=f"{role_name} interview",
        role=role_id,
        intro=DEFAULT_INTRO,
        questions=tuple(questions),
        dimensions=tuple(dimensions),
        red_flags=interviewer.red_flags,
        deadline_hours=deadline_hours,
    )


# --- to and from plain data ---------------------------------------------------------------------


def kit_to_dict(kit: Kit) -> dict[str, Any]:
    """Return the kit as JSON-ready data (the shape of the kit file's front matter, plus the intro)."""
    return {
        "id": kit.id,
        "title": kit.title,
        "role": kit.role,
        "deadline_hours": kit.deadline_hours,
        "red_flags": list(kit.red_flags),
        "questions": [
            {
                "key": q.key,
                "kind": q.kind,
                "prompt": q.prompt,
                "ask": q.ask,
                "minutes": q.minutes,
                "listens_for": list(q.listens_for),
                "red_flags": list(q.red_flags),
                "follow_ups": [{"ask": f.ask, "listens_for": f.listens_for} for f in q.follow_ups],
            }
            for q in kit.questions
        ],
        "dimensions": [
            {
                "id": d.id,
                "name": d.name,
                "question": d.question,
                "levels": {
                    str(level): {"criterion": d.criteria[level], "example": d.examples[level]}
                    for level in LEVELS
                },
            }
            for d in kit.dimensions
        ],
        "intro": kit.intro,
    }


class _Checker:
    """Collects every problem in a kit's data, each named by its field path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, value: object, where: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{where}: expected text")
            return ""
        cleaned = " ".join(value.split()) if "\n" not in value else value.strip()
        if required and not cleaned:
            self.problems.append(f"{where}: must not be empty")
        limit = MAX_TEXT * 5 if where == "intro" else MAX_TEXT
        if len(cleaned) > limit:
            self.problems.append(f"{where}: longer than the limit")
        return cleaned

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problems.append(f"{where}: expected a list of texts")
            return ()
        if len(value) > MAX_ITEMS:
            self.problems.append(f"{where}: at most {MAX_ITEMS} items")
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(value))

    def integer(self, value: object, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(f"{where}: expected a whole number from {low} to {high}")
            return low
        return value

    def table(self, value: object, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.problems.append(f"{where}: expected a table of fields")
            return {}
        return value


def _question(check: _Checker, raw: object, where: str) -> KitQuestion:
    data = check.table(raw, where)
    known = {"key", "kind", "prompt", "ask", "minutes", "listens_for", "red_flags", "follow_ups"}
    for extra in sorted(set(data) - known):
        check.problems.append(f"{where}: unknown field {extra!r}")
    key = check.text(data.get("key"), f"{where}.key")
    if key and not KEY_PATTERN.match(key):
        check.problems.append(f"{where}.key: use lowercase letters, digits and '_'")
    kind = check.text(data.get("kind", "prompt"), f"{where}.kind")
    if kind not in KINDS:
        check.problems.append(f"{where}.kind: must be one of {', '.join(KINDS)}")
    prompt = check.text(data.get("prompt", key), f"{where}.prompt")
    if prompt and prompt not in load_content().questions:
        valid = ", ".join(load_content().questions)
        check.problems.append(f"{where}.prompt: unknown prompt {prompt!r} (valid: {valid})")
    follow_ups = []
    raw_follow_ups = data.get("follow_ups") or []
    if not isinstance(raw_follow_ups, list):
        check.problems.append(f"{where}.follow_ups: expected a list")
        raw_follow_ups = []
    for i, item in enumerate(raw_follow_ups):
        fwhere = f"{where}.follow_ups[{i}]"
        fdata = check.table(item, fwhere)
        follow_ups.append(
            FollowUp(
                check.text(fdata.get("ask"), f"{fwhere}.ask"),
                check.text(fdata.get("listens_for"), f"{fwhere}.listens_for", required=False),
            )
        )
    return KitQuestion(
        key=key,
        kind=kind,
        prompt=prompt,
        ask=check.text(data.get("ask"), f"{where}.ask"),
        minutes=check.integer(data.get("minutes"), f"{where}.minutes", 1, MAX_MINUTES),
        listens_for=check.texts(data.get("listens_for"), f"{where}.listens_for"),
        red_flags=check.texts(data.get("red_flags"), f"{where}.red_flags"),
        follow_ups=tuple(follow_ups),
    )


def _dimension(check: _Checker, raw: object, where: str) -> KitDimension:
    data = check.table(raw, where)
    dim_id = check.text(data.get("id"), f"{where}.id")
    known = load_content().dimensions
    if dim_id and dim_id not in known:
        check.problems.append(
            f"{where}.id: unknown dimension {dim_id!r} (valid: {', '.join(known)})"
        )
    levels = check.table(data.get("levels"), f"{where}.levels")
    criteria: dict[int, str] = {}
    examples: dict[int, str] = {}
    for level in LEVELS:
        entry = levels.get(str(level), levels.get(level))  # type: ignore[call-overload]
        lwhere = f"{where}.levels.{level}"
        if entry is None:
            check.problems.append(f"{lwhere}: missing (every level 1-5 needs a criterion)")
            continue
        entry = check.table(entry, lwhere)
        criteria[level] = check.text(entry.get("criterion"), f"{lwhere}.criterion")
        examples[level] = check.text(entry.get("example"), f"{lwhere}.example", required=False)
    extra = {str(k) for k in levels} - {str(level) for level in LEVELS}
    if extra:
        check.problems.append(f"{where}.levels: only levels 1-5 exist (found {sorted(extra)})")
    default = known.get(dim_id)
    return KitDimension(
        id=dim_id,
        name=check.text(data.get("name", default.name if default else None), f"{where}.name"),
        question=check.text(
            data.get("question", default.question if default else ""),
            f"{where}.question",
            required=False,
        ),
        criteria=criteria,
        examples=examples,
    )


def kit_from_dict(data: Mapping[str, Any], source: str | None = None) -> Kit:
    """Validate kit data and return the kit; raise KitInvalid listing every problem."""
    check = _Checker()
    known = {
        "id",
        "title",
        "role",
        "deadline_hours",
        "red_flags",
        "questions",
        "dimensions",
        "intro",
        "version",
    }
    for extra in sorted(set(data) - known):
        check.problems.append(f"unknown field {extra!r}")
    kit_id = check.text(data.get("id"), "id")
    if kit_id and not ID_PATTERN.match(kit_id):
        check.problems.append("id: use lowercase letters, digits and single hyphens")
    role = check.text(data.get("role"), "role")
    if role:
        try:
            role = resolve_kit_role(role)
        except UnknownRole as exc:
            check.problems.append(f"role: {exc}")
    deadline = data.get("deadline_hours")
    if deadline is not None:
        deadline = check.integer(deadline, "deadline_hours", 1, MAX_DEADLINE_HOURS)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        check.problems.append("questions: a kit needs at least one question")
        raw_questions = []
    questions = tuple(_question(check, q, f"questions[{i}]") for i, q in enumerate(raw_questions))
    keys = [q.key for q in questions]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        check.problems.append(f"questions: two questions share the key {key!r}")
    if questions and sum(q.kind == "opener" for q in questions) > 1:
        check.problems.append("questions: at most one question is the opener")
    raw_dimensions = data.get("dimensions")
    if not isinstance(raw_dimensions, list) or not raw_dimensions:
        check.problems.append("dimensions: a kit rates at least one dimension")
        raw_dimensions = []
    dimensions = tuple(
        _dimension(check, d, f"dimensions[{i}]") for i, d in enumerate(raw_dimensions)
    )
    ids = [d.id for d in dimensions]
    for dim in sorted({d for d in ids if ids.count(d) > 1}):
        check.problems.append(f"dimensions: {dim!r} appears twice")
    kit = Kit(
        id=kit_id,
        title=check.text(data.get("title"), "title"),
        role=role,
        intro=check.text(data.get("intro") or DEFAULT_INTRO, "intro"),
        questions=questions,
        dimensions=dimensions,
        red_flags=check.texts(data.get("red_flags"), "red_flags"),
        deadline_hours=deadline,
    )
    if check.problems:
        raise KitInvalid(check.problems, source)
    return kit
