"""Does the answer answer the question? Topic, a success told as a failure, hypotheticals, someone else's work.

- `off_topic`: each prompt has words any real answer to it uses (a failure answer says something went wrong;
  a difficult-person answer names a person and a friction); an answer with none of them is about
  something else, such as a success story told to "a time you disagreed with your manager".
- `success_as_failure`: a failure answer that turns into a success ("it turned into my biggest success",
  "I only hit 140% of my target", "I'd make the same call again").
- `hypothetical`: an answer told in "I would" with no past event in it.
- `someone_elses_work`: the achievement described is another person's ("She redesigned the checklist...
  I learned a lot from her"), found by cue phrases or, for a question about the speaker's own success,
  challenge or argument, by counting deeds clause by clause: one other person did clearly more, and the
  speaker's own deeds are few or only supporting ones (helped, watched, learned).

Known limits: English cue words; an answer that states the topic in words none of the lists hold is taken
for off-topic only when it has none of them at all, so the check leans towards silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starcoach.analysis.features.agency import ActorGuess, tells_past
from starcoach.analysis.features.clauses import Deed, deeds
from starcoach.analysis.features.fold import rx
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fold

# Words any on-topic answer to the prompt is very likely to use; matched as word starts.
_TOPIC: dict[str, re.Pattern[str]] = {
    "failure": rx(
        # "Behind" as a delay ("we fell behind"), not a place ("the woods behind the nursery").
        r"\b(?:fail|mistake|wrong|miss|slip|lost|lose|error|late|"
        r"behind\b(?!\s+(?:the|a|an|our|my|his|her|their|its|it|them|him|us|me|this|that)\b)|"
        r"underestimat|overestimat|backlog|jam|"
        r"overlook|forg[eo]t|broke|problem|should(?:n't)? have|should've|regret|mess|didn't work|"
        r"did not work|went badly|setback|short (?:of|on|by|staffed)|(?:fell|falling|came up) short|"
        r"complain|blame|fault|cost|let (?:\w+ )?down|disappoint|"
        r"poor|bad|worse|embarrass|incident|delay|wasted|never really|too (?:late|slow|much)|"
        r"assum|oversight|ignored|rush|gap|hadn't|didn't)",
    ),
    "feedback": rx(
        r"\b(?:feedback|told me|said (?:that )?(?:I|my)|pointed out|critici|critique|comment|review|"
        r"apprais|advice|advised|suggest|coach|mentioned|noticed (?:that )?I|asked me to|flagged|"
        r"pulled me aside|observ|called me out|raised|got back|tip|input|note|told (?:him|her|them)|"
        r"criticism|praise|manager said|lead said|head said|don't (?:really )?get)",
    ),
    "pushback": rx(
        r"\b(?:disagree|push(?:ed|ing)? back|pushback|object|challeng|argu|convinc|persuad|concern|"
        r"didn't agree|did not agree|(?:wasn't|not) (?:sure|convinced|happy)|instead|rather than|"
        r"alternative|resist|refus|said no|propos(?:ed|e|ing)|(?:my|our|the|his|her) proposal|compromise|"
        r"debate|opinion|worr|against|doubt|"
        r"(?:but|however),? (?:he|she|they|my|our|the)|veto|reject|overrul|unhappy|at odds|"
        r"different (?:view|idea|approach|opinion)|point of view|his view|her view|their view|"
        r"(?:weren't|wasn't|not) happy|unrealistic|raised (?:it|this|that|the|my|our|concerns?)|"
        r"bad idea|didn't listen|wouldn't work|won't work|problem|clash|wrong|I told (?:him|her|them)|"
        r"I said|changed (?:his|her|their|my) mind|pushed|questioned)",
    ),
    "difficult_person": rx(
        r"\b(?:difficult|frustrat|rude|refus|conflict|tension|upset|angry|ignor|dismiss|complain|"
        r"clash|disagree|hostile|wouldn't|would not|kept|interrupt|late|blame|shout|tricky|challeng|"
        r"awkward|resist|territorial|defensive|unhappy|annoy|stress|argu|problem|never|"
        r"wasn't|didn't|difference|friction|behaviou?r|attitude|tone|snapp|aggress|demand)",
    ),
    "challenge": rx(
        r"\b(?:hard|difficult|challeng|problem|obstacle|struggl|tight|pressure|deadline|crisis|stuck|"
        r"risk|issue|broke|short|behind|fail|complex|tough|urgent|backlog|nobody|no one|couldn't|"
        r"didn't|wasn't|late|sick|lost|missing|overwhelm|chaos|mess|worr|constraint|limited|only|"
        r"improv|incident|legacy|reliab|slow|manual|fix|outage|error|bug|complain|difficult)",
    ),
    "improvement": rx(
        r"\b(?:improv|weak|working on|get(?:ting)? better|develop|practi[sc]|struggl|not (?:as |very |"
        r"that |always )?good|better at|hard for me|find it hard|area|learn(?:ing)? to|need to|want to|"
        r"trying to|confiden|nervous|slow|tend to|habit|too (?:much|often|long|quick)|still|goal|"
        r"feedback|rehears|course|mentor|delegat|saying no|say no|public speaking|present|mistake|"
        r"careless|(?:don't|do not) (?:have|always)|I can be|sometimes I|I sometimes|tend|forget|"
        r"lack|patien|overcommit|perfection|better|mess|focus|work on|organis|organiz|started|"
        r"weak|higher level|said (?:she|he|they|I)|supervisor said|manager (?:said|felt))",
    ),
}

OFF_TOPIC_MIN_WORDS = 20


def off_topic(text: str, question_id: str) -> bool:
    """Return True when the answer has none of the words an answer to its prompt is very likely to use."""
    pattern = _TOPIC.get(question_id)
    if pattern is None or len(text.split()) < OFF_TOPIC_MIN_WORDS:
        return False
    return pattern.search(fold(text)) is None


# Strengths offered where a failure, a weakness or a disagreement was asked for.
_STRENGTH_PIVOT = rx(
    r"\bmy (?:biggest |greatest |main |real )?strengths? (?:is|are|would be)\b|"
    r"\bI(?:'m| am) (?:also )?(?:very|really|extremely) (?:good|organised|organized|creative|"
    r"hard-?working|reliable)\b",
)


def strength_pivot(text: str) -> Span | None:
    """Return where an answer talks about the speaker's strengths instead, or None."""
    match = _STRENGTH_PIVOT.search(fold(text))
    return Span(match.start(), match.end()) if match else None


