"""The word lists the actor parser (`agency.py`) reads: verbs and their forms, auxiliaries, pronouns,
person and group nouns, first names, and the small sets that mark intros, times and exceptions.

Module constants, all lowercase, so rules and tests can reuse them.
"""

from __future__ import annotations

ACTION_VERBS = frozenset(
    """
    accept achieve add adjust adopt advocate align analyze analyse apply approve arrange ask assemble assign
    attend audit automate book brainstorm bring build buy calculate call cancel change choose clarify clean
    close coach code collect commit communicate compare complete compile configure confront consolidate
    contact convert convince cook coordinate craft create cut debug decide define delegate deliver deploy
    design develop diagnose discover discuss document draft drive drop earn edit email eliminate enable
    escalate establish estimate evaluate execute expand experiment explain extend facilitate file finalize
    find finish fix follow force gather generate get give go grow guide handle help hire host identify
    implement improve increase install integrate interview introduce investigate invite join keep kick
    label land launch lead learn leave lower maintain make manage map measure meet mentor merge migrate
    model monitor move negotiate onboard open optimize order organize outline own package pair partner pay
    persuade pick pilot pitch plan play point port practice prepare present prevent prioritize profile
    program propose prototype prove publish pull purchase push put raise reach rebuild recommend record
    recruit redesign reduce refactor reject release remove renegotiate reorganize repair replace report
    request research reset resolve restructure review revise rewrite roll run save schedule scope secure
    select sell send set settle share ship shorten show simplify sketch solve sort speak spend split start
    streamline study submit suggest summarize supervise support switch take talk teach test tell track
    train transfer travel triage try tune turn update upgrade use validate verify visit volunteer walk
    watch win work write
    """.split()
)
"""Base forms of verbs that describe something done; used to spot verbs and to reward deeds."""

_IRREGULAR = (
    "arise arose arisen|awake awoke awoken|become became become|begin began begun|bend bent bent|"
    "bring brought brought|build built built|burn burnt burnt|buy bought bought|catch caught caught|"
    "choose chose chosen|come came come|cut cut cut|deal dealt dealt|dig dug dug|do did done|"
    "draw drew drawn|drink drank drunk|drive drove driven|eat ate eaten|fall fell fallen|feed fed fed|"
    "fight fought fought|find found found|fly flew flown|forget forgot forgotten|forgive forgave forgiven|"
    "freeze froze frozen|get got gotten|give gave given|go went gone|grow grew grown|hang hung hung|"
    "hear heard heard|hide hid hidden|hit hit hit|hold held held|keep kept kept|lead led led|"
    "leave left left|lend lent lent|let let let|lose lost lost|make made made|meet met met|"
    "mislead misled misled|oversee oversaw overseen|overcome overcame overcome|override overrode overridden|"
    "pay paid paid|put put put|quit quit quit|read read read|rebuild rebuilt rebuilt|redo redid redone|"
    "rerun reran rerun|rethink rethought rethought|rewrite rewrote rewritten|ride rode ridden|"
    "ring rang rung|rise rose risen|run ran run|say said said|see saw seen|seek sought sought|"
    "sell sold sold|send sent sent|set set set|shake shook shaken|shoot shot shot|show showed shown|"
    "shut shut shut|sing sang sung|sit sat sat|sleep slept slept|speak spoke spoken|spend spent spent|"
    "spin spun spun|split split split|spread spread spread|stand stood stood|steal stole stolen|"
    "stick stuck stuck|strike struck struck|swim swam swum|take took taken|teach taught taught|"
    "tear tore torn|tell told told|beat beat beaten|throw threw thrown|undertake undertook undertaken|undo undid undone|"
    "wake woke woken|wear wore worn|win won won|withdraw withdrew withdrawn|write wrote written|"
    "feel felt felt|know knew known|think thought thought|mean meant meant|understand understood understood"
)
_IRREGULAR_ROWS = tuple(tuple(row.split()) for row in _IRREGULAR.split("|"))
IRREGULAR_PAST = frozenset(row[1] for row in _IRREGULAR_ROWS)
IRREGULAR_PARTICIPLES = frozenset(row[2] for row in _IRREGULAR_ROWS) - {"come"}

# Verbs (any form) that describe a state of mind or being rather than a deed.
STATE_VERBS = frozenset(
    """
    be am is are was were been being seem seems seemed appear appears appeared feel feels felt know knows
    knew known believe believes believed think thinks thought like likes liked love loves loved hate hates
    hated want wants wanted need needs needed hope hopes hoped wish wishes wished prefer prefers preferred
    understand understands understood remember remembers remembered realize realizes realized realise
    realised mean means meant care cares cared belong belongs belonged deserve deserves deserved matter
    matters mattered remain remains remained become becomes became enjoy enjoys enjoyed
    """.split()
)

