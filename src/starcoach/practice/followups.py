"""Choosing the next follow-up: what an interviewer asks after hearing an answer.

Candidates come from four places, each tied to something the user said or left out:
- the analyzer's probes on the opener answer, plus a probe for every finding whose template the
  analyzer's short list left out (an unmeasured result, an action with no actor, a vague stretch...);
- the story, when one is picked: material the story holds that the answer left out (a measured
  result, the user's own actions, the reflection, the hardest part, the pushback);
- the prompt's predetermined follow-ups (questions.toml), at a low priority;
- the replies themselves: a reply's own findings, a number that contradicts an earlier answer, and,
  for a demanding interviewer, a press when a reply is still vague or unowned.

Every candidate has a *topic* ("measurement", "ownership", "reflection", ...). A candidate is skipped
when the answers so far already cover its topic (see `covers`), when the same question was asked
earlier in the session, or when its template was used already for this opener. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from starcoach.analysis.answer import Answer
from starcoach.analysis.consistency import Contradiction
from starcoach.analysis.probes import quote_span, ranked_probes
from starcoach.analysis.report import Report, Span
from starcoach.practice.modes import Style
from starcoach.stories.model import FIELDS, ME, Story

__all__ = [
    "STOP_BELOW",
    "TOPIC_DIMENSION",
    "FollowUp",
    "Style",
    "Thread",
    "candidates_for_opener",
    "candidates_for_reply",
    "choose_next",
    "classify_question",
    "covers",
    "from_contradictions",
    "left_out",
    "probe_key",
    "spoken_only",
]


# Which dimension a follow-up on each topic tests; drills prefer the topics of their dimension.
TOPIC_DIMENSION: dict[str, str] = {
    "measurement": "impact",
    "outcome": "impact",
    "motivation": "impact",
    "counterfactual": "impact",
    "ownership": "ownership",
    "cost": "ownership",
    "reflection": "self_awareness",
    "empathy": "self_awareness",
    "difficulty": "resilience",
    "detection": "judgment",
    "alternatives": "judgment",
    "disagreement": "collaboration",
    "other_side": "collaboration",
    "others": "collaboration",
    "relationship": "collaboration",
    "change_since": "growth",
    "plan": "growth",
    "feedback_source": "growth",
    "example": "communication",
    "consistency": "communication",
    "other": "structure",
}

# The rules whose firing means the answer lacks what the topic asks for: never "covered" then.
_MISSING_RULES: dict[str, tuple[str, ...]] = {
    "measurement": ("result.no_number", "result.striking_no_baseline"),
    "outcome": ("star.missing_result", "pushback.no_resolution"),
    "motivation": ("proud.no_why", "proud.recognition_only"),
    "ownership": (
        "ownership.no_personal_action",
        "ownership.unclear_actor",
        "action.no_personal_action",
        "failure.no_own_part",
        "task.not_yours",
    ),
    "cost": ("failure.no_cost",),
    "reflection": ("reflection.missing",),
    "empathy": ("difficult_person.no_empathy",),
    "difficulty": ("challenge.no_difficulty",),
    "other_side": ("pushback.no_listening",),
    "change_since": ("failure.no_change", "feedback.no_change"),
    "plan": ("improvement.no_plan",),
}


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Words that show an answer already says what a topic asks. They are deliberately plain: a cue only
# ever *removes* a follow-up, so a false hit costs one question, while a miss repeats one.
_CUES: dict[str, re.Pattern[str]] = {
    "measurement": _cue(
        r"\b(?:measur\w*|dashboard|baseline|tracked|metrics?|compared|a/b|survey\w*|analytics|"
        r"monitor\w*|before and after)\b"
    ),
    "reflection": _cue(
        r"\b(?:differently|next time|in hindsight|looking back|if i did it again|i would have|"
        r"i'd have|i should have|lesson|learned|learnt)\b"
    ),
    "difficulty": _cue(
        r"\b(?:hardest|hard part|difficult\w*|tricky|struggl\w*|challeng\w*|stuck|"
        r"did not work|didn't work|failed at first)\b"
    ),
    "disagreement": _cue(
        r"\b(?:disagre\w*|pushed back|push back|pushback|objected|objection|skeptic\w*|"
        r"sceptic\w*|resist\w*|convinc\w*|argued|persuad\w*)\b"
    ),
    "other_side": _cue(
        r"\b(?:their (?:point|argument|concern|view)|they were right|fair point|"
        r"from their side|their perspective|strongest argument)\b"
    ),
    "motivation": _cue(
        r"\b(?:proud\w*|matters? to me|mattered to me|care about|cared about|meant a lot|"
        r"why it matter\w*|important to me)\b"
    ),
    "empathy": _cue(
        r"\b(?:their side|their perspective|from their|under pressure|they were worried|"
        r"understand why|understood why|what was going on for|their goals?|their incentives?)\b"
    ),
    "change_since": _cue(
        r"\b(?:since then|ever since|i now|now i|these days|from then on|started (?:to )?\w+ing|"
        r"changed how|never again|every time since)\b"
    ),
    "plan": _cue(
        r"\b(?:i am (?:practis|practic|working on|taking|reading|asking|trying)\w*|"
        r"i'm (?:practis|practic|working on|taking|reading|asking|trying)\w*|each week|"
        r"every week|every month|my mentor|a course)\b"
    ),
    "cost": _cue(r"\b(?:cost|lost|delay\w*|missed|refund\w*|outage|downtime|churn\w*|revenue)\b"),
    "others": _cue(r"\b(?:paired|together with|with (?:the|our|my) \w+|helped me|their part)\b"),
    "alternatives": _cue(
        r"\b(?:options?|alternatives?|considered|instead of|trade-?offs?|weighed|rejected)\b"
    ),
    "detection": _cue(r"\b(?:noticed|realis\w*|realiz\w*|first sign|alert\w*|spotted|caught)\b"),
    "counterfactual": _cue(r"\b(?:otherwise|would have (?:lost|missed|failed)|at risk|risked)\b"),
    "feedback_source": _cue(
        r"\b(?:manager|mentor|peer|colleague|lead|feedback from|told me|pointed out)\b"
    ),
    "relationship": _cue(
        r"\b(?:relationship|get along|work well together|still work|trust each other)\b"
    ),
}

# A before-and-after or an amount of change: "from 17% of nights to 2%", "by about 30%".
_CHANGE = _cue(
    r"\bfrom\b[^.;\d]{0,30}\d[^.;]{0,40}?\b(?:to|down to|up to)\b[^.;\d]{0,12}\d"
    r"|\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|over\s+|almost\s+)?\d+(?:\.\d+)?\s?"
    r"(?:%|percent|x\b|ms\b|seconds?|minutes?|hours?|days?|weeks?)"
)

# How the prompt's own follow-ups map to topics: the first pattern that matches wins.
_QUESTION_TOPICS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_cue(r"\bwhat (?:exactly )?did it cost\b|\bcost\b"), "cost"),
    (_cue(r"\bmeasure|\bhow did you know|\bhow will you know"), "measurement"),
    (_cue(r"\byours\b|your part|your role|you personally|your own part"), "ownership"),
    (_cue(r"\bwhy this\b|proud"), "motivation"),
    (_cue(r"why do you think they|behaved|describe working with you"), "empathy"),
    (_cue(r"strongest point|their argument|who was right"), "other_side"),
    (_cue(r"disagree|pushed back|\bagree\b"), "disagreement"),
    (_cue(r"differently|same situation|happened again|if it happened"), "reflection"),
    (_cue(r"hardest|did not work|didn't work|got stuck"), "difficulty"),
    (_cue(r"options|consider"), "alternatives"),
    (_cue(r"\bnotice"), "detection"),
    (_cue(r"had not (?:solved|agreed)"), "counterfactual"),
    (_cue(r"who else|the others|\breact\b|involved"), "others"),
    (_cue(r"relationship"), "relationship"),
    (_cue(r"since\b|\bnow\b|\btoday\b|change about your own"), "change_since"),
    (_cue(r"feedback"), "feedback_source"),
    (_cue(r"support would help|show up in your work|work on\b"), "plan"),
)

# The analyzer's probe sources, mapped to the topic their question asks about.
_SOURCE_TOPICS: dict[str, str] = {
    "rule:result.striking_no_baseline": "measurement",
    "rule:result.no_number": "measurement",
    "signal:we_result": "measurement",
    "signal:metric": "measurement",
    "rule:ownership.no_personal_action": "ownership",
    "rule:ownership.unclear_actor": "ownership",
    "signal:we_action": "ownership",
    "rule:failure.no_own_part": "ownership",
    "gap:result": "outcome",
    "rule:pushback.no_resolution": "outcome",
    "gap:reflection": "reflection",
    "rule:conflict.blame": "reflection",
    "rule:clarity.vague": "example",
    "rule:conflict.personal_attack": "example",
    "rule:failure.no_change": "change_since",
    "rule:feedback.no_change": "change_since",
    "rule:failure.humblebrag": "other",
    "rule:pushback.no_listening": "other_side",
    "rule:difficult_person.no_empathy": "empathy",
    "rule:challenge.no_difficulty": "difficulty",
    "signal:hardest": "difficulty",
    "rule:improvement.no_plan": "plan",
    "rule:proud.recognition_only": "motivation",
    "rule:proud.no_why": "motivation",
}

STOP_BELOW: dict[Style, float] = {
    Style.SUPPORTIVE: 0.7,
    Style.NEUTRAL: 0.6,
    Style.DEMANDING: 0.3,
}
"""Once the minimum is asked, stop when the best remaining candidate ranks below this."""

_PROMPT_PRIORITY = 0.35
_STORY_PRIORITY = 0.8
_CONSISTENCY_PRIORITY = 0.93
_PRESS_PRIORITY = 0.96
_DRILL_BOOST = 0.3
_SHORT_REPLY_WORDS = 12
# A demanding interviewer leans on the soft spots: unclear ownership, vagueness, unmeasured claims.
_DEMANDING_TOPICS = frozenset({"ownership", "example", "measurement"})
# A supportive one opens doors (reflection, why it mattered, what was hard) before pressing.
_SUPPORTIVE_TOPICS = frozenset({"reflection", "motivation", "difficulty"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_STOPWORDS = frozenset(
    """about after again also because been before being between both could during each from have
    into just more most much only other over same some such than that their them then there these
    they this those through under until very were what when where which while with would your
    mine ours the and for was are not but our out had has its it's i'm i've i'd""".split()
)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up question with why it is asked and what it is tied to."""

    question: str
    reason: str
    source: str
    """Where the question comes from: an analyzer probe source ("rule:...", "signal:...", "gap:..."),
    "story:<field>", "prompt:<n>", "press:<what>" or "consistency"."""
    origin: str
    """"answer", "reply", "story", "prompt", "press" or "consistency"."""
    topic: str
    dimension: str
    priority: float
    quote: str = ""
    """The user's own words the question is about (empty for a gap or a general question)."""
    span: Span | None = None
    """Where `quote` lies in the answer it was taken from (the opener's, or the reply's for
    "reply"/"press"/"consistency" follow-ups)."""