_REFRAME = rx(
    r"\bturned (?:it |that )?(?:into|out to be) (?:a |my |our |the )?(?:biggest |greatest |real |huge )?"
    r"(?:success|win|strength|opportunity)|"
    r"\b(?:it|that|the delay|this|the decision) was (?:actually )?the right (?:call|decision|thing)|"
    r"\bI(?:'d| would) (?:make|take|do) (?:exactly )?the same (?:decision|call|thing|choice) again|"
    r"\bmy (?:biggest |only |real )?failure (?:was|is) (?:that |when )?(?:I|we) (?:only|just|still|"
    r"exceeded|over)|\bonly (?:hit|made|reached|got|achieved) (?:[\w.,]+ ?){0,5}(?:percent|%)|"
    r"\bI was (?:still )?the (?:top|best|fastest|highest)|\b(?:most|biggest) successful\b|"
    r"\bin (?:the )?history of the company|\bcompany's history\b|\bnot really a failure\b|"
    r"\b(?:wasn't|was not|isn't) (?:really|actually) a failure\b|\bin the end it (?:all )?worked out\b|"
    r"\bturned out (?:to be )?(?:for the best|great|fine|brilliantly)|"
    r"\bblessing in disguise|\bworked out (?:for the best|(?:really )?well in the end|brilliantly)|"
    r"\bI(?:'ve| have) been (?:really |very |hugely )?successful|\b(?:ended up|turned out) (?:being |to be )?(?:a |the |my |our )?"
    r"(?:biggest |real |huge )?success|\bin the end (?:it|we|everything) (?:all )?(?:went|turned out|"
    r"worked out) (?:really |very )?(?:well|great|fine|brilliantly)|"
    r"\b(?:which |that |it )?(?:technically |probably |i suppose )?(?:counts|counted|could count) as a "
    r"failure|\b(?:our|my|the) best (?:\w+ )?ever\b|\bby the (?:next|following) (?:quarter|month|"
    r"year|week),? I was (?:number one|the top|top|first|the best)|"
    r"\bnow I(?:'m| am) (?:the )?(?:youngest|top|best|fastest|highest)|\bgot (?:promoted|the promotion) "
    r"(?:\w+ ){0,2}(?:later|after)|\b(?:my|the) (?:biggest |only )?failure (?:was|is) that I (?:was|am|work|worked|care|cared|tried) "
    r"too|\bif anything,? (?:I|we) (?:over-?delivered|did too much|worked too hard)|"
    # The failure ends as the speaker's triumph: best ever, better than everyone, a record.
    r"\bthe best thing that (?:could have |could've |ever )?happen|"
    r"\b(?:group|firm|store|branch|school|trust|region|club|team|department)(?:'s|s') history\b|"
    r"\bhistory of (?:the|our) (?:company|firm|group|store|"
    r"branch|school|trust|team|department|club|town|festival|event)\b|\brecord (?:attendance|sales|turnout|"
    r"profits?|takings|numbers|year|quarter)\b|\b(?:it|that) (?:wasn't|was not|isn't) (?:really )?a failure "
    r"at all",
)


