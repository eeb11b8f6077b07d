"""STAR + Reflection segmentation: which part of the story each sentence of an answer tells.

Each sentence gets a score per part from cue phrases (what people say when they set the scene, state their
job, describe what they did, report the outcome, or look back), a prior from its position in the answer, and
a few shape features (who the subject is, tense). A small Viterbi pass then picks the best label sequence
under transition preferences that favour the order Situation -> Task -> Action -> Result -> Reflection but
allow back-steps, so one stray cue cannot flip a sentence in the middle of a run of actions. Confidence is
the posterior of the chosen label from a forward-backward pass over the same scores.

Known limits: the cues are English and first-person; a sentence that mixes parts ("I rewrote the cache,
which cut latency by 40%") gets a single label; answers told out of order lean on the cues alone.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable, Sequence
from functools import cache
from operator import mul

from starcoach.analysis.report import STAR_PARTS, SentenceLabel, Span
from starcoach.analysis.scan import DIGIT_KEY, first_words, split_top
from starcoach.analysis.text import split_sentences

SITUATION, TASK, ACTION, RESULT, REFLECTION = STAR_PARTS
_N = len(STAR_PARTS)
_INDEX = {part: i for i, part in enumerate(STAR_PARTS)}

_F = re.IGNORECASE

# Cue weights: a strong cue nearly decides a sentence on its own, a weak one only tips a close call.
_STRONG = 2.5
_MEDIUM = 1.4
_WEAK = 0.6

# Common irregular past forms, so "I built"/"we ran" read as actions like "I added"/"we shipped".
_IRREGULAR_PAST = (
    "built|wrote|met|ran|made|took|set|led|began|sent|spoke|brought|put|gave|got|found|drew|chose|sat|did|"
    "kept|held|went|told|sought|taught|won|paid|split|cut|shut|dug|rewrote|broke|caught|fought|hit|let|"
    "left|lost|meant|read|rode|saw|sold|stood|struck|swept|threw|understood|wound|came|became|grew|"
    "overcame|undertook|oversaw|redid|rebuilt"
)
_PAST_VERB = rf"(?:[a-z]+ed|{_IRREGULAR_PAST})"

# Verbs that follow "I" in a past-tense narrative without being something the speaker did about the task.
_NON_ACTION_AFTER_I = (
    "was|were|had|am|felt|believed|thought|knew|needed|wanted|learned|learnt|realized|realised|"
    "would|could|should|might|must|loved|liked|hated|enjoyed|failed|inherited|owned|struggled|"
    "missed|cared|hoped|expected|assumed|wished|disagreed|agreed|seemed|appreciated|"
    "didn|don|do|did|have|ve|d|m|ll|also|still|never|always|now|really|think|believe|know|see|"
    "love|like|want|need|learn|try|make|use|feel|will|can|guess|mean"
)
# After "we" or "they", verbs of noticing or of an outcome report a result, not a step taken.
_NON_ACTION_AFTER_WE = (
    _NON_ACTION_AFTER_I + "|observed|saw|noticed|concluded|found|ended|became|got|achieved|reached|"
    "received|lost|won|faced|delivered|shipped|launched|hit|met|exceeded|saved|reduced|increased|"
    "cut|improved|grew|doubled|halved|tripled|finished|completed|succeeded|managed|appreciated"
)


def _rx(*patterns: str) -> re.Pattern[str]:
    """Compile alternatives into one pattern over ASCII-folded text, each matched as whole words."""
    # Patterns run on text folded to lowercase by `_fold` rather than with IGNORECASE, and the word
    # guards sit outside the alternation: both keep the engine's cheap first-character test, which
    # makes the cue scan about ten times faster. Lookarounds rather than \b let a pattern begin or
    # end with punctuation ("to fix this,"). Apostrophes match straight or curly.
    body = "|".join(patterns).lower().replace("'", "['’]")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _fold(text: str) -> str:
    """Return `text` with ASCII letters lowercased; the length never changes, so spans carry over."""
    return text.translate(_ASCII_LOWER)


# --- Situation: the scene, the team, the product, the problem as it stood, before the speaker acts. ---
_SITUATION_STRONG: tuple[str, ...] = (
    r"(?:at|in) my (?:last|previous|former|old|first|current|prior) (?:company|job|role|employer|team|"
    r"startup|position|internship|workplace|org|organi[sz]ation|gig)",
    r"in my (?:role|time|job|position|work) as",
    r"while (?:I was )?(?:working|interning|employed) (?:as|at|on|for)",
    r"when I was (?:working|interning|a|an|the|at|on|in|leading)",
    r"when I (?:took over|joined|started|became|arrived|moved|inherited|first)",
    r"(?:a few|two|three|several|some) (?:years|months) ago",
    r"back in (?:\d{4}|my|the)",
    r"the (?:problem|issue|situation|context|background|backdrop|trouble) (?:was|we faced|I faced)",
    r"(?:was|were) (?:struggling|suffering|stuck|falling behind|behind schedule|overwhelmed|stretched)",
    r"(?:in|during) (?:q[1-4]|the (?:spring|summer|fall|autumn|winter)|\d{4})",
)
_SITUATION_MEDIUM: tuple[str, ...] = (
    r"we had (?:a|an|no|only|just|been|two|three|several|many|some|too|about|roughly|over)",
    r"(?:we|they) were (?:working|building|running|preparing|about|trying|using|losing|seeing|facing|"
    r"getting|dealing|migrating|planning|moving|launching|shipping|scaling|growing|hiring|handling)",
    r"(?:our|the|my) (?:team|product|company|app|application|system|service|codebase|site|platform|"
    r"startup|pipeline|client|customer|org|group|database|infrastructure|project|website|backlog|"
    r"manager|lead|designer|teammate|colleague|coworker)s? (?:was|were|had|kept|consistently|often|"
    r"relied|used|needed|depended|ran|lacked)",
    r"there (?:was|were|had been)",
    r"(?:was|were) (?:experiencing|facing|seeing|losing|getting|receiving|missing|failing|crashing|"
    r"slow|tense|broken|late|down|flaky|unreliable|unhappy|frustrated|complaining)",
    r"at the time",
    r"(?:had|(?<=')d) (?:been|become|grown|gone|never|always|already|just|recently|started|taken|built|"
    r"accumulated|piled)",
    r"one (?:day|morning|week|quarter|sprint)",
    r"I (?:was|worked|joined|interned) (?:as|at) (?:a|an|the)",
    r"I was (?:a|an|the|one of|part of|on)",
    r"(?:tight|aggressive|hard|fixed) deadline",
    r"(?:a|one) (?:client|customer|teammate|colleague|coworker|co-worker|peer|stakeholder|engineer|"
    r"manager|director|vp) (?:who|was|kept|had|consistently|repeatedly)",
    r"I (?:once )?found myself",
    r"I (?:led|was leading|ran|managed|owned|joined|worked on|was on|was part of) (?:a|an|the|our|my)"
    r"(?: \w+){0,3} (?:project|team|initiative|effort|migration|launch|squad|group|rewrite|program)",
    r"(?:I|we) (?:disagreed|clashed|argued|had (?:a|an) (?:\w+ )?(?:disagreement|conflict|argument|"
    r"dispute|falling-out))",
    r"I (?:discovered|noticed) that",
)
_SITUATION_WEAK: tuple[str, ...] = (
    r"(?:was|were|had)",
    r"(?:our|the) (?:team|company|product|customers|users|clients)",
    r"(?:startup|company|firm|agency|department|division|org|school|university|internship)",
)

# --- Task: what the speaker had to achieve, owned, or was asked to do; the goal and its constraints. ---
_TASK_STRONG: tuple[str, ...] = (
    r"I was (?:responsible|accountable|in charge) for",
    r"I was in charge of",
    r"(?:my|our|the) (?:first |main |top |only |real )?(?:job|task|role|responsibility|goal|mandate|"
    r"mission|objective|assignment|challenge|aim|brief|target|priority) (?:was|became|is)",
    r"it was (?:my|up to me|on me)",
    r"I (?:was|got) (?:asked|tasked|assigned|charged|brought in|hired|chosen|picked|given|handed)"
    r"(?: with| to)?",
    r"I (?:needed|had|wanted|set out) to",
    r"I owned",
    r"(?:we|the team) (?:needed|had) to (?:find|figure|decide|deliver|fix|get|make|ship|reduce|cut|"
    r"improve|resolve|choose|meet|hit|keep|build|migrate|replace|support|handle)",
    r"(?:my|the) (?:goal|job|task) (?:here )?was to",
    r"I (?:took on|volunteered|stepped up|offered) (?:to|the|as)",
    r"I took (?:it|this|that|ownership|responsibility|charge)(?: on| of)?",
    r"I was (?:supposed|expected|meant) to",
    r"(?:asked|wanted|needed|told|tasked|trusted) me to",
    r"(?:it|this|that|the (?:work|task|project|problem)) (?:fell|landed) (?:to|on) me",
    r"landed on my (?:plate|desk)",
)
_TASK_MEDIUM: tuple[str, ...] = (
    r"as (?:the|a|an) (?:tech lead|team lead|lead|senior|most senior|owner|manager|pm|product manager|"
    r"engineering manager|project lead|only|new|point person|on-call)",
    r"without (?:damaging|delaying|breaking|hurting|compromising|losing|slipping|disrupting|"
    r"creating|missing)",
    r"(?:so that|in order to) (?:we|the team|our|users|customers|I)",
    r"I (?:had|needed|wanted) to",
    r"(?:had|needed) to be (?:done|ready|shipped|delivered|fixed)",
    r"the (?:question|decision) was (?:whether|how)",
    r"(?:the|our) (?:ask|plan|idea|expectation|request|aim) was (?:to|for)",
    r"(?:deadlines?|targets?|requirements?|constraints?) (?:was|were)",
)

# --- Action: what the speaker did, step by step. ---
_ACTION_STRONG: tuple[str, ...] = (
    r"I decided",
    r"I (?:then|first|also|next|quickly|immediately|personally|eventually)? ?"
    r"(?:built|wrote|met|proposed|set up|created|designed|implemented|prototyped|drafted|presented|"
    r"negotiated|introduced|added|fixed|automated|rewrote|migrated|mapped|prioriti[sz]ed|assigned|"
    r"paired|coordinated|analy[sz]ed|investigated|reviewed|refactored|organi[sz]ed|scheduled|"
    r"reached out|sat down|spoke|talked|asked|interviewed|gathered|collected|researched|profiled|"
    r"traced|measured|benchmarked|tested|documented|shared|explained|suggested|recommended|"
    r"convinced|invited|pitched|requested|initiated|deployed|configured|instrumented|"
    r"audited|broke|split|pulled|dug|compared|evaluated|hypothesi[sz]ed|identified|rolled|"
    r"mentored|coached|trained|hired|escalated|called|emailed|wrote up|listened|"
    r"facilitated|mediated|brought|replaced|removed|cut|simplified|wired|patched|reproduced|"
    r"debugged|monitored|tracked|sketched|mocked|shadowed|surveyed|spent|started by|began by|"
    r"reworked|restructured|rebuilt|made sure|offered|encouraged|helped)",
    r"(?<!since )(?<!ever since )(?:first|then|next|after that|afterwards|finally|to start|to begin),? I",
    r"to (?:address|fix|solve|tackle|test|resolve|handle|understand|reach|unblock|speed up) "
    r"(?:this|that|it|the (?:problem|issue)),",
    r"my (?:approach|plan|first step|next step|strategy) was",
)
_ACTION_MEDIUM: tuple[str, ...] = (
    rf"I (?:\w+ly )?(?!(?:{_NON_ACTION_AFTER_I})\b){_PAST_VERB}",
    # "We rewrote the flow" is still an action, however unclear the speaker's own part in it.
    rf"we (?:\w+ly )?(?!(?:{_NON_ACTION_AFTER_WE})\b){_PAST_VERB}",
    r"(?:I|we) (?:worked|partnered|collaborated|teamed up) with",
    r"so I",
    r"(?:before|after) the (?:meeting|call|launch|review)",
    r"I (?:spent|took) (?:a|an|the|two|three|several|some)",
)
_ACTION_WEAK: tuple[str, ...] = (
    r"I",
    rf"(?:the team|they) (?:\w+ly )?(?!(?:{_NON_ACTION_AFTER_WE})\b){_PAST_VERB}",
    r"(?:me|myself)",
    r"(?:then|next,|after that|also)",
    r"(?:during|in) the (?:meeting|call|session|1:1|one-on-one|review|retro)",
)

# --- Result: what happened because of it; outcomes, numbers, reactions of others. ---
_RESULT_STRONG: tuple[str, ...] = (
    r"as a (?:result|consequence)",
    r"in the end",
    r"(?:which|this|that|it) (?:led|resulted|translated) (?:to|in)",
    r"resulting in",
    r"the (?:outcome|result|impact|upshot|payoff)s? (?:was|were|is)",
    r"(?:we|I|the team|it|this) (?:reduced|increased|cut|improved|grew|saved|doubled|tripled|halved|"
    r"lifted|boosted|raised|lowered|dropped|shrank|sped up|brought down)\b[^.!?]{0,60}"
    r"(?:\d|percent|half|twice|by)",
    r"(?:went|dropped|fell|rose|grew|climbed|shrank|improved|decreased|increased) from\b[^.!?]{0,40}"
    r"\bto\b",
    r"(?:we|they|the team|the feature|it) (?:have |has |had )?(?:shipped|launched|delivered|released|"
    r"rolled out|went live|hit|met|exceeded|beat|closed|won)",
    r"(?:on time|on schedule|ahead of schedule|under budget|on budget)",
    r"(?:by|of|to) (?:about |roughly |nearly |over |almost |around )?\d+(?:\.\d+)? ?(?:%|percent|x\b)",
    r"ended up",
    r"(?:went|dropped|fell|came|got|was brought) (?:down )?to (?:zero|none|nothing|\d)",
    r"(?:was|were|got) (?:promoted|adopted|praised|recogni[sz]ed)",
    r"(?:is|are) still (?:in use|used|running|live)",
    r"to this day",
    # An outcome told in the past tense: "It worked, and ...", "it shipped in the next release".
    r"(?:it|this|that|the (?:change|fix|plan|idea|approach|trial|pilot)) (?:worked|paid off|did the trick)",
    r"(?:beat|exceeded|hit|smashed|met) (?:the|our|my) (?:\w+ )?(?:target|goal|quota|budget|deadline)",
    r"(?:it|this|the \w+) (?:shipped|went out|went live|launched|was released) (?:in|on|with|the next|"
    r"that|by)",
    r"(?:came|got|went) back (?:with|to) (?:no|zero|normal|a clean)",
    r"(?:has|have|had)(?:n't| not) (?:had|seen|lost|missed|needed) (?:a |any |one |another |a single )?"
    r"(?:\w+ ){0,3}since",
    r"with (?:no|zero) (?:downtime|errors|complaints|incidents|findings|issues|problems|injuries|"
    r"infringements|delays|rework|returns|escalations|outages)",
)
_RESULT_MEDIUM: tuple[str, ...] = (
    r"ultimately",
    r"unfortunately",
    r"(?:did not|didn't) (?:go as planned|work out|pan out|land|pay off)",
    r"(?:we|I|the team) (?:had to|were forced to|decided to) (?:revert|roll back|roll it back|cancel|"
    r"abandon|scrap|shelve|sunset|delay|postpone)",
    r"(?:we|I) (?:missed|slipped|blew) (?:the|our)",
    r"(?:it|the project|the launch|the feature|the plan|the experiment) (?:failed|flopped|stalled)",
    r"(?:finally|eventually),? (?:we|the|it|they|our)",
    r"(?:they|he|she|the team|the client|my manager|the manager|leadership|management|everyone|"
    r"the customer|the stakeholders?) (?:agreed|accepted|approved|appreciated|thanked|adopted|"
    r"loved|praised|signed off|came back|chose|decided|was (?:happy|pleased|impressed)|"
    r"were (?:happy|pleased|impressed)|later)",
    r"(?:was|were) (?:well[- ]received|successful|a success|resolved|supported|fixed|shipped|"
    r"launched|delivered|deployed|approved|adopted|completed|reduced|eliminated|normali[sz]ed)",
    r"(?:positive|great|good) (?:feedback|reviews?|response)",
    r"no longer",
    r"(?:performed|worked|went|did|tested|converted) (?:much |far |a lot |significantly )?"
    r"(?:worse|better|well|badly|poorly)",
    r"(?:no|not a|not one) (?:\w+ )?(?:store|patient|customer|client|order|shop|ward|site|child|pupil|"
    r"resident|one|flight|delivery|shift) (?:was|were|went|got|had) (?:short|late|missed|lost|hurt|"
    r"harmed|without|cancelled|left)",
    r"(?:zero|no more|fewer|far fewer|no new|no|not a single) (?:[\w']+ ){0,2}(?:timeouts|errors|incidents|"
    r"outages|bugs|complaints|crashes|pages|tickets|failures|escalations|regressions|findings|"
    r"infringements|falls|injuries|delays|returns|breaches|downtime|absences|mistakes)",
    r"(?:made|makes|has made|it's made) (?:a |the )?(?:big |real |huge |noticeable |clear )?difference",
    r"(?:got|things got|it got|went|came|things) (?:a (?:lot|bit) )?(?:better|worse|down|back)\b",
    r"(?:turnover|attendance|absence|sales|scores?|complaints|waits?|errors|stock|waste|sickness|"
    r"overtime|footfall|bookings|arrears|backlog|queues?)\b[^.!?]{0,30}\b(?:came|went|fell|dropped|"
    r"rose|improved|cleared|halved|doubled|shrank|stopped)",
    r"by the (?:summer|spring|autumn|winter|end of|following|next|time)",
    r"(?:he|she|they) (?:passed|graduated|qualified|recovered|signed|renewed|stayed|came back)",
    r"(?:we|I) (?:cleared|recovered|passed|kept|won back|retained|closed) (?:the|all|every|our|it|"
    r"them)",
    r"(?:took|takes|cost|costs|needed|needs)\b[^.!?]{0,30}\binstead of",
    r"without (?:a single |an? |any |another |one )?(?:outage|incident|failure|regression|complaint|"
    r"rollback|repeat|escalation)s?",
    r"(?:we|I|the team) (?:got|won|earned|received|secured) (?:the|their|an?|our|full) "
    r"(?:approval|buy-in|sign-off|go-ahead|contract|deal|promotion|award|funding|budget)",
    r"(?:stopped|disappeared|went away|dropped|fell|improved|normalized|normalised|stabilized|"
    r"stabilised)"
    r"(?: (?:immediately|completely|entirely|significantly|within|by|to|from))",
    r"within (?:a|an|one|two|three|four|five|six|a few|\d+) (?:days?|weeks?|months?|hours?|quarters?|"
    r"sprints?)",
    r"(?:\d+|two|three|six|a few) (?:months|weeks|years) later",
    r"(?:later|since then),? (?:the|we|they|it|our)",
    r"(?:revenue|retention|conversion|latency|uptime|churn|engagement|costs?|errors?|incidents?|"
    r"tickets?|complaints?|crashes|satisfaction|nps|throughput|adoption)\b[^.!?]{0,40}"
    r"(?:\d|improved|dropped|fell|rose|grew|increased|decreased|halved|doubled)",
    r"(?:saved|freed up|recovered|generated)\b",
    r"(?:on|by) the (?:first|second|next|following) (?:day|night|morning|week|release|run|launch)",
    r"(?:\d+|hundreds of|thousands of|dozens of|many|several|all) (?:of (?:our|the) )?(?:users|customers|"
    r"clients|people|orders|accounts|shops|teams) (?:were|got|had|saw|lost|stopped|started|came)",
    r"(?:the|our|this) (?:fix|change|feature|project|launch|release|migration|system|tool|process)"
    r" (?:was|is|has|had|also|now|became|cut|reduced|improved|saved|caught)",
)
_RESULT_WEAK: tuple[str, ...] = (
    r"(?:improved|better|faster|successful|success|succeeded|stable|happier|reliable|impact)",
    r"\d+(?:\.\d+)? ?(?:%|percent|x|ms|seconds|hours|days|users|customers)",
    r"(?:we|they|it) (?:were|was) able to",
    r"(?:shipped|launched|released|delivered)",
)

# --- Reflection: the lesson, what changed since, what the speaker would do differently, why it matters. ---
_REFLECTION_STRONG: tuple[str, ...] = (
    # Owning a mistake in hindsight is the "your part" beat of a failure story.
    r"I should have",
    r"(?:that|it|this) was (?:on me|my (?:mistake|fault|call|responsibility|error|miss))",
    r"I (?:take|took|accept|accepted) (?:full )?(?:responsibility|ownership|the blame)",
    r"my (?:own )?(?:mistake|fault|error) was",
    r"what I got wrong",
    r"differently now",
    r"I(?:'ve| have)? (?:also |really |quickly |eventually )?(?:learned|learnt)",
    r"(?:taught|showed|reminded|convinced) me",
    r"what I (?:took|take|learned|learnt) (?:away )?from",
    r"I (?:took|take) away",
    r"looking back",
    r"(?:in|with) (?:hindsight|retrospect)",
    r"(?<!the )next time",
    r"if I (?:did|had to do|were to do|could do|could redo|was to do|had) (?:it|this|that)"
    r"(?: \w+)? (?:again|over)",
    r"I(?:'d| would)\b[^.!?]{0,60}\bdifferently",
    r"(?:since then|ever since),? I",
    r"I(?:'ve| have) since",
    r"(?:now|these days|nowadays),? I(?:'ve| have)?(?! (?:had|was|were|needed|could|did|knew|got)\b)",
    r"I now(?! (?:had|was|were|needed|could|did|knew|got)\b)",
    r"(?:a|the|my|one|biggest|key|main|real|big|valuable|hard|important|great) (?:lesson|takeaway)s?",
    r"(?:I'm|I am|I was|I feel) (?:most |really |especially |particularly |still )?proud of "
    r"(?:it|this|that)\b[^.!?]{0,40}\bbecause",
    r"(?:that's|that is|this is|it's|it is) why (?:it|this|I)",
    r"(?:it|this|that) (?:matters|mattered|meant a lot) to me",
    r"why (?:it|this) matters",
    r"(?:reinforced|changed) (?:my|how I|the way I)",
    r"going forward",
    r"what I (?:do|changed|change|started doing|have done) (?:now|after|since|differently)",
    r"since (?:then|that|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|last \w+),? I(?:'ve| have)?",
    r"I(?:'d| would) (?:have|now|probably|definitely)",
    r"what I(?:'d| would) (?:do|change)",
    r"(?:made|makes|helped|has helped) me (?:a better|more|grow|become|develop|realize|see|understand)",
    r"the kind of (?:impact|work|engineer|leader|manager|teammate|person)",
    r"(?:a|an) (?:\w+ )?learning (?:experience|moment|opportunity)",
)
_REFLECTION_MEDIUM: tuple[str, ...] = (
    r"(?:importance|value|power) of",
    r"(?:this|that|the) experience",
    r"I realized (?:that )?(?:most|the|it's|it is|good|how|what|people|teams|conflicts|a)",
    r"(?:most|fulfilling|meaningful|rewarding)",
    r"(?:I|we) (?:always|never) (?:now|again)",
    r"I (?:always|now|still|try to|make sure|make a point)",
    r"(?:usually|often|always|rarely|almost always) (?:has|have|is|are|reveals?|comes?|means?|works?)",
    r"personally,",
    r"still (?:a work in progress|working on (?:it|this|that)|learning|improving|practi[sc]ing)",
    r"(?:challenged|pushed|forced) me to",
)
_REFLECTION_WEAK: tuple[str, ...] = (
    r"(?:is|are|isn't|aren't) (?:about|more|as|usually|often|rarely|the)",
    r"(?:I|you) (?:can|should|need to|have to)",
    r"proud",
)

# Explicit headings ("Situation:", "**Result** -") that some people type into a written answer.
_HEADING = re.compile(
    r"^\W*(situation|context|background|task|goal|challenge|action|actions|what i did|result|results|"
    r"outcome|impact|reflection|learning|learnings|lesson|lessons|takeaway|takeaways)"
    # A colon or a spaced dash after the word ("Result: ...", "**Task** - ..."), or the word alone on
    # its line; "Result-driven" and "Impact was ..." are not headings.
    r"(?:\W*?(?::|\s[-–—])(?:\s|$)|[^\w\s]*[ \t]*(?:\n|$))",
    _F,
)
_HEADING_PART = {
    "situation": SITUATION,
    "context": SITUATION,
    "background": SITUATION,
    "task": TASK,
    "goal": TASK,
    "challenge": TASK,
    "action": ACTION,
    "actions": ACTION,
    "what i did": ACTION,
    "result": RESULT,
    "results": RESULT,
    "outcome": RESULT,
    "impact": RESULT,
    "reflection": REFLECTION,
    "learning": REFLECTION,
    "learnings": REFLECTION,
    "lesson": REFLECTION,
    "lessons": REFLECTION,
    "takeaway": REFLECTION,
    "takeaways": REFLECTION,
}

# A bullet written without a subject ("Audited the worst flows", "Rebuilt the importer") is an action.
_SUBJECTLESS_ACTION = re.compile(
    rf"^(?:(?:first|then|next|also|finally),? )?{_PAST_VERB}\s+(?!by\b)", _F
)
_NON_ACTION_START = re.compile(
    r"^(?:was|were|had|needed|wanted|used|based|ended|added to|seemed|turned|looked)\b", _F
)

_TIERS: tuple[tuple[int, float, tuple[str, ...]], ...] = (
    (0, _STRONG, _SITUATION_STRONG),
    (0, _MEDIUM, _SITUATION_MEDIUM),
    (0, _WEAK, _SITUATION_WEAK),
    # A stated task ("my job was to", "I was asked to") is rarely anything else, even with an "I" verb.
    (1, _STRONG + 0.6, _TASK_STRONG),
    (1, _MEDIUM, _TASK_MEDIUM),
    (2, _STRONG, _ACTION_STRONG),
    (2, _MEDIUM, _ACTION_MEDIUM),
    (2, _WEAK, _ACTION_WEAK),
    (3, _STRONG, _RESULT_STRONG),
    (3, _MEDIUM, _RESULT_MEDIUM),
    (3, _WEAK, _RESULT_WEAK),
    (4, _STRONG, _REFLECTION_STRONG),
    (4, _MEDIUM, _REFLECTION_MEDIUM),
    (4, _WEAK, _REFLECTION_WEAK),
)
"""Cue tiers as (part index, weight, patterns); a tier adds its weight once per sentence."""


@cache
def _tier_patterns() -> tuple[re.Pattern[str], ...]:
    """Return whole-tier patterns, used where the matched words are wanted (evidence spans)."""
    return tuple(_rx(*patterns) for _, _, patterns in _TIERS)


# Scanning a sentence with every tier's alternation is the slow part (each word start tries every
# alternative), so the alternatives are indexed by the word they must start with: a sentence is
# walked word by word and only the alternatives that can start at that word are tried. The few
# alternatives whose first word cannot be read off simply are searched the ordinary way.
_TOKEN = re.compile(r"\w+")


def _alternatives_source(alternatives: Iterable[str], anchored: bool) -> str:
    """Return alternatives as one expression the way `_rx` builds it; anchored ones are tried with .match."""
    body = "|".join(alternatives).replace("'", "['’]")
    return rf"(?:{body})(?!\w)" if anchored else rf"(?<!\w)(?:{body})(?!\w)"


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """Compile a cue expression on first use: an answer meets only a few of the hundreds indexed, and
    compiling them all at import would cost most of a cold start."""
    return re.compile(source)


def _build_dispatch() -> tuple[dict[str, tuple[tuple[int, str], ...]], tuple[tuple[int, str], ...]]:
    """Return the per-first-word tier patterns and the tiers' leftover patterns to search whole."""
    by_word: dict[str, dict[int, list[str]]] = {}
    leftovers: dict[int, list[str]] = {}
    for tier, (_, _, patterns) in enumerate(_TIERS):
        for pattern in patterns:
            for alternative in split_top(pattern.lower()):
                words = first_words(alternative)
                if words is None:
                    leftovers.setdefault(tier, []).append(alternative)
                    continue
                for word in words:
                    by_word.setdefault(word, {}).setdefault(tier, []).append(alternative)
    dispatch = {
        word: tuple((tier, _alternatives_source(alts, True)) for tier, alts in tiers.items())
        for word, tiers in by_word.items()
    }
    rest = tuple((tier, _alternatives_source(alts, False)) for tier, alts in leftovers.items())
    return dispatch, rest


