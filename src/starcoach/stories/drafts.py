"""First drafts: a spoken-length answer to one prompt, assembled from a story's fields.

Each prompt leans on its own material: the whole STAR+R arc for "most proud", the hardest-challenge
notes for "hardest challenge", the failure notes for "a failure", and so on, framed by an opening line
and a sentence or two of context. The draft follows the order the prompt's structure recommends and is
trimmed to the prompt's spoken-time target, then analyzed like any answer, so the user sees what it
still lacks. It is a starting point in the user's own words, not a script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starcoach.analysis import Report, analyze
from starcoach.analysis.report import Span
from starcoach.analysis.text import count_words, split_sentences
from starcoach.content import get_question
from starcoach.stories.model import FIELDS, ME, TEAM, Story

WORDS_PER_MINUTE = 150
"""Speaking rate used to fit a draft to the prompt's time target (the analyzer's own estimate)."""

FOCUS: dict[str, str] = {
    "proud": "",
    **{f.prompt: f.name for f in FIELDS if f.group == "follow_up"},
}
"""The story field each core prompt is answered from ("" for the whole story)."""

# How each prompt opens. {work} is the title as spoken: "cutting checkout latency" after "while I
# was", "the hackathon prototype" after "during", or the title itself after a colon.
_OPENERS = {
    "proud": "The work I'm proudest of is {title}.",
    "challenge": "The hardest challenge I can point to came {work}.",
    "pushback": "A disagreement I learned from came up {work}.",
    "difficult_person": "The hardest working relationship I've had was {work}.",
    "failure": "A mistake I learned a lot from happened {work}.",
    "feedback": "Feedback that changed how I work came {work}.",
    "improvement": "Something I'm still working on came out of my work {work}.",
}
# Words ending in -ing that name a thing, not an activity: "Onboarding redesign" is a noun phrase.
_ING_NOUNS = frozenset(
    "building morning evening pricing onboarding training meeting hiring marketing engineering "
    "planning testing billing booking shipping housing nursing ceiling wedding clothing funding "
    "spring string setting timing tracking reporting learning offering ring king thing wing "
    "offboarding accounting banking catering cleaning coaching computing consulting "
    "fundraising lending licensing manufacturing messaging networking packaging parking "
    "printing processing recruiting scheduling signing staffing tutoring wiring".split()
)
_DETERMINERS = frozenset({"the", "a", "an", "our", "my", "this", "that", "their", "its"})


def _spoken_work(title: str) -> tuple[str, str]:
    """Return (the title after "is", the phrase that places a story in that work) for an opener.

    "Making checkout survive the holiday peak" -> "while I was making checkout survive the holiday
    peak"; "Hackathon prototype" -> "during the hackathon prototype"; anything else (an imperative,
    a sentence) -> "from this work: Cut the backlog".
    """
    title = " ".join(title.split()).rstrip(".")
    words = title.split()
    first = words[0].lower() if words else ""
    lowered = _lower_first(title)
    if first.endswith("ing") and len(first) > 4 and first not in _ING_NOUNS:
        return lowered, f"while I was {lowered}"
    if first in _DETERMINERS:
        return lowered, f"during {lowered}"
    if first in _ING_NOUNS or (words and not _looks_like_a_verb(first)):
        noun = lowered if first in _DETERMINERS else f"the {lowered}"
        return noun, f"during {noun}"
    return f"this work: {title}", f"from this work: {title}"


def _looks_like_a_verb(word: str) -> bool:
    # Titles that start with a verb are usually imperatives or past tense: "Cut ...", "Fixed ...".
    return word.endswith("ed") or word in _IMPERATIVES


_IMPERATIVES = frozenset(
    "cut fix build make move ship run lead launch reduce rebuild replace save turn get bring "
    "stop start keep help grow win take set write teach train hire open close merge migrate".split()
)
_PRONOUNS = frozenset({"i", "we", "my", "our", "the", "a", "an", "they", "he", "she", "it"})


class DraftUnavailable(ValueError):
    """The story has no material for the prompt, so no honest draft can be written."""

    def __init__(self, question_id: str, field: str) -> None:
        heading = field.replace("_", " ").capitalize()
        super().__init__(
            f"the story has nothing for the {question_id} prompt yet: add it under "
            f"'## {heading}' (starcoach story edit)"
        )
        self.question_id = question_id
        self.field = field


@dataclass(frozen=True, slots=True)
class Piece:
    """One stretch of the draft and the story field it came from."""

    field: str
    text: str
    priority: int
    """Pieces with the highest number are dropped first when the draft runs long."""


@dataclass(frozen=True)
class Draft:
    """A draft answer, where each stretch came from, and the analyzer's report on it."""

    question_id: str
    story_id: str
    text: str
    sources: tuple[tuple[str, Span], ...]
    report: Report
    dropped: tuple[str, ...]
    """Fields left out to fit the spoken-time target."""


