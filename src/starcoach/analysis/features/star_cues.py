"""The cue phrases of STAR + Reflection segmentation (`star.py`): what people say when they set the scene,
state their job, describe what they did, report the outcome, or look back.

Plain data, strong / medium / weak per part; `star.py` weighs and compiles them. Patterns are regular
expressions written in lowercase ("I" excepted) and matched as whole words on ASCII-folded text, with
straight or curly apostrophes.
"""

from __future__ import annotations

# Common irregular past forms, so "I built"/"we ran" read as actions like "I added"/"we shipped".
IRREGULAR_PAST = (
    "built|wrote|met|ran|made|took|set|led|began|sent|spoke|brought|put|gave|got|found|drew|chose|sat|did|"
    "kept|held|went|told|sought|taught|won|paid|split|cut|shut|dug|rewrote|broke|caught|fought|hit|let|"
    "left|lost|meant|read|rode|saw|sold|stood|struck|swept|threw|understood|wound|came|became|grew|"
    "overcame|undertook|oversaw|redid|rebuilt"
)
PAST_VERB = rf"(?:[a-z]+ed|{IRREGULAR_PAST})"

# Verbs that follow "I" in a past-tense narrative without being something the speaker did about the task.
NON_ACTION_AFTER_I = (
    "was|were|had|am|felt|believed|thought|knew|needed|wanted|learned|learnt|realized|realised|"
    "would|could|should|might|must|loved|liked|hated|enjoyed|failed|inherited|owned|struggled|"
    "missed|cared|hoped|expected|assumed|wished|disagreed|agreed|seemed|appreciated|"
    "didn|don|do|did|have|ve|d|m|ll|also|still|never|always|now|really|think|believe|know|see|"
    "love|like|want|need|learn|try|make|use|feel|will|can|guess|mean"
)
# After "we" or "they", verbs of noticing or of an outcome report a result, not a step taken.
NON_ACTION_AFTER_WE = (
    NON_ACTION_AFTER_I + "|observed|saw|noticed|concluded|found|ended|became|got|achieved|reached|"
    "received|lost|won|faced|delivered|shipped|launched|hit|met|exceeded|saved|reduced|increased|"
    "cut|improved|grew|doubled|halved|tripled|finished|completed|succeeded|managed|appreciated"
)

# --- Situation: the scene, the team, the product, the problem as it stood, before the speaker acts. ---
SITUATION_STRONG: tuple[str, ...] = (
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
SITUATION_MEDIUM: tuple[str, ...] = (
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
SITUATION_WEAK: tuple[str, ...] = (
    r"(?:was|were|had)",
    r"(?:our|the) (?:team|company|product|customers|users|clients)",
    r"(?:startup|company|firm|agency|department|division|org|school|university|internship)",
)

# --- Task: what the speaker had to achieve, owned, or was asked to do; the goal and its constraints. ---
TASK_STRONG: tuple[str, ...] = (
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
TASK_MEDIUM: tuple[str, ...] = (
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
ACTION_STRONG: tuple[str, ...] = (
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
ACTION_MEDIUM: tuple[str, ...] = (
    rf"I (?:\w+ly )?(?!(?:{NON_ACTION_AFTER_I})\b){PAST_VERB}",
    # "We rewrote the flow" is still an action, however unclear the speaker's own part in it.
    rf"we (?:\w+ly )?(?!(?:{NON_ACTION_AFTER_WE})\b){PAST_VERB}",
    r"(?:I|we) (?:worked|partnered|collaborated|teamed up) with",
    r"so I",
    r"(?:before|after) the (?:meeting|call|launch|review)",
    r"I (?:spent|took) (?:a|an|the|two|three|several|some)",
)
ACTION_WEAK: tuple[str, ...] = (
    r"I",
    rf"(?:the team|they) (?:\w+ly )?(?!(?:{NON_ACTION_AFTER_WE})\b){PAST_VERB}",
    r"(?:me|myself)",
    r"(?:then|next,|after that|also)",
    r"(?:during|in) the (?:meeting|call|session|1:1|one-on-one|review|retro)",
)

# --- Result: what happened because of it; outcomes, numbers, reactions of others. ---
RESULT_STRONG: tuple[str, ...] = (
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
RESULT_MEDIUM: tuple[str, ...] = (
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
RESULT_WEAK: tuple[str, ...] = (
    r"(?:improved|better|faster|successful|success|succeeded|stable|happier|reliable|impact)",
    r"\d+(?:\.\d+)? ?(?:%|percent|x|ms|seconds|hours|days|users|customers)",
    r"(?:we|they|it) (?:were|was) able to",
    r"(?:shipped|launched|released|delivered)",
)

# --- Reflection: the lesson, what changed since, what the speaker would do differently, why it matters. ---
REFLECTION_STRONG: tuple[str, ...] = (
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
REFLECTION_MEDIUM: tuple[str, ...] = (
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
REFLECTION_WEAK: tuple[str, ...] = (
    r"(?:is|are|isn't|aren't) (?:about|more|as|usually|often|rarely|the)",
    r"(?:I|you) (?:can|should|need to|have to)",
    r"proud",
)

# A lesson learned or a behaviour changed since (`has_lesson`).
LESSON: tuple[str, ...] = (
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

# A change that lasted: "since then I ...", "it is still used" (`has_habit`).
HABIT: tuple[str, ...] = (
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
