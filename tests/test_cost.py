"""A failure answer's outcomes read clause by clause: a real cost, or only good news."""

from starcoach.analysis.analyzer import analyze
from starcoach.analysis.features.cost import read_outcomes


def test_a_real_cost_is_read_even_when_the_story_ends_well() -> None:
    text = (
        "I ordered the wrong size of scaffold boards, so the roofers lost a morning and the client "
        "complained. I paid for the extra hire, and the client thanked us for sorting it so fast."
    )
    telling = read_outcomes(text)
    assert telling.costs
    assert not telling.only_good


def test_a_threat_that_never_landed_is_no_cost() -> None:
    text = (
        "There was a real risk that the audit would miss its deadline. I built the request list early. "
        "We signed on time, and the partner put me forward for a promotion."
    )
    telling = read_outcomes(text)
    assert not telling.costs
    assert telling.only_good


def test_a_caught_problem_and_a_redefined_failure_are_no_cost() -> None:
    text = (
        "I spotted that the supplier had sent the wrong invoice. "
        "It failed in the sense that my plan ran long. My manager praised the catch."
    )
    assert read_outcomes(text).only_good


def test_someone_elses_mishap_is_the_situation_not_a_cost() -> None:
    text = "My lead technician rang in with a broken ankle. I covered his calls, and every job was done on time."
    assert read_outcomes(text).only_good


def test_negated_harm_is_good_news() -> None:
    telling = read_outcomes("In the end we had no complaints, and the manager thanked the team.")
    assert not telling.costs


def _fired(text: str, question: str) -> bool:
    return "failure.success_told_as_failure" in {
        f.rule_id for f in analyze(text, question).findings
    }


def test_a_failure_answer_with_only_good_outcomes_is_a_success_told_as_failure() -> None:
    text = (
        "The night our lab's freezer alarm went off, I moved every sample to the spare unit within "
        "the hour and logged the temperatures. Nothing was lost, the lab head thanked me at the next "
        "meeting, and my write-up became the lab's procedure."
    )
    assert _fired(text, "Tell me about a time something went wrong on your watch.")


def test_a_failure_answer_with_a_real_cost_is_not() -> None:
    text = (
        "I forgot to defrost the spare freezer, so when the main one failed we lost three weeks of "
        "samples and two students had to redo their runs. The lab head thanked me for reporting it "
        "straight away, and now I check the spare unit every Friday."
    )
    assert not _fired(text, "Tell me about a time something went wrong on your watch.")


def test_the_worst_bug_question_is_a_failure_question() -> None:
    assert (
        analyze("x " * 30, "What's the worst bug you've been responsible for?").question_type
        == "failure"
    )


def _humblebrag(text: str, question: str) -> bool:
    return "failure.humblebrag" in {f.rule_id for f in analyze(text, question).findings}


def test_a_failure_that_opens_on_beating_the_target_is_a_humblebrag() -> None:
    text = (
        "My failure was the year I billed 240 percent of my target, which swamped the payroll team. "
        "They had to work two weekends, so now I warn them when a big month is coming."
    )
    assert _humblebrag(text, "Tell me about a time you fell short.")


def test_a_target_beaten_after_a_real_failure_is_not_a_humblebrag() -> None:
    text = (
        "I missed my target by a third in my first year because I chased two big accounts and let the "
        "small ones go quiet. Since then I keep a weekly slot for small accounts, and last year I "
        "reached 130 percent of my target."
    )
    assert not _humblebrag(text, "Tell me about a time you fell short.")
