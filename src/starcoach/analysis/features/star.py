"""STAR + Reflection segmentation: which part of the story each sentence of an answer tells.

Each sentence gets a score per part from cue phrases (what people say when they set the scene, state their
job, describe what they did, report the outcome, or look back), a prior from its position in the answer, and
a few shape features (who the subject is, tense). A small Viterbi pass then picks the best label sequence
under transition preferences that favour the order Situation -> Task -> Action -> Result -> Reflection but
allow back-steps, so one stray cue cannot flip a sentence in the middle of a run of actions. Confidence is
the posterior of the chosen label from a forward-backward pass over the same scores.

Known limits: the cues are English and first-person; a sentence that mixes parts ("I rewrote the cache,
which cut latency by 40%") gets a single label; answers told out of order lean on the cues alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from operator import mul

from starcoach.analysis.features.star_cues import (
    ACTION_MEDIUM,
    ACTION_STRONG,
    ACTION_WEAK,
    HABIT,
    LESSON,
    PAST_VERB,
    REFLECTION_MEDIUM,
    REFLECTION_STRONG,
    REFLECTION_WEAK,
    RESULT_MEDIUM,
    RESULT_STRONG,
    RESULT_WEAK,
    SITUATION_MEDIUM,
    SITUATION_STRONG,
    SITUATION_WEAK,
    TASK_MEDIUM,
    TASK_STRONG,
)
from starcoach.analysis.report import STAR_PARTS, SentenceLabel, Span
from starcoach.analysis.scan import DIGIT_KEY, first_words, fold, split_top
from starcoach.analysis.text import split_sentences

SITUATION, TASK, ACTION, RESULT, REFLECTION = STAR_PARTS
_N = len(STAR_PARTS)
_INDEX = {part: i for i, part in enumerate(STAR_PARTS)}

_F = re.IGNORECASE

# Cue weights: a strong cue nearly decides a sentence on its own, a weak one only tips a close call.
_STRONG = 2.5
_MEDIUM = 1.4
_WEAK = 0.6


def _rx(*patterns: str) -> re.Pattern[str]:
    """Compile alternatives into one pattern over ASCII-folded text, each matched as whole words."""
    # Patterns run on text folded to lowercase by `scan.fold` rather than with IGNORECASE, and the word
    # guards sit outside the alternation: both keep the engine's cheap first-character test, which
    # makes the cue scan about ten times faster. Lookarounds rather than \b let a pattern begin or
    # end with punctuation ("to fix this,"). Apostrophes match straight or curly.
    body = "|".join(patterns).lower().replace("'", "['’]")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


# Explicit headings ("Situation:", "**Result** -") that some people type into a written answer.
_HEADING = re.compile(
    r"^\W*(situation|context|background|task|goal|challenge|action|actions|what i did|result|results|"
    r"outcome|impact|reflection|learning|learnings|lesson|lessons|takeaway|takeaways)"
    # A colon or a spaced dash after the word ("Result: ...", "**Task** - ..."), or the word alone on
    # its line; "Result-driven" and "Impact was ..." are not headings.
    r"(?:\W*?(?::|\s[-–—])(?:\s|$)|[^\w\s]*[ \t]*(?:\n|$))",
    _F,
)
_HEADING_PART = {
    "situation": SITUATION,
    "context": SITUATION,
    "background": SITUATION,
    "task": TASK,
    "goal": TASK,
    "challenge": TASK,
    "action": ACTION,
    "actions": ACTION,
    "what i did": ACTION,
    "result": RESULT,
    "results": RESULT,
    "outcome": RESULT,
    "impact": RESULT,
    "reflection": REFLECTION,
    "learning": REFLECTION,
    "learnings": REFLECTION,
    "lesson": REFLECTION,
    "lessons": REFLECTION,
    "takeaway": REFLECTION,
    "takeaways": REFLECTION,
}

# A bullet written without a subject ("Audited the worst flows", "Rebuilt the importer") is an action.
_SUBJECTLESS_ACTION = re.compile(
    rf"^(?:(?:first|then|next|also|finally),? )?{PAST_VERB}\s+(?!by\b)", _F
)
_NON_ACTION_START = re.compile(
    r"^(?:was|were|had|needed|wanted|used|based|ended|added to|seemed|turned|looked)\b", _F
)

_TIERS: tuple[tuple[int, float, tuple[str, ...]], ...] = (
    (0, _STRONG, SITUATION_STRONG),
    (0, _MEDIUM, SITUATION_MEDIUM),
    (0, _WEAK, SITUATION_WEAK),
    # A stated task ("my job was to", "I was asked to") is rarely anything else, even with an "I" verb.
    (1, _STRONG + 0.6, TASK_STRONG),
    (1, _MEDIUM, TASK_MEDIUM),
    (2, _STRONG, ACTION_STRONG),
    (2, _MEDIUM, ACTION_MEDIUM),
    (2, _WEAK, ACTION_WEAK),
    (3, _STRONG, RESULT_STRONG),
    (3, _MEDIUM, RESULT_MEDIUM),
    (3, _WEAK, RESULT_WEAK),
    (4, _STRONG, REFLECTION_STRONG),
    (4, _MEDIUM, REFLECTION_MEDIUM),
    (4, _WEAK, REFLECTION_WEAK),
)
"""Cue tiers as (part index, weight, patterns); a tier adds its weight once per sentence."""


@cache
def _tier_patterns() -> tuple[re.Pattern[str], ...]:
    """Return whole-tier patterns, used where the matched words are wanted (evidence spans)."""
    return tuple(_rx(*patterns) for _, _, patterns in _TIERS)


# Scanning a sentence with every tier's alternation is the slow part (each word start tries every
# alternative), so the alternatives are indexed by the word they must start with: a sentence is
# walked word by word and only the alternatives that can start at that word are tried. The few
# alternatives whose first word cannot be read off simply are searched the ordinary way.
_TOKEN = re.compile(r"\w+")


def _alternatives_source(alternatives: Iterable[str], anchored: bool) -> str:
    """Return alternatives as one expression the way `_rx` builds it; anchored ones are tried with .match."""
    body = "|".join(alternatives).replace("'", "['’]")
    return rf"(?:{body})(?!\w)" if anchored else rf"(?<!\w)(?:{body})(?!\w)"


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """Compile a cue expression on first use: an answer meets only a few of the hundreds indexed, and
    compiling them all at import would cost most of a cold start."""
    return re.compile(source)


def _build_dispatch() -> tuple[dict[str, tuple[tuple[int, str], ...]], tuple[tuple[int, str], ...]]:
    """Return the per-first-word tier patterns and the tiers' leftover patterns to search whole."""
    by_word: dict[str, dict[int, list[str]]] = {}
    leftovers: dict[int, list[str]] = {}
    for tier, (_, _, patterns) in enumerate(_TIERS):
        for pattern in patterns:
            for alternative in split_top(pattern.lower()):
                words = first_words(alternative)
                if words is None:
                    leftovers.setdefault(tier, []).append(alternative)
                    continue
                for word in words:
                    by_word.setdefault(word, {}).setdefault(tier, []).append(alternative)
    dispatch = {
        word: tuple((tier, _alternatives_source(alts, True)) for tier, alts in tiers.items())
        for word, tiers in by_word.items()
    }
    rest = tuple((tier, _alternatives_source(alts, False)) for tier, alts in leftovers.items())
    return dispatch, rest


