"""First drafts: a spoken-length answer to one prompt, assembled from a story's fields.

Each prompt leans on its own material: the whole STAR+R arc for "most proud", the hardest-challenge
notes for "hardest challenge", the failure notes for "a failure", and so on, framed by an opening line
and a sentence or two of context. The draft follows the order the prompt's structure recommends and is
trimmed to the prompt's spoken-time target, then analyzed like any answer, so the user sees what it
still lacks. It is a starting point in the user's own words, not a script.
"""

from __future__ import annotations

from dataclasses import dataclass

from starcoach.analysis import Report, analyze
from starcoach.analysis.report import Span
from starcoach.analysis.text import count_words, split_sentences
from starcoach.content import get_question
from starcoach.storage.records import ME, TEAM, Story

WORDS_PER_MINUTE = 150
"""Speaking rate used to fit a draft to the prompt's time target (the analyzer's own estimate)."""

FOCUS: dict[str, str] = {
    "proud": "",
    "challenge": "hardest_challenge",
    "pushback": "pushback",
    "difficult_person": "difficult_person",
    "failure": "failure",
    "feedback": "feedback",
    "improvement": "working_on_now",
}
"""The story field each core prompt is answered from ("" for the whole story)."""

_OPENERS = {
    "proud": "The work I'm proudest of is {title}.",
    "challenge": "The hardest challenge I can point to came from {title}.",
    "pushback": "A disagreement I learned from came up during {title}.",
    "difficult_person": "The hardest working relationship I've had was during {title}.",
    "failure": "A mistake I learned a lot from happened during {title}.",
    "feedback": "Feedback that changed how I work came during {title}.",
    "improvement": "Something I'm still working on came out of {title}.",
}
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
    if first in _PRONOUNS or (who not in ("", ME, TEAM) and did.startswith(who.split()[0])):
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


def _results(story: Story, limit: int, priority: int) -> list[Piece]:
    pieces: list[Piece] = []
    for i, result in enumerate(story.results[:limit], 1):
        text = _sentence(result.outcome)
        if result.measured_by:
            # One sentence, so the measurement stays part of the result rather than a new step.
            text = _sentence(f"{text[:-1]}, measured with {_lower_first(result.measured_by)}")
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


def _pieces(story: Story, question_id: str) -> list[Piece]:
    title = _lower_first(story.title)
    pieces = [Piece("title", _OPENERS[question_id].format(title=title), 0)]
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
    if question_id == "improvement" and story.feedback:
        pieces.append(Piece("feedback", _sentence(story.feedback), 4))
    pieces.append(Piece(focus, _sentence(getattr(story, focus)), 0))
    if question_id == "challenge":
        pieces += _actions(story, 2, 4)
        pieces += _results(story, 1, 2)
        pieces += _reflection(story, 3)
    elif question_id in ("pushback", "difficult_person"):
        pieces += _results(story, 1, 3)
        pieces += _reflection(story, 4)
    elif question_id == "feedback" and story.working_on_now:
        pieces.append(Piece("working_on_now", _sentence(story.working_on_now), 3))
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