_DISPATCH, _LEFTOVER = _build_dispatch()


# Each part's score without any cue: action is the default body of a story.
_BIAS = (0.0, -0.6, 0.3, -0.2, -0.9)

# Extra situation score for the opening sentence.
_FIRST_SITUATION = 1.5

# Position priors: (score at the start of the answer, score at the end), interpolated linearly.
_POSITION = ((1.4, -1.4), (0.6, -1.0), (0.0, -0.2), (-1.4, 1.0), (-1.8, 1.4))

# Transition scores between consecutive sentences, indexed [previous][next]. Staying is free, one
# step forward is cheap, skipping ahead or stepping back costs more. Back-steps stay affordable on
# purpose: failure stories often tell the damage, then the speaker's part, then the fix.
_FORWARD = (0.0, -0.4, -0.9, -1.4, -1.8)
_BACK = (0.0, -0.8, -1.1, -1.4, -1.6)
# A reflection followed by more outcome is common ("I learned X. The team still uses it."), so that
# back-step is cheaper than the others.
_REFLECTION_TO_RESULT = -0.4


def _transition(prev: int, nxt: int) -> float:
    """Return the score of moving from part `prev` to part `nxt` between consecutive sentences."""
    if (prev, nxt) == (_INDEX[REFLECTION], _INDEX[RESULT]):
        return _REFLECTION_TO_RESULT
    return _FORWARD[nxt - prev] if nxt >= prev else _BACK[prev - nxt]


