"""Negative judgments about people: who is called lazy, incompetent or clueless, and who is blamed.

A word list alone cannot tell "He was honestly just lazy" (an attack) from "I was lazy about testing" (owning a
mistake) or "she wasn't lazy, she was overloaded" (understanding). `character_attacks` walks the words of a
sentence: from a character word back over intensifiers ("honestly just", "totally") and a copula ("was",
"seemed"), to its subject, which must be another person (a pronoun, a role noun, a name, or "who" in a relative
clause: "The PM, who was lazy, ..."). A negation before the word ("wasn't", "not", "never") cancels it. A
character word right before a person noun ("a lazy engineer") is an attack too. `contempt` finds dismissals of
someone's competence as a whole ("she just didn't understand engineering"), which read as contempt, not empathy.

Known limits: English only; a judgment spread over two sentences, or sarcasm, is missed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from starcoach.analysis.features.fold import rx
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fold

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")

TRAITS = frozenset(
    "lazy incompetent useless stupid clueless idiot idiots idiotic moron moronic jerk jerks toxic hopeless "
    "arrogant rude selfish careless sloppy unprofessional ignorant obnoxious dumb condescending entitled "
    "impossible inept pathetic spineless dishonest manipulative lazier laziest incapable worthless brainless "
    "nightmare clown clowns unbearable insufferable".split()
)
"""Words that judge a person's character rather than describe what they did."""

_INTENSIFIERS = frozenset(
    "just so really totally completely honestly frankly simply basically utterly incredibly extremely very "
    "pretty quite super plain downright such a an kind sort of bit little too absolutely literally "
    "genuinely seriously clearly obviously always actually also truly fundamentally entirely 100 all "
    "being generally quite rather bloody fairly".split()
)
_COPULAS = frozenset(
    "was were is are 's ’s been be seemed seems seem acted acts sounded looked became become got gets "
    "remained came across as".split()
)
_NEGATED_COPULAS = frozenset("wasn't weren't isn't aren't wasn’t weren’t isn’t aren’t".split())
_NEGATIONS = frozenset("not never no hardly n't".split())
_OTHER_PRONOUNS = frozenset("he she they who that him her them".split())
_SELF = frozenset("i we i'm i’m i've i’ve".split())
PEOPLE = frozenset(
    "manager managers boss bosses lead leads pm pms colleague colleagues coworker coworkers co-worker "
    "teammate teammates engineer engineers developer developers designer designers client clients "
    "customer customers director directors supervisor supervisors vendor vendors contractor "
    "contractors person people guy guys woman man staff analyst analysts tester testers architect "
    "peer peers owner stakeholder stakeholders founder ceo cto vp intern interns nurse nurses doctor "
    "doctors teacher teachers head chef chefs driver drivers team department partner partners agent "
    "agents rep reps salesperson consultant consultants member members admin officer officers "
    "recruiter assistant assistants coordinator technician technicians worker workers patient "
    "patients resident residents student students parent parents pupil pupils guest guests".split()
)
"""Nouns that name a person or a group of people."""

PERSON_TRAITS = frozenset(
    "lazy lazier laziest incompetent clueless arrogant rude selfish condescending entitled obnoxious "
    "unprofessional inept spineless dishonest manipulative ignorant idiot moron jerk brainless "
    "incapable".split()
)
"""Traits said of people only, so any subject they are said of is a person ("the porter was lazy")."""
_DETERMINERS = frozenset("the our my their his her that this your".split())
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
_NOT_PERSON_NOUNS = frozenset(
    "order paper number computer printer answer letter matter power water server folder filter "
    "error factor sector colour color floor door meter center centre corner border layer never either "
    "neither rather whether other another after over under later ever however together further "
    "better faster bigger larger smaller slower easier harder longer shorter higher lower earlier "
    "sooner quicker cheaper clearer member remember consistent different important urgent "
    "patient recent current frequent decent excellent brilliant significant relevant constant "
    "instant distant pleasant elegant arrogant ignorant".split()
)


