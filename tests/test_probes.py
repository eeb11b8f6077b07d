"""Follow-up probes: from what the answer establishes, whole-clause quotes, never asking what is given."""

from __future__ import annotations

import pytest
from eval.probes import absent_actor, asks_given, duplicates, is_whole_clause, targets_of

from starcoach.analysis import analyze
from starcoach.analysis.answer import Answer
from starcoach.analysis.probes import (
    clause_around,
    load_probe_templates,
    ranked_probes,
    target_of,
)
from starcoach.analysis.report import Span

STRONG = (
    "Our checkout failed for about one order in fifty during peak hours, and nobody owned the payment "
    "retries. I asked my manager to let me take it on for a quarter. I traced the failures to a timeout "
    "in the card provider's client, and I decided to move the retries into a queue. I rolled the change "
    "out to 5% of traffic first, then to everyone over two weeks. On Black Friday we peaked at 11.4x "
    "normal traffic. Failed orders went from 2% to 0.1%, which we tracked on the payments dashboard. "
    "Looking back, I would have brought support in earlier, because they knew which customers retried "
    "by hand."
)
WEAK = (
    "At my last job we had a lot of trouble with our reporting pipeline. The team looked into it and we "
    "worked on various fixes to make it better. We rewrote parts of the loader and the schedule was "
    "changed. Everything went really well in the end and management was pleased with the result, and "
    "satisfaction went up to 92% over the next two quarters."
)


def _probes(text: str, kind: str, style: str = "neutral") -> list[str]:
    report = analyze(text, kind)
    return [p.question for p in report.probes]


def test_every_quote_is_a_whole_clause_and_nothing_given_is_asked() -> None:
    for text, kind in ((STRONG, "proud"), (WEAK, "proud"), (STRONG, "challenge")):
        questions = _probes(text, kind)
        assert 3 <= len(questions) <= 5
        assert duplicates(questions) == []
        for question in questions:
            for quote in question.split('"')[1::2]:
                assert is_whole_clause(quote, text), question
            assert asks_given(question, text) is None, question
            assert absent_actor(question, text) is None, question


def test_no_number_probe_on_a_rollout_step_load_or_a_given_baseline() -> None:
    questions = _probes(STRONG, "proud")
    measured = [q for q in questions if "measure" in targets_of(q)]
    for quote in ("5% of traffic", "11.4x", "from 2% to 0.1%"):
        assert not any(quote in q for q in measured)
    assert not any("11.4x" in q and "own_part" in targets_of(q) for q in questions)


def test_an_outcome_number_without_a_baseline_is_asked_for_one() -> None:
    questions = _probes(WEAK, "proud")
    assert any("92%" in q and "measure" in targets_of(q) for q in questions)


def test_a_weak_answer_is_asked_for_its_own_part_first_and_a_strong_one_goes_deeper() -> None:
    weak = [target_of(p) for p in analyze(WEAK, "proud").probes]
    assert weak[0] == "own_part"
    strong = [target_of(p) for p in analyze(STRONG, "proud").probes][:3]
    assert "own_part" not in strong and "differently" not in strong
    assert set(strong) & {"decision", "other_view", "hardest", "counterfactual", "lesson"}


def test_one_probe_per_target() -> None:
    for text in (STRONG, WEAK):
        targets = [target_of(p) for p in analyze(text, "proud").probes]
        assert len(targets) == len(set(targets))


def test_style_changes_the_words_not_the_target() -> None:
    answer = Answer(WEAK, "proud")
    by_style = {
        s: ranked_probes(answer, analyze(WEAK, "proud").findings, s)
        for s in ("supportive", "neutral", "demanding")
    }
    targets = {s: [target_of(p) for p in probes] for s, probes in by_style.items()}
    assert targets["supportive"] == targets["neutral"] == targets["demanding"]
    assert [p.question for p in by_style["supportive"]] != [
        p.question for p in by_style["demanding"]
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "I'm a perfectionist, so sometimes I work too hard and care too much about details.",
            "improvement",
        ),
        (
            "Honestly I've never really failed at anything important, I always plan ahead.",
            "failure",
        ),
        (
            "I get on with everyone, so I can't think of a difficult person really.",
            "difficult_person",
        ),
    ],
)
def test_a_cliche_or_very_short_answer_is_asked_for_a_real_example(text: str, kind: str) -> None:
    report = analyze(text, kind)
    assert report.probes, "a too-short answer still gets probes"
    assert target_of(report.probes[0]) == "example"


def test_every_situation_has_many_phrasings_in_all_three_styles() -> None:
    templates = load_probe_templates()
    assert sum(len(t.phrasings["neutral"]) for t in templates.values()) >= 2 * len(templates)
    for template in templates.values():
        assert all(template.phrasings[s] for s in ("supportive", "neutral", "demanding"))


def test_clause_around_stops_at_commas_and_conjunctions() -> None:
    text = "We shipped it in May, and I rewrote the loader myself because it was slow."
    start = text.index("rewrote")
    clause = clause_around(text, Span(start, start + 7), Span(0, len(text)))
    assert clause is not None
    assert clause.text(text) == "I rewrote the loader myself"
    first = clause_around(text, Span(0, 2), Span(0, len(text)))
    assert first is not None and first.text(text) == "We shipped it in May"
    assert clause_around("On Black Friday, it rained.", Span(0, 2), Span(0, 27)) is None  # no verb


def test_a_stock_follow_up_is_left_out_when_the_answer_already_says_it() -> None:
    text = (
        "I kept putting off hard conversations with my team. Since March I book them within two days, "
        "and I track how many I held each month in my notebook: six last month against one in January. "
        "Looking back, I should have started with the easiest one."
    )
    questions = [p.question for p in analyze(text, "improvement").probes]
    assert "How will you know you have improved?" not in questions
    assert all(asks_given(q, text) is None for q in questions)


def test_every_answer_of_our_set_gets_probes_with_no_defect() -> None:
    from eval.probes import DEFECTS, defects_of, generate, load_rows

    total = {kind: 0 for kind in DEFECTS}
    for row in load_rows():
        for kind, count in defects_of(generate(row), row["answer"]).items():
            total[kind] += count
    assert total == {kind: 0 for kind in DEFECTS}


def test_a_before_and_after_in_words_is_a_baseline_already_given() -> None:
    text = (
        "I ran the homework club every Tuesday for a year, and I chose to phone parents myself rather than "
        "send letters. Homework completion in year 8 had gone from about sixty percent to just over eighty "
        "by the summer. My head of year asked me to run it again, and I trained two colleagues to take it on."
    )
    questions = [p.question for p in analyze(text, "proud").probes]
    assert not any("sixty percent" in q and "measure" in targets_of(q) for q in questions)
    assert all(asks_given(q, text) is None for q in questions)