_TRANSITION = tuple(tuple(_transition(i, j) for j in range(_N)) for i in range(_N))
_START = (0.0, -1.2, -0.8, -3.0, -3.5)

_TRANSITION_EXP = tuple(tuple(math.exp(v) for v in row) for row in _TRANSITION)
_TRANSITION_COLS = tuple(tuple(row[k] for row in _TRANSITION_EXP) for k in range(_N))
_START_EXP = tuple(math.exp(v) for v in _START)


def _matched_tiers(folded: str) -> set[int]:
    """Return the indexes of the cue tiers that match somewhere in an ASCII-folded sentence."""
    hit = {tier for tier, source in _LEFTOVER if _compiled(source).search(folded)}
    for token in _TOKEN.finditer(folded):
        word = token.group()
        entries = _DISPATCH.get(DIGIT_KEY if word[0].isdigit() else word)
        if entries:
            start = token.start()
            for tier, source in entries:
                if tier not in hit and _compiled(source).match(folded, start):
                    hit.add(tier)
    return hit


def _cue_scores(sentence: str) -> list[float]:
    """Return the summed cue weights per part for one sentence (each tier counts once)."""
    scores = [0.0] * _N
    for tier in _matched_tiers(_fold(sentence)):
        part, weight, _ = _TIERS[tier]
        scores[part] += weight
    return scores


