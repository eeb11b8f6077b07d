"""Who did each action (the ownership view) and how much the speaker was in control (agency).

`classify_actor` finds the grammatical agent of a sentence's main action verb with a small hand-written
parser: skip introductory clauses ("After the outage, ..."), read the subject noun phrase, read the verb
group (auxiliaries, passive voice, "was able to"), then name the actor class. It is a shallow heuristic,
not a full parser: it favours saying "i" whenever the speaker is among the agents (a co-subject, or the
subject of a coordinated main clause: "It was down, so I rolled back"), because telling someone who plainly
said "I" that their action has no clear actor is the costliest mistake the ownership view can make.
Known limits: no real part-of-speech tagging, so a noun that looks like a verb can end a subject early;
names are recognised from capitals mid-sentence, titles and a short list of first names.

`agency_score` turns the same parse plus a few cue words into a probability that the writer is in control
of what the sentence describes, with weights fitted offline (see `AGENCY_WEIGHTS`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise

# ---------------------------------------------------------------------------------------------------------
# Lexicons. Module constants so rules and tests can reuse them; all lowercase.

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
_FEELINGS = frozenset(
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
_AUXILIARIES = BE_FORMS | HAVE_FORMS | DO_FORMS | GET_FORMS | MODALS

# Adverbs and particles that may sit between a subject and its verb ("we then quickly rolled back").
_ADVERBS = frozenset(
    """
    not never also just then finally really actually personally already still even first only together
    immediately ultimately initially soon later again always often usually sometimes eventually quickly
    directly successfully basically essentially almost nearly once both all each alone myself ourselves
    themselves himself herself n't so
    """.split()
)

_LEADING_MARKERS = frozenset(
    """
    so then and but finally first second third next later afterwards afterward eventually ultimately also
    basically initially luckily unfortunately fortunately honestly well yesterday today tonight recently
    together instead meanwhile however therefore thus still now overall plus anyway actually personally
    again soon suddenly ok okay sadly thankfully happily
    """.split()
)
_SUBORDINATORS = frozenset(
    """
    after when once while because since although though if before until as whenever unless whereas
    despite given whether wherever upon
    """.split()
)
_INTRO_PREPOSITIONS = frozenset(
    """
    in at during for on with over within throughout following from by to under without through across
    around about of like between among along amid
    """.split()
)

_DETERMINERS = frozenset(
    """
    the a an my our your their his her its this that these those another other some any each every both
    all several many most few no one two three four five six seven eight nine ten half whose
    """.split()
)
_POSSESSIVES_WE = frozenset({"my", "our"})

# Subject pronouns and what actor they name. "you" is generic in an answer, so it names no one.
_PRONOUN_ACTOR = {
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
_SPEAKER_WORDS = frozenset({"i", "me", "myself"})
_TEAM_WORDS = frozenset({"we", "us", "ourselves"})

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
_HUMAN_VERBS = frozenset(
    """
    said asked told suggested proposed agreed decided insisted argued replied emailed called messaged
    pinged wanted thought complained pushed offered volunteered refused promised explained mentioned
    recommended approved rejected hired fired mentored interviewed joined left pointed noticed warned
    praised thanked challenged questioned disagreed requested demanded escalated reached
    """.split()
)
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "prof"})
_EVENT_NOUNS = frozenset(
    "meeting meetings conversation conversations chat call calls talk discussion discussions sync review "
    "retro retrospective session sessions workshop interview demo".split()
)
_RELATIVES = frozenset({"who", "which", "whom", "whose"})
_NOT_PAST_ED = frozenset(
    """
    need feed seed speed breed bleed greed heed deed reed weed indeed succeed proceed exceed steed tweed
    hundred red bed shed wed sacred naked wicked kindred beloved rugged ragged wretched crooked hatred
    """.split()
)
_NOT_ADVERB_LY = frozenset(
    "only early family supply reply apply july italy daily weekly monthly yearly ally rally assembly fly "
    "holy ugly friendly likely lonely lovely silly belly jelly".split()
)

# Tokens: words (with inner apostrophes), numbers, and the punctuation that bounds clauses and appositions.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[,;:()\u2013\u2014]")
_CLITIC = re.compile(r"^(i|we|they|he|she|it|that|there|you|what|who)(['’](?:m|re|ve|d|ll|s))$")
# The main clause starts within the first few dozen tokens; a run-on transcript need not be read further.
_MAX_TOKENS = 80
_MAX_CHARS = 1200
_PUNCT = frozenset({",", ";", ":", "(", ")", "\u2013", "\u2014"})
# "What I did was ...", "The first thing we changed was ...": the speaker is the subject of the embedded verb.
_PSEUDO_CLEFT = re.compile(
    r"\b(?:what|all|thing|step|part)\s+(i|we)\s+(?:\w+\s+){0,2}?(\w+)(?:\s+on)?\s+(?:first\s+)?(?:was|is)\b",
    re.IGNORECASE,
)
_CLEFT_OPENERS = frozenset({"what", "all", "the", "my", "one", "our", "first"})
_CLEFT_DEEDS = frozenset(
    "did do changed decided chose built tried proposed suggested focused".split()
)


@dataclass(frozen=True, slots=True)
class ActorGuess:
    """Who performs a sentence's main action, where those words are, and whether it is a deed at all.

    `actor` is one of `starcoach.analysis.report.ACTORS`. `start`/`end` are offsets into the sentence of the
    actor words ("My manager and I", "Sarah", "by the client"), or None when no words name the actor (a
    passive with no agent, no subject, or a verb-first fragment such as "Rewrote the cache" whose "I" is
    implied). `is_action` is True when the sentence describes something someone did, not a state, a role, a
    feeling, a plan or an event nobody did. `passive` is True when the main verb is in the passive voice;
    `verb_start`/`verb_end` cover the main verb group ("was rewritten", "decided") when one was found.
    """

    actor: str
    start: int | None = None
    end: int | None = None
    is_action: bool = False
    passive: bool = False
    verb_start: int | None = None
    verb_end: int | None = None


_NO_ACTOR = ActorGuess("none")


class _Tokens:
    """A sentence's first tokens in original and lowercase form, with subject clitics split off.

    Offsets are found only for the few tokens a result reports (`start`/`end`), by walking the sentence:
    the gaps between tokens hold no letters, digits or clause punctuation, so each token's text is found at
    its first occurrence after the previous token.
    """

    __slots__ = ("_offsets", "caps", "lows", "n", "sentence", "words")

    def __init__(self, sentence: str) -> None:
        words = _TOKEN.findall(sentence, 0, _MAX_CHARS)[:_MAX_TOKENS]
        lows = [w.lower() for w in words]
        if "'" in sentence or "’" in sentence:
            self._split_clitics(words, lows)
        self.sentence = sentence
        self.words = words
        self.lows = lows
        self.n = len(words)
        self._offsets: list[int] = []
        # In a sentence written all in capitals, capitalisation says nothing about names.
        upper_text = sentence.upper() == sentence
        self.caps = [not upper_text and w[:1].isupper() for w in words]

    @staticmethod
    def _split_clitics(words: list[str], lows: list[str]) -> None:
        """Split "I'm", "we've", "it's" into a pronoun token and an auxiliary token, in place."""
        i = 0
        while i < len(lows):
            low = lows[i].replace("’", "'")
            clitic = _CLITIC.match(low) if "'" in low else None
            if clitic:
                cut = len(clitic.group(1))
                word = words[i]
                words[i : i + 1] = [word[:cut], word[cut:]]
                lows[i : i + 1] = [clitic.group(1), clitic.group(2)]
                i += 1
            elif low != lows[i]:
                lows[i] = low
            i += 1

    def start(self, k: int) -> int:
        """Return the offset in the sentence where token `k` starts."""
        offsets = self._offsets
        done = len(offsets)
        if done <= k:
            words = self.words
            find = self.sentence.find
            pos = offsets[-1] + len(words[done - 1]) if done else 0
            for i in range(done, k + 1):
                pos = find(words[i], pos)
                offsets.append(pos)
                pos += len(words[i])
        return offsets[k]

    def end(self, k: int) -> int:
        """Return the offset in the sentence just after token `k`."""
        return self.start(k) + len(self.words[k])


_SUBJECT_PRONOUNS = frozenset({"i", "we", "they", "he", "she"})
_OBJECT_PRONOUNS = frozenset({"me", "us", "them", "him", "her", "it"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "they", "he", "she", "it", "you", "there"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_INSERT_OPENERS = frozenset({",", "(", "\u2013", "\u2014"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2013", "\u2014"})
# "Last year, ...", "Two weeks later, ...": a time phrase before the comma is an intro, not a subject.
_TIME_OPENERS = frozenset(
    "last this next that one two three four five six several few many a".split()
)
_TIME_WORDS = frozenset(
    "week weeks month months quarter quarters year years morning afternoon evening night day days time "
    "summer spring fall autumn winter sprint sprints semester ago later".split()
)
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december".split()
)
# Past forms that are also nouns or adjectives right after a determiner ("the cut", "a set of").
_AMBIGUOUS_PAST = frozenset(
    "read set cut put hit let found left quit beat spread split shut".split()
)
# Words before "of" that hand the head over to the group after it ("one of my engineers").
_GROUP_HEADS = frozenset(
    "one some most all rest each both two three many few several half none members member".split()
)
_CLOSE_GROUPS = frozenset("team squad group crew unit pod lab".split())
_AGENT_STOPS = frozenset("to in on at for with after before because during".split())
_NOT_AGENT_AFTER_BY = frozenset("a about over almost nearly around roughly only".split())
_NOT_GERUNDS = frozenset(
    "something nothing everything anything morning evening during thing string spring ceiling king "
    "bring sing ring wing".split()
)


def _is_adverb(low: str) -> bool:
    """Return True for a word that can sit between a subject and its verb."""
    return low in _ADVERBS or (len(low) > 4 and low.endswith("ly") and low not in _NOT_ADVERB_LY)


def _is_past_ed(low: str) -> bool:
    """Return True for a regular past tense or past participle ("shipped", "agreed")."""
    return len(low) > 3 and low.endswith("ed") and low not in _NOT_PAST_ED


def _is_participle(low: str) -> bool:
    """Return True for a past participle, regular or irregular."""
    return _is_past_ed(low) or low in IRREGULAR_PARTICIPLES


def _is_past(low: str) -> bool:
    """Return True for a simple past form, regular or irregular."""
    return _is_past_ed(low) or low in IRREGULAR_PAST


def _is_gerund(low: str) -> bool:
    """Return True for an -ing form ("working", "getting")."""
    return len(low) > 4 and low.endswith("ing") and low not in _NOT_GERUNDS


def _is_verb_lemma_form(low: str) -> bool:
    """Return True for a known action verb in its base or third-person form ("asks", "fixes")."""
    if low in ACTION_VERBS:
        return True
    if low.endswith("ies"):
        return low[:-3] + "y" in ACTION_VERBS
    if low.endswith("es") and low[:-2] in ACTION_VERBS:
        return True
    return low.endswith("s") and low[:-1] in ACTION_VERBS


def _singular(word: str) -> str:
    """Return a naive singular of a plural noun ("engineers" -> "engineer")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _next_is(tok: _Tokens, i: int, word: str) -> bool:
    """Return True when the token at `i` is `word`."""
    return i < tok.n and tok.lows[i] == word


