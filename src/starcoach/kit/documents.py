"""The JSON documents of the interviewer side: a kit, a panel's debrief and the calibration results.

One builder per document, used by `starcoach kit ... --format json` and the web's `.json` paths alike,
so the two print the same object for the same data (docs/schema.md). The scorecard export has its own
versioned builder, `kit.scorecard.export_json`, and one scorecard is `kit.scorecard.scorecard_to_dict`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from starcoach.content import load_content
from starcoach.kit.content import CalibrationSet
from starcoach.kit.model import kit_to_dict
from starcoach.kit.panel import combine, panel_to_dict
from starcoach.kit.scorecard import scorecard_to_dict
from starcoach.kit.service import Candidate, Panel, StoredKit

__all__ = ["calibration_document", "debrief_document", "kit_document"]


def kit_document(stored: StoredKit, candidates: Sequence[Candidate]) -> dict[str, Any]:
    """Return a stored kit version and the candidates interviewed with it, as JSON-ready data."""
    return {
        "version": stored.version,
        "latest": stored.latest,
        "kit": kit_to_dict(stored.kit),
        "minutes": stored.kit.minutes,
        "candidates": [{"id": c.id, "name": c.name} for c in candidates],
    }


def debrief_document(panel: Panel) -> dict[str, Any]:
    """Return the panel's scores combined, with who is still to submit, as JSON-ready data."""
    return {
        "candidate": {"id": panel.candidate.id, "name": panel.candidate.name},
        "kit": {"id": panel.kit.id, "title": panel.kit.title},
        **panel_to_dict(combine(panel.kit, panel.scorecards)),
        "pending": panel.pending,
        "overdue": panel.overdue,
        "scorecards": [scorecard_to_dict(c) for c in panel.scorecards],
    }


def calibration_document(exercise: CalibrationSet, results: Mapping[str, Any]) -> dict[str, Any]:
    """Return the calibration exercise's samples and every interviewer's results."""
    dimensions = load_content().dimensions
    return {
        "samples": [
            {"id": s.id, "question": s.question, "answer": s.answer} for s in exercise.samples
        ],
        "dimensions": [{"id": d, "name": dimensions[d].name} for d in exercise.dimensions],
        "results": dict(results),
    }
