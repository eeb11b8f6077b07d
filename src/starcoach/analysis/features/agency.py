"""Who did each action: the actor parser behind the ownership view.

`classify_actor` finds the grammatical agent of a sentence's main action verb with a small hand-written
parser: skip introductory clauses ("After the outage, ..."), read the subject noun phrase, read the verb
group (auxiliaries, passive voice, "was able to"), then name the actor class. It is a shallow heuristic,
not a full parser: it favours saying "i" whenever the speaker is among the agents (a co-subject, or the
subject of a coordinated main clause: "It was down, so I rolled back"), because telling someone who plainly
said "I" that their action has no clear actor is the costliest mistake the ownership view can make.
Known limits: no real part-of-speech tagging, so a noun that looks like a verb can end a subject early;
names are recognised from capitals mid-sentence, titles and a short list of first names.

The word lists it reads are in `actor_words.py`; the agency score built on the same parse, which only the
evaluation uses, is in `agency_score.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starcoach.analysis.features.actor_words import (
    ACTION_VERBS,
    ADVERBS,
    AGENT_STOPS,
    AMBIGUOUS_PAST,
    AUXILIARIES,
    BE_FORMS,
    CALENDAR,
    CLOSE_GROUPS,
    COLLECTIVE_NOUNS,
    DEMONSTRATIVES,
    DETERMINERS,
    DO_FORMS,
    EVENT_NOUNS,
    FEELINGS,
    FIRST_NAMES,
    GET_FORMS,
    GROUP_HEADS,
    HAVE_FORMS,
    HUMAN_VERBS,
    INTRO_PREPOSITIONS,
    IRREGULAR_PARTICIPLES,
    IRREGULAR_PAST,
    LEADING_MARKERS,
    MODALS,
    NOT_ADVERB_LY,
    NOT_AGENT_AFTER_BY,
    NOT_GERUNDS,
    NOT_PAST_ED,
    OBJECT_PRONOUNS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    POSSESSIVES_WE,
    PRONOUN_ACTOR,
    RELATIVES,
    SPEAKER_WORDS,
    STATE_PARTICIPLES,
    STATE_VERBS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TEAM_WORDS,
    TIME_OPENERS,
    TIME_WORDS,
    TITLES,
)

# Tokens: words (with inner apostrophes), numbers, and the punctuation that bounds clauses and appositions.
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[,;:()\u2013\u2014]")
_CLITIC = re.compile(r"^(i|we|they|he|she|it|that|there|you|what|who)(['’](?:m|re|ve|d|ll|s))$")
# The main clause starts within the first few dozen tokens; a run-on transcript need not be read further.
_MAX_TOKENS = 80
MAX_CHARS = 1200
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
        words = _TOKEN.findall(sentence, 0, MAX_CHARS)[:_MAX_TOKENS]
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


_INSERT_OPENERS = frozenset({",", "(", "\u2013", "\u2014"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "\u2013", "\u2014"})


def _is_adverb(low: str) -> bool:
    """Return True for a word that can sit between a subject and its verb."""
    return low in ADVERBS or (len(low) > 4 and low.endswith("ly") and low not in NOT_ADVERB_LY)


def _is_past_ed(low: str) -> bool:
    """Return True for a regular past tense or past participle ("shipped", "agreed")."""
    return len(low) > 3 and low.endswith("ed") and low not in NOT_PAST_ED


def _is_participle(low: str) -> bool:
    """Return True for a past participle, regular or irregular."""
    return _is_past_ed(low) or low in IRREGULAR_PARTICIPLES


def _is_past(low: str) -> bool:
    """Return True for a simple past form, regular or irregular."""
    return _is_past_ed(low) or low in IRREGULAR_PAST


# The verb-group openings that put a sentence in the past ("was", "had", "didn't").
_PAST_AUXILIARIES = frozenset("was were wasn't weren't had hadn't did didn't".split())


def tells_past(guess: ActorGuess, sentence: str) -> bool | None:
    """Return whether a sentence's main verb group is in the past ("rang", "had asked", "was moved"), or
    None when no verb group was found. "Would" and "could" count as not past: they tell habits and
    conditionals as often as a past event."""
    if guess.verb_start is None:
        return None
    words = sentence[guess.verb_start : guess.verb_end].lower().split()
    if not words:
        return None
    first = words[0].replace("’", "'")
    return first in _PAST_AUXILIARIES or _is_past(first)


def is_gerund(low: str) -> bool:
    """Return True for an -ing form ("working", "getting")."""
    return len(low) > 4 and low.endswith("ing") and low not in NOT_GERUNDS


def _is_verb_lemma_form(low: str) -> bool:
    """Return True for a known action verb in its base or third-person form ("asks", "fixes")."""
    if low in ACTION_VERBS:
        return True
    if low.endswith("ies"):
        return low[:-3] + "y" in ACTION_VERBS
    if low.endswith("es") and low[:-2] in ACTION_VERBS:
        return True
    return low.endswith("s") and low[:-1] in ACTION_VERBS


def singular_noun(word: str) -> str:
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
        if after == -1 or tok.lows[i] in SUBORDINATORS or not _is_phrase_intro(tok, i):
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
    while i < tok.n and (lows[i] in LEADING_MARKERS or lows[i] in _PUNCT):
        if lows[i] == "so" and i + 1 < tok.n and lows[i + 1] in ("that", "far", "much", "many"):
            break
        i += 1
    return i


def _is_intro(tok: _Tokens, i: int) -> bool:
    """Return True when the token at `i` opens an introductory or subordinate phrase."""
    low = tok.lows[i]
    if low in SUBORDINATORS or low in INTRO_PREPOSITIONS:
        return True
    if low in TIME_OPENERS:
        return any(w in TIME_WORDS for w in tok.lows[i + 1 : i + 3])
    if is_gerund(low) and low not in PRONOUN_ACTOR:
        return True  # "Working with legal, we ..."
    # "Faced with a deadline, we ..."
    return _is_participle(low) and i + 1 < tok.n and tok.lows[i + 1] in ("with", "by", "to", "as")


def _after_clause_break(tok: _Tokens, j: int) -> int:
    """Return the index after the next clause break that does not open a relative clause, or -1."""
    lows = tok.lows
    while j < tok.n:
        if lows[j] in _CLAUSE_BREAKS and not (j + 1 < tok.n and lows[j + 1] in RELATIVES):
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
    if lows[i] in SUBORDINATORS:
        j = i + 1
        if j < end and lows[j] in SUBJECT_PRONOUNS:
            j += 1  # "When we launched I ran": the pronoun right after "when" is the subordinate's own
        for k in range(j, end):
            if (
                lows[k] in SUBJECT_PRONOUNS
                and k + 1 < tok.n
                and _is_finite(tok, _next_word(tok, k + 1))
            ):
                return k
        return -1
    for v in range(i + 1, end):
        if lows[v] in RELATIVES or lows[v] == "that":
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
    return low == "to" or is_gerund(low) or (_is_participle(low) and low not in INTRO_PREPOSITIONS)


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
    while k - 1 > i and (lows[k - 1] in DETERMINERS or (tok.caps[k - 1] and tok.caps[k])):
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
    if low in AUXILIARIES or low in IRREGULAR_PAST:
        return not (low in AMBIGUOUS_PAST and prev in DETERMINERS)
    if _is_past_ed(low):
        # "the automated tests" is an adjective, but "This saved us" opens with a demonstrative subject.
        return prev not in DETERMINERS or (prev in DEMONSTRATIVES and j == 1)
    if strong_only:
        return False
    return _is_verb_lemma_form(low) and prev not in DETERMINERS and low not in PERSON_NOUNS


def _read_subject(tok: _Tokens, s: int) -> _Subject:
    """Read the subject that starts at `s` and find where its verb group begins."""
    lows = tok.lows
    n = tok.n
    if lows[s] not in PERSONAL_PRONOUNS:
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
        if low in RELATIVES or low == "that":
            end = j - 1
            verb = _skip_relative(tok, j + 1)
            break
        if weak != -1 and (low in DETERMINERS or low in OBJECT_PRONOUNS):
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
    if any(w in SPEAKER_WORDS for w in words):
        return "i"  # the speaker is among the agents: "My manager and I agreed"
    if any(w in TEAM_WORDS for w in words):
        return "we"
    lead = words[0]
    if lead in PRONOUN_ACTOR and (len(words) == 1 or words[1] in ("and", "or")):
        return PRONOUN_ACTOR[lead]
    head = _head_noun(words)
    singular = singular_noun(head)
    collective = head in COLLECTIVE_NOUNS or singular in COLLECTIVE_NOUNS
    if not collective and _names_someone(tok, first, last):
        return "named"
    if collective:
        return _collective_actor(words, singular)
    if head in PERSON_NOUNS or singular in PERSON_NOUNS:
        return "they"
    if head in PRONOUN_ACTOR:
        return PRONOUN_ACTOR[head]
    if verb < tok.n and lows[verb] in HUMAN_VERBS:
        if first == last and tok.caps[first] and lead not in DETERMINERS:
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
        if low in DETERMINERS or low in PRONOUN_ACTOR or low in CALENDAR:
            continue
        if low in PERSON_NOUNS or singular_noun(low) in PERSON_NOUNS or low in COLLECTIVE_NOUNS:
            continue
        if low in FIRST_NAMES or low in TITLES or k > 0:
            return True  # a known name, a title, or a capital that sentence case cannot explain
        if k + 1 <= last and tok.caps[k + 1] and tok.words[k + 1][1:].islower():
            return True  # two capitalised words: "Mississippi State"
    return False


def _head_noun(words: list[str]) -> str:
    """Return the head word of a noun phrase: the word before an "of" phrase, else the last word."""
    if "of" in words:
        before = words[: words.index("of")]
        if before and before[-1] in GROUP_HEADS:
            return words[-1]  # "one of my engineers", "the rest of the team"
        if before:
            return before[-1]
    return words[-1]


def _collective_actor(words: list[str], singular: str) -> str:
    """Return we for the speaker's own group ("our team", "the team"), they for another one."""
    det = words[0]
    if det in POSSESSIVES_WE:
        return "we"
    if singular in CLOSE_GROUPS and (
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
                after in DETERMINERS
                or after in PRONOUN_ACTOR
                or after in OBJECT_PRONOUNS
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
            if is_gerund(after) and after not in STATE_VERBS:
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
        if low in EVENT_NOUNS:
            return "action"
        prev = lows[k - 1]
        if (
            k > j
            and low in ACTION_VERBS
            and prev not in DETERMINERS
            and prev not in INTRO_PREPOSITIONS
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
            if lows[k + 1][:1].isdigit() or lows[k + 1] in NOT_AGENT_AFTER_BY:
                break
            end = k + 1
            while (
                end + 1 < tok.n
                and end < k + 5
                and lows[end + 1] not in _PUNCT
                and lows[end + 1] not in AGENT_STOPS
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
    if low in PRONOUN_ACTOR or low in DETERMINERS or low in FIRST_NAMES or low in AUXILIARIES:
        return False  # "Did they care?" is a question, not a deed
    if not _is_past(low) or low in FEELINGS or low in STATE_VERBS or low in AMBIGUOUS_PAST:
        return False  # "Read it first" may be an instruction: only unambiguous past forms count
    if s > 0 and tok.caps[s]:
        return False  # a capital mid-sentence is a name, not a verb
    for k in range(s + 1, min(tok.n, s + 7)):
        w = lows[k]
        if w in DETERMINERS or w in _PUNCT or w in INTRO_PREPOSITIONS or w in OBJECT_PRONOUNS:
            return True
        if _is_verb_start(tok, k, strong_only=True):
            return False  # "Automated tests caught it": the first word described the subject
    return True


def classify_actor(sentence: str) -> ActorGuess:
    """Return who performs the main action of `sentence` and whether it describes a deed."""
    return classify(sentence, prefer_speaker=True)


def classify(sentence: str, prefer_speaker: bool) -> ActorGuess:
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
    if lows[s] in AUXILIARIES and s + 1 < tok.n and lows[s + 1] in PERSONAL_PRONOUNS:
        # "Did they care?": a question names who it is about but describes no deed.
        actor = PRONOUN_ACTOR[lows[s + 1]]
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