def _next_word(tok: _Tokens, j: int) -> int:
    """Return the index of the first token at or after `j` that is not an adverb."""
    while (
        j < tok.n and _is_adverb(tok.lows[j]) and tok.lows[j] not in ("so", "all", "both", "each")
    ):
        j += 1
    return j


# --- the main clause ------------------------------------------------------------------------------------


def _main_clause_start(tok: _Tokens) -> int:
    """Return the index where the main clause's subject starts, skipping intros and subordinate clauses."""
    i = 0
    for _ in range(6):  # a few stacked intros at most: "Then, in 2019, after the outage, I ..."
        i = _skip_markers(tok, i)
        if i >= tok.n or not _is_intro(tok, i):
            return i
        after = _after_clause_break(tok, i + 1)
        if after == -1 or tok.lows[i] in _SUBORDINATORS or not _is_phrase_intro(tok, i):
            # An infinitive or a participle before a comma ("To make sure it was seen, I ...") may hold a
            # clause of its own, so only a missing comma sends us looking inside it.
            inside = _clause_inside(tok, i, after - 1 if after != -1 else tok.n)
            if inside != -1:
                return inside
        if after == -1:
            return (
                i  # no main clause found: the intro itself is all there is ("Testing took a week")
            )
        i = after
    return i


def _skip_markers(tok: _Tokens, i: int) -> int:
    """Skip discourse markers and stray punctuation ("So, then, ...")."""
    lows = tok.lows
    while i < tok.n and (lows[i] in _LEADING_MARKERS or lows[i] in _PUNCT):
        if lows[i] == "so" and i + 1 < tok.n and lows[i + 1] in ("that", "far", "much", "many"):
            break
        i += 1
    return i


