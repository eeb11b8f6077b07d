"""Follow-up probes: ranked questions an interviewer would ask next, from what the answer does and does not
establish.

Each probe goes after one *target* (the speaker's own part, a decision and its reasons, the method or baseline
behind an outcome, the hardest moment, the other people, what they would do differently, the lesson applied
since...). `situations` reads the answer and returns the situations that call for a probe (`when` keys of
content/probes.toml), each with the whole clause it quotes or the person it names; the content file gives the
wording per interviewer style and the priority. The rules that keep probes honest:

- never ask what the answer already answers (a baseline it gives, a reason it gives, a part told with "I");
- quote whole clauses only (`clause_around`), or ask without a quote;
- at most one probe per target, so no two ask the same thing; varied wording, picked per answer;
- for a strong answer (nothing basic missing), depth probes: a decision's alternatives, the other side's view,
  what went wrong first, whether the change lasted.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from starcoach.analysis.answer import Answer
from starcoach.analysis.report import Finding, Probe, Quantity, Severity, Span

MAX_PROBES = 5
MIN_PROBES = 3
TOP = 3
STYLES = ("neutral", "supportive", "demanding")
TARGETS = (
    "own_part",
    "decision",
    "measure",
    "hardest",
    "other_view",
    "conversation",
    "differently",
    "lesson",
    "counterfactual",
    "outcome",
    "cost",
    "example",
)
_QUOTE_CHARS = 110
_DEPTH_BOOST = 0.12
_SHORT_WORDS = 60
_DECISION_WORDS = 6


class ProbeFileError(ValueError):
    """The probe file is malformed; the message names the entry."""


@dataclass(frozen=True)
class ProbeTemplate:
    """The follow-ups one situation calls for: what they go after and their wordings per style."""

    when: str
    target: str
    reason: str
    priority: float
    phrasings: dict[str, tuple[str, ...]]
    depth: bool = False


@cache
def load_probe_templates() -> dict[str, ProbeTemplate]:
    """Return the shipped probe templates by situation, validated strictly."""
    source = resources.files("starcoach.content") / "probes.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    templates: dict[str, ProbeTemplate] = {}
    allowed = {"when", "target", "reason", "priority", "depth", *STYLES}
    for index, entry in enumerate(data.get("probe", [])):
        where = f"probes.toml: probe #{index + 1} ({entry.get('when', '?')})"
        unknown = set(entry) - allowed
        if unknown:
            raise ProbeFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        when = entry.get("when")
        if not isinstance(when, str) or when not in SITUATIONS or when in templates:
            raise ProbeFileError(f"{where}: unknown or repeated situation {when!r}")
        if entry.get("target") not in TARGETS:
            raise ProbeFileError(f"{where}: unknown target {entry.get('target')!r}")
        if not isinstance(entry.get("reason"), str) or not entry["reason"]:
            raise ProbeFileError(f"{where}: needs a 'reason'")
        if not isinstance(entry.get("priority"), float):
            raise ProbeFileError(f"{where}: needs a 'priority' number")
        phrasings: dict[str, tuple[str, ...]] = {}
        for style in STYLES:
            texts = entry.get(style)
            if (
                not isinstance(texts, list)
                or not texts
                or not all(isinstance(t, str) for t in texts)
            ):
                raise ProbeFileError(f"{where}: needs a list of '{style}' phrasings")
            for text in texts:
                needs = SITUATIONS[when]
                if ("{quote}" in text) != (needs == "quote") or ("{person}" in text) != (
                    needs == "person"
                ):
                    raise ProbeFileError(
                        f"{where}: {text!r} does not fit the situation's placeholder"
                    )
            phrasings[style] = tuple(texts)
        templates[when] = ProbeTemplate(
            when,
            entry["target"],
            entry["reason"],
            entry["priority"],
            phrasings,
            bool(entry.get("depth")),
        )
    missing = set(SITUATIONS) - set(templates)
    if missing:
        raise ProbeFileError(f"probes.toml: no entry for {', '.join(sorted(missing))}")
    return templates


# Every situation and what it fills in: a quoted clause, a person, or nothing.
SITUATIONS: dict[str, str] = {
    "needs_example": "",
    "needs_example_failure": "",
    "needs_example_weakness": "",
    "needs_example_conflict": "",
    "blame_own_part": "",
    "no_own_part": "",
    "we_clause": "quote",
    "outcome_no_baseline": "quote",
    "outcome_no_method": "quote",
    "implausible_number": "quote",
    "no_number": "",
    "no_result": "",
    "no_resolution": "",
    "decision_why": "quote",
    "decision_alternatives": "quote",
    "person_view": "person",
    "other_side": "",
    "said_to_person": "person",
    "no_difficulty": "",
    "got_wrong_first": "",
    "no_reflection": "",
    "blame_differently": "",
    "no_change_since": "",
    "change_stuck": "",
    "said_no": "person",
    "no_cost": "",
    "why_this": "",
    "improvement_plan": "",
    "improvement_measure": "",
}


# ---- whole clauses ------------------------------------------------------------------------------

# Where a clause ends inside a sentence: a comma, semicolon, colon or dash, or "and"/"but"/"so" that
# starts a new subject ("..., and we rolled it out", "... but I kept the old one").
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s+(?:(?:and|but|so|then|because|which|while|until|after|before|when|as|since|though|although)"
    r"\s+)?|(?<!\s)\s+[-–—]\s+|(?<!\s)\s+(?:and|but|so|then|because|which|while|until|after|before|when)\s+"
    r"(?=(?:I|we|he|she|they|it|the|my|our|his|her|their)\b)"
)
_VERB = re.compile(
    r"\b(?:am|is|are|was|were|been|had|has|have|did|do|does|got|went|made|took|said|told|came|ran|kept|"
    r"left|found|felt|saw|knew|thought|wrote|built|gave|put|set|led|began|brought|sat|met|paid|sent|spent|"
    r"lost|won|chose|caught|cut|let|rose|fell|grew|drove|held|heard|taught|can|could|will|would|should|"
    r"might|must)\b|\b\w{2,}(?:ed|ing)\b|\b\w+'(?:s|re|ve|d|m|ll)\b|\b(?:I|we|you|they|he|she|it)\s+\w+",
    re.IGNORECASE,
)
_TRIM = ".,;:!? \"'“”‘’"


def clause_around(text: str, span: Span, sentence: Span | None) -> Span | None:
    """Return the whole clause of `sentence` that holds the start of `span`, or None when it is not one
    worth quoting (too short, too long, or without a verb)."""
    around = sentence if sentence is not None and sentence.contains(span) else None
    if around is None:
        return None
    start, end = around.start, around.end
    for match in _CLAUSE_BREAK.finditer(text, around.start, around.end):
        if match.end() <= span.start:
            start = match.end()
        elif match.start() >= max(span.end, span.start + 1) and match.start() < end:
            end = match.start()
            break
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    quote = text[start:end]
    if len(quote.split()) < 3 or len(quote) > _QUOTE_CHARS or not _VERB.search(quote):
        return None
    if '"' in quote or "“" in quote:
        return None
    return Span(start, end)


def quote_span(text: str, span: Span, sentence: Span | None) -> Span:
    """Return a span to quote around `span`: its whole clause when there is one, else the sentence."""
    clause = clause_around(text, span, sentence)
    if clause is not None:
        return clause
    around = sentence if sentence is not None and sentence.contains(span) else span
    start, end = around.start, around.end
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Span(start, end) if end > start else around


# ---- what the answer says -------------------------------------------------------------------------


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_REASON = _cue(
    r"\b(?:because|so that|so (?:I|we|the|it|she|he|they)|in order to|to avoid|since|as it|as we)\b"
)
_ALTERNATIVES = _cue(
    r"\b(?:instead of|rather than|options?|alternatives?|considered|trade-?offs?|weighed|rejected|"
    r"or else|the other way)\b"
)
_DECISION_VERB = _cue(
    r"\bI\s+(?:then\s+|also\s+|eventually\s+|finally\s+)?(?:decided|chose|suggested|proposed|recommended|"
    r"opted|went with|insisted|offered|pushed for|argued|asked (?:if|whether|the|my|for)|agreed to|set up|"
    r"introduced|changed|switched|moved|started|built|wrote|designed|rewrote|created|split|dropped|"
    r"replaced|redesigned|brought|called|rang|organised|organized|arranged|booked|paired)\b"
)
_STRONG_DECISION = _cue(
    r"\b(?:decided|chose|suggested|proposed|recommended|opted|went with|insisted)\b"
)
_DIFFICULTY = _cue(
    r"\b(?:hard(?:est)?|difficult\w*|tricky|struggl\w*|chaotic|stuck|nearly|almost (?:lost|missed|gave)|"
    r"didn't work|did not work|went wrong|failed|tough|problem was|worst|mess)\b"
)
_GOT_WRONG = _cue(
    r"\b(?:got (?:it )?wrong|my mistake|I was wrong|first (?:attempt|try|version)|at first I|I first|"
    r"I'd assumed|I had assumed|I assumed)\b"
)
_REFLECTION = _cue(
    r"\b(?:differently|next time|in hindsight|looking back|if I did it again|I would have|I'd have|"
    r"I should have|lesson|learned|learnt|taught me|took (?:from|away)|what I took)\b|"
    r"\bI(?:'d| would) (?:now |have )?(?:bring|do|ask|start|check|test|raise|push|say|go|tell|involve|"
    r"spend|plan)\b"
)
_CHANGE_SINCE = _cue(
    r"\b(?:since then|ever since|since|now I|I now|these days|from then on|always|every time|any more|"
    r"anymore|never again|I still|changed how|part of the routine|now\b)\b"
)
_COST = _cue(
    r"\b(?:cost|lost|delay\w*|missed|refund\w*|outage|downtime|complain\w*|angry|upset|late|overtime|"
    r"wasted|penalt\w*|fine\w*|had to redo|rework)\b"
)
_MEASURE_CUE = _cue(
    r"\b(?:measur\w*|tracked|tracking|counted|counting|survey\w*|scores?|scored|audit\w*|charts?|charted|"
    r"dashboards?|figures|before and after)\b"
)
_OTHER_SIDE = _cue(
    r"\b(?:their (?:point|argument|concern|view|worry|side|reasons?)|(?:he|she|they) (?:was|were) "
    r"(?:worried|right|concerned)|fair point|from (?:his|her|their) side|(?:his|her|their) perspective|"
    r"understood why|understand why|(?:he|she|they) wanted|was worried|were worried)\b"
)
_AGREED = _cue(
    r"\b(?:agreed|said yes|signed off|approved|let me|gave me the go-ahead|went for it|accepted)\b"
)
_HYPOTHETICAL = _cue(r"\bI (?:would|'d)\b|\bI'd\b|\bI (?:always|usually|tend to|try to)\b")
_STUCK_ANSWER = _cue(
    r"\b(?:can't think of|cannot think of|never really (?:failed|had)|don't really have|no real "
    r"(?:failure|conflict|weakness)|never (?:had a|disagree)|get on with everyone|perfectionist|"
    r"work too hard|care too much)\b"
)

_ROLE_NOUN = (
    r"(?:line manager|manager|team leader|team lead|shift lead|lead|supervisor|director|head chef|chef|"
    r"sous chef|head teacher|headteacher|deputy head|head of [a-z]+|nurse in charge|ward sister|sister|"
    r"matron|nurse|doctor|consultant|registrar|dietitian|physio|teaching assistant|assistant manager|"
    r"assistant|customer|client|guest|foreman|site manager|landlord|tenant|teacher|pupil|student|"
    r"colleague|engineer|designer|developer|product manager|PM|owner|boss|CEO|COO|CFO|CTO|MD|rep|"
    r"driver|buyer|supplier|vendor|contractor|electrician|plumber|inspector|auditor|financial controller|analyst|"
    r"stakeholder|partner|mentor|coach|trainer|apprentice|chair|councillor|officer|caseworker|applicant|"
    r"donor|daughter|son|wife|husband|mother|father|mum|dad|family|surgeon|pharmacist|midwife|"
    r"carer|cook|porter|receptionist|dispatcher|picker|technician|architect|QA lead|head of product|"
    r"finance director|sales director|operations manager|general manager|store manager|area manager|"
    r"regional manager|project manager|account manager|product owner|tech lead|principal)"
)
_PERSON = re.compile(
    rf"\b(?:[Mm]y|[Oo]ur|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+((?:new |senior |junior |other |own )?{_ROLE_NOUN})s?\b"
)


def _person(answer: Answer) -> str | None:
    """Return the person, other than the speaker, that the answer names most (first on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    owner: dict[str, str] = {}
    for match in _PERSON.finditer(answer.text):
        noun = match.group(1).lower().replace("own ", "").replace("other ", "")
        if noun.endswith("s") and not noun.endswith("ss"):
            continue
        counts[noun] = counts.get(noun, 0) + 1
        first.setdefault(noun, match.start())
        # "my lead" is "your lead" to the interviewer; anyone else is "the ...".
        owner.setdefault(noun, "your" if match.group(0)[:2].lower() in ("my", "ou") else "the")
    if not counts:
        return None
    noun = max(counts, key=lambda n: (counts[n], -first[n]))
    upper = {"pm", "ceo", "coo", "cfo", "cto", "md", "qa lead"}
    return f"{owner[noun]} {noun.upper() if noun in upper else noun}"


# ---- numbers --------------------------------------------------------------------------------------

_NUMBER_WORD = (
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|half|a third|a quarter)\b)"
)
_BASELINE = _cue(
    rf"\bfrom\b[^.;]{{0,40}}?{_NUMBER_WORD}[^.;]{{0,40}}?\bto\b|\bbefore\b|\bdown from\b|\bup from\b|\bcompared\b|"
    r"\bagainst\b|\bhalved\b|\bdoubled\b|\btripled\b|\bby (?:about |around |roughly |over |nearly |almost )?"
    r"\d|\bwas\b.{0,30}\bnow\b|\bnormal\b|\busual\b|\bthan\b|\bbaseline\b|\bprevious\b|\blast year\b"
)
_IMPLAUSIBLE = re.compile(
    r"\b(?:[1-9]\d{2,}(?:,\d{3})*|\d{3,})\s?%|\b99\.9+\s?%\s+faster\b|\b\d{2,}x\b"
)


