"""Question-type detection and resolution: free text, ids, aliases and fallbacks."""

from __future__ import annotations

import pytest

from starcoach.analysis.question import (
    DETECTION_THRESHOLD,
    QUESTION_ID_ALIASES,
    Detection,
    detect_question,
    resolve_question,
)
from starcoach.content import (
    CORE_QUESTION_IDS,
    QUESTION_IDS,
    UnknownQuestionError,
    load_content,
)

# The cases the product brief names explicitly.
BRIEF_CASES: list[tuple[str, str | None]] = [
    ("What's your greatest achievement?", "proud"),
    (
        "What do you consider to be the most important accomplishment in your career to date?",
        "proud",
    ),
    ("Tell me about something you've worked on that you're really, really proud of", "proud"),
    ("What was the hardest challenge in that project?", "challenge"),
    ("Tell me about a time you disagreed with your manager", "pushback"),
    ("How did you handle pushback?", "pushback"),
    (
        "Tell me about a time in which you had a conflict and needed to influence somebody else",
        "pushback",
    ),
    ("Tell me about a difficult coworker", "difficult_person"),
    ("Describe a past failure", "failure"),
    ("Tell me about a time you made a mistake", "failure"),
    ("What constructive feedback have you received?", "feedback"),
    ("Tell me about a time you received critical feedback", "feedback"),
    ("What is your greatest weakness?", "improvement"),
    ("In what areas do you want to keep improving?", "improvement"),
    ("Tell me about a time you led a team", None),
    ("What is the capital of France?", None),
]

# Our own phrasings, written for this test (not taken from the content files), with the id a
# careful human would assign. None means "not one of the seven".
OWN_CASES: list[tuple[str, str | None]] = [
    # proud
    ("Which project from your career are you proudest of, and why?", "proud"),
    ("Walk me through your biggest professional accomplishment.", "proud"),
    ("What's the thing you've built that you take the most pride in?", "proud"),
    ("Tell me about a key achievement from your last job.", "proud"),
    ("What was the high point of your career so far?", "proud"),
    ("Of everything on your resume, what are you most proud of?", "proud"),
    # challenge
    ("What's the toughest problem you've had to solve at work?", "challenge"),
    ("Tell me about an obstacle you ran into and how you got past it.", "challenge"),
    ("What was the most difficult part of shipping that feature?", "challenge"),
    ("Describe a really challenging situation at work.", "challenge"),
    ("Tell me about a hurdle that nearly stopped your project.", "challenge"),
    ("What did you struggle with most on that migration?", "challenge"),
    # pushback
    ("Tell me about a time you had to persuade your team to change direction.", "pushback"),
    ("Describe a disagreement you had with a product manager.", "pushback"),
    ("Have you ever had to stand your ground with a senior leader?", "pushback"),
    ("How do you get buy-in for an idea people resist?", "pushback"),
    ("Give me an example of a time a colleague pushed back on your design.", "pushback"),
    ("Tell me about a time you challenged your boss's decision.", "pushback"),
    ("When did you last change someone's mind at work?", "pushback"),
    # difficult_person
    ("Tell me about a coworker who was hard to work with.", "difficult_person"),
    ("Describe a time you dealt with a difficult stakeholder.", "difficult_person"),
    ("Have you worked with a toxic teammate? What did you do?", "difficult_person"),
    ("Tell me about a time you didn't get along with your manager.", "difficult_person"),
    (
        "Tell me about a time you had to work with someone you didn't get on with.",
        "difficult_person",
    ),
    ("How did you handle a personality clash on your team?", "difficult_person"),
    ("Tell me about a challenging colleague and what you did.", "difficult_person"),
    # failure
    ("What's the biggest mistake you've made at work?", "failure"),
    ("Tell me about a project that failed.", "failure"),
    ("Describe a time something went wrong because of you.", "failure"),
    ("When did you drop the ball on something important?", "failure"),
    ("Tell me about a launch that did not go as planned.", "failure"),
    ("Tell me about a time you missed an important deadline.", "failure"),
    # feedback
    ("What's the most useful criticism you've ever received?", "feedback"),
    ("Tell me about feedback from your manager that surprised you.", "feedback"),
    ("How do you react when someone critiques your work?", "feedback"),
    ("What did your last performance review say you should change?", "feedback"),
    ("What is the toughest feedback you've been given?", "feedback"),
    # improvement
    ("What would you say are your weaknesses?", "improvement"),
    ("What are you trying to get better at these days?", "improvement"),
    ("Which areas of your work do you most want to develop?", "improvement"),
    ("What is your biggest growth area right now?", "improvement"),
    ("Where do you see room to grow, and how are you working on it?", "improvement"),
    ("What are your blind spots?", "improvement"),
    # none of the seven
    ("Tell me about yourself.", None),
    ("Why do you want to work here?", None),
    ("Describe a time you had to prioritize competing deadlines.", None),
    ("Tell me about a time you mentored a junior engineer.", None),
    ("Walk me through your resume.", None),
    ("Tell me about a time you gave someone difficult feedback.", None),
    ("How many golf balls fit in a school bus?", None),
    ("Where do you see yourself in five years?", None),
]


