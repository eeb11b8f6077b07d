"""`starcoach rules list` and `starcoach rules explain ID`: what the analyzer checks, and why."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

import typer

from starcoach.cli.output import fail, print_rich

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from starcoach.analysis.rule import Rule

rules_app = typer.Typer(
    name="rules",
    help="List the analyzer's rules, or explain one.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


_DETECTOR_WORDS = {
    "sentence": "sentence",
    "quantity": "number",
    "metric": "number that measures something",
    "striking_unbased": "striking claim with nothing behind it",
    "outcome": "outcome",
    "lesson": "lesson learned",
    "reflection": "reflection",
    "vague": "vague phrase",
    "action": "action",
    "action_i": "action you took yourself",
    "action_not_i": "action taken by someone else or by nobody named",
    "action_unclear": "action with no clear actor",
}
_FEATURE_WORDS = {
    "words": "the number of words is {limit}",
    "speaking_vs_max": "the spoken length is {limit} the longest time the prompt expects",
    "speaking_vs_min": "the spoken length is {limit} the shortest time the prompt expects",
}
_PART_WORDS = {"answer": "the answer", "sentence": "a sentence"}


def _where(scope: str) -> str:
    return _PART_WORDS.get(scope, f"the {scope.capitalize()} part")


def _thing(matcher: Any) -> str:
    """Describe what a matcher looks for in words ("a number that measures something")."""
    detector = getattr(matcher, "detector", None)
    patterns = getattr(matcher, "patterns", ()) or ()
    named = _DETECTOR_WORDS.get(detector, str(detector).replace("_", " ")) if detector else ""
    phrases = f"one of {len(patterns)} telling words or phrases" if patterns else ""
    what = " or ".join(x for x in (f"a {named}" if named else "", phrases) if x) or "a match"
    scope = getattr(matcher, "scope", "answer")
    return what if scope == "answer" else f"{what} in {_where(scope)}"


def _number(value: float) -> str:
    return f"{value:g}"


def when_it_fires(rule: Rule) -> str:
    """Return, in plain words, when `rule` flags an answer (no patterns, no parameter names)."""
    p = rule.params
    where = _where(rule.scope)
    if rule.kind == "existence":
        return f"When {where} uses one of its telling phrases; the examples below show them."
    if rule.kind == "substitution":
        return f"When {where} uses a phrase that has a better alternative; it suggests the rewrite."
    if rule.kind == "occurrence":
        thing = _thing(p["count"])
        low, high = p.get("min"), p.get("max")
        if low is not None and float(low) <= 1 and high is None:
            return f"When {where} has no {thing.removeprefix('a ').removeprefix('one of ')}."
        parts = []
        if low is not None:
            parts.append(f"fewer than {_number(float(low))}")
        if high is not None:
            parts.append(f"more than {_number(float(high))}")
        return f"When {where} has {' or '.join(parts)} of: {thing}."
    if rule.kind == "ratio":
        numerator, denominator = _thing(p["numerator"]), _thing(p["denominator"])
        limits = []
        if p.get("max_ratio") is not None:
            limits.append(f"more than {float(p['max_ratio']):.0%}")
        if p.get("min_ratio") is not None:
            limits.append(f"less than {float(p['min_ratio']):.0%}")
        floor = ""
        if p.get("min_count"):
            floor = f", once at least {_number(float(p['min_count']))} are counted"
        return (
            f"Counting every {denominator.removeprefix('a ')}: when {' or '.join(limits)} of them"
            f" are “{numerator.removeprefix('a ')}”{floor}."
        )
    if rule.kind == "feature":
        template = _FEATURE_WORDS.get(
            p["feature"], str(p["feature"]).replace("_", " ") + " is {limit}"
        )
        limits = []
        if p.get("min") is not None:
            limits.append(f"below {float(p['min']):.0%} of")
        if p.get("max") is not None:
            limits.append(f"above {_number(float(p['max']))} times")
        if p["feature"] == "words":
            limits = [x.removesuffix(" of").removesuffix(" times") for x in limits]
        return f"When {template.format(limit=' or '.join(limits))}."
    if rule.kind == "conditional":
        return f"When {where} has {_thing(p['when'])} but not {_thing(p['require'])}."
    if rule.kind == "sequence":
        return f"When {_thing(p['first'])} comes after the last {_thing(p['then']).removeprefix('a ')}."
    if rule.kind == "function":
        return (
            "A check written in code rather than as phrases; the examples below show what it flags."
        )
    return "See the examples below."


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def readable_message(message: str) -> str:
    """Return a message template with its placeholders shown as N, M, ... (never "{numerator}")."""
    names: dict[str, str] = {}
    letters = iter("NMKL")

    def letter(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names[match.group(1)] = next(letters, "N")
        return names[match.group(1)]

    return _PLACEHOLDER.sub(letter, message)


_MARK = re.compile(r"\[\[(.+?)\]\]", re.DOTALL)


def _example(text: str) -> Text:
    """Return an example with its [[marked]] words shown in quotes and bold, not as raw markup."""
    from rich.text import Text

    shown = Text()
    position = 0
    for match in _MARK.finditer(text):
        shown.append(text[position : match.start()])
        shown.append(f"“{match.group(1)}”", style="bold underline")
        position = match.end()
    shown.append(text[position:])
    return shown


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
    from starcoach.analysis.registry import load_rules
    from starcoach.cli.tables import Column, print_table
    from starcoach.content import UnknownQuestionError, get_question

    if question is not None:
        try:
            get_question(question)
        except UnknownQuestionError as exc:
            fail(str(exc))
    rules = [r for r in load_rules() if question is None or r.applies_to(question)]
    columns = [
        Column("id", key=True),
        Column("severity", wrap=False),
        Column("dimension", wrap=False, drop=2),
        Column("kind", wrap=False, drop=3),
        Column("applies to", drop=1, min_width=16),
    ]
    rows: list[list[str | Text]] = [
        [rule.id, rule.severity.label, rule.dimension, rule.kind, _applies_to(rule)]
        for rule in sorted(rules, key=lambda r: r.id)
    ]
    print_table(columns, rows)


def _bullet(body: Text) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text("•"), body)
    return grid


def _explain(rule: Rule) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    def section(title: str, body: str | RenderableType) -> RenderableType:
        shown = Text(body) if isinstance(body, str) else body
        return Group(Text(f"\n{title}", style="bold"), Padding(shown, (0, 0, 0, 2), expand=False))

    head = Text(rule.id, style="bold underline")
    facts = Text(
        f"{rule.severity.label} · bears on {rule.dimension.replace('_', ' ')} · applies to "
        f"{_applies_to(rule)}"
    )
    examples_flag = Group(*(_bullet(_example(e)) for e in rule.flag_examples)) or Text("—")
    examples_pass = Group(*(_bullet(_example(e)) for e in rule.pass_examples)) or Text("—")
    parts: list[RenderableType] = [
        head,
        facts,
        section("Says", readable_message(rule.message)),
        section("When it fires", when_it_fires(rule)),
        section("Advice", rule.advice),
        section("Source", rule.source),
        section("Flags (the words it points at are in quotes)", examples_flag),
        section("Passes", examples_pass),
    ]
    supersedes = rule.params.get("supersedes") or ()
    if supersedes:
        parts.append(section("When it fires, it replaces", Text(", ".join(supersedes))))
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


@rules_app.command("disabled")
def disabled_rules() -> None:
    """Show the config file that switches rules off by id, and the rules it switches off."""
    from starcoach.cli.output import write_stdout
    from starcoach.config import ConfigError, config_path, load_settings

    path = config_path()
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        fail(str(exc))
    if settings.path is None:
        write_stdout(f"config file: {path} (none yet: every rule is on)\n")
        return
    write_stdout(f"config file: {path}\n")
    if not settings.disabled_rules:
        write_stdout("no rule is switched off\n")
    for rule_id in sorted(settings.disabled_rules):
        write_stdout(f"off: {rule_id}\n")


def register(app: typer.Typer) -> None:
    """Add the `rules` command group to `app`."""
    app.add_typer(rules_app, name="rules")