def _outcome_needs(answer: Answer, quantity: Quantity) -> str | None:
    """Return what an outcome number lacks ("baseline", "method", "implausible") or None.

    Called only for the answer's outcome numbers (its number roles), so a threshold ("orders above $500"),
    a rollout step ("to 5% of traffic"), a diagnosis ("70% of the latency came from"), load ("peaked at
    11.4x normal traffic") or a plan is never probed as a result.
    """
    text = answer.text
    sentence = answer.sentence_of(quantity.span)
    if sentence is None:
        return None
    clause = clause_around(text, quantity.span, sentence)
    region = clause.text(text) if clause is not None else sentence.text(text)
    number = quantity.span.text(text)
    if _IMPLAUSIBLE.search(number) or _IMPLAUSIBLE.search(region):
        return "implausible"
    if quantity.kind in ("duration", "count"):
        return None
    if _BASELINE.search(sentence.text(text)) or quantity.kind == "change":
        # The starting point is there; ask how it was counted only when nothing in the answer says so.
        return (
            None
            if _MEASURE_CUE.search(text) or quantity.kind not in ("percent", "money")
            else "method"
        )
    return "baseline"


# ---- situations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """One thing an answer establishes or leaves out that calls for a probe."""

    when: str
    span: Span | None = None
    person: str | None = None
    boost: float = 0.0


