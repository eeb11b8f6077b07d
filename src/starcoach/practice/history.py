"""Progress over time: score series per prompt and dimension, retry deltas, recurring findings.

Everything here works on stored attempts (anything with `question_id`, `created_at`, `session_id` and
a `report`), so the CLI, the web app and the session report compute progress the same way. Pure: no
I/O; the caller loads the attempts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from starcoach.analysis.report import Finding, Report
from starcoach.content import load_content

__all__ = [
    "RECURRING_WINDOW",
    "RULE_LABELS",
    "AttemptLike",
    "DimensionDelta",
    "Point",
    "Recurring",
    "RetryDelta",
    "Trend",
    "delivery_summary",
    "dimension_means",
    "recurring_findings",
    "retry_delta",
    "rule_label",
    "series_by_dimension",
    "series_by_question",
    "series_by_question_dimension",
    "sparkline",
    "trend",
    "weakest_dimension",
]

RECURRING_WINDOW = 7
"""How many recent answers `recurring_findings` looks at by default."""

RULE_LABELS: dict[str, str] = {
    "ownership.unclear_actor": "'we' or passive steps with no clear actor",
    "ownership.no_personal_action": "a result with no action that is clearly yours",
    "ownership.passive_framing": "your own work told in the passive voice",
    "ownership.obstacle_as_excuse": "obstacles told as excuses",
    "action.no_personal_action": "actions told with 'we' instead of 'I'",
    "action.no_reason": "actions with no reason given for them",
    "result.no_number": "a result with no number behind it",
    "result.striking_no_baseline": "a striking number with no baseline",
    "result.buried": "the result buried under the story",
    "reflection.missing": "no reflection on what you would do differently",
    "clarity.vague": "vague phrases where specifics belong",
    "clarity.hedged_contribution": "hedged claims about your own part",
    "clarity.wordy": "wordy phrasing",
    "length.too_short": "answers shorter than the target time",
    "length.rambling": "answers longer than the target time",
    "situation.no_stakes": "a situation that never says what was at stake",
    "star.missing_situation": "no situation to set the scene",
    "star.missing_action": "no actions in the story",
    "star.missing_result": "no result at the end",
    "task.not_yours": "a task that is not clearly yours",
    "proud.no_why": "no reason why this is the work you are proudest of",
    "proud.recognition_only": "pride in recognition rather than in what changed",
    "challenge.no_difficulty": "a challenge that never says what made it hard",
    "pushback.no_listening": "no sign of listening to the other side",
    "pushback.no_resolution": "a disagreement with no resolution",
    "pushback.pushover": "giving way without a view of your own",
    "difficult_person.no_empathy": "no attempt to understand the other person",
    "difficult_person.escalated_first": "escalating as the first step",
    "failure.no_cost": "a failure that cost nothing",
    "failure.no_own_part": "a failure without your own part in it",
    "failure.no_change": "a failure with no change afterwards",
    "failure.humblebrag": "a weakness that is really a strength",
    "feedback.no_specific_feedback": "feedback that is never stated",
    "feedback.no_change": "feedback with no change after it",
    "improvement.no_plan": "an area to improve with no plan",
    "conflict.personal_attack": "personal attacks on people in the story",
    "conflict.blame": "blame placed on others",
    "conflict.denies_conflict": "claiming never to have had a conflict",
    "conflict.one_sided": "one-sided accounts of a conflict",
    "conflict.vague_deflection": "conflicts put down to personalities",
    "judgment.meetings_not_decisions": "meetings instead of decisions",
    "collaboration.one_way_communication": "communication as a broadcast",
}
"""Short names for the findings people repeat, as a history line shows them."""

_BLOCKS = "▁▂▃▄▅▆▇█"


class AttemptLike(Protocol):
    """What history needs of a stored attempt."""

    @property
    def question_id(self) -> str:
        """The prompt answered."""

    @property
    def created_at(self) -> dt.datetime:
        """When the answer was given."""

    @property
    def session_id(self) -> str:
        """The session the answer belongs to."""

    @property
    def report(self) -> Report:
        """The analysis of the answer."""


def rule_label(rule_id: str, fallback: str = "") -> str:
    """Return the short name of a finding's rule, or `fallback` (else the id) when it has none."""
    if rule_id in RULE_LABELS:
        return RULE_LABELS[rule_id]
    # A finding's message is a sentence; in a list it reads as a phrase.
    text = fallback.strip().rstrip(".") or rule_id
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# --------------------------------------------------------------------------------------------
# Retry


