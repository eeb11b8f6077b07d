"""Who did what, clause by clause: a clause splitter and a count of deeds per actor.

`classify_actor` reads one actor per sentence, so "She changed the huddle, rearranged the front and brought
in a scheme" is one deed, and a coordinated clause after the first ("..., and then she rebuilt the rota")
is not read at all. `split_clauses` cuts a sentence where a new clause starts: at "; ", at ", and", ", but",
", so", ", then", and at a bare comma, "and" or "then" when a subject pronoun, a name or a past-tense verb
follows. A clause that opens with a past-tense verb is a coordinated verb phrase and carries the subject of
the clause before it, so the sentence above is three deeds by "she". `deeds` reads every sentence of an
answer this way.

Known limits: English only; a subordinate clause ("when she took over") is not counted as a deed; "he" and
"she" are not resolved to the person they name, so a deed's `who` is the words that name its actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starcoach.analysis.features.actor_words import (
    ADVERBS,
    AMBIGUOUS_PAST,
    AUXILIARIES,
    FEELINGS,
    INTRO_PREPOSITIONS,
    IRREGULAR_PAST,
    NOT_PAST_ED,
    STATE_VERBS,
    SUBORDINATORS,
)
from starcoach.analysis.features.agency import classify
from starcoach.analysis.text import split_sentences

# A cut that always opens a new clause: a semicolon, or a comma with a conjunction.
# A leading run of spaces is matched only from its first space ("(?<!\s)"): tried from each of its positions,
# a run of n spaces would cost n * n steps (tests/reliability/test_pattern_budget.py).
_FIRM_CUT = re.compile(
    r"(?<!\s)\s*;\s+|,\s+(?:and|but|so)\s+(?:then\s+)?|,\s+then\s+", re.IGNORECASE
)
# A cut that opens a new clause only when a subject or a verb follows.
_SOFT_CUT = re.compile(
    r",\s+|(?<!\s)\s*[:\u2013\u2014]\s+|(?<!\s)\s+(?:-|and|but|then)\s+(?:then\s+)?",
    re.IGNORECASE,
)
# A cut before a subordinate or relative clause, which keeps its opening word: "... because the dose
# hadn't been signed", "... a contractor who clearly didn't go".
_SUBORDINATE_CUT = re.compile(
    r"(?<!\s)\s+(?=(?:because|although|though|whereas|unless|until|while|when|which|who)(?:\s|['’]))",
    re.IGNORECASE,
)
_RELATIVES = frozenset({"which", "who"})
# A role and the name that follows it: "My gaffer, Dave, ", "Our new lead, Priya, ".
_NAMED_ROLE = re.compile(
    r"((?:[Mm]y|[Oo]ur|[Tt]he)\s+(?:[a-z]+\s+){0,3}?[a-z]+),\s+[A-Z][a-z]+,\s+"
)
_FIRST_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_SUBJECT_PRONOUNS = frozenset(
    {"i", "he", "she", "we", "they", "it", "nobody", "everyone", "everybody"}
)
# A pronoun with its auxiliary: "I'd flagged", "they've", "she's".
_CONTRACTED_SUBJECT = re.compile(r"^(?:i|he|she|we|they|it)'(?:d|ve|m|re|s|ll)$")
# Words that open a noun phrase that may be a clause's subject: "the night nurse had", "none of them".
_DETERMINERS = frozenset(
    "the a an our my his her their its this that these those some most half none all one".split()
)
# Words between "and" and a coordinated verb: "and also set up", "and personally retrained".
_VERB_PREFIXES = frozenset(
    {"also", "then", "really", "personally", "even", "finally", "later", "never", "just", "still"}
)
# The past of verbs whose -ed form the general check rejects, and "set up" style verbs it cannot tell.
_PAST_EXTRA = frozenset(AMBIGUOUS_PAST)


@dataclass(frozen=True, slots=True)
class Deed:
    """One clause that describes something someone did.

    `actor` is one of `starcoach.analysis.report.ACTORS`; `who` is the lowercase words that name the actor
    ("she", "my manager", "marcus"), carried from the clause before for a coordinated verb phrase; `verb`
    is the lowercase main verb ("rebuilt"); `start`/`end` cover the actor words and the verb ("She
    rebuilt") in the answer, or the verb alone for a carried subject. `carried` is True for a coordinated
    verb phrase whose subject was carried from the clause before.
    """

    actor: str
    who: str
    verb: str
    start: int
    end: int
    carried: bool = False


def _is_past_form(low: str) -> bool:
    """Return True for a word that is plainly a simple past ("rebuilt", "changed", "set")."""
    if low in FEELINGS or low in STATE_VERBS:
        return False
    if low in IRREGULAR_PAST or low in _PAST_EXTRA:
        return True
    return len(low) > 3 and low.endswith("ed") and low not in NOT_PAST_ED


def _has_verb(segment: str) -> bool:
    """Return True when a piece of a sentence holds a finite verb, so it can be a clause of its own."""
    words = _FIRST_WORD.findall(segment.replace("\u2019", "'"))
    return any(w in AUXILIARIES or _is_past_form(w) for w in (m.lower() for m in words))


def _opens_clause(after: str) -> bool:
    """Return True when the text after a soft cut starts a clause: a subject and verb, or a past verb."""
    words = _FIRST_WORD.findall(after[:80].replace("\u2019", "'"))
    if not words:
        return False
    first = words[0].lower()
    if _CONTRACTED_SUBJECT.match(first):
        return True  # "I'd flagged it in planning"
    if first in _DETERMINERS:
        return _noun_phrase_then_verb(words[1:6])
    if first in _SUBJECT_PRONOUNS:
        rest = words[1:]  # "she rebuilt", "she was", "he also set up", "it just wasn't"
        return bool(rest) and (_verb_soon(rest) or _leads_to_verb(rest))
    if words[0][:1].isupper() and len(words) > 1 and _is_past_form(words[1].lower()):
        return True  # "and Marcus built the case"
    if _bare_subject_then_verb(words):
        return (
            True  # "and HR isn't always top of their list", "when colleagues don't match my pace"
        )
    return _leads_to_verb(words)


def _bare_subject_then_verb(words: list[str]) -> bool:
    """Return True when a bare noun is followed by an auxiliary ("colleagues don't", "management never")."""
    if len(words) < 2:
        return False
    first, second = words[0].lower(), words[1].lower()
    if (
        first in ADVERBS
        or first in SUBORDINATORS
        or first in INTRO_PREPOSITIONS
        or first.endswith("ly")
    ):
        return False
    return (second in AUXILIARIES and second not in ("'s", "do", "be")) or second == "never"


def _noun_phrase_then_verb(words: list[str]) -> bool:
    """Return True when a few words after a determiner reach a verb before any pronoun: "(the) night
    nurse had given", "(none) of them picked up", not "(the) sick list and the rota"."""
    for word in words:
        low = word.lower()
        if low in _SUBJECT_PRONOUNS - {"it"} or low == "and":
            return False
        if (low in AUXILIARIES and low not in ("'s", "do")) or (
            _is_past_form(low) and not word[:1].isupper()
        ):
            return True
    return False


def _verb_soon(words: list[str]) -> bool:
    """Return True when the words open with a verb, perhaps after adverbs ("clearly didn't go")."""
    for word in words[:4]:
        low = word.lower()
        if low in ADVERBS or low in _VERB_PREFIXES or low.endswith("ly"):
            continue
        return low in AUXILIARIES or low in STATE_VERBS or _is_past_form(low)
    return False


def opens_with_verb(clause: str) -> bool:
    """Return True when a clause opens with a past verb, perhaps after "also", "then" or "never", so its
    subject is that of the clause before ("(the nurse had given it early but) got called to an arrest")."""
    return _leads_to_verb(_FIRST_WORD.findall(clause[:80]))


def _opens_subordinate(after: str) -> bool:
    """Return True when a subordinator or relative pronoun opens a clause: a relative pronoun and a verb
    ("who clearly didn't go"), or a subordinator and a clause ("because the dose hadn't been signed")."""
    words = _FIRST_WORD.findall(after[:80].replace("\u2019", "'"))
    if len(words) < 2:
        return False
    relative = words[0].lower().split("'")[0]
    if relative in _RELATIVES:
        return "'" in words[0] or _verb_soon(words[1:])  # "who'd never been", "who frankly didn't"
    return _opens_clause(after[len(words[0]) :].lstrip())


def _leads_to_verb(words: list[str]) -> bool:
    """Return True when the words open with a past verb, perhaps after "also" or "then"."""
    for word in words[:3]:
        low = word.lower()
        if low not in _VERB_PREFIXES:
            return _is_past_form(low) and not word[:1].isupper()
    return False


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets in `sentence` of its clauses, in order."""
    cuts: list[tuple[int, int]] = []
    for match in _FIRM_CUT.finditer(sentence):
        cuts.append((match.start(), match.end()))
    for match in _SOFT_CUT.finditer(sentence):
        if any(a <= match.start() < b or a < match.end() <= b for a, b in cuts):
            continue
        if _opens_clause(sentence[match.end() :]):
            cuts.append((match.start(), match.end()))
    for match in _SUBORDINATE_CUT.finditer(sentence):
        if not any(a <= match.start() < b for a, b in cuts) and _opens_subordinate(
            sentence[match.end() :]
        ):
            cuts.append((match.start(), match.end()))
    cuts.sort()
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut_start, cut_end in cuts:
        # A cut after a piece with no verb is a list of subjects ("My manager, Dave, and I"), not a clause.
        # A cut at ';', ', but' or before a relative clause is kept even after a piece with no verb.
        opening = sentence[cut_start:cut_end].strip(" ,").lower() or sentence[cut_end:].lower()
        firm = opening.startswith(("but", ";", "who", "which"))
        if cut_start > start and (firm or _has_verb(sentence[start:cut_start])):
            pieces.append((start, cut_start))
            start = cut_end
    pieces.append((start, len(sentence)))
    return [(a, b) for a, b in pieces if b > a]


def _clause_deed(clause: str, subject: Deed | None, offset: int) -> tuple[Deed | None, Deed | None]:
    """Return the deed a clause describes and the subject it hands on to a coordinated verb after it.

    A clause that opens with a past verb carries `subject`, the actor of the clause before ("I was behind
    it and backed him up": "backed" is the speaker's). A subordinate clause describes no deed.
    """
    words = _FIRST_WORD.findall(clause[:80])
    first = words[0].lower().split("'")[0] if words else ""
    if not words or first in SUBORDINATORS or first in _RELATIVES:
        return None, subject
    if words[0].lower() == "never" and subject is not None:
        return None, subject  # "(she had given it early) and never went back": no deed done
    named = _NAMED_ROLE.match(clause)
    if named and _leads_to_verb(_FIRST_WORD.findall(clause[named.end() : named.end() + 80])):
        # "My gaffer, Dave, spent days on it": the name in the apposition is the subject of the verb after it.
        role = Deed("named", named.group(1).lower(), "", offset, offset + named.end(1))
        deed = _carried_deed(clause[named.end() :], role, offset + named.end())
        deed = Deed(deed.actor, deed.who, deed.verb, offset, deed.end)
        return deed, deed
    if subject is not None and _leads_to_verb(words):
        deed = _carried_deed(clause, subject, offset)
        return deed, deed
    guess = classify(clause, prefer_speaker=False)
    if guess.start is None or guess.end is None or guess.actor in ("none", "passive"):
        return None, None
    verb = ""
    end = offset + guess.end
    if guess.verb_start is not None and guess.verb_end is not None:
        verb = clause[guess.verb_start : guess.verb_end].lower().split()[-1]
        end = offset + guess.verb_end
    who = clause[guess.start : guess.end].lower()
    reading = Deed(guess.actor, who, verb, offset + guess.start, end)
    if not guess.is_action or guess.passive:
        return None, reading
    return reading, reading


def _carried_deed(clause: str, subject: Deed, offset: int) -> Deed:
    """Return the deed of a clause that opens with its verb, done by the subject carried to it."""
    verb = next(w for w in _FIRST_WORD.findall(clause[:80]) if w.lower() not in _VERB_PREFIXES)
    at = offset + clause.index(verb)
    return Deed(subject.actor, subject.who, verb.lower(), at, at + len(verb), carried=True)


def deeds(text: str) -> list[Deed]:
    """Return every deed in `text`, clause by clause."""
    found: list[Deed] = []
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        subject: Deed | None = None
        for start, end in split_clauses(sentence):
            deed, subject = _clause_deed(sentence[start:end], subject, span.start + start)
            if deed is not None:
                found.append(deed)
    return found