def _is_intro(tok: _Tokens, i: int) -> bool:
    """Return True when the token at `i` opens an introductory or subordinate phrase."""
    low = tok.lows[i]
    if low in _SUBORDINATORS or low in _INTRO_PREPOSITIONS:
        return True
    if low in _TIME_OPENERS:
        return any(w in _TIME_WORDS for w in tok.lows[i + 1 : i + 3])
    if _is_gerund(low) and low not in _PRONOUN_ACTOR:
        return True  # "Working with legal, we ..."
    # "Faced with a deadline, we ..."
    return _is_participle(low) and i + 1 < tok.n and tok.lows[i + 1] in ("with", "by", "to", "as")


def _after_clause_break(tok: _Tokens, j: int) -> int:
    """Return the index after the next clause break that does not open a relative clause, or -1."""
    lows = tok.lows
    while j < tok.n:
        if lows[j] in _CLAUSE_BREAKS and not (j + 1 < tok.n and lows[j + 1] in _RELATIVES):
            return j + 1 if j + 1 < tok.n else -1
        j += 1
    return -1


def _clause_inside(tok: _Tokens, i: int, end: int) -> int:
    """Return where a main clause starts before the intro's comma, when the speaker left the comma out.

    "After the outage I wrote the runbook, and ..." or "When we launched I ran on-call, which ..." hold the
    main clause before the first comma; "When we launched, I ran" and "Of the options we considered, I
    chose" do not. Returns -1 when the main clause is after the comma.
    """
    lows = tok.lows
    if lows[i] in _SUBORDINATORS:
        j = i + 1
        if j < end and lows[j] in _SUBJECT_PRONOUNS:
            j += 1  # "When we launched I ran": the pronoun right after "when" is the subordinate's own
        for k in range(j, end):
            if (
                lows[k] in _SUBJECT_PRONOUNS
                and k + 1 < tok.n
                and _is_finite(tok, _next_word(tok, k + 1))
            ):
                return k
        return -1
    for v in range(i + 1, end):
        if lows[v] in _RELATIVES or lows[v] == "that":
            return (
                -1
            )  # "In the months that followed, we ...": the verb belongs to a relative clause
        if _is_finite(tok, v) and lows[v - 1] != "to":
            if v + 1 >= end and end < tok.n:
                return (
                    -1
                )  # "Of the options we considered, I chose": a verb with no object is a relative
            return _subject_before(tok, v, i)
    return -1


def _is_phrase_intro(tok: _Tokens, i: int) -> bool:
    """Return True for an intro that is an infinitive or a participle phrase ("To ship it", "Working")."""
    low = tok.lows[i]
    return (
        low == "to" or _is_gerund(low) or (_is_participle(low) and low not in _INTRO_PREPOSITIONS)
    )


def _is_finite(tok: _Tokens, k: int) -> bool:
    """Return True when the token at `k` is an auxiliary or a past form that can head a clause."""
    return k < tok.n and _is_verb_start(tok, k, strong_only=True)


def _subject_before(tok: _Tokens, v: int, i: int) -> int:
    """Return where the subject of the verb at `v` starts, walking back no further than the intro at `i`."""
    lows = tok.lows
    k = v - 1
    while k > i and _is_adverb(lows[k]):
        k -= 1
    while k - 2 > i and lows[k - 1] in ("and", "or"):
        k -= 2  # "my manager and I"
    while k - 1 > i and (lows[k - 1] in _DETERMINERS or (tok.caps[k - 1] and tok.caps[k])):
        k -= 1
    return max(k, i)