@dataclass(frozen=True)
class Thread:
    """What one opener's dialogue holds so far: the opener's report and the replies' reports."""

    opener: Report
    replies: tuple[Report, ...] = ()
    asked: tuple[FollowUp, ...] = ()


def probe_key(question: str) -> str:
    """Return the identity of a question for "never ask the same thing twice": its plain words."""
    return " ".join(_WORD.findall(question.lower()))


def classify_question(question: str) -> str:
    """Return the topic a free-standing follow-up question asks about ("other" when unsure)."""
    for pattern, topic in _QUESTION_TOPICS:
        if pattern.search(question):
            return topic
    return "other"


def _report_covers(topic: str, report: Report, *, reply: bool) -> bool:
    if report.abstained and not report.fragment:
        return False
    fired = {f.rule_id for f in report.findings}
    if any(rule in fired for rule in _MISSING_RULES.get(topic, ())):
        return False
    text = report.text
    if topic == "measurement":
        has_change = any(q.kind == "change" for q in report.quantities) or bool(
            _CHANGE.search(text)
        )
        cue = _CUES["measurement"].search(text) is not None
        # A reply that gives a number or says how it was measured answers the question; an
        # opener must give both the change and the method before the question is redundant.
        return (bool(report.quantities) or cue) if reply else (has_change and cue)
    if topic == "ownership":
        counts = report.actor_counts()
        mine = counts.get("i", 0)
        total = sum(counts.values())
        if reply:
            return mine >= 1
        return mine >= 2 and mine * 2 >= total
    if topic == "outcome":
        return "result" in report.parts_present
    if topic == "reflection":
        return "reflection" in report.parts_present or _CUES["reflection"].search(text) is not None
    if topic == "others":
        counts = report.actor_counts()
        return counts.get("they", 0) + counts.get("named", 0) > 0 or bool(
            _CUES["others"].search(text)
        )
    pattern = _CUES.get(topic)
    return pattern is not None and pattern.search(text) is not None


