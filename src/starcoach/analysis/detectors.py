"""Named signals that rules can point at: detectors (spans), features (numbers) and functions (checks).

Detectors and features read the lazily computed parts of an `Answer`, so a signal is computed only when a
selected rule asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from starcoach.analysis.answer import Answer
from starcoach.analysis.features.blame import blame_span
from starcoach.analysis.features.clauses import Deed
from starcoach.analysis.features.coherence import generic, keyword_stuffing
from starcoach.analysis.features.cost import read_outcomes
from starcoach.analysis.features.judgment import (
    achievement_as_failure,
    blame_of_others,
    owns_a_part,
    personal_attacks,
    virtue_as_flaw,
)
from starcoach.analysis.features.numbers import is_striking
from starcoach.analysis.features.roles import implausible
from starcoach.analysis.features.star import has_habit
from starcoach.analysis.features.topic import (
    hypothetical,
    no_occasion,
    off_topic,
    someone_elses_work,
    strength_pivot,
    success_as_failure,
)
from starcoach.analysis.features.wander import (
    OWN_ACTIONS_MAX_WITH_MANY_ASIDES,
    WANDER_MIN_WORDS,
    asides,
    wanders,
)
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fold

Detector = Callable[[Answer], list[Span]]


def _lesson(answer: Answer) -> list[Span]:
    return list(answer.lessons)


def _striking_unbased(answer: Answer) -> list[Span]:
    """Return striking outcome numbers with no baseline; a load, a lesson or a plan is not a claim."""
    return [
        r.span
        for r in answer.quantity_roles
        if r.role == "outcome" and not r.baseline and is_striking(r.quantity)
    ]


def _roles(*roles: str) -> Detector:
    def detect(answer: Answer) -> list[Span]:
        return [r.span for r in answer.quantity_roles if r.role in roles]

    return detect


def _outcome(answer: Answer) -> list[Span]:
    """Return result sentences and the outcome numbers stated in the story's actions."""
    return [*answer.part_spans("result"), *(q.span for q in answer.outcomes)]


# Answers whose result is often a lesson or a changed habit rather than an outcome for others.
LESSON_IS_RESULT = frozenset({"failure", "feedback", "improvement"})


def _outcome_or_change(answer: Answer) -> list[Span]:
    """Return what counts as a result: outcomes, and for failure, feedback and improvement answers the
    lesson or the habit changed since; for any answer, a habit changed since ("since March I ...")."""
    spans = _outcome(answer)
    # The rule that reads this asks whether there is any result at all, so an outcome settles it
    # and the per-sentence habit scan is skipped.
    if spans:
        return spans
    if answer.question_id in LESSON_IS_RESULT:
        return spans + answer.lessons
    for sentence, text in zip(answer.sentences, answer.sentence_texts, strict=True):
        found = has_habit(text)
        if found is not None:
            spans.append(Span(sentence.start + found.start, sentence.start + found.end))
    return spans


def _actions_by(*actors: str) -> Detector:
    def detect(answer: Answer) -> list[Span]:
        return [action.span for action in answer.actions if action.actor in actors]

    return detect


# The questions where blame is read by `conflict.blame`; a failure story's is read by `_others_blamed`.
BLAME_QUESTIONS = frozenset({"pushback", "difficult_person", "feedback", "challenge"})


def _others_fell_short(answer: Answer) -> list[Span]:
    """Return the first clause where someone else fell short, in an answer about a person, pushback,
    feedback or a challenge that puts what went wrong on others and names no shortfall of its own."""
    if answer.fragment or answer.question_id not in BLAME_QUESTIONS:
        return []
    found = blame_span(answer.text, answer.sentences)
    return [] if found is None else [found]


def _deeds_if_others_act(answer: Answer) -> list[Deed]:
    """Return the answer's deeds when some sentence is told with another person acting, else none: an
    answer about someone else's work tells at least one of their deeds as a sentence of its own, and
    reading clauses costs more than reading sentences."""
    if any(guess.actor in ("they", "named") for guess in answer.actor_guesses):
        return answer.deeds
    return []


def _own_deeds(answer: Answer) -> list[Span]:
    """Return the speaker's own actions: action sentences told with "I", or when there is none, the
    clauses where the speaker does something ("The first month was design: I worked with our web
    developer..."). The clause reading, the slower one, runs only when the sentences show nothing."""
    spans = _actions_by("i")(answer)
    return spans or [Span(d.start, d.end) for d in answer.deeds if d.actor == "i"]


