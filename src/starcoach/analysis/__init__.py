"""The answer analyzer: pure functions from an answer's text to a `Report`.

The names below load on first use, so importing one small module of the package (`report`,
`switches`) does not load the whole analyzer: the command line starts without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starcoach.analysis.analyzer import analyze, analyze_fragment
    from starcoach.analysis.report import Finding, Report, Severity, Span

__all__ = ["Finding", "Report", "Severity", "Span", "analyze", "analyze_fragment"]

_HOME = {
    "analyze": "starcoach.analysis.analyzer",
    "analyze_fragment": "starcoach.analysis.analyzer",
    "Finding": "starcoach.analysis.report",
    "Report": "starcoach.analysis.report",
    "Severity": "starcoach.analysis.report",
    "Span": "starcoach.analysis.report",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'starcoach.analysis' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
