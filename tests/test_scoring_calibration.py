"""Scores from evidence that bears on each dimension, 'not enough evidence', short answers still named, and
the public API. The answers are built from our own answer set's text."""

from __future__ import annotations

import json
import subprocess
import sys

from starcoach.analysis import Severity, analyze, overall_weights
from starcoach.analysis.overall import feature_names, fitted_overall
from starcoach.analysis.report import (
    OVERALL_LEVELS,
    DimensionScore,
    Finding,
    overall_meaning,
)
from starcoach.analysis.scoring import RED_FLAGS
from starcoach.render.json import loads, report_to_dict

STRONG_PUSHBACK = (
    "Our senior team brought in automatic after-school detentions for any missed homework. Within three "
    "weeks I had 140 detentions a week in year 8 alone, and it was the same twenty or so children every "
    "time, mostly ones with no quiet space or no internet at home. They weren't learning to do homework, they "
    "were learning to skip school on detention days. I agreed with the goal, I just thought the policy was "
    "hitting the wrong thing. So I got the data together first, names, frequency, and who had free school "
    "meals, and asked the deputy head for twenty minutes. I didn't ask her to drop the policy. I asked to run "
    "a pilot for one half term in year 8: children who missed homework went to a supervised homework club the "
    "next lunchtime instead, with computers, and detentions only if they skipped that. I ran the club myself "
    "three days a week and got two tutors to cover the others. By the end of the half term, homework "
    "completion in year 8 had gone from about sixty percent to just over eighty, and detentions were down to "
    "about thirty a week. The school adopted the lunchtime club for years 7 to 9. What I'd do differently: I "
    "went in too defensive the first time I raised it, in a staff meeting, and it came across as criticism in "
    "public. The quiet meeting with data worked far better."
)

# Trigger words without a decision of the speaker's: "because", "options", "decided", "company".
TRIGGER_WORDS = (
    "There were options because the company decided things, and the options were discussed because of the "
    "company. The decision was made because there were options, and the company had options because it "
    "decided. Everyone said it was because of the options and the company decisions. It all went fine in the "
    "end and the company was happy because of the options that were decided on by the company. We were all "
    "there."
)


def _score(report, dimension):  # type: ignore[no-untyped-def]
    return next((s for s in report.scores if s.dimension == dimension), None)


def test_a_strong_answer_scores_strong_and_has_no_error() -> None:
    report = analyze(
        STRONG_PUSHBACK, "Tell me about a time you disagreed with your leadership team."
    )
    assert report.overall is not None and report.overall >= 3.5
    assert not report.at_or_above(Severity.ERROR)
    judgment = _score(report, "judgment")
    assert judgment is not None and judgment.score >= 3


def test_trigger_words_alone_are_not_judgment_or_impact() -> None:
    report = analyze(TRIGGER_WORDS, "pushback")
    judgment = _score(report, "judgment")
    assert judgment is not None and judgment.score <= 2
    impact = _score(report, "impact")
    assert impact is not None and impact.score <= 2
    assert not [e for e in impact.evidence if e.note == "who the result reached"]
    assert report.overall is not None and report.overall <= 2.5


def test_a_dimension_with_no_evidence_is_unscored_with_its_probe() -> None:
    text = (
        "I run the Saturday shift at a garden centre. Last spring I noticed our plant waste was high, so I "
        "started checking the watering rota each morning and moved the shade plants indoors at noon. By June "
        "we were throwing away about half as many plants as in April, and my manager asked me to write the "
        "rota up for the other stores."
    )
    report = analyze(text, "proud")
    unscored = {u.dimension: u for u in report.unscored}
    assert (
        "collaboration" not in {s.dimension for s in report.scores}
        or "collaboration" not in unscored
    )
    for dimension, item in unscored.items():
        assert dimension not in {s.dimension for s in report.scores}
        assert item.probe.endswith("?")
        assert item.reason
    data = report_to_dict(report)
    assert all(u["score"] is None for u in data["not_enough_evidence"])
    assert loads(json.dumps(data)).unscored == report.unscored


