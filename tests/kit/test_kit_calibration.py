"""The calibration statistic: a hand-computed case, the library on random data, and bias."""

from __future__ import annotations

import random

import pytest

from starcoach.kit.calibration import calibrate, reference_ratings, weighted_kappa
from starcoach.kit.content import calibration_set


def test_weighted_kappa_matches_a_hand_computed_case() -> None:
    # Rater A: 1 2 3 4 5, rater B: 1 2 3 5 5. Labels 1-5, weights w_ij = (i-j)^2 / 16.
    # Observed weighted disagreement: one cell (4,5) with weight 1/16, over 5 items: 1/80.
    # Expected: marginals A = (1,1,1,1,1)/5, B = (1,1,1,0,2)/5; sum_ij A_i B_j w_ij / 25.
    # sum_i A_i * sum_j B_j (i-j)^2 = sum over i=1..5 of [(i-1)^2+(i-2)^2+(i-3)^2+2(i-5)^2]
    #   i=1: 0+1+4+32=37; i=2: 1+0+1+18=20; i=3: 4+1+0+8=13; i=4: 9+4+1+2=16; i=5: 16+9+4+0=29
    #   total 115, so expected = 115 / (25*16) = 115/400.
    # kappa = 1 - (1/80) / (115/400) = 1 - 5/115 = 110/115.
    assert weighted_kappa([1, 2, 3, 4, 5], [1, 2, 3, 5, 5]) == pytest.approx(110 / 115, abs=1e-3)


def test_weighted_kappa_agrees_with_the_library_on_random_data() -> None:
    from sklearn.metrics import cohen_kappa_score

    rng = random.Random(14)
    for _ in range(50):
        n = rng.randint(5, 40)
        a = [rng.randint(1, 5) for _ in range(n)]
        b = [min(5, max(1, x + rng.choice((-2, -1, 0, 0, 1)))) for x in a]
        expected = cohen_kappa_score(a, b, labels=[1, 2, 3, 4, 5], weights="quadratic")
        assert weighted_kappa(a, b) == pytest.approx(expected, abs=1e-3)


def test_perfect_agreement_is_one_and_too_little_data_is_none() -> None:
    assert weighted_kappa([1, 3, 5], [1, 3, 5]) == 1.0
    assert weighted_kappa([3], [3]) is None
    with pytest.raises(ValueError):
        weighted_kappa([1, 2], [1])


def test_bias_and_agreement_per_interviewer_leave_out_candidates() -> None:
    exercise = calibration_set()
    reference = reference_ratings(exercise)
    generous = {k: (min(5, v + 1) if v is not None else None) for k, v in reference.items()}
    exact = dict(reference)
    result = calibrate(exercise, {"Exact": exact, "Generous": generous})
    by_name = {r["interviewer"]: r for r in result["interviewers"]}
    assert by_name["Exact"]["kappa_vs_reference"] == 1.0
    assert all(b == 0 for b in by_name["Exact"]["bias"].values())
    assert all(b is not None and 0 < b <= 1 for b in by_name["Generous"]["bias"].values())
    assert by_name["Generous"]["kappa_vs_reference"] < 1.0
    assert result["pairwise"][0]["interviewers"] == ["Exact", "Generous"]
    # Calibration views hold sample ids and interviewer names, never a candidate.
    assert "candidate" not in str(result).lower()


def test_one_side_without_evidence_is_counted_apart() -> None:
    exercise = calibration_set()
    reference = reference_ratings(exercise)
    key = next(k for k, v in reference.items() if v is not None)
    mine = dict(reference)
    mine[key] = None
    result = calibrate(exercise, {"A": mine})
    assert result["interviewers"][0]["evidence_mismatches"] == 1


def test_every_sample_has_a_reference_for_every_dimension() -> None:
    exercise = calibration_set()
    assert len(exercise.samples) >= 5
    for sample in exercise.samples:
        assert set(sample.reference) == set(exercise.dimensions)
        assert len(sample.answer.split()) >= 30