def _doing(answer: Answer) -> list[Span]:
    """Return what shows something was done: action sentences, or when there is none, the clauses in
    which someone does something, whatever part of the story their sentence was read as."""
    return answer.part_spans("action") or [Span(d.start, d.end) for d in answer.deeds]


# Questions whose answers must name a failing of the speaker's own.
NAMES_A_FAILING = frozenset({"failure", "improvement"})


def _virtue_as_flaw(answer: Answer) -> list[Span]:
    """Return a virtue offered as the weakness, or, in a failure or improvement answer, an achievement
    named in the opening sentence as the failing ("the quarter I hit 260 percent of target")."""
    found = virtue_as_flaw(answer.text)
    if found or answer.question_id not in NAMES_A_FAILING or not answer.sentences:
        return found
    opening = answer.sentences[0]
    span = achievement_as_failure(answer.text[opening.start : opening.end])
    return [] if span is None else [Span(opening.start + span.start, opening.start + span.end)]


DETECTORS: dict[str, Detector] = {
    "sentence": lambda answer: list(answer.sentences),
    "quantity": lambda answer: [q.span for q in answer.quantities],
    "metric": lambda answer: [q.span for q in answer.metrics],
    "striking_unbased": _striking_unbased,
    "outcome_number": _roles("outcome"),
    "effort_number": _roles("effort"),
    # Numbers a result can state: an outcome, or a count or time that may be one; not effort, a rule,
    # a plan, a diagnosis, a rollout step, the load faced or a lesson.
    "result_number": _roles("outcome", "context", "duration"),
    "outcome": _outcome,
    "outcome_or_change": _outcome_or_change,
    "lesson": _lesson,
    "reflection": lambda answer: [*answer.part_spans("reflection"), *_lesson(answer)],
    "vague": lambda answer: list(answer.vague),
    "action": lambda answer: [action.span for action in answer.actions],
    "action_i": _actions_by("i"),
    "own_deed": _own_deeds,
    "doing": _doing,
    "action_not_i": _actions_by("we", "they", "named", "passive", "none"),
    "action_unclear": _actions_by("passive", "none"),
    "personal_attack": lambda answer: personal_attacks(answer.text, answer.sentences),
    "virtue_as_flaw": _virtue_as_flaw,
    "others_fell_short": _others_fell_short,
}

FEATURES: dict[str, Callable[[Answer], float]] = {
    "words": lambda answer: float(answer.word_count),
    "speaking_vs_max": lambda answer: answer.speaking_seconds / answer.target_seconds[1],
    "speaking_vs_min": lambda answer: answer.speaking_seconds / answer.target_seconds[0],
}

# Sentences scoring below this (on the crowd's 1-5 specificity scale) read as generic: on the dev half of
# the specificity data, 83% of sentences scored under 2.3 have a mean crowd rating under 2.5 (87% of
# those under 2.2; see eval/specificity.py).
VAGUE_SENTENCE_SPECIFICITY = 2.3


def _vague_without_detail(answer: Answer) -> list[Span | None]:
    """Flag hand-waving phrases that sit in sentences with no concrete detail around them."""
    flagged: list[Span | None] = []
    for span in answer.vague:
        for index, sentence in enumerate(answer.sentences):
            if sentence.start <= span.start < sentence.end:
                if answer.sentence_specificity[index] < VAGUE_SENTENCE_SPECIFICITY:
                    flagged.append(span)
                break
    return flagged


# An answer flagged for effort as impact states at least two effort numbers, they are a good share of
# its numbers, and none of its numbers is an outcome (measured on the dev split of our answers).
EFFORT_MIN = 2
EFFORT_SHARE = 0.3


def _effort_as_impact(answer: Answer) -> list[Span | None]:
    """Flag the effort numbers of an answer whose only numbers about the work measure effort, not outcome."""
    effort = answer.effort_numbers
    if answer.fragment or len(effort) < EFFORT_MIN or answer.outcomes:
        return []
    counted = [r for r in answer.quantity_roles if r.role in ("effort", "context")]
    if len(effort) < EFFORT_SHARE * len(counted):
        return []
    return [effort[0].span]


def _others_blamed(answer: Answer) -> list[Span | None]:
    """Flag a failure story that puts the failure on others or on circumstances.

    A "nothing I could control" phrase is enough; others' failures given as causes count when the
    speaker names no part of their own.
    """
    strong, weak = blame_of_others(answer.text)
    if strong:
        return [strong[0]]
    # Where the question is not known to ask for a failure, the obstacle others caused may be the problem
    # the speaker went on to solve: only the clause reading of blame (two sentences or more) counts there.
    failure = answer.question_id == "failure"
    if failure and weak and not owns_a_part(answer.text):
        return [weak[0]]
    return _one(blame_span(answer.text, answer.sentences, failure=failure))