@dataclass(frozen=True, slots=True)
class DimensionDelta:
    """One dimension's score before and after a retry (None where it was not scored)."""

    dimension: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        """Return after minus before, or None when either is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class RetryDelta:
    """How an answer changed against the previous attempt at the same prompt."""

    question_id: str
    before_overall: float | None
    after_overall: float | None
    dimensions: tuple[DimensionDelta, ...]
    gone: tuple[Finding, ...]
    """Findings of the earlier answer whose rule no longer fires."""
    new: tuple[Finding, ...]
    """Findings whose rule did not fire on the earlier answer."""
    kept: tuple[str, ...]
    """Rule ids that fire on both."""

    @property
    def overall_change(self) -> float | None:
        """Return the change of the overall score, or None when either answer was not scored."""
        if self.before_overall is None or self.after_overall is None:
            return None
        return round(self.after_overall - self.before_overall, 2)


def _first_per_rule(findings: Iterable[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    for finding in findings:
        out.setdefault(finding.rule_id, finding)
    return out


def retry_delta(before: Report, after: Report) -> RetryDelta:
    """Compare two answers to the same prompt: score change per dimension, findings gone and new."""
    old = {s.dimension: s.score for s in before.scores}
    now = {s.dimension: s.score for s in after.scores}
    order = [d for d in load_content().dimensions if d in old or d in now]
    before_rules = _first_per_rule(before.findings)
    after_rules = _first_per_rule(after.findings)
    return RetryDelta(
        question_id=after.question_type,
        before_overall=None if before.abstained else before.overall,
        after_overall=None if after.abstained else after.overall,
        dimensions=tuple(DimensionDelta(d, old.get(d), now.get(d)) for d in order),
        gone=tuple(f for rule, f in before_rules.items() if rule not in after_rules),
        new=tuple(f for rule, f in after_rules.items() if rule not in before_rules),
        kept=tuple(rule for rule in after_rules if rule in before_rules),
    )


# --------------------------------------------------------------------------------------------
# Series and trends


@dataclass(frozen=True, slots=True)
class Point:
    """One score at one time."""

    when: dt.datetime
    value: float
    session_id: str
    question_id: str


def _scored(attempts: Iterable[AttemptLike]) -> list[AttemptLike]:
    kept = [a for a in attempts if not a.report.abstained and a.report.scores]
    return sorted(kept, key=lambda a: a.created_at)


def series_by_question(attempts: Iterable[AttemptLike]) -> dict[str, list[Point]]:
    """Return the overall score of every scored attempt, per prompt, oldest first."""
    out: dict[str, list[Point]] = {}
    for a in _scored(attempts):
        if a.report.overall is None:
            continue
        point = Point(a.created_at, a.report.overall, a.session_id, a.question_id)
        out.setdefault(a.question_id, []).append(point)
    order = list(load_content().questions)
    return {q: out[q] for q in sorted(out, key=order.index)}


def series_by_dimension(attempts: Iterable[AttemptLike]) -> dict[str, list[Point]]:
    """Return every dimension score of every scored attempt, per dimension, oldest first."""
    out: dict[str, list[Point]] = {}
    for a in _scored(attempts):
        for score in a.report.scores:
            point = Point(a.created_at, float(score.score), a.session_id, a.question_id)
            out.setdefault(score.dimension, []).append(point)
    order = list(load_content().dimensions)
    return {d: out[d] for d in sorted(out, key=order.index)}


def series_by_question_dimension(
    attempts: Iterable[AttemptLike], dimension: str | None = None
) -> dict[str, dict[str, list[Point]]]:
    """Return each dimension's scores per prompt, oldest first: {prompt: {dimension: points}}.

    A dimension's trend compares answers to the same prompt only: a 4 on collaboration in a
    pushback story and a 1 in a difficult-person story measure different things, not progress.
    With `dimension`, only that dimension's scores (and the prompts that have some).
    """
    out: dict[str, dict[str, list[Point]]] = {}
    for a in _scored(attempts):
        for score in a.report.scores:
            if dimension is not None and score.dimension != dimension:
                continue
            point = Point(a.created_at, float(score.score), a.session_id, a.question_id)
            out.setdefault(a.question_id, {}).setdefault(score.dimension, []).append(point)
    questions = list(load_content().questions)
    dimensions = list(load_content().dimensions)
    return {
        q: {d: out[q][d] for d in sorted(out[q], key=dimensions.index)}
        for q in sorted(out, key=questions.index)
    }


@dataclass(frozen=True, slots=True)
class Trend:
    """A series in brief: how many points, the first, the latest, the best and the change."""

    count: int
    first: float
    last: float
    best: float
    mean: float

    @property
    def change(self) -> float:
        """Return the latest value minus the first."""
        return round(self.last - self.first, 2)

    def shown(self, digits: int = 1) -> tuple[float, float, float]:
        """Return (first, last, change) rounded for display, the change taken between the rounded values.

        Rounding each value on its own can print "4.6 → 4.6 (+0.1)"; taking the change between the
        values as shown keeps the three numbers consistent. The change is never "-0.0".
        """
        first, last = round(self.first, digits), round(self.last, digits)
        return first, last, round(last - first, digits) + 0.0


def trend(points: Sequence[Point]) -> Trend | None:
    """Return the brief of a series, or None when it is empty."""
    if not points:
        return None
    values = [p.value for p in points]
    return Trend(
        len(values), values[0], values[-1], max(values), round(sum(values) / len(values), 2)
    )


def sparkline(values: Sequence[float], low: float = 1.0, high: float = 5.0) -> str:
    """Return a one-line bar chart of `values` on the scale low..high ("▁▃▆█")."""
    out = []
    span = high - low
    for value in values:
        clamped = min(max(value, low), high)
        index = round((clamped - low) / span * (len(_BLOCKS) - 1)) if span > 0 else 0
        out.append(_BLOCKS[index])
    return "".join(out)


def dimension_means(reports: Iterable[Report]) -> dict[str, tuple[float, int]]:
    """Return each dimension's mean score and how many answers scored it, in content order."""
    sums: dict[str, list[int]] = {}
    for report in reports:
        if report.abstained:
            continue
        for score in report.scores:
            sums.setdefault(score.dimension, []).append(score.score)
    order = list(load_content().dimensions)
    return {
        d: (round(sum(v) / len(v), 2), len(v))
        for d, v in sorted(sums.items(), key=lambda kv: order.index(kv[0]))
    }


