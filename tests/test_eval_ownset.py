"""The harness over our own answer set: split, pairwise order and the trap mapping."""

from __future__ import annotations

import hashlib

from eval.ownset import ANSWERS, FORM_TRAPS, TRAP_RULES, _pairwise, load, split_of


def test_split_is_the_readme_hash_rule() -> None:
    for row_id in ("care-proud-001a", "software-failure-010b", "x"):
        bucket = int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 10
        assert split_of(row_id) == ("dev" if bucket < 6 else "test")


def test_both_splits_hold_answers_of_every_category() -> None:
    rows = load(ANSWERS)
    assert len(rows) >= 240
    assert len({r["id"] for r in rows}) == len(rows)
    for split in ("dev", "test"):
        mine = [r for r in rows if split_of(r["id"]) == split]
        assert {r["category"] for r in mine} == {
            "strong",
            "adequate",
            "weak",
            "adversarial",
            "cliche",
        }


def test_pairwise_counts_ties_half() -> None:
    assert _pairwise([4.0, 3.0], [2.0]) == 1.0
    assert _pairwise([2.0], [2.0]) == 0.5
    assert _pairwise([1.0], [2.0, 3.0]) == 0.0


def test_every_trap_in_the_set_is_mapped_to_rules() -> None:
    traps = {r["trap"] for r in load(ANSWERS) if r["trap"]}
    assert traps - set(TRAP_RULES) == FORM_TRAPS
    assert "coherence.keyword_stuffing" in TRAP_RULES["keyword_stuffing"]
    assert "conflict.blame" in TRAP_RULES["blame"]