def _off_topic(answer: Answer) -> list[Span | None]:
    """Flag an answer about something other than what its prompt asks (whole answers only: one story
    field rarely holds the words that show the topic)."""
    if answer.fragment:
        return []
    if answer.question_id in ("failure", "improvement"):
        pivot = strength_pivot(answer.text)
        if pivot is not None:
            return [pivot]
    return [None] if off_topic(answer.text, answer.question_id) else []


# Improvement answers tell habits in the present by nature; the other prompts ask for one occasion.
TOLD_AS_HABIT = frozenset({"improvement"})


def _no_occasion(answer: Answer) -> list[Span | None]:
    """Flag a whole answer that describes the job in general, in the present, instead of one occasion."""
    if answer.fragment or answer.question_id in TOLD_AS_HABIT:
        return []
    # Imported here: scoring reads the rules that these detectors serve.
    from starcoach.analysis.scoring import without_fillers

    content = without_fillers(answer)
    found = no_occasion(content.sentence_texts, content.actor_guesses, content.text)
    return [None] if found else []


def _success_as_failure(answer: Answer) -> list[Span | None]:
    """Flag the phrases that turn a failure answer into a success story, or a whole failure answer whose
    outcomes are all good and that tells no real cost (`features.cost`)."""
    found = success_as_failure(answer.text)[:1]
    if found:
        return list(found)
    if (
        answer.question_id == "failure"
        and not answer.fragment
        and read_outcomes(answer.text).only_good
    ):
        return [None]
    return []


def _implausible(answer: Answer) -> list[Span | None]:
    """Flag numbers nobody would believe as stated."""
    text = fold(answer.text)
    return [q.span for q in answer.quantities if implausible(text, q)]


def _self_contradiction(answer: Answer) -> list[Span | None]:
    """Flag a duration, team size, total or change that disagrees with one stated earlier."""
    from starcoach.analysis.consistency import self_contradictions

    return [c.span for c in self_contradictions(answer.text)]


def _wanders(answer: Answer) -> list[Span | None]:
    """Flag a long answer that is mostly background and asides, with almost nothing the speaker did."""
    if answer.fragment or answer.word_count < WANDER_MIN_WORDS:
        return []
    # The structural tests first: most long answers have an outcome or several actions of their own.
    own = sum(action.actor == "i" for action in answer.actions)
    if answer.outcomes or own > OWN_ACTIONS_MAX_WITH_MANY_ASIDES:
        return []
    parts = [label.part for label in answer.labels]
    if answer.question_id == "feedback":
        # In a feedback answer, what someone told the speaker is the topic, not background.
        parts = [
            "action" if part == "situation" and _tells_feedback(text) else part
            for part, text in zip(parts, answer.sentence_texts, strict=True)
        ]
    if not wanders(answer.word_count, parts, own, 0, asides(fold(answer.text))):
        return []
    return [None]


_FEEDBACK_GIVEN = re.compile(
    r"\b(?:said|told|showed|pointed\s+out|raised|mentioned|gave|wrote)\s+(?:me\b|that\s+I\b|I(?:'m|\s+was)\b)",
    re.IGNORECASE,
)


def _tells_feedback(sentence: str) -> bool:
    """Return True for a sentence that reports feedback given to the speaker ("my manager said I'm...")."""
    return _FEEDBACK_GIVEN.search(sentence) is not None


def _one(found: Span | None) -> list[Span | None]:
    return [] if found is None else [found]


FUNCTIONS: dict[str, Callable[[Answer], list[Span | None]]] = {
    "vague_without_detail": _vague_without_detail,
    "effort_as_impact": _effort_as_impact,
    "others_blamed": _others_blamed,
    "off_topic": _off_topic,
    "no_occasion": _no_occasion,
    "success_as_failure": _success_as_failure,
    "implausible_number": _implausible,
    "self_contradiction": _self_contradiction,
    "keyword_stuffing": lambda answer: _one(keyword_stuffing(answer.text, answer.letter_words)),
    "generic": lambda answer: (
        []
        if answer.fragment
        else _one(
            generic(
                answer.text,
                sum(q.kind != "date" for q in answer.quantities),
                answer.letter_words,
            )
        )
    ),
    "hypothetical": lambda answer: _one(hypothetical(answer.text)),
    "wanders": _wanders,
    "someone_elses_work": lambda answer: (
        []
        if answer.fragment
        else _one(someone_elses_work(answer.text, answer.question_id, _deeds_if_others_act(answer)))
    ),
}
