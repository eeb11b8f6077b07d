"""How specific a sentence is, and the stock phrases that make an interview answer vague.

`specificity` is a small linear model over cheap surface features (length, numbers, names, time and place
words, against generic words, opinion words and hedges). Its weights were fitted by least squares on the
dev half of a public corpus of sentences rated for specificity by crowd workers, so its output reads
roughly like their 1-5 scale: about 1.5 for "Great place, loved it", about 4 for a sentence full of names,
numbers and particulars.

`vague_phrases` finds the hand-waving phrases interviewers discount ("worked on various things", "and so
on", "significantly improved" with no number near it). It is a short list of whole phrases, chosen so
that a match is almost always worth a rewrite.
"""

from __future__ import annotations

import math
import re

from starcoach.analysis.features.numbers import METRIC_KINDS, find_quantities
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fold, fold_ascii
from starcoach.analysis.text import LETTER_RUN, LETTER_WORD

# A capitalised stretch of word characters; it is a word of LETTER_WORD when no letter precedes it in
# the stretch.
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]*")
# "and" as a whole word in ASCII-lowercased text. The literal comes first so that the engine can jump
# from one "and" to the next; the lookbehind then checks what precedes it.
_AND = re.compile(r"and(?<!\wand)(?!\w)")
# A word opens a sentence when only spaces, quotes or brackets separate it from the start or from . ! ? :
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;\n])[\s\"“‘'(\[*-]*$")

FEATURE_NAMES = (
    "log_chars",
    "quantities",
    "proper_nouns",
    "acronyms",
    "the_share",
    "links",
    "generic_share",
    "opinion_share",
    "hedge_share",
)
"""What `specificity_features` measures, in order (counts are log1p, shares are per word)."""

WEIGHTS = (-0.5914, 0.6777, 0.3959, 0.4824, 0.1984, 0.8578, 0.0700, -0.6809, -0.3308, -0.2197)
"""Intercept, then one weight per feature in FEATURE_NAMES order (ridge least squares on dev)."""

# Words that refer to nothing in particular.
_GENERIC = frozenset(
    """
    thing things stuff something anything everything nothing someone somebody anyone anybody everyone
    everybody people person place places way ways lot lots kind sort sorts type types whatever etc
    somehow somewhat somewhere anyway anyhow general generally overall various several many much
    some few certain aspects aspect area areas part parts issue issues matter matters
    """.split()
)
# Words that judge or intensify rather than describe.
_OPINION = frozenset(
    """
    good great best better bad worse worst nice cool awesome amazing excellent fantastic wonderful
    terrible horrible awful perfect perfectly love loved loves loving like liked hate hated enjoy enjoyed
    favorite favourite fun funny boring beautiful brilliant lovely pleasant delicious tasty yummy
    recommend recommended worth highly definitely absolutely totally really very so too pretty quite
    super truly incredibly extremely simply just always never ever fine ok okay decent solid happy glad
    sad disappointed disappointing impressive impressed entertaining interesting wow lol omg actually
    honestly literally completely
    """.split()
)
# Words that soften a claim.
_HEDGES = frozenset(
    """
    maybe perhaps probably possibly possible likely unlikely seem seems seemed seemingly apparently
    appear appears appeared suggest suggests assume assumed suspect imagine think thought believe guess
    suppose feel felt hope might could would may somewhat slightly partly partially practically
    virtually fairly rather relatively basically generally usually mostly sometimes often tend tends
    kinda sorta presumably arguably allegedly unsure unclear
    """.split()
)
# "roughly", "about" and "approximately" are left out on purpose: in an answer they mostly come with a
# number ("roughly 20%"), which is specific.
# One lookup per word: (generic, opinion, hedge) increments.
_LEXICON = {
    word: (int(word in _GENERIC), int(word in _OPINION), int(word in _HEDGES))
    for word in _GENERIC | _OPINION | _HEDGES
}


