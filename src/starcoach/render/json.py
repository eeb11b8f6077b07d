"""The one serializer of `Report`: a documented, versioned JSON wire format (see docs/schema.md).

`report_to_dict` and `report_from_dict` are a lossless round trip. Every span is written as
{"start", "end"} plus the quoted text and a 1-based line/column for display; readers use only
start/end. Readers accept any 1.x document: unknown keys are ignored (minor versions only add) and
keys added after 1.0 fall back to their defaults.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starcoach.analysis.report import (
    SCHEMA_VERSION,
    Action,
    Contradiction,
    DimensionScore,
    Evidence,
    Finding,
    Probe,
    Quantity,
    Report,
    SentenceLabel,
    Severity,
    Span,
    SpeakingTime,
    UnscoredDimension,
    overall_meaning,
)
from starcoach.render import LineIndex

SUPPORTED_MAJOR = int(SCHEMA_VERSION.split(".")[0])


class SchemaError(ValueError):
    """A JSON document is not a report this version of starcoach can read."""


def span_bounds(span: Span | None) -> dict[str, int] | None:
    """Return a span as the bare `{"start", "end"}` object the other JSON documents use."""
    return None if span is None else {"start": span.start, "end": span.end}


def _span(span: Span | None, text: str, index: LineIndex) -> dict[str, Any] | None:
    if span is None:
        return None
    line, column = index.position(span.start)
    return {
        "start": span.start,
        "end": span.end,
        "text": span.text(text),
        "line": line,
        "column": column,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the JSON-ready dict of `report` (wire format version `SCHEMA_VERSION`)."""
    text = report.text
    index = LineIndex(text)
    ref_index = LineIndex(report.reference or "")
    counts = {s.label: 0 for s in Severity}
    for finding in report.findings:
        counts[finding.severity.label] += 1
    return {
        "schema_version": report.schema_version,
        "ruleset_version": report.ruleset_version,
        "question_type": report.question_type,
        "question_source": report.question_source,
        "question_text": report.question_text,
        "role": report.role,
        "abstained": report.abstained,
        "abstain_reason": report.abstain_reason,
        "text": text,
        "findings": [
            {
                "rule_id": f.rule_id,
                "severity": f.severity.label,
                "message": f.message,
                "advice": f.advice,
                "dimension": f.dimension,
                "span": _span(f.span, text, index),
                "matched": f.matched,
                "replacements": list(f.replacements),
                "confidence": f.confidence,
            }
            for f in report.findings
        ],
        "sentences": [
            {"span": _span(s.span, text, index), "part": s.part, "confidence": s.confidence}
            for s in report.sentences
        ],
        "parts_present": list(report.parts_present),
        "actions": [
            {
                "span": _span(a.span, text, index),
                "actor": a.actor,
                "actor_span": _span(a.actor_span, text, index),
            }
            for a in report.actions
        ],
        "quantities": [
            {"span": _span(q.span, text, index), "kind": q.kind, "value": q.value}
            for q in report.quantities
        ],
        "scores": [
            {
                "dimension": s.dimension,
                "score": s.score,
                "anchor": s.anchor,
                "evidence": [
                    {"note": e.note, "span": _span(e.span, text, index), "positive": e.positive}
                    for e in s.evidence
                ],
            }
            for s in report.scores
        ],
        "not_enough_evidence": [
            {"dimension": u.dimension, "score": None, "reason": u.reason, "probe": u.probe}
            for u in report.unscored
        ],
        "overall": report.overall,
        "overall_meaning": None if report.abstained else overall_meaning(report.overall),
        "probes": [
            {
                "question": p.question,
                "reason": p.reason,
                "source": p.source,
                "span": _span(p.span, text, index),
                "priority": p.priority,
            }
            for p in report.probes
        ],
        "speaking": {
            "words": report.speaking.words,
            "seconds": report.speaking.seconds,
            "target_min_seconds": report.speaking.target_min_seconds,
            "target_max_seconds": report.speaking.target_max_seconds,
        },
        "notices": list(report.notices),
        "fragment": report.fragment,
        "reference": report.reference,
        "contradictions": [
            {
                "kind": c.kind,
                "subject": c.subject,
                "span": _span(c.span, text, index),
                "reference_span": _span(c.reference_span, report.reference or "", ref_index),
                "value": c.value,
                "reference_value": c.reference_value,
            }
            for c in report.contradictions
        ],
        "summary": {
            "findings_by_severity": counts,
            "actor_counts": report.actor_counts(),
        },
    }


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """Return `report` as a JSON string (non-ASCII kept as is)."""
    return json.dumps(report_to_dict(report), indent=indent, ensure_ascii=False)


