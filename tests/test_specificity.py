import math
from pathlib import Path

import pytest
from eval.specificity import evaluate, ranks, spearman
from hypothesis import given, settings
from hypothesis import strategies as st

from eval_fixture import lay_out
from starcoach.analysis.features.numbers import find_quantities
from starcoach.analysis.features.specificity import (
    FEATURE_NAMES,
    VAGUE_KINDS,
    WEIGHTS,
    specificity,
    specificity_features,
    vague_matches,
    vague_phrases,
)

VAGUE_AND_SPECIFIC = [
    (
        "I worked on various things and helped the team a lot.",
        "I rewrote the Kafka consumer in Go and cut p99 latency from 900 ms to 120 ms.",
    ),
    (
        "It was a great experience and I learned a lot.",
        "In March 2021 I migrated 14 services from Heroku to AWS over six weeks.",
    ),
    (
        "We did some stuff to improve things.",
        "I paired with Priya on the billing ledger and we found the rounding bug in the invoice job.",
    ),
    ("I think it went really well overall.", "Checkout conversion rose from 2.1% to 2.9%."),
    ("I led the project.", "I led the migration of the payments API to the new cluster."),
]


@pytest.mark.parametrize(("vague", "specific"), VAGUE_AND_SPECIFIC)
def test_specific_sentences_score_above_vague_ones(vague: str, specific: str) -> None:
    assert specificity(specific) > specificity(vague) + 0.5


def test_scale_and_degenerate_input() -> None:
    assert specificity("") == 1.0
    assert specificity("   ") == 1.0
    assert 1.0 <= specificity("Great place, loved it.") < 2.0
    assert specificity("In March 2021 I moved 14 services from Heroku to AWS ECS with Priya.") > 3.5


def test_numbers_names_and_acronyms_each_add_specificity() -> None:
    plain = "We moved the service to the new cluster."
    assert specificity("We moved the service to the new cluster in 3 days.") > specificity(plain)
    assert specificity("We moved the service to the new Nomad cluster.") > specificity(plain)
    assert specificity("We moved the API to the new cluster.") > specificity(plain)


def test_opinion_generic_and_hedge_words_lower_specificity() -> None:
    # same length, same names and numbers: only the kind of words differs
    described = "The release fixed the login bug in the old session code."
    judged = "The release fixed the login bug, which was really great."
    hedged = "I think the release maybe fixed the login thing somehow."
    assert specificity(judged) < specificity(described)
    assert specificity(hedged) < specificity(described)


def test_sentence_initial_capitals_are_not_names() -> None:
    # index 2 is proper_nouns: "Then" opens the sentence, "Priya" does not
    assert specificity_features("Then we met.")[2] == 0.0
    assert specificity_features("Then we met Priya.")[2] == math.log1p(1)
    assert specificity_features("We shipped. Then we met.")[2] == 0.0


def test_feature_vector_shape_and_precomputed_quantities() -> None:
    text = "We cut costs by $2M in 2021."
    features = specificity_features(text)
    assert len(features) == len(FEATURE_NAMES) == len(WEIGHTS) - 1
    count = len(find_quantities(text))
    assert specificity(text, quantities=count) == specificity(text)
    assert specificity_features(text, quantities=0)[1] == 0.0


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        ("I worked on various things for the team.", "worked on various things", "role"),
        ("We fixed bugs, wrote docs, etc.", "etc.", "filler"),
        ("I handled a lot of stuff for them.", "a lot of stuff", "filler"),
        ("We tuned queries and so on.", "and so on", "filler"),
        ("I helped out with the launch.", "helped out with", "role"),
        ("I was involved in the migration.", "was involved in", "role"),
        ("I kind of led the effort.", "kind of", "fuzzy"),
        ("Somehow we shipped.", "Somehow", "fuzzy"),
        ("We significantly improved load time.", "significantly improved", "impact"),
        ("Our results improved dramatically after that.", "improved dramatically", "impact"),
        ("We made many improvements to onboarding.", "many improvements", "impact"),
        ("It made a huge impact on the team.", "made a huge impact", "impact"),
        ("We followed best practices.", "best practices", "buzz"),
        ("I leveraged my skills to fix it.", "leveraged my skills", "buzz"),
        ("That created real synergy.", "synergy", "buzz"),
        ("I went above and beyond.", "went above and beyond", "buzz"),
    ],
)
def test_vague_phrases_are_found_with_exact_spans(text: str, phrase: str, kind: str) -> None:
    matches = vague_matches(text)
    assert [(s.text(text), k) for s, k in matches] == [(phrase, kind)]
    assert vague_phrases(text) == [s for s, _ in matches]
    assert kind in VAGUE_KINDS


@pytest.mark.parametrize(
    "text",
    [
        "It was the kind of bug that hides; what kind of test would catch it?",
        "I designed it in a way that new hires could follow.",
        "Then the cache died and things broke.",
        "We significantly improved load time, from 4 s to 1 s.",
        "We improved performance by 30%.",
        "I leveraged Redis to cut p99 from 900 ms to 120 ms.",
        "I helped Priya with the schema and participated in 5 design reviews.",
        "This improved communication between the two teams.",
        "Something else broke and we rolled back.",
        "I don't know yet.",
    ],
)
def test_plain_or_measured_sentences_are_not_vague(text: str) -> None:
    assert vague_phrases(text) == []


def test_unmeasured_impact_is_judged_per_sentence() -> None:
    text = "We significantly improved onboarding. Signups rose 20% later."
    assert [s.text(text) for s in vague_phrases(text)] == ["significantly improved"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_spans_inside_and_scores_bounded(text: str) -> None:
    score = specificity(text)
    assert 1.0 <= score <= 5.0 and math.isfinite(score)
    last = 0
    for span, kind in vague_matches(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= last
        assert kind in VAGUE_KINDS
        last = span.end


_PIECES = [
    "kind of",
    " the ",
    "various",
    " things",
    "etc.",
    " improved",
    " significantly",
    "5%",
    ". ",
    "\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_never_raises_on_phrase_soup(text: str) -> None:
    for span in vague_phrases(text):
        assert 0 <= span.start < span.end <= len(text)
    assert 1.0 <= specificity(text) <= 5.0


def test_ranks_average_ties_and_spearman_extremes() -> None:
    assert ranks([10.0, 20.0, 20.0, 5.0]) == [2.0, 3.5, 3.5, 1.0]
    assert spearman([1.0, 2.0, 3.0], [10.0, 20.0, 30.0]) == pytest.approx(1.0)
    assert spearman([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert spearman([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]) == 0.0


def test_evaluate_runs_end_to_end_on_the_fixture(tmp_path: Path) -> None:
    rows = evaluate(lay_out(tmp_path, "specificity"))
    assert {r.split for r in rows} == {"dev", "test"}
    assert len(rows) == 8  # three domains and their mean, on dev and on test
    for row in rows:
        assert row.area == "specificity"
        assert -1.0 <= row.value <= 1.0
        assert row.baseline is not None
        assert row.n > 0
    for row in rows:
        if row.split == "test":
            assert row.target and row.meets_target is not None
    # on sentences we wrote to be clearly vague or clearly specific the signal ranks them well
    means = [r for r in rows if r.metric.endswith("(mean of domains)")]
    assert all(r.value > 0.6 for r in means)
