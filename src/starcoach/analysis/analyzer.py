"""`analyze()`: text in, `Report` out. Pure: no I/O beyond reading the package's own data once."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from starcoach.analysis.abstain import TOO_SHORT, abstain_reason
from starcoach.analysis.answer import Answer
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.probes import build_probes
from starcoach.analysis.question import resolve_question
from starcoach.analysis.registry import load_rules, ruleset_version
from starcoach.analysis.report import (
    STAR_PARTS,
    Contradiction,
    Finding,
    Report,
    Severity,
    SpeakingTime,
)
from starcoach.analysis.rule import Rule
from starcoach.analysis.scoring import score_dimensions
from starcoach.analysis.switches import switched_off
from starcoach.analysis.text import split_sentences
from starcoach.content import load_content, resolve_role

if TYPE_CHECKING:
    from collections.abc import Collection

    # Fact extraction loads only when an answer is checked against a reference.
    from starcoach.analysis.consistency import Reference

MAX_ANALYZED_CHARS = 20_000
"""Answers longer than this (about 3,500 words, over 20 minutes spoken) are analyzed up to this point only."""

FRAGMENT_MIN_WORDS = 3


def _selected(
    rules: tuple[Rule, ...], answer: Answer, fragment: bool, disabled: Collection[str]
) -> list[Rule]:
    """Return the rules for the answer's question, less the switched-off ones; on a fragment, only those
    that can judge a piece."""
    return [
        r
        for r in rules
        if r.applies_to(answer.question_id)
        and r.id not in disabled
        and (r.fits_fragment if fragment else not r.fragment_only)
    ]


# Rules whose error fires on too many answers an expert calls strong stay warnings: an error must hold on at
# least 95% of strong answers (our answer set, dev split). `star.missing_result` fired on 8 of 60 strong dev
# answers (13%): a lesson or a changed behaviour is often the result of a failure or feedback story.
WARNING_AT_MOST = frozenset({"star.missing_result"})


# The rules that can judge an answer too short to score: a cliché, a denial, a humblebrag, blame, an answer
# about something else, or no example at all. Named by id; an id no rule has (yet) is simply not run.
SHORT_ANSWER_RULES = frozenset({
    "failure.humblebrag", "conflict.denies_conflict", "failure.denies_failure", "conflict.blame",
    "conflict.personal_attack", "failure.others_blamed", "answer.off_topic", "answer.no_example",
    "answer.hypothetical", "coherence.generic", "proud.recognition_only",
})  # fmt: skip


def _capped(finding: Finding) -> Finding:
    """Return the finding with its severity capped at warning when its rule is not precise enough for error."""
    if finding.rule_id in WARNING_AT_MOST and finding.severity > Severity.WARNING:
        return replace(finding, severity=Severity.WARNING)
    return finding


def run_rules(answer: Answer, rules: list[Rule]) -> list[Finding]:
    """Return the findings of `rules` on the answer, minus those a stronger finding supersedes."""
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(KINDS[rule.kind].check(rule, answer)[: rule.max_findings])
    fired = {f.rule_id for f in findings}
    superseded = {
        loser for rule in rules if rule.id in fired for loser in rule.params.get("supersedes", ())
    }
    kept = [_capped(f) for f in findings if f.rule_id not in superseded]
    return sorted(
        kept, key=lambda f: (f.span is not None, f.span.start if f.span else 0, -f.severity)
    )


def _truncate(text: str) -> tuple[str, tuple[str, ...]]:
    """Return the part of `text` to analyze (cut at a sentence end) and a notice when it was cut."""
    if len(text) <= MAX_ANALYZED_CHARS:
        return text, ()
    ends = [s.end for s in split_sentences(text[:MAX_ANALYZED_CHARS])]
    cut = ends[-2] if len(ends) > 1 else MAX_ANALYZED_CHARS
    notice = (
        f"The answer is {len(text):,} characters; only the first {cut:,} were analyzed. "
        "The full text is kept."
    )
    return text[:cut], (notice,)


def analyze(
    text: str,
    question: str | None = None,
    role: str | None = None,
    *,
    reference: str | Reference | None = None,
    disabled_rules: Collection[str] = (),
) -> Report:
    """Analyze one whole answer to a behavioral question and return the report.

    `question` is a prompt id ("proud", "failure", ...) or the question's own words; `role` a role id or alias;
    `reference` a story (its text) or an earlier answer that the answer must not contradict;
    `disabled_rules` ids of rules not to run (their findings, and so their weight in the scores, are gone),
    besides those switched off around the call (`analysis.switches`).
    Never raises on any text; raises UnknownQuestionError or UnknownRoleError for an unknown id or role.
    """
    return _analyze(text, question, role, None, False, reference, disabled_rules)


def analyze_fragment(
    text: str,
    question: str | None = None,
    part: str | None = None,
    role: str | None = None,
    *,
    disabled_rules: Collection[str] = (),
) -> Report:
    """Analyze a piece of an answer: one STAR part (a story field) or a phrase, with the rules that fit it.

    Raises ValueError for an unknown part, and what `analyze` raises for an unknown question or role.
    """
    if part is not None and part not in STAR_PARTS:
        raise ValueError(f"unknown part {part!r} (expected one of: {', '.join(STAR_PARTS)})")
    return _analyze(text, question, role, part, True, None, disabled_rules)


def _analyze(
    text: str,
    question: str | None,
    role: str | None,
    part: str | None,
    fragment: bool,
    reference: str | Reference | None,
    disabled: Collection[str],
) -> Report:
    content = load_content()
    disabled = switched_off().union(disabled)
    question_id, question_source, question_text = resolve_question(question)
    role_id = resolve_role(role).id if role else None
    prompt = content.questions[question_id]
    analyzed, notices = _truncate(text)
    answer = Answer(analyzed, question_id, prompt.target_seconds, part=part, fragment=fragment)
    speaking = SpeakingTime(
        answer.word_count, round(answer.speaking_seconds, 1), *prompt.target_seconds
    )
    reason = abstain_reason(
        analyzed,
        FRAGMENT_MIN_WORDS if fragment else prompt.min_words,
        personal=not fragment,
        word_count=answer.word_count,
    )
    findings: list[Finding] = []
    if reason is None:
        findings = run_rules(answer, _selected(load_rules(), answer, fragment, disabled))
    elif reason.startswith(TOO_SHORT) and not fragment:
        # Too short to score, but a cliché or a denial is still named: "I'm a perfectionist" is one.
        selected = _selected(load_rules(), answer, False, disabled)
        short = [r for r in selected if r.id in SHORT_ANSWER_RULES]
        findings = run_rules(answer, short)
    anchors = {d.id: d.anchors for d in content.dimensions.values()}
    probes = {d.id: d.probe for d in content.dimensions.values()}
    scores, unscored, overall = (
        ([], [], None)
        if reason
        else score_dimensions(answer, prompt.weights, findings, anchors, prompt.structure, probes)
    )
    return Report(
        text=text,
        question_type=question_id,
        question_source=question_source,
        question_text=question_text,
        role=role_id,
        abstained=reason is not None,
        abstain_reason=reason,
        findings=tuple(findings),
        sentences=() if reason else tuple(answer.labels),
        parts_present=() if reason else answer.parts_present,
        actions=() if reason else tuple(answer.actions),
        quantities=() if reason else tuple(answer.quantities),
        scores=tuple(scores),
        overall=overall,
        # A too-short answer still gets probes: the follow-up that asks for one real example.
        probes=()
        if reason and not (reason.startswith("too short") and not fragment)
        else tuple(build_probes(answer, findings, prompt.follow_ups)),
        speaking=speaking,
        ruleset_version=ruleset_version(),
        notices=notices,
        fragment=fragment,
        reference=reference if reference is None or isinstance(reference, str) else reference.text,
        contradictions=_contradictions(analyzed, reference),
        unscored=tuple(unscored),
    )


def _contradictions(text: str, reference: str | Reference | None) -> tuple[Contradiction, ...]:
    """Return the answer's clear contradictions with the reference, if one was given."""
    if not reference:
        return ()
    from starcoach.analysis.consistency import find_contradictions

    return tuple(find_contradictions(text, reference))
