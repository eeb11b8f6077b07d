"""The rule scan that jumps to the phrases' fixed starts finds exactly what a full regex scan finds."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starcoach.analysis import scoring
from starcoach.analysis.answer import Answer
from starcoach.analysis.kinds.base import regex_spans
from starcoach.analysis.matchers import Matcher
from starcoach.analysis.registry import load_rules, parse_example
from starcoach.analysis.report import Span
from starcoach.analysis.scan import fixed_starts

_LITERAL_CHARS = set(string.ascii_lowercase + string.digits + " ,:;/'’-")


def _matchers(value: object) -> list[Matcher]:
    if isinstance(value, Matcher):
        return [value]
    if isinstance(value, dict):
        return [m for v in value.values() for m in _matchers(v)]
    if isinstance(value, list | tuple):
        return [m for v in value for m in _matchers(v)]
    return []


MATCHERS = [m for rule in load_rules() for m in _matchers(dict(rule.params)) if m.regex]
LITERAL_MATCHERS = [m for m in MATCHERS if m.starts]
# Every scan that jumps to fixed starts: rule matchers, substitution phrases and the scoring cues.
SCANS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    *((m.regex, m.starts) for m in LITERAL_MATCHERS if m.regex and m.starts),
    *(
        (pattern, literals)
        for rule in load_rules()
        if rule.kind == "substitution"
        for (pattern, _), literals in zip(rule.params["swap"], rule.params["starts"], strict=True)
        if literals
    ),
    *(
        (cues.regex, cues.starts)
        for cues in vars(scoring).values()
        if isinstance(cues, scoring._Cues) and cues.starts
    ),
]
WORDS = sorted(
    {w for _, literals in SCANS for lit in literals for w in lit.split()}
    | {w for r in load_rules() for e in r.flag_examples for w in parse_example(e).text.split()}
)


def _full_scan(regex: re.Pattern[str], text: str, scope: Span) -> list[Span]:
    return [
        Span(m.start(), m.end())
        for m in regex.finditer(text, scope.start, scope.end)
        if m.end() > m.start()
    ]


def test_fixed_starts_are_lowercase_ascii_text() -> None:
    # The jump relies on lowercasing A-Z alone finding every case-insensitive occurrence.
    assert len(SCANS) > len(LITERAL_MATCHERS) > 0
    for _, literals in SCANS:
        for literal in literals:
            assert literal and set(literal) <= _LITERAL_CHARS, literal


def test_case_twins_disable_the_folded_text() -> None:
    assert Answer("I led it").folded == "i led it"
    for twin in "\u0130\u0131\u017f\u212a":
        assert Answer(f"I led it {twin}").folded is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(WORDS),
            st.sampled_from([" ", ", ", ". ", "\n", "’", "'", "I ", "A", "\u0130", "\u017f", "K"]),
            st.text(max_size=4),
        ),
        max_size=40,
    ),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_jump_scan_equals_full_scan(pieces: list[str], a: int, b: int) -> None:
    text = " ".join(pieces)
    upper = Answer(text.upper())
    for answer in (Answer(text), upper):
        lo, hi = sorted((min(a, len(answer.text)), min(b, len(answer.text))))
        for scope in (Span(0, len(answer.text)), Span(lo, hi)):
            for regex, literals in SCANS:
                fast = list(regex_spans(regex, literals, answer, [scope]))
                assert fast == _full_scan(regex, answer.text, scope), regex.pattern
        for regex, literals in SCANS:
            # Several scopes at once (the sentences), as a rule about one STAR part scans them.
            fast = list(regex_spans(regex, literals, answer, answer.sentences))
            full = [s for scope in answer.sentences for s in _full_scan(regex, answer.text, scope)]
            assert fast == full, regex.pattern


def test_matches_do_not_overlap_and_scopes_bound_them() -> None:
    matcher = Matcher(patterns=("a b a", "b(?: a)?"))
    assert matcher.regex is not None
    answer = Answer("a b a b a, B A.")
    spans = list(regex_spans(matcher.regex, matcher.starts, answer, [Span(0, len(answer.text))]))
    assert spans == [Span(0, 5), Span(6, 9), Span(11, 14)]
    inner = list(regex_spans(matcher.regex, matcher.starts, answer, [Span(1, 8)]))
    assert inner == [Span(2, 5), Span(6, 7)]


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("users?", ("user",)),
        ("I (?:kind of|sort of) led", ("i kind of led", "i sort of led")),
        ("(?:my |the )?(?:boss|lead) gave", ("boss gave", "lead gave", "my ", "the ")),
        ("(?:held|organi[sz]ed) many", ("held", "organi")),
        ("(?:a|) b", (" b", "a b")),
        ("x(?:a|b)?c", ("xa", "xb", "xc")),
        ("(?:ab)+c", ("ab",)),
        ("ab+", ("ab",)),
        ("trade-?offs?", ("trade",)),
        ("he (?:\\w+ )?was", ("he ",)),
        ("(?:a|b){0,1}c", None),
        ("s?foo", None),
        ("(?:s?foo)", None),
        ("\\w+ed", None),
        ("a|\\d", None),
    ],
)
def test_fixed_starts(pattern: str, starts: tuple[str, ...] | None) -> None:
    assert fixed_starts(pattern) == starts


# The quantity finder's candidate positions as one pattern, as it was before the scan was split in two.
_ONE_PASS_CANDIDATES = re.compile(
    r"[$€£¥₹½⅓⅔¼¾⅛⅜⅝⅞⅕⅙]|[-−+'’](?=\d)|(?<!\d)\d"
    r"|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|twice|thrice|doubl|tripl|trebl|quadrupl|halv|tenfold|hundredfold|thousandfold"
    r"|an?\s+(?:hundred|thousand|million|billion|trillion|dozen|kilo|centi|milli|met|mile|gallon|lit"
    r"|gram|tonne|mega|giga|tera|peta|kibi|mebi|gibi|tebi)"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q(?=[1-4])|h(?=[12])|fy(?=[\s']?\d)"
    r"|(?:us|nz|hk|c|a)(?=\$)|usd|eur|gbp|chf|jpy|inr|cad|aud)"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                "a an hundredfold thousandfold hundred million q3 h1 fy24 us$ c$ usd jan may "
                "twenty doubled 12 3.5 -4 +7 '90s ’5 $ € ½ ١٢ ² x1 i".split()
            ),
            st.text(alphabet="0123456789-−+'’$€½ \n\u00a0aqhfyus١", max_size=6),
        ),
        max_size=30,
    )
)
def test_quantity_candidates_match_the_one_pass_scan(pieces: list[str]) -> None:
    from starcoach.analysis.features import numbers

    folded = " ".join(pieces)
    expected = [m.start() for m in _ONE_PASS_CANDIDATES.finditer(folded)]
    found = [m.start() for m in numbers._SIGN_OR_DIGIT.finditer(folded)]
    found += [m.start() for m in numbers._NUMBER_WORD.finditer(folded)]
    assert sorted(found) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                "various things and so on kind of I we did everything could helped out with "
                "significantly improved LEVERAGED our skills Worked on some tasks etc. "
                "a lot of stuff Best Practices, world-class".split()
            ),
            st.text(alphabet="aIiSsKk .,-\n’", max_size=5),
        ),
        max_size=25,
    ),
    st.booleans(),
)
def test_lowercase_vague_pattern_matches_like_the_case_insensitive_one(
    pieces: list[str], shout: bool
) -> None:
    from starcoach.analysis.features import specificity
    from starcoach.analysis.scan import fold_ascii

    text = " ".join(pieces)
    text = text.upper() if shout else text
    folded = fold_ascii(text)
    assert folded is not None
    for at in range(len(text) + 1):
        plain = specificity._VAGUE.match(text, at)
        fast = specificity._VAGUE_FOLDED.match(folded, at)
        assert (plain and (plain.span(), plain.lastgroup)) == (
            fast and (fast.span(), fast.lastgroup)
        )