def specificity_features(text: str, quantities: int | None = None) -> tuple[float, ...]:
    """Return the feature vector of `text`, in FEATURE_NAMES order.

    `quantities` is how many quantities `find_quantities` finds in `text`; pass it when already known
    to spare a second scan.
    """
    # Words are read from the ASCII-lowercased text, which splits into the same words, already
    # lowercased; only the few capitalised words need their positions.
    folded = fold(text)
    words = LETTER_WORD.findall(folded)
    n = len(words)
    the = words.count("the")
    generic = opinion = hedge = 0
    for g, o, h in filter(None, map(_LEXICON.get, words)):
        generic += g
        opinion += o
        hedge += h
    proper = acronyms = 0
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        if word == "I" or not _starts_word(text, m.start()):
            continue
        if len(word) > 1 and word.isupper():
            acronyms += 1  # "API", "AWS", "NYU": names of particular things
        elif not _OPENS_SENTENCE.search(text, max(0, m.start() - 8), m.start()):
            proper += 1
    links = text.count(",") + len(_AND.findall(folded))
    share = 1.0 / n if n else 0.0
    return (
        math.log1p(len(text.strip())),
        math.log1p(len(find_quantities(text)) if quantities is None else quantities),
        math.log1p(proper),
        math.log1p(acronyms),
        share * the,
        math.log1p(links),
        share * generic,
        share * opinion,
        share * hedge,
    )


def _starts_word(text: str, start: int) -> bool:
    """Return True when a word of LETTER_WORD starts at `start`: no letter before it in its run of word
    characters."""
    at = start - 1
    while at >= 0 and text[at] in "'’-":
        at -= 1
    return at < 0 or not ("a" <= text[at] <= "z" or "A" <= text[at] <= "Z")


def specificity(text: str, quantities: int | None = None) -> float:
    """Return how specific one sentence is, roughly on crowd raters' 1 (vague) to 5 (specific) scale.

    Meant for a sentence (the scale was fitted on single sentences); score a passage sentence by sentence.
    `quantities` is the number of quantities in `text`, when the caller already has them.
    """
    features = specificity_features(text, quantities)
    score = WEIGHTS[0] + sum(w * f for w, f in zip(WEIGHTS[1:], features, strict=True))
    return min(5.0, max(1.0, score))


# ---------------------------------------------------------------------------------------------------
# Vague stock phrases. Each group is one reason an interviewer discounts the words; the "impact" group
# only counts where the sentence states no measured result (so "significantly improved load time, from
# 4 s to 1 s" is not flagged).