def test_core_dimensions_are_always_scored() -> None:
    report = analyze(TRIGGER_WORDS, "pushback")
    scored = {s.dimension for s in report.scores}
    assert {"collaboration", "judgment", "structure", "communication"} <= scored


def test_star_missing_result_is_never_an_error() -> None:
    text = (
        "I missed a medication round on my second week because I had not checked the handover sheet and I "
        "assumed the night nurse had done it. I told the nurse in charge straight away and we called the GP. "
        "Since then I check the handover sheet line by line before every round, and I ask when I am unsure."
    )
    report = analyze(text, "failure")
    assert all(
        f.severity < Severity.ERROR for f in report.findings if f.rule_id == "star.missing_result"
    )


def test_short_cliche_is_named_and_too_short() -> None:
    text = (
        "My biggest weakness is that I'm a perfectionist and I work too hard, I just care too much about "
        "getting things right."
    )
    report = analyze(text, "What's your biggest weakness?")
    assert (
        report.abstained and report.abstain_reason and report.abstain_reason.startswith("too short")
    )
    assert "failure.humblebrag" in {f.rule_id for f in report.findings}
    assert report.overall is None and not report.scores


def test_short_blame_is_named() -> None:
    report = analyze(
        "He was lazy and it was totally his fault, I had to do everything.", "difficult_person"
    )
    assert report.abstained
    assert {f.rule_id for f in report.findings} & {"conflict.personal_attack", "conflict.blame"}


def test_overall_levels_are_documented() -> None:
    assert set(OVERALL_LEVELS) == {1, 2, 3, 4, 5}
    assert overall_meaning(None) is None
    assert overall_meaning(4.2) == OVERALL_LEVELS[4]


def test_fitted_overall_weights_match_the_features_and_red_flags() -> None:
    # A red flag added to (or removed from) scoring.RED_FLAGS needs a refit: `python -m eval.fit_overall --write`.
    assert tuple(sorted(RED_FLAGS)) == overall_weights.RED_FLAGS
    assert feature_names(overall_weights.RED_FLAGS) == overall_weights.FEATURES
    sizes = {len(overall_weights.FEATURES), len(overall_weights.WEIGHTS)}
    assert sizes | {len(overall_weights.MEANS), len(overall_weights.SCALES)} == {
        len(overall_weights.FEATURES)
    }
    signs = dict(zip(overall_weights.FEATURES, overall_weights.WEIGHTS, strict=True))
    assert all(w >= 0 for name, w in signs.items() if name.startswith("score:"))
    assert all(w <= 0 for name, w in signs.items() if name.startswith("flag:"))


def test_fitted_overall_rises_with_the_evidence_and_falls_with_a_red_flag() -> None:
    def scores(level: int) -> list[DimensionScore]:
        return [DimensionScore(d, level, "", ()) for d in ("ownership", "impact", "self_awareness")]

    flag = Finding("conflict.blame", Severity.WARNING, "", "", "collaboration", None, "")
    low, high = fitted_overall(scores(2), [], 200), fitted_overall(scores(5), [], 200)
    assert 1.0 <= low < high <= 5.0
    assert fitted_overall(scores(5), [flag], 200) < high