def covers(topic: str, thread: Thread, *, include_opener: bool = True) -> bool:
    """Return True when the opener answer (if included) or a reply already says what `topic` asks."""
    if include_opener and _report_covers(topic, thread.opener, reply=False):
        return True
    return any(_report_covers(topic, r, reply=True) for r in thread.replies)


def _sentence_around(report: Report, span: Span) -> Span | None:
    return next((s.span for s in report.sentences if s.span.contains(span)), None)


# What each probe target asks about, as a dialogue topic.
TARGET_TOPICS: dict[str, str] = {
    "own_part": "ownership",
    "decision": "alternatives",
    "measure": "measurement",
    "hardest": "difficulty",
    "other_view": "other_side",
    "conversation": "others",
    "differently": "reflection",
    "lesson": "change_since",
    "counterfactual": "counterfactual",
    "outcome": "outcome",
    "cost": "cost",
    "example": "example",
}


def topic_of_source(source: str, question: str) -> str:
    """Return the topic of a follow-up from its source (an analyzer probe's target) or its words."""
    family, _, rest = source.partition(":")
    if family == "target":
        return TARGET_TOPICS.get(rest.partition("/")[0], "other")
    return _SOURCE_TOPICS.get(source, classify_question(question))


def _from_probe(report: Report, origin: str) -> list[FollowUp]:
    out: list[FollowUp] = []
    for probe in report.probes:
        if probe.source == "question":
            continue  # the prompt's own follow-ups are added once, as prompt candidates
        topic = topic_of_source(probe.source, probe.question)
        quote = probe.span.text(report.text) if probe.span is not None else ""
        out.append(
            FollowUp(
                question=probe.question,
                reason=probe.reason,
                source=probe.source,
                origin=origin,
                topic=topic,
                dimension=TOPIC_DIMENSION[topic],
                priority=probe.priority,
                quote=quote,
                span=probe.span,
            )
        )
    return out


