"""Every rule's own examples, run through its kind: flag examples flag (on the marked span), pass examples pass."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from starcoach.analysis.answer import Answer
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.matchers import Matcher, RuleError
from starcoach.analysis.registry import load_rule_files, load_rules, parse_example
from starcoach.analysis.rule import Rule
from starcoach.analysis.scan import fold_ascii
from starcoach.content import load_content

RULES = load_rules()


def _answer(rule: Rule, text: str) -> Answer:
    question_id = rule.example_question or (rule.questions[0] if rule.questions else "generic")
    prompt = load_content().questions[question_id]
    return Answer(text, question_id, prompt.target_seconds)


def _run(rule: Rule, text: str) -> list[tuple[int, int] | None]:
    findings = KINDS[rule.kind].check(rule, _answer(rule, text))
    return [(f.span.start, f.span.end) if f.span else None for f in findings]


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES for e in r.flag_examples],
    ids=lambda v: v.id if isinstance(v, Rule) else "",
)
def test_flag_example_flags_the_marked_span(rule: Rule, example: str) -> None:
    parsed = parse_example(example)
    found = _run(rule, parsed.text)
    assert found, f"{rule.id} did not flag: {parsed.text[:80]}"
    if parsed.spans:
        assert {s for s in found if s is not None} == set(parsed.spans)
    else:
        assert found == [None] * len(found), "unmarked flag example must give whole-answer findings"


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, e) for r in RULES for e in r.pass_examples],
    ids=lambda v: v.id if isinstance(v, Rule) else "",
)
def test_pass_example_passes(rule: Rule, example: str) -> None:
    assert _run(rule, example) == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "substitution"], ids=lambda r: r.id)
def test_replacement_does_not_retrigger(rule: Rule) -> None:
    for example in rule.flag_examples:
        fixed = parse_example(example).text
        for pattern, replacement in rule.params["swap"]:
            fixed = pattern.sub(replacement, fixed)
        assert _run(rule, fixed) == []


def test_ids_are_unique_and_cover_every_dimension_named() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    dimensions = set(load_content().dimensions)
    assert {r.dimension for r in RULES} <= dimensions


def test_structure_steps_point_at_real_rules() -> None:
    ids = {r.id for r in RULES}
    for question in load_content().questions.values():
        for step in question.structure:
            if step.check is not None:
                assert step.check in ids, f"{question.id}.{step.id} names unknown rule {step.check}"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """
[[rule]]
id = "test.thing"
kind = "existence"
severity = "warning"
dimension = "communication"
find = { patterns = ["stuff"] }
message = "m"
advice = "a"
source = "s"
flag = ["[[stuff]]"]
pass = ["things"]
"""


def test_a_valid_file_loads(tmp_path: Path) -> None:
    (rule,) = load_rule_files([_write(tmp_path, GOOD)])
    assert rule.id == "test.thing"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (('kind = "existence"', 'kind = "nope"'), "unknown kind"),
        (('source = "s"', 'source = "s"\ncolour = "red"'), "unknown key(s) colour"),
        (('severity = "warning"', 'severity = "fatal"'), "unknown severity"),
        (('flag = ["[[stuff]]"]', "flag = []"), "needs at least one"),
        (('dimension = "communication"', 'dimension = "charm"'), "unknown dimension"),
        (('id = "test.thing"', 'id = "Thing"'), "dotted lowercase"),
        (('["stuff"]', '["(unclosed"]'), "bad pattern"),
        (('source = "s"', 'source = "s"\nquestions = ["weather"]'), "unknown question"),
        (('advice = "a"\n', ""), "missing key 'advice'"),
    ],
)
def test_malformed_rules_name_file_and_rule(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    body = GOOD.replace(*edit)
    with pytest.raises(RuleError) as error:
        load_rule_files([_write(tmp_path, body)])
    assert "broken.toml" in str(error.value)
    assert expected in str(error.value)


_OCCURRENCE = GOOD.replace('kind = "existence"', 'kind = "occurrence"').replace(
    'find = { patterns = ["stuff"] }', 'count = { patterns = ["stuff"] }\nmax = 0'
)
_SWAP = GOOD.replace('kind = "existence"', 'kind = "substitution"').replace(
    'find = { patterns = ["stuff"] }', 'swap = { "stuff" = "things" }'
)


@pytest.mark.parametrize(
    ("body", "edit", "expected"),
    [
        (GOOD, ('find = { patterns = ["stuff"] }', 'find = "stuff"'), "'find' must be a table"),
        (_OCCURRENCE, ("max = 0", "max = 0.5"), "'max' must be a whole number, not float"),
        (_OCCURRENCE, ("max = 0", 'max = "none"'), "'max' must be a whole number, not str"),
        (_OCCURRENCE, ("max = 0", "max = true"), "'max' must be a whole number, not bool"),
        (_OCCURRENCE, ('count = { patterns = ["stuff"] }\n', ""), "missing key 'count'"),
        (_SWAP, ('"things"', "3"), "'swap' must be a table of strings"),
    ],
)
def test_parameters_of_the_wrong_type_are_refused(
    tmp_path: Path, body: str, edit: tuple[str, str], expected: str
) -> None:
    # Each kind declares its parameters' types (`Params`); the loader refuses a rule that breaks them.
    assert load_rule_files([_write(tmp_path, body)])
    with pytest.raises(RuleError) as error:
        load_rule_files([_write(tmp_path, body.replace(*edit))])
    assert "broken.toml: rule test.thing" in str(error.value)
    assert expected in str(error.value)


def test_every_kind_declares_its_parameters() -> None:
    for name, kind in KINDS.items():
        assert kind.Params.__annotations__, name


def test_duplicate_ids_across_files_are_rejected(tmp_path: Path) -> None:
    first = _write(tmp_path, GOOD)
    second = tmp_path / "again.toml"
    second.write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="duplicates"):
        load_rule_files([first, second])


def test_rules_doc_is_up_to_date() -> None:
    from starcoach.render.rules_doc import rules_markdown

    doc = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), (
        "run `make docs` to regenerate docs/rules.md"
    )


def test_parse_example_strips_marks() -> None:
    example = parse_example("a [[b c]] d [[e]]")
    assert example.text == "a b c d e"
    assert [example.text[s:e] for s, e in example.spans] == ["b c", "e"]
    assert dataclasses.is_dataclass(example)


def _matchers() -> list[tuple[str, Matcher]]:
    found = []
    for rule in RULES:
        for value in rule.params.values():
            if isinstance(value, Matcher) and value.patterns:
                found.append((rule.id, value))
    return found


@given(
    st.lists(
        st.sampled_from([e for r in RULES for e in (*r.flag_examples, *r.pass_examples)]),
        min_size=1,
        max_size=3,
    ),
    st.text(max_size=40),
)
def test_fixed_starts_never_hide_a_match(examples: list[str], noise: str) -> None:
    # A matcher's scan tries its patterns only where one of its fixed starts occurs; that must never
    # lose a match.
    text = " ".join(parse_example(e).text for e in examples) + noise
    folded = fold_ascii(text)
    for rule_id, matcher in _matchers():
        assert matcher.regex is not None
        if folded is not None and matcher.starts is not None and matcher.regex.search(text):
            assert any(start in folded for start in matcher.starts), rule_id


def test_most_matchers_have_fixed_starts() -> None:
    matchers = _matchers()
    assert sum(m.starts is not None for _, m in matchers) >= len(matchers) // 2
