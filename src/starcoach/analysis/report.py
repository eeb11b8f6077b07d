"""The analyzer's output types: spans, findings, STAR labels, scores, probes and the report.

Every position is a half-open character range into the original text. These types are plain frozen
dataclasses so the analyzer stays pure and fast; `starcoach.render.json` is their one serializer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

SCHEMA_VERSION = "1.2"

STAR_PARTS = ("situation", "task", "action", "result", "reflection")

OVERALL_LEVELS = {
    1: "Clearly fails the question: no example of your own, or a red flag such as blame or denial.",
    2: "Weak: there is a story, but your own part, a real result or the lesson is missing or undermined.",
    3: "Adequate: a real example that answers the question, with one part thin or told in general terms.",
    4: "Strong: your own actions, a real outcome and what you took from it, told concretely.",
    5: "Would strongly advance: all of that, with a decision you weighed, a measured or lasting result "
    "and a clear close.",
}
"""What each level of the overall score means, as an interviewer would read it (1-5)."""


def overall_meaning(overall: float | None) -> str | None:
    """Return what an overall score means (its nearest level), or None for an unscored answer."""
    if overall is None:
        return None
    return OVERALL_LEVELS[max(1, min(5, round(overall)))]


ACTORS = ("i", "we", "they", "named", "passive", "none")
"""Who performs an action: the speaker, the team, other people, a named other, a passive verb, or no one."""


class Severity(IntEnum):
    """How much a finding matters; ordered so `--fail-on` can compare levels."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """Return the lowercase name used in files, JSON and the CLI."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Return the severity named by `value` (case-insensitive)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) into the original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, source: str) -> str:
        """Return the slice of `source` this span covers."""
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Return True when `other` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Return True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation about an answer, tied to the words that triggered it or to a missing part."""

    rule_id: str
    severity: Severity
    message: str
    advice: str
    dimension: str
    span: Span | None = None
    matched: str = ""
    replacements: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """The STAR+R part one sentence most likely belongs to."""

    span: Span
    part: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Action:
    """One action sentence and who performs it, for the ownership view."""

    span: Span
    actor: str
    actor_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the answer: a count, percentage, money, duration, multiplier or before→after."""

    span: Span
    kind: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a dimension got its score: quoted words (with a span) or a named gap (no span)."""

    note: str
    span: Span | None = None
    positive: bool = True


@dataclass(frozen=True, slots=True)
class DimensionScore:
    """A 1-5 score on one dimension with the evidence behind it (never empty)."""

    dimension: str
    score: int
    anchor: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class UnscoredDimension:
    """A dimension the answer gives no evidence for: not enough evidence to score it, rather than a low score.

    `probe` is the follow-up question that would draw the evidence out.
    """

    dimension: str
    reason: str
    probe: str = ""


@dataclass(frozen=True, slots=True)
class Probe:
    """A follow-up question an interviewer would ask, grounded in a quoted span or a named gap."""

    question: str
    reason: str
    source: str
    span: Span | None = None
    priority: float = 0.0


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A fact in the answer that disagrees with the reference (a story or an earlier answer).

    `span` points into the answer, `reference_span` into the reference text.
    """

    kind: str
    subject: str
    span: Span
    reference_span: Span
    value: str
    reference_value: str


@dataclass(frozen=True, slots=True)
class SpeakingTime:
    """Estimated spoken duration against the target range for the question."""

    words: int
    seconds: float
    target_min_seconds: int
    target_max_seconds: int


@dataclass(frozen=True)
class Report:
    """Everything the analyzer says about one answer."""

    text: str
    question_type: str
    question_source: str
    """How the question type was chosen: "id", "detected", "default" or "fallback"."""
    abstained: bool
    abstain_reason: str | None
    findings: tuple[Finding, ...]
    sentences: tuple[SentenceLabel, ...]
    parts_present: tuple[str, ...]
    actions: tuple[Action, ...]
    quantities: tuple[Quantity, ...]
    scores: tuple[DimensionScore, ...]
    overall: float | None
    probes: tuple[Probe, ...]
    speaking: SpeakingTime
    role: str | None = None
    question_text: str | None = None
    ruleset_version: str = ""
    schema_version: str = SCHEMA_VERSION
    notices: tuple[str, ...] = field(default_factory=tuple)
    fragment: bool = False
    """True when the text was analyzed as a piece of an answer (one STAR part or a phrase)."""
    reference: str | None = None
    """The story or earlier answer the answer was checked against, when one was given."""
    contradictions: tuple[Contradiction, ...] = ()
    unscored: tuple[UnscoredDimension, ...] = ()
    """Dimensions the answer gives no evidence for; the overall is computed over the scored ones."""

    def at_or_above(self, level: Severity) -> list[Finding]:
        """Return the findings whose severity is at least `level`."""
        return [f for f in self.findings if f.severity >= level]

    def actor_counts(self) -> dict[str, int]:
        """Return how many action sentences each kind of actor performs."""
        counts = dict.fromkeys(ACTORS, 0)
        for action in self.actions:
            counts[action.actor] += 1
        return counts