def _emissions(sentence: str, position: float, first: bool = False) -> list[float]:
    """Return the per-part score of one sentence at relative `position` (0 = first, 1 = last)."""
    scores = _cue_scores(sentence)
    if first:
        # Answers open by setting the scene; even "I led a project to ..." is context there.
        scores[_INDEX[SITUATION]] += _FIRST_SITUATION
    stripped = sentence.lstrip(" \t-*•·–>\"'“‘(")
    if _SUBJECTLESS_ACTION.match(stripped) and not _NON_ACTION_START.match(stripped):
        scores[_INDEX[ACTION]] += _MEDIUM
    heading = _HEADING.match(sentence)
    # Matching ignores case the Unicode way ("Taſk" is "task"); casefold reads it back the same way,
    # and a heading word no fold maps (a dotless i) is simply not a heading.
    named = _HEADING_PART.get(heading.group(1).casefold()) if heading else None
    if named is not None:
        scores[_INDEX[named]] += 2 * _STRONG
    for part in range(_N):
        start, end = _POSITION[part]
        scores[part] += _BIAS[part] + start + (end - start) * position
    return scores


def _viterbi(emissions: Sequence[Sequence[float]]) -> list[int]:
    """Return the best-scoring label sequence under the transition preferences."""
    best = [_START[k] + emissions[0][k] for k in range(_N)]
    back: list[list[int]] = []
    for row in emissions[1:]:
        pointers: list[int] = []
        nxt: list[float] = []
        for k in range(_N):
            prev = 0
            for j in range(1, _N):
                if best[j] + _TRANSITION[j][k] > best[prev] + _TRANSITION[prev][k]:
                    prev = j
            pointers.append(prev)
            nxt.append(best[prev] + _TRANSITION[prev][k] + row[k])
        back.append(pointers)
        best = nxt
    path = [best.index(max(best))]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    return path


