"""`story check`: what a story still lacks before it can carry an interview.

Gaps come from the story's structure (no measurable result, no baseline, an action nobody owns, no
reflection, nothing for the failure or feedback follow-ups) and from the analyzer run on each part as a
fragment, so the advice matches what `starcoach check` says about a spoken answer. Contradictions
inside the story (the prose says "a team of four", the team size says 5) and with given answers are
reported with both spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from starcoach.analysis import analyze_fragment
from starcoach.analysis.consistency import Contradiction
from starcoach.analysis.report import Finding, Severity, Span
from starcoach.stories.model import FIELD_ORDER, FIELDS, ME, TEAM, Story
from starcoach.stories.reference import (
    StoryText,
    answer_contradictions,
    internal_contradictions,
    story_facts,
)

# Quantity kinds that can state a measured result (the analyzer's own list, repeated as plain data
# because its features module is internal).
_METRIC_KINDS = frozenset(
    {"percent", "money", "duration", "multiplier", "count", "change", "measure", "fraction"}
)
_UNCLEAR_ACTORS = frozenset({"none", "passive"})


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the story is missing or states weakly, tied to a field."""

    rule_id: str
    severity: Severity
    field: str
    message: str
    advice: str


@dataclass(frozen=True, slots=True)
class FieldFinding:
    """An analyzer finding on one field of the story; its span is into that field's text."""

    field: str
    text: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class AnswerContradiction:
    """A contradiction between an answer and the story (`answer_index` None) or an earlier answer."""

    answer: int
    contradiction: Contradiction
    against_answer: int | None = None


@dataclass(frozen=True)
class StoryCheck:
    """Everything `story check` found."""

    story: Story
    reference: StoryText
    gaps: tuple[Gap, ...]
    findings: tuple[FieldFinding, ...]
    contradictions: tuple[Contradiction, ...]
    answer_contradictions: tuple[AnswerContradiction, ...] = field(default_factory=tuple)

    def worst(self) -> Severity | None:
        """Return the most severe level found (a contradiction counts as an error)."""
        levels = [g.severity for g in self.gaps] + [f.finding.severity for f in self.findings]
        if self.contradictions or self.answer_contradictions:
            levels.append(Severity.ERROR)
        return max(levels, default=None)


def _missing_gaps(story: Story) -> list[Gap]:
    """Report each field the table marks as needed and the story leaves empty."""
    gaps: list[Gap] = []
    for spec in FIELDS:
        if spec.missing is None:
            continue
        value = getattr(story, spec.name)
        if value.strip() if isinstance(value, str) else value:
            continue
        gaps.append(
            Gap(
                f"story.no_{spec.name}",
                Severity[spec.missing.severity.upper()],
                spec.name,
                spec.missing.message,
                spec.missing.advice,
            )
        )
    return gaps


def _action_gaps(story: Story) -> list[Gap]:
    from starcoach.stories.people import actor_problem

    gaps: list[Gap] = []
    own = False
    for i, action in enumerate(story.actions, 1):
        if actor_problem(action.who) is not None:
            gaps.append(
                Gap(
                    "story.actor_not_a_person",
                    Severity.WARNING,
                    f"actions[{i}]",
                    "'who' reads like a sentence, not a person",
                    "Put me, team, or a name (up to five words) in 'who', and what happened in "
                    "the action itself.",
                )
            )
        report = analyze_fragment(action.did, question="proud", part="action")
        actors = {a.actor for a in report.actions}
        if action.who == ME or "i" in actors:
            own = True
        if not action.who and (not actors or actors <= _UNCLEAR_ACTORS):
            gaps.append(
                Gap(
                    "story.action_no_actor",
                    Severity.WARNING,
                    f"actions[{i}]",
                    "nobody clearly does this action",
                    "Say who did it: you ('I ...'), the team, or a named colleague.",
                )
            )
    if story.actions and not own:
        gaps.append(
            Gap(
                "story.no_own_action",
                Severity.WARNING,
                "actions",
                "no action is yours",
                "Interviewers listen for your part: add at least one step you did yourself "
                "(who: me).",
            )
        )
    if story.actions and all(a.who == TEAM for a in story.actions):
        gaps.append(
            Gap(
                "story.only_team_actions",
                Severity.SUGGESTION,
                "actions",
                "every action is the team's",
                "Separate your own steps from the team's.",
            )
        )
    return gaps


