"""An answer analyzed once: sentences, words and features, each computed only when a rule needs it."""

from __future__ import annotations

from functools import cached_property

from starcoach.analysis.features.agency import ActorGuess, classify_actor
from starcoach.analysis.features.clauses import Deed, deeds
from starcoach.analysis.features.numbers import METRIC_KINDS, find_quantities
from starcoach.analysis.features.roles import QuantityRole, number_roles
from starcoach.analysis.features.specificity import specificity, vague_phrases
from starcoach.analysis.features.star import has_lesson, label_sentences
from starcoach.analysis.report import STAR_PARTS, Action, Quantity, SentenceLabel, Span
from starcoach.analysis.scan import fold, fold_ascii
from starcoach.analysis.text import LETTER_WORD, count_words, split_sentences

# A calm interview pace; most people speak 130-160 words a minute when answering.
WORDS_PER_MINUTE = 150


class Answer:
    """The text of one answer with lazily computed, cached features; spans index into `text`."""

    def __init__(
        self,
        text: str,
        question_id: str = "generic",
        target_seconds: tuple[int, int] = (60, 180),
        part: str | None = None,
        fragment: bool = False,
    ) -> None:
        self.text = text
        self.question_id = question_id
        self.target_seconds = target_seconds
        self.part = part
        """When set, the text is one STAR part (a story field) and every sentence belongs to it."""
        self.fragment = fragment or part is not None
        """True for a piece of an answer (one part or a phrase) rather than a whole answer."""

    @cached_property
    def speaking_seconds(self) -> float:
        """Return the estimated spoken duration at a steady interview pace."""
        return self.word_count * 60.0 / WORDS_PER_MINUTE

    @cached_property
    def folded(self) -> str | None:
        """Return the text with A-Z lowercased, same length so offsets hold, or None when the text has a
        character that case-insensitive matching takes for an ASCII letter. Where this is not None, a
        lowercase ASCII literal occurs in it exactly where a case-insensitive regex would match it."""
        return fold_ascii(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        """Return the sentence spans."""
        return split_sentences(self.text)

    @cached_property
    def sentence_texts(self) -> list[str]:
        """Return the text of each sentence."""
        return [s.text(self.text) for s in self.sentences]

    @cached_property
    def word_count(self) -> int:
        """Return the number of words."""
        return count_words(self.text)

    @cached_property
    def letter_words(self) -> list[str]:
        """Return the words of letters, apostrophes and hyphens (`text.LETTER_WORD`), ASCII-lowercased,
        for the features that read the whole answer's words (keyword stuffing, generic answers)."""
        folded = self.folded
        return LETTER_WORD.findall(fold(self.text) if folded is None else folded)

    @cached_property
    def labels(self) -> list[SentenceLabel]:
        """Return the STAR+R part of each sentence."""
        if self.part is not None:
            return [SentenceLabel(span, self.part, 1.0) for span in self.sentences]
        parts = label_sentences(self.sentence_texts)
        return [
            SentenceLabel(span, part, confidence)
            for span, (part, confidence) in zip(self.sentences, parts, strict=True)
        ]

    @cached_property
    def parts_present(self) -> tuple[str, ...]:
        """Return the STAR+R parts that at least one sentence belongs to, in STAR order."""
        found = {label.part for label in self.labels}
        return tuple(part for part in STAR_PARTS if part in found)

    def part_spans(self, part: str) -> list[Span]:
        """Return the spans of the sentences labelled `part`."""
        return [label.span for label in self.labels if label.part == part]

    @cached_property
    def lessons(self) -> list[Span]:
        """Return the lessons learned or behaviours changed since, one span per sentence that states one."""
        spans = []
        for sentence, text in zip(self.sentences, self.sentence_texts, strict=True):
            found = has_lesson(text)
            if found is not None:
                spans.append(Span(sentence.start + found.start, sentence.start + found.end))
        return spans

    @cached_property
    def actor_guesses(self) -> list[ActorGuess]:
        """Return who performs the main action of each sentence."""
        return [classify_actor(sentence) for sentence in self.sentence_texts]

    @cached_property
    def actions(self) -> list[Action]:
        """Return the sentences that describe something done, with their actor (the ownership view)."""
        actions = []
        for span, label, guess in zip(self.sentences, self.labels, self.actor_guesses, strict=True):
            if label.part not in ("action", "result") or not guess.is_action:
                continue
            actor_span = None
            if guess.start is not None and guess.end is not None:
                actor_span = Span(span.start + guess.start, span.start + guess.end)
            actions.append(Action(span, guess.actor, actor_span))
        return actions

    @cached_property
    def deeds(self) -> list[Deed]:
        """Return every deed, clause by clause ("I rang the family, arranged cover and stayed on" is three)."""
        return deeds(self.text)

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Return every number the answer states."""
        return find_quantities(self.text)

    @cached_property
    def metrics(self) -> list[Quantity]:
        """Return the quantities that can measure an outcome (not dates or bare numbers)."""
        return [q for q in self.quantities if q.kind in METRIC_KINDS]

    @cached_property
    def quantity_roles(self) -> list[QuantityRole]:
        """Return what each number measures (outcome, effort, threshold, target, diagnosis, rollout, load,
        lesson, duration or context), with fractions stated in words ("by about a third") included."""
        return number_roles(
            self.text, self.quantities, self.sentences, [label.part for label in self.labels]
        )

    @cached_property
    def outcomes(self) -> list[Quantity]:
        """Return the numbers that state an outcome: what the work changed, not the effort put in, a
        threshold, a plan, a diagnosis, a rollout step, the load faced, a lesson or how long it took."""
        return [r.quantity for r in self.quantity_roles if r.role == "outcome"]

    @cached_property
    def effort_numbers(self) -> list[Quantity]:
        """Return the numbers that measure effort put in (lines of code, meetings, hours worked)."""
        return [r.quantity for r in self.quantity_roles if r.role == "effort"]

    @cached_property
    def sentence_specificity(self) -> list[float]:
        """Return the specificity of each sentence (higher is more concrete)."""
        counts = [0] * len(self.sentences)
        for quantity in self.quantities:
            for index, sentence in enumerate(self.sentences):
                if sentence.start <= quantity.span.start < sentence.end:
                    counts[index] += 1
                    break
        return [
            specificity(sentence, quantities=count)
            for sentence, count in zip(self.sentence_texts, counts, strict=True)
        ]

    @cached_property
    def vague(self) -> list[Span]:
        """Return the hand-waving stock phrases."""
        return vague_phrases(self.text)

    def sentence_of(self, span: Span) -> Span | None:
        """Return the sentence that contains the start of `span`."""
        for sentence in self.sentences:
            if sentence.start <= span.start < sentence.end:
                return sentence
        return None