def _posteriors(emissions: Sequence[Sequence[float]]) -> list[list[float]]:
    """Return per-sentence label probabilities from a forward-backward pass over the scores."""
    # Scores are read as log-potentials; each row is shifted by its maximum before exponentiating and
    # every step is renormalised, so nothing overflows however large a score gets.
    rows = []
    for row in emissions:
        top = max(row)
        rows.append([math.exp(v - top) for v in row])
    cur = list(map(mul, _START_EXP, rows[0]))
    total = sum(cur)
    forward = [[v / total for v in cur]]
    for row in rows[1:]:
        prev = forward[-1]
        cur = [e * sum(map(mul, prev, col)) for e, col in zip(row, _TRANSITION_COLS, strict=True)]
        total = sum(cur)
        forward.append([v / total for v in cur])
    backward = [[1.0] * _N]
    for row in reversed(rows[1:]):
        weighted = list(map(mul, row, backward[-1]))
        cur = [sum(map(mul, out, weighted)) for out in _TRANSITION_EXP]
        total = sum(cur)
        backward.append([v / total for v in cur])
    backward.reverse()
    posteriors = []
    for f, b in zip(forward, backward, strict=True):
        joint = list(map(mul, f, b))
        total = sum(joint)
        posteriors.append([v / total for v in joint])
    return posteriors