def _fired(findings: Sequence[Finding], *parts: str) -> Finding | None:
    return next((f for f in findings if any(p in f.rule_id for p in parts)), None)


def _own_counts(answer: Answer) -> tuple[int, int]:
    mine = sum(a.actor == "i" for a in answer.actions)
    return mine, len(answer.actions)


def situations(answer: Answer, findings: Sequence[Finding]) -> list[Situation]:
    """Return the situations in an answer that call for a probe, before ranking."""
    text = answer.text
    kind = answer.question_id
    found: list[Situation] = []
    mine, total = _own_counts(answer)
    person = _person(answer)
    short = answer.word_count < _SHORT_WORDS
    serious = [f for f in findings if f.severity >= Severity.WARNING]

    # An answer with no real story: ask for one, first.
    stuck = _STUCK_ANSWER.search(text) is not None
    hypothetical = len(_HYPOTHETICAL.findall(text)) >= 2 and mine == 0
    named = _fired(
        findings, "cliche", "humblebrag", "denies", "hypothetical", "generic", "success_as"
    )
    if short or stuck or hypothetical or named:
        # A merely short answer may still be a real story: the gaps in it come first then.
        lower = 0.0 if stuck or hypothetical or named else -0.2
        if kind == "failure":
            found.append(Situation("needs_example_failure", boost=lower))
        elif kind in ("improvement", "feedback") and (
            stuck or _fired(findings, "humblebrag", "cliche")
        ):
            found.append(Situation("needs_example_weakness", boost=lower))
        elif kind in ("pushback", "difficult_person") and (stuck or _fired(findings, "denies")):
            found.append(Situation("needs_example_conflict", boost=lower))
        else:
            found.append(Situation("needs_example", boost=lower))

    blame = _fired(
        findings, "conflict.blame", "failure.no_own_part", "one_sided", "personal_attack"
    )
    if blame is not None:
        found.append(Situation("blame_own_part"))
        if not _REFLECTION.search(text):
            found.append(Situation("blame_differently"))

    # Their part in what the team did (an answer with no story yet is asked for one first).
    no_story = short and (stuck or hypothetical or named is not None)
    weak_ownership = total > 0 and (mine < 2 or mine * 2 < total)
    if no_story:
        pass
    elif weak_ownership or _fired(findings, "ownership.", "task.not_yours", "action.no_personal"):
        we_actions = [a for a in answer.actions if a.actor == "we"]
        clause = None
        for action in we_actions:
            clause = clause_around(text, action.actor_span or action.span, action.span)
            if clause is not None:
                break
        if clause is not None:
            found.append(Situation("we_clause", clause, boost=0.04 if mine == 0 else 0.0))
        else:
            found.append(Situation("no_own_part"))
    elif total == 0 and not short:
        found.append(Situation("no_own_part"))

    # Numbers: only outcome numbers that lack a baseline or a method.
    for quantity in answer.outcomes:
        need = _outcome_needs(answer, quantity)
        if need is None:
            continue
        clause = clause_around(text, quantity.span, answer.sentence_of(quantity.span))
        if clause is None:
            continue
        when = {"baseline": "outcome_no_baseline", "method": "outcome_no_method"}.get(
            need, "implausible_number"
        )
        found.append(Situation(when, clause))
        break
    has_result = "result" in answer.parts_present
    if _fired(findings, "star.missing_result") or (
        not has_result and not short and kind != "improvement"
    ):
        found.append(Situation("no_result"))
    elif (
        _fired(findings, "result.no_number")
        and not answer.metrics
        and not _MEASURE_CUE.search(text)
        and kind in ("proud", "challenge")
    ):
        found.append(Situation("no_number"))
    if _fired(findings, "pushback.no_resolution"):
        found.append(Situation("no_resolution"))

    # Their own decisions and why.
    decision = _decision(answer)
    if decision is not None:
        clause_text = decision.text(text)
        sentence = answer.sentence_of(decision)
        sentence_text = sentence.text(text) if sentence is not None else clause_text
        if not _REASON.search(sentence_text):
            found.append(Situation("decision_why", decision))
        elif not _ALTERNATIVES.search(text):
            found.append(Situation("decision_alternatives", decision))

    # The people.
    conflict = kind in ("pushback", "difficult_person")
    if person is not None:
        if not _OTHER_SIDE.search(text):
            found.append(Situation("person_view", person=person, boost=0.1 if conflict else 0.0))
        if conflict or kind == "feedback":
            found.append(Situation("said_to_person", person=person))
        if _AGREED.search(text) and kind in ("pushback", "proud", "challenge"):
            found.append(Situation("said_no", person=person))
    elif conflict and not _OTHER_SIDE.search(text):
        found.append(Situation("other_side", boost=0.05))

    # The hardest moment.
    if _fired(findings, "challenge.no_difficulty") or (
        not _DIFFICULTY.search(text) and kind in ("proud", "challenge") and not short
    ):
        found.append(Situation("no_difficulty"))
    elif not _GOT_WRONG.search(text) and not short and has_result and kind != "improvement":
        found.append(Situation("got_wrong_first"))

    # Looking back, and since.
    if not _REFLECTION.search(text) and kind not in ("improvement",):
        found.append(
            Situation("no_reflection", boost=0.1 if kind in ("failure", "pushback") else 0.0)
        )
    if kind in ("failure", "feedback"):
        if _fired(findings, "failure.no_change", "feedback.no_change") or not _CHANGE_SINCE.search(
            text
        ):
            found.append(Situation("no_change_since"))
        elif not short:
            found.append(Situation("change_stuck"))
    elif kind == "improvement":
        if _fired(findings, "improvement.no_plan"):
            found.append(Situation("improvement_plan"))
        elif _fired(findings, "improvement.no_measure") and not _MEASURE_CUE.search(text):
            found.append(Situation("improvement_measure"))
        elif not short:
            found.append(Situation("change_stuck"))
    elif has_result and _CHANGE_SINCE.search(text) and not short:
        found.append(Situation("change_stuck"))
    if kind == "failure" and (_fired(findings, "failure.no_cost") or not _COST.search(text)):
        found.append(Situation("no_cost"))
    if kind == "proud" and _fired(findings, "proud.no_why", "proud.recognition_only"):
        found.append(Situation("why_this"))

    strong = not serious and not short
    return [
        Situation(
            s.when, s.span, s.person, s.boost + (_DEPTH_BOOST if strong and _depth(s) else 0.0)
        )
        for s in found
    ]