def _is_person_noun(low: str) -> bool:
    """Return True for a noun that names a person ("pharmacist", "porter") or is a known role noun."""
    if low in PEOPLE:
        return True
    return len(low) > 4 and low.endswith(_PERSON_SUFFIXES) and low not in _NOT_PERSON_NOUNS


_NOT_SUBJECT = frozenset("it this that which there what".split())
_NOT_NAMES = frozenset(
    "everything nothing something anything everyone life work honestly frankly and but so then "
    "the a an our my their his her its one".split()
)
_CALLED = frozenset("called calling call calls labelled labeled thought think found".split())


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _is_person(word: re.Match[str]) -> bool:
    low = word.group().lower()
    if low in PEOPLE or low in _OTHER_PRONOUNS:
        return True
    # A name: a capitalised word that does not start the sentence is checked by the caller.
    return word.group()[:1].isupper() and low not in _SELF and low not in _NOT_SUBJECT


def character_attacks(text: str, spans: Sequence[Span]) -> list[Span]:
    """Return the spans (subject to character word) where someone other than the speaker is judged."""
    found: list[Span] = []
    low = text.lower()
    if not any(trait in low for trait in TRAITS):
        return found
    for sentence in spans:
        chunk = text[sentence.start : sentence.end]
        if not any(trait in chunk.lower() for trait in TRAITS):
            continue
        words = _tokens(chunk)
        lows = [w.group().lower() for w in words]
        for k, word in enumerate(words):
            if lows[k] not in TRAITS:
                continue
            hit = _judged(words, k)
            if hit is None or _corrected(lows, hit, k):
                continue
            end = word.end()
            if k + 1 < len(words) and _is_person_noun(lows[k + 1]):
                end = words[k + 1].end()
            found.append(Span(sentence.start + words[hit].start(), sentence.start + end))
    return found


_ASSUMED = frozenset("thought assumed assumption assume assuming first judged guessed felt".split())
_CORRECTION = frozenset("but turned actually realised realized wrong wasn't wasn’t".split())


def _corrected(lows: list[str], subject: int, trait: int) -> bool:
    """Return True for a first impression the speaker then corrects ("I thought he was lazy, but...")."""
    return bool(_ASSUMED.intersection(lows[:subject])) and bool(
        _CORRECTION.intersection(lows[trait + 1 :])
    )


def _judged(words: list[re.Match[str]], k: int) -> int | None:
    """Return the index of the judged person's word when the trait at `k` judges someone else."""
    # Attributive: "a lazy engineer", "the incompetent PM" (but not "I was a lazy student").
    if k + 1 < len(words) and _is_person_noun(words[k + 1].group().lower()):
        before = [w.group().lower() for w in words[max(0, k - 4) : k]]
        if any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in before):
            return None
        if any(a in _SELF and b in _COPULAS for a, b in pairwise(before)):
            return None
        if before[-1:] in (["i'm"], ["i’m"]) or before[-2:] in (["i'm", "a"], ["i’m", "a"]):
            return None
        return (
            max(0, k - 1) if k and words[k - 1].group().lower() in ("a", "an", "the", "that") else k
        )
    j = k - 1
    while j >= 0 and words[j].group().lower() in _INTENSIFIERS:
        j -= 1
    if j < 0:
        return None
    word = words[j].group().lower()
    if word in _CALLED or (
        word in ("him", "her", "them") and j > 0 and words[j - 1].group().lower() in _CALLED
    ):
        return j
    if word in _NEGATED_COPULAS or word.endswith(("n't", "n’t")):
        return None
    if word not in _COPULAS and not word.endswith(("'s", "’s")):
        return None
    # Walk back over the copula chain ("has been", "came across as") and any negation.
    i = j - 1 if word in _COPULAS else j
    if word.endswith(("'s", "’s")) and word not in _COPULAS:
        owner = word[:-2]
        return j if owner in _OTHER_PRONOUNS or owner in PEOPLE else None
    while i >= 0 and words[i].group().lower() in _COPULAS | _INTENSIFIERS | {"has", "had", "have"}:
        i -= 1
    if i < 0:
        return None
    subject = words[i]
    low = subject.group().lower()
    if low in _NEGATIONS or low.endswith(("n't", "n’t")):
        return None
    if low in _SELF or (low in _NOT_SUBJECT and low != "that"):
        return None
    if low in ("who", "that"):
        return i
    if low in _OTHER_PRONOUNS or _is_person_noun(low):
        return i
    if subject.group()[:1].isupper() and low not in _NOT_NAMES:
        return i
    trait = words[k].group().lower()
    if trait in PERSON_TRAITS and i > 0 and words[i - 1].group().lower() in _DETERMINERS:
        return i
    if trait in PERSON_TRAITS and i > 1 and words[i - 2].group().lower() in _DETERMINERS:
        return i
    return None


