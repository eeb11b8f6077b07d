from hypothesis import given
from hypothesis import strategies as st

from starcoach.analysis.text import count_words, split_sentences, word_spans


def sentences(text: str) -> list[str]:
    return [s.text(text) for s in split_sentences(text)]


def test_splits_on_terminal_punctuation_but_not_abbreviations_or_decimals() -> None:
    text = "I led it. We shipped on Dec. 5 with Dr. Smith. Latency fell 2.5x, e.g. from 2.4 s to 0.9 s! Why?"
    assert sentences(text) == [
        "I led it.",
        "We shipped on Dec. 5 with Dr. Smith.",
        "Latency fell 2.5x, e.g. from 2.4 s to 0.9 s!",
        "Why?",
    ]


def test_initials_do_not_end_a_sentence_but_the_pronoun_does() -> None:
    assert sentences("J. Smith agreed. So did I. Then we left.") == [
        "J. Smith agreed.",
        "So did I.",
        "Then we left.",
    ]


def test_a_unit_after_a_number_can_end_a_sentence_but_a_title_cannot() -> None:
    text = "P95 fell to 900 ms. Then I met Ms. Rivera at 3 p.m. on Friday. It took 5 min. Done."
    assert sentences(text) == [
        "P95 fell to 900 ms.",
        "Then I met Ms. Rivera at 3 p.m. on Friday.",
        "It took 5 min.",
        "Done.",
    ]


def test_bullets_and_numbered_items_become_sentences_without_markers() -> None:
    text = (
        "What I did:\n- audited the flows\n- fixed the worst pages\n\n1. Shipped it\n2. Measured it"
    )
    assert sentences(text) == [
        "What I did:",
        "audited the flows",
        "fixed the worst pages",
        "Shipped it",
        "Measured it",
    ]


def test_lowercase_transcript_is_split() -> None:
    assert sentences("i did x. then we did y") == ["i did x.", "then we did y"]


def test_words_keep_decimals_and_contractions() -> None:
    text = "I'd cut it by 2.5 or 1,200 ms."
    assert [s.text(text) for s in word_spans(text)] == [
        "I'd",
        "cut",
        "it",
        "by",
        "2.5",
        "or",
        "1,200",
        "ms",
    ]
    assert count_words(text) == 8


@given(st.text())
def test_spans_lie_inside_text_and_in_order(text: str) -> None:
    previous_end = 0
    for span in split_sentences(text):
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end
    for span in word_spans(text):
        assert 0 <= span.start < span.end <= len(text)