report_to_json = dumps
"""The public name of `dumps`: `from starcoach import report_to_json`."""


def _need(d: Mapping[str, Any], key: str, where: str) -> Any:
    try:
        return d[key]
    except KeyError:
        raise SchemaError(f"{where}: missing key {key!r}") from None
    except TypeError:
        raise SchemaError(f"{where}: expected an object, got {type(d).__name__}") from None


def _read_span(value: Any, where: str) -> Span | None:
    if value is None:
        return None
    try:
        return Span(int(_need(value, "start", where)), int(_need(value, "end", where)))
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SchemaError):
            raise
        raise SchemaError(f"{where}: {exc}") from None


def _items(d: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = d.get(key, ())
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise SchemaError(f"{key}: expected a list, got {type(value).__name__}")
    return value


def _check_version(version: Any) -> str:
    if not isinstance(version, str) or not version.split(".")[0].isdigit():
        raise SchemaError(f"schema_version: expected a string like '1.0', got {version!r}")
    major = int(version.split(".")[0])
    if major != SUPPORTED_MAJOR:
        raise SchemaError(
            f"schema_version {version} is not readable by this starcoach "
            f"(it reads {SUPPORTED_MAJOR}.x)"
        )
    return version


def report_from_dict(d: Mapping[str, Any]) -> Report:
    """Return the `Report` stored in `d`, as written by `report_to_dict` (any 1.x version)."""
    if not isinstance(d, Mapping):
        raise SchemaError(f"expected a JSON object, got {type(d).__name__}")
    version = _check_version(_need(d, "schema_version", "report"))
    try:
        findings = tuple(
            Finding(
                rule_id=str(_need(f, "rule_id", f"findings[{i}]")),
                severity=Severity.parse(str(_need(f, "severity", f"findings[{i}]"))),
                message=str(f.get("message", "")),
                advice=str(f.get("advice", "")),
                dimension=str(f.get("dimension", "")),
                span=_read_span(f.get("span"), f"findings[{i}].span"),
                matched=str(f.get("matched", "")),
                replacements=tuple(str(r) for r in f.get("replacements", ())),
                confidence=float(f.get("confidence", 1.0)),
            )
            for i, f in enumerate(_items(d, "findings"))
        )
        sentences = tuple(
            SentenceLabel(
                span=_required_span(s, f"sentences[{i}]"),
                part=str(_need(s, "part", f"sentences[{i}]")),
                confidence=float(s.get("confidence", 1.0)),
            )
            for i, s in enumerate(_items(d, "sentences"))
        )
        actions = tuple(
            Action(
                span=_required_span(a, f"actions[{i}]"),
                actor=str(_need(a, "actor", f"actions[{i}]")),
                actor_span=_read_span(a.get("actor_span"), f"actions[{i}].actor_span"),
            )
            for i, a in enumerate(_items(d, "actions"))
        )
        quantities = tuple(
            Quantity(
                span=_required_span(q, f"quantities[{i}]"),
                kind=str(_need(q, "kind", f"quantities[{i}]")),
                value=None if q.get("value") is None else float(q["value"]),
            )
            for i, q in enumerate(_items(d, "quantities"))
        )
        scores = tuple(
            DimensionScore(
                dimension=str(_need(s, "dimension", f"scores[{i}]")),
                score=int(_need(s, "score", f"scores[{i}]")),
                anchor=str(s.get("anchor", "")),
                evidence=tuple(
                    Evidence(
                        note=str(_need(e, "note", f"scores[{i}].evidence[{j}]")),
                        span=_read_span(e.get("span"), f"scores[{i}].evidence[{j}].span"),
                        positive=bool(e.get("positive", True)),
                    )
                    for j, e in enumerate(_items(s, "evidence"))
                ),
            )
            for i, s in enumerate(_items(d, "scores"))
        )
        probes = tuple(
            Probe(
                question=str(_need(p, "question", f"probes[{i}]")),
                reason=str(p.get("reason", "")),
                source=str(p.get("source", "")),
                span=_read_span(p.get("span"), f"probes[{i}].span"),
                priority=float(p.get("priority", 0.0)),
            )
            for i, p in enumerate(_items(d, "probes"))
        )
        sp = _need(d, "speaking", "report")
        speaking = SpeakingTime(
            words=int(_need(sp, "words", "speaking")),
            seconds=float(_need(sp, "seconds", "speaking")),
            target_min_seconds=int(_need(sp, "target_min_seconds", "speaking")),
            target_max_seconds=int(_need(sp, "target_max_seconds", "speaking")),
        )
        overall = d.get("overall")
        reason = d.get("abstain_reason")
        question_text = d.get("question_text")
        role = d.get("role")
        return Report(
            text=str(_need(d, "text", "report")),
            question_type=str(_need(d, "question_type", "report")),
            question_source=str(d.get("question_source", "id")),
            abstained=bool(_need(d, "abstained", "report")),
            abstain_reason=None if reason is None else str(reason),
            findings=findings,
            sentences=sentences,
            parts_present=tuple(str(p) for p in _items(d, "parts_present")),
            actions=actions,
            quantities=quantities,
            scores=scores,
            overall=None if overall is None else float(overall),
            probes=probes,
            speaking=speaking,
            role=None if role is None else str(role),
            question_text=None if question_text is None else str(question_text),
            ruleset_version=str(d.get("ruleset_version", "")),
            schema_version=version,
            notices=tuple(str(n) for n in _items(d, "notices")),
            fragment=bool(d.get("fragment", False)),
            reference=None if d.get("reference") is None else str(d["reference"]),
            unscored=tuple(
                UnscoredDimension(
                    dimension=str(_need(u, "dimension", f"not_enough_evidence[{i}]")),
                    reason=str(u.get("reason", "")),
                    probe=str(u.get("probe", "")),
                )
                for i, u in enumerate(_items(d, "not_enough_evidence"))
            ),
            contradictions=tuple(
                Contradiction(
                    kind=str(_need(c, "kind", f"contradictions[{i}]")),
                    subject=str(c.get("subject", "")),
                    span=_required_span(c, f"contradictions[{i}]"),
                    reference_span=_required_span(
                        {"span": _need(c, "reference_span", f"contradictions[{i}]")},
                        f"contradictions[{i}].reference",
                    ),
                    value=str(c.get("value", "")),
                    reference_value=str(c.get("reference_value", "")),
                )
                for i, c in enumerate(_items(d, "contradictions"))
            ),
        )
    except SchemaError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise SchemaError(f"malformed report: {exc}") from None


def _required_span(item: Any, where: str) -> Span:
    span = _read_span(_need(item, "span", where), f"{where}.span")
    if span is None:
        raise SchemaError(f"{where}.span: must not be null")
    return span


def loads(data: str | bytes) -> Report:
    """Return the `Report` in a JSON string written by `dumps`."""
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"not JSON: {exc}") from None
    return report_from_dict(value)


report_from_json = loads
"""The public name of `loads`: `from starcoach import report_from_json`."""