def success_as_failure(text: str) -> list[Span]:
    """Return the phrases that turn a failure answer into a success story."""
    return [Span(m.start(), m.end()) for m in _REFRAME.finditer(fold(text))]


# An answer tells one occasion when a good share of its sentences are in the past; one mostly in the present
# ("On a busy day I'll do sixty tickets", "I give a lot of feedback myself") describes the job in general. On
# our answer set (dev split), no strong or adequate answer outside the improvement prompt, whose answers tell
# habits in the present, has under a quarter of its sentences in the past; nine weak ones do.
OCCASION_MIN_PAST_SHARE = 0.25
OCCASION_MIN_SENTENCES = 4
# When an answer says when it happened ("last winter", "in 2019", "two years ago"), it is about an occasion
# even when told in the present, as a spoken story often is ("So last winter I'm on nights and...").
_WHEN_IT_HAPPENED = rx(
    r"\b(?:last|that|one|this\s+one)\s+(?:day|night|morning|afternoon|evening|week|weekend|month|year|term|"
    r"shift|spring|summer|autumn|fall|winter|christmas|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b|\b(?:ago|yesterday)\b|\bin\s+(?:19|20)\d\d\b|\bwhen\s+I\s+(?:was|first|started|joined)\b",
)


def no_occasion(sentences: Sequence[str], guesses: Sequence[ActorGuess], text: str) -> bool:
    """Return True when an answer describes what usually happens rather than one occasion: under a
    quarter of its sentences with a main verb are in the past, and it never says when anything happened."""
    told = [tells_past(guess, sentence) for guess, sentence in zip(guesses, sentences, strict=True)]
    tensed = [past for past in told if past is not None]
    if len(tensed) < OCCASION_MIN_SENTENCES:
        return False
    if sum(tensed) >= OCCASION_MIN_PAST_SHARE * len(tensed):
        return False
    return _WHEN_IT_HAPPENED.search(fold(text)) is None


