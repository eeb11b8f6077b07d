"""Consistency: facts read from text, and only clear contradictions between an answer and a reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starcoach.analysis.consistency import (
    Contradiction,
    canonical_title,
    extract_facts,
    find_contradictions,
    role_fact,
    same_subject,
    self_contradictions,
)
from starcoach.analysis.report import Span


def facts(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.kind, f.subject, f.value, f.span.text(text)) for f in extract_facts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I joined a team of six engineers.", [("team_size", "team", "6", "team of six")]),
        ("We were a 5-person team.", [("team_size", "team", "5", "5-person team")]),
        ("The team had 8 people on it.", [("team_size", "team", "8", "team had 8 people")]),
        ("There were twelve of us.", [("team_size", "team", "12", "There were twelve of us")]),
        ("I managed 4 engineers.", [("reports", "reports", "4", "managed 4 engineers")]),
        ("I had 3 direct reports.", [("reports", "reports", "3", "3 direct reports")]),
        ("I was the tech lead.", [("role", "role", "tech lead", "tech lead")]),
        (
            "As a senior engineer, I owned it.",
            [("role", "role", "senior engineer", "senior engineer")],
        ),
        ("It ran from 2019 to 2021.", [("period", "project", "2019 to 2021", "from 2019 to 2021")]),
        ("Over 2020-2021 we rebuilt it.", [("period", "project", "2020 to 2021", "2020-2021")]),
        (
            "We started the rewrite in March 2020.",
            [("start", "project", "2020", "started the rewrite in March 2020")],
        ),
        ("We shipped it in late 2021.", [("end", "project", "2021", "shipped it in late 2021")]),
        (
            "The migration took 6 months.",
            [("duration", "migration", "6 months", "The migration took 6 months")],
        ),
        ("It was a two-year project.", [("duration", "project", "2 years", "a two-year project")]),
        (
            "We cut p95 latency from 2.4 seconds to 900 ms.",
            [
                (
                    "change",
                    "p95 latency",
                    "2.4 seconds to 900 ms",
                    "cut p95 latency from 2.4 seconds to 900 ms",
                )
            ],
        ),
        ("Churn fell by 8%.", [("change", "churn", "8%", "Churn fell by 8%")]),
        (
            "and abandoned carts dropped by 8%",
            [("change", "abandoned cart", "8%", "abandoned carts dropped by 8%")],
        ),
        ("We doubled conversion.", [("change", "conversion", "doubled", "doubled conversion")]),
    ],
)
def test_facts_are_read_with_their_spans(
    text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "As a result, the team was happy.",  # "as a" without a title
        "Now I'm a staff engineer at another company.",  # a role at another time
        "I was promoted to senior engineer afterwards.",
        "I started my career in 2015.",  # a career date, not the project's
        "Version 2019-2021 of the API.",  # no project words, but a range: see below
        "I improved it by 20%.",  # no subject
        "We were two weeks late.",  # not a team size
        "It took me 3 hours to find the bug.",  # no work noun as the subject of the duration
    ],
)
def test_unclear_statements_are_not_facts(text: str) -> None:
    kinds = {f.kind for f in extract_facts(text)}
    assert kinds <= {"period"}  # a bare year range is still read as the period of the work


def test_change_direction_is_kept() -> None:
    [down] = extract_facts("We reduced costs by 10%.")
    [up] = extract_facts("Costs grew by 10%.")
    assert down.numbers == (-10.0,) and up.numbers == (10.0,)


def test_units_are_normalized() -> None:
    [fact] = extract_facts("Build time fell from 2 minutes to 90 seconds.")
    assert fact.numbers == (120.0, 90.0) and fact.unit == "s"
    [money] = extract_facts("Revenue grew by $2.5M.")
    assert money.numbers == (2_500_000.0,) and money.unit == "$"


def test_titles_are_canonical() -> None:
    assert canonical_title("Senior backend engineer") == (
        "Senior backend engineer",
        "engineering",
        "senior",
    )
    assert canonical_title("Engineering Manager, Payments") == (
        "Engineering Manager",
        "management",
        "",
    )
    assert canonical_title("Chief of vibes") is None
    fact = role_fact("Staff engineer", Span(10, 24))
    assert fact is not None and fact.span == Span(10, 24) and fact.shape == "staff"


def test_subjects_match_by_head_and_modifiers() -> None:
    assert same_subject("p95 latency", "latency")
    assert same_subject("p95 checkout latency", "p95 latency")
    assert not same_subject("checkout latency", "search latency")
    assert not same_subject("latency", "churn")


REFERENCE = (
    "I was the tech lead on a team of six engineers, from 2021 to 2022. "
    "We cut p95 latency from 2.4 seconds to 900 ms, and abandoned carts dropped by 8%. "
    "The project took 8 months."
)


def test_team_size_contradiction_has_both_spans() -> None:
    answer = "On my 4-person team I drove the work."
    [c] = find_contradictions(answer, REFERENCE)
    assert (c.kind, c.value, c.reference_value) == ("team_size", "4", "6")
    assert c.span.text(answer) == "4-person team"
    assert c.reference_span.text(REFERENCE) == "team of six"


@pytest.mark.parametrize(
    ("answer", "kind", "value"),
    [
        ("As the engineering manager I set the plan.", "role", "engineering manager"),
        ("I started the work in 2019.", "dates", "2019"),
        ("It ran from 2020 to 2022.", "dates", "2020 to 2022"),
        ("We shipped it in 2023.", "dates", "2023"),
        ("We reduced p95 latency by 40%.", "change", "40%"),
        ("Latency went from 3 seconds to 900 ms.", "change", "3 seconds to 900 ms"),
        ("Abandoned carts fell by 20%.", "change", "20%"),
        ("Latency fell by 300 ms.", "change", "300 ms"),
        ("The project took 2 years.", "duration", "2 years"),
    ],
)
def test_clear_contradictions_are_found(answer: str, kind: str, value: str) -> None:
    found = find_contradictions(answer, REFERENCE)
    assert [(c.kind, c.value) for c in found] == [(kind, value)]
    assert all(c.span.end <= len(answer) and c.reference_span.end <= len(REFERENCE) for c in found)


@pytest.mark.parametrize(
    "answer",
    [
        "I was the tech lead on a team of six.",  # same facts
        "As a senior engineer on the team, I led the design.",  # compatible role
        "We had a team of about five people.",  # hedged and close
        "We cut p95 latency by 62%.",  # 2.4 s -> 0.9 s is a 62.5% cut
        "We cut p95 latency by about 60%.",
        "We reduced build time by 40%.",  # another subject
        "Conversion grew by 3%.",  # a subject the reference never mentions
        "Latency fell by 1.5 seconds.",  # 2.4 s to 900 ms is a 1.5 s cut
        "Latency fell by 62%.",
        "In 2021 we started the rewrite.",  # within the period
        "We shipped it in 2022.",
        "The project took about 7 months.",
        "Now I'm an engineering manager.",  # another time
        "",
    ],
)
def test_consistent_or_unrelated_statements_pass(answer: str) -> None:
    assert find_contradictions(answer, REFERENCE) == []


def test_a_fact_matching_any_reference_fact_passes() -> None:
    reference = (
        "My team of 5 sat inside a department where the wider team of 40 people shared one budget."
    )
    assert find_contradictions("I worked in a team of 40.", reference) == []
    assert find_contradictions("I worked in a team of 5.", reference) == []
    assert [c.value for c in find_contradictions("I worked in a team of 9.", reference)] == ["9"]


def test_two_answers_can_be_compared() -> None:
    first = "We grew revenue by $2M while I managed 4 engineers."
    second = "I managed 6 engineers and we grew revenue by $2M."
    found = find_contradictions(second, first)
    assert found == [
        Contradiction(
            kind="reports",
            subject="reports",
            span=Span(2, 21),
            reference_span=Span(31, 50),
            value="6",
            reference_value="4",
        )
    ]
    assert found[0].span.text(second) == "managed 6 engineers"
    assert found[0].reference_span.text(first) == "managed 4 engineers"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_never_raises_and_spans_lie_inside_the_texts(text: str, reference: str) -> None:
    for fact in extract_facts(text):
        assert 0 <= fact.span.start <= fact.span.end <= len(text)
    for c in find_contradictions(text, reference):
        assert c.span.end <= len(text) and c.reference_span.end <= len(reference)


_WORDS = st.sampled_from(
    "team of six 6 engineers we cut latency by 40% from 2.4 s to 900 ms I was the tech lead "
    "managed 4 in 2021 started shipped project took months years a two-year revenue grew $2M "
    "fell rose - , . as senior manager".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join), st.lists(_WORDS, max_size=60).map(" ".join))
def test_never_raises_on_fact_dense_text(text: str, reference: str) -> None:
    for c in find_contradictions(text, reference):
        assert c.span.end <= len(text) and c.reference_span.end <= len(reference)


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        # The time the work was given, said twice differently.
        (
            "We had four months from sign-off to go live. Testing was tight. Looking back, "
            "having nearly nine months of lead-in is what saved us.",
            "duration",
        ),
        # The whole work finished "after six weeks", though it ran for three months.
        (
            "The project ran for three months. I changed the handover sheet in week two. "
            "After six weeks, the whole thing was done and falls had halved.",
            "duration",
        ),
        # People managed, in any line of work.
        (
            "I supervised six pickers on the night shift. Each of my eleven reports had a weekly check-in.",
            "reports",
        ),
        (
            "I managed eight nurses on the ward. By spring I had fourteen nurses reporting to me.",
            "reports",
        ),
        # The speaker's own group, told as a crew, some of their people, "just me and", or alone.
        (
            "I ran a crew of four on the extension. When the rain came my team of fifteen worked weekends.",
            "team_size",
        ),
        (
            "I said the new target would wear out my team of five. My nine advisers were already stretched.",
            "team_size",
        ),
        (
            "It was just me and one other nurse on the unit. The four of us split the bays between us.",
            "team_size",
        ),
        (
            "I did the rewire on my own, with no labourer. My apprentice and I stayed late on the Friday.",
            "team_size",
        ),
        (
            "I did the rota rebuild pretty much single-handed. The two other clerks I had working on it with me checked it.",
            "team_size",
        ),
        (
            "The whole thing took about six weeks start to finish. Over a whole quarter the pickers lived with the change.",
            "duration",
        ),
        # The length of the job, told as "was N long" and "ran".
        ("It was a two-week job on paper. In total the refit ran about four months.", "duration"),
    ],
)
def test_self_contradictions_in_every_line_of_work(answer: str, kind: str) -> None:
    assert [c.kind for c in self_contradictions(answer)] == [kind]


@pytest.mark.parametrize(
    "answer",
    [
        "We had four months from sign-off to go live, and the build took two of them.",
        "After six weeks, the whole thing was done. The pilot alone took three weeks.",
        "I supervised six pickers. Later I managed all six of my reports through the peak.",
        "We had two weeks of annual leave booked, and the project ran for three months.",
        "I lead a team of twelve carers. My three seniors run the night shifts between them.",
        "I ran a crew of six. My two apprentices did the first fix while I priced the next job.",
        "I was on my own on the ward that night. My manager and I met the family the week after.",
        "It was just me and one other driver. The two of us covered every drop that week.",
        "The job was eight weeks long and the snagging took the last two of them.",
        "We agreed a ten-week programme and handed over in week ten, just over a week before the baby came.",
        "I did the survey single-handed. The two other officers who worked with me on the launch ran the stalls.",
    ],
)
def test_consistent_lengths_and_teams_pass(answer: str) -> None:
    assert self_contradictions(answer) == []
