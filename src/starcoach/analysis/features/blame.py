"""Blame read from clause structure: who is the subject of each clause, and does the clause say they fell short.

A phrase list catches "it was his fault" but not blame told in fresh wording ("he was out of his depth",
"our product team hadn't shipped the integration", "if he'd sequenced it properly we'd have been out on
time"). This reader splits each sentence into clauses, names the subject of each with the actor parser
(`agency.classify_actor`), and asks whether the clause's verb group says that subject fell short: a negated
or failed verb ("didn't", "hadn't", "never", "barely", "failed to"), an unmet duty ("should have"), a
deficient state ("out of his depth", "out of date"), or a counterfactual that puts the fix in their hands.

An answer blames when two or more clauses say others fell short, or one does and the speaker clears
themselves ("I wouldn't do anything differently", "anyone would have struggled"), and no clause says the
speaker fell short ("I didn't check", "I assumed", "my plan missed the weekend").

Clauses come from the shared splitter (`clauses.split_clauses`); a clause that opens with its verb carries
the subject of the one before ("the night nurse had given it early but got called away and never went
back"), and a relative clause ("a contractor who clearly didn't go") is about the person before it. In a
failure story, a shortfall told with no one named ("the dose hadn't been signed for", "the posts were an
afterthought") and what the speaker was not given ("I wasn't given a budget") count as others' too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starcoach.analysis.features.agency import classify_actor
from starcoach.analysis.features.clauses import opens_with_verb, split_clauses
from starcoach.analysis.report import Span

# Words a clause can open with before its subject: conjunctions and sentence adverbs.
_LEADING = re.compile(
    r"^(?:(?:and|but|so|because|which|then|while|whereas|although|though|until|unless|when|also|"
    r"honestly|frankly|really|plus|and then|obviously|basically|of course|in the end|looking back)\s+)+",
    re.IGNORECASE,
)

# A verb group that says its subject did not do, or failed at, what the clause names.
_NEGATED = re.compile(
    r"\b(?:didn['’]t|did\s+not|hadn['’]t|had\s+not|never|barely|hardly|wasn['’]t|was\s+not|weren['’]t|"
    r"were\s+not|wouldn['’]t|would\s+not|won['’]t|doesn['’]t|does\s+not|"
    r"don['’]t|do\s+not|isn['’]t|aren['’]t|failed\s+to|forgot|refused|neglected|"
    r"should\s+have|should['’]ve|was\s+supposed\s+to|were\s+supposed\s+to|was\s+meant\s+to|"
    r"were\s+meant\s+to|chose\s+not\s+to|decided\s+not\s+to)\b",
    re.IGNORECASE,
)
# Negated verbs that are no shortfall: "she never missed a shift", "he didn't complain", "I didn't stop".
_BENIGN_AFTER_NEGATION = re.compile(
    r"^(?:\s*(?:\w+ly|just|even|ever|once|really|actually|always))*\s*(?:miss(?:ed)?|complain(?:ed)?|mind|"
    r"let\s+(?:it|that|him|her|them)\s+(?:affect|get\s+to|bother|stop)|leave|go\s+home|"
    r"hesitate|panic(?:ked)?|want(?:ed)?|like|agree|give\s+up|gave\s+up|stop(?:ped)?|quit|hold\s+back|let\s+(?:us|me|it)\s+"
    r"down|lose|lost\s+(?:his|her|their)\s+temper|need|take\s+(?:a|my|any)\s+break|get\s+(?:a|my)\s+"
    r"break|have\s+to|argue|interrupt|raise\s+(?:his|her|their)\s+voice|budge)\b",
    re.IGNORECASE,
)
# A state that is a shortfall: "he was out of his depth", "the case studies were two years out of date".
_DEFICIENT_STATE = re.compile(
    r"^(?:was|were|is|are|had\s+been|has\s+been|have\s+been|['’]s|['’]re|seemed|looked|had|has)\s+"
    r"(?:\w+\s+){0,3}?(?:out\s+of\s+(?:his|her|their|its|my)\s+depth|out\s+of\s+date|in\s+over\s+"
    r"(?:his|her|their)\s+heads?|no\s+(?:idea|clue)|not\s+a\s+clue|clueless|useless|incompetent|"
    r"unrealistic|sloppy|careless|unprepared|disorganised|disorganized|all\s+over\s+the\s+place|"
    r"late\s+(?:with|on|again|every)|wrong\s+(?:again|about)|an\s+afterthought|a\s+(?:mess|shambles))\b",
    re.IGNORECASE,
)
# Thinking verbs that carry a clause: "I don't think he understood" says he did not understand.
_OPINION = re.compile(
    r"^I\s+(?:(?:really\s+|honestly\s+|just\s+)?(?:think|thought|felt|feel|reckon|believe|knew|know)|"
    r"(?P<neg>don['’]t|do\s+not|didn['’]t|did\s+not)\s+(?:really\s+)?(?:think|believe|feel)|"
    r"(?:could|can)\s+see)\s+(?:that\s+)?",
    re.IGNORECASE,
)
# "If he'd sequenced it properly, we'd have been out on time": the fix was in another's hands.
_COUNTERFACTUAL = re.compile(
    r"\bif\s+(?:only\s+)?(?P<subject>[^,.;]{1,40}?)(?:['’]d|\s+had)\s+(?:\w+\s+){0,2}?\w+"
    r"[^.;]{0,80}?\b(?:we|it|everything|things|that|this|they|the\s+\w+)(?:\s+would(?:\s+have|['’]ve|n['’]t\s+"
    r"have)|['’]d\s+have|\s+could\s+have)\b",
    re.IGNORECASE,
)
# The speaker's own shortfall without a negation: "I assumed", "I missed", "my plan missed the weekend".
_OWN_FAULT_VERBS = re.compile(
    r"^(?:\s*(?:\w+ly|just|also|simply|completely|totally))*\s*(?:assumed|missed|forgot|overlooked|"
    r"underestimated|overestimated|misjudged|misread|misheard|rushed|skipped|"
    r"overcommitted|overpromised|got\s+(?:it|that|this|the\s+\w+)\s+wrong|made\s+(?:a|the|an|one)\s+"
    r"(?:\w+\s+)?(?:mistake|error|assumption|bad\s+call)|let\s+(?:it|that|this|them|him|her|the\s+\w+)\s+"
    r"(?:slip|drift|go|ride|down)|took\s+my\s+eye|was\s+(?:wrong|too\s+slow|late|careless|sloppy)|"
    r"should\s+have|should['’]ve|could\s+have|could['’]ve|shouldn['’]t\s+have|own(?:ed)?\s+(?:it|that|"
    r"the\s+\w+)|take\s+(?:the\s+)?(?:blame|responsibility)|took\s+(?:the\s+|full\s+)?(?:blame|"
    r"responsibility|ownership))\b",
    re.IGNORECASE,
)
_OWN_FAULT_WORDS = re.compile(
    r"\b(?:my\s+(?:own\s+)?(?:mistake|fault|error|misjudg(?:e)?ment|blind\s+spot)|(?:was|is)\s+on\s+me|"
    r"(?:the|that)\s+(?:miss|mistake|error)\s+was\s+mine|I\s+(?:was|am)\s+to\s+blame|"
    r"part\s+of\s+(?:it|that|the\s+problem)\s+was\s+(?:me|mine|my))\b",
    re.IGNORECASE,
)
# The speaker clearing themselves: "I wouldn't do anything differently", "anyone would have struggled".
_SELF_EXONERATION = re.compile(
    r"\b(?:I\s+(?:wouldn['’]t|would\s+not)\s+(?:really\s+)?(?:do|change)\s+(?:anything|much|a\s+thing)|"
    r"I(?:\s+gave|\s+had\s+given|['’]d\s+given)\s+(?:it|that\s+\w+|the\s+\w+)\s+everything|"
    r"I(?:\s+did|['’]d\s+done|\s+had\s+done)\s+(?:everything|all)\s+(?:right|I\s+could|I\s+was\s+asked)|"
    r"I\s+ran\s+a\s+(?:good|solid|tight|clean)\s+(?:process|campaign|project|shift)|"
    r"I\s+did\s+(?:nothing\s+wrong|my\s+(?:job|part|bit))|"
    r"(?:anyone|anybody|any\s+\w+|nobody|no\s+one)\s+(?:\w+\s+){0,3}?(?:would|could)\s+(?:have\s+)?"
    r"(?:struggled|found\s+it\s+hard|done\s+(?:the\s+same|any\s+better|better))|"
    r"(?:not\s+much|nothing|little)\s+(?:any\s+\w+|anyone|anybody|one\s+person)\s+(?:can|could)\s+do|"
    r"only\s+so\s+much\s+(?:one\s+person|I|anyone|a\s+person)\s+can\s+do|"
    r"can['’]t\s+be\s+in\s+(?:two|three|four)\s+places|wasn['’]t\s+(?:really\s+)?anyone['’]s\s+fault|"
    r"these\s+things\s+happen|(?:wasn['’]t|isn['’]t|not)\s+(?:really\s+|honestly\s+)?my\s+fault|"
    r"don['’]t\s+see\s+what\s+else\s+(?:I|was|could)|(?:not\s+much|nothing|little)\s+I['’]d\s+do\s+"
    r"differently|(?:isn['’]t|wasn['’]t|is\s+not|was\s+not)\s+(?:much|a\s+lot|anything)\s+(?:more\s+)?"
    r"(?:I|anyone|we)\s+could\s+(?:have\s+)?(?:done|do)|"
    # "I'd see it more as a process failure than an individual one"
    r"(?:process|system|systems|systemic|structural|organi[sz]ational)\s+(?:failure|problem|issue)\s+"
    r"(?:than|rather\s+than|,?\s*not)\s+(?:an?\s+)?(?:individual|personal|people)|"
    r"to\s+be\s+fair\s+to\s+me|in\s+my\s+defen[cs]e|the\s+plan\s+was\s+(?:fine|sound|solid|good))",
    re.IGNORECASE,
)
# A subject that is someone else's thing: "marketing's case studies", "his designs", "their system".
_OTHERS_THING = re.compile(r"^(?:the\s+)?(?:his|her|their|[a-z]+['’]s)\s+\w+", re.IGNORECASE)
_NOBODY = re.compile(
    r"^(?:nobody|no\s+one|not\s+one\s+of\s+(?:them|the\s+\w+)|none\s+of\s+(?:them|the\s+\w+))\b",
    re.IGNORECASE,
)
# Some of a group of others as a subject: "about half of them", "most of the site managers".
_SOME_OF_THEM = re.compile(
    r"^(?:about\s+|only\s+|at\s+least\s+)?(?:half|most|some|several|a\s+few|one|two|three|all)\s+of\s+"
    r"(?:them|the\s+(?:\w+\s+)?\w+)\b",
    re.IGNORECASE,
)
# A noun phrase for a group or a thing in others' hands: "the kitchen", "their system", "management".
_OTHERS_NOUN = re.compile(
    r"^(?:the|his|her|their|management|leadership|head\s+office|marketing|sales|finance|hr)\b",
    re.IGNORECASE,
)
_OWN_THING = re.compile(r"^my\s+(?:own\s+)?\w+", re.IGNORECASE)
_OTHER_ACTORS = frozenset({"they", "named"})
# "Nobody gave me a handover", "no one told us", "nobody had time": a duty to the speaker left undone.
_NOBODY_FAILED = re.compile(
    r"^\s*(?:\w+ly\s+|ever\s+|really\s+|even\s+)*(?:had\s+(?:the\s+)?time|\w+\s+(?:me|us|the\s+team|my|our)\b|"
    r"\w+ed\b|picked\s+(?:it\s+)?up|caught|saw|spotted|told|said|rang|wrote|checked|took)",
    re.IGNORECASE,
)
# What nobody doing is no one's shortfall: "nobody was hurt", "no one complained", "nobody could have".
_NOBODY_BENIGN = re.compile(
    r"^\s*(?:\w+ly\s+)*(?:was|were|got|could|would|can|will|complained|objected|minded|died|"
    r"(?:was|were|got)\s+(?:hurt|harmed|injured))\b",
    re.IGNORECASE,
)
# A negated passive with no one named, or an unmet duty: "the morning dose hadn't been signed for", "it
# wasn't delivered", "comms were meant to push it".
_NEGATED_PASSIVE = re.compile(
    r"\b(?:hadn['’]t\s+been|had\s+not\s+been|had\s+never\s+been|"
    r"hasn['’]t\s+been|haven['’]t\s+been|wasn['’]t|was\s+not|was\s+never|weren['’]t|were\s+not|"
    r"were\s+never|never\s+got)\s+(?:\w+ly\s+|properly\s+|even\s+|actually\s+)*"
    r"(?:[a-z]+ed|done|given|sent|shown|told|made|put|set|seen|written|taken|brought)\b|"
    r"\b(?:was|were)\s+(?:meant|supposed)\s+to\b",
    re.IGNORECASE,
)
# A subject that may be the speaker's or the team's: what is negated of it is not plainly others'.
_OWN_OR_OURS = re.compile(r"\b(?:I|me|my|we|our|us|myself)\b", re.IGNORECASE)
# The speaker left without what others owed them: "I wasn't given a budget", "I was never told".
_DEPRIVED = re.compile(
    r"^\s*(?:\w+ly\s+|just\s+|even\s+)*(?:wasn['’]t|was\s+not|was\s+never|never\s+got|hadn['’]t\s+been)\s+"
    r"(?:given|told|asked|consulted|invited|informed|trained|shown|sent|copied|warned|briefed|included|"
    r"offered|allowed)\b",
    re.IGNORECASE,
)
# Contempt that is no negation: "apparently a spreadsheet is beyond them".
_BEYOND_THEM = re.compile(
    r"\b(?:is|was|are|were|['’]s)\s+(?:\w+\s+)?beyond\s+(?:them|him|her|most\s+of\s+them)\b",
    re.IGNORECASE,
)
# A clause that states a condition, not what happened: "if it isn't signed".
_CONDITION = re.compile(r"^(?:if|unless|whether)\b", re.IGNORECASE)
# A relative clause about a person named just before it: "(a contractor) who clearly didn't go".
_RELATIVE = re.compile(r"^who(?:['’](?:d|s|ve))?\s+", re.IGNORECASE)
_DENIAL_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever)\b[^.]*$", re.IGNORECASE)
# "I refused the application": a decision of the speaker's, not a shortfall.
_OWN_DECISION = re.compile(r"^\s*(?:\w+ly\s+|just\s+)*refused\b", re.IGNORECASE)
# A verb that reports what someone else said or thought: the rest of its sentence is their view, not the
# speaker's admission ("my manager said my pipeline didn't look accurate").
_REPORTING = re.compile(
    r"^\s*(?:\w+ly\s+)?(?:said|told|felt|thought|mentioned|pointed\s+out|raised|complained|claimed|"
    r"noted|wrote|reckoned|decided|found|flagged|picked\s+up)\b",
    re.IGNORECASE,
)
# How far into the words after a subject a negation may sit when the parser found no verb group.
_BARE_VERB_GROUP = 12


def clauses(sentence: str, offset: int = 0) -> list[Span]:
    """Return the clauses of a sentence as spans (shifted by `offset`), as `split_clauses` cuts them,
    with the conjunctions and sentence adverbs that open them left out."""
    found: list[Span] = []
    for start, end in split_clauses(sentence):
        piece = sentence[start:end]
        lead = _LEADING.match(piece)
        skip = lead.end() if lead else 0
        text = piece[skip:].rstrip(" ,.!?\"'")
        if text:
            found.append(Span(offset + start + skip, offset + start + skip + len(text)))
    return found


def _subject(clause: str) -> tuple[str, int, int | None]:
    """Return who a clause is about ("i", "other", "own_thing", "nobody", "we", "none" or "" when the clause
    opens with its verb), where the words after the subject start, and where the main verb group ends
    (None when the parser found none), as offsets into the clause."""
    nobody = _NOBODY.match(clause)
    if nobody:
        return "nobody", nobody.end(), None
    some = _SOME_OF_THEM.match(clause)
    if some:
        return "other", some.end(), None
    if opens_with_verb(clause):
        return "", 0, None  # "(the nurse had given it early but) got called to an arrest"
    guess = classify_actor(clause)
    verb_end = guess.verb_end
    if guess.start is None and guess.actor == "i":
        return "", 0, verb_end  # "chose not to pay": the subject is the previous clause's
    after = guess.end if guess.end is not None else (guess.verb_start or 0)
    if guess.actor in _OTHER_ACTORS:
        return "other", after, verb_end
    if guess.actor == "i":
        return "i", after, verb_end
    words = (clause[guess.start : guess.end] if guess.start is not None else "").split()
    if guess.actor == "we" and len(words) >= 3 and words[0].lower() == "our":
        return "other", after, verb_end  # "our product team": another part of the company
    if guess.actor in ("none", "passive") and guess.verb_start is not None:
        head = clause[: guess.verb_start].strip()
        if _OWN_THING.match(head):
            return "own_thing", guess.verb_start, verb_end
        if _OTHERS_THING.match(head):
            return "other", guess.verb_start, verb_end
    return guess.actor, after, verb_end


def _falls_short(predicate: str, verb_end: int | None, negated_by_opinion: bool = False) -> bool:
    """Return True when the words after a subject say it fell short: a negation inside the verb group
    (up to `verb_end`, an offset into `predicate`), or a deficient state."""
    negation = _NEGATED.search(predicate, 0, 60)
    limit = verb_end if verb_end is not None and verb_end > 0 else _BARE_VERB_GROUP
    if negation and negation.start() < limit:
        return not _BENIGN_AFTER_NEGATION.match(predicate[negation.end() :])
    if negated_by_opinion:
        return True
    return _DEFICIENT_STATE.match(predicate.strip()) is not None


def _read_clause(clause: str, previous: str = "", failure: bool = False) -> tuple[str, str | None]:
    """Return who the clause is about (for the next clause to inherit) and "other" when it says someone
    else fell short, "own" when it says the speaker did, else None. `previous` is the subject of the
    clause before it in the sentence; in a `failure` story a shortfall told with no one named ("the dose
    hadn't been signed for") and what the speaker was not given are others' shortfalls too."""
    if _CONDITION.match(clause):
        return previous, None
    if _BEYOND_THEM.search(clause):
        return "other", "other"
    relative = _RELATIVE.match(clause)
    if relative:
        who = (
            previous if previous == "i" else "other"
        )  # "I was the one who ...", "a contractor who ..."
        predicate = clause[relative.end() :]
        return who, "other" if who == "other" and _falls_short(predicate, None) else None
    opinion = _OPINION.match(clause)
    if opinion and len(clause) > opinion.end() + 3:
        rest = clause[opinion.end() :]
        who, after, verb_end = _subject(rest)
        shift = None if verb_end is None else verb_end - after
        if who == "other" and _falls_short(rest[after:], shift, bool(opinion.group("neg"))):
            return who, "other"
        return who, None
    who, after, verb_end = _subject(clause)
    if not who:
        who = previous or "i"
    predicate = clause[after:]
    shift = None if verb_end is None else verb_end - after
    if who == "nobody":
        failed = _NOBODY_FAILED.match(predicate) and not _NOBODY_BENIGN.match(predicate)
        return who, "other" if failed else None
    if failure and who in ("none", "passive") and _unowned_shortfall(clause, predicate, shift):
        return who, "other"
    if failure and who == "i" and _DEPRIVED.match(predicate):
        return who, "other"
    if who == "other":
        if _REPORTING.match(predicate):
            return "reported", None
        return who, "other" if _falls_short(predicate, shift) else None
    if who in ("i", "own_thing") and _owns_shortfall(clause, predicate, shift):
        return who, "own"
    return who, None


def _unowned_shortfall(clause: str, predicate: str, verb_end: int | None) -> bool:
    """Return True when a clause about a thing no one owns says it was not done or fell short ("the
    morning dose hadn't been signed for", "the social posts were an afterthought"), and its subject is
    not the speaker's or the team's ("our figures weren't checked")."""
    negation = _NEGATED_PASSIVE.search(clause)
    if negation:
        head = clause[: negation.start()]
        return len(head.split()) <= 6 and not _OWN_OR_OURS.search(head)
    if _OWN_OR_OURS.search(clause[: max(0, len(clause) - len(predicate))]):
        return False
    return _DEFICIENT_STATE.match(predicate.strip()) is not None


def _owns_shortfall(clause: str, predicate: str, verb_end: int | None) -> bool:
    """Return True when a clause about the speaker says they fell short ("I didn't check", "I assumed"),
    not that they held out ("I didn't take a break") or decided ("I refused the claim")."""
    if _OWN_FAULT_VERBS.match(predicate):
        return True
    return (
        _falls_short(predicate, verb_end)
        and not _SELF_EXONERATION.search(clause)
        and not _OWN_DECISION.match(predicate)
    )


def _owns_fault_outright(sentence: str) -> bool:
    """Return True for "my mistake", "that was on me", but not "it wasn't my fault"."""
    for match in _OWN_FAULT_WORDS.finditer(sentence):
        if not _DENIAL_BEFORE.search(sentence[max(0, match.start() - 25) : match.start()]):
            return True
    return False


def _counterfactuals(sentence: str) -> list[str]:
    """Return "other" or "own" for each counterfactual that puts the fix in someone's hands."""
    found = []
    for match in _COUNTERFACTUAL.finditer(sentence):
        subject = match.group("subject").strip()
        who, _after, _verb = _subject(subject + " had done it")
        if who == "i":
            found.append("own")
        elif who == "other" or (who in ("none", "passive") and _OTHERS_NOUN.match(subject)):
            found.append("other")
    return found


def blame_span(text: str, sentences: Sequence[Span], failure: bool = False) -> Span | None:
    """Return the first clause where another person fell short, when the answer puts the failure on others
    (in two or more sentences, or in one while the speaker clears themselves) and never names a shortfall
    of the speaker's own; else None. `failure` reads the answer as a story of something that went wrong,
    where a shortfall told with no one named is someone else's."""
    found: list[Span] = []
    for sentence in sentences:
        sentence_text = sentence.text(text)
        if _owns_fault_outright(sentence_text):
            return None
        readings = _counterfactuals(sentence_text)
        if "own" in readings:
            return None
        others = [sentence] if readings else []
        previous = ""
        for clause in clauses(sentence_text, sentence.start):
            if previous == "reported":
                break
            previous, reading = _read_clause(clause.text(text), previous, failure)
            if reading == "own":
                return None
            if reading == "other":
                others.insert(0, clause)
        if others:
            found.append(min(others, key=lambda span: span.start))
    if len(found) >= 2 or (found and _SELF_EXONERATION.search(text)):
        return found[0]
    return None