_MODAL = rx(
    r"\b(?:I(?:'d| would)(?! have\b)(?! be\b)(?!\s+\w+ed\b)(?! (?:been|done|gone|had|said|told|made|"
    r"taken|given|seen|known|heard|written|spent|got|found|left|lost|sent|built|kept|met)\b)|"
    r"I(?:'ll| will) (?:always |probably |usually )?(?:try|make|ask|talk|start|go|look|thank|"
    r"listen|suggest|involve|check|explain|schedule|set|keep|find)|my approach would be|"
    r"the best (?:approach|way|thing) (?:is|would be) to|my approach (?:to \w+ )?(?:is|would be) "
    r"(?:always |usually )?to|you (?:have|need|want|should|ought) to|you can (?:then )?\w+|"
    r"the key is (?:to|always)|it(?:'s| is) (?:important|key|vital|essential) to|if I (?:got|had|were|was|ever)"
    r"(?: given| faced| in| to get| to receive)?)",
)
_PAST_I = rx(
    r"\b(?:I|we)\s+(?:(?:then|also|first|finally|quickly|eventually|really|just|had|never)\s+)?"
    r"(?:was|were|had|did|went|told|asked|said|took|made|got|gave|found|sat|ran|wrote|built|met|spoke|"
    r"led|set|put|kept|brought|thought|knew|saw|felt|learned|learnt|started|began|[a-z]+ed)\b",
)


def hypothetical(text: str) -> Span | None:
    """Return the first "I would" of an answer told in the conditional with no past event, or None."""
    text = fold(text)
    modals = list(_MODAL.finditer(text))
    if not modals:
        return None
    past = [
        m for m in _PAST_I.finditer(text) if not text[m.start() : m.end()].lower().endswith("would")
    ]
    if len(modals) >= 2 and len(past) <= 1 and len(modals) > len(past):
        return Span(modals[0].start(), modals[0].end())
    return None


_OTHER_SUBJECT = rx(
    r"(?<![\w'’])(?P<s>(?:she|he|they|my (?:team |shift |line |deputy |store |ward |area |general )?(?:manager|boss|lead|colleague|"
    r"mentor|supervisor|director|head|senior|teammate)|our (?:head|manager|lead|director|"
    r"supervisor)(?: of \w+)?))\s+(?:also\s+|then\s+|really\s+|personally\s+|completely\s+)?"
    r"(?:redesigned|designed|built|created|wrote|rewrote|introduced|brought in|started|launched|"
    r"led|ran|set up|retrained|trained|fixed|solved|found|came up with|figured out|turned|"
    r"restructured|rebuilt|negotiated|won|closed|delivered|implemented|organised|organized|"
    r"developed|spotted|invented|changed|reorganised|reorganized|took it|got (?:the|everyone|them))\b",
)
_CLAUSE_OPENING = re.compile(
    r"(?:^|[.!?]\s+|,\s+(?:and\s+)?|\b(?:and|when|where|after|because|until|once)\s+)\Z"
)
_SPEAKER_ACTS = rx(
    r"\bI\s+(?:then\s+|also\s+|first\s+|personally\s+)?(?:redesigned|designed|built|created|wrote|"
    r"rewrote|introduced|brought|started|launched|led|ran|set|trained|fixed|solved|found|came up|"
    r"figured|restructured|rebuilt|negotiated|won|closed|delivered|implemented|organised|organized|"
    r"developed|spotted|changed|proposed|decided|owned|drafted|analysed|analyzed|tested|"
    r"convinced|persuaded|asked|spoke|talked|met|called|made|took|did|worked)\b",
)
_ADMIRING = rx(
    r"\b(?:I(?:'ve| have)? learned (?:a lot|so much) from (?:her|him|them)|it was (?:really |so )?"
    r"(?:impressive|inspiring|amazing) to (?:see|watch)|(?:she|he|they) (?:turned it|turned things) "
    r"around|(?:it|the idea) was (?:all )?(?:her|his|their|my manager's) idea|I (?:just )?"
    r"(?:helped out|supported (?:her|him|them)|watched|observed|took notes)|(?:watched|saw) (?:it|this|"
    r"her|him|them|the whole thing) (?:all )?(?:happen|unfold|work|come together)|I was (?:just )?part of|"
    r"I was (?:on|at|in) (?:the )?\w+ at the time)",
)


