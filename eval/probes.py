"""Follow-up probes against the ones a human interviewer wrote, and automatic checks on every probe.

Data: our own answer set (`eval/answers/*.jsonl`). Each row's `verdict.probes` holds 1-3 follow-ups a sharp
interviewer would ask next, written before the tool ran on the answer. Rows are split dev/test by a stable hash
of `id` (dev when `int(sha256(id).hexdigest()[:8], 16) % 10 < 6`); tuning looks at dev only.

**Matching rubric.** A generated probe matches a human one when both ask about the same *target*. Each question
(human or generated) is put into zero or more targets by the rules in `TARGET_RULES`, read on the question's own
words with any quoted answer text removed, so the quote cannot decide the target:

| target | what the interviewer goes after | example |
|---|---|---|
| `own_part` | the speaker's own part, as against the team's | "Which part of that was yours?" |
| `decision` | why they chose what they did, the alternatives | "Why a weekly test rather than daily?" |
| `measure` | the method or baseline behind an outcome | "How many falls were there before?" |
| `hardest` | the hardest moment, what went wrong in the middle | "What did you try that didn't work?" |
| `other_view` | the other people: what they thought, said, wanted | "What would the other side say?" |
| `conversation` | what the speaker said or did with a person, how they persuaded | "What did you say to him?" |
| `differently` | what they would do differently | "Looking back, what would you change?" |
| `lesson` | the lesson applied since, whether the change lasted | "What do you do differently now?" |
| `counterfactual` | what if it had gone the other way | "What if she had said no?" |
| `outcome` | how it ended, what happened after | "How did it end?" |
| `cost` | what it cost the speaker, the team, the customer | "What did the delay cost?" |
| `example` | one real, specific example instead of a generality | "Tell me about a time it cost you." |
| `feeling` | the speaker's own reaction in the moment | "How did you feel when...?" |
| `detection` | how they noticed or found out | "How did you find out?" |

A question that asks two things has two targets. An answer counts as matched when one of the first three
generated probes shares a target with one of the human probes. Questions the rules put in no target (a human
probe about something no rule names) can never be matched; their share is reported beside the figure.

**Defect checks** (each counted per answer set, the target is zero):
- `malformed_quote`: a quoted stretch is not a whole clause of the answer: it is not in the answer, starts or
  ends inside a clause, or holds no verb;
- `duplicate`: two probes for one answer ask the same question (same words, or the same target about the same
  quote, or nearly the same words);
- `asks_given`: a probe asks for what the answer gives: a baseline for a quote that holds a before-and-after, a
  number for a quote that holds one, a reason for a quote that gives one ("because", "so that"), the speaker's
  part for a quote whose subject is "I", or what they would do differently / how they know when the answer says so;
- `absent_actor`: a probe talks about a person (he, she, they, a manager, a customer...) the answer never mentions.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.common import REPO_ROOT, Row

ANSWERS_DIR = REPO_ROOT / "eval" / "answers"
TOP = 3


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Target rules, most specific first. A question is cut into the parts it asks ("..., and how ...?"), and each
# part takes the first target whose pattern it matches, so one cue word cannot give a question many targets.
TARGET_RULES: dict[str, re.Pattern[str]] = {
    "counterfactual": _rx(
        r"\bwhat would you have done if\b|\bwhat if\b|\bwhat would have happened\b|\bhad said no\b|"
        r"\bif (?:he|she|they|it|the \w+|your \w+)(?:'d| had| hadn't)\b|\bwhat would you do if\b|"
        r"\bif .{0,40}? (?:said no|refused|overruled|insisted)\b"
    ),
    "feeling": _rx(
        r"\bhow did (?:it|you) feel\b|\bgoing through your head\b|\bin the moment\b|"
        r"\bhow did you (?:actually )?react\b|\bfirst reaction\b"
    ),
    "detection": _rx(
        r"\bhow did you (?:find out|notice|spot|realis\w*|realiz\w*)\b|\bwhat did you notice\b|"
        r"\bfirst signs?\b|\bsuspect\b|\bwhat signs\b|\bwhat made you (?:notice|realise|realize)\b"
    ),
    "lesson": _rx(
        r"\bsince\b|\bthese days\b|\byou do now\b|\b(?:do|doing) differently now\b|\bwhat do you do (?:now|differently)\b|"
        r"\bnow when\b|\bwhat have you changed\b|\bhas .{0,40}? changed\b|\blasted\b|\bcreep(?:ing)? back\b|"
        r"\bstick\b|\blearn\w*\b|\blessons?\b|\bteach you\b|\bwhat did you change\b|\bwhat (?:has )?changed\b|"
        r"\bmake sure .{0,50}?(?:didn't|doesn't|does not|did not|wouldn't|was still)\b|\bkeep .{0,20}going\b|"
        r"\bdid they notice\b|\bkept it up\b|\bstill being followed\b|\bafter (?:that|it|the \w+)\b"
    ),
    "differently": _rx(
        r"\bdifferently\b|\blooking back\b|\bin hindsight\b|\bwith hindsight\b|\bnext time\b|"
        r"\bwould you (?:change|cut|keep|do|handle|make|build|set up)\b|\bif you (?:had|started|were)\b|"
        r"\bagain\b|\bwhat (?:could|should) you have done\b|\bwould you make the same\b|\bregret\b"
    ),
    "hardest": _rx(
        r"\bhard(?:est)?\b|\bdifficult\w*\b|\bstruggl\w*\b|\btricky\b|\b(?:didn't|did not) work\b|"
        r"\bwent wrong\b|\bg[eo]t (?:it |things |anything )?wrong\b|\bwhat did you try\b|\bgot stuck\b|\bobstacles?\b|"
        r"\bwhat was wrong\b|\bbackfired\b"
    ),
    "cost": _rx(
        r"\bcost\b|\bwhat did .{0,40}? do to\b|\bhappened to (?:the )?(?:quality|wellbeing|sales|on-time)\b|"
        r"\bwhat did you (?:have to )?(?:give up|cut|stop doing)\b|\bburning\b|\bdidn't get done\b"
    ),
    "other_view": _rx(
        r"\bwhat did (?:the|your|he|she|they|his|her|their|[A-Z]\w+) (?:[\w-]+ ){0,3}?(?:think|say|said|"
        r"worry|feel|want|push back|pushback|disagree|object|make of)\b|"
        r"\bhow did (?:the|your|he|she|they|his|her|their|[A-Z]\w+)\b.{0,40}?\b(?:react|feel|felt|take it|"
        r"respond|take)\b|\bwho (?:else )?(?:on the team )?(?:disagreed|resisted|pushed back|objected)\b|"
        r"\bwhat would (?:the|your|he|she|they|his|her|their|[A-Z]\w+)\b.{0,40}?\bsay\b|"
        r"\bwhy do you think (?:he|she|they|the|your)\b|\btheir (?:argument|reasons?|view|side|concern|"
        r"objection)s?\b|\bother side\b|\b(?:his|her|their) side\b|\bhow would (?:he|she|they|the|your)\b"
        r".{0,30}?\b(?:describe|say|rate)\b|\bwas there (?:any )?pushback\b|\bwho would be most critical\b|"
        r"\bwhat (?:was|were) (?:his|her|their) reasons?\b|\bwhat reason did\b|\bwhat was (?:he|she) "
        r"worried\b|\bunder pressure from\b|\bwhat did .{0,40}? (?:push back on|disagree with|worry about)\b|"
        r"\bhow did .{0,40}? (?:react|feel|take)\b"
    ),
    "conversation": _rx(
        r"\bwhat (?:exactly )?did you (?:actually )?(?:say|tell|ask|raise|write)\b|\bwhat was said\b|"
        r"\bhow did you (?:raise|persuade|convince|win|make the case|justify|get (?:him|her|them|the|your|"
        r"engineering|product|permission|in touch)|approach|explain|handle|deal with|talk|put it|bring)\b|"
        r"\bdid you (?:ever )?(?:talk|speak) to\b|\bwho did you (?:speak|talk) to\b|\bwho else did you bring\b|"
        r"\bhow do you (?:explain|raise|usually raise)\b|\bhow did the conversation\b"
    ),
    "decision": _rx(
        r"^\s*why\b|\bwhy (?:did|do|didn't|did not|hadn't|had|a|that|choose|not|this|run|put)\b|"
        r"\bhow did you (?:decide|choose|pick|weigh|settle|balance)\b|\bhow do you decide\b|"
        r"\bwhat made you (?:decide|choose|pick|go|confident)\b|\brather than\b|\binstead of\b|"
        r"\balternatives?\b|\boptions?\b|\btrade-?offs?\b|\bwhat (?:else )?did you (?:consider|weigh|rule out)\b|"
        r"\bwhat did you choose\b|\bwhat was the reasoning\b|\bwhat evidence\b|\bwhat data\b"
    ),
    "measure": _rx(
        r"\bhow (?:did|do|could|would|will|can) you (?:measure|know|tell|check|track)\b|\bmeasured\b|"
        r"\bbefore and after\b|\bcompared? (?:with|to)\b|\bhow (?:many|much|long|often|slow|fast|big|far)\b|"
        r"\bby how much\b|\bfrom what to what\b|\bwhat share\b|\bin numbers\b|\bwhat numbers\b|"
        r"\bbaseline\b|\bwhat was it before\b|\bstarting point\b|\bas a percentage\b|\bhow confident\b|"
        r"\bwhat (?:mark|result) did\b|\broi\b|\bis there a number\b"
    ),
    "own_part": _rx(
        r"\byour (?:own )?(?:part|role|job|contribution|bit)\b|\byours\b|\byou personally\b|\bpersonally\b|"
        r"\byourself\b|\bdown to you\b|\bwhose (?:idea|job)\b|\byour own hands\b|\bwho decided\b|\bresponsible for\b|"
        r"\bwhat did you (?:actually |yourself )?do\b|\bwhat did you contribute\b|"
        r"\bwhich (?:of those |of them |of these |part |decision |pieces? |steps? )?.{0,40}?\bdid you "
        r"(?:do|build|make|run|decide|push|own|take|write|change)\b"
    ),
    "outcome": _rx(
        r"\bwhat happened\b|\bhow did (?:it|that|things|the \w+) (?:end|finish|go|turn out|perform)\b|"
        r"\bin the end\b|\bwhat was the (?:result|outcome)\b|\bwhat came of\b|\bwhat was decided\b|"
        r"\bwho was better off\b|\bwhat was better\b|\bwhat happens\b|\bwhat did .{0,30}? show\b"
    ),
    "example": _rx(
        r"\btell me about (?:a|an|one|the last|something|feedback)\b|\b(?:can|could) you give me (?:an|one)\b|"
        r"\bgive me (?:an|one) example\b|\bpick one\b|\bcan you think of\b|\bhave you ever\b|"
        r"\bwhen (?:did|has|have) (?:a|an|being|you|something)\b|\bwalk me through (?:a|one)\b|\bname one\b|"
        r"\bwhat'?s (?:a|one|an|something) (?:\w+ ){0,3}?(?:you|where|that|in|about)\b|\bwhat is one\b|"
        r"\bwhat was one\b|\bone specific\b|\ba real\b|\bfor example\b|\bexample\b"
    ),
}
TARGETS = tuple(TARGET_RULES)

_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")


def split_of(row_id: str) -> str:
    """Return "dev" or "test" for an answer id, by the answer set's stable hash rule."""
    return "dev" if int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 10 < 6 else "test"