# --- the subject ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Subject:
    """The subject: its first and last actor-naming tokens, where its verb starts, and its actor class."""

    first: int
    last: int
    verb: int  # == tok.n when no verb was found
    actor: str


def _is_verb_start(tok: _Tokens, j: int, strong_only: bool) -> bool:
    """Return True when the token at `j` can start the verb group that follows a noun subject.

    Strong starts are auxiliaries and past forms; weak ones are base or third-person forms of known action
    verbs, which are also often nouns ("review", "plans"), so they only count when nothing stronger follows.
    """
    low = tok.lows[j]
    prev = tok.lows[j - 1] if j > 0 else ""
    if low in _AUXILIARIES or low in IRREGULAR_PAST:
        return not (low in _AMBIGUOUS_PAST and prev in _DETERMINERS)
    if _is_past_ed(low):
        # "the automated tests" is an adjective, but "This saved us" opens with a demonstrative subject.
        return prev not in _DETERMINERS or (prev in _DEMONSTRATIVES and j == 1)
    if strong_only:
        return False
    return _is_verb_lemma_form(low) and prev not in _DETERMINERS and low not in PERSON_NOUNS


def _read_subject(tok: _Tokens, s: int) -> _Subject:
    """Read the subject that starts at `s` and find where its verb group begins."""
    lows = tok.lows
    n = tok.n
    if lows[s] not in _PERSONAL_PRONOUNS:
        return _read_noun_subject(tok, s)  # includes "everyone on the team", "this", "what"
    last = s
    j = s + 1
    # Coordination: "He and I", "We and the client".
    while j + 1 < n and lows[j] in ("and", "or"):
        k = j + 1
        while (
            k < n
            and k < j + 5
            and lows[k] not in _PUNCT
            and lows[k] not in ("and", "or")
            and not _is_verb_start(tok, k, strong_only=True)
        ):
            k += 1
        if k == j + 1:
            break
        last, j = k - 1, k
    verb = _skip_insert(tok, last + 1)
    return _Subject(s, last, verb, _classify_np(tok, s, last, verb))


def _skip_insert(tok: _Tokens, j: int) -> int:
    """Return the index after an inserted phrase between commas or brackets, or `j` when none is closed."""
    lows = tok.lows
    if j < tok.n and lows[j] in _INSERT_OPENERS:
        closer = ")" if lows[j] == "(" else lows[j]
        for k in range(j + 1, min(tok.n, j + 14)):
            if lows[k] == closer or (closer == "," and lows[k] == ")"):
                return k + 1
    return j


def _read_noun_subject(tok: _Tokens, s: int) -> _Subject:
    """Read a noun-phrase subject ("The client", "Sarah, our designer,", "One of my engineers")."""
    lows = tok.lows
    n = tok.n
    limit = min(n, s + 14)
    end = (
        -1
    )  # last token of the words that name the actor, once an insert or a relative clause cuts it
    weak = -1
    verb = n
    j = s + 1
    while j < limit:
        low = lows[j]
        if low in _INSERT_OPENERS:
            k = _skip_insert(tok, j)
            if k == j or (k < n and lows[k] in ("and", "or")):
                j = max(j, k) + 1 if k == j else k  # a list ("Sarah, Tom and I") goes on
                continue
            if end == -1:
                end = j - 1  # an apposition ("Sarah, our designer, built"): the name is the actor
            verb = k
            break
        if low in _RELATIVES or low == "that":
            end = j - 1
            verb = _skip_relative(tok, j + 1)
            break
        if weak != -1 and (low in _DETERMINERS or low in _OBJECT_PRONOUNS):
            verb = weak  # "The client asks us": the weak candidate was the verb after all
            break
        if _is_verb_start(tok, j, strong_only=True) or (
            _is_adverb(low) and j + 1 < n and _is_verb_start(tok, j + 1, strong_only=True)
        ):
            verb = j
            break
        if weak == -1 and _is_verb_start(tok, j, strong_only=False):
            weak = j
        j += 1
    else:
        if weak != -1:
            verb = weak
    if end == -1:
        end = verb - 1
    while end > s and (lows[end] in _PUNCT or _is_adverb(lows[end])):
        end -= 1
    end = max(s, min(end, n - 1))
    return _Subject(s, end, verb, _classify_np(tok, s, end, verb))


def _skip_relative(tok: _Tokens, j: int) -> int:
    """Skip a relative clause ("who wrote the service") and return where the main verb starts."""
    first_verb = -1
    for k in range(j, min(tok.n, j + 16)):
        if first_verb != -1 and _is_verb_start(tok, k, strong_only=True):
            return k
        if first_verb == -1 and _is_verb_start(tok, k, strong_only=False):
            first_verb = k
    # "All that work paid off": no second verb, so "that" was a determiner and its verb is the main one.
    return first_verb if first_verb != -1 else tok.n


def _classify_np(tok: _Tokens, first: int, last: int, verb: int) -> str:
    """Return the actor class of the noun phrase tok[first..last] whose verb starts at `verb`."""
    lows = tok.lows
    words = [w for w in lows[first : last + 1] if w not in _PUNCT]
    if not words:
        return "none"
    if any(w in _SPEAKER_WORDS for w in words):
        return "i"  # the speaker is among the agents: "My manager and I agreed"
    if any(w in _TEAM_WORDS for w in words):
        return "we"
    lead = words[0]
    if lead in _PRONOUN_ACTOR and (len(words) == 1 or words[1] in ("and", "or")):
        return _PRONOUN_ACTOR[lead]
    head = _head_noun(words)
    singular = _singular(head)
    collective = head in COLLECTIVE_NOUNS or singular in COLLECTIVE_NOUNS
    if not collective and _names_someone(tok, first, last):
        return "named"
    if collective:
        return _collective_actor(words, singular)
    if head in PERSON_NOUNS or singular in PERSON_NOUNS:
        return "they"
    if head in _PRONOUN_ACTOR:
        return _PRONOUN_ACTOR[head]
    if verb < tok.n and lows[verb] in _HUMAN_VERBS:
        if first == last and tok.caps[first] and lead not in _DETERMINERS:
            return (
                "named"  # "Priyanka asked": an unknown capitalised word doing what only people do
            )
        if lead in ("my", "his", "her", "their", "your"):
            return "they"  # "My new crush called"
    return "none"