def someone_elses_work(
    text: str, question_id: str = "generic", found: Sequence[Deed] | None = None
) -> Span | None:
    """Return where the answer credits the achievement to someone else, when the speaker did little.
    `found` is the answer's deeds when already read (`Answer.deeds`)."""
    span = _admired_other(fold(text))
    if span is None and question_id in _OWN_STORY_QUESTIONS:
        span = _others_deeds_dominate(deeds(text) if found is None else found)
    return span


def _admired_other(text: str) -> Span | None:
    """Return the first deed of another person when several are told and the speaker's own are few."""
    # The other person opens a clause: after a sentence end, a comma or "and".
    others = [
        m for m in _OTHER_SUBJECT.finditer(text) if _CLAUSE_OPENING.search(text, 0, m.start())
    ]
    if len(others) < 2:
        return None
    own = len(_SPEAKER_ACTS.findall(text))
    admiring = _ADMIRING.search(text)
    if own <= 1 and (len(others) >= 3 or (len(others) >= 2 and admiring)):
        return Span(others[0].start("s"), others[0].end())
    return None


# Questions that ask for the speaker's own story: there, another person's deeds told as the answer are
# the trap. In a failure, feedback or difficult-person answer, other people's deeds are the topic.
_OWN_STORY_QUESTIONS = frozenset({"proud", "challenge", "pushback", "generic"})
# Deeds that support someone else's work rather than do it.
_SUPPORTING = frozenset(
    "helped supported watched learned learnt assisted backed observed shadowed joined cheered".split()
)
# Words that name more than one person, or nobody in particular.
_NOT_ONE_PERSON = frozenset(
    "they everyone everybody people others someone somebody nobody anyone anybody".split()
)
OTHER_DEEDS_MIN = 3
OWN_DEED_SHARE = 5


def _one_other_person(deed: Deed) -> bool:
    """Return True for a deed by one other person: "she", "my manager", "Marcus", not "they" or "staff"."""
    if deed.actor not in ("they", "named") or deed.who in _NOT_ONE_PERSON:
        return False
    return not deed.who.endswith("s") or deed.who.endswith(("'s", "’s"))


def _person_key(deeds_of_others: list[Deed]) -> list[str]:
    """Return who each deed is by, reading a name or a role as the "he" or "she" that follows it."""
    keys = [d.who for d in deeds_of_others]
    following = ""
    for k in range(len(keys) - 1, -1, -1):
        if keys[k] in ("he", "she"):
            following = keys[k]
        elif following:
            keys[k] = following
    return keys


def _others_deeds_dominate(found: Sequence[Deed]) -> Span | None:
    """Return the first deed of the one other person whose deeds clearly outnumber the speaker's own."""
    own = [d for d in found if d.actor == "i" and d.verb not in _SUPPORTING]
    supporting = sum(d.actor == "i" and d.verb in _SUPPORTING for d in found)
    team = sum(d.actor == "we" for d in found)
    others = [d for d in found if _one_other_person(d)]
    if not others:
        return None
    keys = _person_key(others)
    main = max(set(keys), key=keys.count)
    theirs = [d for d, key in zip(others, keys, strict=True) if key == main]
    # One deed of the speaker's own is a part worth telling unless the other person did five times more.
    if len(theirs) < OTHER_DEEDS_MIN or len(own) * OWN_DEED_SHARE > len(theirs):
        return None
    if len(theirs) <= len(own) + supporting + team:
        return None
    first = next((d for d in theirs if not d.carried), theirs[0])
    return Span(first.start, first.end)
