"""The clause splitter and the count of deeds per actor."""

from __future__ import annotations

from starcoach.analysis.features.clauses import deeds, split_clauses


def _clauses(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in split_clauses(sentence)]


def test_a_coordinated_verb_phrase_is_a_clause_of_its_own() -> None:
    assert _clauses("She changed the huddle, rearranged the front and brought in a scheme.") == [
        "She changed the huddle",
        "rearranged the front",
        "brought in a scheme.",
    ]


def test_a_comma_and_a_conjunction_open_a_clause() -> None:
    sentence = "My manager and I agreed the plan, and then I rebuilt the rota."
    assert _clauses(sentence) == ["My manager and I agreed the plan", "I rebuilt the rota."]


def test_a_list_of_subjects_or_objects_is_not_cut() -> None:
    assert len(split_clauses("Sarah, Tom and I rebuilt the rota.")) == 1
    assert len(split_clauses("I compared the rota and the sick list.")) == 1


def test_the_subject_is_carried_over_coordinated_verbs() -> None:
    found = deeds("She changed the huddle, rearranged the front and brought in a scheme.")
    assert [(d.who, d.verb, d.carried) for d in found] == [
        ("she", "changed", False),
        ("she", "rearranged", True),
        ("she", "brought", True),
    ]


def test_the_subject_of_a_state_is_carried_to_a_deed() -> None:
    found = deeds("I was fully behind it and backed him up in the team meeting.")
    assert [(d.actor, d.verb) for d in found] == [("i", "backed")]


def test_a_name_in_an_apposition_is_the_subject() -> None:
    text = "My gaffer, Dave, spent days on the mix, and he got old bricks from a yard."
    found = deeds(text)
    assert [(d.who, d.verb) for d in found] == [("my gaffer", "spent"), ("he", "got")]
    assert text[found[0].start : found[0].end] == "My gaffer, Dave, spent"


def test_a_subordinate_clause_is_no_deed() -> None:
    assert [d.verb for d in deeds("When she took over, I rebuilt the rota.")] == ["rebuilt"]


def test_a_colon_or_a_dash_before_a_clause_is_a_cut() -> None:
    sentence = "My part was the migration: I wrote the scripts, and I checked every table."
    assert [d.verb for d in deeds(sentence)] == ["wrote", "checked"]
    assert len(split_clauses("She rebuilt the rota \u2014 I ran the trial.")) == 2


def test_a_subordinate_or_relative_clause_is_cut_and_keeps_its_opening_word() -> None:
    assert _clauses("I gave it because the dose hadn't been signed for.") == [
        "I gave it",
        "because the dose hadn't been signed for.",
    ]
    assert _clauses("It went to a contractor who clearly didn't go.") == [
        "It went to a contractor",
        "who clearly didn't go.",
    ]


def test_a_noun_phrase_or_contracted_subject_after_a_comma_opens_a_clause() -> None:
    assert len(split_clauses("The way it came about, the night nurse had given it early.")) == 2
    assert len(split_clauses("To be fair to me, I'd flagged it in planning.")) == 2
    assert len(split_clauses("I rebuilt the rota, the sick list and the handover notes.")) == 1


def test_a_verb_after_but_or_never_carries_the_subject() -> None:
    found = deeds("She had given it early but got called to an arrest and never went back.")
    assert [(d.who, d.verb, d.carried) for d in found] == [
        ("she", "given", False),
        ("she", "got", True),
    ]
