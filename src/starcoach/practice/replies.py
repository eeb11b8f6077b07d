"""A reply to a follow-up, judged as a reply: against the question it answers and the opener it follows.

A reply is two or three sentences in a dialogue, not a whole answer, so the whole-answer checks (is there a
situation, a result, an action that is clearly yours...) never run on it: "My part was the design." answers
"which part was yours?" and needs no ownership finding. What a reply is held to:

- `reply.off_target`: it does not give what the question went after (a reason for a "why", a number or a
  method for "how was it measured", the speaker's own part for "which part was yours"...);
- `reply.contradicts_opener`: a fact in it (team size, dates, durations, a role, a before-and-after) differs
  from the opener or an earlier reply;
- `reply.adds_nothing`: it repeats what the opener said without the missing piece;
- and the few checks on *how* something is said that hold anywhere: blame, personal attacks, vagueness.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.analysis.consistency import compare_facts, extract_facts
from starcoach.analysis.report import Finding, Report, Severity, Span

__all__ = ["REPLY_RULES", "ReplyJudgement", "judge_reply", "kept_findings"]

# The analyzer checks that judge how something is said, and so fit a reply as well as an answer.
_SAYING_RULES = ("conflict.blame", "conflict.personal_attack", "clarity.vague")

REPLY_RULES: dict[str, tuple[Severity, str, str, str]] = {
    "reply.off_target": (
        Severity.WARNING,
        "The reply does not answer what was asked: {missing}.",
        "Answer the follow-up first, in its first sentence, then add context. An interviewer who asks "
        "a follow-up is checking one thing; a reply that talks around it reads as avoiding it.",
        "communication",
    ),
    "reply.contradicts_opener": (
        Severity.WARNING,
        "The reply says {now} where the opener said {before}.",
        "Keep the facts of the story the same in every reply (team size, dates, numbers, your role). "
        "Two versions make an interviewer doubt both.",
        "communication",
    ),
    "reply.adds_nothing": (
        Severity.SUGGESTION,
        "The reply repeats the opener instead of adding the missing piece.",
        "A follow-up asks for something the opener left out. Give the new detail (a name, a number, a "
        "moment, a reason) rather than saying the same thing again.",
        "communication",
    ),
}


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NUMBER = _cue(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundred|thousand|"
    r"half|third|quarter|double|twice|most|few)\b"
)
# What a reply must hold to answer each follow-up topic: what the question went after.
_ANSWERS: dict[str, tuple[re.Pattern[str], str]] = {
    "ownership": (
        _cue(r"\b(?:I|I'd|I've|my|me|myself|mine)\b"),
        "what you did yourself",
    ),
    "alternatives": (
        _cue(
            r"\b(?:because|so that|so (?:I|we|it|the)|instead|rather|option|alternative|reason|chose|decided|"
            r"considered|weigh\w*|trade-?off|would have|risk|cheaper|faster|safer|simpler|otherwise|the point|"
            r"wanted|needed|to avoid|in order to|since)\b"
        ),
        "why you chose it or what else you considered",
    ),
    "measurement": (
        _cue(
            r"\d|\b(?:measur\w*|track\w*|count\w*|survey\w*|dashboard|audit\w*|log\w*|report\w*|chart\w*|"
            r"before|baseline|compared|percent|half|double|twice|third)\b"
        ),
        "a number or how it was measured",
    ),
    "difficulty": (
        _cue(
            r"\b(?:hard\w*|difficult\w*|tough|struggl\w*|stuck|wrong|fail\w*|didn't work|did not work|"
            r"mistake|problem|worr\w*|nearly|almost|tricky|pushback|pushed back|resist\w*|tried|first)\b"
        ),
        "what was hard or what went wrong",
    ),
    "other_side": (
        _cue(
            r"\b(?:they|he|she|their|his|her|them|him|wanted|thought|worried|felt|said|argued|view|side|"
            r"point|concern\w*|fair|right)\b"
        ),
        "what the other person thought or wanted",
    ),
    "empathy": (
        _cue(r"\b(?:they|he|she|their|his|her|pressure|worried|felt|wanted|because|reason)\b"),
        "what was going on for the other person",
    ),
    "others": (
        _cue(
            r"\b(?:said|told|asked|explained|raised|put it|talked|spoke|wrote|emailed|rang|called|\"|“)"
        ),
        "what you said or did with them",
    ),
    "reflection": (
        _cue(
            r"\b(?:would|I'd|next time|differently|should have|could have|again|change|earlier|sooner|"
            r"instead|lesson|learn\w*)\b"
        ),
        "what you would do differently",
    ),
    "change_since": (
        _cue(
            r"\b(?:now|since|these days|every|always|each|started|stopped|no longer|any more|anymore|"
            r"habit|routine|still|changed|learn\w*|first thing)\b"
        ),
        "what you do differently since",
    ),
    "outcome": (
        _cue(
            r"\d|\b(?:ended|end|result\w*|decided|agreed|shipped|launched|finished|worked|went|outcome|"
            r"better|worse|lost|won|kept|dropped|fell|rose|happened|turned out)\b"
        ),
        "how it ended",
    ),
    "cost": (
        _cue(
            r"\d|\b(?:cost|lost|delay\w*|late|missed|money|hours|days|weeks|complain\w*|upset|angry|"
            r"refund\w*|overtime|time|trust|redo|rework)\b"
        ),
        "what it cost and who felt it",
    ),
    "counterfactual": (
        _cue(r"\b(?:would|I'd|if|then|plan b|escalat\w*|next|instead)\b"),
        "what you would have done",
    ),
    "example": (
        _cue(
            r"\b(?:last (?:year|month|week|spring|summer|autumn|winter)|in (?:19|20)\d\d|once|one time|"
            r"when I|on (?:a|one|my)|that day|(?:was|were|had|did|went|said|told|asked|made)\b)"
        ),
        "one real, specific time",
    ),
}
_MIN_WORDS = 3
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset(
    """about after again also because been before being could each from have into just more most much only
    other over same some such than that their them then there these they this those through very were what
    when where which while with would your the and for was are not but our out had has its it's i'm i've
    i'd was we us my me you""".split()
)


