"""Sentence and word boundaries as spans into the original text, and the word tokenizers.

A rule-based splitter is enough for interview answers (first-person prose, sometimes bullets or a transcript)
and costs microseconds; it never changes the text, so every span stays true to what the user wrote.

The analyzer splits text into words in several ways, each chosen for what its reader needs; they are not
one tokenizer because they deliberately disagree on digits, hyphens, apostrophes and punctuation. The ones
shared by several modules live here:

- `_WORD` (`count_words`, `word_spans`): words as a speaker says them, for length and speaking time.
  Digits count ("2.5", "1,200" and "p95" are one word each), and "don't" is one word.
- `LETTER_WORD`: words of letters that may go on with apostrophes and hyphens ("don't",
  "cross-functional"), for word lists (specificity's generic and hedge words, coherence's buzzwords,
  several of which are hyphenated). Numbers are not words here. `Answer.letter_words` holds them,
  lowercased, for the whole answer.
- `LETTER_RUN`: runs of ASCII letters, nothing else: the cheapest way to reach each word's start (the
  trigger words of the vague phrase scan) or to count Latin letters (the language check).
- `NON_SPACE_RUN`: what lies between spaces, punctuation kept on ("latency,"): consistency reads back
  from "by" or "from" a few such tokens to find the verb and subject of a change, and a subject such as
  "p95" or "CI/CD" must stay whole.

The others belong to one reader each and stay with it:

- `features/agency.py`: words with digits and apostrophes plus clause punctuation (, ; : ( ) and dashes)
  as tokens of their own, because the actor parser finds clause boundaries from them.
- `features/agency_score.py`: lowercase words with an ASCII apostrophe plus sentence punctuation as
  tokens, for the words and word pairs its features test (a pair never runs across a comma).
- `features/judgment.py`: letters with at most one apostrophe part ("wasn't", "he's"), without hyphens
  or digits, so that a copula or negation is one token.
- `features/star.py`: runs of word characters (letters, digits, underscores) in folded text, the first
  words `scan.first_words` indexes the STAR cue phrases by; an apostrophe splits.
- `features/numbers.py`: spelled-out number tokens, with one hyphen ("twenty-one") and "&" and ","
  as tokens, which join the parts of a number.
- `abstain.py`: runs of letters of any script, to tell English from other languages.
"""

from __future__ import annotations

import re

from starcoach.analysis.report import Span

# Words that end with a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st vs etc e.g eg i.e ie approx dept inc ltd co corp jan feb mar apr jun jul aug
    sep sept oct nov dec vol fig al est min max avg ca cf u.s u.k a.m p.m
    """.split()
)

# A candidate boundary: terminal punctuation (with closing quotes/brackets) followed by whitespace,
# or a line break that starts a bullet, or a blank line.
_BOUNDARY = re.compile(
    r"""(?<=[.!?…])["'”’)\]]*\s+"""  # after . ! ? and any closing marks
    r"""|\n[ \t]*\n\s*"""  # a blank line
    r"""|\n(?=[ \t]*(?:[-*•·–]|\d+[.)])\s)"""  # a new bullet or numbered item
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"'”’)\]]*$")
_NUMBER_BEFORE = re.compile(r"\d\s?$")
_ALNUM = re.compile(r"[^\W_]")
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}\.")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*(?:[.,][0-9]+)*")
LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
"""A word of ASCII letters, apostrophes and hyphens that starts with a letter ("don't", "end-to-end")."""
LETTER_RUN = re.compile(r"[A-Za-z]+")
"""A run of ASCII letters."""
NON_SPACE_RUN = re.compile(r"\S+")
"""A run of characters other than whitespace."""
_BULLET = re.compile(r"[ \t]*(?:[-*•·–]|\d+[.)])[ \t]+")


def split_sentences(text: str) -> list[Span]:
    """Return the sentences of `text` as spans, trimmed of surrounding whitespace and bullet markers."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_false_boundary(text, match):
            continue
        _append_trimmed(text, start, match.start(), spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    """Return True when a period-space is an abbreviation or an initial, not a sentence end."""
    if "\n" in match.group() and text[match.start() - 1 : match.start()] not in ".!?…":
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    if _LIST_NUMBER.fullmatch(text, line_start, match.start()):
        return True
    before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
    if before is None:
        return False
    word = before.group(1).lower()
    if word in _ABBREVIATIONS:
        # "900 ms. Then" ends a sentence on a unit; "Ms. Rivera" and "3 p.m. on" do not end one.
        after_number = _NUMBER_BEFORE.search(text, max(0, before.start() - 12), before.start())
        return not (after_number and text[match.end() : match.end() + 1].isupper())
    # A single capital letter ("J. Smith"), but not the pronoun "I." at a sentence end.
    return len(word) == 1 and before.group(1).isupper() and before.group(1) != "I"


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append text[start:end] as a span without leading/trailing whitespace or a bullet marker."""
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _ALNUM.search(text, start, end):
        spans.append(Span(start, end))


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the word tokens of text[start:end] as spans into `text`."""
    stop = len(text) if end is None else end
    return [Span(m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]


def count_words(text: str) -> int:
    """Return the number of word tokens in `text`."""
    return len(_WORD.findall(text))