def _names_someone(tok: _Tokens, first: int, last: int) -> bool:
    """Return True when the words tok[first..last] include a person's name."""
    lows = tok.lows
    for k in range(first, last + 1):
        word = tok.words[k]
        low = lows[k]
        if not tok.caps[k] or len(word) < 2 or not word[1:].islower():
            continue  # lowercase, a single letter, an acronym ("QA") or a code ("Q3")
        if low in _DETERMINERS or low in _PRONOUN_ACTOR or low in _CALENDAR:
            continue
        if low in PERSON_NOUNS or _singular(low) in PERSON_NOUNS or low in COLLECTIVE_NOUNS:
            continue
        if low in FIRST_NAMES or low in _TITLES or k > 0:
            return True  # a known name, a title, or a capital that sentence case cannot explain
        if k + 1 <= last and tok.caps[k + 1] and tok.words[k + 1][1:].islower():
            return True  # two capitalised words: "Mississippi State"
    return False


def _head_noun(words: list[str]) -> str:
    """Return the head word of a noun phrase: the word before an "of" phrase, else the last word."""
    if "of" in words:
        before = words[: words.index("of")]
        if before and before[-1] in _GROUP_HEADS:
            return words[-1]  # "one of my engineers", "the rest of the team"
        if before:
            return before[-1]
    return words[-1]


def _collective_actor(words: list[str], singular: str) -> str:
    """Return we for the speaker's own group ("our team", "the team"), they for another one."""
    det = words[0]
    if det in _POSSESSIVES_WE:
        return "we"
    if singular in _CLOSE_GROUPS and (
        (det == "the" and len(words) == 2)
        or det in ("whole", "entire")
        or (det == "the" and words[1] in ("whole", "entire", "core"))
    ):
        return "we"
    return "they"


# --- the verb -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Verb:
    """The main verb group: its kind, token range and, for a passive, the agent phrase after "by"."""

    kind: str  # "action", "state", "passive", "modal" or "none"
    first: int
    last: int
    agent_first: int = -1
    agent_last: int = -1


def _read_verb(tok: _Tokens, v: int) -> _Verb:
    """Read the verb group starting at `v` and say what kind of predicate it is."""
    lows = tok.lows
    n = tok.n
    j = v
    while j < n and (_is_adverb(lows[j]) or lows[j] == ","):
        j += 1
    if j >= n:
        return _Verb("none", v, v)
    first = j
    modal = False
    while j < n:
        low = lows[j]
        nxt = _next_word(tok, j + 1)
        after = lows[nxt] if nxt < n else ""
        if low in MODALS or (low == "'d" and not _is_participle(after)):
            modal = True
            j = nxt
            continue
        if low in HAVE_FORMS:
            if after in BE_FORMS or after in GET_FORMS or _is_participle(after):
                j = nxt  # a perfect tense: "have been", "had fixed"
                continue
            if after == "to" and nxt + 1 < n:
                j = nxt + 1  # "had to rewrite it"
                continue
            return _Verb("modal" if modal else _have_kind(tok, nxt), first, j)
        if low in DO_FORMS:
            if after and not (
                after in _DETERMINERS
                or after in _PRONOUN_ACTOR
                or after in _OBJECT_PRONOUNS
                or after in _PUNCT
            ):
                j = nxt  # "didn't escalate", "did ship"
                continue
            return _Verb("modal" if modal else "action", first, j)
        if low in BE_FORMS:
            if after == "able" and _next_is(tok, nxt + 1, "to"):
                j = nxt + 2  # "was able to finish": the deed is the verb after "to"
                continue
            if after in ("going", "about") and _next_is(tok, nxt + 1, "to"):
                return _Verb("modal", first, nxt)
            if after in ("being", "been"):
                j = nxt
                continue
            if _is_gerund(after) and after not in STATE_VERBS:
                return _Verb("modal" if modal else "action", first, nxt)
            if _is_participle(after) and after not in STATE_PARTICIPLES:
                return _Verb("modal", first, nxt) if modal else _passive(tok, first, nxt)
            return _Verb("modal" if modal else "state", first, j)
        if low in GET_FORMS:
            if after in STATE_PARTICIPLES:
                return _Verb("modal" if modal else "state", first, nxt)
            if _is_participle(after):
                return _Verb("modal", first, nxt) if modal else _passive(tok, first, nxt)
            if after == "to" and nxt + 1 < n:
                j = nxt + 1  # "got to lead the launch"
                continue
            return _Verb("modal" if modal else "action", first, j)
        if low in _PUNCT:
            return _Verb("none", first, j)
        if modal:
            return _Verb("modal", first, j)
        return _Verb("state" if low in STATE_VERBS else "action", first, j)
    return _Verb("modal" if modal else "none", first, n - 1)