@dataclass(frozen=True)
class ReplyJudgement:
    """What a reply does as a reply: whether it answers the question, and its findings."""

    answered: bool
    findings: tuple[Finding, ...]


def _finding(rule: str, span: Span | None = None, matched: str = "", **values: str) -> Finding:
    severity, message, advice, dimension = REPLY_RULES[rule]
    return Finding(
        rule, severity, message.format(**values), advice, dimension, span=span, matched=matched
    )


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 and w not in _STOP}


def _adds_nothing(reply: str, opener: str) -> bool:
    words = _words(reply)
    if len(words) < 4:
        return False
    new = words - _words(opener)
    return len(new) <= len(words) // 5 and not (
        set(re.findall(r"\d+", reply)) - set(re.findall(r"\d+", opener))
    )


def kept_findings(report: Report) -> tuple[Finding, ...]:
    """Return the analyzer findings on a reply that fit a reply: how it is said, never what a whole
    answer lacks."""
    return tuple(
        f for f in report.findings if f.span is not None and f.rule_id.startswith(_SAYING_RULES)
    )


def judge_reply(
    reply: str,
    topic: str,
    opener: str,
    *,
    earlier: Sequence[str] = (),
    report: Report | None = None,
) -> ReplyJudgement:
    """Judge a follow-up reply against what its question went after (`topic`), the opener and earlier
    replies; `report` is the analyzer's report on the reply, if there is one, for the checks that fit."""
    findings: list[Finding] = list(kept_findings(report)) if report is not None else []
    words = reply.split()
    answered = True
    expected = _ANSWERS.get(topic)
    if expected is not None and len(words) >= 1:
        pattern, missing = expected
        answered = pattern.search(reply) is not None
        if not answered and len(words) >= _MIN_WORDS:
            findings.append(_finding("reply.off_target", missing=missing))
    facts = extract_facts(reply)
    if facts:
        for reference in (opener, *earlier):
            contradictions = compare_facts(facts, extract_facts(reference))
            for c in contradictions:
                findings.append(
                    _finding(
                        "reply.contradicts_opener",
                        c.span,
                        c.span.text(reply),
                        now=f'"{c.value}"',
                        before=f'"{c.reference_value}"',
                    )
                )
            if contradictions:
                break
    if answered and _adds_nothing(reply, opener):
        findings.append(_finding("reply.adds_nothing"))
    return ReplyJudgement(answered, tuple(findings))