def weakest_dimension(attempts: Iterable[AttemptLike], last: int = 10) -> str | None:
    """Return the dimension with the lowest mean score over the last `last` scored answers."""
    recent = _scored(attempts)[-last:]
    means = dimension_means(a.report for a in recent)
    if not means:
        return None
    # Lowest mean first; among equals, the one scored most often is the surer weakness.
    return min(means, key=lambda d: (means[d][0], -means[d][1]))


# --------------------------------------------------------------------------------------------
# Recurring findings


@dataclass(frozen=True, slots=True)
class Recurring:
    """A finding that keeps coming back: in `count` of the last `window` answers."""

    rule_id: str
    label: str
    dimension: str
    count: int
    window: int

    def sentence(self) -> str:
        """Return the line a user reads, e.g. "... in 5 of your last 7 answers"."""
        return f"{self.label} in {self.count} of your last {self.window} answers"


def recurring_findings(
    attempts: Iterable[AttemptLike], window: int = RECURRING_WINDOW, min_count: int = 2
) -> list[Recurring]:
    """Return the findings that fired in many of the last `window` answers, most frequent first.

    A finding recurs when it fired in at least `min_count` answers and in at least 40% of them, so
    one bad day does not read as a habit.
    """
    recent = sorted((a for a in attempts if not a.report.abstained), key=lambda a: a.created_at)[
        -window:
    ]
    if not recent:
        return []
    counts: Counter[str] = Counter()
    sample: dict[str, Finding] = {}
    for attempt in recent:
        for rule_id, finding in _first_per_rule(attempt.report.findings).items():
            counts[rule_id] += 1
            sample.setdefault(rule_id, finding)
    need = max(min_count, math.ceil(0.4 * len(recent)))
    found = [
        Recurring(
            rule_id,
            rule_label(rule_id, sample[rule_id].message),
            sample[rule_id].dimension,
            count,
            len(recent),
        )
        for rule_id, count in counts.items()
        if count >= need
    ]
    return sorted(found, key=lambda r: (-r.count, r.rule_id))


def delivery_summary(doc: Mapping[str, Any]) -> dict[str, float | None]:
    """Return the headline numbers of a stored delivery document (docs/speech.md), for progress."""
    values = {v["metric"]: v["value"] for v in doc.get("verdicts", [])}
    pauses = doc.get("pauses", [])
    return {
        "speaking_seconds": doc.get("speaking_seconds"),
        "pace_wpm": doc.get("pace_wpm"),
        "fillers_per_minute": values.get("fillers") if doc.get("fillers_counted") else None,
        "long_pauses": float(len(pauses)),
        "mid_clause_pauses": float(sum(1 for p in pauses if p.get("kind") == "mid_clause")),
        "hedges_per_minute": values.get("hedges"),
    }