def quotes_in(question: str) -> list[str]:
    """Return the stretches of answer text a question quotes."""
    return _QUOTED.findall(question)


# Where a question moves on to a second thing it asks: ", and how...", "? What...", "; why...".
_PARTS = re.compile(
    r"[?;:]\s+|,\s+(?=(?:and\s+|or\s+|but\s+)?(?:what|how|why|who|which|when|did|do|does|is|was|were|has|"
    r"have|would|could)\b)|\s+and\s+(?=(?:what|how|why|who|which|did|has|have|would)\b)",
    re.IGNORECASE,
)


def target_of(part: str) -> str | None:
    """Return the first target whose rule matches one asked part of a question, or None."""
    return next((name for name, pattern in TARGET_RULES.items() if pattern.search(part)), None)


def targets_of(question: str) -> frozenset[str]:
    """Return the targets a follow-up question goes after (its quoted words are not read)."""
    own = _QUOTED.sub(" the quote ", question)
    found = {target_of(part) for part in _PARTS.split(own)}
    return frozenset(t for t in found if t is not None)


def matches(generated: str, human: str) -> bool:
    """Return True when a generated probe and a human one share a target."""
    return bool(targets_of(generated) & targets_of(human))


# ---- defect checks -------------------------------------------------------------------------------

_BOUNDARY_BEFORE = re.compile(r"(?:^|[.!?;:,—–(]\s*|\s[-–—]\s*)$")
_BOUNDARY_AFTER = re.compile(r"^(?:$|\s*[.!?;:,)—–]|\s+[-–—]\s)")
_CONJUNCTIONS = frozenset(
    """and but so because then when while which that who whom whose where after before until although
    though as since if once or nor yet whereas""".split()
)
_VERB = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|had|has|have|did|do|does|got|get|gets|went|go|goes|made|make|"
    r"took|take|said|told|came|ran|kept|left|found|felt|saw|knew|thought|wrote|built|gave|put|set|led|"
    r"began|brought|bought|sat|met|paid|sent|spent|lost|won|chose|caught|cut|hit|let|meant|rose|fell|"
    r"grew|drove|fed|held|heard|hid|hung|taught|understood|woke|wore|worked|can|could|will|would|shall|"
    r"should|may|might|must|'s|'re|'ve|'d|'m|'ll)\b|\b\w{2,}(?:ed|ing)\b|\b\w+'(?:s|re|ve|d|m|ll)\b|"
    r"\b(?:i|we|you|they|he|she|it)\s+\w+s?\b",
    re.IGNORECASE,
)