# Two more batches we wrote later and first ran blind, as a held-out check (see the issue note
# for the blind accuracy); the cues were then extended to cover them.
LATER_CASES: list[tuple[str, str | None]] = [
    ("Tell me about the work you're proudest of from the last two years.", "proud"),
    ("What accomplishment are you most excited to talk about?", "proud"),
    ("If you could showcase one project to us, which would it be?", "proud"),
    ("What would you point to as your best work?", "proud"),
    ("What's the most complex technical issue you've debugged?", "challenge"),
    ("Describe the most difficult situation you've faced in your career.", "challenge"),
    ("What was the biggest challenge you faced in your last role?", "challenge"),
    ("Tell me about a time things got really hard on a project.", "challenge"),
    ("Tell me about a time you and a teammate disagreed on the technical approach.", "pushback"),
    ("How do you handle it when stakeholders resist your recommendation?", "pushback"),
    ("Describe a conflict with a peer and how it was resolved.", "pushback"),
    ("Tell me about a time you convinced leadership to change course.", "pushback"),
    ("Give an example of when you had to say no to a senior stakeholder.", "pushback"),
    ("Tell me about the most difficult person you've had to work with.", "difficult_person"),
    ("Describe working with an uncooperative colleague.", "difficult_person"),
    ("Have you ever had a manager you found difficult?", "difficult_person"),
    ("How do you work with people who are difficult?", "difficult_person"),
    ("Tell me about a time you failed to deliver on a commitment.", "failure"),
    ("What's a decision you regret?", "failure"),
    ("Tell me about your biggest professional setback.", "failure"),
    ("Describe an error you made and how you fixed it.", "failure"),
    ("What's the hardest piece of criticism you've had to hear?", "feedback"),
    ("Tell me about negative feedback you got and how you acted on it.", "feedback"),
    ("How have you responded to critical comments from your manager?", "feedback"),
    ("What would your current manager say you need to work on?", "improvement"),
    ("What skills are you hoping to develop next?", "improvement"),
    ("What are three weaknesses your colleagues would name?", "improvement"),
    ("Tell me about a time you had to learn a new technology fast.", None),
    ("Describe a time you handled multiple priorities.", None),
    ("Tell me about a time you improved a process.", None),
    ("How do you stay organized?", None),
    ("Tell me about a time you showed leadership without a title.", None),
    ("What motivates you?", None),
    ("What result from your career are you proudest of?", "proud"),
    ("Which of your projects had the most impact, in your view?", "proud"),
    ("Tell me about a success you're proud of and what made it possible.", "proud"),
    ("What was the trickiest bug you ever tracked down?", "challenge"),
    ("Describe a tough situation on a team project and how you navigated it.", "challenge"),
    ("What's the most complicated system you've had to untangle?", "challenge"),
    ("What do you do when a colleague disagrees with your proposal?", "pushback"),
    ("Tell me about a time you had to argue for an unpopular position.", "pushback"),
    ("How did you bring a skeptical engineering team on board with your plan?", "pushback"),
    ("Tell me about a conflict within your team and your role in resolving it.", "pushback"),
    ("Describe a time you worked with a client who was very demanding.", "difficult_person"),
    ("Tell me about an abrasive colleague and how you handled them.", "difficult_person"),
    ("What do you do when a teammate is unresponsive and blocking you?", "difficult_person"),
    ("Tell me about a time a project you led failed.", "failure"),
    ("What's something you got wrong and what did you learn?", "failure"),
    ("Tell me about a time you made the wrong call.", "failure"),
    ("Describe a time when a plan you made didn't work out.", "failure"),
    ("What's one piece of advice a manager gave you that made you better?", "feedback"),
    ("Share a time you were criticized at work and how you responded.", "feedback"),
    ("What's the most surprising feedback you've heard about yourself?", "feedback"),
    ("What is one professional skill you want to strengthen?", "improvement"),
    ("What's an area where you still feel weak?", "improvement"),
    ("How are you growing as an engineer this year?", "improvement"),
    ("What are you learning right now to become better at your job?", "improvement"),
    ("Tell me about a time you went above and beyond for a customer.", None),
    ("What are your salary expectations?", None),
    ("Describe how you'd design a URL shortener.", None),
    ("Tell me about a time you had to adapt to a big change.", None),
    ("What questions do you have for us?", None),
    ("Tell me about a time you delegated a task.", None),
]

