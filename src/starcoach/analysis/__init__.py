"""The answer analyzer: pure functions from an answer's text to a `Report`."""

from starcoach.analysis.analyzer import analyze, analyze_fragment
from starcoach.analysis.report import Finding, Report, Severity, Span

__all__ = ["Finding", "Report", "Severity", "Span", "analyze", "analyze_fragment"]