def _from_analysis(
    report: Report, taken: set[str], origin: str, style: Style = Style.NEUTRAL
) -> list[FollowUp]:
    """Return every probe the analyzer ranks for this answer (worded for `style`) that is not taken yet.

    The analyzer's report keeps only its top five; a dialogue can use the rest once those are asked.
    """
    answer = Answer(report.text, report.question_type or "generic")
    out: list[FollowUp] = []
    for probe in ranked_probes(answer, report.findings, style.value):
        if probe.source in taken:
            continue
        topic = topic_of_source(probe.source, probe.question)
        out.append(
            FollowUp(
                question=probe.question,
                reason=probe.reason,
                source=probe.source,
                origin=origin,
                topic=topic,
                dimension=TOPIC_DIMENSION[topic],
                priority=probe.priority,
                quote=probe.span.text(report.text) if probe.span is not None else "",
                span=probe.span,
            )
        )
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in _STOPWORDS}


def left_out(material: str, heard: str, *, threshold: float = 0.5) -> bool:
    """Return True when little of `material` (a story field) shows up in what was `heard`."""
    words = _content_words(material)
    if not words:
        return False
    numbers = set(_NUMBER.findall(material))
    if numbers and numbers & set(_NUMBER.findall(heard)):
        return False
    overlap = len(words & _content_words(heard)) / len(words)
    return overlap < threshold