# Past participles that, after "was"/"got", describe a feeling or a standing state, not a passive deed.
STATE_PARTICIPLES = frozenset(
    """
    excited interested surprised pleased worried concerned frustrated tired bored stressed overwhelmed
    disappointed confused motivated determined satisfied thrilled involved committed dedicated supposed
    used prepared qualified experienced skilled focused located based scared annoyed amazed delighted
    relieved exhausted embarrassed impressed inspired convinced aligned blocked stuck
    married engaged born known excited energized humbled honored honoured shocked upset nervous
    overjoyed elated stoked pumped tasked
    """.split()
)
# The feelings among them: a sentence that opens with one ("Excited to share ...") is not a verb-first deed.
FEELINGS = frozenset(
    """
    excited interested surprised pleased worried concerned frustrated tired bored stressed overwhelmed
    disappointed confused motivated determined satisfied thrilled delighted relieved exhausted embarrassed
    impressed inspired honored honoured humbled shocked annoyed amazed scared overjoyed elated stoked based
    located supposed used
    """.split()
)
# "tasked" is kept with the states: "I was tasked with X" describes a role, like "I was responsible for X".

BE_FORMS = frozenset(
    "be am is are was were been being 'm 're 's wasn't weren't isn't aren't ain't".split()
)
HAVE_FORMS = frozenset("have has had having 've 'd haven't hasn't hadn't".split())
DO_FORMS = frozenset("do does did don't doesn't didn't".split())
GET_FORMS = frozenset("get gets got gotten getting".split())
MODALS = frozenset(
    "will would could should might may must can shall 'll wouldn't couldn't shouldn't can't cannot "
    "won't mightn't mustn't".split()
)
AUXILIARIES = BE_FORMS | HAVE_FORMS | DO_FORMS | GET_FORMS | MODALS

# Adverbs and particles that may sit between a subject and its verb ("we then quickly rolled back").
ADVERBS = frozenset(
    """
    not never also just then finally really actually personally already still even first only together
    immediately ultimately initially soon later again always often usually sometimes eventually quickly
    directly successfully basically essentially almost nearly once both all each alone myself ourselves
    themselves himself herself n't so
    """.split()
)

LEADING_MARKERS = frozenset(
    """
    so then and but finally first second third next later afterwards afterward eventually ultimately also
    basically initially luckily unfortunately fortunately honestly well yesterday today tonight recently
    together instead meanwhile however therefore thus still now overall plus anyway actually personally
    again soon suddenly ok okay sadly thankfully happily
    """.split()
)
SUBORDINATORS = frozenset(
    """
    after when once while because since although though if before until as whenever unless whereas
    despite given whether wherever upon
    """.split()
)
INTRO_PREPOSITIONS = frozenset(
    """
    in at during for on with over within throughout following from by to under without through across
    around about of like between among along amid
    """.split()
)

DETERMINERS = frozenset(
    """
    the a an my our your their his her its this that these those another other some any each every both
    all several many most few no one two three four five six seven eight nine ten half whose
    """.split()
)
POSSESSIVES_WE = frozenset({"my", "our"})

# Subject pronouns and what actor they name. "you" is generic in an answer, so it names no one.
PRONOUN_ACTOR = {
    "i": "i",
    "we": "we",
    "they": "they",
    "he": "they",
    "she": "they",
    "someone": "they",
    "somebody": "they",
    "everyone": "they",
    "everybody": "they",
    "nobody": "they",
    "anyone": "they",
    "anybody": "they",
    "people": "they",
    "others": "they",
    "it": "none",
    "this": "none",
    "that": "none",
    "these": "none",
    "those": "none",
    "there": "none",
    "you": "none",
    "what": "none",
    "which": "none",
}
SPEAKER_WORDS = frozenset({"i", "me", "myself"})
TEAM_WORDS = frozenset({"we", "us", "ourselves"})

PERSON_NOUNS = frozenset(
    """
    manager boss lead director vp ceo cto cfo coo cpo founder cofounder client customer user colleague
    coworker teammate engineer developer designer analyst scientist researcher architect pm tpm qa tester
    intern mentor mentee supervisor executive stakeholder partner vendor contractor consultant recruiter
    interviewer reviewer owner admin administrator leader leadership management marketing sales legal
    finance hr support ops peer hire candidate student teacher professor doctor nurse parent mom mother dad
    father son daughter wife husband boyfriend girlfriend fiance fiancee friend brother sister kid child
    children baby cousin aunt uncle grandma grandmother grandpa grandfather neighbor neighbour roommate
    guy person member officer specialist coordinator representative rep employee worker chief head
    people staff men women folks counterpart sponsor auditor inspector investor buyer seller landlord
    agent principal coach trainer trainee committee board competitor government family player spouse
    grandson granddaughter grandchild grandkid nephew niece toddler boy girl classmate mate crush bestie
    hubby dog cat puppy kitten pet team's
    chef cook sous foreman forewoman supervisor agency waiter waitress server bartender barista porter
    cleaner housekeeper receptionist cashier driver courier picker packer operative apprentice carer
    caregiver paramedic midwife pharmacist therapist physio physiotherapist surgeon registrar consultant
    matron sister technician electrician plumber builder joiner carpenter fitter welder surveyor
    accountant bookkeeper clerk controller treasurer banker broker teller underwriter solicitor lawyer
    barrister paralegal councillor caseworker planner dispatcher scheduler steward attendant guard
    tutor lecturer headteacher head teaching assistant pupil resident patient tenant relative guest
    supplier distributor wholesaler customer's shopper diner visitor volunteer trustee governor
    """.split()
)
"""Nouns for people (and bodies of people) other than the speaker."""