_THINGS = (
    r"(?:things|stuff|tasks|activities|initiatives|projects|issues|aspects|areas|responsibilities)"
)
_GENERIC_OBJECT = (
    r"(?:(?:my|our|the|their|his|her|its|your|existing|internal|key|cross-functional)\s+)?"
    r"(?:skills?|expertise|experience|knowledge|strengths|synerg(?:y|ies)|resources|relationships"
    r"|best\s+practices|insights|network|capabilities|assets|learnings)\b"
)
_GAIN_VERB = (
    r"(?:improved|increased|reduced|decreased|boosted|enhanced|lowered|raised|grew|cut|sped\s+up"
    r"|accelerated|optimi[sz]ed|streamlined)"
)
_GAIN_ADVERB = (
    r"(?:significantly|dramatically|drastically|greatly|massively|substantially|considerably|hugely"
    r"|tremendously|vastly|immensely|noticeably|a\s+lot)"
)
_BIG = (
    r"(?:significant|huge|massive|big|major|great|tremendous|substantial|dramatic|considerable|real"
    r"|positive|measurable|meaningful)"
)
# "kind of" / "sort of" hedge only as an adverb ("I kind of led it"), not after "the", "what", "this"...
_KIND_DETERMINERS = frozenset(
    """
    the this that what same one any some these those which other right wrong first only every each a an
    our my their your its his her different new
    """.split()
)
_VAGUE = re.compile(
    r"\b(?:"
    # things left unnamed
    rf"(?P<filler>(?:various|numerous|many|several|different|other|some|all\s+(?:sorts|kinds)\s+of)\s+"
    rf"(?:things|stuff)\b|various\s+{_THINGS}\b|a\s+variety\s+of\s+{_THINGS}\b"
    r"|(?:a\s+lot|lots|loads|tons|a\s+ton|a\s+bunch|plenty)\s+of\s+(?:things|stuff)\b"
    r"|(?:and|or)\s+(?:stuff|whatnot|so\s+on|so\s+forth|all\s+that)(?:\s+like\s+that)?\b"
    r"|or\s+(?:whatever|something)(?:\s+like\s+that)?\b|and\s+things(?:\s+like\s+that)?\b(?=\s*[,.;!?)]|\s*$)"
    r"|(?:stuff|things|something)\s+like\s+that\b|among\s+other\s+things\b|among\s+others\b"
    r"|something\s+or\s+other\b|and\s+suchlike\b"
    r"|and\s+(?:much\s+)?more\b(?=\s*[.!?]|$)|etc\b\.?|et\s+cetera\b|etcetera\b)"
    # hedged, fuzzy description of what happened
    r"|(?P<fuzzy>(?:kind|sort)\s+of\b|kinda\b|sorta\b|somehow\b"
    r"|more\s+or\s+less\b|pretty\s+much\b|for\s+the\s+most\s+part\b|in\s+(?:a|some)\s+ways?\b(?=\s*[,.;!?)]|\s*$)|to\s+(?:some|a\s+certain)\s+"
    r"(?:extent|degree)\b|some\s+(?:kind|sort)\s+of\b)"
    # a role described without saying what the speaker did
    r"|(?P<role>helped\s+out(?:\s+with)?\b|helped\s+with\b|assisted\s+(?:with|in)\b"
    r"|(?:was|were|got)\s+involved\s+(?:in|with)\b|had\s+a\s+hand\s+in\b"
    r"|played\s+an?\s+(?:key|big|major|important|crucial|significant|vital|pivotal|active|central)\s+role\b"
    r"|worked\s+on\s+(?:some|various|different|several|many|a\s+lot\s+of|a\s+number\s+of|a\s+few)\b"
    rf"(?:\s+(?:other\s+)?{_THINGS}\b)?"
    r"|did\s+(?:some|a\s+lot\s+of|various|a\s+bunch\s+of)\s+(?:work|stuff|things)\b"
    r"|took\s+care\s+of\s+(?:things|stuff|some|everything)\b"
    r"|(?:was|were)\s+responsible\s+for\s+(?:various|many|a\s+lot\s+of|some|several|multiple)\b"
    r"|worked\s+(?:really\s+|very\s+|extremely\s+)?hard\b|did\s+(?:my|our)\s+best\b"
    r"|did\s+everything\s+(?:I|we)\s+could\b|gave\s+it\s+(?:my|our)\s+all\b)"
    # an outcome claimed as large but never measured
    rf"|(?P<impact>{_GAIN_ADVERB}\s+{_GAIN_VERB}\b|{_GAIN_VERB}\s+(?:\w+\s+){{0,3}}?{_GAIN_ADVERB}\b"
    rf"|{_BIG}\s+(?:improvements?|impact|gains?|boost|increase|reduction|savings|difference|results)\b"
    r"|made\s+(?:a|an)\s+(?:\w+\s+)?(?:impact|difference)\b"
    r"|(?:many|lots\s+of|a\s+lot\s+of|several|various|numerous|a\s+number\s+of|a\s+bunch\s+of)\s+"
    r"improvements\b"
    r"|improved\s+(?:things|everything|performance|efficiency|productivity|quality|processes"
    r"|the\s+process|workflows?)\b(?!\s+(?:by|from|to)\b))"
    # buzzwords that stand in for a concrete description
    r"|(?P<buzz>best\s+practices\b|synerg(?:y|ies|ized?|ised?|izing|ising)\b"
    rf"|leverag(?:e|ed|es|ing)\s+{_GENERIC_OBJECT}"
    r"|mov(?:e|ed|ing)\s+the\s+needle\b|value[- ]add(?:ed)?\b|added\s+value\b"
    r"|think(?:ing)?\s+outside\s+the\s+box\b|low[- ]hanging\s+fruit\b|paradigm\s+shift\b"
    r"|game[- ]changer\b|went\s+above\s+and\s+beyond\b|going\s+above\s+and\s+beyond\b"
    r"|wore\s+many\s+hats\b|hit\s+the\s+ground\s+running\b|results[- ](?:driven|oriented)\b"
    r"|dr(?:ove|ive|iving)\s+results\b|world[- ]class\b|cutting[- ]edge\b|holistic(?:ally)?\b"
    r"|next[- ]level\b|win[- ]win\b|core\s+competenc(?:y|ies)\b)"
    r")",
    re.IGNORECASE,
)
# Words that can open a phrase above; the pattern runs only where one of them starts a word, which is
# several times faster than letting it try every position.
_TRIGGERS = frozenset(
    """
    various numerous many several different other some all a lots loads tons plenty and or stuff things
    something among etc et etcetera kind sort kinda sorta somehow more pretty for in to helped assisted
    was were got had played worked did took gave significantly dramatically drastically greatly
    massively substantially considerably hugely tremendously vastly immensely noticeably improved
    increased reduced decreased boosted enhanced lowered raised grew cut sped accelerated optimized
    optimised streamlined significant huge massive big major great tremendous substantial dramatic
    considerable real positive measurable meaningful made best synergy synergies synergize synergise
    synergized synergised synergizing synergising leverage leveraged leverages leveraging move moved
    moving value added think thinking low paradigm game went going wore hit results drove drive driving
    world cutting holistic holistically next win core
    """.split()
)
# The same pattern in lowercase, to run on ASCII-lowercased text: without IGNORECASE the engine skips
# alternatives by their first letter, which makes a try about three times cheaper.
_VAGUE_FOLDED = re.compile(_VAGUE.pattern.replace("(?P<", "(?P\0").lower().replace("(?p\0", "(?P<"))
VAGUE_KINDS = ("filler", "fuzzy", "role", "impact", "buzz")
"""Why a phrase is vague: unnamed things, fuzzy description, unclear role, unmeasured impact, buzzword."""


