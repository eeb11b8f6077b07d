"""Map an interview question, given as an id or as free text, to one of the core prompts.

Detection is a small weighted keyword model: each prompt has cue patterns with weights, the
strongest non-overlapping cues are summed per prompt, and the best prompt wins only when it is
clearly ahead. It is deliberately conservative: "Tell me about a time you led a team" is a fine
behavioral question but not one of the seven, so it maps to None and is checked as generic STAR.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from starcoach.content.loader import (
    CORE_QUESTION_IDS,
    GENERIC_QUESTION_ID,
    QUESTION_IDS,
    UnknownQuestionError,
)

__all__ = [
    "DETECTION_THRESHOLD",
    "QUESTION_ID_ALIASES",
    "Detection",
    "detect_question",
    "resolve_question",
]

DETECTION_THRESHOLD = 0.45
"""Below this confidence, `detect_question` answers None rather than guess."""

# A question longer than this is not a question; only its start is read, which keeps detection
# cheap on accidental pastes of a whole answer.
_MAX_CHARS = 600

# The smallest summed cue weight that can stand on its own: one strong cue ("weakness") is enough,
# one weak cue ("achieved") is not.
_MIN_SCORE = 2.5

QUESTION_ID_ALIASES: dict[str, str] = {
    "star_generic": GENERIC_QUESTION_ID,
    "star": GENERIC_QUESTION_ID,
    "proudest": "proud",
    "accomplishment": "proud",
    "achievement": "proud",
    "hardest_challenge": "challenge",
    "disagreement": "pushback",
    "conflict": "pushback",
    "difficult_coworker": "difficult_person",
    "mistake": "failure",
    "constructive_feedback": "feedback",
    "criticism": "feedback",
    "weakness": "improvement",
    "growth": "improvement",
}
"""Id-like names accepted besides the canonical ids, for `--question` convenience."""

_ID_LIKE = re.compile(r"^[a-z_]+$")


class Detection(NamedTuple):
    """The prompt a question maps to (None when it is not clearly one of the seven) and how sure."""

    question_id: str | None
    confidence: float


# Nouns whose superlative belongs to another prompt: "the toughest feedback" asks about feedback,
# "the most difficult person" about a difficult person, not about a challenge.
_NOT_CHALLENGE_NOUN = (
    r"(?!\s+(?:\w+\s+){0,2}(?:feedback|criticism|critique|person|people|co-?workers?|colleagues?"
    r"|teammates?|managers?|bosses?|stakeholders?|clients?|customers?|mistakes?|failures?"
    r"|weakness(?:es)?|conflicts?|disagreements?|pushback)\b)"
)

_PEOPLE = (
    r"(?:co-?workers?|colleagues?|teammates?|team\s+members?|persons?|people|individuals?"
    r"|managers?|bosses?|supervisors?|stakeholders?|clients?|customers?|peers?|partners?"
    r"|direct\s+reports?|reports?|employees?|personalit(?:y|ies)|someone|somebody|leads?"
    r"|relatives?|parents?|famil(?:y|ies)|members?\s+of\s+(?:the\s+)?public|patients?|residents?"
    r"|tenants?|students?|pupils?|contractors?|suppliers?|vendors?|neighbou?rs?|guests?"
    r"|members?\s+of\s+(?:staff|the\s+team)|staff)"
)
_HARD_ADJ = (
    r"(?:difficult|challenging|hard|tough|toxic|abrasive|demanding|uncooperative|unresponsive"
    r"|frustrating|annoying|rude|aggressive|negative|unreasonable|impossible|problematic"
    r"|disruptive|hostile|stubborn|angry|irate|upset|awkward|prickly|defensive|combative"
    r"|dismissive)"
)

# (prompt id, weight, pattern) on lowercased text with typographic apostrophes straightened.
_CUES: tuple[tuple[str, float, str], ...] = (
    # proud
    ("proud", 4.0, r"\bproud(?:est)?\b"),
    ("proud", 3.0, r"\b(?:take|took|takes)\s+(?:the\s+most\s+)?pride\b|\bpride\b"),
    (
        "proud",
        4.0,
        r"\b(?:greatest|biggest|most\s+important|most\s+significant|most\s+meaningful|best|top"
        r"|proudest|major|key|main|favou?rite|most\s+rewarding|most\s+impactful|most\s+notable)"
        r"\s+(?:\w+\s+)?(?:accomplishments?|achievements?)\b",
    ),
    ("proud", 3.0, r"\b(?:accomplishments?|achievements?)\b"),
    ("proud", 1.0, r"\b(?:accomplish|achieve)(?:ed|d)?\b"),
    ("proud", 3.0, r"\bshow\s?case\b|\bshow\s+off\b"),
    ("proud", 3.0, r"\b(?:most|biggest|greatest)\s+impact\b"),
    ("proud", 3.0, r"\b(?:highlight|high\s+point|peak)\s+of\s+your\s+(?:career|work|time)\b"),
    (
        "proud",
        3.0,
        r"\b(?:favou?rite|best|most\s+rewarding|most\s+satisfying|most\s+meaningful"
        r"|most\s+impactful)\s+(?:project|piece\s+of\s+work|work|thing\s+you(?:'ve|\s+have)?"
        r"\s+(?:built|done|shipped|made|worked\s+on))\b",
    ),
    # a good outcome of one's own: "pleased with", "a success you've had", "put your name to"
    ("proud", 3.5, r"\b(?:pleased|happy|chuffed|delighted|satisfied|thrilled)\s+(?:with|about)\b"),
    ("proud", 3.0, r"\bsuccess(?:es|ful)?\b|\bbest\s+(?:piece\s+of\s+)?work\b"),
    (
        "proud",
        3.0,
        r"\bput\s+your\s+name\s+to\b|\bbrag\s+about\b"
        r"|\b(?:most|really)\s+(?:want|like)\s+(?:us|me|people)\s+to\s+(?:know|hear)\b"
        r"|\b(?:would|'d)\s+most\s+(?:want|like)\s+to\s+(?:tell|talk|show)\b",
    ),
    (
        "proud",
        3.0,
        r"\b(?:did|done)\s+(?:that|it|something|this)\s+(?:really\s+)?well\b|\bstand-?out\b"
        r"|\bbest\s+(?:represents?|shows?|sums\s+up)\b|\bshow\s+(?:us|me)\s+(?:one|a|the)\s+thing\b",
    ),
    # challenge
    ("challenge", 3.0, r"\bchalleng(?:e|es|ing)\b"),
    # "the challenge you would set your team", "the biggest challenge facing the sector": not the
    # candidate's own hardest moment
    (
        "challenge",
        -5.0,
        r"\bchalleng(?:e|es)\s+(?:would|will|do|did|might)\s+you\s+(?:set|give)\b"
        r"|\bchalleng(?:e|es)\s+(?:facing|for)\s+(?:the|our|this|your)\s+(?:\w+\s+){0,2}(?:sector|industry"
        r"|profession|company|organi[sz]ation|business|field|country|trust|school|service)\b",
    ),
    (
        "challenge",
        3.0,
        r"\b(?:stacked|going|were|was)\s+against\s+you\b|\bhit\s+a\s+(?:brick\s+)?wall\b"
        r"|\bfind\s+a\s+way\s+(?:forward|through|round|around)\b|\bout\s+of\s+your\s+depth\b",
    ),
    (
        "challenge",
        3.0,
        r"\bdemanding\b|\bpersisten(?:ce|t)\b|\bpersever(?:e|ed|ance)\b",
    ),
    (
        "challenge",
        2.5,
        r"\b(?:hardest|toughest|trickiest|most\s+difficult|most\s+complex|most\s+complicated"
        r"|most\s+challenging|biggest\s+challenge)\b" + _NOT_CHALLENGE_NOUN,
    ),
    ("challenge", 3.0, r"\bobstacles?\b|\bhurdles?\b|\broadblocks?\b"),
    ("challenge", 3.0, r"\bovercom(?:e|ing)\b|\bovercame\b"),
    (
        "challenge",
        2.5,
        r"\b(?:difficult|hard|tough|complex|thorny|tricky)\s+(?:technical\s+)?(?:problems?"
        r"|situations?|projects?|bugs?|tasks?|times?|issues?|period)\b",
    ),
    ("challenge", 2.5, r"\bstruggl(?:e|ed|ing)\b|\bgot\s+stuck\b|\bunstuck\b"),
    (
        "challenge",
        2.5,
        r"\b(?:got|gets|became|becomes|was|were)\s+(?:really\s+|very\s+|extremely\s+)?"
        r"(?:hard|difficult|tough)\b",
    ),
    ("challenge", 2.5, r"\bwhat\s+(?:was|made\s+it)\s+(?:so\s+)?(?:difficult|hard|tricky)\b"),
    # pushback
    ("pushback", 4.0, r"\bpush(?:ed|es|ing)?[\s-]*back\b"),
    ("pushback", 4.0, r"\bdisagree(?:d|s|ing|ments?)?\b|\b(?:didn't|did\s+not)\s+agree\b"),
    (
        "pushback",
        3.5,
        r"\bdifferences?\s+of\s+opinion\b|\bopposing\s+(?:views?|opinions?)\b"
        r"|\bsee\s+eye\s+to\s+eye\b",
    ),
    ("pushback", 3.5, r"\bconflicts?\b(?!\s+of\s+interest)"),
    (
        "pushback",
        3.5,
        r"\b(?:influenc(?:e|ed|ing)|persuad(?:e|ed|ing)|convinc(?:e|ed|ing)|won\s+over"
        r"|win\s+over|buy-?in)\b",
    ),
    (
        "pushback",
        3.0,
        r"\b(?:stood|stand)\s+your\s+ground\b|\bwent\s+against\b|\bgo\s+against\b"
        r"|\bchanged?\s+(?:\w+(?:'s)?\s+){0,2}mind\b|\bargu(?:e|ed|ment|ments)\b"
        r"|\bobject(?:ed|ions?)\b|\bskeptic(?:al|s)?\b|\bresist(?:ed|s|ing|ance)?\b"
        r"|\b(?:say|said|saying)\s+no\b",
    ),
    (
        "pushback",
        4.0,
        r"\bchalleng(?:e|ed|ing)\s+(?:a|an|the|your|someone|somebody|their|his|her)\b[^.?!]{0,30}"
        r"\b(?:decision|idea|plan|opinion|view|approach|manager|boss|lead|direction|work"
        r"|recommendation|proposal|policy|way)\b"
        r"|\bchalleng(?:e|ed|ing)\s+(?:how|the\s+way)\b",
    ),
    (
        "pushback",
        4.0,
        r"\bquestion(?:ed|s|ing)?\s+(?:your|my|a|the|their)\s+(?:\w+\s+)?(?:design|decision|plan|approach"
        r"|idea|judge?ment|call|proposal|recommendation|work)\b"
        r"|\braised?\s+(?:a|an)\s+(?:\w+\s+)?concern\b",
    ),
    # difficult_person
    (
        "difficult_person",
        5.0,
        _HARD_ADJ + r"\s+(?:to\s+(?:work|deal|get\s+along|collaborate)\s+with|" + _PEOPLE + r")\b",
    ),
    (
        "difficult_person",
        5.0,
        r"\b" + _PEOPLE + r"\s+(?:(?:who|that|you)\s+)?(?:was|were|is|are|found|find|considered)\s+"
        r"(?:\w+\s+){0,2}" + _HARD_ADJ + r"\b",
    ),
    (
        "difficult_person",
        4.5,
        r"\b(?:didn't|did\s+not|don't|do\s+not|couldn't|could\s+not)\s+get\s+(?:along\b|on\s+with\b)"
        r"|\bpersonality\s+(?:clash|conflict)e?s?\b|\bclash(?:ed|es)?\s+with\b"
        r"|\bsomeone\s+you\s+(?:didn't|did\s+not|don't|do\s+not)\s+(?:like|trust)\b",
    ),
    (
        "difficult_person",
        4.5,
        r"\b(?:personalit(?:y|ies)|working\s+styles?|work\s+styles?)\b[^.?!]{0,30}\bdifferent\b"
        r"|\bdifferent\s+(?:personalit(?:y|ies)|working\s+styles?|work\s+styles?)\b",
    ),
    (
        "difficult_person",
        5.0,
        r"\b(?:difficult|hard|tough|strained|awkward|challenging)\s+(?:working\s+|professional\s+)?"
        r"relationships?\b|\brelationships?\b[^.?!]{0,40}\b(?:hard\s+going|difficult|strained"
        r"|tough)\b|\b(?:struggled|struggle|struggling|found\s+it\s+hard)\s+to\s+(?:work|get\s+on)"
        r"\s+with\b|\b" + _PEOPLE + r"\s+(?:who|that)\s+(?:made|makes|make)\s+(?:your|my)\s+"
        r"(?:job|work|life|day|role)\s+(?:\w+\s+)?(?:harder|difficult|hard|miserable)\b"
        r"|\b(?:didn't|did\s+not|wouldn't|would\s+not)\s+want\s+to\s+work\s+with\s+you\b"
        r"|\b(?:approach|style|way\s+of\s+working)\s+(?:was|is)\s+(?:very\s+|really\s+)?"
        r"different\b",
    ),
    (
        "difficult_person",
        4.5,
        r"\b"
        + _PEOPLE
        + r"\s+(?:who|that)\s+(?:just\s+)?(?:wouldn't|would\s+not|didn't|did\s+not|never"
        r"|won't|refused\s+to)\s+(?:pull\s+(?:their|his|her)\s+weight|listen|cooperate|co-operate|engage"
        r"|do\s+(?:their|his|her)\s+(?:share|bit|job)|turn\s+up|follow)\b",
    ),
    # failure
    ("failure", 4.0, r"\bfail(?:ed|ure|ures|ing|s)?\b"),
    (
        "failure",
        4.0,
        r"\b(?:went|go|goes|gone|going|turned\s+out)\s+(?:really\s+|very\s+)?(?:badly|poorly|south"
        r"|sideways|pear-shaped)\b|\bback-?fired\b|\bfell\s+(?:through|apart)\b"
        r"|\b(?:get|gets|getting)\s+(?:\w+\s+)?wrong\b|\bon\s+your\s+watch\b"
        r"|\b(?:lost|lose)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|client|customer|account|sale|bid"
        r"|contract|case|pitch|tender)\b|\bshould\s+have\s+(?:won|done|caught|seen|known|spotted)\b",
    ),
    ("failure", 4.0, r"\bmistakes?\b|\berrors?\s+(?:of|in)\s+judge?ment\b"),
    (
        "failure",
        4.0,
        r"\b(?:went|go|gone|going)\s+wrong\b|\bmess(?:ed)?\s+up\b|\bscrew(?:ed)?\s+up\b"
        r"|\bgot\s+(?:\w+\s+)?wrong\b|\b(?:didn't|did\s+not)\s+work\s+out\b|\bblew\s+it\b|\bdrop(?:ped|s)?\s+the\s+ball\b|\bflopped\b",
    ),
    (
        "failure",
        4.0,
        r"\b(?:didn't|did\s+not)\s+(?:go|turn\s+out|work\s+out)\s+(?:as\s+planned|well"
        r"|the\s+way|as\s+(?:you\s+)?(?:expected|hoped))\b|\bnot\s+go\s+as\s+planned\b",
    ),
    (
        "failure",
        3.5,
        r"\b(?:bad|wrong|poor)\s+(?:call|decision|judge?ment)\b|\bregret(?:s|ted)?\b"
        r"|\bsetbacks?\b|\berrors?\b|\bunsuccessful\b|\b(?:didn't|did\s+not)\s+succeed\b|\bfell\s+short\b"
        r"|\bmissed\s+(?:a|an|the|your)\s+(?:\w+\s+)?(?:deadline|goal|target)\b",
    ),
    # "What's the worst bug you've been responsible for?": the worst of something that goes wrong.
    (
        "failure",
        4.0,
        r"\bworst\s+(?:\w+\s+)?(?:bugs?|outages?|errors?|calls?|decisions?|misjudge?ments?"
        r"|oversights?)\b",
    ),
    (
        "failure",
        4.0,
        r"\b(?:turned\s+out|proved)\s+(?:to\s+be\s+)?wrong\b|\b(?:didn't|did\s+not|never)\s+pay\s+off\b"
        r"|\b(?:didn't|did\s+not)\s+go\s+to\s+plan\b|\bshould(?:n't|\s+not)\s+have\b",
    ),
    # "supporting a colleague after they made a mistake" is about someone else's mistake
    (
        "failure",
        -5.0,
        r"\b(?:they|he|she|someone|somebody|colleague|junior|teammate|staff|others?)\s+(?:\w+\s+){0,2}"
        r"(?:made|makes|make)\s+(?:a\s+|an?\s+\w+\s+)?(?:mistakes?|errors?)\b",
    ),
    # feedback
    ("feedback", 4.0, r"\bfeedback\b"),
    (
        "feedback",
        4.0,
        r"\bappraisals?\b|\bcomplain(?:ed|t|ts)?\s+about\s+you\b|\btorn\s+apart\b"
        r"|\b(?:flagged|raised|pointed\s+out|picked\s+up\s+on)\s+(?:a|an|some)?\s*(?:\w+\s+)?"
        r"(?:problems?|issues?|concerns?)\s+(?:with|about|in)\s+your\b"
        r"|\byour\s+(?:work|code|design|report|draft|plan|lesson)\s+(?:was\s+)?(?:sent\s+back|rejected"
        r"|marked\s+down|critici[sz]ed)\b|\bobservations?\b[^.?!]{0,25}\b(?:came\s+back|graded)\b",
    ),
    (
        "feedback",
        4.5,
        r"\b(?:said|told\s+you)\s+(?:that\s+)?you\s+(?:needed|had)\s+to\s+(?:work\s+on|improve"
        r"|change|do\s+better)\b|\btake\s+(?:it|that|this)\s+on\s+board\b",
    ),
    (
        "feedback",
        -5.0,
        r"\b(?:gave|give|giving|gives|deliver(?:ed|ing)?|provided?|providing|offer(?:ed)?)\s+"
        r"(?!you\b)(?:\w+\s+){0,3}feedback\b",
    ),
    (
        "feedback",
        3.5,
        r"\bcritici(?:sm|sms|zed|sed)\b|\bcritique[ds]?\b|\bconstructive\b"
        r"|\bcritical\s+(?:comments?|remarks?|reviews?|notes?)\b",
    ),
    (
        "feedback",
        2.5,
        r"\bperformance\s+reviews?\b|\b(?:manager|boss|lead|colleagues?|peers?|team)\s+"
        r"(?:told|gave|said\s+to)\s+you\b|\bcoach(?:ed|able|ability)\b",
    ),
    (
        "feedback",
        3.5,
        r"\b(?:manager|boss|lead|supervisor|mentor|head|teacher|colleague|peer|someone|anyone"
        r"|somebody|anybody|customer|client)\s+(?:\w+\s+)?(?:told|tell|said\s+to)\s+you\b"
        r"|\bhard\s+to\s+hear\b",
    ),
    (
        "feedback",
        5.0,
        r"\b(?:feedback|criticism|critique)\b[^.?!]{0,25}\b(?:didn't|did\s+not|don't|do\s+not)\s+"
        r"agree\b",
    ),
    # improvement
    ("improvement", 5.0, r"\bweakness(?:es)?\b|\bweak\s+(?:spots?|points?|areas?)\b"),
    ("improvement", 4.0, r"\bblind\s+spots?\b|\bshortcomings?\b|\bflaws?\b"),
    (
        "improvement",
        4.0,
        r"\b(?:feel|are|am)\s+(?:still\s+)?weak(?:er|est)?\b"
        r"|\b(?:are\s+you|you're)\s+(?:\w+\s+)?(?:growing|improving)\b",
    ),
    (
        "improvement",
        4.0,
        r"\b(?:areas?|aspects?)\b[^.?!]{0,40}?\b(?:improve|improving|improvement"
        r"|develop|developing|development|grow|growing|growth|work\s+on|working\s+on"
        r"|get\s+better|getting\s+better)\b",
    ),
    (
        "improvement",
        4.0,
        r"\b(?:want|like|hope|plan|need|needs|trying|try|working|wish|aim|hoping|planning"
        r"|looking|intend)\s+to\s+(?:keep\s+|continue\s+(?:to\s+)?|further\s+)?(?:improv\w*"
        r"|get\s+better|grow|develop|work\s+on|strengthen|build\s+up)\b",
    ),
    (
        "improvement",
        4.0,
        r"\b(?:not\s+(?:so|as|very|that|yet)\s+(?:good|strong|confident)|less\s+(?:good|strong|confident"
        r"|natural)|least\s+(?:good|strong|confident|natural|comfortable))\s+(?:at|to|with|for)\b"
        r"|\bleast\s+natural\b|\bstill\s+learning\b",
    ),
    (
        "improvement",
        4.0,
        r"\b(?:working|focusing|concentrating)\s+on\s+(?:improving|getting\s+better|developing"
        r"|building|strengthening)\b",
    ),
    (
        "improvement",
        3.5,
        r"\bkeep\s+(?:improving|growing|learning|developing)\b"
        r"|\bcontinue\s+to\s+(?:improve|grow|develop|learn)\b"
        r"|\b(?:get|getting|become|becoming)\s+better\s+at\b",
    ),
    (
        "improvement",
        3.5,
        r"\b(?:growth|development|improvement|learning)\s+(?:areas?|opportunit(?:y|ies)"
        r"|goals?|edges?)\b|\bimprove\s+(?:yourself|about\s+yourself)\b"
        r"|\broom\s+(?:to|for)\s+(?:grow|growth|improve|improvement)\b",
    ),
)

_COMPILED: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (qid, weight, re.compile(pattern)) for qid, weight, pattern in _CUES
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


# When no phrase cue decides, the question's words are read as concepts in any order: each prompt asks
# about its own concept, and two different words of it must be there ("a shift that went badly wrong
# on your watch", "a relative who was really hard going"). One word alone ("improved a process") is
# not enough, and a question that carries words of two prompts equally is left as none.
_CONCEPT_WORDS: dict[str, str] = {
    "proud": r"proud\w*|pride|pleased|success\w*|achiev\w*|accomplish\w*|best|standout|highlight\w*"
    r"|favou?rite|satisf\w*|rewarding|well",
    "challenge": r"hard\w*|difficult\w*|tough\w*|tricky|challeng\w*|obstacles?|pressure|struggl\w*"
    r"|demanding|stress\w*|overwhelm\w*|complex\w*|stuck|crisis|persever\w*|persist\w*|problems?"
    r"|against|solve\w*|overcam\w*|overcom\w*",
    "pushback": r"disagree\w*|push\w*|objected|object|argu\w*|convinc\w*|persuad\w*|oppos\w*"
    r"|overrul\w*|dispute\w*|questioned|decision|idea|proposal|view|opinion|stood|stand",
    "difficult_person": r"colleagues?|co-?workers?|managers?|boss|supervisors?|clients?|customers?"
    r"|patients?|parents?|relatives?|famil(?:y|ies)|tenants?|residents?|students?|pupils?|someone"
    r"|person|people|teammates?|peers?|stakeholders?|contractors?|suppliers?|relationships?|rude"
    r"|angry|awkward|clash\w*|personalit\w*",
    "failure": r"wrong|bad\w*|poor\w*|fail\w*|mistakes?|errors?|setbacks?|backfir\w*|regret\w*|lost"
    r"|lose|missed|miss|mess\w*|slipp?\w*|worse|blunder\w*|oversight|misjudg\w*",
    "feedback": r"feedback|critici\w*|critique\w*|appraisals?|reviews?|observations?|assessments?"
    r"|comments?|told|said|complain\w*|flagged|criticis\w*|heard",
    "improvement": r"improv\w*|weak\w*|develop\w*|grow\w*|growth|learn\w*|better|skills?|gaps?"
    r"|practis\w*|practic\w*|strengthen\w*",
}
_CONCEPTS = tuple(
    (qid, re.compile(rf"(?<![\w'])(?:{words})(?![\w'])")) for qid, words in _CONCEPT_WORDS.items()
)
_CONCEPT_CONFIDENCE = 0.5


def _concept_reading(lowered: str) -> str | None:
    """Return the prompt whose concept has at least two different words in the question, and more
    of them than any other prompt's, or None."""
    counts = {qid: len(set(pattern.findall(lowered))) for qid, pattern in _CONCEPTS}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 2 and top > second else None


