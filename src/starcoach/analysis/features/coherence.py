"""Coherence: words that fill an answer without saying anything about a real event.

Two patterns an experienced interviewer spots at once:
- **keyword stuffing**: STAR label words used as a template ("Situation: ... Task: ... Result: ...") and
  lists of ownership verbs ("I led, I owned, I drove") packed with buzzwords, so the answer sounds like
  the method while telling no story;
- **polished but generic**: fluent corporate sentences with no concrete anchor at all: no number, no named
  person, place or product, no time, no quoted words; only abstractions ("drove alignment around a shared
  vision").

Both are measured on word tokens (one pass), not on many regular expressions. Known limits: English only;
the buzzword list is a list, and a new fashion in jargon will slip past it until it is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from starcoach.analysis.features.fold import rx
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fold
from starcoach.analysis.text import LETTER_WORD

BUZZWORDS = frozenset(
    "stakeholders stakeholder alignment aligned align aligning cross-functional end-to-end "
    "mission-critical leverage leveraged leveraging synergy synergies ownership impactful velocity "
    "efficiencies kpis kpi holistic holistically strategic strategically proactive proactively scalable "
    "results-driven data-driven roadmap deliverables bandwidth learnings transformation transformational "
    "transforming empower empowered empowering championed spearheaded spearheading optimized optimised "
    "optimizing optimising mindset journey excellence best-in-class agile agility innovative "
    "customer-centric high-performing people-first fast-paced high-growth world-class game-changing "
    "paradigm turnaround methodology methodologies actionable impactful seamless seamlessly "
    "cutting-edge visionary robust synergistic value-add upskilling thought-leadership "
    "authenticity sustainable unlock unlocking elevate elevated embed embedded embedding foster "
    "fostering fostered cultivate cultivated".split()
)
"""Words that sound like the method or a corporate report but name nothing concrete."""

_OWNERSHIP_VERBS = frozenset(
    "led owned drove spearheaded championed leveraged optimized optimised scaled aligned empowered "
    "delivered mentored implemented analysed analyzed communicated escalated drove took".split()
)
_HEADINGS = rx(
    r"(?:^|(?<![\s.!?])[\n.!?])\s*(?:situation|task|action|actions|result|results|reflection|learning|outcome|"
    r"impact)\s*:",
)
_STOCK_PHRASES = rx(
    r"\b(?:feedback is a gift|(?:the )?bigger picture|took (?:this|it|that) on board|conscious effort|"
    r"at (?:all|every) levels?|continuous (?:improvement|development|learning)|growth mindset|"
    r"add(?:ed|ing)? value|shared vision|at the heart of|people-first|business (?:value|performance)|"
    r"it was a (?:real )?journey|customer experience|lead(?:ing)? (?:with|by) (?:example|impact|"
    r"authenticity)|best practices?|going forward|team player|outside the box|win-win|move the needle|"
    r"actively seek|wider (?:strategic )?context|essential driver|(?:key|valuable) (?:stakeholders|"
    r"learnings?)|step(?:ped)? back|a more rounded|(?:real|huge) opportunity|unlock(?:ing)? potential|"
    r"(?:sustainable|sustained) growth|culture of|mindset of|the power of|the importance of|"
    r"deliver(?:ed|ing)? (?:results|value|impact|excellence)|drive (?:engagement|results|change|"
    r"alignment)|positive culture|stronger together|staying agile|key priorities|go(?:ing|es)? the extra "
    r"mile|exceed(?:ed|ing)? (?:expectations|targets)|passionate about|strive to|teamwork|clear "
    r"communication|fast-paced environment|competing priorities|prioriti[sz]ed effectively|stay(?:ed|ing)? "
    r"focused|end goal|delivered successfully|communicated with (?:key )?stakeholders|(?:excellent|great) "
    r"customer service|I believe in|positive feedback|team player|attention to detail|hit the ground "
    r"running|think(?:ing)? outside the box|wear many hats|departmental "
    r"priorities|strategic (?:context|priorities|goals|objectives))\b",
)
_ANCHOR_TIME = rx(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|christmas|easter|"
    r"last (?:year|month|week|spring|summer|autumn|winter|quarter)|this (?:year|month)|"
    r"one (?:morning|night|evening|afternoon|day|week)|the (?:next|following) (?:day|morning|week)|"
    r"(?:19|20)\d\d)\b",
)
_QUOTE = re.compile(r"[\"“”‘]|(?<![A-Za-z])'(?=[A-Za-z])")
# Capitalised words that are not names when they sit inside a sentence.
_NOT_NAMES = frozenset("i i'm i've i'd i'll i’m i’ve i’d i’ll ok okay the".split())


@dataclass(frozen=True)
class Coherence:
    """Token counts that describe how much an answer says about a real event."""

    text: str
    known_words: Sequence[str] | None = None
    """The words of `text` as `lowered` gives them, when the caller has them already."""

    @cached_property
    def folded(self) -> str:
        """Return the text with ASCII letters lowercased (offsets unchanged)."""
        return fold(self.text)

    @cached_property
    def words(self) -> list[re.Match[str]]:
        """Return the word tokens."""
        return list(LETTER_WORD.finditer(self.text))

    @cached_property
    def lowered(self) -> Sequence[str]:
        """Return the words in lowercase, read from the folded text (the same words at the same places)."""
        if self.known_words is not None:
            return self.known_words
        return LETTER_WORD.findall(self.folded)

    @cached_property
    def buzzwords(self) -> list[int]:
        """Return the indexes of buzzwords."""
        return [i for i, w in enumerate(self.lowered) if w in BUZZWORDS]

    @cached_property
    def buzz_density(self) -> float:
        """Return buzzwords and stock phrases per word."""
        return (len(self.buzzwords) + len(self.stock_phrases)) / max(1, len(self.lowered))

    @cached_property
    def stock_phrases(self) -> list[Span]:
        """Return corporate stock phrases ("feedback is a gift", "drive alignment")."""
        return [Span(m.start(), m.end()) for m in _STOCK_PHRASES.finditer(self.folded)]

    @cached_property
    def headings(self) -> int:
        """Return how many STAR label words open a part ("Result:")."""
        return len(_HEADINGS.findall(self.folded))

    @cached_property
    def ownership_lists(self) -> list[Span]:
        """Return runs of three or more "I <ownership verb>" close together ("I led, I owned, I drove")."""
        runs: list[Span] = []
        hits = [
            i
            for i in range(len(self.lowered) - 1)
            if self.lowered[i] == "i" and self.lowered[i + 1] in _OWNERSHIP_VERBS
        ]
        start = 0
        for k in range(1, len(hits) + 1):
            if k == len(hits) or hits[k] - hits[k - 1] > 6:
                if k - start >= 3:
                    first, last = self.words[hits[start]], self.words[hits[start + 2] + 1]
                    runs.append(Span(first.start(), last.end()))
                start = k
        return runs

    @cached_property
    def anchors(self) -> int:
        """Return concrete anchors: digits, times, quoted words and names inside sentences."""
        count = 1 if any(ch.isdigit() for ch in self.text) else 0
        count += len(_ANCHOR_TIME.findall(self.folded)) + len(_QUOTE.findall(self.text))
        for i, word in enumerate(self.words):
            text = word.group()
            if i == 0 or not text[:1].isupper() or self.lowered[i] in _NOT_NAMES:
                continue
            before = self.text[max(0, word.start() - 3) : word.start()]
            if not re.search(r"[.!?:\n]\s*$", before):
                count += 1
        return count


_FILLER_NOUNS = (
    "ownership",
    "leadership",
    "accountab",
    "impact",
    "result",
    "value",
    "leverag",
    "mindset",
    "bias for",
    "resilience",
    "initiative",
    "alignment",
    "change",
    "outcomes",
)
_FILLER = rx(
    r"\b(?:took (?:full )?ownership|showed (?:real )?leadership|demonstrated (?:leadership|accountability|"
    r"ownership|resilience|initiative)|drove (?:impact|results|alignment|change|value)|delivered "
    r"(?:results|impact|value|outcomes)|created? value|added value|leverag(?:ed|ing) my|ownership "
    r"mindset|bias for action|led with impact|situation,? task,? action,? (?:and )?result)\b"
)


def keyword_stuffing(text: str, words: Sequence[str] | None = None) -> Span | None:
    """Return where an answer's buzzword-stuffed template starts, or None when it tells a story.

    `words` is what `Answer.letter_words` gives for `text`, when the caller has it already.
    """
    c = Coherence(text, words)
    # Filler phrases end in a few nouns; count those first, so most answers skip the phrase scan.
    if sum(c.folded.count(noun) for noun in _FILLER_NOUNS) >= FILLER_PHRASES:
        fillers = list(_FILLER.finditer(c.folded))
        if len(fillers) >= FILLER_PHRASES:
            return Span(fillers[0].start(), fillers[0].end())
    words = c.lowered
    # Most answers have almost no buzzwords: stop before the costlier counts.
    if len(words) < 12 or sum(w in BUZZWORDS for w in words) < QUICK_BUZZ * len(words):
        return None
    template = c.headings >= 3 and c.buzz_density >= STUFFED_WITH_HEADINGS
    listed = bool(c.ownership_lists) and c.buzz_density >= STUFFED_WITH_LIST
    if not (template or listed or c.buzz_density >= STUFFED):
        return None
    if c.ownership_lists:
        return c.ownership_lists[0]
    first = c.words[c.buzzwords[0]] if c.buzzwords else c.words[0]
    return Span(first.start(), first.end())


# Buzzwords per word (dev split of our answers): strong answers reach 0.05 at most; template answers
# stuffed with jargon start at about 0.12.
STUFFED_WITH_HEADINGS = 0.08
STUFFED_WITH_LIST = 0.06
STUFFED = 0.15
QUICK_BUZZ = 0.03
FILLER_PHRASES = 3
GENERIC_MIN_WORDS = 20
# Stock phrases per word: a long, concrete-free story with two of them is not yet generic.
GENERIC_PHRASE_DENSITY = 0.015


# Abstract nouns (nominalisations: "expectations", "alignment", "partnership") per word, in an answer with
# no concrete anchor: on the dev split of our answers, anchor-free generic answers reach 0.08 and more,
# anchor-free answers that tell a plain event (however weak) stay under 0.07. Long anchor-free answers that
# tell a real sequence of events in abstract prose (strong model answers of 240-280 words in the external
# set) reach 0.08 too, so the test applies to answers of at most 150 words, where nothing else is told.
_ABSTRACT = re.compile(r"\b[a-z]+(?:tions?|ments?|ness|ity|ities|ships?|ences?|ances?|isms?)\b")
GENERIC_ABSTRACT_DENSITY = 0.075
GENERIC_ABSTRACT_MAX_WORDS = 150


def generic(text: str, numbers: int, words: Sequence[str] | None = None) -> Span | None:
    """Return the first stock phrase (or abstraction) of an answer with no concrete anchor at all, or None.

    `words` is what `Answer.letter_words` gives for `text`, when the caller has it already.
    """
    c = Coherence(text, words)
    n = len(c.lowered)
    if n < GENERIC_MIN_WORDS or numbers or c.anchors:
        return None
    abstract = list(_ABSTRACT.finditer(c.folded))
    if n <= GENERIC_ABSTRACT_MAX_WORDS and len(abstract) / n >= GENERIC_ABSTRACT_DENSITY:
        first = (
            c.stock_phrases[0] if c.stock_phrases else Span(abstract[0].start(), abstract[0].end())
        )
        return first
    phrases = len(c.stock_phrases)
    dense = phrases / n >= GENERIC_PHRASE_DENSITY
    if (phrases >= 2 and dense) or phrases >= 4 or (phrases and c.buzz_density >= 0.05):
        return c.stock_phrases[0]
    if c.buzz_density >= 0.08 and c.buzzwords:
        word = c.words[c.buzzwords[0]]
        return Span(word.start(), word.end())
    return None
