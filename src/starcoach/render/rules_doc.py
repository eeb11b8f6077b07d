"""Generate docs/rules.md from the rule files, so the reference can never drift from the rules."""

from __future__ import annotations

from starcoach.analysis.registry import load_rules, parse_example, ruleset_version


def _example(marked: str) -> str:
    parsed = parse_example(marked)
    text = parsed.text
    for start, end in reversed(parsed.spans):
        text = f"{text[:start]}**{text[start:end]}**{text[end:]}"
    return text.replace("\n", " ")


def rules_markdown() -> str:
    """Return the Markdown reference of every shipped rule."""
    rules = load_rules()
    lines = [
        "# Rules",
        "",
        "Generated from `src/starcoach/analysis/rules/*.toml` by `make docs`; do not edit by hand.",
        f"Ruleset version `{ruleset_version()}`, {len(rules)} rules.",
        "",
        "Every finding names its rule id, which is also the key to switch the rule off in your config",
        "file (`[rules] disabled = [...]`, see [cli.md](cli.md#switching-rules-off)). Severity is",
        "`suggestion` < `warning` < `error`. A rule with no questions listed applies to every question.",
        "Rules marked *story fields and fragments only* check one STAR part on its own (`analyze_fragment`);",
        "in a whole answer the rest of the story usually carries what they look for.",
        "",
        "| id | severity | dimension | kind | applies to |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        applies = ", ".join(rule.questions) or "all"
        if rule.fragment_only:
            applies += " (story fields and fragments only)"
        lines.append(
            f"| [`{rule.id}`](#{rule.id.replace('.', '')}) | {rule.severity.label} | "
            f"{rule.dimension} | {rule.kind} | {applies} |"
        )
    for rule in rules:
        lines += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.message}** ({rule.severity.label}, {rule.dimension}; kind `{rule.kind}`, "
            f"scope `{rule.scope}`; file `{rule.file}`)",
            "",
            rule.advice,
            "",
            f"Source: {rule.source}.",
            "",
            "Flags:",
            "",
            *(f"- {_example(e)}" for e in rule.flag_examples),
            "",
            "Passes:",
            "",
            *(f"- {_example(e)}" for e in rule.pass_examples),
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