def test_public_api_is_lazy_and_complete() -> None:
    code = (
        "import sys, starcoach\n"
        "assert 'starcoach.analysis.analyzer' not in sys.modules\n"
        "from starcoach import analyze, Report, Finding, report_to_json, report_from_json\n"
        "r = analyze('I led the change and it cut waiting times from 40 to 25 minutes for our patients "
        "over three months because I rewrote the rota with the ward sister.', 'proud')\n"
        "assert isinstance(r, Report)\n"
        "assert report_from_json(report_to_json(r)) == r\n"
        "assert 'analyze' in dir(starcoach)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    import starcoach

    assert set(starcoach.__all__) == {"__version__", *starcoach._EXPORTS}
    try:
        starcoach.not_a_name  # noqa: B018
    except AttributeError as exc:
        assert "not_a_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_practise_next_includes_a_short_answers_named_problem() -> None:
    from starcoach.practice.report import AnswerEntry, _practise

    text = "Honestly my weakness is that I'm a perfectionist, I work too hard and care too much."
    report = analyze(text, "improvement")
    assert report.abstained
    entry = AnswerEntry(0, "improvement", "Improvement", "What's your weakness?", text, report, ())
    items = _practise([entry], [], [])
    assert "failure.humblebrag" in {i.rule_id for i in items}


# From our answer set (keyword stuffing, polished generic): STAR labels and power verbs, no story.
KEYWORD_STUFFED = (
    "Situation: I was in a fast-paced, high-growth environment with complex cross-functional stakeholders. "
    "Task: I owned end-to-end delivery of a mission-critical initiative. Action: I spearheaded the "
    "architecture, I drove alignment, I led the roadmap, I championed best practices, I mentored, I optimized "
    "and I scaled the platform. I leveraged data-driven decision making and I took full ownership of outcomes. "
    "Result: I drove a 40% increase in efficiency, a 35% improvement in velocity and a 50% reduction in "
    "incidents, delivering significant business value. Reflection: I learned the importance of ownership, "
    "communication and continuous improvement, and I would continue to lead with impact."
)


def test_keyword_stuffing_scores_weak_and_gets_no_credit_for_its_claims() -> None:
    report = analyze(KEYWORD_STUFFED, "What's the project you're most proud of?")
    assert report.overall is not None and report.overall <= 2.5
    communication = _score(report, "communication")
    assert communication is not None and communication.score <= 2
    ownership = _score(report, "ownership")
    assert ownership is not None and ownership.score <= 2


def test_spoken_fillers_cost_communication_not_content() -> None:
    clean = STRONG_PUSHBACK
    spoken = clean.replace(". ", ". Um, you know, ").replace(", and", ", um, I mean, and")
    question = "Tell me about a time you disagreed with your leadership team."
    before, after = analyze(clean, question), analyze(spoken, question)
    assert _score(after, "communication").score < _score(before, "communication").score  # type: ignore[union-attr]
    assert _score(after, "judgment").score == _score(before, "judgment").score  # type: ignore[union-attr]


def test_deflection_is_not_self_awareness() -> None:
    text = (
        "I refused a housing application because the documents were unclear and some were missing. The "
        "applicant complained and it went to review, and the decision was overturned. It wasn't really my "
        "fault, I followed the guidance and made the decision on the evidence I had. The guidance was vague "
        "and the targets meant we had no time to chase people. So I don't think there's much I'd do "
        "differently."
    )
    report = analyze(text, "Tell me about a time you failed.")
    awareness = _score(report, "self_awareness")
    assert awareness is not None and awareness.score <= 2
    assert any(not e.positive and e.note == "you deflect your own part" for e in awareness.evidence)


def test_a_spoken_transcript_is_read_without_its_fillers() -> None:
    from starcoach.analysis.answer import Answer
    from starcoach.analysis.scoring import without_fillers

    text = (
        "So I, um, I rang her son, and I asked him, like, what did she used to love doing. So I, uh, I got "
        "some pots and some seeds, you know, and, um, we put them on the windowsill in the lounge."
    )
    answer = Answer(text, "proud")
    content = without_fillers(answer)
    assert len(content.text) == len(text)
    assert "um" not in content.text.split() and "I, I" not in content.text
    assert sum(a.actor == "i" for a in content.actions) >= sum(
        a.actor == "i" for a in answer.actions
    )
    plain = Answer("I rang her son and asked him what she used to love doing.", "proud")
    assert without_fillers(plain) is plain