COLLECTIVE_NOUNS = frozenset(
    "team squad group crew unit org pod lab startup department division company organization organisation "
    "firm business side function".split()
)
"""Nouns for a group the speaker may belong to: "our team" is we, "the infra team" is they."""

# First names we recognise at the start of a sentence, where capitalisation alone proves nothing.
# Words that double as common English words (will, may, hope, rose, max, ...) are left out on purpose.
FIRST_NAMES = frozenset(
    """
    aaron abby adam adrian ahmed aisha alan alex alexander alice alicia amanda amir amit amy ana andrea
    andrew angela anil anita anna anne anthony arjun ashley ben benjamin beth brian carlos carol caroline
    catherine charles charlie chen chris christina christine claire daniel dave david deepak derek diana
    diego dmitri emily emma eric erin ethan fatima fernando frank gabriel gary george grace greg hannah
    hassan heather helen henry hiroshi ian isabel jack jacob james jamie jane jason javier jeff jen jennifer
    jessica jim joe john jon jonathan jorge jose joseph josh juan julia julie justin karen kate katie
    kevin kim kumar laura lauren lee leo li liam linda lisa liu lucas luis maria mariana mark martin mary
    matt matthew megan mei michael michelle miguel mike mohammed mohamed monica nadia nancy natalie nathan
    nicole nina noah olivia omar pablo patrick paul pedro peter priya rachel rahul raj rebecca richard rick
    rob robert roberto ryan sam samantha sandra sara sarah scott sean sergei shreya sofia sophia stephanie
    steve steven sunil susan tanya tom thomas tim tina tony tyler victor vikram wang wei william yuki
    zhang zoe
    """.split()
)

# Verbs that only a person (or a body of people) does; an unknown capitalised subject before one is a name.
HUMAN_VERBS = frozenset(
    """
    said asked told suggested proposed agreed decided insisted argued replied emailed called messaged
    pinged wanted thought complained pushed offered volunteered refused promised explained mentioned
    recommended approved rejected hired fired mentored interviewed joined left pointed noticed warned
    praised thanked challenged questioned disagreed requested demanded escalated reached
    """.split()
)
TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})
EVENT_NOUNS = frozenset(
    "meeting meetings conversation conversations chat call calls talk discussion discussions sync review "
    "retro retrospective session sessions workshop interview demo".split()
)
RELATIVES = frozenset({"who", "which", "whom", "whose"})
NOT_PAST_ED = frozenset(
    """
    need feed seed speed breed bleed greed heed deed reed weed indeed succeed proceed exceed steed tweed
    hundred red bed shed wed sacred naked wicked kindred beloved rugged ragged wretched crooked hatred
    """.split()
)
NOT_ADVERB_LY = frozenset(
    "only early family supply reply apply july italy daily weekly monthly yearly ally rally assembly fly "
    "holy ugly friendly likely lonely lovely silly belly jelly".split()
)

SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she"})
OBJECT_PRONOUNS = frozenset({"me", "us", "them", "him", "her", "it"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "they", "he", "she", "it", "you", "there"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# "Last year, ...", "Two weeks later, ...": a time phrase before the comma is an intro, not a subject.
TIME_OPENERS = frozenset(
    "last this next that one two three four five six several few many a".split()
)
TIME_WORDS = frozenset(
    "week weeks month months quarter quarters year years morning afternoon evening night day days time "
    "summer spring fall autumn winter sprint sprints semester ago later".split()
)
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december".split()
)
# Past forms that are also nouns or adjectives right after a determiner ("the cut", "a set of").
AMBIGUOUS_PAST = frozenset(
    "read set cut put hit let found left quit beat spread split shut".split()
)
# Words before "of" that hand the head over to the group after it ("one of my engineers").
GROUP_HEADS = frozenset(
    "one some most all rest each both two three many few several half none members member".split()
)
CLOSE_GROUPS = frozenset("team squad group crew unit pod lab".split())
AGENT_STOPS = frozenset("to in on at for with after before because during".split())
NOT_AGENT_AFTER_BY = frozenset("a about over almost nearly around roughly only".split())
NOT_GERUNDS = frozenset(
    "something nothing everything anything morning evening during thing string spring ceiling king "
    "bring sing ring wing".split()
)