def label_sentences(sentences: Sequence[str]) -> list[tuple[str, float]]:
    """Label each sentence of one answer with its STAR+R part and a confidence in (0, 1]."""
    n = len(sentences)
    if n == 0:
        return []
    if n == 1:
        # One sentence (a short follow-up answer) has no story order to lean on: cues alone decide.
        scores = _emissions(sentences[0], 0.5)
        top = max(scores)
        weights = [math.exp(v - top) for v in scores]
        best = weights.index(1.0)
        return [(STAR_PARTS[best], round(max(0.001, weights[best] / sum(weights)), 3))]
    emissions = [_emissions(s, i / (n - 1), first=i == 0) for i, s in enumerate(sentences)]
    path = _viterbi(emissions)
    posteriors = _posteriors(emissions)
    return [
        (STAR_PARTS[k], round(min(1.0, max(0.001, posteriors[i][k])), 3))
        for i, k in enumerate(path)
    ]


def label_spans(text: str, spans: Sequence[Span]) -> list[SentenceLabel]:
    """Label the sentences of `text` given as spans (from split_sentences) with their STAR+R parts."""
    labels = label_sentences([span.text(text) for span in spans])
    return [
        SentenceLabel(span, part, conf) for span, (part, conf) in zip(spans, labels, strict=True)
    ]