def _have_kind(tok: _Tokens, j: int) -> str:
    """Return the kind of "had X": a meeting or a causative ("had the team migrate") is a deed."""
    lows = tok.lows
    for k in range(j, min(tok.n, j + 6)):
        low = lows[k]
        if low in _EVENT_NOUNS:
            return "action"
        prev = lows[k - 1]
        if (
            k > j
            and low in ACTION_VERBS
            and prev not in _DETERMINERS
            and prev not in _INTRO_PREPOSITIONS
        ):
            return "action"
    return "state"


def _passive(tok: _Tokens, first: int, participle: int) -> _Verb:
    """Build a passive verb group and find its "by" agent ("by Sarah"), ignoring "by 40%"."""
    lows = tok.lows
    verb = _Verb("passive", first, participle)
    for k in range(participle + 1, min(tok.n, participle + 8)):
        if lows[k] in _PUNCT:
            break
        if lows[k] == "by" and k + 1 < tok.n:
            if lows[k + 1][:1].isdigit() or lows[k + 1] in _NOT_AGENT_AFTER_BY:
                break
            end = k + 1
            while (
                end + 1 < tok.n
                and end < k + 5
                and lows[end + 1] not in _PUNCT
                and lows[end + 1] not in _AGENT_STOPS
            ):
                end += 1
            verb.agent_first, verb.agent_last = k + 1, end
            break
    return verb


# --- putting it together --------------------------------------------------------------------------------


def _is_verb_first(tok: _Tokens, s: int) -> bool:
    """Return True for a subjectless fragment that opens with a past-tense deed ("Rewrote the cache")."""
    lows = tok.lows
    low = lows[s]
    if low in _PRONOUN_ACTOR or low in _DETERMINERS or low in FIRST_NAMES or low in _AUXILIARIES:
        return False  # "Did they care?" is a question, not a deed
    if not _is_past(low) or low in _FEELINGS or low in STATE_VERBS or low in _AMBIGUOUS_PAST:
        return False  # "Read it first" may be an instruction: only unambiguous past forms count
    if s > 0 and tok.caps[s]:
        return False  # a capital mid-sentence is a name, not a verb
    for k in range(s + 1, min(tok.n, s + 7)):
        w = lows[k]
        if w in _DETERMINERS or w in _PUNCT or w in _INTRO_PREPOSITIONS or w in _OBJECT_PRONOUNS:
            return True
        if _is_verb_start(tok, k, strong_only=True):
            return False  # "Automated tests caught it": the first word described the subject
    return True


def classify_actor(sentence: str) -> ActorGuess:
    """Return who performs the main action of `sentence` and whether it describes a deed."""
    return _classify(sentence, prefer_speaker=True)


def _classify(sentence: str, prefer_speaker: bool) -> ActorGuess:
    """Return the actor guess; with `prefer_speaker`, a coordinated clause where the speaker acts wins."""
    tok = _Tokens(sentence)
    s = _main_clause_start(tok)
    if s >= tok.n:
        return _NO_ACTOR
    lows = tok.lows
    cleft = _PSEUDO_CLEFT.search(sentence) if lows[s] in _CLEFT_OPENERS else None
    if cleft:
        # "What I did was rewrite the parser" is a deed; "What I learned is ..." is a reflection.
        deed = cleft.group(2).lower() in _CLEFT_DEEDS
        return ActorGuess(cleft.group(1).lower(), cleft.start(1), cleft.end(1), is_action=deed)
    if _is_verb_first(tok, s):
        return ActorGuess("i", None, None, True, False, tok.start(s), tok.end(s))
    if lows[s] in _AUXILIARIES and s + 1 < tok.n and lows[s + 1] in _PERSONAL_PRONOUNS:
        # "Did they care?": a question names who it is about but describes no deed.
        actor = _PRONOUN_ACTOR[lows[s + 1]]
        if actor == "none":
            return _NO_ACTOR
        return ActorGuess(actor, tok.start(s + 1), tok.end(s + 1), False, False)
    guess, after = _clause_guess(tok, s)
    if prefer_speaker and _deed_rank(guess) < 4:
        # "It was down, so I rolled back": a coordinated clause where the speaker acts names the doer the
        # listener needs, so it wins over a state, a passive or someone else's deed; and a clause that
        # merely names the speaker ("..., and I had a disagreement") wins over a passive with no actor.
        for k in range(after, tok.n - 1):
            if lows[k] not in _COORDINATORS:
                continue
            m = _next_word(tok, k + 1)
            if m < tok.n and lows[m] in ("i", "we"):
                tail, _ = _clause_guess(tok, m)
                if _deed_rank(tail) > _deed_rank(guess):
                    return tail
    return guess


_COORDINATORS = frozenset({"and", "so", "but", "then", "yet", ";"})


def _deed_rank(guess: ActorGuess) -> int:
    """Rank a guess for the ownership view: the speaker's deed, the team's, someone's, the speaker at all."""
    if guess.is_action:
        return {"i": 4, "we": 3, "they": 2, "named": 2}.get(guess.actor, 0)
    return 1 if guess.actor in ("i", "we") else 0