def _before_ok(text: str, start: int) -> bool:
    head = text[:start]
    if not head.strip() or _BOUNDARY_BEFORE.search(head):
        return True
    words = re.findall(r"[A-Za-z']+", head[-30:])
    return bool(words) and words[-1].lower() in _CONJUNCTIONS


def _after_ok(text: str, end: int) -> bool:
    tail = text[end:]
    if _BOUNDARY_AFTER.match(tail):
        return True
    words = re.findall(r"[A-Za-z']+", tail[:30])
    return bool(words) and words[0].lower() in _CONJUNCTIONS


def is_whole_clause(quote: str, answer: str) -> bool:
    """Return True when `quote` is a whole clause of `answer`: present, bounded, with a verb."""
    quote = quote.strip()
    if len(quote.split()) < 3 or not _VERB.search(quote):
        return False
    start = answer.find(quote)
    while start >= 0:
        if _before_ok(answer, start) and _after_ok(answer, start + len(quote)):
            return True
        start = answer.find(quote, start + 1)
    return False


_WORDS = re.compile(r"[a-z0-9]+")


def _plain(question: str) -> str:
    return " ".join(_WORDS.findall(question.lower()))


def _similar(a: str, b: str) -> bool:
    wa, wb = set(_plain(a).split()), set(_plain(b).split())
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.8


