"""STAR + Reflection segmentation: labels on answers we wrote, lesson detection, and the eval harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.star import (
    GoldAnswer,
    evaluate,
    f1_per_part,
    load_handbook,
    load_star_parts,
    macro_f1,
    split_of,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from eval_fixture import lay_out
from starcoach.analysis.features.star import (
    cue_spans,
    has_lesson,
    has_reflection,
    label_sentences,
    label_spans,
    label_text,
    parts_present,
)
from starcoach.analysis.report import STAR_PARTS, SentenceLabel, Span
from starcoach.analysis.scan import fold
from starcoach.analysis.text import split_sentences

DATA = Path(__file__).parent / "data" / "eval" / "star"
FIXTURES = load_star_parts(DATA / "star_parts.jsonl")

# Answers whose expected labels the labeller is known to miss, with why (kept so a fix shows up).
KNOWN_MISSES = {
    "own-mistake-config": "told out of order (lesson before the fix); the early lesson reads as context",
}


def test_fixture_set_is_varied_and_large_enough() -> None:
    assert len(FIXTURES) >= 15
    questions = {json.loads(line)["question"] for line in _fixture_lines()}
    assert len(questions) >= 15
    # Some answers are bullets, some have no task, all have a reflection: the set covers those shapes.
    assert any("task" not in answer.labels for answer in FIXTURES)
    assert any("\n- " in line or '"- ' in line for line in _fixture_lines())


def _fixture_lines() -> list[str]:
    text = (DATA / "star_parts.jsonl").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(
            a,
            id=a.id,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[a.id])]
            if a.id in KNOWN_MISSES
            else [],
        )
        for a in FIXTURES
    ],
)
def test_labels_match_the_answers_we_wrote(answer: GoldAnswer) -> None:
    predicted = [part for part, _ in label_sentences(answer.sentences)]
    assert predicted == list(answer.labels)


def test_fixture_answers_reach_high_sentence_accuracy_overall() -> None:
    gold = [label for a in FIXTURES for label in a.labels]
    pred = [part for a in FIXTURES for part, _ in label_sentences(a.sentences)]
    assert macro_f1(gold, pred) >= 0.95
    assert set(f1_per_part(gold, pred)) == set(STAR_PARTS)


def test_confidences_lie_in_the_unit_interval_and_clear_cues_are_confident() -> None:
    sentences = [
        "At my last company, our release process took a full day.",
        "My job was to cut it to an hour.",
        "I wrote a script that built and tested every service in parallel.",
        "As a result, releases dropped from eight hours to forty minutes.",
        "Looking back, I should have asked the on-call team for help sooner.",
    ]
    labels = label_sentences(sentences)
    assert [part for part, _ in labels] == list(STAR_PARTS)
    assert all(0.0 < conf <= 1.0 for _, conf in labels)
    assert all(conf >= 0.6 for _, conf in labels)


def test_headings_typed_into_an_answer_decide_the_part() -> None:
    sentences = [
        "Situation: the nightly build failed twice a week.",
        "Task: keep it green.",
        "Action: I split the slowest suite into four shards.",
        "Result: it has failed once in three months.",
        "Takeaway: flaky builds are a tooling problem, not a people problem.",
    ]
    assert [part for part, _ in label_sentences(sentences)] == list(STAR_PARTS)


def test_headings_on_their_own_lines_carry_over_to_the_text_under_them() -> None:
    text = (
        "**Situation**\nOur nightly build failed twice a week.\n\n"
        "**Action**\nI split the slowest suite into four shards.\n\n"
        "**Result**\nIt has failed once in three months."
    )
    assert [label.part for label in label_text(text)] == ["situation", "action", "result"]


def test_words_that_merely_start_like_headings_are_not_headings() -> None:
    [(part, _)] = label_sentences(["Result-driven people like me enjoy a clear goal."])
    assert part != "result"


def test_first_sentence_sets_the_scene_even_when_it_starts_with_an_i_verb() -> None:
    labels = label_sentences(
        [
            "I led a small team that maintained our mobile app.",
            "I rewrote the login screen and added crash reporting.",
            "Crashes fell by 30% within a month.",
        ]
    )
    assert [part for part, _ in labels] == ["situation", "action", "result"]


def test_team_actions_told_with_we_are_still_actions() -> None:
    # Whose action it was is the ownership check's question; the segmenter only says it is an action.
    labels = label_sentences(
        [
            "At my old job our release process was painfully slow.",
            "We rewrote the deploy scripts and moved the tests into parallel jobs.",
            "The team reviewed every change with the platform group.",
            "We observed that releases now took ten minutes instead of two hours.",
        ]
    )
    assert [part for part, _ in labels] == ["situation", "action", "action", "result"]


def test_a_failure_story_ends_on_its_result_and_its_lesson() -> None:
    labels = label_sentences(
        [
            "Two years ago I pushed a database migration on a Friday without testing it.",
            "It locked the orders table for forty minutes.",
            "I rolled the migration back and wrote the incident report.",
            "We have shipped more than sixty migrations since without an outage.",
            "What I took from it is that a skipped check is paid back by someone else.",
        ]
    )
    assert [part for part, _ in labels][-2:] == ["result", "reflection"]


def test_empty_input_gives_no_labels() -> None:
    assert label_sentences([]) == []


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("Our team had no tests and deploys broke every week.", "situation"),
        ("My job was to get the release out by Friday.", "task"),
        ("I rewrote the importer over a weekend.", "action"),
        ("We cut p95 latency by 40%.", "result"),
        ("I learned to ask for help early.", "reflection"),
    ],
)
def test_a_single_sentence_is_labelled_by_its_cues_not_its_position(
    sentence: str, part: str
) -> None:
    [(label, conf)] = label_sentences([sentence])
    assert label == part
    assert 0.0 < conf <= 1.0


def test_parts_present_in_story_order_from_tuples_or_sentence_labels() -> None:
    tuples = [("result", 0.9), ("situation", 0.8), ("result", 0.7), ("action", 0.5)]
    assert parts_present(tuples) == ("situation", "action", "result")
    labels = [SentenceLabel(Span(0, 1), "reflection", 0.9), SentenceLabel(Span(2, 3), "task", 0.4)]
    assert parts_present(labels) == ("task", "reflection")
    assert parts_present([]) == ()


def test_label_text_spans_match_the_sentence_splitter() -> None:
    text = (
        "Our app crashed daily. I added crash reporting and fixed the top bug. Crashes fell by 90%."
    )
    labels = label_text(text)
    assert [label.span for label in labels] == split_sentences(text)
    assert [label.part for label in labels] == ["situation", "action", "result"]
    assert label_spans(text, []) == []


def test_cue_spans_point_at_the_cue_words() -> None:
    sentence = "As a result, I learned to write the test first."
    cues = cue_spans(sentence)
    found = {(part, span.text(sentence)) for part, span in cues}
    assert ("result", "As a result") in found
    assert ("reflection", "I learned") in found
    assert all(0 <= span.start < span.end <= len(sentence) for _, span in cues)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It went fine. I learned that small releases are safer.", "I learned that"),
        ("Since then I always run a dry run first.", "Since then I"),
        ("Now I write the rollback plan before the change.", "Now I write"),
        ("Next time I would involve support from day one.", "Next time I"),
        (
            "I would do the rollout differently: smaller batches.",
            "I would do the rollout differently",
        ),
        ("In hindsight, the deadline was the real problem.", "In hindsight"),
        ("That incident taught me to read the logs first.", "taught me"),
        ("The biggest lesson was to ask earlier.", "biggest lesson"),
        ("I’ve since started every project with a risk list.", "I’ve since"),
        ("I have used the checklist on every launch since.", "every launch since"),
        ("Because of that, I make sure a second person reviews my queries.", "I make sure"),
        ("It was a real learning experience for me.", "a real learning experience"),
    ],
)
def test_has_lesson_finds_the_lesson(text: str, expected: str) -> None:
    span = has_lesson(text)
    assert span is not None
    assert span.text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I learned Rust in a week and rewrote the parser.",
        "Since then, the team has doubled in size.",
        "Now I had to explain the outage to the director.",
        "We shipped on time and the client signed a second contract.",
        "I made sure to call the client myself.",
        "I always loved building tools for other engineers.",
        "",
    ],
)
def test_has_lesson_ignores_text_without_a_lesson(text: str) -> None:
    assert has_lesson(text) is None


def test_has_reflection_accepts_why_it_matters_closings_that_are_not_lessons() -> None:
    text = "We shipped it. I'm proud of it because blind users could finally sign up."
    assert has_lesson(text) is None
    span = has_reflection(text)
    assert span is not None
    assert span.text(text).startswith("I'm proud of it")
    assert has_reflection("We shipped it on time.") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=12))
def test_label_sentences_never_raises_and_returns_one_valid_label_per_sentence(
    sentences: list[str],
) -> None:
    labels = label_sentences(sentences)
    assert len(labels) == len(sentences)
    assert all(part in STAR_PARTS and 0.0 < conf <= 1.0 for part, conf in labels)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_spans_always_lie_inside_the_text(text: str) -> None:
    for label in label_text(text):
        assert 0 <= label.span.start <= label.span.end <= len(text)
    for found in (has_lesson(text), has_reflection(text)):
        assert found is None or 0 <= found.start <= found.end <= len(text)
    for _, span in cue_spans(text):
        assert 0 <= span.start <= span.end <= len(text)


def test_split_is_stable_and_uses_both_halves() -> None:
    halves = {split_of(a.id) for a in FIXTURES}
    assert halves == {"dev", "test"}
    assert all(split_of(a.id) == split_of(a.id) for a in FIXTURES)
    assert split_of("own-proud-search") == split_of("own-proud-search")


def test_handbook_loader_splits_segments_into_labelled_sentences() -> None:
    [answer] = load_handbook(DATA / "handbook_example.json")
    assert answer.labels[0] == "situation"
    assert answer.labels[-1] == "result"
    assert len(answer.sentences) == len(answer.labels) == 6


def test_evaluate_runs_end_to_end_on_our_fixture(tmp_path: Path) -> None:
    rows = evaluate(lay_out(tmp_path, "star"))
    splits = {row.split for row in rows}
    assert splits == {"star_parts dev", "star_parts test", "star_parts all", "handbook"}
    for row in rows:
        assert row.area == "star"
        assert 0.0 <= row.value <= 1.0
        assert row.baseline is not None and 0.0 <= row.baseline <= 1.0
        assert row.n > 0
    macro = {
        (row.split, row.metric): row for row in rows if row.metric.startswith("sentence macro-F1")
    }
    assert len(macro) == 8
    overall = macro[("star_parts all", "sentence macro-F1 (5 parts)")]
    assert overall.baseline is not None
    assert overall.value > overall.baseline
    assert overall.meets_target


_CUE_WORDS = st.sampled_from(
    "I we the team was were had my job goal task responsible asked needed to so then first decided "
    "built wrote as a result in the end which led reduced by 40% shipped launched on time learned "
    "looking back hindsight next time since now always taught me lesson proud because it they'd "
    "been deadlines stopped immediately importance of , . ’ ' 3 x".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_CUE_WORDS, st.text(max_size=6)), max_size=25))
def test_word_indexed_cue_scan_agrees_with_a_plain_search(words: list[str]) -> None:
    # The fast scan indexes alternatives by their first word; it must find exactly the tiers a
    # plain search of each whole tier finds.
    from starcoach.analysis.features import star

    folded = fold(" ".join(words))
    plain = {i for i, pattern in enumerate(star._tier_patterns()) if pattern.search(folded)}
    assert star._matched_tiers(folded) == plain


def test_a_heading_in_other_letters_for_the_same_word_does_not_crash() -> None:
    from starcoach.analysis import analyze

    for heading in ("Taſk:", "Reſult:", "\u212aey lesson:", "Sıtuatıon:"):
        report = analyze(
            f"{heading} I rebuilt the rota myself and overtime fell from 620 to 410 hours."
        )
        assert report.text.startswith(heading)