def label_text(text: str) -> list[SentenceLabel]:
    """Split `text` into sentences and label each with its STAR+R part."""
    return label_spans(text, split_sentences(text))


def parts_present(labels: Iterable[tuple[str, float] | SentenceLabel]) -> tuple[str, ...]:
    """Return the STAR+R parts that occur among `labels`, in story order."""
    seen = {label.part if isinstance(label, SentenceLabel) else label[0] for label in labels}
    return tuple(part for part in STAR_PARTS if part in seen)


def cue_spans(sentence: str) -> list[tuple[str, Span]]:
    """Return every cue phrase found in `sentence` as (part, span), spans relative to the sentence."""
    found: list[tuple[str, Span]] = []
    folded = _fold(sentence)
    for (part, weight, _), pattern in zip(_TIERS, _tier_patterns(), strict=True):
        if weight < _MEDIUM:
            continue  # weak cues (a bare "I", "was") are not evidence anyone should be shown
        found.extend(
            (STAR_PARTS[part], Span(m.start(), m.end()))
            for m in pattern.finditer(folded)
            if m.end() > m.start()
        )
    found.sort(key=lambda item: (item[1].start, item[1].end))
    return found


# --- Lesson detection for rules: a lesson learned or a behaviour changed since. ---
LESSON_CUES = _rx(
    r"I(?:'ve| have)? (?:also |really |quickly |eventually |finally )?(?:learned|learnt) "
    r"(?:that|how|to|the|a|an|what|why|from|this|it|so|my|about|never|not|early|quickly|"
    r"firsthand|first-hand|more|something|one|two|three|several)",
    r"(?:taught|showed|reminded) me",
    r"looking back",
    r"(?:in|with) (?:hindsight|retrospect)",
    r"next time,? (?:I|I'd|I'll|we)",
    r"if I (?:did|had to do|were to do|could do|could redo|was to do|had) (?:it|this|that)"
    r"(?: \w+)? (?:again|over)",
    r"I(?:'d| would)\b[^.!?]{0,60}\bdifferently",
    r"what I(?:'d| would) (?:do|change) differently",
    r"(?:since then|ever since),? (?:I|I've|I'm|we|my|our)",
    r"I(?:'ve| have) since",
    # "Now I" only with a present-tense habit, so narrative "Now I had to ..." does not count.
    r"(?:now|these days|nowadays),? I(?:'ve| have)? (?:always |never |also |still |usually )?"
    r"(?:always|never|make|try|check|ask|start|write|build|use|keep|spend|set|run|plan|push|"
    r"insist|share|add|review|involve|raise|schedule|document|prefer|default|reach|look|treat|"
    r"think|take|give|put|get|do|advocate|apply|bring|carry|flag|measure|focus|lean|budget|"
    r"block|include|know|understand|see|realize|learned|started|built|made|adopted)",
    r"I now (?!(?:had|was|were|needed|could|did|knew|got)\b)[a-z]+",
    r"(?:a|the|my|one|biggest|key|main|real|big|valuable|hard|important|great) (?:lesson|takeaway)s?",
    r"lessons? (?:learned|learnt|I took|I carry)",
    r"(?:reinforced|changed) (?:my|how I|the way I)",
    r"(?:highlighted|underscored|showed me|taught me) the (?:importance|value)",
    r"(?:a|an) (?:\w+ )?learning (?:experience|moment|opportunity)",
    r"(?:honed|sharpened|deepened|grew) my",
    # A habit in the present tense ("I make sure to", "I always ask") is a changed behaviour.
    r"I (?:now )?(?:make sure|make a point|try to|always (?!\w+ed\b)\w+)",
    r"(?:every|each|any) (?:\w+ ){0,2}since",
    r"I(?:'ve| have)? never\b[^.!?]{0,50}\bagain",
    r"I realized (?:that )?(?:I|we) (?:were|was|had|should|could|needed|didn't|hadn't)",
    r"I(?:'d| would) have (?:\w+ed|done|spoken|written|built|taken|asked|gone|set|made|caught)",
    r"what I (?:do|changed|change|started doing) (?:now|after|since|differently)",
    r"what I got wrong",
    r"my own (?:mistake|fault|error) was",
    r"differently now",
    r"I did learn",
    r"(?:haven't|have not|hasn't|has not|never)\b[^.!?]{0,60}\bsince(?! then,? (?:the|we|they|it|our))",
)