def duplicates(questions: Sequence[str]) -> list[tuple[int, int]]:
    """Return the pairs of probes (by index) that ask the same thing."""
    found = []
    for i, a in enumerate(questions):
        for j in range(i + 1, len(questions)):
            b = questions[j]
            same_quote = bool(set(quotes_in(a)) & set(quotes_in(b)))
            if (
                _plain(a) == _plain(b)
                or _similar(a, b)
                or (same_quote and targets_of(a) & targets_of(b))
            ):
                found.append((i, j))
    return found


_ASK_BASELINE = _rx(
    r"\bwhat was (?:it|that|the \w+) before\b|\bbefore and after\b|\bbaseline\b|\bcompared (?:with|to) what\b|"
    r"\bstarting point\b|\bbefore\?"
)
_GIVES_BASELINE = _rx(
    r"\bfrom\b[^.;]{0,40}?(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|half)\b)[^.;]{0,40}?\bto\b|\bbefore\b|\bdown from\b|\bup from\b|\bcompared\b|"
    r"\bagainst\b|\bhalved\b|\bdoubled\b|\bby (?:about |around |roughly |over |nearly )?\d|\bwas\b.{0,30}\bnow\b"
)
_ASK_NUMBER = _rx(r"\bis there a number\b|\bhow many\b|\bhow much\b|\bin numbers\b|\bwhat number\b")
_NUMBERISH = _rx(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|half|third|quarter|double|twice)\b"
)
_ASK_REASON = _rx(r"^\s*why\b|\bwhy did you\b|\bwhat was the reason\b|\bwhat made you\b")
_GIVES_REASON = _rx(
    r"\bbecause\b|\bso that\b|\bin order to\b|\bto avoid\b|\bso (?:we|i|the|it)\b|\bsince\b"
)
_ASK_PART = _rx(
    r"\byour (?:own )?part\b|\bwhich part .{0,20}yours\b|\byou personally\b|\bwhat was yours\b|"
    r"\bwhat exactly was your\b"
)
_FIRST_PERSON = _rx(r"\b(?:I|I'd|I've|I'm|my|myself|me)\b")
_ASK_DIFFERENTLY = _rx(
    r"\bwhat would you do differently\b|\blooking back, what\b|\bwhat would you change\b"
)
_GIVES_DIFFERENTLY = _rx(
    r"\bdifferently\b|\bnext time\b|\bin hindsight\b|\blooking back\b|\bi(?:'d| would) (?:now |have )?"
    r"(?:bring|do|ask|start|check|test|raise|push|say|go|tell|involve|spend|plan)\b|\bi should have\b|"
    r"\bif i did it again\b|\bi would have\b|\bi'd have\b"
)
_ASK_KNOW = _rx(r"\bhow will you know\b|\bhow (?:did|do) you know it (?:worked|is working)\b")
_GIVES_KNOW = _rx(r"\bmeasur\w*|\btrack\w*|\bcount\w*|\bsurvey\w*|\bscore\w*|\baudit\w*|\bchart\w*")

