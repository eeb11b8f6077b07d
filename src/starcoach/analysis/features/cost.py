"""Does a failure or weakness answer tell a real cost, or only good outcomes?

A failure answer earns its place by something that went wrong for someone: a missed date, a complaint, a lost
customer, errors, damage, rework. A success told as a failure names a threat that never landed ("there was a
real risk of tribunal claims", "if that had gone out it could have been a disaster"), a problem someone
else caused that the speaker then fixed ("I spotted that their stock count had been done on the wrong
date"), or a "failure" it redefines ("it failed in the sense that the kids loved it"), and its outcomes are
all good: praise, a promotion, every table served.

The reading is clause by clause (`clauses.split_clauses`). A clause tells a cost when it holds a word of
harm (an outcome gone bad for someone: lost, missed, late, complaint, angry, errors, leak, didn't work) that
is asserted: not negated ("no tribunal claims", "without a single misload"), not conditional or feared
("could have", "if", "risk of", "worried"), not the object of the speaker catching it ("I spotted that..."),
and not a failure word the sentence redefines ("in the sense that", "rather than a failure"). A clause
tells a good outcome when it holds a word of praise or success ("thanked", "promotion", "lovely reviews",
"on time", "every table was served") that is not negated or conditional.

Known limits: English words of harm and praise; a cost told only in numbers ("calls went from 40 to 90")
or in words neither list holds reads as no cost, so the checks that use this reading also ask for a good
outcome before they speak.
"""

from __future__ import annotations

from dataclasses import dataclass

from starcoach.analysis.features.agency import classify
from starcoach.analysis.features.clauses import split_clauses
from starcoach.analysis.features.fold import rx
from starcoach.analysis.scan import fold
from starcoach.analysis.text import split_sentences

# Outcomes gone bad for someone: lost, missed or late work, unhappy people, errors and damage, money.
_HARM = rx(
    r"\b(?:lost|lose|losing|loss|missed|miss|late|later than|delay\w*|behind|backlog|overran|over ?ran|"
    r"over budget|overspent|ran out|run out|running out|short-?staffed|complain\w*|angry|upset|annoyed|"
    r"frustrated|disappoint\w*|embarrass\w*|unhappy|furious|let (?:\w+ ){0,3}down|errors?|mistakes?|"
    r"bugs?|leak\w*|damp|damage\w*|fail(?:ed|s|ing)?|went (?:\w+ )?(?:badly|wrong)|did (?:\w+ )?poorly|"
    r"(?:didn['’]t|did not|wouldn['’]t|would not|couldn['’]t) (?:work|hold|cope|get through|finish)|"
    r"(?:got|were|was) stuck|wrong (?:\w+ )?(?:trailer|dose|patient|order|address|room|price|file|"
    r"account|version|figures?|date|day|site|part|size|one|moment|time)|(?:was|were) (?:\w+ )?wrong|"
    # A good outcome that did not come: "engagement was flat, no improvement over the control group".
    r"flat|no (?:\w+ )?(?:improvement|uplift|change|difference|impact|take-?up|interest)|"
    r"(?:didn['’]t|did not|never) (?:improve|help|sell|land|catch on|take off|pay off)|"
    r"cost (?:us|me|them|the|him|her)|wasted|"
    r"refund\w*|escalat\w*|churn\w*|cancel\w*|scrapped|requires improvement|harm\w*|"
    r"fined|penalt\w*|rework|redo\w*|redid|re-?poured|(?:was|were) gone|worse|dropped|fell|restless|"
    r"lost control)\b"
)
# Mishaps: something broke or someone was hurt. One that befalls another person ("my head chef rang in
# with a broken wrist") is the situation the story opens on, not a cost of the speaker's.
_MISHAP = rx(
    r"\b(?:broke|broken|crash\w*|jammed|outage|downtime|took (?:\w+ )?down|locked|injur\w*|hurt|sick|ill)\b"
)
# Praise and success: what a story told to impress ends on.
_GOOD = rx(
    r"\b(?:prais\w*|thanked|thanks? (?:me|us|you|the team)|congratulat\w*|promoted|"
    r"(?:a|my|an|early|for) promotion|put me forward|shortlisted|award\w*|"
    r"(?:lovely|good|great|glowing|excellent|five-star|brilliant) (?:reviews?|feedback)|"
    r"best (?:\w+ ){0,3}(?:they|we|I|ever|of the year)|catch of the year|as an example|"
    r"asked me to (?:share|present|run|lead|show|train)|still talk about|buzzing|went (?:really |very )?well|"
    r"(?:signed|landed|delivered|finished|launched|done|served|out) on time|in its slot|"
    r"every (?:\w+ ){0,2}(?:was|were|got) (?:served|delivered|done|met|signed|fixed)|"
    r"no (?:\w+ )?(?:claims|complaints|adjustments|incidents|errors|issues|problems)|"
    r"fixed (?:it )?within|(?:sales|results|numbers|engagement|trust|demand|bookings) (?:\w+ ){0,3}"
    r"(?:went|gone|had gone) up|selling out|sold out|record|exceeded|beat (?:my|our|the)|reputation)\b"
)
# Words in a clause that make what it tells unreal: a negation, a condition, a fear or a near miss.
_NEGATED = rx(r"\b(?:no|not|never|without|zero|nobody|nothing|none|n['’]t|neither|nor)\b|n['’]t\b")
_UNREAL = rx(
    r"\b(?:if|could|would|might|may|risk\w*|worr\w*|afraid|fear\w*|nearly|almost|chance|potential\w*|"
    r"in case|avoid\w*|prevent\w*|before it|rather than|instead of|unless|whether|wondered|"
    r"thought|expected|in the sense)\b"
)
# A condition that makes a whole clause unreal, wherever it stands: "it would have cost us an hour".
_CONDITIONAL = rx(r"\b(?:if|would|could|might|would've|could've|might've)\b")
# The speaker catching a problem: what follows is what they found, not what went wrong on their watch.
_CAUGHT = rx(r"\bI (?:\w+ ){0,3}(?:spotted|caught|noticed|found|picked up|flagged|raised)\b")
# A "failure" the speaker redefines or denies.
_REDEFINED = rx(
    r"\bin the sense (?:that|of)|\brather than a failure|\bnot (?:really |quite )?a failure|"
    r"\bcould have (?:\w+ )?(?:turned out|gone) (?:badly|wrong)|\bturned (?:it|things) (?:a)?round\b"
)