REFLECTION_CUES = _rx(*_REFLECTION_STRONG)
"""Any reflection cue: a lesson, a changed habit, what the speaker would do differently, why it matters."""


def has_lesson(text: str) -> Span | None:
    """Return the span of the first lesson or changed behaviour stated in `text`, or None."""
    match = LESSON_CUES.search(_fold(text))
    return Span(match.start(), match.end()) if match else None


def has_reflection(text: str) -> Span | None:
    """Return the span of the first reflection cue (lesson, hindsight, why it matters), or None."""
    lesson = has_lesson(text)
    match = REFLECTION_CUES.search(_fold(text))
    spans = [s for s in (lesson, Span(match.start(), match.end()) if match else None) if s]
    return min(spans, key=lambda s: s.start) if spans else None


HABIT_CUES = _rx(
    r"(?:since then|ever since|since (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|last \w+|that (?:day|week|month|project))),? "
    r"(?:I|I've|I'm|we|we've|the team|it|they|every)",
    r"I(?:'ve| have) since",
    r"I now (?!(?:had|was|were|needed|could|did|knew|got)\b)[a-z]+",
    r"what I (?:do|changed|change|started doing) (?:now|after|since|differently)",
    r"(?:twice|again|three times|every \w+) since",
    r"(?:has|have)(?:n't| not) (?:had|seen|lost|missed) (?:a |any |one |another |a single )?(?:\w+ ){0,3}since",
    r"(?:is|are) still (?:in use|used|running|live|part of)",
    r"to this day",
    r"(?:now|these days),? (?:I|we|the team|every|all|they) (?:always |still |also )?[a-z]+s?\b",
    r"(?:became|becomes|is now|it's now) (?:part of )?(?:the|our) (?:standard|routine|default|norm|process)",
)


def has_habit(text: str) -> Span | None:
    """Return the span of a change that lasted ("since then I ...", "it is still used"), or None."""
    match = HABIT_CUES.search(_fold(text))
    return Span(match.start(), match.end()) if match else None
