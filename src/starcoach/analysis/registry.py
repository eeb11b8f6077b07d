"""Rules as data: load the rule files, validate them strictly, and run the selected rules on an answer.

A rule names a *kind* (code in `kinds/`) and gives its parameters (data). Unknown keys, a missing key, an
unknown kind, detector or question, or a duplicate id are errors that name the file and the rule id.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from starcoach.analysis.kinds import KINDS
from starcoach.analysis.matchers import SCOPES, RuleError
from starcoach.analysis.report import Severity
from starcoach.analysis.rule import Rule
from starcoach.content import load_content

_COMMON_KEYS = {
    "id": str,
    "kind": str,
    "severity": str,
    "dimension": str,
    "message": str,
    "advice": str,
    "source": str,
    "flag": list,
    "pass": list,
}
_OPTIONAL_KEYS = {
    "questions": list,
    "scope": str,
    "max_findings": int,
    "example_question": str,
    "supersedes": list,
    "fragment_only": bool,
}
_ID = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


@dataclass(frozen=True)
class Example:
    """A rule example with its [[marks]] removed and the marked spans kept."""

    text: str
    spans: tuple[tuple[int, int], ...]


def parse_example(marked: str) -> Example:
    """Return the example text without [[ ]] marks, with the spans the marks enclosed."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        parts.append(before)
        length += len(before)
        inner = match.group(1)
        spans.append((length, length + len(inner)))
        parts.append(inner)
        length += len(inner)
        position = match.end()
    parts.append(marked[position:])
    return Example("".join(parts), tuple(spans))


_TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", dict: "a table"}


def _fits(value: object, expected: Any) -> bool:
    """Return True when a TOML value has the declared type (a whole number also fits a number)."""
    origin = get_origin(expected) or expected
    if origin is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if origin is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if not isinstance(value, origin):
        return False
    if origin is dict and get_args(expected)[1:] == (str,):
        return all(isinstance(item, str) for item in value.values())
    return True


def check_params(params: type, table: Mapping[str, Any], where: str) -> None:
    """Check a rule's parameters against its kind's `Params` declaration: every required key present,
    every given key of its declared type; raise RuleError naming the rule and the parameter if not."""
    hints = get_type_hints(params)
    for key in sorted(params.__required_keys__):  # type: ignore[attr-defined]
        if key not in table:
            raise RuleError(f"{where}: missing key {key!r}")
    for key, expected in hints.items():
        if key in table and not _fits(table[key], expected):
            origin = get_origin(expected) or expected
            what = _TYPE_NAMES[origin]
            if origin is dict and get_args(expected)[1:] == (str,):
                what = "a table of strings"
            raise RuleError(
                f"{where}: parameter {key!r} must be {what}, not {type(table[key]).__name__}"
                f" ({table[key]!r})"
            )


def _rule_from_table(table: Mapping[str, Any], file: str, question_ids: frozenset[str]) -> Rule:
    rule_id = table.get("id", "?")
    where = f"{file}: rule {rule_id}"
    kind_name = table.get("kind")
    if kind_name not in KINDS:
        raise RuleError(f"{where}: unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})")
    kind = KINDS[kind_name]
    allowed = {**_COMMON_KEYS, **_OPTIONAL_KEYS}
    unknown = set(table) - set(allowed) - set(kind.Params.__annotations__)
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key, expected in _COMMON_KEYS.items():
        if key not in table:
            raise RuleError(f"{where}: missing key {key!r}")
        if not isinstance(table[key], expected):
            raise RuleError(f"{where}: {key!r} must be a {expected.__name__}")
    if not _ID.match(rule_id):
        raise RuleError(
            f"{where}: id must be dotted lowercase words, like 'ownership.unclear_actor'"
        )
    try:
        severity = Severity.parse(table["severity"])
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    questions = tuple(table.get("questions", ()))
    for question in (
        *questions,
        *([table["example_question"]] if "example_question" in table else []),
    ):
        if question not in question_ids:
            raise RuleError(f"{where}: unknown question {question!r}")
    scope = table.get("scope", "answer")
    if scope not in SCOPES:
        raise RuleError(f"{where}: unknown scope {scope!r}")
    if not table["flag"] or not table["pass"]:
        raise RuleError(f"{where}: needs at least one 'flag' and one 'pass' example")
    check_params(kind.Params, table, where)
    params = dict(kind.parse_params(table, where, scope))
    params["supersedes"] = tuple(table.get("supersedes", ()))
    return Rule(
        id=rule_id,
        kind=kind_name,
        severity=severity,
        dimension=table["dimension"],
        message=table["message"],
        advice=table["advice"],
        source=table["source"],
        questions=questions,
        scope=scope,
        flag_examples=tuple(table["flag"]),
        pass_examples=tuple(table["pass"]),
        params=params,
        max_findings=table.get("max_findings", 3),
        example_question=table.get("example_question"),
        fragment_only=table.get("fragment_only", False),
        file=file,
    )


def load_rule_files(paths: list[Path]) -> tuple[Rule, ...]:
    """Load and validate rules from TOML files; raise RuleError naming the file and rule on any problem."""
    content = load_content()
    question_ids = frozenset(content.questions)
    dimensions = frozenset(content.dimensions)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{path.name}: {exc}") from None
        unknown = set(data) - {"rule"}
        if unknown:
            raise RuleError(f"{path.name}: unknown top-level key(s) {', '.join(sorted(unknown))}")
        for table in data.get("rule", []):
            rule = _rule_from_table(table, path.name, question_ids)
            if rule.id in seen:
                raise RuleError(f"{path.name}: rule {rule.id} duplicates one in {seen[rule.id]}")
            if rule.dimension not in dimensions:
                raise RuleError(
                    f"{path.name}: rule {rule.id}: unknown dimension {rule.dimension!r}"
                )
            seen[rule.id] = path.name
            rules.append(rule)
    for rule in rules:
        for other in rule.params["supersedes"]:
            if other not in seen:
                raise RuleError(f"{rule.file}: rule {rule.id}: supersedes unknown rule {other!r}")
    return tuple(rules)


def rule_file_paths() -> list[Path]:
    """Return the rule files shipped in the package, in a stable order."""
    folder = resources.files("starcoach.analysis") / "rules"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@cache
def load_rules() -> tuple[Rule, ...]:
    """Return the shipped rules (loaded and validated once per process)."""
    return load_rule_files(rule_file_paths())


@cache
def ruleset_version() -> str:
    """Return a version that changes whenever any shipped rule file, or the fitted weights of the overall
    score, changes: the same version gives the same findings and scores."""
    digest = hashlib.sha256()
    weights = resources.files("starcoach.analysis") / "overall_weights.py"
    for path in [*rule_file_paths(), Path(str(weights))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"1.{digest.hexdigest()[:10]}"


def get_rule(rule_id: str) -> Rule:
    """Return the shipped rule with this id; raise KeyError naming close matches when there is none."""
    for rule in load_rules():
        if rule.id == rule_id:
            return rule
    import difflib

    close = difflib.get_close_matches(rule_id, [r.id for r in load_rules()], n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise KeyError(f"unknown rule {rule_id!r}{hint}")