_CONTEMPT = rx(
    r"\b(?:he|she|they|(?:the|our|my|their)\s+(?:\w+\s+)?(?:" + "|".join(sorted(PEOPLE)) + r"))\s+"
    r"(?:(?:just|simply|honestly|clearly|obviously|really|basically|frankly|totally|completely)\s+)*"
    r"(?:didn['’]t|did\s+not|doesn['’]t|does\s+not|don['’]t|couldn['’]t|could\s+not|can['’]t|never)\s+"
    r"(?:(?:even|really|fully|ever|actually|begin\s+to)\s+)*"
    r"(?:understand|get|grasp|know|care\s+about|understood)\s+"
    r"(?:(?:anything|the\s+first\s+thing|the\s+basics|a\s+thing|much|what)\s+(?:about|of)\s+)?"
    r"(?:engineering|technology|tech|code|coding|software|programming|design|data|the\s+basics|"
    r"anything|nursing|teaching|sales|logistics|finance|accounting|marketing|the\s+job|"
    r"(?:his|her|their)\s+(?:own\s+)?job|what\s+(?:he|she|they)\s+(?:was|were)\s+doing|how\s+"
    r"(?:\w+\s+){0,3}works?|what\s+we\s+do|what\s+I\s+do|our\s+work|real\s+work|the\s+real\s+world)\b"
    r"|\b(?:he|she|they)\s+(?:had|has|have)\s+no\s+(?:idea|clue)\s+what\s+(?:he|she|they)\s+"
    r"(?:was|were|is|are)\s+doing\b"
    r"|\b(?:he|she|they)\s+(?:couldn['’]t|could\s+not|can['’]t)\s+do\s+(?:his|her|their)\s+(?:own\s+)?job\b",
)


_NAME_CALLING_WORDS = (
    "idiot", "moron", "jerk", "clown", "to work with", "kind of", "sort of", "type of", "out of touch",
    "cared about",
    "cares about",
)  # fmt: skip
_OTHER = r"(?:he|she|they|(?:the|our|my|their)\s+(?:\w+\s+)?(?:" + "|".join(sorted(PEOPLE)) + r"))"
_NAME_CALLING = rx(
    r"\b(?:idiots?|morons?|jerks?|clowns?)\b|\b(?:impossible|a\s+nightmare|hell)\s+to\s+work\s+with\b|"
    # A verdict on what kind of person someone is, not on what they did: "he's the kind of person who
    # never listens", "she only ever cared about her bonus", "he was completely out of touch".
    rf"\b{_OTHER}(?:['’]s|\s+(?:is|was|were|are))\s+(?:just\s+)?the\s+(?:kind|sort|type)\s+of\s+"
    r"(?:person|people|manager|boss|man|woman|guy|colleague)\s+(?:who|that)\s+(?:(?:never|can['’]t|"
    r"won['’]t|doesn['’]t|don['’]t)\s+(?:listen|help|admit|accept|change|learn|care|bother|take\s+"
    r"(?:responsibility|advice|feedback))|(?:always|only\s+ever)\s+(?:complain|blame|moan|interrupt|"
    r"argue|shout|has\s+to\s+be\s+right|thinks?\s+(?:he|she|they)))\w*|"
    rf"\b{_OTHER}\s+(?:only\s+(?:ever\s+)?|just\s+|never\s+)cared?s?\s+about\s+(?:himself|herself|"
    r"themselves|(?:his|her|their)\s+(?:own\s+)?(?:bonus|targets?|numbers|career|promotion|image|ego))\b|"
    rf"\b{_OTHER}\s+(?:was|is|were|are|seemed)\s+(?:(?:completely|totally|utterly|so|just|really)\s+)?"
    r"out\s+of\s+touch\b",
)


