"""A story as one reference text: every field laid out with its span, and the facts it states.

Consistency checks need spans into something the user recognises. `story_text` lays the story out as
labelled lines ("Role: ...", "Situation: ...", "Action 2 (me): ...") and remembers where each field's
value lies, so a contradiction can quote the field and name it. `story_facts` reads the facts: the
structured fields (team size, role, dates) directly, the prose fields through the analyzer's extractor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.analysis.consistency import (
    Contradiction,
    Fact,
    Reference,
    compare_facts,
    extract_facts,
    role_fact,
)
from starcoach.analysis.report import Span
from starcoach.stories.model import PRESENT, SECTIONS, Story

_LABELS = dict(SECTIONS)


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one field's value lies in the reference text."""

    field: str
    label: str
    span: Span


@dataclass(frozen=True)
class StoryText:
    """The story as labelled lines, with the span of every field's value."""

    text: str
    fields: tuple[FieldSpan, ...]

    def field_at(self, span: Span) -> FieldSpan | None:
        """Return the field whose value contains `span`."""
        return next((f for f in self.fields if f.span.contains(span)), None)


@dataclass(frozen=True)
class StoryFacts:
    """A story's reference text and the facts it states, each tagged with its field."""

    text: StoryText
    facts: tuple[Fact, ...]
    structured: tuple[Fact, ...]
    """The facts from the structured fields (team size, role, dates): the story's own record."""


def story_text(story: Story) -> StoryText:
    """Lay the story out as labelled lines and record where each field's value lies."""
    parts: list[str] = []
    fields: list[FieldSpan] = []
    length = 0

    def add(field: str, label: str, value: str) -> None:
        nonlocal length
        if not value:
            return
        prefix = f"{label}: "
        start = length + len(prefix)
        parts.append(prefix + value + "\n")
        fields.append(FieldSpan(field, label, Span(start, start + len(value))))
        length += len(prefix) + len(value) + 1

    add("title", "Title", story.title)
    add("role", "Role", story.role)
    add("organisation", "Organisation", story.organisation)
    add("started", "Started", story.started)
    add("ended", "Ended", story.ended)
    add("team_size", "Team size", str(story.team_size) if story.team_size else "")
    add("situation", _LABELS["situation"], story.situation)
    add("task", _LABELS["task"], story.task)
    for i, action in enumerate(story.actions, 1):
        who = f" ({action.who})" if action.who else ""
        add(f"actions[{i}]", f"Action {i}{who}", action.did)
    for i, result in enumerate(story.results, 1):
        add(f"results[{i}]", f"Result {i}", result.outcome)
        add(f"results[{i}].metric", f"Result {i} metric", result.metric)
        add(f"results[{i}].baseline", f"Result {i} baseline", result.baseline)
        add(f"results[{i}].measured_by", f"Result {i} measured by", result.measured_by)
    for name, label in SECTIONS:
        if name not in ("situation", "task"):
            add(name, label, getattr(story, name))
    return StoryText("".join(parts), tuple(fields))


_PROSE_PREFIXES = ("situation", "task", "actions[", "results[", *_LABELS)


def _is_prose(field: str) -> bool:
    if field.startswith("results[") and "." in field:
        return False  # metric, baseline and measured-by are notes, not sentences
    return field.startswith(_PROSE_PREFIXES)


def _year(value: str) -> float | None:
    return float(value[:4]) if value and value != PRESENT else None


def story_facts(story: Story) -> StoryFacts:
    """Return the story's reference text and every fact it states."""
    text = story_text(story)
    by_field = {f.field: f for f in text.fields}
    structured: list[Fact] = []
    if "team_size" in by_field and story.team_size:
        size = float(story.team_size)
        structured.append(
            Fact("team_size", "team", f"{size:g}", by_field["team_size"].span, (size,))
        )
    if "role" in by_field:
        fact = role_fact(story.role, by_field["role"].span)
        if fact is not None:
            structured.append(fact)
    start, end = _year(story.started), _year(story.ended)
    if start is not None:
        structured.append(
            Fact("start", "project", f"{start:g}", by_field["started"].span, (start,))
        )
    if end is not None:
        structured.append(Fact("end", "project", f"{end:g}", by_field["ended"].span, (end,)))
    if start is not None and "ended" in by_field:
        ended = by_field["ended"].span
        span = Span(by_field["started"].span.start, ended.end)
        numbers = (start,) if end is None else (start, end)
        shown = f"{start:g} to {'present' if end is None else f'{end:g}'}"
        structured.append(Fact("period", "project", shown, span, numbers))

    prose: list[Fact] = []
    for field in text.fields:
        if not _is_prose(field.field):
            continue
        value = text.text[field.span.start : field.span.end]
        for fact in extract_facts(value):
            shifted = Span(fact.span.start + field.span.start, fact.span.end + field.span.start)
            prose.append(_moved(fact, shifted))
    return StoryFacts(text, (*structured, *prose), tuple(structured))


def _moved(fact: Fact, span: Span) -> Fact:
    return Fact(
        fact.kind,
        fact.subject,
        fact.value,
        span,
        fact.numbers,
        fact.unit,
        fact.approximate,
        fact.shape,
    )


def internal_contradictions(facts: StoryFacts) -> list[Contradiction]:
    """Return the facts in the story's prose that contradict its other fields.

    Each prose fact is compared with the facts of every other field (a field may restate itself),
    and a pair is reported once.
    """
    found: list[Contradiction] = []
    seen: set[tuple[Span, Span]] = set()
    text = facts.text
    for fact in facts.facts:
        if fact in facts.structured:
            continue
        home = text.field_at(fact.span)
        others = [f for f in facts.facts if text.field_at(f.span) != home]
        for contradiction in compare_facts([fact], others):
            key = tuple(sorted((contradiction.span, contradiction.reference_span), key=_span_key))
            pair = (key[0], key[1])
            if pair not in seen:
                seen.add(pair)
                found.append(contradiction)
    return found


def _span_key(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


def answer_contradictions(
    answer: str, story: Story, earlier: Sequence[str] = ()
) -> tuple[list[Contradiction], list[tuple[int, Contradiction]]]:
    """Return an answer's contradictions with the story, and with each earlier answer (by index)."""
    facts = story_facts(story)
    answer_facts = extract_facts(answer)
    with_story = compare_facts(answer_facts, facts.facts)
    with_answers: list[tuple[int, Contradiction]] = []
    for index, other in enumerate(earlier):
        with_answers.extend((index, c) for c in compare_facts(answer_facts, extract_facts(other)))
    return with_story, with_answers


def story_reference(story: Story) -> Reference:
    """Return the story as the reference an answer about it must agree with (text and every fact)."""
    facts = story_facts(story)
    return Reference(facts.text.text, facts.facts)