# What a story can add to each prompt: (story field, topic, question). The question is what an
# interviewer would ask to bring that material out; it is asked only when the answer left it out.
_STORY_MATERIAL: dict[str, tuple[tuple[str, str, str], ...]] = {
    "proud": (
        (
            "results",
            "measurement",
            "What changed because of it, in numbers, and how was it measured?",
        ),
        ("actions", "ownership", "Take me through the steps you took yourself."),
        ("hardest_challenge", "difficulty", "What was the hardest part of that project?"),
        ("pushback", "disagreement", "Did anyone push back on your approach? What happened?"),
        ("why_it_matters", "motivation", "Why does this project matter to you?"),
        ("reflection", "reflection", "If you started that project again, what would you change?"),
    ),
    "challenge": (
        ("actions", "ownership", "Which steps did you take yourself to get past it?"),
        ("results", "measurement", "How did you know the problem was solved?"),
        ("reflection", "reflection", "With hindsight, how would you tackle it now?"),
    ),
    "pushback": (
        ("results", "outcome", "How did it turn out in the end?"),
        ("reflection", "reflection", "Would you handle that disagreement the same way again?"),
    ),
    "difficult_person": (
        ("reflection", "reflection", "What would you do differently with that person today?"),
    ),
    "failure": (
        ("reflection", "change_since", "What do you do differently because of that mistake?"),
    ),
    "feedback": (
        ("working_on_now", "change_since", "What do you do differently now because of it?"),
    ),
    "improvement": (
        ("feedback", "feedback_source", "Who pointed this out to you, and what did they say?"),
    ),
    "generic": (
        ("actions", "ownership", "Which of those steps were yours?"),
        ("results", "measurement", "What was the result, and how do you know?"),
    ),
}


def _story_material(story: Story, field: str) -> str:
    if field == "actions":
        return " ".join(a.did for a in story.actions if a.who == ME)
    if field == "results":
        return " ".join(
            " ".join(x for x in (r.outcome, r.metric, r.baseline) if x) for r in story.results
        )
    value = getattr(story, field, "")
    return value if isinstance(value, str) else ""


_FIELD_NAMES = {f.name: f.spoken for f in FIELDS if f.spoken}


def _from_story(question_id: str, story: Story, heard: str) -> list[FollowUp]:
    out: list[FollowUp] = []
    for index, (field, topic, question) in enumerate(_STORY_MATERIAL.get(question_id, ())):
        material = _story_material(story, field)
        if not material.strip() or not left_out(material, heard):
            continue
        out.append(
            FollowUp(
                question=question,
                reason=f"your story has {_FIELD_NAMES.get(field, field)}; the answer left it out",
                source=f"story:{field}",
                origin="story",
                topic=topic,
                dimension=TOPIC_DIMENSION[topic],
                priority=round(_STORY_PRIORITY - 0.01 * index, 3),
            )
        )
    return out


def _from_prompt(follow_ups: Sequence[str]) -> list[FollowUp]:
    out: list[FollowUp] = []
    for index, question in enumerate(follow_ups):
        topic = classify_question(question)
        out.append(
            FollowUp(
                question=question,
                reason="a follow-up this prompt usually gets",
                source=f"prompt:{index + 1}",
                origin="prompt",
                topic=topic,
                dimension=TOPIC_DIMENSION[topic],
                priority=round(_PROMPT_PRIORITY - 0.01 * index, 3),
            )
        )
    return out


def candidates_for_opener(
    report: Report,
    follow_ups: Sequence[str],
    story: Story | None = None,
    style: Style = Style.NEUTRAL,
) -> list[FollowUp]:
    """Return every follow-up worth considering after an opener answer, before ranking.

    The analyzer's probes come worded for the interviewer's `style`; the style never changes what they
    go after.
    """
    found = _from_analysis(report, set(), "answer", style)
    if story is not None:
        found += _from_story(report.question_type, story, report.text)
    found += _from_prompt(follow_ups)
    return found