def personal_attacks(text: str, spans: Sequence[Span]) -> list[Span]:
    """Return character attacks, contempt and name-calling aimed at others, without overlaps."""
    found = character_attacks(text, spans) + contempt(text)
    low = fold(text)
    if any(word in low for word in _NAME_CALLING_WORDS):
        found += [
            Span(m.start(), m.end())
            for m in _NAME_CALLING.finditer(low)
            if not any(s.start <= m.start() < s.end for s in found)
        ]
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


# Anchored on the verb, with no leading word boundary, so the scan keeps its fast first-letter test;
# the negation is then looked for just before it.
_CONTEMPT_ANCHOR = rx(
    r"(?:understand|understood|grasp|know|get|care\s+about|do\s+(?:his|her|their)|idea|clue)\b"
)
_NEGATED_BEFORE = rx(
    r"(?:n['’]t|\bnot|\bnever|\bno)\s+(?:(?:even|really|fully|ever|actually|begin\s+to)\s+)*$"
)


def contempt(text: str) -> list[Span]:
    """Return dismissals of someone's competence as a whole ("he just didn't understand engineering")."""
    low = text.lower()
    if not any(cue in low for cue in ("n't", "n’t", " not ", " no ", "never")):
        return []
    low = fold(text)
    found = []
    for anchor in _CONTEMPT_ANCHOR.finditer(low):
        if not _NEGATED_BEFORE.search(low, max(0, anchor.start() - 40), anchor.start()):
            continue
        # Match the whole phrase from a little before its negation, where its subject starts.
        for match in _CONTEMPT.finditer(
            low, max(0, anchor.start() - 60), min(len(low), anchor.end() + 80)
        ):
            if match.start() <= anchor.start() < match.end():
                found.append(Span(match.start(), match.end()))
                break
    return found


