"""The JSON documents of the story bank: the coverage map, the story check and a draft.

One builder per document, used by the CLI (`--format json`) and the web (`.json` routes) alike, so
the two always print the same object for the same data. Every document is described in
docs/schema.md; a position is always a `{"start", "end"}` object (half-open, in characters) into the
text named beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starcoach.analysis.consistency import Contradiction
from starcoach.analysis.report import Span
from starcoach.render.json import report_to_dict, span_bounds
from starcoach.stories.checks import StoryCheck
from starcoach.stories.coverage import CoverageMap
from starcoach.stories.drafts import Draft, DraftUnavailable
from starcoach.stories.model import Story, story_to_dict

__all__ = [
    "check_document",
    "coverage_document",
    "draft_document",
    "draft_unavailable_document",
    "story_list_document",
]


# --- the story list ----------------------------------------------------------------------------


def story_list_document(stories: Sequence[Story]) -> dict[str, Any]:
    """Return the stories, the anchor first, as JSON-ready data (docs/schema.md, "The story list").

    Each story is the story object of `stories.model.story_to_dict`, the form `story show
    --format json`, `GET /stories/{id}.json` (its `story`) and the story API use.
    """
    return {"stories": [story_to_dict(s) for s in stories], "count": len(stories)}


# --- coverage map ------------------------------------------------------------------------------


def coverage_document(cmap: CoverageMap, stories: Sequence[Story]) -> dict[str, Any]:
    """Return the coverage map as JSON-ready data (docs/schema.md, "The coverage map")."""
    titles = {s.id: s.title for s in stories}
    return {
        "anchor": cmap.anchor,
        "recommended_anchor": cmap.recommended_anchor,
        "stories": [{"id": sid, "title": titles.get(sid, sid)} for sid in cmap.story_ids],
        "prompts": [
            {
                "question_id": row.question_id,
                "title": row.title,
                "best": None
                if row.best is None or row.best.strength == "missing"
                else row.best.story_id,
                "cells": [
                    {
                        "story_id": c.story_id,
                        "strength": c.strength,
                        "score": c.score,
                        "parts": list(c.parts),
                        "missing": list(c.missing),
                        "missing_rules": list(c.missing_rules),
                    }
                    for c in row.cells
                ],
            }
            for row in cmap.rows
        ],
    }


# --- story check -------------------------------------------------------------------------------


def _contradiction(c: Contradiction, text: str, ref_text: str) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "subject": c.subject,
        "value": c.value,
        "reference_value": c.reference_value,
        "span": span_bounds(c.span),
        "text": c.span.text(text),
        "reference_span": span_bounds(c.reference_span),
        "reference_text": c.reference_span.text(ref_text),
    }


def check_document(
    check: StoryCheck, sources: Sequence[str] = (), answers: Sequence[str] = ()
) -> dict[str, Any]:
    """Return a story check as JSON-ready data (docs/schema.md, "The story check").

    `answers` are the answers checked against the story, `sources` the names they are shown under.
    """
    ref = check.reference.text
    worst = check.worst()

    def place(span: Span) -> str | None:
        where = check.reference.field_at(span)
        return where.field if where is not None else None

    return {
        "story_id": check.story.id,
        "worst": worst.label if worst is not None else None,
        "reference_text": ref,
        "gaps": [
            {
                "rule_id": g.rule_id,
                "severity": g.severity.label,
                "field": g.field,
                "message": g.message,
                "advice": g.advice,
            }
            for g in check.gaps
        ],
        "findings": [
            {
                "rule_id": f.finding.rule_id,
                "severity": f.finding.severity.label,
                "field": f.field,
                "message": f.finding.message,
                "advice": f.finding.advice,
                "span": span_bounds(f.finding.span),
                "matched": f.finding.span.text(f.text) if f.finding.span is not None else "",
            }
            for f in check.findings
        ],
        "contradictions": [
            {
                **_contradiction(c, ref, ref),
                "field": place(c.span),
                "reference_field": place(c.reference_span),
            }
            for c in check.contradictions
        ],
        "answers": [
            {
                "source": source,
                "contradictions": [
                    {
                        **_contradiction(
                            item.contradiction,
                            answers[item.answer],
                            ref if item.against_answer is None else answers[item.against_answer],
                        ),
                        "against": "story"
                        if item.against_answer is None
                        else sources[item.against_answer],
                        "reference_field": place(item.contradiction.reference_span)
                        if item.against_answer is None
                        else None,
                    }
                    for item in check.answer_contradictions
                    if item.answer == index
                ],
            }
            for index, source in enumerate(sources)
        ],
    }


# --- draft -------------------------------------------------------------------------------------


def draft_document(draft: Draft) -> dict[str, Any]:
    """Return a draft answer and its report as JSON-ready data (docs/schema.md, "The draft")."""
    return {
        "story_id": draft.story_id,
        "question_id": draft.question_id,
        "text": draft.text,
        "sources": [{"field": f, "span": span_bounds(s)} for f, s in draft.sources],
        "dropped": list(draft.dropped),
        "report": report_to_dict(draft.report),
        "missing_field": None,
        "detail": None,
    }


def draft_unavailable_document(
    story_id: str, question_id: str, problem: DraftUnavailable
) -> dict[str, Any]:
    """Return the draft document for a story with nothing to answer the prompt from yet."""
    return {
        "story_id": story_id,
        "question_id": question_id,
        "text": None,
        "sources": [],
        "dropped": [],
        "report": None,
        "missing_field": problem.field,
        "detail": str(problem),
    }