_DISPATCH, _LEFTOVER = _build_dispatch()


# Each part's score without any cue: action is the default body of a story.
_BIAS = (0.0, -0.6, 0.3, -0.2, -0.9)

# Extra situation score for the opening sentence.
_FIRST_SITUATION = 1.5

# Position priors: (score at the start of the answer, score at the end), interpolated linearly.
_POSITION = ((1.4, -1.4), (0.6, -1.0), (0.0, -0.2), (-1.4, 1.0), (-1.8, 1.4))

# Transition scores between consecutive sentences, indexed [previous][next]. Staying is free, one
# step forward is cheap, skipping ahead or stepping back costs more. Back-steps stay affordable on
# purpose: failure stories often tell the damage, then the speaker's part, then the fix.
_FORWARD = (0.0, -0.4, -0.9, -1.4, -1.8)
_BACK = (0.0, -0.8, -1.1, -1.4, -1.6)
# A reflection followed by more outcome is common ("I learned X. The team still uses it."), so that
# back-step is cheaper than the others.
_REFLECTION_TO_RESULT = -0.4


def _transition(prev: int, nxt: int) -> float:
    """Return the score of moving from part `prev` to part `nxt` between consecutive sentences."""
    if (prev, nxt) == (_INDEX[REFLECTION], _INDEX[RESULT]):
        return _REFLECTION_TO_RESULT
    return _FORWARD[nxt - prev] if nxt >= prev else _BACK[prev - nxt]


