"""starcoach: prepare, check and rehearse the behavioral interview.

The public Python API::

    from starcoach import analyze, report_to_json

    report = analyze(answer_text, "Tell me about a time you failed.")
    print(report.overall, [f.rule_id for f in report.findings])
    print(report_to_json(report))

The names load on first use, so importing the package (and starting the command line) stays fast.
"""

from __future__ import annotations

import importlib

# Not `typing.TYPE_CHECKING`: importing typing would double the time `import starcoach` takes.
TYPE_CHECKING = False

__version__ = "0.1.0"

_EXPORTS = {
    "analyze": "starcoach.analysis.analyzer",
    "analyze_fragment": "starcoach.analysis.analyzer",
    "Report": "starcoach.analysis.report",
    "Finding": "starcoach.analysis.report",
    "Severity": "starcoach.analysis.report",
    "Span": "starcoach.analysis.report",
    "DimensionScore": "starcoach.analysis.report",
    "Evidence": "starcoach.analysis.report",
    "Probe": "starcoach.analysis.report",
    "UnscoredDimension": "starcoach.analysis.report",
    "OVERALL_LEVELS": "starcoach.analysis.report",
    "report_to_json": "starcoach.render.json",
    "report_from_json": "starcoach.render.json",
    "report_to_dict": "starcoach.render.json",
    "report_from_dict": "starcoach.render.json",
    "SchemaError": "starcoach.render.json",
}

__all__ = [
    "OVERALL_LEVELS",
    "DimensionScore",
    "Evidence",
    "Finding",
    "Probe",
    "Report",
    "SchemaError",
    "Severity",
    "Span",
    "UnscoredDimension",
    "__version__",
    "analyze",
    "analyze_fragment",
    "report_from_dict",
    "report_from_json",
    "report_to_dict",
    "report_to_json",
]

if TYPE_CHECKING:
    from typing import Any

    from starcoach.analysis.analyzer import analyze, analyze_fragment
    from starcoach.analysis.report import (
        OVERALL_LEVELS,
        DimensionScore,
        Evidence,
        Finding,
        Probe,
        Report,
        Severity,
        Span,
        UnscoredDimension,
    )
    from starcoach.render.json import (
        SchemaError,
        report_from_dict,
        report_from_json,
        report_to_dict,
        report_to_json,
    )


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562), so `import starcoach` loads nothing else."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'starcoach' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