def _lower_first(text: str) -> str:
    if not text or (len(text) > 1 and text[1].isupper()) or text.startswith(("I ", "I'", "I’")):
        return text  # an acronym, a name or the pronoun "I" keeps its capital
    return text[0].lower() + text[1:]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?\"'”’)":
        text += "."
    return text


def _first_sentences(text: str, count: int) -> str:
    spans = split_sentences(text)
    if not spans:
        return text
    return text[spans[0].start : spans[min(count, len(spans)) - 1].end]


def _action_sentence(did: str, who: str) -> str:
    first = did.split(maxsplit=1)[0].lower() if did.split() else ""
    name = who.split()[0].strip(",;:.") if who.split() else ""
    if first in _PRONOUNS or (who not in ("", ME, TEAM) and name and did.startswith(name)):
        return _sentence(did)
    if who == TEAM:
        return _sentence("We " + _lower_first(did))
    if who in ("", ME):
        return _sentence("I " + _lower_first(did))
    return _sentence(f"{who} {_lower_first(did)}")


def _context(story: Story) -> list[Piece]:
    pieces: list[Piece] = []
    where = f" at {story.organisation}" if story.organisation else ""
    if story.role:
        article = "an" if story.role[:1].lower() in "aeiou" else "a"
        pieces.append(Piece("role", f"I was {article} {_lower_first(story.role)}{where}.", 6))
    if story.situation:
        pieces.append(Piece("situation", _sentence(_first_sentences(story.situation, 2)), 3))
    return pieces


_NUMBER = re.compile(r"\d[\d.,:]*")
_MEASURE_LEADS = ("by ", "with ", "using ", "through ", "from ", "via ", "in ", "on ")


def _numbers(text: str) -> set[str]:
    return {n.rstrip(".,:") for n in _NUMBER.findall(text)}


def _missing_from(part: str, text: str) -> bool:
    """Return True when `part` adds something: a number the text lacks, or words it does not hold."""
    numbers = _numbers(part)
    if numbers:
        return not numbers <= _numbers(text)
    return _lower_first(part.rstrip(".")) not in text.lower()


def result_sentence(outcome: str, metric: str, baseline: str, measured_by: str) -> str:
    """Return one spoken sentence for a result that keeps its number, its baseline and its measure.

    "Errors fell to 1 in 2,000" with baseline "1 in 50" and measure "monthly finance audit" ->
    "Errors fell to 1 in 2,000, against 1 in 50 before, as measured by the monthly finance audit."
    """
    text = " ".join((outcome or metric).split()).rstrip(".")
    # A metric adds only a number the outcome lacks; without a number it is a label, not spoken.
    if metric and outcome and _numbers(metric) and _missing_from(metric, text):
        text += f" ({' '.join(metric.split()).rstrip('.')})"
    if baseline and _missing_from(baseline, text):
        before = _lower_first(" ".join(baseline.split()).rstrip("."))
        text += f", against {before} before" if _numbers(before) else f", compared with {before}"
    if measured_by:
        how = _lower_first(" ".join(measured_by.split()).rstrip("."))
        if how.startswith(_MEASURE_LEADS):
            text += f", measured {how}"
        else:
            first = how.split(maxsplit=1)[0] if how else ""
            article = "" if first in _DETERMINERS or first[:1].isdigit() else "the "
            text += f", as measured by {article}{how}"
    return _sentence(text)


