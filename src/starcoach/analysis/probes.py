"""Follow-up probes: ranked questions an interviewer would ask next, each grounded in quoted words or a gap."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from starcoach.analysis.answer import Answer
from starcoach.analysis.report import STAR_PARTS, Finding, Probe, Span

MAX_PROBES = 5
MIN_PROBES = 3
_QUOTE_CHARS = 90
_SIGNALS = ("we_result", "we_action", "metric")


class ProbeFileError(ValueError):
    """The probe file is malformed; the message names the entry."""


@dataclass(frozen=True)
class ProbeTemplate:
    """A probe question and what in an answer triggers it."""

    trigger: str
    question: str
    reason: str
    priority: float


@cache
def load_probe_templates() -> tuple[ProbeTemplate, ...]:
    """Return the shipped probe templates, validated strictly."""
    source = resources.files("starcoach.content") / "probes.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    templates = []
    for index, entry in enumerate(data.get("probe", [])):
        where = f"probes.toml: probe #{index + 1}"
        unknown = set(entry) - {"trigger", "question", "reason", "priority"}
        if unknown:
            raise ProbeFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        trigger = entry.get("trigger", "")
        family, _, name = trigger.partition(":")
        valid = (
            (family == "rule" and name)
            or (family == "signal" and name in _SIGNALS)
            or (family == "gap" and name in STAR_PARTS)
        )
        if not valid:
            raise ProbeFileError(f"{where}: bad trigger {trigger!r}")
        texts = (entry.get("question"), entry.get("reason"))
        if not all(isinstance(t, str) and t for t in texts):
            raise ProbeFileError(f"{where}: needs a 'question' and a 'reason'")
        if not isinstance(entry.get("priority"), float):
            raise ProbeFileError(f"{where}: needs a 'priority' number")
        templates.append(
            ProbeTemplate(trigger, entry["question"], entry["reason"], entry["priority"])
        )
    return tuple(templates)


def quote_span(text: str, span: Span, sentence: Span | None) -> Span:
    """Return a short span to quote around `span`: its sentence when short, else the clause that holds
    it, else a window of whole words around it."""
    around = sentence if sentence is not None and sentence.contains(span) else span
    start, end = around.start, around.end
    if end - start > _QUOTE_CHARS:
        # The clause: from the comma or semicolon before the quoted words to the one after them.
        before = max(text.rfind(", ", start, span.start), text.rfind("; ", start, span.start))
        after = [
            i for i in (text.find(", ", span.end, end), text.find("; ", span.end, end)) if i >= 0
        ]
        start = before + 2 if before >= 0 else start
        end = min(after) if after else end
    if end - start > _QUOTE_CHARS:
        middle = (span.start + span.end) // 2
        start = max(start, min(span.start, middle - _QUOTE_CHARS // 2))
        end = max(span.end, min(end, start + _QUOTE_CHARS))
        # Widen to whole words so a quote never cuts a word in half.
        while start > around.start and not text[start - 1].isspace():
            start -= 1
        while end < around.end and not text[end].isspace():
            end += 1
    while end > start and text[end - 1] in ".,;:!? ":
        end -= 1
    return Span(start, end) if end > start else around


def _signals(answer: Answer) -> dict[str, Span]:
    """Return the words each signal points at, for the signals the answer shows."""
    found: dict[str, Span] = {}
    results = answer.part_spans("result")
    actors = {a.span: a.actor for a in answer.actions}
    # Outcome numbers are the ones an interviewer probes; context numbers ("a team of five") are not.
    for quantity in answer.outcomes:
        sentence = answer.sentence_of(quantity.span)
        if sentence in results and actors.get(sentence, "none") != "i":
            found.setdefault("we_result", quantity.span)
        found.setdefault("metric", quantity.span)
    # Quote a step told with "we" around the "we", so the quote holds the clause it governs.
    we_actions = [a.actor_span or a.span for a in answer.actions if a.actor == "we"]
    if we_actions:
        found["we_action"] = we_actions[0]
    return found


def build_probes(
    answer: Answer, findings: Sequence[Finding], follow_ups: Sequence[str]
) -> list[Probe]:
    """Return 3-5 ranked probes grounded in the answer's words, its findings and its gaps."""
    by_rule = {f.rule_id: f for f in reversed(findings)}
    signals = _signals(answer)
    candidates: list[Probe] = []
    for template in load_probe_templates():
        family, _, name = template.trigger.partition(":")
        span: Span | None = None
        priority = template.priority
        if family == "rule":
            finding = by_rule.get(name)
            if finding is None:
                continue
            span = finding.span
            priority += 0.02 * int(finding.severity)
        elif family == "signal":
            if name not in signals:
                continue
            span = signals[name]
        elif name in answer.parts_present or (
            name == "reflection" and "reflection.missing" not in by_rule
        ):
            continue
        if "{quote}" in template.question and span is None:
            continue
        question = template.question
        if span is not None:
            span = quote_span(answer.text, span, answer.sentence_of(span))
            question = question.replace("{quote}", span.text(answer.text))
        candidates.append(
            Probe(question, template.reason, template.trigger, span, round(priority, 3))
        )
    chosen: list[Probe] = []
    quoted: set[Span] = set()
    for probe in sorted(candidates, key=lambda p: -p.priority):
        if probe.span is not None and probe.span in quoted:
            continue
        if probe.span is not None:
            quoted.add(probe.span)
        chosen.append(probe)
        if len(chosen) == MAX_PROBES:
            break
    for question in follow_ups:
        if len(chosen) >= MIN_PROBES:
            break
        if all(p.question != question for p in chosen):
            chosen.append(
                Probe(question, "a follow-up this prompt usually gets", "question", None, 0.3)
            )
    return chosen