def detect_question(text: str) -> Detection:
    """Return the core prompt id a free-text question asks, with a confidence, or (None, c)."""
    lowered = text[:_MAX_CHARS].translate(_APOSTROPHES).lower()
    matches: list[tuple[float, int, int, str]] = []
    for qid, weight, pattern in _COMPILED:
        for match in pattern.finditer(lowered):
            if match.end() > match.start():
                matches.append((weight, match.start(), match.end(), qid))
    if not matches:
        return _by_concept(lowered, 0.0)

    # Negative cues veto their prompt wherever they match ("give feedback" is not about
    # receiving it); positive cues then claim text greedily, strongest first, so that the
    # words of one cue ("challenging coworker") are not counted again for another prompt.
    vetoes = [(start, end, qid) for weight, start, end, qid in matches if weight < 0]
    claimed: list[tuple[int, int]] = []
    scores = dict.fromkeys(CORE_QUESTION_IDS, 0.0)
    for weight, start, end, qid in sorted(
        (m for m in matches if m[0] > 0), key=lambda m: (-m[0], m[1])
    ):
        if any(
            v_qid == qid and v_start <= start and end <= v_end for v_start, v_end, v_qid in vetoes
        ):
            continue
        if any(start < c_end and c_start < end for c_start, c_end in claimed):
            continue
        claimed.append((start, end))
        scores[qid] += weight

    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top <= 0:
        return _by_concept(lowered, 0.0)
    # Strength grows with the evidence for the winner; the margin shrinks it when another prompt
    # is nearly as likely. A tie gives 0.4 x strength, well under the threshold.
    strength = 1.0 - math.exp(-top / 2.5)
    margin = (top - second) / top
    confidence = round(strength * (0.4 + 0.6 * margin), 3)
    if top < _MIN_SCORE or confidence < DETECTION_THRESHOLD:
        return _by_concept(lowered, confidence)
    return Detection(best, confidence)


def _by_concept(lowered: str, confidence: float) -> Detection:
    concept = _concept_reading(lowered)
    if concept is None:
        return Detection(None, confidence)
    return Detection(concept, _CONCEPT_CONFIDENCE)


def resolve_question(question: str | None) -> tuple[str, str, str | None]:
    """Return (question_id, source, question_text) for an id, a free-text question or None."""
    if question is None or not question.strip():
        return GENERIC_QUESTION_ID, "default", None
    stripped = question.strip()
    candidate = stripped.lower().replace("-", "_")
    if _ID_LIKE.match(candidate):
        if candidate in QUESTION_IDS:
            return candidate, "id", None
        if candidate in QUESTION_ID_ALIASES:
            return QUESTION_ID_ALIASES[candidate], "id", None
        valid = ", ".join(QUESTION_IDS)
        raise UnknownQuestionError(f"unknown question id {stripped!r} (valid ids: {valid})")
    detected, _confidence = detect_question(stripped)
    if detected is None:
        return GENERIC_QUESTION_ID, "fallback", stripped
    return detected, "detected", stripped