# Questions asked the way people outside an interview script ask them: a good outcome without the
# word "proud", a setback without "fail", a person or a relationship that was hard going, feedback
# without the word "feedback" (or with a word of disagreement beside it).
PLAIN_CASES: list[tuple[str, str | None]] = [
    ("Is there a piece of work you're especially pleased with?", "proud"),
    ("Tell me about a success you had last year.", "proud"),
    ("Which job would you put your name to?", "proud"),
    ("Tell me about a time a plan of yours backfired.", "failure"),
    ("Describe a shift that went badly.", "failure"),
    ("Tell me about when you lost a big client.", "failure"),
    ("We all get things wrong. Give me an example.", "failure"),
    ("Tell me about a tenant who was hard to deal with.", "difficult_person"),
    ("Describe a difficult relationship with a supplier.", "difficult_person"),
    ("Tell me about a colleague who made your work harder.", "difficult_person"),
    ("Tell me about someone you struggled to work with.", "difficult_person"),
    ("Tell me about an angry patient you looked after.", "difficult_person"),
    ("What's something a mentor told you that stuck with you?", "feedback"),
    ("Tell me about feedback you didn't agree with.", "feedback"),
    ("When did your manager last give you feedback?", "feedback"),
    ("What skill are you working on improving?", "improvement"),
    ("Tell me about a project that took real persistence.", "challenge"),
    ("Tell me about a time you challenged a decision on safety grounds.", "pushback"),
    ("Tell me about a time you gave your team feedback.", None),
    ("Tell me about a time you worked under pressure.", None),
    # no phrase cue: read by its words in any order, two of one prompt's
    ("Which of your days at work was a bad one, and what slipped?", "failure"),
    ("Tell me about a tenant relationship that went sour.", "difficult_person"),
]


def _accuracy(cases: list[tuple[str, str | None]]) -> float:
    hits = sum(detect_question(text)[0] == expected for text, expected in cases)
    return hits / len(cases)


@pytest.mark.parametrize(("text", "expected"), BRIEF_CASES)
def test_brief_cases(text: str, expected: str | None) -> None:
    assert detect_question(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), OWN_CASES + LATER_CASES + PLAIN_CASES)
def test_own_phrasings(text: str, expected: str | None) -> None:
    assert detect_question(text)[0] == expected


def test_own_phrasings_cover_every_prompt_and_the_none_case() -> None:
    assert len(OWN_CASES) >= 40
    expected_ids = {expected for _, expected in OWN_CASES}
    assert expected_ids == {*CORE_QUESTION_IDS, None}
    assert _accuracy(OWN_CASES + LATER_CASES + BRIEF_CASES) == 1.0