def _results(story: Story, limit: int, priority: int, lead: str = "") -> list[Piece]:
    pieces: list[Piece] = []
    for i, result in enumerate(story.results[:limit], 1):
        text = result_sentence(result.outcome, result.metric, result.baseline, result.measured_by)
        if lead and i == 1:
            text = f"{lead} {_lower_first(text)}"
        # One sentence, so the number, its baseline and its measure stay together.
        pieces.append(Piece(f"results[{i}]", text, priority + i - 1))
    return pieces


def _actions(story: Story, limit: int, priority: int) -> list[Piece]:
    # The speaker's own steps come first when there is not room for all of them.
    mine = [(i, a) for i, a in enumerate(story.actions, 1) if a.who in ("", ME)]
    others = [(i, a) for i, a in enumerate(story.actions, 1) if a.who not in ("", ME)]
    chosen = sorted((mine + others)[:limit])
    return [
        Piece(f"actions[{i}]", _action_sentence(a.did, a.who), priority + (a.who not in ("", ME)))
        for i, a in chosen
    ]


def _reflection(story: Story, priority: int) -> list[Piece]:
    if not story.reflection:
        return []
    text = story.reflection
    if text.split(maxsplit=1)[0].lower() == "i":
        text = "Looking back, " + _lower_first(text)
    return [Piece("reflection", _sentence(text), priority)]


# For the follow-up prompts, the story's other fields that may fill the answer out to its spoken
# length, in the order they are told, each with how readily it is dropped when the draft runs long.
_SUPPORT: dict[str, tuple[tuple[str, int, int], ...]] = {
    # (field, how many (for actions and results), priority)
    "challenge": (("task", 1, 5), ("actions", 3, 4), ("results", 2, 2), ("reflection", 1, 3)),
    "pushback": (("task", 1, 6), ("actions", 2, 5), ("results", 1, 3), ("reflection", 1, 4)),
    "difficult_person": (
        ("task", 1, 6),
        ("actions", 2, 5),
        ("results", 1, 3),
        ("reflection", 1, 4),
    ),
    "failure": (("task", 1, 5), ("reflection", 1, 3), ("working_on_now", 1, 4)),
    "feedback": (("task", 1, 6), ("working_on_now", 1, 3), ("reflection", 1, 4)),
    "improvement": (("feedback", 1, 4), ("reflection", 1, 5), ("failure", 1, 6)),
}
_LEADS = {"results": "In the end,", "working_on_now": "These days,"}

# When a draft is still shorter than the prompt's target, the story's other notes fill it out, each
# after a short spoken bridge, told before the results.
_FILL = (
    ("hardest_challenge", "It wasn't easy."),
    ("pushback", "Not everyone agreed at first."),
    ("difficult_person", "Not everyone made it easy."),
    ("feedback", "Along the way I got feedback that stuck with me."),
    ("working_on_now", "It's also shaped what I work on now."),
)


def _fill(story: Story, question_id: str, pieces: list[Piece], words_needed: float) -> list[str]:
    """Add the story's other notes until the draft reaches `words_needed`; return the fields added."""
    used = {p.field for p in pieces}
    added: list[str] = []
    at = next(
        (k for k, p in enumerate(pieces) if p.field.startswith(("results", "reflection"))),
        len(pieces),
    )
    for name, bridge in _FILL:
        if sum(count_words(p.text) for p in pieces) >= words_needed:
            break
        if name in used or name == FOCUS[question_id] or not getattr(story, name):
            continue
        pieces.insert(at, Piece(name, f"{bridge} {_sentence(getattr(story, name))}", 9))
        at += 1
        added.append(name)
    return added