@dataclass(frozen=True, slots=True)
class Telling:
    """What an answer tells of its outcomes: clauses with an asserted cost, and with a good outcome."""

    costs: tuple[str, ...]
    goods: tuple[str, ...]

    @property
    def only_good(self) -> bool:
        """Return True when the answer tells good outcomes and no real cost."""
        return bool(self.goods) and not self.costs


def _clauses(text: str) -> list[tuple[str, str]]:
    """Return (clause, its sentence) for every clause of `text`, folded."""
    found = []
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        low = fold(sentence)
        found += [(low[a:b], low) for a, b in split_clauses(sentence)]
    return found


def _asserts(pattern_hit: int, clause: str) -> bool:
    """Return True when no negation or condition comes before the word at `pattern_hit` in its clause."""
    before = clause[:pattern_hit]
    return _NEGATED.search(before) is None and _UNREAL.search(before) is None


def _befalls_another(clause: str) -> bool:
    """Return True when the clause's subject is another person ("my head chef rang in with...")."""
    return classify(clause, prefer_speaker=False).actor in ("they", "named")


def tells_cost(clause: str, sentence: str) -> bool:
    """Return True when the clause asserts that something went wrong for someone."""
    if _REDEFINED.search(sentence) or _CAUGHT.search(sentence):
        return False
    hits = list(_HARM.finditer(clause))
    if not _befalls_another(clause):
        hits += _MISHAP.finditer(clause)
    if not hits or _CONDITIONAL.search(clause):
        return False
    return any(_asserts(hit.start(), clause) for hit in hits)


def tells_good(clause: str) -> bool:
    """Return True when the clause asserts a good outcome: praise, success, a target met."""
    hit = _GOOD.search(clause)
    if hit is None:
        return False
    # "No complaints" is good news, so a negation inside the match does not count against it.
    return _UNREAL.search(clause[: hit.start()]) is None


def read_outcomes(text: str) -> Telling:
    """Return the clauses of `text` that tell a real cost and those that tell a good outcome."""
    costs, goods = [], []
    for clause, sentence in _clauses(text):
        if tells_cost(clause, sentence):
            costs.append(clause)
        elif tells_good(clause):
            goods.append(clause)
    return Telling(tuple(costs), tuple(goods))