_TRANSITION = tuple(tuple(_transition(i, j) for j in range(_N)) for i in range(_N))
_START = (0.0, -1.2, -0.8, -3.0, -3.5)

_TRANSITION_EXP = tuple(tuple(math.exp(v) for v in row) for row in _TRANSITION)
_TRANSITION_COLS = tuple(tuple(row[k] for row in _TRANSITION_EXP) for k in range(_N))
_START_EXP = tuple(math.exp(v) for v in _START)


def _matched_tiers(folded: str) -> set[int]:
    """Return the indexes of the cue tiers that match somewhere in an ASCII-folded sentence."""
    hit = {tier for tier, source in _LEFTOVER if _compiled(source).search(folded)}
    for token in _TOKEN.finditer(folded):
        word = token.group()
        entries = _DISPATCH.get(DIGIT_KEY if word[0].isdigit() else word)
        if entries:
            start = token.start()
            for tier, source in entries:
                if tier not in hit and _compiled(source).match(folded, start):
                    hit.add(tier)
    return hit


def _cue_scores(sentence: str) -> list[float]:
    """Return the summed cue weights per part for one sentence (each tier counts once)."""
    scores = [0.0] * _N
    for tier in _matched_tiers(fold(sentence)):
        part, weight, _ = _TIERS[tier]
        scores[part] += weight
    return scores


def _emissions(sentence: str, position: float, first: bool = False) -> list[float]:
    """Return the per-part score of one sentence at relative `position` (0 = first, 1 = last)."""
    scores = _cue_scores(sentence)
    if first:
        # Answers open by setting the scene; even "I led a project to ..." is context there.
        scores[_INDEX[SITUATION]] += _FIRST_SITUATION
    stripped = sentence.lstrip(" \t-*•·–>\"'“‘(")
    if _SUBJECTLESS_ACTION.match(stripped) and not _NON_ACTION_START.match(stripped):
        scores[_INDEX[ACTION]] += _MEDIUM
    heading = _HEADING.match(sentence)
    # Matching ignores case the Unicode way ("Taſk" is "task"); casefold reads it back the same way,
    # and a heading word no fold maps (a dotless i) is simply not a heading.
    named = _HEADING_PART.get(heading.group(1).casefold()) if heading else None
    if named is not None:
        scores[_INDEX[named]] += 2 * _STRONG
    for part in range(_N):
        start, end = _POSITION[part]
        scores[part] += _BIAS[part] + start + (end - start) * position
    return scores


def _viterbi(emissions: Sequence[Sequence[float]]) -> list[int]:
    """Return the best-scoring label sequence under the transition preferences."""
    best = [_START[k] + emissions[0][k] for k in range(_N)]
    back: list[list[int]] = []
    for row in emissions[1:]:
        pointers: list[int] = []
        nxt: list[float] = []
        for k in range(_N):
            prev = 0
            for j in range(1, _N):
                if best[j] + _TRANSITION[j][k] > best[prev] + _TRANSITION[prev][k]:
                    prev = j
            pointers.append(prev)
            nxt.append(best[prev] + _TRANSITION[prev][k] + row[k])
        back.append(pointers)
        best = nxt
    path = [best.index(max(best))]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    return path


def _posteriors(emissions: Sequence[Sequence[float]]) -> list[list[float]]:
    """Return per-sentence label probabilities from a forward-backward pass over the scores."""
    # Scores are read as log-potentials; each row is shifted by its maximum before exponentiating and
    # every step is renormalised, so nothing overflows however large a score gets.
    rows = []
    for row in emissions:
        top = max(row)
        rows.append([math.exp(v - top) for v in row])
    cur = list(map(mul, _START_EXP, rows[0]))
    total = sum(cur)
    forward = [[v / total for v in cur]]
    for row in rows[1:]:
        prev = forward[-1]
        cur = [e * sum(map(mul, prev, col)) for e, col in zip(row, _TRANSITION_COLS, strict=True)]
        total = sum(cur)
        forward.append([v / total for v in cur])
    backward = [[1.0] * _N]
    for row in reversed(rows[1:]):
        weighted = list(map(mul, row, backward[-1]))
        cur = [sum(map(mul, out, weighted)) for out in _TRANSITION_EXP]
        total = sum(cur)
        backward.append([v / total for v in cur])
    backward.reverse()
    posteriors = []
    for f, b in zip(forward, backward, strict=True):
        joint = list(map(mul, f, b))
        total = sum(joint)
        posteriors.append([v / total for v in joint])
    return posteriors


