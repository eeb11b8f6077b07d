"""Rules on what an answer means, on whole and on short answers (rules run directly, below the length gate)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starcoach.analysis import analyze
from starcoach.analysis.answer import Answer
from starcoach.analysis.consistency import self_contradictions
from starcoach.analysis.features.coherence import generic, keyword_stuffing
from starcoach.analysis.features.topic import hypothetical, off_topic, someone_elses_work
from starcoach.analysis.kinds import KINDS
from starcoach.analysis.registry import get_rule
from starcoach.analysis.text import LETTER_WORD


def _fires(rule_id: str, text: str, question: str = "generic") -> bool:
    rule = get_rule(rule_id)
    return bool(KINDS[rule.kind].check(rule, Answer(text, question)))


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        ("failure.denies_failure", "I've never really failed at anything.", "failure"),
        ("failure.denies_failure", "I don't really make mistakes, I'm careful.", "failure"),
        ("answer.no_example", "I can't think of one, sorry.", "difficult_person"),
        ("answer.no_example", "Nothing really comes to mind.", "pushback"),
        ("failure.humblebrag", "I'm a perfectionist, so I work too hard.", "improvement"),
        (
            "answer.hypothetical",
            "I would listen first, and I would ask what they need.",
            "pushback",
        ),
        ("result.implausible_number", "I cut our costs by 250% in a month.", "proud"),
        ("answer.off_topic", "My biggest strength is that I'm very organised.", "improvement"),
        ("conflict.denies_conflict", "No one has ever really pushed back on my ideas.", "pushback"),
    ],
)
def test_short_answers_are_named(rule_id: str, text: str, question: str) -> None:
    assert _fires(rule_id, text, question)


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        (
            "failure.denies_failure",
            "I failed my driving theory test twice before I changed how I studied.",
            "failure",
        ),
        (
            "answer.no_example",
            "One example comes to mind: the night the freezer broke.",
            "challenge",
        ),
        (
            "answer.hypothetical",
            "I asked her what she needed, and we agreed on Friday.",
            "pushback",
        ),
        ("result.implausible_number", "Our costs fell from $90,000 to $60,000 a month.", "proud"),
    ],
)
def test_short_answers_that_are_fine_pass(rule_id: str, text: str, question: str) -> None:
    assert not _fires(rule_id, text, question)


def test_success_story_to_a_disagreement_question_is_off_topic() -> None:
    text = (
        "My proudest shift was the bank holiday weekend at the garden centre. We had double the usual "
        "customers, I ran the tills on my own for two hours, and the queue never went past the door. "
        "My supervisor said it was the smoothest weekend of the year."
    )
    assert off_topic(text, "pushback")
    assert not off_topic(text, "proud")


def test_a_real_disagreement_is_on_topic() -> None:
    text = (
        "Our supervisor wanted to close the tills at five on bank holidays, and I disagreed, because "
        "the last hour was our busiest. I showed her the takings by hour and we kept one till open."
    )
    assert not off_topic(text, "pushback")


def test_failure_told_as_a_success() -> None:
    text = (
        "My failure was the spring stock take. I started a week late, but I stayed every night and "
        "finished first in the region, and it turned into my biggest success that year."
    )
    assert _fires("failure.success_told_as_failure", text, "failure")


def test_self_contradiction_in_durations_and_team_sizes() -> None:
    text = (
        "The ward move project took three months. I led a team of five nurses. "
        "We finished it in six weeks, and my team of fourteen trained the night staff."
    )
    kinds = {c.kind for c in self_contradictions(text)}
    assert {"duration", "team_size"} <= kinds
    consistent = (
        "The ward move project took three months. I led a team of five nurses, "
        "and at the two-month mark we had moved every bed."
    )
    assert self_contradictions(consistent) == []


def test_keyword_stuffing_and_a_plain_structured_answer() -> None:
    stuffed = (
        "Situation: a fast-paced environment. Task: I owned end-to-end delivery. Action: I led, "
        "I drove, I championed best practices and leveraged data-driven alignment with stakeholders. "
        "Result: impactful, scalable outcomes."
    )
    assert keyword_stuffing(stuffed) is not None
    plain = (
        "Situation: the school office lost two days a week to phone messages. Task: I had to free "
        "that time before the new term. Action: I set up a shared inbox and a script for the "
        "receptionists. Result: messages handled on the same day went from half to nearly all."
    )
    assert keyword_stuffing(plain) is None


def test_generic_answer_has_no_concrete_anchor() -> None:
    text = (
        "I see every challenge as a chance to grow. I always add value by aligning with key "
        "stakeholders, staying agile and keeping the bigger picture in mind, and I bring a growth "
        "mindset to everything I do so that the team delivers results."
    )
    assert generic(text, numbers=0) is not None
    concrete = text + " Last March, Tom and I rebuilt the returns desk."
    assert generic(concrete, numbers=0) is None


_COHERENCE_TEXTS = (
    "Situation: a fast-paced environment. Task: I owned end-to-end delivery. Action: I led, I drove, "
    "I championed best practices and leveraged data-driven alignment with stakeholders. Result: "
    "impactful, scalable outcomes.",
    "I see every challenge as a chance to grow. I always add value by aligning with key stakeholders, "
    "staying agile and keeping the bigger picture in mind, and I bring a growth mindset to everything.",
    "Last March, Tom and I rebuilt the returns desk; it's the team’s best-run desk now.",
)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.sampled_from(_COHERENCE_TEXTS),
        st.text(alphabet="aAbIzZ '’-.,:\nÄ\u212a", max_size=80),
    )
)
def test_coherence_reads_the_same_words_from_the_answer(text: str) -> None:
    # The words computed once on the answer are the ones the coherence checks would read themselves.
    words = Answer(text).letter_words
    assert words == [m.group().lower() for m in LETTER_WORD.finditer(text)]
    assert keyword_stuffing(text, words) == keyword_stuffing(text)
    assert generic(text, 0, words) == generic(text, 0)


def test_hypothetical_answer_and_a_told_event() -> None:
    assert hypothetical(
        "If I had a difficult customer, I would stay calm. I'd listen to the complaint and I would "
        "offer a refund or a replacement."
    )
    assert not hypothetical(
        "A customer shouted at me about a late order. I stayed calm, listened, and I offered a "
        "replacement, which she took. I would do the same again."
    )


def test_someone_elses_achievement() -> None:
    text = (
        "Our head chef noticed waste was too high. She rewrote the ordering sheet, she started "
        "weighing the bins every night, and she trained the whole brigade. Waste halved. "
        "I learned so much from her."
    )
    assert someone_elses_work(text) is not None
    own = (
        "Our head chef asked me to cut waste. I rewrote the ordering sheet, I started weighing the "
        "bins every night, and I trained the commis chefs. Waste halved."
    )
    assert someone_elses_work(own) is None


def test_someone_elses_achievement_read_clause_by_clause() -> None:
    text = (
        "Our store won store of the year. The store manager had a real vision. She changed the morning "
        "huddle, rearranged the front of store and brought in a recognition scheme. Sales rose nine per "
        "cent. It was great to be part of it, and I helped with the displays."
    )
    assert someone_elses_work(text, "proud") is not None
    # In a feedback or difficult-person answer, what the other person did is the topic.
    assert someone_elses_work(text, "difficult_person") is None
    credited = (
        "Our store manager changed the morning huddle, rearranged the front of store and brought in a "
        "recognition scheme. I ran the recognition scheme for my team, I set the weekly targets, and I "
        "trained the two new starters on the tills. Sales rose nine per cent."
    )
    assert someone_elses_work(credited, "proud") is None
    one_part = (
        "Our lead, Priya, designed the new pipeline, set up the test framework and ran the load tests "
        "\u2014 I wrote the migration scripts. The load went from nine hours to forty minutes."
    )
    assert someone_elses_work(one_part, "proud") is None


def test_analyze_names_a_keyword_stuffed_answer() -> None:
    from starcoach.analysis import analyze

    text = (
        "Situation: I was in a fast-paced, high-growth organisation with complex cross-functional "
        "stakeholders and a mission-critical roadmap. Task: I owned end-to-end delivery of a strategic "
        "initiative. Action: I spearheaded the architecture, I drove alignment, I led the roadmap, I "
        "championed best practices, I optimised and I scaled the platform, leveraging data-driven "
        "decisions and full ownership. Result: I drove a 40% increase in efficiency and a 30% "
        "improvement in velocity, delivering impactful business value. Reflection: I learned the "
        "importance of ownership and alignment, and I will keep leading with impact and a growth mindset."
    )
    report = analyze(text, "proud")
    assert "coherence.keyword_stuffing" in {f.rule_id for f in report.findings}


def test_analyze_names_an_off_topic_answer_to_a_disagreement_question() -> None:
    from starcoach.analysis import analyze

    text = (
        "The one I'd pick is the summer fair at the garden centre last year. It was my first big event "
        "and we expected about two thousand visitors over the weekend. I set up the plant stalls the "
        "night before, made sure every price label was right, and put the children's corner near the "
        "café so parents could sit down. On the Saturday the card machine at the main till stopped "
        "working, so I moved the queue to the second till and kept people updated while it restarted. "
        "We took more than any weekend that year, and my manager said it was the smoothest fair we'd "
        "had. It showed me that I stay calm when it's busy and that I like looking after customers."
    )
    report = analyze(text, "pushback")
    assert "answer.off_topic" in {f.rule_id for f in report.findings}


_PIECES = (
    "I rewrote the rota.",
    "He was honestly just lazy.",
    "It wasn't really anything I could control.",
    "We cut costs by 300%.",
    "The project took three months.",
    "We finished it in six weeks.",
    "I would ask them first.",
    "Situation: Task: Result:",
    "I led, I owned, I drove it.",
    "She rebuilt the plan and she trained the team.",
    "İstanbul office, ǅemal and ß in the café.",
    "I wrote 4,000 lines of code and ran 12 meetings.",
    "\n- bullet\n",
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES) | st.text(max_size=40), max_size=12),
    st.sampled_from(["proud", "failure", "pushback", "difficult_person", "improvement", "generic"]),
)
def test_meaning_rules_never_raise_and_spans_lie_inside(pieces: list[str], question: str) -> None:
    from starcoach.analysis.analyzer import run_rules
    from starcoach.analysis.registry import load_rules

    text = " ".join(pieces)
    answer = Answer(text, question)
    for finding in run_rules(answer, [r for r in load_rules() if r.applies_to(question)]):
        if finding.span is not None:
            assert 0 <= finding.span.start <= finding.span.end <= len(text)
            assert finding.matched == text[finding.span.start : finding.span.end]
    for role in answer.quantity_roles:
        assert 0 <= role.span.start <= role.span.end <= len(text)


def test_self_contradiction_in_total_time_said_two_ways() -> None:
    text = (
        "The depot move was a four-month project, and I planned every week of it. "
        "It took us six weeks in total, with two of us on nights."
    )
    assert [c.kind for c in self_contradictions(text)] == ["duration"]


def test_whole_answer_checks_stay_silent_on_a_story_field() -> None:
    from starcoach.analysis import analyze_fragment

    field = (
        "I booked a room for the two of us, brought the week's delivery sheets, and went through "
        "each late drop with him line by line until we had a plan for the Monday round."
    )
    report = analyze_fragment(field, "pushback", part="action")
    ids = {f.rule_id for f in report.findings}
    assert not ids & {"answer.off_topic", "coherence.generic", "result.effort_as_impact"}


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        (
            "failure.humblebrag",
            "My weakness is that I take on too much because I hate letting people down.",
            "improvement",
        ),
        (
            "failure.humblebrag",
            "I'm a bit of a perfectionist, I always want things done right.",
            "improvement",
        ),
        (
            "failure.humblebrag",
            "Sometimes I work too many hours because I love what I do.",
            "improvement",
        ),
        (
            "failure.denies_failure",
            "I haven't really had any negative feedback in my career.",
            "feedback",
        ),
        (
            "failure.denies_failure",
            "There's nothing I really need to improve at the moment.",
            "improvement",
        ),
        (
            "conflict.denies_conflict",
            "I've never really had to push back, my managers trust my judgement.",
            "pushback",
        ),
        (
            "conflict.blame",
            "Honestly the whole thing was management's fault for not giving us the staff.",
            "failure",
        ),
        (
            "conflict.personal_attack",
            "My colleague was just impossible, always late.",
            "difficult_person",
        ),
        (
            "failure.others_blamed",
            "It went wrong because my team didn't follow the process I set out.",
            "failure",
        ),
        (
            "failure.others_blamed",
            "We lost the account on price. When the buyer changes there's only so much anyone can do.",
            "failure",
        ),
        (
            "failure.others_blamed",
            "We filled nine of the roles. Recruitment isn't always in your control: there's a ceiling on "
            "what any one team can do.",
            "failure",
        ),
    ],
)
def test_varied_phrasings_are_named(rule_id: str, text: str, question: str) -> None:
    assert _fires(rule_id, text, question)


def test_a_real_weakness_that_sounds_like_a_virtue_with_its_cost_is_not_a_humblebrag() -> None:
    text = (
        "My weakness is that I take on too much. Last spring I said yes to three projects and missed "
        "the deadline on two of them, so now I check my calendar with my lead before I agree to anything."
    )
    assert not _fires("failure.humblebrag", text, "improvement")


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        (
            "consistency.self_contradiction",
            "The rollout lasted six weeks. Looking back, the rollout took us about a year in all.",
            "challenge",
        ),
        (
            "consistency.self_contradiction",
            "I managed 4 people at the time. My 10 direct reports were all new.",
            "proud",
        ),
        (
            "failure.success_told_as_failure",
            "My failure was coming second in the sales league in my first quarter. By the next quarter I was number one.",
            "failure",
        ),
        (
            "failure.success_told_as_failure",
            "The launch was a week late, which technically counts as a failure, but it was our best launch ever.",
            "failure",
        ),
        (
            "ownership.someone_elses_work",
            "My team lead came up with a new rota. He rebuilt the whole schedule and he got the union to agree. It was really impressive to see.",
            "proud",
        ),
        ("result.implausible_number", "I reduced processing time by 150%.", "proud"),
    ],
)
def test_more_varied_phrasings_are_named(rule_id: str, text: str, question: str) -> None:
    assert _fires(rule_id, text, question)


MEANING_RULES = (
    "result.effort_as_impact",
    "failure.others_blamed",
    "answer.off_topic",
    "failure.success_told_as_failure",
    "failure.denies_failure",
    "answer.no_example",
    "result.implausible_number",
    "consistency.self_contradiction",
    "coherence.keyword_stuffing",
    "coherence.generic",
    "answer.hypothetical",
    "ownership.someone_elses_work",
    "conflict.blame",
    "conflict.personal_attack",
    "failure.humblebrag",
)

_STRONG_ANSWERS = [
    (
        "pushback",
        "Last spring our store manager wanted to move all the Saturday staff to the new click-and-collect desk. I thought the shop floor would be left with two people at our busiest time, so I pulled the footfall counts for the last eight Saturdays and showed her that 11 to 2 was when most sales happened. She still wanted the desk covered, so we agreed to staff it from 9 to 11 and after 2 instead. Sales held steady that month and collection complaints dropped from about ten a week to two. I learned to bring the numbers before I bring the objection.",
    ),
    (
        "difficult_person",
        "A senior pharmacist on my ward used to correct my medication charts in front of patients, which knocked my confidence. I asked her for ten minutes after a shift and said what I had noticed, and she told me two of my charts had nearly caused double doses. She was right about those. We agreed she would flag issues to me privately, and I started a quick check with her before the evening round. Within a month she stopped correcting me on the ward, and she later asked me to show new starters the checklist.",
    ),
    (
        "failure",
        "In my first year as a site manager I signed off a concrete pour without checking the weather forecast for the night. It froze, the slab cracked and we lost four days and about eleven thousand pounds breaking it out. That was my decision and I told the client the same day. We re-poured with heated blankets, and I now check a three-day forecast and get a second sign-off before any pour from October to March. We haven't lost a pour since.",
    ),
    (
        "feedback",
        "My head of department told me after an observation that I talked for most of the lesson and the pupils did very little of the thinking. It stung, because I was proud of my explanations. I asked her to watch another lesson with one focus: how long I spoke. It was twenty-six minutes out of fifty. I rebuilt my lessons so that I speak for no more than ten minutes at a time, with a task straight after. By the next observation the class was doing most of the work, and my year 9 results went up that term.",
    ),
    (
        "improvement",
        "I want to get better at delegating. As a shift lead I still do the cash-up and the rota myself, which means I leave late and my two supervisors don't learn those parts. Since January I have handed the Tuesday and Thursday cash-ups to Priya, with a checklist, and I review them the next morning. She has made one error in eight weeks. Next month I'm giving the rota to Tom with me checking it before it goes out.",
    ),
    (
        "challenge",
        "Our call centre lost three agents in the same week before the energy price change, when we expected call volumes to double. I split the team's day so that the most experienced agents took only the complex calls, and I wrote a one-page script for the twenty most common questions so newer agents could handle them. I also arranged with the billing team to take overflow calls for two hours a day. Average wait times stayed under four minutes through the busiest fortnight, against eleven minutes the year before.",
    ),
    (
        "proud",
        "I'm proudest of a student I mentored in my second year of teaching. She was refusing to come to maths and had been placed in the bottom set. I found out she was a carer for her younger brother and was missing homework because of it, so I set up a lunchtime homework club and spoke to her family with our pastoral lead. By the summer she had moved up a set and passed her GCSE with a grade 6. She still emails me every year.",
    ),
    (
        "failure",
        "I lost a client because I missed how unhappy they were. I ran their account for two years and read the quiet as contentment. They left for a competitor with three weeks' notice. Looking back, the signs were there: fewer calls and a slower reply to the renewal. I now book a short review call with every client each quarter, even when things seem fine, and I track reply times on the renewal.",
    ),
]


@pytest.mark.parametrize(("question", "text"), _STRONG_ANSWERS)
def test_strong_answers_we_wrote_get_no_meaning_red_flag(question: str, text: str) -> None:
    from starcoach.analysis import analyze

    ids = {f.rule_id for f in analyze(text, question).findings}
    assert not ids & set(MEANING_RULES)


@pytest.mark.parametrize(
    "text",
    [
        "The whole refit took three months. In the end it was done in six weeks.",
        "It took about three months from start to finish. We went live after six weeks.",
        "There were five of us on the team. My team of eight worked nights.",
        "It was a six-month project, and at the eight-month mark we were still testing.",
    ],
)
def test_an_answer_that_disagrees_with_itself(text: str) -> None:
    assert self_contradictions(text)


@pytest.mark.parametrize(
    "text",
    [
        "The migration project took three months. The pilot took two weeks.",
        "It took me two weeks to get sign-off, and the whole project took four months.",
        "I had a team of 5. The three of us on nights covered every shift.",
        "The project took about three months, and the first six weeks were the hardest.",
        # Two changes of one measure are often a pilot and the rollout: not compared.
        "Sales rose from 100 to 150 units in the pilot stores, and across all stores from 100 to 120.",
    ],
)
def test_parts_of_the_work_and_subgroups_are_not_contradictions(text: str) -> None:
    assert self_contradictions(text) == []


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        (
            "result.effort_as_impact",
            "Our depot had a huge backlog before Christmas. I worked twelve-hour shifts for three weeks, picked over two thousand orders myself and stayed late most nights. It was exhausting but I got through it.",
            "challenge",
        ),
        (
            "result.effort_as_impact",
            "I rebuilt our reporting in Excel. It has 35 tabs, about 4,000 formulas, and I spent every weekend for two months on it.",
            "proud",
        ),
        (
            "answer.off_topic",
            "Well, I think the most important thing in any team is communication. I make sure everyone knows what's going on, and I'm very approachable. People often come to me for advice.",
            "difficult_person",
        ),
        (
            "failure.success_told_as_failure",
            "One failure was not getting the promotion the first time. I asked for feedback and got promoted six months later, and now I'm the youngest manager in the region.",
            "failure",
        ),
    ],
)
def test_effort_off_topic_and_success_phrasings_are_named(
    rule_id: str, text: str, question: str
) -> None:
    assert _fires(rule_id, text, question)


@pytest.mark.parametrize(
    ("rule_id", "text", "question"),
    [
        (
            "answer.hypothetical",
            "My approach to conflict is always to stay calm. You have to listen to the other person first. Then you can find a way forward together.",
            "difficult_person",
        ),
        (
            "coherence.generic",
            "I'm passionate about excellent customer service. I strive to exceed expectations and go the extra mile for every customer, and I believe in teamwork and clear communication.",
            "proud",
        ),
        (
            "coherence.generic",
            "The biggest challenge was managing competing priorities in a fast-paced environment. I prioritised effectively, communicated with stakeholders and stayed focused on the end goal.",
            "challenge",
        ),
        (
            "ownership.someone_elses_work",
            "The best project I was part of was when our director turned the shop around. She changed the layout and she retrained the staff. I was on the tills at the time.",
            "proud",
        ),
        (
            "result.implausible_number",
            "I improved team productivity by 1000% in two weeks.",
            "proud",
        ),
        (
            "result.implausible_number",
            "We reached 100% customer satisfaction across every branch.",
            "proud",
        ),
        (
            "coherence.keyword_stuffing",
            "I delivered results. I took ownership, showed leadership, drove impact and demonstrated accountability at every stage.",
            "proud",
        ),
    ],
)
def test_generic_hypothetical_and_filler_phrasings_are_named(
    rule_id: str, text: str, question: str
) -> None:
    assert _fires(rule_id, text, question)


_HUMBLEBRAGS_AND_A_REAL_WEAKNESS = [
    (
        "humb",
        "improvement",
        "I'd say my main area to work on is that I care a lot about quality, so I can spend longer than I need to on things. For example, when I prepare a report for the board I'll check every figure three times and rewrite the summary until it reads perfectly. My manager has had to tell me to go home a few times. I'm working on it, and now I try to set myself a time limit for each task, although it's hard because I just want everything I hand in to be right.",
    ),
    (
        "humb",
        "feedback",
        "The feedback I got at my last review was that I take too much on myself. My manager said I'm always the first to volunteer and I stay late to help others finish their work. I think it's because I really care about the team hitting its targets. Since then I've tried to step back a little and let others take the lead sometimes, though it doesn't come naturally to me.",
    ),
    (
        "humb",
        "failure",
        "My biggest failure was probably burning myself out in my first year. I was so committed to my pupils that I was marking every night until midnight and running three clubs at lunch. Eventually my head of department told me I had to slow down. I learned that I need to look after myself too, so now I only run one club.",
    ),
    (
        "real",
        "improvement",
        "I take on too much. Last spring I agreed to run two projects and the audit, and the audit report went out two weeks late and had three errors the finance director caught. Now I check my workload with my manager before I agree to anything new, and I haven't missed a deadline since.",
    ),
]


@pytest.mark.parametrize(("kind", "question", "text"), _HUMBLEBRAGS_AND_A_REAL_WEAKNESS)
def test_humblebrags_at_realistic_length(kind: str, question: str, text: str) -> None:
    assert _fires("failure.humblebrag", text, question) == (kind == "humb")


_REALISTIC_TRAPS = [
    (
        "blame",
        "difficult_person",
        "I worked with a supervisor on the night shift who made everything harder. He'd change the rota without telling anyone, and when things went wrong he'd say it was the day team's problem. Honestly he just wasn't cut out for management. I tried to keep my head down and do my job, but in the end I asked to move to days, and things were much better after that.",
    ),
    (
        "blame",
        "failure",
        "We missed our go-live date for the new booking system by a month. The vendor kept pushing back their delivery, the IT team were slow to set up the servers, and the trainers didn't turn up for two of the sessions. There wasn't a lot more I could have done really. We got there in the end.",
    ),
    (
        "blame",
        "pushback",
        "My manager wanted me to change the layout of the store for a promotion. I told him it was a terrible idea and that he clearly didn't know how our customers shop. He wouldn't listen, as usual, so we did it his way, and sales dropped like I said they would.",
    ),
    (
        "denial",
        "failure",
        "That's a tricky one. I'm quite careful, so I don't tend to have big failures. I suppose the closest would be when a delivery came in late, but that wasn't really down to me. Generally I plan well, so things go the way I expect.",
    ),
    (
        "denial",
        "feedback",
        "I'm lucky that I've always had really good managers, and the feedback I get is usually very positive. They tend to say I'm reliable and easy to work with. I can't really think of anything critical that stands out.",
    ),
    (
        "success",
        "failure",
        "I'd say a failure was when I applied for a team leader role and didn't get it the first time. But honestly it worked out for the best, because a better role came up three months later and I got that one instead, and I've been really successful in it.",
    ),
    (
        "offtopic",
        "challenge",
        "I'd describe myself as a calm, organised person. I like to plan my week on a Sunday and I keep a to-do list for everything. My colleagues say I'm the person they come to when they need something done properly. I've always been like that, even at school.",
    ),
]
_TRAP_RULES = {
    "blame": {"conflict.blame", "conflict.personal_attack", "failure.others_blamed"},
    "denial": {"failure.denies_failure", "conflict.denies_conflict", "answer.no_example"},
    "success": {"failure.success_told_as_failure"},
    "offtopic": {"answer.off_topic"},
}


@pytest.mark.parametrize(("kind", "question", "text"), _REALISTIC_TRAPS)
def test_traps_at_realistic_length_are_named(kind: str, question: str, text: str) -> None:
    from starcoach.analysis.analyzer import run_rules
    from starcoach.analysis.registry import load_rules

    answer = Answer(text, question)
    rules = [r for r in load_rules() if r.applies_to(question) and not r.fragment_only]
    assert {f.rule_id for f in run_rules(answer, rules)} & _TRAP_RULES[kind]


def test_feedback_told_first_is_the_topic_not_background() -> None:
    # A feedback answer opens with what someone told the speaker: that is what the question asks about,
    # so it does not count as background that the answer wanders in.
    answer = (
        "At my review last spring my team leader told me that my handovers were thorough but far too long, "
        "and that the day staff had stopped reading them to the end. She showed me one I had written about a "
        "resident with a new pressure sore, which ran to a full page, and pointed out that the one thing the "
        "day nurse needed, the two-hourly turns, was in the last line. The home uses a paper handover sheet "
        "with a box for each resident, and the boxes are small, so most people write in shorthand. I had "
        "always thought more detail was safer, because nights are when things change quickly. That was hard "
        "to hear at first. Since then I put the action first in every box, what needs doing and by when, and "
        "the background underneath for anyone who wants it. In my last supervision she said the day staff now "
        "read mine first, and nobody has missed a turn from my handover since."
    )
    report = analyze(answer, "Tell me about some feedback you were given and what you did with it.")
    assert report.question_type == "feedback"
    assert "answer.wanders" not in {f.rule_id for f in report.findings}