def _press(reply: Report) -> list[FollowUp]:
    """Return the presses a demanding interviewer makes on a reply that stays vague or unowned."""
    out: list[FollowUp] = []
    fired = {f.rule_id: f for f in reply.findings}
    unowned = [a for a in reply.actions if a.actor in ("we", "passive", "none")]
    mine = [a for a in reply.actions if a.actor == "i"]
    if unowned and not mine:
        span = unowned[0].span
        quote = span.text(reply.text).strip().rstrip(".!?")
        out.append(
            FollowUp(
                question=f'You said "{quote}". I am asking about you, not the team: '
                "what did you do yourself?",
                reason="the reply still names no action of your own",
                source="press:ownership",
                origin="press",
                topic="ownership",
                dimension="ownership",
                priority=_PRESS_PRIORITY,
                quote=quote,
                span=span,
            )
        )
    vague = fired.get("clarity.vague") or fired.get("clarity.hedged_contribution")
    if vague is not None and vague.span is not None:
        span = quote_span(reply.text, vague.span, _sentence_around(reply, vague.span))
        quote = span.text(reply.text)
        out.append(
            FollowUp(
                question=f'"{quote}" is still general. Give me one specific moment: '
                "what happened, and what did you do?",
                reason="the reply stays vague",
                source="press:vague",
                origin="press",
                topic="example",
                dimension="communication",
                priority=_PRESS_PRIORITY - 0.01,
                quote=quote,
                span=span,
            )
        )
    if not out and 0 < _word_count(reply.text) < _SHORT_REPLY_WORDS:
        out.append(
            FollowUp(
                question="That is very brief. Say more: what exactly happened, and what was your part?",
                reason="the reply is very short",
                source="press:short",
                origin="press",
                topic="other",
                dimension="communication",
                priority=_PRESS_PRIORITY - 0.02,
            )
        )
    return out


def _word_count(text: str) -> int:
    return len(text.split())


def from_contradictions(
    answer: str, contradictions: Iterable[tuple[Contradiction, str]]
) -> list[FollowUp]:
    """Return a question for each fact in `answer` that contradicts an earlier answer.

    `contradictions` pairs each contradiction (spans into `answer` and the earlier answer) with the
    earlier answer's text, so the question can quote both.
    """
    found: list[FollowUp] = []
    for contradiction, earlier in contradictions:
        now = contradiction.span.text(answer)
        before = contradiction.reference_span.text(earlier)
        found.append(
            FollowUp(
                question=f'Earlier you said "{before}", and now "{now}". Which is right?',
                reason=f"the {contradiction.kind.replace('_', ' ')} differs from an earlier answer",
                source="consistency",
                origin="consistency",
                topic="consistency",
                dimension="communication",
                priority=_CONSISTENCY_PRIORITY,
                quote=now,
                span=contradiction.span,
            )
        )
    return found


# What a reply to a follow-up can fairly be held to: how it is said (ownership, clarity, numbers,
# blame). Structural checks (a situation, stakes, a reflection, a reason for every action) judge a
# whole answer and would only nag about a two-sentence reply.
_REPLY_RULES = (
    "ownership.",
    "clarity.",
    "conflict.",
    "result.striking_no_baseline",
    "action.no_personal_action",
    "failure.humblebrag",
    "pushback.pushover",
    "difficult_person.escalated_first",
    "judgment.meetings_not_decisions",
    "collaboration.one_way_communication",
)


# A reply to "how was it measured?" that still has no number is worth noting; elsewhere it is not.
_RESULT_TOPICS = frozenset({"measurement", "outcome"})


def spoken_only(report: Report, topic: str = "") -> Report:
    """Return a reply's report keeping only findings that quote its words and fit a reply.

    `topic` is the topic of the follow-up the reply answers; a reply about a result is also held to
    the result checks.
    """
    rules = (*_REPLY_RULES, "result.") if topic in _RESULT_TOPICS else _REPLY_RULES
    kept = tuple(f for f in report.findings if f.span is not None and f.rule_id.startswith(rules))
    return replace(report, findings=kept)