def _clause_guess(tok: _Tokens, s: int) -> tuple[ActorGuess, int]:
    """Return the actor guess for the clause whose subject starts at `s`, and the index after its verb."""
    subject = _read_subject(tok, s)
    if subject.verb >= tok.n:
        return _NO_ACTOR, tok.n
    verb = _read_verb(tok, subject.verb)
    if verb.kind == "none":
        return _NO_ACTOR, verb.last + 1
    after = verb.last + 1
    v_start, v_end = tok.start(verb.first), tok.end(verb.last)
    actor = subject.actor
    a_start, a_end = tok.start(subject.first), tok.end(subject.last)
    if verb.kind == "passive":
        if verb.agent_first != -1:
            agent = _classify_np(tok, verb.agent_first, verb.agent_last, tok.n)
            if agent != "none":
                by_start, by_end = tok.start(verb.agent_first - 1), tok.end(verb.agent_last)
                return ActorGuess(agent, by_start, by_end, True, True, v_start, v_end), after
        if actor in ("i", "we"):
            # "I was promoted": the speaker is named but received the action; it is not their deed.
            return ActorGuess(actor, a_start, a_end, False, True, v_start, v_end), after
        return ActorGuess("passive", None, None, True, True, v_start, v_end), after
    if actor == "none":
        return ActorGuess("none", None, None, False, False, v_start, v_end), after
    return ActorGuess(actor, a_start, a_end, verb.kind == "action", False, v_start, v_end), after


# ---------------------------------------------------------------------------------------------------------
# Agency: is the writer in control of what the sentence describes?


# Cue words, matched on lowercase word tokens (sets, so scoring stays fast). Two-word cues are matched on
# consecutive words.
def _words(text: str) -> frozenset[str]:
    """Return the space-separated words of `text` as a set."""
    return frozenset(text.split())


# Being handed something, told something or surprised by it: the writer did not choose it.
_RECEIVED_WORDS = _words(
    "receive received receives receiving heard informed surprise surprised surprising unexpected "
    "unexpectedly news gift gifts gifted compliment compliments complimented praised congratulated "
    "appreciated recognized recognised"
)
_RECEIVED_PAIRS = _words(
    "was_given were_given been_given gave_me given_me was_told were_told told_me found_out find_out "
    "hear_that learned_that learnt_that was_offered offered_me was_selected was_chosen was_accepted "
    "was_awarded was_invited invited_me called_me sent_me bought_me took_me brought_me got_me showed_me "
    "thanked_me"
)
# Choosing, managing or getting to do something: the writer acted.
_CONTROL_WORDS = _words(
    "finally myself planned bought purchased finished completed accomplished achieved went visited "
    "cooked made ran took started organized organised won earned saved built booked quit applied enrolled"
)
_CONTROL_PAIRS = _words(
    "able_to managed_to decided_to chose_to choose_to got_to get_to my_own plan_to signed_up learned_how "
    "figured_out"
)
# Things nobody present decides: weather, luck, the calendar, deliveries.
_CHANCE_WORDS = _words(
    "rain rained raining rainy weather sun sunny sunshine snow snowed snowing storm luck lucky luckily "
    "lottery holiday birthday weekend season arrived delivered"
)
_CHANCE_PAIRS = _words("it_was there_was there_were day_off came_out was_released")
# Another person close to the writer, who may be the one acting ("my son", "our boss").
_KIN = _words(
    "son sons daughter daughters kid kids children child baby wife husband partner boyfriend girlfriend "
    "fiance fiancee mom mother dad father parent parents brother sister friend friends boss manager team "
    "family nephew niece cousin dog cat puppy toddler coworker coworkers colleague colleagues grandson "
    "granddaughter grandma grandmother grandpa grandfather grandkids"
)
_OWNERS = _words("my our his her their")
_THIRD_PERSON = _words("he she they")
_OBJECT_ME = _words("me us")
_FIRST_PERSON = _words("i i'm i've i'd me my myself we our us")
# Getting a thing that someone else decides to give: a raise, an award, a call, an offer.
_GETTING = _words("got get gets getting gotten receive received receives receiving")
_GIVEN_THINGS = _words(
    "raise bonus promotion award paycheck check cheque review response call email message text letter "
    "offer invitation invite gift compliment news feedback reply notification package card refund rebate "
    "tip hike increment prize scholarship approval acceptance interview"
)
# Noticing or witnessing rather than doing ("I saw", "woke up to").
_PERCEIVED_WORDS = _words("saw see sees seeing noticed notice noticing heard hearing")
_PERCEIVED_PAIRS = _words(
    "woke_up wake_up watched_my watching_my watch_my learned_about learning_that learning_about "
    "finding_out"
)
# Gerund openings that describe receiving or witnessing ("Getting a raise", "Seeing my son").
_RECEIVING_GERUNDS = _words(
    "getting having receiving seeing hearing learning finding being knowing watching listening"
)
# "I was happy when ...", "It made me happy that ...": the event lies in the clause after the feeling.
_FEELING_WORDS = _words(
    "happy happier happiest happiness glad proud thrilled excited delighted pleased grateful joy joyful "
    "overjoyed satisfied relieved moment"
)
_FRAME_LINKS = _words("when that because as since after seeing hearing knowing was is")
_FRAME_TO = _words("see hear know learn find get")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[,.;!?]")
_OPENING_FILLERS = _words("finally just really")


AGENCY_FEATURES = (
    "actor_i",
    "actor_we",
    "actor_other",
    "actor_passive",
    "speaker_received",
    "implied_i",
    "is_action",
    "lead_gerund",
    "event_i",
    "event_other",
    "received",
    "control",
    "chance",
    "others",
    "object_me",
    "no_first_person",
    "got_given",
    "perceived",
    "lead_receiving",
)
"""The named inputs of `agency_score`, in the order of `AGENCY_WEIGHTS`."""