def _depth(situation: Situation) -> bool:
    return load_probe_templates()[situation.when].depth


def _decision(answer: Answer) -> Span | None:
    """Return the whole clause of the speaker's key decision: a "decided/chose/suggested" first."""
    text = answer.text
    best: Span | None = None
    for sentence in answer.sentences:
        for match in _DECISION_VERB.finditer(text, sentence.start, sentence.end):
            clause = clause_around(text, Span(match.start(), match.end()), sentence)
            if clause is None or len(clause.text(text).split()) < _DECISION_WORDS:
                continue
            # The decision is what the clause is about: its verb comes early ("I decided to...", "so I
            # asked..."), not at the end of a relative clause ("every meeting I booked").
            if len(text[clause.start : match.start()].split()) > 3:
                continue
            if _STRONG_DECISION.search(match.group(0)):
                return clause
            best = best or clause
    return best


# ---- wording and ranking --------------------------------------------------------------------------


def _pick(options: Sequence[str], seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8", "surrogatepass")).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def word(situation: Situation, text: str, style: str = "neutral") -> Probe:
    """Return the probe for one situation, worded for the interviewer's style."""
    template = load_probe_templates()[situation.when]
    phrasing = _pick(template.phrasings[style], f"{situation.when}|{text}")
    if situation.span is not None:
        phrasing = phrasing.replace("{quote}", situation.span.text(text))
    if situation.person is not None:
        phrasing = phrasing.replace("{person}", situation.person)
    phrasing = phrasing[0].upper() + phrasing[1:]
    priority = round(template.priority + situation.boost, 3)
    return Probe(
        phrasing,
        template.reason,
        f"target:{template.target}/{situation.when}",
        situation.span,
        priority,
    )


def target_of(probe: Probe) -> str | None:
    """Return the target of a probe built here ("own_part", "decision", ...), or None for another source."""
    family, _, rest = probe.source.partition(":")
    return rest.partition("/")[0] if family == "target" else None


def ranked_probes(
    answer: Answer, findings: Sequence[Finding], style: str = "neutral"
) -> list[Probe]:
    """Return every probe the answer calls for, best first, at most one per target and per quote."""
    probes = sorted(
        (word(s, answer.text, style) for s in situations(answer, findings)),
        key=lambda p: -p.priority,
    )
    chosen: list[Probe] = []
    seen: set[str | None] = set()
    quoted: set[Span] = set()
    for probe in probes:
        target = target_of(probe)
        if target in seen or (probe.span is not None and probe.span in quoted):
            continue
        seen.add(target)
        if probe.span is not None:
            quoted.add(probe.span)
        chosen.append(probe)
    return chosen


_PRONOUNS = (
    _cue(r"\b(?:he|him|his|himself)\b"),
    _cue(r"\b(?:she|her|hers|herself)\b"),
    _cue(r"\b(?:they|them|their|theirs|themselves)\b"),
)


def _people_fit(question: str, text: str) -> bool:
    """Return False when a question speaks of "he", "she" or "they" and the answer never does."""
    return all(not p.search(question) or p.search(text) for p in _PRONOUNS)


_ASKS_MEASURE = _cue(r"\bhow (?:will|would|do|did) you know\b|\bmeasur\w*|\bis there a number\b")
_ASKS_DIFFERENTLY = _cue(r"\bdifferently\b|\blooking back\b|\bin hindsight\b|\bwould you change\b")
_NUMBERISH = _cue(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|half|third|quarter|double|twice)\b"
)
_SAYS_MEASURE = _cue(r"\b(?:measur\w*|track\w*|count\w*|survey\w*|score\w*|audit\w*|chart\w*)")


def _already_said(question: str, text: str) -> bool:
    """Return True when a stock follow-up asks how it was measured, or what they would do differently,
    and the answer says so already."""
    if _ASKS_MEASURE.search(question) and _SAYS_MEASURE.search(text) and _NUMBERISH.search(text):
        return True
    return bool(_ASKS_DIFFERENTLY.search(question) and _REFLECTION.search(text))


def build_probes(
    answer: Answer, findings: Sequence[Finding], follow_ups: Sequence[str], style: str = "neutral"
) -> list[Probe]:
    """Return 3-5 ranked probes grounded in what the answer says and leaves out."""
    chosen = ranked_probes(answer, findings, style)[:MAX_PROBES]
    for question in follow_ups:
        if len(chosen) >= MIN_PROBES:
            break
        # A prompt's stock follow-up about "them" fits only an answer that has them in it.
        if not _people_fit(question, answer.text) or _already_said(question, answer.text):
            continue
        if all(p.question != question for p in chosen):
            chosen.append(
                Probe(question, "a follow-up this prompt usually gets", "question", None, 0.3)
            )
    return chosen