def _pieces(story: Story, question_id: str) -> list[Piece]:
    noun, work = _spoken_work(story.title)
    pieces = [Piece("title", _OPENERS[question_id].format(title=noun, work=work), 0)]
    if question_id == "proud":
        pieces += _context(story)
        if story.task:
            pieces.append(Piece("task", _sentence(story.task), 2))
        pieces += _actions(story, 5, 1)
        pieces += _results(story, 3, 1)
        if story.why_it_matters:
            why = story.why_it_matters
            if "proud" not in why.lower():
                why = "I'm proud of it because " + _lower_first(why)
            pieces.append(Piece("why_it_matters", _sentence(why), 1))
        pieces += _reflection(story, 2)
        return pieces
    focus = FOCUS[question_id]
    pieces += _context(story)
    support = _SUPPORT[question_id]
    # The task is context: it is told before the moment the prompt asks about.
    for name, _count, priority in support:
        if name == "task" and story.task:
            pieces.append(Piece("task", _sentence(story.task), priority))
    pieces.append(Piece(focus, _sentence(getattr(story, focus)), 0))
    for name, count, priority in support:
        if name == "task":
            continue
        if name == "actions":
            pieces += _actions(story, count, priority)
        elif name == "results":
            pieces += _results(story, count, priority, _LEADS["results"])
        elif name == "reflection":
            pieces += _reflection(story, priority)
        elif getattr(story, name):
            text = _sentence(getattr(story, name))
            lead = _LEADS.get(name, "")
            if lead:
                text = f"{lead} {_lower_first(text)}"
            pieces.append(Piece(name, text, priority))
    return pieces


def draft_answer(story: Story, question_id: str, role: str | None = None) -> Draft:
    """Write a first draft answering `question_id` from `story`, fitted to time, and analyze it.

    Raises DraftUnavailable when the story has no material for the prompt, and what `analyze`
    raises for an unknown prompt or role.
    """
    question = get_question(question_id)
    if question.id not in FOCUS:
        raise DraftUnavailable(question.id, "situation")
    focus = FOCUS[question.id]
    if focus and not getattr(story, focus):
        raise DraftUnavailable(question.id, focus)
    if not focus and not (story.actions or story.results or story.situation):
        raise DraftUnavailable(question.id, "situation")

    pieces = _pieces(story, question.id)
    limit = question.target_seconds[1] * WORDS_PER_MINUTE / 60
    dropped: list[str] = []
    # Drop the least needed pieces, last ones first among equals, until the draft fits the time.
    while sum(count_words(p.text) for p in pieces) > limit:
        candidates = [p for p in pieces if p.priority > 0]
        if not candidates:
            break
        worst = max(reversed(candidates), key=lambda p: p.priority)
        pieces.remove(worst)
        dropped.append(worst.field)

    low = question.target_seconds[0] * WORDS_PER_MINUTE / 60
    if sum(count_words(p.text) for p in pieces) < low:
        _fill(story, question.id, pieces, low)
        # Filling may overshoot the longest target: drop the newest filler last in, first out.
        while sum(count_words(p.text) for p in pieces) > limit:
            fillers = [p for p in pieces if p.priority == 9]
            if not fillers:
                break
            pieces.remove(fillers[-1])

    text_parts: list[str] = []
    sources: list[tuple[str, Span]] = []
    position = 0
    for piece in pieces:
        if text_parts:
            position += 1
        sources.append((piece.field, Span(position, position + len(piece.text))))
        text_parts.append(piece.text)
        position += len(piece.text)
    text = " ".join(text_parts)
    report = analyze(text, question=question.id, role=role)
    return Draft(question.id, story.id, text, tuple(sources), report, tuple(dropped))