def candidates_for_reply(
    reply: Report, style: Style, topic: str = "", opener: str = ""
) -> list[FollowUp]:
    """Return the candidates a reply adds: asking again when it missed the question, and, when
    demanding, presses on a reply that stays vague or unowned.

    A reply is a piece of the dialogue, not a whole answer: it is held to the question it answers
    (see `replies.judge_reply`), never to what a whole answer must hold.
    """
    from starcoach.practice.replies import judge_reply

    found: list[FollowUp] = []
    judgement = judge_reply(reply.text, topic, opener, report=reply)
    if not judgement.answered and topic in TOPIC_DIMENSION and len(reply.text.split()) >= 3:
        found.append(
            FollowUp(
                question=_REASK.get(topic, "Let me ask that again: what is the short answer?"),
                reason="the reply did not answer the question",
                source=f"reask:{topic}",
                origin="reply",
                topic=topic,
                dimension=TOPIC_DIMENSION[topic],
                priority=_PRESS_PRIORITY - 0.005,
            )
        )
    if style is Style.DEMANDING:
        found += _press(spoken_only(reply, topic))
    return found


# Asking again, in other words, when a reply talked around the question.
_REASK: dict[str, str] = {
    "ownership": "Let me come back to that: what did you do yourself, in one sentence?",
    "alternatives": "Let me come back to that: why that choice, and what else did you consider?",
    "measurement": "Let me come back to that: what was the number, and how was it counted?",
    "difficulty": "Let me come back to that: what was the hardest moment?",
    "other_side": "Let me come back to that: what did the other person think or want?",
    "empathy": "Let me come back to that: what do you think was going on for the other person?",
    "others": "Let me come back to that: what exactly did you say?",
    "reflection": "Let me come back to that: what would you do differently?",
    "change_since": "Let me come back to that: what do you do differently since?",
    "outcome": "Let me come back to that: how did it end?",
    "cost": "Let me come back to that: what did it cost, and who felt it?",
    "counterfactual": "Let me come back to that: what would you have done then?",
    "example": "Let me come back to that: can you tell me about one specific time?",
}


def rank(candidate: FollowUp, style: Style, drill: str | None) -> float:
    """Return the candidate's priority adjusted for the interviewer's style and a drilled dimension."""
    score = candidate.priority
    if style is Style.DEMANDING and candidate.topic in _DEMANDING_TOPICS:
        score += 0.1
    elif style is Style.SUPPORTIVE:
        if candidate.topic in _SUPPORTIVE_TOPICS:
            score += 0.1
        elif candidate.origin == "press":
            score -= 0.3
    if drill is not None and candidate.dimension == drill:
        score += _DRILL_BOOST
    return round(score, 3)


def choose_next(
    candidates: Sequence[FollowUp],
    thread: Thread,
    *,
    style: Style,
    asked_keys: set[str] | frozenset[str],
    minimum: int,
    maximum: int,
    drill: str | None = None,
) -> FollowUp | None:
    """Return the follow-up to ask next in this opener's thread, or None when it is time to move on.

    Skips questions asked earlier in the session (`asked_keys`), templates already used in this
    thread, and topics the answers already cover. A demanding interviewer may return to a topic the
    reply left uncovered; the others ask about each topic once per opener.
    """
    count = len(thread.asked)
    if count >= maximum:
        return None
    used_sources = {a.source for a in thread.asked}
    used_topics = {a.topic for a in thread.asked}
    best: FollowUp | None = None
    best_score = float("-inf")
    for candidate in candidates:
        if probe_key(candidate.question) in asked_keys or candidate.source in used_sources:
            continue
        topic = candidate.topic
        # Asking again a question the last reply talked around is the one repeat every style makes.
        reask = candidate.source.startswith("reask:")
        repeats_topic = topic not in ("other", "example", "consistency") and topic in used_topics
        if (
            repeats_topic
            and not reask
            and (style is not Style.DEMANDING or candidate.origin != "press")
        ):
            continue
        # A finding from the analyzer already says the opener lacks this, so only a reply can
        # cover it; anything else is skipped when the opener already says it.
        from_finding = candidate.origin in ("answer", "reply") and candidate.source.startswith(
            "rule:"
        )
        if (
            not reask
            and topic not in ("example", "consistency", "other")
            and covers(topic, thread, include_opener=not from_finding)
        ):
            continue
        score = rank(candidate, style, drill)
        if score > best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    if count >= minimum and best_score < STOP_BELOW[style]:
        return None
    return replace(best, priority=best_score)