def _result_gaps(story: Story) -> list[Gap]:
    gaps: list[Gap] = []
    measurable = False
    kinds_of: list[set[str]] = []
    for result in story.results:
        text = " ".join(p for p in (result.outcome, result.metric) if p)
        report = analyze_fragment(text, question="proud", part="result")
        kinds_of.append({q.kind for q in report.quantities})
    any_numbered = any(kinds & _METRIC_KINDS for kinds in kinds_of)
    for i, (result, kinds) in enumerate(zip(story.results, kinds_of, strict=True), 1):
        where = f"results[{i}]"
        numbered = bool(kinds & _METRIC_KINDS)
        measurable = measurable or numbered
        if not numbered and any_numbered:
            # When no result has a number, one story-level gap says so (below), not one per result.
            gaps.append(
                Gap(
                    "story.result_no_number",
                    Severity.WARNING,
                    where,
                    "this result has no number",
                    "Give the size of the change: a percentage, a time, money, a count.",
                )
            )
        elif not result.baseline and "change" not in kinds:
            gaps.append(
                Gap(
                    "story.result_no_baseline",
                    Severity.WARNING,
                    where,
                    "this result has no baseline",
                    "Say what the number was before, so the change can be judged.",
                )
            )
        if numbered and not result.measured_by:
            gaps.append(
                Gap(
                    "story.result_unmeasured",
                    Severity.SUGGESTION,
                    where,
                    "how this was measured is not recorded",
                    "Note the dashboard, experiment or report behind the number; it is the "
                    "first thing a curious interviewer asks.",
                )
            )
    if story.results and not measurable:
        gaps.append(
            Gap(
                "story.no_measurable_result",
                Severity.ERROR,
                "results",
                "no result is measurable",
                "At least one result needs a number with a baseline.",
            )
        )
    return gaps


# Rules the story's own fields and gaps already answer, so a problem is reported once: who did each
# action is recorded in `who` (and `story.action_no_actor` / `story.no_own_action` say when it is
# not); the reasons behind the steps usually live in the task and the prose; and whether a result has
# a number is judged by `story.result_no_number` / `story.no_measurable_result`, which also read the
# result's metric field.
_COVERED_BY_FIELDS = frozenset(
    {"action.no_personal_action", "action.no_reason", "result.no_number"}
)

# The checked list fields are keyed by the name of one row ("action", "result").
_ROW_KEYS = {"actions": "action", "results": "result"}

FIELD_PROMPTS: dict[str, tuple[str | None, str]] = {
    _ROW_KEYS.get(spec.name, spec.name): checked
    for spec in FIELDS
    if (checked := spec.checked) is not None
}
"""Story field -> (the STAR part it is checked as, the prompt it serves); "action" and "result" name
the rows of those lists. The story form's live checks and `story check` both use it, so a phrase the
form flags (a disguised strength in the failure field) is flagged on the saved story too."""


def _field_findings(story: Story) -> list[FieldFinding]:
    """Run the analyzer on each prose field as the prompt it serves; keep phrase-level findings."""
    pieces: list[tuple[str, str, str]] = [
        (name, name, getattr(story, name))
        for name in FIELD_PROMPTS
        if name not in ("action", "result")
    ]
    pieces += [(f"actions[{i}]", "action", a.did) for i, a in enumerate(story.actions, 1)]
    pieces += [(f"results[{i}]", "result", r.outcome) for i, r in enumerate(story.results, 1)]
    found: list[FieldFinding] = []
    for name, kind, text in pieces:
        if not text.strip():
            continue
        part, question = FIELD_PROMPTS[kind]
        report = analyze_fragment(text, question=question, part=part)
        if report.abstained:
            continue
        seen: set[str] = set()
        for f in report.findings:
            if f.span is None or f.rule_id in _COVERED_BY_FIELDS or f.rule_id in seen:
                continue
            seen.add(f.rule_id)
            found.append(FieldFinding(name, text, f))
    return found


def check_story(story: Story, answers: Sequence[str] = ()) -> StoryCheck:
    """Check a story's own gaps and consistency, and each answer against it and the ones before."""
    facts = story_facts(story)
    gaps = [
        *_missing_gaps(story),
        *_action_gaps(story),
        *_result_gaps(story),
    ]
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    gaps.sort(key=lambda g: (-g.severity, order.get(g.field.split("[")[0], 99), g.field))
    with_answers: list[AnswerContradiction] = []
    for index, answer in enumerate(answers):
        with_story, with_earlier = answer_contradictions(answer, story, answers[:index])
        with_answers.extend(AnswerContradiction(index, c) for c in with_story)
        with_answers.extend(AnswerContradiction(index, c, other) for other, c in with_earlier)
    return StoryCheck(
        story=story,
        reference=facts.text,
        gaps=tuple(gaps),
        findings=tuple(_field_findings(story)),
        contradictions=tuple(internal_contradictions(facts)),
        answer_contradictions=tuple(with_answers),
    )


def quote(text: str, span: Span) -> str:
    """Return the words a span covers."""
    return text[span.start : span.end]
