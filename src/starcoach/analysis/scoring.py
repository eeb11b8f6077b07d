"""Dimension scores on the behaviour-anchored 1-5 scale, each with the evidence behind it.

A score starts from the positive evidence found in the answer's own words (a level per dimension), and the
findings that bear on the dimension pull it down. A dimension with nothing to show gets a named gap as its
evidence, never a bare number.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from starcoach.analysis.answer import Answer
from starcoach.analysis.kinds.base import find, regex_spans
from starcoach.analysis.overall import fitted_overall
from starcoach.analysis.registry import get_rule
from starcoach.analysis.report import (
    STAR_PARTS,
    DimensionScore,
    Evidence,
    Finding,
    Quantity,
    Severity,
    Span,
    UnscoredDimension,
)
from starcoach.analysis.scan import fixed_starts
from starcoach.content.loader import StructureStep

# Specificity is on the crowd's 1-5 scale. A sentence at or above 3 reads as concrete on its own; an
# answer whose mean sentence reaches 2.6 reads as concrete on the whole (on the answers-dev set, 28 of
# 40 strong answers reach it and 1 of 15 weak ones; short framing sentences pull every mean down).
CONCRETE_SENTENCE = 3.0
CONCRETE_ANSWER = 2.6
# An outcome told in words counts when its sentence is at least this specific ("it all went fine in the end"
# is not; "by the end of the week he was finishing most of his main course" is).
TOLD_OUTCOME = 2.5
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


# Judgment is a decision with its reason, in one sentence: a decision word alone ("decided") or a reason word
# alone ("because") is not evidence, nor is a list of options nobody chose between.
_DECISION = _cues(
    r"decided", r"decision", r"chose", r"choose", r"opted", r"went with", r"picked", r"suggested", r"proposed",
    r"recommended", r"pushed for", r"asked (?:if|whether) (?:I|we) could", r"agreed to", r"settled on",
    r"made the call", r"priorit\w+", r"switched", r"changed (?:the|my|our) (?:plan|approach|order)", r"kept",
    r"dropped", r"stopped", r"held off", r"said no", r"insisted", r"asked (?:to|for)", r"offered to",
    r"signed (?:it )?off", r"went ahead", r"(?:didn't|did not) agree", r"disagreed", r"I could see",
    r"I was worried", r"my concerns?", r"propose", r"I thought (?:it|we|the|that)",
)  # fmt: skip
_REASON = _cues(
    r"because", r"so that", r"since", r"instead of", r"rather than", r"trade-?offs?", r"options?",
    r"alternatives?", r"risks?", r"otherwise", r"which meant", r"the reason", r"as long as", r"in case",
    r"weighed", r"compared", r"so (?:I|we|she|he|they|it) (?:could|would|wouldn't|didn't)", r"to avoid",
    r"the cost of", r"worth it", r"root cause", r"data showed", r"instead", r"pilot", r"trial", r"I'd rather",
    r"on the strength of", r"the point was", r"it meant", r"that way", r"which (?:isn't|wasn't|would|meant)",
    r"it would (?:leave|mean|cost|take|put)", r"(?<=, )so I", r"(?<=[a-z] )so I",
)  # fmt: skip
# Alternatives weighed: a choice between named courses, however it is phrased.
_ALTERNATIVES = _cues(
    r"instead of", r"rather than", r"trade-?offs?", r"alternatives?", r"(?:two|three) options"
)
_COLLABORATION = _cues(
    r"worked (?:closely )?with", r"aligned", r"asked", r"listened", r"met (?:with|up)", r"paired",
    r"sat (?:down )?with", r"talked (?:to|with|it through)", r"spoke (?:to|with)", r"explained", r"agreed",
    r"together", r"mentor\w*", r"convinced", r"persuaded", r"partnered", r"coordinat\w+", r"involved",
    r"brought (?:in|them|him|her)", r"shared", r"presented", r"workshop", r"one-on-ones?", r"thanked",
    r"compromise\w*", r"showed (?:her|him|them)", r"walked (?:her|him|them|with)", r"invited", r"called",
    r"rang", r"checked (?:in )?with", r"offered", r"apologi[sz]ed", r"shadowed", r"credit\w*", r"helped",
    r"understand\w*", r"his side", r"her side", r"their side", r"point of view",
)  # fmt: skip
# Someone other than the speaker, for collaboration to be with.
_OTHERS = _cues(
    r"he", r"she", r"they", r"him", r"her", r"them", r"his", r"their", r"team", r"colleagues?", r"manager",
    r"customers?", r"clients?", r"patients?", r"parents?", r"pupils?", r"students?", r"staff", r"nurses?",
    r"drivers?", r"supervisor", r"director", r"lead", r"everyone", r"each other",
)  # fmt: skip
# Resilience needs an obstacle and the effort made against it; words for the obstacle alone, however
# many, show only that there was one.
_OBSTACLE = _cues(
    r"despite", r"under pressure", r"deadlines?", r"setbacks?", r"hard(?:est)?", r"difficult\w*", r"challeng\w+",
    r"obstacles?", r"blocked", r"stuck", r"mistakes?", r"went wrong", r"failed", r"outages?", r"frustrat\w+",
    r"tough", r"slowed (?:us|me|the \w+) down", r"short-?staffed", r"didn't work", r"did not work",
)  # fmt: skip
_EFFORT = _cues(
    r"kept (?:going|at it|trying)", r"again", r"didn't give up", r"did not give up", r"recovered", r"pivot\w*",
    r"struggl\w+", r"persist\w*", r"second (?:attempt|try)", r"tried", r"instead",
)  # fmt: skip
# The speaker's own limit, mistake or lesson.
_SELF_AWARENESS = _cues(
    r"I should have", r"I should've", r"I underestimated", r"I overestimated", r"in hindsight", r"looking back",
    r"my mistake", r"my fault", r"I was wrong", r"I realized", r"I realised", r"I assumed", r"I missed",
    r"I didn't (?:check|ask|test|think|tell|listen|see|know|realise|realize|notice|want)", r"my blind spot",
    r"I'd do (?:it )?differently", r"I would do (?:it )?differently", r"I learned", r"I learnt", r"taught me",
    r"lesson", r"I (?:had|hadn't|never) (?:checked|tested|asked|thought)", r"because I (?:never|didn't|hadn't)",
    r"my part", r"I got (?:it|that|this) wrong", r"I was (?:too|defensive|annoyed|frustrated)", r"I tend to",
    r"what I took", r"I'd (?:bring|ask|check|do|raise|start)", r"I would (?:bring|ask|check|raise|start)",
    r"next time I",
)  # fmt: skip
# Words that deny or deflect the speaker's part: a sentence with them shows no self-awareness, however many
# lesson words it has ("It wasn't really my fault", "there's not much I'd do differently").
_DEFLECTION = _cues(
    r"(?:wasn't|was not|isn't|not) (?:really |entirely |totally )?my fault", r"not (?:much|anything) I'?d",
    r"nothing I(?:'d| would| could)", r"I don't think (?:there's|I|it was)", r"I wouldn't say",
    r"out of my (?:control|hands)", r"(?:wasn't|isn't) (?:really )?(?:anything|something) I could",
    r"not really (?:a|my)", r"I (?:did|followed) (?:everything|the guidance|what I was told)",
    r"(?:their|his|her|the system's) fault", r"nobody told me", r"no one told me",
)  # fmt: skip
_GROWTH = _cues(
    r"since then", r"ever since", r"now I", r"I now", r"these days", r"going forward", r"next time",
    r"I started", r"I changed", r"I make sure", r"I practi[cs]e", r"taught me", r"habit", r"I always",
    r"I've (?:kept|used|done|started|stopped|been)", r"I still", r"from then on", r"every \w+ since",
    r"I've got better", r"I began", r"I stopped", r"it's part of", r"I use (?:it|this|that)",
    r"I do now", r"now,? I", r"I've since", r"I still use", r"I keep", r"I ask", r"I check",
)  # fmt: skip
# Who an outcome reached, in a result sentence.
_BENEFICIARY = _cues(
    r"users?", r"customers?", r"clients?", r"patients?", r"residents?", r"students?", r"pupils?", r"children",
    r"families", r"parents?", r"guests?", r"the team", r"my team", r"teammates?", r"staff", r"colleagues?",
    r"drivers?", r"callers?", r"members?",
)  # fmt: skip
# A sentence that tells what changed: an outcome told in words, with or without a number.
_OUTCOME = _cues(
    r"by the end", r"in the end", r"went (?:from|up|down|back)", r"dropped", r"fell", r"rose", r"down to",
    r"up to", r"stopped", r"adopted", r"(?:was|were|is|are) (?:back|able)", r"cleared", r"saved", r"won",
    r"renewed", r"passed", r"improved", r"reduced", r"increased", r"halved", r"doubled", r"beat",
    r"no longer", r"the result", r"it worked", r"(?:has|have) (?:used|kept|run)", r"still (?:use|run)\w*",
    r"part of the routine", r"signed", r"finished", r"hit (?:the|our|every)", r"went live", r"shipped",
    r"came back", r"thanked", r"said (?:it|that) (?:was|had)", r"has since", r"since then", r"rolled out",
    r"agreed to", r"got (?:the|a|his|her|their)", r"turned (?:around|into)", r"recovered", r"fixed",
)  # fmt: skip
# An outcome asserted in vague terms: the impact anchors' level 2, never a result a listener can picture.
_VAGUE_OUTCOME = _cues(
    r"went (?:really |very |pretty |quite )?(?:well|great|smoothly|ok|okay|fine)", r"(?:was|were) (?:really |very )?pleased",
    r"(?:was|were) (?:really |very )?happy", r"positive (?:feedback|response|results?)", r"a (?:big|huge|real) (?:improvement|difference|success)",
    r"a success", r"made a difference", r"worked out", r"everyone was happy", r"(?:great|good) results?",
)  # fmt: skip
# Effort told as if it were the result: hours, meetings, lines of code, books read.
_EFFORT_ONLY = _cues(
    r"lines of code", r"commits?", r"meetings", r"hours", r"evenings", r"weekends", r"late nights?",
    r"emails", r"books", r"courses?", r"visits a day", r"calls a day", r"sick days",
)  # fmt: skip
# Corporate words that can stand in for what happened ("I drove alignment, I leveraged data"). A sentence made
# mostly of them shows nothing a listener can check, so it is no evidence for any dimension.
_BUZZWORDS = _cues(
    r"leverag\w*", r"drove", r"driving", r"spearhead\w*", r"stakeholders?", r"alignment", r"synerg\w*",
    r"best practices?", r"data-driven", r"end-to-end", r"mission-critical", r"continuous improvement",
    r"growth mindset", r"kpis?", r"cross-functional", r"fast-paced", r"empower\w*", r"champion\w*",
    r"proactive\w*", r"ownership", r"scal(?:ed|able)", r"optimi[sz]\w*", r"robust", r"streamlin\w*",
    r"holistic", r"passion\w*", r"value", r"impact\w*", r"culture", r"journey", r"transform\w*",
    r"unlock\w*", r"potential", r"engagement", r"mindset", r"authentic\w*", r"elevat\w*", r"foster\w*",
    r"agile", r"people-first", r"high-perform\w*", r"customer-centric", r"excellence", r"innovat\w*",
    r"strategic\w*", r"resilience", r"adaptability", r"teamwork", r"world-class", r"seamless\w*",
    r"dynamic", r"methodolog\w*", r"initiatives?", r"high-growth", r"roadmap", r"deliverables?",
)  # fmt: skip
# Buzzwords per 100 words at which an answer reads as a list of them (our dev set: keyword-stuffed answers
# are above 20 and a polished-generic one above 16; no answer an expert rated 3 or more is above 1; a
# corporate but concrete handbook rewrite is at 7).
BUZZWORD_DENSITY = 8.0
BUZZWORD_MIN_WORDS = 50
# Fillers of a spoken answer: "um", "let me think", "I don't remember the exact numbers".
_FILLERS = _cues(
    r"um+", r"uh+", r"erm+", r"you know", r"let me think", r"I mean", r"kind of", r"sort of", r"like I said",
    r"I don't remember", r"I can't remember", r"I guess", r"basically", r"whatever", r"stuff like that",
    r"and so on", r"or something", r"like(?=,)",
)  # fmt: skip
# The fillers that carry no content at all, blanked out before the content is read: "So I, um, I rang her son"
# is read as "So I,     I rang her son". (A filler such as "I don't remember" says something; it stays.)
_BLANKED = re.compile(
    r"(?<![\w'])(?:um+|uh+|erm+|you know|I mean|like(?=,))(?![\w'])[,.]?\s*", re.IGNORECASE
)
# A spoken restart: "So I, I got some pots" is read as "So    I got some pots".
_RESTART = re.compile(r"(?<![\w'])(I|[Ww]e|[Ss]he|[Hh]e|[Tt]hey|[Ii]t)(?:,\s*|\s+)(?=\1(?![\w']))")
# Fillers per 100 words from which the content is read with them blanked out.
SPOKEN_FILLERS = 2.0


def without_fillers(answer: Answer) -> Answer:
    """Return the answer to read content from: the same answer, or for a spoken transcript full of fillers,
    one with them blanked out (same length, so every span still points into the original text)."""
    per_100 = 100 * sum(_hits(answer, _FILLERS).values()) / max(1, answer.word_count)
    if per_100 < SPOKEN_FILLERS:
        return answer
    blanked = _BLANKED.sub(lambda m: " " * len(m.group()), answer.text)
    blanked = _RESTART.sub(lambda m: " " * len(m.group()), blanked)
    return Answer(
        blanked,
        answer.question_id,
        answer.target_seconds,
        part=answer.part,
        fragment=answer.fragment,
    )


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


Scored = tuple[int | None, list[Evidence]]
"""A level (None: the answer shows nothing that bears on the dimension) and the evidence behind it."""


def _level_by_count(count: int, thresholds: Sequence[int]) -> int:
    """Return 1 plus the number of thresholds `count` reaches."""
    return 1 + sum(count >= t for t in thresholds)


def outcomes_of(answer: Answer) -> list[Quantity]:
    """Return the numbers that state an outcome of the work (not effort, a threshold or a plan), outside
    sentences made of buzzwords.

    The one place scoring reads outcomes, so a better reading of what a number measures is a one-line swap.
    """
    hollow = hollow_sentences(answer)
    return [q for q in answer.outcomes if not any(h.contains(q.span) for h in hollow)]


# The speaker: "I" in capitals only (so not the letter in a list), "my", "me", "myself".
_SPEAKER = _Cues(
    re.compile(r"(?<![\w'])(?:I|I'm|I'd|I've|I'll|[Mm]y|[Mm]e|[Mm]yself)(?![\w'])"), None
)

# Per answer, how often each pattern matches in each sentence: one pass of a pattern over the whole text,
# shared by every scorer that asks about it.
_HITS: weakref.WeakKeyDictionary[Answer, dict[re.Pattern[str], Counter[int]]] = (
    weakref.WeakKeyDictionary()
)


def _hits(answer: Answer, cues: _Cues) -> Counter[int]:
    """Return, per sentence index, how many times the cues match in it."""
    table = _HITS.get(answer)
    if table is None:
        table = _HITS[answer] = {}
    counts = table.get(cues.regex)
    if counts is None:
        starts = [s.start for s in answer.sentences]
        whole = [Span(0, len(answer.text))]
        counts = Counter(
            bisect_right(starts, span.start) - 1
            for span in regex_spans(cues.regex, cues.starts, answer, whole)
        )
        table[cues.regex] = counts
    return counts


def _sentences_with(
    answer: Answer, *cues: _Cues, speaker: bool = False, parts: Sequence[str] = ()
) -> list[Span]:
    """Return the sentences in which every cue set matches (and "I" speaks, when `speaker`), leaving out
    sentences made of buzzwords."""
    hollow = hollow_sentences(answer)
    indexes = set(range(len(answer.sentences)))
    for cue in [*cues, _SPEAKER] if speaker else cues:
        indexes &= set(_hits(answer, cue))
    labels = answer.labels
    return [
        answer.sentences[i]
        for i in sorted(indexes)
        if answer.sentences[i] not in hollow and (not parts or labels[i].part in parts)
    ]


_HOLLOW: weakref.WeakKeyDictionary[Answer, frozenset[Span]] = weakref.WeakKeyDictionary()


def hollow_sentences(answer: Answer) -> frozenset[Span]:
    """Return the sentences made mostly of buzzwords (two or more, and one word in ten or more); in an
    answer that reads as a list of buzzwords, every sentence with one."""
    found = _HOLLOW.get(answer)
    if found is None:
        stuffed = buzzword_density(answer) >= BUZZWORD_DENSITY
        hits = _hits(answer, _BUZZWORDS)
        found = frozenset(
            answer.sentences[i]
            for i, count in hits.items()
            if count >= 2 - stuffed
            and (stuffed or count * 10 >= len(answer.sentence_texts[i].split()))
        )
        _HOLLOW[answer] = found
    return found


def buzzword_density(answer: Answer) -> float:
    """Return the buzzwords per 100 words of the answer; 0 for a text too short for a rate to mean anything
    (under BUZZWORD_MIN_WORDS words: "a high-impact task" is not a list of buzzwords)."""
    if answer.word_count < BUZZWORD_MIN_WORDS:
        return 0.0
    return 100 * sum(_hits(answer, _BUZZWORDS).values()) / answer.word_count


# The speaker accepting the failure as theirs ("the real mistake was mine", "that was my call and I said
# so"): in a failure answer this is the ownership an interviewer listens for, though it is not an action.
_ADMITS = re.compile(
    r"\b(?:(?:the|that|this)\s+(?:real\s+|main\s+|big\s+)?(?:mistake|miss|error|call|failure|fault)\s+"
    r"was\s+(?:all\s+)?mine|(?:it|that|this)\s+was\s+(?:my|on\s+me)\s*(?:call|mistake|fault|decision)?|"
    r"my\s+(?:own\s+)?(?:mistake|fault|misjudg(?:e)?ment|responsibility)\b|I\s+took\s+(?:full\s+)?"
    r"(?:responsibility|ownership)\s+for|I\s+(?:own(?:ed)?|accept(?:ed)?)\s+(?:that|it)\b|"
    r"I\s+said\s+so\b)",
    re.IGNORECASE,
)
OWNS_FAILURE = frozenset({"failure"})
# The speaker marking out their own share of shared work ("My own part was the design", "the part I
# owned was ..."): what an interviewer asks for when a story has a team in it.
_OWN_SHARE = re.compile(
    r"\b(?:my\s+(?:own\s+)?(?:part|share|contribution|piece)\s+(?:was|were|is)|the\s+(?:part|piece|bit)\s+"
    r"I\s+(?:owned|led|did|built|wrote|designed|ran)\b)",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:n['’]t|\bnot|\bnever|\bno)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _admission(text: str) -> Span | None:
    """Return where the speaker says the failure was theirs ("the real mistake was mine"), not denied
    ("it wasn't my fault"), or None."""
    for match in _ADMITS.finditer(text):
        if not _NEGATED.search(text, max(0, match.start() - 30), match.start()):
            return Span(match.start(), match.end())
    return None


def _ownership(answer: Answer) -> Scored:
    level, evidence = _ownership_of_actions(answer)
    if level is None or level < 2:
        return level, evidence
    share = _OWN_SHARE.search(answer.text)
    if share is not None:
        marked = Span(share.start(), share.end())
        evidence = [*evidence, Evidence("you mark out your own part", marked)]
        level = min(5, level + 1)
    admitted = _admission(answer.text) if answer.question_id in OWNS_FAILURE else None
    if admitted is not None:
        evidence = [*evidence, Evidence("you name the failure as yours", admitted)]
        level = min(5, level + 1)
    return level, evidence


def _ownership_of_actions(answer: Answer) -> Scored:
    hollow = hollow_sentences(answer)
    mine = [a.span for a in answer.actions if a.actor == "i" and a.span not in hollow]
    evidence = [Evidence("an action that is clearly yours", span) for span in mine[:4]]
    if answer.question_id == "improvement":
        # An area to improve is owned in the present tense: what you practise now ("I pair on ...").
        practices = [
            label.span
            for label, guess in zip(answer.labels, answer.actor_guesses, strict=True)
            if guess.actor == "i"
            and label.part != "situation"
            and label.span not in mine
            and label.span not in hollow
        ]
        evidence += [Evidence("a practice of yours", span) for span in practices[: 4 - len(mine)]]
        mine += practices
    # "I was responsible for ..." is not an action, but it does state the speaker's own part.
    stated = [
        label.span
        for label, guess in zip(answer.labels, answer.actor_guesses, strict=True)
        if label.part == "task" and guess.actor == "i" and label.span not in hollow
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


def _impact(answer: Answer) -> Scored:
    outcomes = outcomes_of(answer)
    results = answer.part_spans("result")
    said = _sentences_with(answer, _OUTCOME)
    results = [r for r in results if r not in hollow_sentences(answer)]
    if not results and not outcomes and not said:
        if answer.fragment and answer.metrics:
            # A story field before the result (the situation) with its numbers: the scale is there to measure
            # against, the result is another field's job.
            return 2, [Evidence("numbers, but no result in this part", None, positive=False)]
        return 1, [Evidence("no result is stated", None, positive=False)]
    evidence = [Evidence("a measured outcome", q.span) for q in outcomes[:3]]
    # A result told without a number still counts when a listener can picture it: a patient who eats
    # again, a pupil who reads, a routine the ward kept.
    # A sentence in the second half of the answer (or labelled a result) that says what changed.
    half = len(answer.text) / 2
    scores = answer.sentence_specificity
    told = [
        span
        for span, score in zip(answer.sentences, scores, strict=True)
        if span in said
        and score >= TOLD_OUTCOME
        and (span in results or span.start >= half)
        and not _EFFORT_ONLY.regex.search(span.text(answer.text))
        and not _VAGUE_OUTCOME.regex.search(span.text(answer.text))
        and not any(span.contains(q.span) for q in outcomes)
    ]
    concrete = [
        span
        for span, score in zip(answer.sentences, scores, strict=True)
        if span in results
        and score >= CONCRETE_SENTENCE
        and span not in told
        and not any(span.contains(q.span) for q in outcomes)
        and not _VAGUE_OUTCOME.regex.search(span.text(answer.text))
    ]
    concrete += told
    evidence += [Evidence("a result a listener can picture", span) for span in concrete[:2]]
    # Who the outcome reached: people named in a result sentence or in a sentence that tells an outcome.
    outcome_sentences = {s for s in answer.sentences for q in outcomes if s.contains(q.span)}
    reached = [
        s
        for s in _sentences_with(answer, _BENEFICIARY)
        if s in results or s in told or s in outcome_sentences
    ]
    beneficiary = [Evidence("who the result reached", span) for span in reached[:1]]
    shown = len(outcomes) + len(concrete)
    if not shown:
        gap = Evidence(
            "the result is not concrete: no number and nothing a listener can picture", None, False
        )
        return 2, [*(Evidence("a result, unmeasured", s) for s in results[:1]), gap]
    has_change = any(q.kind == "change" for q in outcomes)
    level = 3 + (shown >= 2) + (bool(beneficiary) and (shown >= 3 or has_change))
    return min(level, 5), evidence + beneficiary


def _judgment(answer: Answer) -> Scored:
    # A decision is a decision word or an action of the speaker's; its reason must be in the same sentence.
    own = {a.span for a in answer.actions if a.actor == "i"}
    reasoned = [
        s
        for s in _sentences_with(answer, _REASON, speaker=True)
        if s in own or _DECISION.regex.search(s.text(answer.text))
    ]
    weighed = [s for s in _sentences_with(answer, _ALTERNATIVES, speaker=True) if s not in reasoned]
    evidence = [Evidence("a decision of yours with its reason", s) for s in reasoned[:3]]
    evidence += [Evidence("alternatives you weighed", s) for s in weighed[:2]]
    count = len(reasoned) + len(weighed)
    if not count:
        return None, [
            Evidence("no decision of yours is given with its reason", None, positive=False)
        ]
    # One reasoned decision is 3; alternatives weighed, or a second decision, 4; three or more 5.
    level = 3 + (count >= 2 or bool(weighed)) + (count >= 3)
    return min(level, 5), evidence


def _collaboration(answer: Answer) -> Scored:
    together = _sentences_with(answer, _COLLABORATION, speaker=True)
    if not together:
        return None, [
            Evidence("no one else appears in how the work was done", None, positive=False)
        ]
    evidence = [Evidence("working with others", s) for s in together[:4]]
    # One sentence of working with someone is 3, two 4, three or more 5 (findings such as one-way
    # communication or blame pull it down).
    return min(2 + len(together), 5), evidence


def _resilience(answer: Answer) -> Scored:
    obstacles = _matches(answer, _OBSTACLE, "difficulty faced", limit=2)
    efforts = _matches(answer, _EFFORT, "effort to get past it", limit=2)
    if not obstacles and not efforts:
        return None, [Evidence("no difficulty or setback is described", None, positive=False)]
    # An obstacle met with the speaker's own actions, or an effort, is 3; each effort made against
    # an obstacle adds one. An obstacle with nothing the speaker did about it stays at 2.
    acted = sum(a.actor == "i" for a in answer.actions)
    level = 3 + (len(efforts) if obstacles else 0) + (acted >= 4) if efforts or acted else 2
    return min(level, 5), obstacles + efforts


def _counted(
    answer: Answer, cues: _Cues, note: str, gap: str, extra: Sequence[Span] = ()
) -> Scored:
    """Level a dimension by how many sentences show it: one is 3, two 4, three or more 5.

    A sentence that denies or deflects the speaker's part is no evidence, and each one takes a level off.
    """
    deflected = _sentences_with(answer, _DEFLECTION)
    spans = [s for s in _sentences_with(answer, cues) if s not in deflected]
    spans += [s for s in extra if s not in spans and s not in deflected]
    against = [Evidence("you deflect your own part", s, positive=False) for s in deflected[:2]]
    if not spans:
        if deflected:
            return 1, against
        return None, [Evidence(gap, None, positive=False)]
    evidence = [Evidence(note, s) for s in spans[:4]] + against
    return max(1, min(2 + len(spans), 5) - len(deflected)), evidence


def _self_awareness(answer: Answer) -> Scored:
    level, evidence = _counted(
        answer,
        _SELF_AWARENESS,
        "you name a limit, a mistake or a lesson",
        "no mistake, limit or lesson of yours is named",
        answer.part_spans("reflection"),
    )
    # Saying plainly that the failure was yours is the self-awareness a failure question asks for.
    if answer.question_id in OWNS_FAILURE and level is not None and level >= 2:
        span = _admission(answer.text)
        if span is not None:
            evidence = [*evidence, Evidence("you say the failure was yours", span)]
            level = min(5, level + 1)
    return level, evidence


def _growth(answer: Answer) -> Scored:
    return _counted(answer, _GROWTH, "a change in how you work", "no lesson or changed habit")


def _structure(answer: Answer, steps: Sequence[StructureStep]) -> Scored:
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
        labelled = (
            []
            if own and len(own) == len(of_part)
            else [s for s in answer.part_spans(part) if s not in hollow_sentences(answer)]
        )
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


def _communication(answer: Answer) -> Scored:
    """Score how easily a listener follows the answer: concrete sentences, a length that fits, no fillers.

    Polished general text is not rewarded: the level rises with the share of sentences a listener can
    picture, and stock phrases, spoken fillers and a length far past the target pull it down.
    """
    low, high = answer.target_seconds
    seconds = answer.speaking_seconds
    in_range = low <= seconds <= high * 1.25
    evidence = [
        Evidence(f"about {round(seconds)} s spoken (target {low}-{high} s)", None, in_range)
    ]
    scores = answer.sentence_specificity
    hollow = hollow_sentences(answer)
    concrete_sentences = sorted(
        (
            i
            for i, score in enumerate(scores)
            if score >= CONCRETE_SENTENCE and answer.sentences[i] not in hollow
        ),
        key=lambda i: scores[i],
        reverse=True,
    )
    evidence += [
        Evidence("a concrete sentence", answer.sentences[i]) for i in concrete_sentences[:2]
    ]
    mean = sum(scores) / max(1, len(scores))
    concrete = mean >= CONCRETE_ANSWER and not hollow
    if not concrete:
        gap = "most sentences stay general" if concrete_sentences else "no sentence is concrete"
        evidence.append(Evidence(gap, None, positive=False))
    fillers = _matches(answer, _FILLERS, "a filler", limit=6)
    per_100 = 100 * sum(_hits(answer, _FILLERS).values()) / max(1, answer.word_count)
    if per_100 >= SPOKEN_FILLERS:
        evidence += [replace_note(e, "a filler a listener has to skip") for e in fillers[:2]]
    vague = answer.vague
    buzz = buzzword_density(answer)
    if buzz >= BUZZWORD_DENSITY:
        evidence.append(Evidence("buzzwords stand in for what happened", None, positive=False))
    # The anchors: 2 when the length is wrong and the words general, 3 for one of the two, 4 for neither,
    # 5 when concrete throughout (a mean a third of a level above "concrete"). Spoken fillers, stock
    # phrases and buzzwords each take levels off: polished general text is not easy to follow, only smooth.
    level = 2 + in_range + concrete + (in_range and mean >= CONCRETE_ANSWER + 0.3)
    level -= (
        (per_100 >= SPOKEN_FILLERS)
        + (per_100 >= 2 * SPOKEN_FILLERS)
        + (len(vague) >= 3)
        + 2 * (buzz >= BUZZWORD_DENSITY)
    )
    return max(1, min(level, 5)), evidence


def replace_note(evidence: Evidence, note: str) -> Evidence:
    """Return the evidence with another note, as a gap (not positive)."""
    return Evidence(note, evidence.span, positive=False)


# Structure is scored against the prompt's own steps, in score_dimensions.
SCORERS: dict[str, Callable[[Answer], Scored]] = {
    "ownership": _ownership,
    "impact": _impact,
    "judgment": _judgment,
    "collaboration": _collaboration,
    "resilience": _resilience,
    "self_awareness": _self_awareness,
    "growth": _growth,
    "communication": _communication,
}


# A whole answer always shows its structure and length; a fragment (one part, a phrase) has neither.
_WHOLE_ANSWER_ONLY = ("structure", "communication")
# A dimension the prompt weighs fully is what the question asks about: an answer that shows nothing of
# it has failed the question there (level 1), not left it unshown.
CORE_WEIGHT = 1.0
# The weight of a dimension the prompt does not weigh but a finding bears on.
UNWEIGHTED = 0.5
_CORE_GAP_LEVEL = 2


def score_dimensions(
    answer: Answer,
    weights: Mapping[str, float],
    findings: Sequence[Finding],
    anchors: Mapping[str, Mapping[int, str]],
    steps: Sequence[StructureStep] = (),
    probes: Mapping[str, str] | None = None,
) -> tuple[list[DimensionScore], list[UnscoredDimension], float | None]:
    """Return a 1-5 score with evidence per dimension the answer shows, the dimensions it gives no evidence
    for (each with the follow-up question that would produce it), and the overall score.

    A whole answer's overall is read from its scores and findings by the weights fitted to expert verdicts
    (`overall.fitted_overall`), then held under its red flags' cap (`overall_cap`). A fragment (one story
    field) is not a whole answer on the interviewer's scale: its overall is the plain weighted mean of the
    unrounded levels, so two pieces still rank by their evidence near the bottom of the scale.
    """

    def structure(scored: Answer) -> Scored:
        return _structure(scored, steps)

    scorers: dict[str, Callable[[Answer], Scored]] = {**SCORERS, "structure": structure}
    dimensions = [d for d in weights if d in scorers]
    for extra in _WHOLE_ANSWER_ONLY:
        if extra not in dimensions:
            dimensions.append(extra)
    if answer.fragment:
        dimensions = [d for d in dimensions if d not in _WHOLE_ANSWER_ONLY]
    # A warning or error against a dimension the prompt does not weigh is still evidence about the answer
    # (a feedback story told all in "we"): that dimension is scored too, at a lesser weight.
    flagged = [
        f.dimension
        for f in findings
        if f.severity >= Severity.WARNING
        and f.dimension in scorers
        and f.dimension not in dimensions
    ]
    dimensions += list(dict.fromkeys(flagged))
    scores = []
    unscored = []
    weighted = total = 0.0
    content = without_fillers(answer)
    for dimension in dimensions:
        level, evidence = scorers[dimension](answer if dimension == "communication" else content)
        against = [f for f in findings if f.dimension == dimension]
        if level is None:
            if weights.get(dimension, 0.0) >= CORE_WEIGHT:
                level = _CORE_GAP_LEVEL
            elif against:
                # A finding against the dimension is evidence of it: start where no evidence of it scores.
                level = 2
            else:
                reason = evidence[0].note if evidence else "no evidence"
                probe = (probes or {}).get(dimension, "")
                unscored.append(UnscoredDimension(dimension, reason, probe))
                continue
        penalty = 0.0
        for finding in against:
            penalty += _PENALTY[finding.severity]
            evidence.append(Evidence(finding.message, finding.span, positive=False))
        raw = min(5.0, level - penalty)
        value = max(1, min(5, round(raw)))
        anchor = anchors.get(dimension, {}).get(value, "")
        scores.append(DimensionScore(dimension, value, anchor, tuple(evidence)))
        weight = weights.get(dimension, UNWEIGHTED)
        weighted += raw * weight
        total += weight
    if not total:
        return scores, unscored, None
    if answer.fragment:
        overall = round(max(1.0, weighted / total), 2)
    else:
        overall = fitted_overall(scores, findings, answer.word_count)
    return scores, unscored, min(overall, overall_cap(answer, findings))


# The red flags: each is a feature of the fitted overall (`overall.py`), which learns from the experts how far
# it pulls an answer down, and each keeps the answer from reading as strong however well the rest is told (at
# most 3, adequate). Chosen on the dev split: per-rule caps of 1.5 to 2.5 ranked answers worse (Spearman
# 0.820 against 0.831) by flattening every flagged answer to one value, the wrongly flagged ones included.
# An answer with nothing a listener can check (keyword stuffing, generic corporate prose, a list of
# buzzwords: BUZZWORD_DENSITY) is weak at best. Rule ids that no rule has (yet) never fire.
RED_FLAGS = frozenset({
    "answer.off_topic", "answer.hypothetical", "answer.no_example", "answer.no_occasion",
    "failure.denies_failure", "conflict.denies_conflict", "ownership.someone_elses_work",
    "coherence.keyword_stuffing", "coherence.generic", "failure.success_told_as_failure",
    "failure.others_blamed", "failure.humblebrag", "conflict.personal_attack", "conflict.blame",
    "result.implausible_number", "consistency.self_contradiction", "result.effort_as_impact",
})  # fmt: skip
RED_FLAG_CAP = 3.0
NOTHING_TO_CHECK_CAPS = {"coherence.keyword_stuffing": 2.0, "coherence.generic": 2.5}
BUZZWORD_CAP = 2.0


def overall_cap(answer: Answer, findings: Sequence[Finding]) -> float:
    """Return the highest overall the answer's red flags allow (5.0 when it has none)."""
    caps = [
        NOTHING_TO_CHECK_CAPS.get(f.rule_id, RED_FLAG_CAP)
        for f in findings
        if f.rule_id in RED_FLAGS and f.severity >= Severity.WARNING
    ]
    if not answer.fragment and buzzword_density(answer) >= BUZZWORD_DENSITY:
        caps.append(BUZZWORD_CAP)
    return min(caps, default=5.0)