# --- Blame of others and of circumstances, for failure stories. ---
_OUT_OF_CONTROL_CUES = (
    "i could",
    "we could",
    "anyone could",
    "control",
    "hands",
    "my fault",
    "my call",
    "my decision",
    "my responsibility",
    "on me",
    "down to me",
    "my problem",
    "my department",
    "set up to fail",
    "let down by",
    "under the bus",
    "not my",
    "can do",
)
_OUT_OF_CONTROL = rx(
    r"(?<!\w)(?:(?:wasn['’]t|was\s+not|isn['’]t|is\s+not|not)\s+(?:really\s+|exactly\s+)?"
    r"(?:anything|something)\s+I\s+could\s+(?:have\s+)?(?:control(?:led)?|do|done|change|changed|"
    r"influence|fix)|nothing\s+I\s+could\s+(?:have\s+)?(?:control(?:led)?|do|done|change|changed|"
    r"really\s+do|have\s+done)|(?:out\s+of|beyond|outside(?:\s+of)?)\s+my\s+(?:control|hands)|"
    r"out\s+of\s+our\s+(?:control|hands)|(?:there\s+was\s+)?(?:nothing|not\s+much|little)\s+"
    r"(?:more\s+)?(?:I|anyone|we)\s+could\s+(?:have\s+)?(?:done|do)|(?:wasn['’]t|was\s+not|isn['’]t)\s+"
    r"(?:really\s+)?(?:my|on\s+me|down\s+to\s+me|my\s+call|my\s+decision|my\s+responsibility)"
    r"(?:\s+(?:fault|call|decision|responsibility|problem|area))?|not\s+my\s+(?:fault|call|problem|"
    r"department|responsibility)|(?:I|we)\s+(?:was|were)\s+(?:set\s+up\s+to\s+fail|let\s+down\s+by|"
    r"thrown\s+under\s+the\s+bus)|(?:wasn['’]t|was\s+not)\s+(?:a\s+lot|much|anything)\s+(?:more\s+)?"
    r"(?:I|we)\s+could\s+(?:have\s+)?(?:done|do)|"
    # "there's only so much anyone can do", "a ceiling on what any one team can do"
    r"(?:only\s+so\s+much|a\s+(?:ceiling|limit)\s+(?:on|to)\s+what)\s+(?:anyone|anybody|any\s+one\s+\w+|"
    r"one\s+\w+|a\s+single\s+\w+|I|we)\s+(?:can|could)\s+do|"
    r"(?:isn['’]t|is\s+not|wasn['’]t|was\s+not)\s+always\s+in\s+(?:your|my|our|anyone['’]s)\s+control)",
)
_OTHERS_FAILED = rx(
    r"(?<!\w)(?:(?:because|since|as|after|when)\s+(?:the\s+|our\s+|my\s+|their\s+)?(?:\w+\s+){0,2}?"
    r"(?:team|marketing|sales|qa|design|designers?|developers?|engineers?|vendor|supplier|client|"
    r"customer|management|leadership|manager|boss|director|he|she|they|it\s+team|ops|operations|"
    r"finance|legal|hr|contractors?|agency|warehouse|kitchen|pharmacy|office|council|head\s+office|"
    r"partners?)\s+(?:had\s+|was\s+|were\s+)?(?:didn['’]t|did\s+not|never|failed\s+to|forgot|"
    r"missed|wouldn['’]t|refused|changed|delivered\s+late|was\s+late|were\s+late|late|dropped|"
    r"messed\s+up|screwed\s+up|gave\s+us|kept\s+(?:changing|missing|forgetting|making|getting|being|ignoring|pushing)|couldn['’]t|underestimated|"
    r"ignored)"
    r"|(?:they|he|she|marketing|qa|the\s+\w+\s+team|management|the\s+client|the\s+vendor|"
    r"the\s+designers?|the\s+developers?)\s+(?:had\s+)?(?:dropped\s+the\s+ball|messed\s+(?:it\s+)?up|"
    r"screwed\s+(?:it\s+)?up|let\s+(?:us|me)\s+down|didn['’]t\s+(?:deliver|do\s+their\s+(?:job|part))|"
    r"never\s+(?:delivered|told\s+(?:us|me)|sent|gave))"
    r"|(?:because|since|as|after)\s+(?:the|our|their|a)\s+(?:\w+\s+)?\w+\s+(?:was|were|had\s+been)\s+"
    r"(?:late|slow|wrong|down|broken|missing|delayed|unavailable|off\s+sick|short-staffed)"
    r"|if\s+(?:only\s+)?(?:they|he|she|marketing|qa|management|the\s+\w+)\s+had\s+(?:just\s+)?"
    r"(?:\w+ed|done|told|given|sent|listened))",
)


_OWN_PART = rx(
    r"\bI\s+(?:had\s+)?(?:should\s+have|should['’]ve|shouldn['’]t\s+have|didn['’]t|did\s+not|"
    r"failed\s+to|underestimated|overestimated|assumed|overlooked|missed|forgot|never|misjudged|"
    r"rushed|skipped|ignored|took\s+(?:full\s+)?(?:responsibility|ownership)|hadn['’]t|wasn['’]t|"
    r"was\s+(?:wrong|too\s+slow|late)|misread|chose|decided|got\s+(?:it|that|this)\s+wrong|"
    r"made\s+(?:a|the|one)\s+(?:\w+\s+)?(?:mistake|call|error|assumption)|let\s+(?:it|that|this|them)|"
    r"should\s+not\s+have|could\s+have|own(?:ed)?\s+(?:it|that|the))\b|\bmy\s+(?:own\s+)?"
    r"(?:mistake|fault|part|error|responsibility|misjudgment|blind\s+spot|plan|call|decision|"
    r"estimate|assumption)\b|\bon\s+me\b|"
    r"\b(?:the|that)\s+(?:miss|mistake|error)\s+was\s+mine\b",
)


def owns_a_part(text: str) -> bool:
    """Return True when the speaker names their own part in what went wrong."""
    return _OWN_PART.search(fold(text)) is not None