# Logistic-regression weights for AGENCY_FEATURES plus an intercept (last). Fitted offline by
# `python -m eval.agency --fit`: L2-regularised Newton iterations on the CL-Aff training split
# (labeled_10k_train.csv, which contains the work/career training rows, counted twice so the work
# domain weighs more). Only training files were used; the test files were never looked at while fitting.
AGENCY_WEIGHTS = (
    1.785,  # actor_i
    0.183,  # actor_we
    -1.584,  # actor_other
    -1.499,  # actor_passive
    0.462,  # speaker_received
    1.976,  # implied_i
    0.416,  # is_action
    2.807,  # lead_gerund
    0.168,  # event_i
    -1.952,  # event_other
    -1.059,  # received
    0.581,  # control
    -0.199,  # chance
    -0.307,  # others
    -0.127,  # object_me
    -0.052,  # no_first_person
    -1.462,  # got_given
    -0.452,  # perceived
    -1.777,  # lead_receiving
    0.257,  # intercept
)


def agency_features(sentence: str) -> tuple[float, ...]:
    """Return the values of `AGENCY_FEATURES` for `sentence` (each 0 or 1)."""
    # The main clause alone: CL-Aff asks about the moment as a whole, not whether the speaker acted at all.
    guess = _classify(sentence, prefer_speaker=False)
    actor = guess.actor
    implied = actor == "i" and guess.start is None
    speaker_received = actor in ("i", "we") and guess.passive and not guess.is_action
    words = _WORD.findall(sentence[:_MAX_CHARS].lower().replace("’", "'"))
    present = frozenset(words)
    pairs = frozenset(f"{a}_{b}" for a, b in pairwise(words))
    first = next((w for w in words if w not in _OPENING_FILLERS and w[0].isalpha()), "")
    event_i = event_other = 0.0
    if not guess.is_action and (
        present & _FEELING_WORDS or "made_me" in pairs or "makes_me" in pairs
    ):
        tail = _event_clause(sentence, words)
        if tail is not None:
            event = _classify(tail, prefer_speaker=False)
            if event.actor in ("i", "we") and (event.is_action or event.start is None):
                event_i = 1.0
            elif event.actor in ("they", "named", "passive"):
                event_other = 1.0
    return (
        1.0 if actor == "i" and not implied and not speaker_received else 0.0,
        1.0 if actor == "we" and not speaker_received else 0.0,
        1.0 if actor in ("they", "named") else 0.0,
        1.0 if actor == "passive" else 0.0,
        1.0 if speaker_received else 0.0,
        1.0 if implied else 0.0,
        1.0 if guess.is_action else 0.0,
        1.0 if _is_gerund(first) else 0.0,
        event_i,
        event_other,
        1.0 if present & _RECEIVED_WORDS or pairs & _RECEIVED_PAIRS else 0.0,
        1.0 if present & _CONTROL_WORDS or pairs & _CONTROL_PAIRS else 0.0,
        1.0 if present & _CHANCE_WORDS or pairs & _CHANCE_PAIRS else 0.0,
        1.0 if present & _THIRD_PERSON or _mentions_kin(words) else 0.0,
        1.0 if present & _OBJECT_ME else 0.0,
        0.0 if present & _FIRST_PERSON else 1.0,
        1.0 if present & _GETTING and _gets_given(words) else 0.0,
        1.0 if present & _PERCEIVED_WORDS or pairs & _PERCEIVED_PAIRS else 0.0,
        1.0 if first in _RECEIVING_GERUNDS else 0.0,
    )


def _mentions_kin(words: list[str]) -> bool:
    """Return True for "my son", "our new boss", "her two kids" (not "my wife and I")."""
    for i, word in enumerate(words):
        if word in _OWNERS:
            for k in range(i + 1, min(len(words), i + 4)):
                if words[k] in _KIN:
                    return words[k + 1 : k + 3] != ["and", "i"]
    return False


def _gets_given(words: list[str]) -> bool:
    """Return True when a form of "get" or "receive" is followed closely by a thing others give."""
    for i, word in enumerate(words):
        if word in _GETTING:
            for k in range(i + 1, min(len(words), i + 7)):
                if words[k] in _GIVEN_THINGS or _singular(words[k]) in _GIVEN_THINGS:
                    return True
                if words[k] in ",.;!?":
                    break
    return False


def _event_clause(sentence: str, words: list[str]) -> str | None:
    """Return the clause after a feeling ("I was happy when [my son won]"), rebuilt from its words."""
    for i, word in enumerate(words):
        if word in _FEELING_WORDS or (word == "me" and i > 0 and words[i - 1] in ("made", "makes")):
            for k in range(i + 1, min(len(words), i + 9)):
                link = words[k]
                if link in ",.;!?":
                    break
                if link in _FRAME_LINKS:
                    return _original_tail(sentence, words, k + 1)
                if link == "to" and k + 1 < len(words) and words[k + 1] in _FRAME_TO:
                    return _original_tail(sentence, words, k + 2)
            return None
    return None


def _original_tail(sentence: str, words: list[str], k: int) -> str | None:
    """Return the part of `sentence` that starts at lowercase word `k`, keeping its capitals."""
    if k >= len(words):
        return None
    lowered = sentence.lower().replace("’", "'")
    pos = 0
    for word in words[:k]:
        pos = lowered.find(word, pos) + len(word)
    start = lowered.find(words[k], pos)
    if start < 0 or len(lowered) != len(sentence):
        return " ".join(w for w in words[k:] if w[0].isalpha())
    return sentence[start:]


def agency_score(sentence: str) -> float:
    """Return the probability, in [0, 1], that the writer is in control of what `sentence` describes."""
    z = AGENCY_WEIGHTS[-1]
    for value, weight in zip(agency_features(sentence), AGENCY_WEIGHTS, strict=False):
        z += value * weight
    # Clamp before exp so an extreme sum cannot overflow.
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