# People a probe may talk about, each with the words that show the answer mentions them. A pronoun counts
# only where it plainly means a person ("they behaved", "their argument", "for them"), not an option or a step.
_PEOPLE: dict[str, tuple[str, ...]] = {
    "he": ("he", "him", "his", "himself"),
    "she": ("she", "her", "hers", "herself"),
    "they": ("they", "them", "their", "theirs", "themselves"),
    "manager": ("manager", "boss", "supervisor", "lead", "head", "director", "gaffer", "foreman"),
    "customer": ("customer", "client", "guest", "patient", "buyer", "user", "shopper", "resident"),
    "colleague": ("colleague", "coworker", "co-worker", "teammate", "peer"),
    "team": ("team", "we", "crew", "staff", "colleagues", "us", "our"),
}
_PERSON_VERBS = (
    r"(?:\w+\s+){0,2}?(?:behav|act|felt|feel|said|say|think|thought|want|agree|disagree|react|push|object|"
    r"worr|respond|describ|insist|refus)\w*"
)
_PRONOUN_USES = (
    (_rx(rf"\b(he|she|they)\s+{_PERSON_VERBS}\b"), None),
    (
        _rx(
            r"\b(his|her|their)\s+(?:\w+\s+)?(?:argument|side|view|point|concern|reason|perspective|objection|"
            r"position)s?\b"
        ),
        None,
    ),
    (_rx(r"\b(?:for|to|with|ask|asked|told|tell|convince|persuade)\s+(him|her|them)\b"), None),
    (_rx(r"\b(?:your|the)\s+(manager|customer|colleague|team)s?\b"), None),
)
_PRONOUN_PERSON = {"his": "he", "him": "he", "her": "she", "them": "they", "their": "they"}


def _words(text: str) -> set[str]:
    """Return the lowercase words of `text`, a possessive also without its 's ("the customer's son"
    mentions the customer)."""
    words = set(re.findall(r"[a-z'-]+", text.lower().replace("\u2019", "'")))
    return words | {w[:-2] for w in words if w.endswith("'s")}


def asks_given(question: str, answer: str) -> str | None:
    """Return what a probe asks for that the answer already gives ("baseline", "number", ...), or None."""
    quotes = quotes_in(question)
    own = _QUOTED.sub(" ", question)
    for quote in quotes:
        if _ASK_BASELINE.search(own) and _GIVES_BASELINE.search(quote):
            return "baseline"
        if _ASK_NUMBER.search(own) and _NUMBERISH.search(quote):
            return "number"
        if _ASK_REASON.search(own) and _GIVES_REASON.search(quote):
            return "reason"
        if _ASK_PART.search(own) and re.match(r"\s*(?:I|I'd|I've|my)\b", quote):
            return "part"
    if _ASK_DIFFERENTLY.search(own) and _GIVES_DIFFERENTLY.search(answer):
        return "differently"
    if _ASK_KNOW.search(own) and _GIVES_KNOW.search(answer) and _NUMBERISH.search(answer):
        return "measure"
    return None