def blame_of_others(text: str) -> tuple[list[Span], list[Span]]:
    """Return (strong, weak) spans: 'nothing I could control' phrases, and others' failures as causes."""
    text = fold(text)
    strong = []
    if any(cue in text for cue in _OUT_OF_CONTROL_CUES):
        strong = [Span(m.start(), m.end()) for m in _OUT_OF_CONTROL.finditer(text)]
    # The pattern has no leading word boundary (it keeps the scan fast); the boundary is checked here.
    weak = [
        Span(m.start(), m.end())
        for m in _OTHERS_FAILED.finditer(text)
        if m.start() == 0 or not text[m.start() - 1].isalnum()
    ]
    return strong, weak


# --- A weakness that is really a strength. ---
_VIRTUE_AS_FLAW = rx(
    r"\b(?:(?:too|overly|very|a bit|far too) (?:committed|dedicated|passionate|"
    r"detail[- ](?:focused|oriented|driven)|thorough|driven|ambitious|caring|nice|loyal|conscientious|"
    r"meticulous|helpful|generous|invested|eager|hard[- ]working|organised|organized|honest|focused)|"
    r"car(?:e|es|ed|ing) too much|work(?:s|ed|ing)? too (?:hard|much|many hours|long)|too many hours|"
    r"tak(?:e|es|ing) on too much|above and beyond|can(?:'|’)?t switch off|set(?:ting)? the bar (?:too |very )?high|expect (?:a lot|too much) (?:from|of) myself|"
    r"(?:do|does) it better myself|want(?:s|ed)? (?:things|everything|it|every\w+) (?:done )?"
    r"(?:right|perfect|perfectly)|hate letting (?:people|anyone|anybody|the team|others|my team) down|"
    r"love what I do|just care about|(?:so|too|very) committed|care a lot about quality|stay late to help|"
    r"first to volunteer|burn(?:ing|t|ed)? myself out)"
)
# A weakness with a real cost is a real weakness, even when it sounds like a virtue.
_REAL_COST = rx(
    r"\b(?:missed (?:a|the|two|three|my|our|several)|mistakes?|errors?|cost (?:us|me|the|them)|lost|"
    r"complain\w*|slipped|delayed|rework|wasted|went wrong|bottleneck|held (?:up|back)|"
    r"blocked|caught|got (?:it )?wrong|dropped)\b"
)


def virtue_as_flaw(text: str) -> list[Span]:
    """Return a virtue offered as the weakness ("I take on too much because I hate letting people down"),
    unless the answer names a real cost of it or a change since."""
    low = fold(text)
    found = [Span(m.start(), m.end()) for m in _VIRTUE_AS_FLAW.finditer(low)]
    if not found or _REAL_COST.search(low):
        return []
    return found[:1]


# --- A failure that is really an achievement: the story opens on beating the target. ---
_OVER_TARGET = rx(
    r"\b(?P<n>\d{3,})\s*(?:%|per ?cent)\s+(?:of\s+)?(?:my\s+|the\s+|our\s+|her\s+|his\s+)?"
    r"(?:\w+\s+)?(?:target|quota|goal|budget|plan|forecast)s?\b|"
    r"\b(?:(?:a|one)\s+hundred\s+and|(?:two|three|four|five)\s+hundred)(?:\s+and)?(?:\s+[a-z-]+)?"
    r"\s+(?:%|per ?cent)\s+(?:of\s+)?(?:my\s+|the\s+|our\s+)?(?:\w+\s+)?(?:target|quota|goal)s?\b|"
    r"\b(?:top|best|highest|number one)\s+(?:performer|seller|biller|earner|rep|salesperson)\b"
)
_FULL_MARKS = 100


def achievement_as_failure(opening: str) -> Span | None:
    """Return where the sentence that names a failure or weakness names an achievement instead ("the
    quarter I hit 260 percent of target"), or None."""
    for match in _OVER_TARGET.finditer(fold(opening)):
        number = match.group("n")
        if number is None or int(number) > _FULL_MARKS:
            return Span(match.start(), match.end())
    return None
