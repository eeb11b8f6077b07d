"""`starcoach rules list` and `starcoach rules explain ID`: what the analyzer checks, and why."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

import typer

from starcoach.cli.output import bullets, fail, print_rich

if TYPE_CHECKING:
    from rich.console import RenderableType

    from starcoach.analysis.registry import Rule

rules_app = typer.Typer(
    name="rules",
    help="List the analyzer's rules, or explain one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def format_param(value: Any) -> str:
    """Return a rule parameter as readable text (patterns as their source, lists joined)."""
    if isinstance(value, re.Pattern):
        return str(value.pattern)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={format_param(v)}" for k, v in value.items()) or "—"
    if isinstance(value, list | tuple | set | frozenset):
        return " | ".join(format_param(v) for v in value) or "—"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        shown = {k: v for k, v in fields.items() if v not in (None, (), "", [])}
        return "; ".join(f"{k}: {format_param(v)}" for k, v in shown.items()) or "—"
    return str(value)


def _applies_to(rule: Rule) -> str:
    return ", ".join(rule.questions) if rule.questions else "all"


@rules_app.command("list")
def list_rules(
    question: Annotated[
        str | None,
        typer.Option(
            "--question",
            "-q",
            metavar="ID",
            help="Only the rules that run for this prompt id.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List every rule: id, severity, dimension, kind and the prompts it applies to."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from starcoach.analysis.registry import load_rules
    from starcoach.content import UnknownQuestionError, get_question

    if question is not None:
        try:
            get_question(question)
        except UnknownQuestionError as exc:
            fail(str(exc))
    rules = [r for r in load_rules() if question is None or r.applies_to(question)]
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for column in ("id", "severity", "dimension", "kind", "applies to"):
        table.add_column(column, overflow="fold")
    for rule in sorted(rules, key=lambda r: r.id):
        table.add_row(
            Text(rule.id), rule.severity.label, rule.dimension, rule.kind, Text(_applies_to(rule))
        )
    print_rich(table)


def _explain(rule: Rule) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    def section(title: str, body: str | RenderableType) -> RenderableType:
        shown = Text(body) if isinstance(body, str) else body
        return Group(Text(f"\n{title}", style="bold"), Padding(shown, (0, 0, 0, 2), expand=False))

    head = Text(rule.id, style="bold underline")
    facts = Text(
        f"severity {rule.severity.label} · dimension {rule.dimension} · kind {rule.kind} · "
        f"scope {rule.scope} · applies to {_applies_to(rule)}"
    )
    params = Text()
    for key, value in rule.params.items():
        if len(params):
            params.append("\n")
        params.append(f"{key}: ", style="bold")
        params.append(format_param(value))
    parts: list[RenderableType] = [
        head,
        facts,
        section("Says", rule.message),
        section("Advice", rule.advice),
        section("Source", rule.source),
        section("Parameters", params if len(params) else Text("—")),
        section("Flags (the [[marked]] words are quoted)", bullets(rule.flag_examples)),
        section("Passes", bullets(rule.pass_examples)),
    ]
    if rule.file:
        parts.append(Text(f"\ndefined in {rule.file}", style="dim"))
    return Group(*parts)


@rules_app.command("explain")
def explain_rule(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule id from `rules list`.")],
) -> None:
    """Explain one rule: what it says, why, its source, parameters and examples."""
    from starcoach.analysis.registry import get_rule

    try:
        rule = get_rule(rule_id)
    except KeyError as exc:
        fail(str(exc.args[0]) if exc.args else f"unknown rule {rule_id!r}")
    print_rich(_explain(rule))


def register(app: typer.Typer) -> None:
    """Add the `rules` command group to `app`."""
    app.add_typer(rules_app, name="rules")