def test_content_phrasings_detect_as_their_own_prompt() -> None:
    # The guide shows these phrasings under each prompt, so detection must agree with them.
    for question in load_content().core_questions():
        for phrasing in question.phrasings:
            assert detect_question(phrasing)[0] == question.id, phrasing


def test_generic_phrasings_are_not_one_of_the_seven() -> None:
    for phrasing in load_content().questions["generic"].phrasings:
        assert detect_question(phrasing)[0] is None, phrasing


def test_confidence_is_in_range_and_above_threshold_when_detected() -> None:
    for text, _ in BRIEF_CASES + OWN_CASES + LATER_CASES:
        detected, confidence = detect_question(text)
        assert 0.0 <= confidence <= 1.0
        if detected is not None:
            assert confidence >= DETECTION_THRESHOLD


def test_strong_cue_gives_higher_confidence_than_ambiguous_text() -> None:
    clear = detect_question("What constructive feedback have you received?")[1]
    # Both a proud cue and a challenge cue: the two prompts compete.
    mixed = detect_question("Tell me about a challenging project you are proud of.")[1]
    assert clear > mixed


def test_giving_feedback_is_not_receiving_it() -> None:
    assert detect_question("Tell me about a time you gave feedback to a peer.")[0] is None
    assert detect_question("What feedback have you received from a peer?")[0] == "feedback"


def test_superlative_of_another_prompt_does_not_count_as_challenge() -> None:
    assert detect_question("Who was the most difficult person you worked with?")[0] == (
        "difficult_person"
    )
    assert detect_question("What was the hardest feedback to hear?")[0] == "feedback"


def test_typographic_apostrophes_and_case_are_ignored() -> None:
    assert detect_question("WHAT\u2019S YOUR GREATEST ACHIEVEMENT?")[0] == "proud"


def test_detection_is_a_named_pair() -> None:
    detection = detect_question("Describe a past failure.")
    assert isinstance(detection, Detection)
    question_id, confidence = detection
    assert (detection.question_id, detection.confidence) == (question_id, confidence)
    assert question_id == "failure"


def test_empty_and_very_long_text() -> None:
    assert detect_question("") == (None, 0.0)
    assert detect_question("   ") == (None, 0.0)
    # Only the start of a long paste is read; the cue far beyond it is ignored.
    long_text = "Tell me about yourself. " + "x " * 2000 + "What is your greatest weakness?"
    assert detect_question(long_text)[0] is None


# --- resolve_question ----------------------------------------------------------------------


def test_resolve_none_and_blank_default_to_generic() -> None:
    assert resolve_question(None) == ("generic", "default", None)
    assert resolve_question("  ") == ("generic", "default", None)


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_resolve_known_ids(question_id: str) -> None:
    assert resolve_question(question_id) == (question_id, "id", None)


def test_resolve_accepts_star_generic_and_aliases() -> None:
    assert resolve_question("star_generic") == ("generic", "id", None)
    assert resolve_question("weakness") == ("improvement", "id", None)
    assert resolve_question(" Failure ") == ("failure", "id", None)
    assert resolve_question("difficult-person") == ("difficult_person", "id", None)
    for alias, target in QUESTION_ID_ALIASES.items():
        assert target in QUESTION_IDS
        assert resolve_question(alias)[0] == target


def test_resolve_unknown_id_raises_listing_valid_ids() -> None:
    with pytest.raises(UnknownQuestionError) as info:
        resolve_question("leadership")
    assert isinstance(info.value, ValueError)
    for question_id in QUESTION_IDS:
        assert question_id in str(info.value)


def test_resolve_free_text_detected() -> None:
    text = "Tell me about a time you made a mistake."
    assert resolve_question(text) == ("failure", "detected", text)
    assert resolve_question(f"  {text}\n") == ("failure", "detected", text)


def test_resolve_free_text_fallback() -> None:
    text = "Tell me about a time you led a team."
    assert resolve_question(text) == ("generic", "fallback", text)