def vague_matches(text: str) -> list[tuple[Span, str]]:
    """Return each hand-waving stock phrase in `text` with its kind (one of VAGUE_KINDS)."""
    found: list[tuple[Span, str]] = []
    measured: dict[int, bool] = {}
    pos = 0
    previous = ""
    # The ASCII-lowercased text has the same words at the same places, already lowercased.
    folded = fold_ascii(text)
    if folded is None:
        vague, subject, lowered_text = _VAGUE, text, fold(text)
    else:
        vague, subject, lowered_text = _VAGUE_FOLDED, folded, folded
    for word in LETTER_RUN.finditer(lowered_text):
        lowered = word.group()
        before, previous = previous, lowered
        if word.start() < pos or lowered not in _TRIGGERS:
            continue
        if word.start() > 0 and text[word.start() - 1] in "'’":
            continue  # "don't", "it's": the tail of a contraction
        match = vague.match(subject, word.start())
        if match is None:
            continue
        kind = match.lastgroup or "filler"
        span = Span(match.start(), match.end())
        if kind == "fuzzy" and lowered in ("kind", "sort") and before in _KIND_DETERMINERS:
            continue
        if kind == "impact" and _sentence_has_metric(text, span, measured):
            continue
        found.append((span, kind))
        pos = span.end
    return found


def vague_phrases(text: str) -> list[Span]:
    """Return the spans of hand-waving stock phrases in `text` ("various things", "helped out with")."""
    return [span for span, _ in vague_matches(text)]


def _sentence_has_metric(text: str, span: Span, cache: dict[int, bool]) -> bool:
    """Return True when the sentence around `span` states a measured result (a percent, money, ...)."""
    start = max(text.rfind(". ", 0, span.start), text.rfind("\n", 0, span.start)) + 1
    stops = [k for k in (text.find(". ", span.end), text.find("\n", span.end)) if k >= 0]
    end = min(stops) + 1 if stops else len(text)
    if start not in cache:
        cache[start] = any(q.kind in METRIC_KINDS for q in find_quantities(text[start:end]))
    return cache[start]
