"""Dimension scores on the behaviour-anchored 1-5 scale, each with the evidence behind it.

A score starts from the positive evidence found in the answer's own words (a level per dimension), and the
findings that bear on the dimension pull it down. A dimension with nothing to show gets a named gap as its
evidence, never a bare number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from starcoach.analysis.answer import Answer
from starcoach.analysis.kinds.base import find, regex_spans
from starcoach.analysis.registry import get_rule
from starcoach.analysis.report import STAR_PARTS, DimensionScore, Evidence, Finding, Severity, Span
from starcoach.analysis.scan import fixed_starts
from starcoach.content.loader import StructureStep

# Specificity is on the crowd's 1-5 scale. A sentence at or above 3 reads as concrete on its own; an
# answer whose mean sentence reaches 2.6 reads as concrete on the whole (on the answers-dev set, 28 of
# 40 strong answers reach it and 1 of 15 weak ones; short framing sentences pull every mean down).
CONCRETE_SENTENCE = 3.0
CONCRETE_ANSWER = 2.6
_PENALTY = {Severity.ERROR: 2.0, Severity.WARNING: 1.0, Severity.SUGGESTION: 0.5}


class _Cues(NamedTuple):
    regex: re.Pattern[str]
    starts: tuple[str, ...] | None
    """Lowercase texts every match starts with one of (None when unknown), so a scan can skip between them."""


def _cues(*patterns: str) -> _Cues:
    regex = re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])", re.IGNORECASE)
    found = [fixed_starts(p) for p in patterns]
    starts = tuple(start for group in found for start in group or ())
    return _Cues(regex, None if None in found else starts)


_JUDGMENT = _cues(
    r"decided", r"decision", r"chose", r"trade-?offs?", r"priorit\w+", r"options?", r"weighed", r"instead of",
    r"rather than", r"so that", r"because", r"risks?", r"the reason", r"alternatives?", r"cost of", r"hypothes\w+",
    r"experiment\w*", r"data showed", r"root cause",
)  # fmt: skip
_COLLABORATION = _cues(
    r"worked (?:closely )?with", r"aligned", r"asked", r"listened", r"met with", r"paired", r"stakeholders?",
    r"together", r"mentor\w*", r"convinced", r"persuaded", r"partnered", r"coordinat\w+", r"involved",
    r"brought in", r"shared", r"presented", r"workshop", r"one-on-ones?", r"feedback", r"support(?:ed)? (?:the|my)",
    r"agreed", r"compromise\w*", r"showed (?:her|him|them)", r"walked (?:her|him|them) through",
)  # fmt: skip
# Resilience needs an obstacle and the effort made against it; words for the obstacle alone, however
# many, show only that there was one.
_OBSTACLE = _cues(
    r"despite", r"under pressure", r"deadlines?", r"setbacks?", r"hard(?:est)?", r"difficult\w*", r"challeng\w+",
    r"obstacles?", r"blocked", r"stuck", r"mistakes?", r"went wrong", r"failed", r"outages?", r"frustrat\w+",
    r"tough", r"slowed (?:us|me|the \w+) down",
)  # fmt: skip
_EFFORT = _cues(
    r"kept (?:going|at it|trying)", r"again", r"didn't give up", r"did not give up", r"recovered", r"pivot\w*",
    r"struggl\w+", r"persist\w*", r"second (?:attempt|try)",
)  # fmt: skip
_SELF_AWARENESS = _cues(
    r"I should have", r"I should've", r"I underestimated", r"I overestimated", r"in hindsight", r"looking back",
    r"my mistake", r"my fault", r"I was wrong", r"I realized", r"I realised", r"I assumed", r"I missed",
    r"I didn't", r"my blind spot", r"I'd do (?:it )?differently", r"I would do (?:it )?differently", r"I learned",
)  # fmt: skip
_GROWTH = _cues(
    r"since then", r"ever since", r"now I", r"I now", r"these days", r"going forward", r"next time",
    r"I started", r"I changed", r"I make sure", r"I practi[cs]e", r"I learned", r"taught me", r"habit",
)  # fmt: skip
_BENEFICIARY = _cues(
    r"users?", r"customers?", r"clients?", r"patients?", r"students?", r"the team", r"my team", r"teammates?",
    r"revenue", r"the business", r"company",
)  # fmt: skip


def _matches(answer: Answer, cues: _Cues, note: str, limit: int = 4) -> list[Evidence]:
    """Return up to `limit` evidence items for distinct cue words found in the answer."""
    seen: set[str] = set()
    evidence = []
    for span in regex_spans(cues.regex, cues.starts, answer, [Span(0, len(answer.text))]):
        key = span.text(answer.text).lower()
        if key in seen:
            continue
        seen.add(key)
        evidence.append(Evidence(note, span))
        if len(evidence) == limit:
            break
    return evidence


def _level_by_count(count: int, thresholds: Sequence[int]) -> int:
    """Return 1 plus the number of thresholds `count` reaches."""
    return 1 + sum(count >= t for t in thresholds)


def _ownership(answer: Answer) -> tuple[int, list[Evidence]]:
    mine = [a.span for a in answer.actions if a.actor == "i"]
    evidence = [Evidence("an action that is clearly yours", span) for span in mine[:4]]
    if answer.question_id == "improvement":
        # An area to improve is owned in the present tense: what you practise now ("I pair on ...").
        practices = [
            label.span
            for label, guess in zip(answer.labels, answer.actor_guesses, strict=True)
            if guess.actor == "i" and label.part != "situation" and label.span not in mine
        ]
        evidence += [Evidence("a practice of yours", span) for span in practices[: 4 - len(mine)]]
        mine += practices
    # "I was responsible for ..." is not an action, but it does state the speaker's own part.
    stated = [
        label.span
        for label, guess in zip(answer.labels, answer.actor_guesses, strict=True)
        if label.part == "task" and guess.actor == "i"
    ]
    evidence += [Evidence("a responsibility you state as yours", span) for span in stated[:1]]
    if not mine:
        if stated:
            return 2, evidence
        return 1, [Evidence("no action in the answer is clearly yours", None, positive=False)]
    share = len(mine) / max(1, len(answer.actions))
    level = _level_by_count(len(mine), (1, 2, 3)) + (1 if share >= 0.5 and len(mine) >= 3 else 0)
    # Practices show what you do, not what you took on unasked: they reach 4 at most.
    return min(level, 4 if answer.question_id == "improvement" else 5), evidence


def _impact(answer: Answer) -> tuple[int, list[Evidence]]:
    if "result" not in answer.parts_present and not answer.metrics:
        return 1, [Evidence("no result is stated", None, positive=False)]
    evidence = [Evidence("a measured outcome", q.span) for q in answer.outcomes[:3]]
    beneficiary = _matches(answer, _BENEFICIARY, "who benefited", limit=1)
    if not evidence:
        results = answer.part_spans("result")
        gap = Evidence("the result has no number", None, positive=False)
        return 2, [*(Evidence("a result, unmeasured", s) for s in results[:1]), gap]
    has_change = any(q.kind == "change" for q in answer.outcomes)
    level = 3 + (1 if len(evidence) >= 2 or has_change else 0) + (1 if beneficiary else 0)
    return min(level, 5), evidence + beneficiary


def _cue_dimension(
    pattern: _Cues, note: str, gap: str, thresholds: Sequence[int] = (1, 2, 4)
) -> Callable[[Answer], tuple[int, list[Evidence]]]:
    """Return a scorer that levels a dimension by how many distinct cues of it the answer shows.

    No cue at all scores 2, not 1: many solid answers leave a dimension implicit, and a missing cue is weaker
    evidence than a finding against it (findings lower the score further).
    """

    def score(answer: Answer) -> tuple[int, list[Evidence]]:
        evidence = _matches(answer, pattern, note)
        if not evidence:
            return 2, [Evidence(gap, None, positive=False)]
        return min(1 + _level_by_count(len(evidence), thresholds), 5), evidence

    return score


def _resilience(answer: Answer) -> tuple[int, list[Evidence]]:
    obstacles = _matches(answer, _OBSTACLE, "difficulty faced", limit=2)
    efforts = _matches(answer, _EFFORT, "effort to get past it", limit=2)
    if not obstacles and not efforts:
        return 2, [Evidence("no difficulty or setback is described", None, positive=False)]
    # An obstacle met with the speaker's own actions, or an effort, is 3; each effort made against
    # an obstacle adds one. An obstacle with nothing the speaker did about it stays at 2.
    acted = any(a.actor == "i" for a in answer.actions)
    level = 3 + (len(efforts) if obstacles else 0) if efforts or acted else 2
    return min(level, 5), obstacles + efforts


def _self_awareness(answer: Answer) -> tuple[int, list[Evidence]]:
    level, evidence = _cue_dimension(
        _SELF_AWARENESS, "you name a limit or a lesson", "no mistake, limit or lesson is named"
    )(answer)
    reflection = answer.part_spans("reflection")
    if reflection:
        evidence.append(Evidence("a reflection", reflection[0]))
        level = min(5, max(level, 2) + 1)
    return level, evidence


def _structure(answer: Answer, steps: Sequence[StructureStep]) -> tuple[int, list[Evidence]]:
    """Score the STAR+R parts the prompt's own structure expects (a failure story has no separate result).

    Where the prompt checks every step of a part with a rule of its own (an improvement answer's plan and
    measure, a failure's cost), that rule decides whether the part is there: such answers are not told as
    a story, and the labeller misreads them. Elsewhere the part counts when the labeller finds a sentence
    of it or a question rule finds one of its steps.
    """
    expected = [p for p in STAR_PARTS if any(s.part == p for s in steps)] or list(STAR_PARTS)
    evidence = []
    for part in expected:
        of_part = [s for s in steps if s.part == part]
        own = [
            s.check
            for s in of_part
            if s.check is not None and s.check.startswith(f"{answer.question_id}.")
        ]
        labelled = [] if own and len(own) == len(of_part) else answer.part_spans(part)
        spans = labelled or [span for check in own for span in _found_by(check, answer)]
        if spans:
            evidence.append(Evidence(f"{part} present", spans[0]))
        else:
            # Name what the prompt wants there: "no action (what you are doing about it)".
            wanted = "; ".join(s.label[0].lower() + s.label[1:] for s in of_part)
            evidence.append(
                Evidence(f"no {part} ({wanted})" if wanted else f"no {part}", None, False)
            )
    present = sum(e.positive for e in evidence)
    return max(1, round(5 * present / len(expected))), evidence


def _found_by(check: str, answer: Answer) -> list[Span]:
    """Return what a "too few of these" rule finds in the answer when it finds enough, else []."""
    rule = get_rule(check)
    if rule.kind != "occurrence" or not rule.params["min"]:
        return []
    spans = find(rule.params["count"], answer)
    return spans if len(spans) >= rule.params["min"] else []


def _communication(answer: Answer) -> tuple[int, list[Evidence]]:
    low, high = answer.target_seconds
    seconds = answer.speaking_seconds
    in_range = low <= seconds <= high
    evidence = [
        Evidence(f"about {round(seconds)} s spoken (target {low}-{high} s)", None, in_range)
    ]
    scores = answer.sentence_specificity
    concrete_sentences = sorted(
        (i for i, score in enumerate(scores) if score >= CONCRETE_SENTENCE),
        key=lambda i: scores[i],
        reverse=True,
    )
    evidence += [
        Evidence("a concrete sentence", answer.sentences[i]) for i in concrete_sentences[:2]
    ]
    concrete = sum(scores) / max(1, len(scores)) >= CONCRETE_ANSWER
    if not concrete:
        gap = "most sentences stay general" if concrete_sentences else "no sentence is concrete"
        evidence.append(Evidence(gap, None, positive=False))
    # The anchors: 2 when the length is wrong and the words general, 3 for one of the two, 4 for
    # neither, 5 when also short enough to leave room for follow-ups (the first half of the range).
    level = 2 + in_range + concrete
    if in_range and concrete and seconds <= (low + high) / 2:
        level = 5
    return level, evidence


# Structure is scored against the prompt's own steps, in score_dimensions.
SCORERS: dict[str, Callable[[Answer], tuple[int, list[Evidence]]]] = {
    "ownership": _ownership,
    "impact": _impact,
    "judgment": _cue_dimension(_JUDGMENT, "reasoning or a trade-off", "no reasoning or trade-off is given"),
    "collaboration": _cue_dimension(_COLLABORATION, "working with others", "no one else appears in how the work was done"),
    "resilience": _resilience,
    "self_awareness": _self_awareness,
    "growth": _cue_dimension(_GROWTH, "a change in how you work", "no lesson or changed habit"),
    "communication": _communication,
}  # fmt: skip


# A whole answer always shows its structure and length; a fragment (one part, a phrase) has neither.
_WHOLE_ANSWER_ONLY = ("structure", "communication")


def score_dimensions(
    answer: Answer,
    weights: Mapping[str, float],
    findings: Sequence[Finding],
    anchors: Mapping[str, Mapping[int, str]],
    steps: Sequence[StructureStep] = (),
) -> tuple[list[DimensionScore], float | None]:
    """Return a 1-5 score with evidence per weighted dimension, and the weighted overall score.

    The overall is the weighted mean of the unrounded levels, kept within 1-5 only at the end, so two answers
    with the same rounded scores (even both at the floor) still rank by how far findings moved them.
    """

    def structure(scored: Answer) -> tuple[int, list[Evidence]]:
        return _structure(scored, steps)

    scorers = {**SCORERS, "structure": structure}
    dimensions = [d for d in weights if d in scorers]
    for extra in _WHOLE_ANSWER_ONLY:
        if extra not in dimensions:
            dimensions.append(extra)
    if answer.fragment:
        dimensions = [d for d in dimensions if d not in _WHOLE_ANSWER_ONLY]
    scores = []
    weighted = total = 0.0
    for dimension in dimensions:
        level, evidence = scorers[dimension](answer)
        penalty = 0.0
        for finding in findings:
            if finding.dimension == dimension:
                penalty += _PENALTY[finding.severity]
                evidence.append(Evidence(finding.message, finding.span, positive=False))
        raw = min(5.0, level - penalty)
        value = max(1, min(5, round(raw)))
        anchor = anchors.get(dimension, {}).get(value, "")
        scores.append(DimensionScore(dimension, value, anchor, tuple(evidence)))
        weight = weights.get(dimension, 1.0)
        weighted += raw * weight
        total += weight
    return scores, (round(max(1.0, weighted / total), 2) if total else None)
