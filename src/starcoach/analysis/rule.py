"""A rule as the analyzer holds it: one check, its kind and parameters, and the words it shows.

Built by the loader (`registry.py`) and read by the rule kinds (`kinds/`); it needs neither.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from starcoach.analysis.report import Severity


@dataclass(frozen=True)
class Rule:
    """One check: its kind and parameters, the words it shows, and examples that must flag and pass."""

    id: str
    kind: str
    severity: Severity
    dimension: str
    message: str
    advice: str
    source: str
    questions: tuple[str, ...]
    scope: str
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    max_findings: int = 3
    example_question: str | None = None
    fragment_only: bool = False
    """Runs only on a piece of an answer (a story field): in a whole answer the rest of the story often
    carries what this rule looks for, and the check would be noise."""
    file: str = ""

    def applies_to(self, question_id: str) -> bool:
        """Return True when the rule runs for answers to `question_id`."""
        return not self.questions or question_id in self.questions

    @property
    def fits_fragment(self) -> bool:
        """Return True when the rule can judge a piece of an answer (a phrase or one STAR part) alone.

        Phrase-level kinds can; so can a rule about one STAR part (it stays silent when the part is absent) and
        an if-then over phrases. A rule about the whole answer's shape cannot: a piece lacks the other parts.
        """
        if self.kind in ("existence", "substitution", "function") or self.scope != "answer":
            return True
        if self.kind == "conditional":
            return all(self.params[key].detector is None for key in ("when", "require"))
        return False