def label_sentences(sentences: Sequence[str]) -> list[tuple[str, float]]:
    """Label each sentence of one answer with its STAR+R part and a confidence in (0, 1]."""
    n = len(sentences)
    if n == 0:
        return []
    if n == 1:
        # One sentence (a short follow-up answer) has no story order to lean on: cues alone decide.
        scores = _emissions(sentences[0], 0.5)
        top = max(scores)
        weights = [math.exp(v - top) for v in scores]
        best = weights.index(1.0)
        return [(STAR_PARTS[best], round(max(0.001, weights[best] / sum(weights)), 3))]
    emissions = [_emissions(s, i / (n - 1), first=i == 0) for i, s in enumerate(sentences)]
    path = _viterbi(emissions)
    posteriors = _posteriors(emissions)
    return [
        (STAR_PARTS[k], round(min(1.0, max(0.001, posteriors[i][k])), 3))
        for i, k in enumerate(path)
    ]


def label_spans(text: str, spans: Sequence[Span]) -> list[SentenceLabel]:
    """Label the sentences of `text` given as spans (from split_sentences) with their STAR+R parts."""
    labels = label_sentences([span.text(text) for span in spans])
    return [
        SentenceLabel(span, part, conf) for span, (part, conf) in zip(spans, labels, strict=True)
    ]


def label_text(text: str) -> list[SentenceLabel]:
    """Split `text` into sentences and label each with its STAR+R part."""
    return label_spans(text, split_sentences(text))


def parts_present(labels: Iterable[tuple[str, float] | SentenceLabel]) -> tuple[str, ...]:
    """Return the STAR+R parts that occur among `labels`, in story order."""
    seen = {label.part if isinstance(label, SentenceLabel) else label[0] for label in labels}
    return tuple(part for part in STAR_PARTS if part in seen)


def cue_spans(sentence: str) -> list[tuple[str, Span]]:
    """Return every cue phrase found in `sentence` as (part, span), spans relative to the sentence."""
    found: list[tuple[str, Span]] = []
    folded = fold(sentence)
    for (part, weight, _), pattern in zip(_TIERS, _tier_patterns(), strict=True):
        if weight < _MEDIUM:
            continue  # weak cues (a bare "I", "was") are not evidence anyone should be shown
        found.extend(
            (STAR_PARTS[part], Span(m.start(), m.end()))
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        )
    found.sort(key=lambda item: (item[1].start, item[1].end))
    return found


# --- Lesson detection for rules: a lesson learned or a behaviour changed since. ---
LESSON_CUES = _rx(*LESSON)

REFLECTION_CUES = _rx(*REFLECTION_STRONG)
"""Any reflection cue: a lesson, a changed habit, what the speaker would do differently, why it matters."""


def has_lesson(text: str) -> Span | None:
    """Return the span of the first lesson or changed behaviour stated in `text`, or None."""
    match = LESSON_CUES.search(fold(text))
    return Span(match.start(), match.end()) if match else None


def has_reflection(text: str) -> Span | None:
    """Return the span of the first reflection cue (lesson, hindsight, why it matters), or None."""
    lesson = has_lesson(text)
    match = REFLECTION_CUES.search(fold(text))
    spans = [s for s in (lesson, Span(match.start(), match.end()) if match else None) if s]
    return min(spans, key=lambda s: s.start) if spans else None


HABIT_CUES = _rx(*HABIT)


def has_habit(text: str) -> Span | None:
    """Return the span of a change that lasted ("since then I ...", "it is still used"), or None."""
    match = HABIT_CUES.search(fold(text))
    return Span(match.start(), match.end()) if match else None