def absent_actor(question: str, answer: str) -> str | None:
    """Return a person the probe talks about whom the answer never mentions, or None."""
    own = _QUOTED.sub(" ", question)
    have = _words(answer)
    for pattern, _ in _PRONOUN_USES:
        for match in pattern.finditer(own):
            word = match.group(1).lower()
            person = _PRONOUN_PERSON.get(word, word)
            spellings = _PEOPLE[person]
            if not any(s in have or s + "s" in have for s in spellings):
                return person
    return None


def defects_of(questions: Sequence[str], answer: str) -> Counter[str]:
    """Return the count of each defect kind among one answer's probes."""
    found: Counter[str] = Counter()
    for question in questions:
        if any(not is_whole_clause(q, answer) for q in quotes_in(question)):
            found["malformed_quote"] += 1
        if asks_given(question, answer):
            found["asks_given"] += 1
        if absent_actor(question, answer):
            found["absent_actor"] += 1
    found["duplicate"] += len(duplicates(questions))
    return found


DEFECTS = ("malformed_quote", "duplicate", "asks_given", "absent_actor")


# ---- the run ------------------------------------------------------------------------------------


def load_rows(folder: Path = ANSWERS_DIR) -> list[dict[str, Any]]:
    """Return every answer row that carries human probes."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("verdict", {}).get("probes"):
                    rows.append(row)
    return rows


@dataclass(frozen=True)
class Outcome:
    """One answer's generated probes against its human ones."""

    row_id: str
    split: str
    generated: tuple[str, ...]
    human: tuple[str, ...]
    matched: bool
    defects: Counter[str]


def generate(row: dict[str, Any]) -> list[str]:
    """Return the analyzer's probes for a row, best first."""
    from starcoach.analysis import analyze

    report = analyze(row["answer"], row["question_type"])
    return [p.question for p in report.probes]


def judge(row: dict[str, Any], generated: Sequence[str]) -> Outcome:
    """Return how one answer's probes fare against its human probes and the defect checks."""
    human = tuple(row["verdict"]["probes"])
    top = generated[:TOP]
    matched = any(matches(g, h) for g in top for h in human)
    return Outcome(
        row["id"],
        split_of(row["id"]),
        tuple(generated),
        human,
        matched,
        defects_of(generated, row["answer"]),
    )


def outcomes(rows: Iterable[dict[str, Any]]) -> list[Outcome]:
    """Return every row's outcome with the current analyzer."""
    return [judge(row, generate(row)) for row in rows]


def summary(results: Sequence[Outcome], split: str) -> list[Row]:
    """Return the probe rows of the accuracy table for one split."""
    items = [r for r in results if r.split == split]
    n = len(items)
    rows = [
        Row(
            "probes",
            "answers whose top-3 probes hold one matching a human probe",
            split,
            sum(r.matched for r in items) / max(1, n),
            None,
            "",
            ">= 0.60",
            n,
        )
    ]
    total: Counter[str] = Counter()
    for item in items:
        total.update(item.defects)
    for kind in DEFECTS:
        rows.append(Row("probes", f"defect count: {kind}", split, float(total[kind]), n=n))
    return rows


def unclassified_share(rows: Iterable[dict[str, Any]]) -> float:
    """Return the share of human probes the rubric puts in no target."""
    questions = [q for row in rows for q in row["verdict"]["probes"]]
    return sum(not targets_of(q) for q in questions) / max(1, len(questions))


def evaluate(_data: Path | None = None) -> list[Row]:
    """Return the probe rows on dev and test (our own answer set; needs no external data)."""
    rows = load_rows()
    results = outcomes(rows)
    return summary(results, "dev") + summary(results, "test")


def main(argv: Sequence[str]) -> None:
    """Print the figures; `--details` also prints each dev answer's probes and defects."""
    rows = load_rows()
    results = outcomes(rows)
    for split in ("dev", "test"):
        for row in summary(results, split):
            print(f"{row.metric:62} {row.split:5} {row.value:.3f} n={row.n}")
    print(f"human probes in no target: {unclassified_share(rows):.3f}")
    if "--details" in argv:
        for item in results:
            if item.split != "dev":
                continue
            print(f"\n{item.row_id} matched={item.matched} defects={dict(item.defects)}")
            for q in item.generated[:TOP]:
                print(f"  G {sorted(targets_of(q))} {q}")
            for q in item.human:
                print(f"  H {sorted(targets_of(q))} {q}")


if __name__ == "__main__":
    main(sys.argv[1:])
