"""Quantities in an answer: counts, percentages, money, durations, multipliers and before→after changes.

`find_quantities` is a rule-based scanner built for precision: it finds number cores (digits, spelled-out
numbers, a few multiplier words), extends each with what a reader would mark as part of it (a currency, a
scale word, a unit, a percent sign), then joins ranges ("5 to 6 kg") and changes ("from 2.1 s to 300 ms").
Clock times, ordinals, version strings and identifiers such as "i7" or "COVID-19" are not quantities, and a
year is kept apart as a "date" so it is never mistaken for a measured result.

Span conventions (they follow how people marked the numbers in the data we measure against):
- a unit, currency or percent sign belongs to the span ("five metres", "€4,500", "40 percent");
- hedges before a number do not ("about", "up to", "over", "~");
- a counted noun is not a unit: in "12 engineers" the span is "12" and the kind is "count";
- a change spans both numbers but not the word "from": "2.1 s to 300 ms".

`value` is the number as written with scale words applied ("$2M" -> 2000000, "3 weeks" -> 3); a change has
the after value, a range its midpoint. Units are not converted.

The same tables read numbers and units written alone: `number_value` reads one number ("1,200", "twenty-one"),
and `read_amount` one value with its unit, converted to the common scale of its unit family ("900 ms" -> 0.9
seconds), for the consistency checks that compare two values of one measure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from starcoach.analysis.report import Quantity, Span
from starcoach.analysis.scan import fold

KINDS = (
    "percent",
    "money",
    "duration",
    "multiplier",
    "count",
    "change",
    "measure",
    "fraction",
    "date",
    "number",
)
"""Every kind `find_quantities` returns; "measure" is a physical or data unit (5 km, 2 TB, 300 QPS)."""

METRIC_KINDS = frozenset(
    {"percent", "money", "duration", "multiplier", "count", "change", "measure", "fraction"}
)
"""Kinds that can state a measured result; a date or a bare label-like number cannot."""

# ---------------------------------------------------------------------------------------------------
# Spelled-out numbers.

# Spelled-out numbers, shared with the consistency checks.
SMALL_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_NUMBERS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_DOZEN = {"dozen": 12}
_FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
    "thousandth": 1000,
    "thousandths": 1000,
}
_WORD_MULTIPLIERS = {
    "twice": 2.0,
    "thrice": 3.0,
    "doubled": 2.0,
    "doubling": 2.0,
    "tripled": 3.0,
    "tripling": 3.0,
    "trebled": 3.0,
    "quadrupled": 4.0,
    "quadrupling": 4.0,
    "halved": 0.5,
    "halving": 0.5,
    "twofold": 2.0,
    "threefold": 3.0,
    "fourfold": 4.0,
    "fivefold": 5.0,
    "tenfold": 10.0,
    "hundredfold": 100.0,
    "thousandfold": 1000.0,
}

_UNIT_WORD = (
    r"(?:(?:" + "|".join(TENS_NUMBERS) + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r")"
)
_SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion|dozen)"
_ATOM = rf"(?:{_UNIT_WORD}|{_SCALE_WORD})"
_WORD_NUMBER = (
    rf"(?:(?:an?\s+){_SCALE_WORD}|{_ATOM})(?!\w)"
    rf"(?:(?:\s*,\s*|\s+(?:and|&)\s+|\s+){_ATOM}(?!\w))*"
)
_FRACTION_TAIL = re.compile(
    r"(?:\s+and\s+a\s+half\b|[\s-]+(?P<den>" + "|".join(_FRACTION_WORDS) + r")(?![\w-]))",
    re.IGNORECASE,
)
_WORD_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)?|&|,", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------------
# Units. Each entry: regex source, dimension. Dimensions decide the kind and whether two ends of a range
# or change can be joined ("30 ml to 2 kg" cannot).

_TIME = "time"
_MONEY = "money"
_PERCENT = "percent"

_PREFIX_SI = r"(?:nano|micro|milli|centi|deci|kilo|mega|giga|tera)?"
_PREFIX_DATA = r"(?:kilo|mega|giga|tera|peta|exa|kibi|mebi|gibi|tebi|pebi)?"

# Whole words, matched case-insensitively.
_WORD_UNITS: tuple[tuple[str, str], ...] = (
    (r"nanoseconds?|microseconds?|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?", _TIME),
    (
        r"days?|weeks?|wks?|fortnights?|months?|quarters?|years?|yrs?|decades?|centuries|century",
        _TIME,
    ),
    (
        r"sprints?|business\s+days|working\s+days|(?:man|person|engineer|developer)[- ](?:hours|days|weeks|months|years)",
        _TIME,
    ),
    (r"percentage\s+points?|basis\s+points?|percent|per\s?cent|pct", _PERCENT),
    (
        r"(?:us\s+)?dollars?|euros?|bucks|cents?|pence|dimes|yen|rupees?|francs?|pounds\s+sterling",
        _MONEY,
    ),
    (
        _PREFIX_SI + r"(?:metres?|meters?)|inch(?:es)?|feet|foot|yards?|miles?|light[- ]years?",
        "length",
    ),
    (r"acres?|hectares?", "area"),
    (
        _PREFIX_SI
        + r"(?:litres?|liters?)|gallons?|pints?|quarts?|tablespoons?|teaspoons?|cups?|barrels?",
        "volume",
    ),
    (_PREFIX_SI + r"grams?|tonnes?|tons?|pounds?|ounces?", "mass"),
    (r"degrees?\s+(?:celsius|fahrenheit|kelvin|centigrade)|kelvins?", "temperature"),
    (r"degrees?", "angle"),
    (
        _PREFIX_SI + r"(?:joules?|watts?|watt[- ]hours?|calories?|volts?|amps?|amperes?|hertz)",
        "energy",
    ),
    (r"british\s+thermal\s+units?|horsepower", "energy"),
    (_PREFIX_DATA + r"(?:bytes?|bits?)", "data"),
    (r"pixels?|frames?\s+per\s+second", "other"),
)
# Symbols, matched case-sensitively so "MB" is not "mb" and "C" is not "c".
_SYMBOL_UNITS: tuple[tuple[str, str], ...] = (
    (r"ns|µs|μs|ms|sec|min|hr|hrs|h|s|wk|mo|mos|yr|yrs", _TIME),
    (r"%|‰|pp|p\.p\.", _PERCENT),
    (r"USD|EUR|GBP|CHF|JPY|INR|CAD|AUD|€|£|\$", _MONEY),
    (r"nm|µm|μm|mm|cm|km|m|ft|yd|mi", "length"),
    (r"ha", "area"),
    (r"ml|mL|cl|dl|l|L|gal|tbsp|tsp|cc|fl\s?oz|bbl", "volume"),
    (r"µg|μg|mg|kg|g|t|lbs?|oz", "mass"),
    (r"°\s?[CFK]|°|C|F", "temperature"),
    (
        r"[kMGT]?Wh|[kMGT]?W|mW|[kMG]?J|kcal|cal|[kmM]?V|mA|[kMGT]?eV|BTU|hp|[kMGT]?Hz|rpm|RPM",
        "energy",
    ),
    (r"[KkMGTPE]i?B|[KkMGT]b|[KkMG]bps|[KkMG]bit/s|bit|B", "data"),
    (r"mph|kph|km/h|kmh|knots?", "speed"),
    (r"QPS|qps|RPS|rps|TPS|tps|req/s|ops/s|FPS|fps", "rate"),
    (r"[kM]?Pa|psi|bar|atm|m?Gy|m?Sv|dB|px", "other"),
)
# Symbols that are also common words or letters; they count as units only where the text shows it.
_RISKY_SYMBOLS = frozenset(
    {"h", "s", "m", "t", "l", "L", "g", "C", "F", "B", "bar", "ha", "hp", "mi"}
)

_POWER = r"(?:\^?[23](?!\d)|[²³]|\^?[-−]1(?!\d)|⁻¹)?"
_AREA = r"(?:(?:square|sq\.?|cubic|cu\.?)\s+)?"
_WORD_UNIT_RE = "|".join(f"(?:{src})" for src, _ in _WORD_UNITS)
_SYMBOL_UNIT_RE = "|".join(f"(?:{src})" for src, _ in _SYMBOL_UNITS)
_ONE_UNIT = (
    rf"{_AREA}(?:(?i:(?:{_WORD_UNIT_RE}))(?![A-Za-z])|(?:{_SYMBOL_UNIT_RE}){_POWER}(?![A-Za-z0-9]))"
)
# The first unit after a number, one named group per entry so the match itself names the dimension:
# w<k> is _WORD_UNITS[k], s<k> is _SYMBOL_UNITS[k].
_UNIT_HEAD = re.compile(
    _AREA
    + "(?:"
    + "|".join(f"(?P<w{k}>(?i:{src}))(?![A-Za-z])" for k, (src, _) in enumerate(_WORD_UNITS))
    + "|"
    + "|".join(
        f"(?P<s{k}>{src}){_POWER}(?![A-Za-z0-9])" for k, (src, _) in enumerate(_SYMBOL_UNITS)
    )
    + ")"
)
# What may follow that unit: "/h", " per year", " squared".
_UNIT_TAIL = re.compile(rf"(?:\s*/\s*{_ONE_UNIT}|\s+per\s+{_ONE_UNIT})*(?:\s+(?:squared|cubed)\b)?")


@dataclass(frozen=True, slots=True)
class _Unit:
    """A unit found after a number: its own text, dimension, whether it is a word, and where it ends."""

    name: str
    dim: str
    word: bool
    end: int


def _unit_at(text: str, pos: int) -> _Unit | None:
    """Return the unit (with any "/x" or "per x" tail) that starts exactly at `pos`, if any."""
    head = _UNIT_HEAD.match(text, pos)
    if head is None:
        return None
    group = head.lastgroup or ""
    index = int(group[1:])
    word = group[0] == "w"
    dim = (_WORD_UNITS if word else _SYMBOL_UNITS)[index][1]
    name = head.group(group)
    tail = _UNIT_TAIL.match(text, head.end())
    return _Unit(name, dim, word, tail.end() if tail else head.end())


# "a mile", "a terabyte": the article stands for one only before these unambiguous units (not "a
# second", "a minute" or "a ton of work", which are idioms far more often than measurements).
_ARTICLE_UNITS = (
    r"(?:kilo|centi|milli)?(?:metre|meter)|mile|gallon|(?:milli)?lit(?:re|er)|(?:kilo|milli)?gram|tonne"
    r"|(?:kilo|mega|giga|tera|peta|kibi|mebi|gibi|tebi)(?:byte|bit)"
)

# ---------------------------------------------------------------------------------------------------
# Cores: what can start a quantity, and things that look numeric but are not quantities.

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_CORE = re.compile(
    r"(?P<clock>\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\b\.?)?|\b\d{1,2}(?:[.:]\d{1,3})?\s?[ap]\.?m\b\.?"
    r"|\b\d+:\d+\b|\b\d{1,2}\s?o'clock\b)"
    r"|(?P<isodate>\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b)"
    r"|(?P<dotted>\b\d+(?:\.\d+){2,}\b)"
    r"|(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)"
    r"|(?P<period>\b(?:Q[1-4]|H[12])(?:\s+(?:of\s+)?(?:19|20)\d{2}|\s?'\d{2}|(?=\s+(?:19|20)\d{2}))"
    r"|\bQ[1-4]\b|\bFY\s?'?(?:(?:19|20)\d{2}|\d{2})\b)"
    rf"|(?P<monthdate>\b{_MONTHS}\s+(?:[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{{2}})?|(?:19|20)\d{{2}})\b"
    rf"|\b[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+(?:19|20)\d{{2}})?\b)"
    r"|(?P<decade>(?:\b(?:19|20)|\B['’]|\b)\d0s\b)"
    r"|(?P<num>(?P<cur>(?:US|A|C|NZ|HK)\$|\$|€|£|¥|₹|(?:USD|EUR|GBP|CHF|JPY|INR|CAD|AUD)[ \u00a0]?)?"
    r"(?P<sign>[-−+])?"
    r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.\-])|\d+)"
    r"(?P<dec>\.\d+)?"
    r"(?P<exp>[eE][-−+]?\d+(?![\w])|\s?[x×]\s?10(?:\^[-−+]?\d+|[-−]\d+|[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)|[x×]\d+\^\d+)?"
    r"(?P<frac>[ \u00a0]\d{1,2}/\d{1,3}(?![\d/])|/\d{1,4}(?![\d/]|[.,]\d)|[½⅓⅔¼¾⅛⅜⅝⅞⅕⅙])?)"
    r"|(?P<vulgar>(?<![\w])[½⅓⅔¼¾⅛⅜⅝⅞⅕⅙])"
    rf"|(?P<article>\b[Aa]n?(?=\s+(?:{_ARTICLE_UNITS})\b))"
    rf"|(?P<words>(?i:\b{_WORD_NUMBER}))"
    r"|(?P<wordmult>(?i:\b(?:" + "|".join(_WORD_MULTIPLIERS) + r")\b))"
)
# Positions where a quantity can start, found on ASCII-lowercased text in two cheap passes; the full
# pattern above then runs only there (running it at every position costs ten times more).
# First a currency sign or fraction, a sign before a digit, or the first digit of a run. The pattern
# opens with one character class so that the engine skips straight to those characters, and then
# checks, looking back, which case the character was.
_SIGN_OR_DIGIT = re.compile(
    r"[$€£¥₹½⅓⅔¼¾⅛⅜⅝⅞⅕⅙\-−+'’\d]"
    r"(?:(?<=[$€£¥₹½⅓⅔¼¾⅛⅜⅝⅞⅕⅙])|(?<=[-−+'’])(?=\d)|(?<=\d)(?<!\d\d))"
)
# Then a number word, a month, a quarter or a currency code at the start of a word. Its matches hold
# only letters and spaces, so they never hide a sign or digit from the first pass, nor the other way.
_NUMBER_WORD = re.compile(
    r"\b(?=[a-z])(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|twice|thrice|doubl|tripl|trebl|quadrupl|halv|tenfold|hundredfold|thousandfold"
    r"|an?\s+(?:hundred|thousand|million|billion|trillion|dozen|kilo|centi|milli|met|mile|gallon|lit"
    r"|gram|tonne|mega|giga|tera|peta|kibi|mebi|gibi|tebi)"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q(?=[1-4])|h(?=[12])|fy(?=[\s']?\d)"
    r"|(?:us|nz|hk|c|a)(?=\$)|usd|eur|gbp|chf|jpy|inr|cad|aud)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_VULGAR = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
    "⅕": 0.2,
    "⅙": 1 / 6,
}
_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")

_GLUED_SCALE = re.compile(r"(?P<s>k|K|MM|M|mn|bn|B|T)(?![A-Za-z0-9])")
_GLUED_SCALE_VALUE = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "MM": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "B": 1e9,
    "T": 1e12,
}
_WORD_SCALE = re.compile(
    r"[ \u00a0]+(?P<s>thousand|million|billion|trillion|mln|mn|bn)\b(?!-)", re.IGNORECASE
)
_WORD_SCALE_VALUE = {
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_MULT_SUFFIX = re.compile(r"[x×X](?![\w])|[ \u00a0]×(?![\w])|-?fold\b")
_TIMES = re.compile(
    r"[ \u00a0]+times\b(?P<cmp>(?=\s+(?:as|the|over|more|less|fewer|faster|slower|higher|lower|larger"
    r"|bigger|smaller|cheaper|quicker|better|greater|longer|shorter|what|that)\b))?"
)
_FREQUENCY = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(?:day|week|month|quarter|year|hour|minute|sprint)\b"
)
_PER_WORD = re.compile(r"(?:\s*/\s*|\s+per\s+)(?!se\b)[a-z]{2,15}\b(?:\s+per\s+[a-z]{2,15}\b)?")
_GRAND = re.compile(r"[ \u00a0]+grand\b")
_INCH = re.compile(
    r"[ \u00a0]in(?=\s*$|[.,;:)!?]|\s+(?:thick|long|wide|tall|high|deep|gap|diameter|across)\b)"
)
_TRAILING_PLUS = re.compile(r"\+(?=\s|$|[.,;:)!?])")
_ONE_DURATION_CUE = re.compile(
    r"\b(?:in|within|for|after|than|only|just|about|under|over|of|by|per|every|took|takes|take|spent"
    r"|lasted|last|around|roughly|nearly|almost|less|more)\s+$",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+of\b")
_SPACES = re.compile(r"[ \u00a0]+")
_NEXT_WORD = re.compile(r"[ \u00a0]+([a-z]+)")
_TEAM_SIZE = re.compile(r"-(?:person|people|member|strong|engineer|developer)\b")
_DECADE_BEFORE = re.compile(r"\b(?:the|early|mid|late)[\s-]+$")
_AGE_BEFORE = re.compile(r"\b(?:my|his|her|their|our|your)\s+$")
_DIGIT_GROUPING = re.compile(r"[,\s\u00a0\u202f]")
_SPACE_THEN_LOWER = re.compile(r"[ \u00a0]+[a-z]")
_COMPARATIVE = re.compile(
    r"\s+(?:as|the|over|more|faster|slower|higher|larger|bigger|cheaper|quicker|better|that)\b"
)
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")
_AFTER_UNIT = frozenset(
    """
    to and or of per vs versus faster slower on in for each down up instead at with by from than before
    after later ago when while but so each every
    """.split()
)
_POSSESSIVE = re.compile(r"['’](?=\s+[a-z])")
_COUNT_OF = re.compile(
    r"\s+of\s+(?:the|our|my|us|them|these|those|their|his|her|its|which|whom|you|[A-Z][\w-]*['’]s)\b"
)
_NEXT_WORDS = re.compile(r"(?:[ \u00a0]+(?:[a-z][a-z'’-]*|[A-Z]{2,}s\b)){1,3}")
_OUT_OF = re.compile(r"\s+out\s+of\s+(?P<den>\d+(?:,\d{3})*|ten|five|four|three|hundred)\b")
_LABEL_WORD = re.compile(
    r"\b(?:version|phase|step|level|room|page|sprint|chapter|season|episode|part|no\.|number|floor|gen"
    r"|generation|round|stage|tier|grade|iteration|release|milestone|section|figure|table|item|question"
    r"|rule|line|model|top|bottom|rank(?:ed)?|position|priority|p)[ \u00a0]*$",
    re.IGNORECASE,
)
_BEFORE_TOKEN = re.compile(r"([A-Za-z][\w'’-]*)[ \u00a0]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\n]\s*)$")
_DATE_CUE = re.compile(
    r"\b(?:in|since|by|during|until|till|through|from|of|early|late|mid|circa|year|summer|spring|fall"
    r"|autumn|winter|season|class|fiscal|before|after|around|between|and|to|the)[\s-]+$",
    re.IGNORECASE,
)

# A dash, or "to"/"through" (after an optional dash), with space around. The two runs of space
# are kept apart by a required character: "-?\s*" after "\s*" made a long run of spaces cubic.
_RANGE_GAP = re.compile(r"\s*(?:[-–—]|(?:-\s*)?\b(?:to|through|thru)\b)\s*")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BETWEEN_GAP = re.compile(r"\s+(?:and|&)\s+")
_CHANGE_GAP = re.compile(r"\s*(?:→|->|=>|⟶|⇒)\s*|\s+(?:down\s+|up\s+|all\s+the\s+way\s+)?to\s+")
_UNCERTAINTY_GAP = re.compile(r"\s*(?:±|\+/-|\+-)\s*")
_FROM = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|over\s+|under\s+|nearly\s+|almost\s+|~)?$", re.I
)
_CHANGE_VERB = re.compile(
    r"\b(?:went|go|goes|going|gone|grew|grow|grown|growing|rose|rise|risen|rising|fell|fall|fallen|dropp?\w*"
    r"|cut\w*|reduc\w*|increas\w*|decreas\w*|improv\w*|lower\w*|rais\w*|boost\w*|brought|bring\w*|shr[aiu]nk\w*"
    r"|slash\w*|trimm?\w*|climb\w*|jump\w*|mov\w*|push\w*|took|tak\w*|scal\w*|expand\w*|sped|speed\w*"
    r"|chang\w*|shift\w*|shorten\w*|lengthen\w*|doubl\w*|tripl\w*|halv\w*|accelerat\w*|slow\w*|upgrad\w*"
    r"|grow\w*|declin\w*|plummet\w*|soar\w*|surg\w*|dipp?\w*|sank|sink\w*|ballooned|tightened)\b"
    r"[^.!?;]{0,60}$",
    re.IGNORECASE,
)
_RANGE_WORD = re.compile(r"\b(?:rang\w*|var(?:y|ies|ied)|span\w*)\s+from\s+$", re.IGNORECASE)

_FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor so yet of in on at to for from by with without within into onto over under
    about above below after before between through during until till since than then as per via vs
    i me my we us our you your he him his she her it its they them their this that these those there here
    is are was were be been being am has have had do does did will would shall should can could may might must
    not no more most less least very too also just only even still again ever now already yet
    which who whom whose what when where why how if whether because while although though
    times out up down off away back each every all any some many much few several other another such
    """.split()
)
_IRREGULAR_PLURALS = frozenset(
    "people staff children men women personnel folks teeth mice geese criteria data media".split()
)
_NOT_PLURAL = frozenset(
    """
    is was has does goes its this thus us as yes plus minus always sometimes unless perhaps besides towards
    whereas afterwards upwards downwards nevertheless news series species lens bus gas
    """.split()
)


@dataclass(frozen=True, slots=True)
class _Raw:
    """A quantity before ranges and changes are joined; `bare` means no unit, currency or sign of kind."""

    start: int
    end: int
    kind: str
    value: float | None
    dim: str | None
    bare: bool


def find_quantities(text: str) -> list[Quantity]:
    """Return every quantity stated in `text`, in order, with its span, kind and value."""
    raws = _scan(text)
    return [Quantity(Span(r.start, r.end), r.kind, r.value) for r in _join(text, raws)]


def _scan(text: str) -> list[_Raw]:
    """Return the single quantities of `text`, before ranges and changes are joined."""
    raws: list[_Raw] = []
    pos = 0
    folded = fold(text)
    candidates = [m.start() for m in _SIGN_OR_DIGIT.finditer(folded)]
    candidates += [m.start() for m in _NUMBER_WORD.finditer(folded)]
    for candidate in sorted(candidates):
        if candidate < pos:
            continue
        match = _CORE.match(text, candidate)
        if match is None:
            continue
        group = match.lastgroup
        raw: _Raw | None = None
        if group in ("clock", "dotted", "ordinal"):
            pos = match.end()
            continue
        if group in ("isodate", "period", "monthdate"):
            raw = _Raw(match.start(), match.end(), "date", _year_in(match.group()), None, False)
        elif group == "decade":
            raw = _decade(text, match)
        elif group == "num":
            raw = _digits(text, match)
        elif group == "article":
            raw = _extend(text, match.start(), match.end(), 1.0, "number")
            if raw is not None and raw.bare:
                raw = None
        elif group == "vulgar":
            raw = _extend(text, match.start(), match.end(), _VULGAR[match.group()], "fraction")
        elif group == "words":
            raw = _words(text, match)
        elif group == "wordmult":
            raw = _word_multiplier(text, match)
        if raw is None:
            pos = match.end()  # what the pattern took is not a quantity; do not re-read its middle
            continue
        raws.append(raw)
        pos = raw.end
    return raws


def _year_in(surface: str) -> float | None:
    """Return the four-digit year inside a date surface, if any."""
    found = _YEAR.search(surface)
    return float(found.group()) if found else None


def _decade(text: str, match: re.Match[str]) -> _Raw | None:
    """Return "the 1990s" or "'90s" as a date; "my 30s" is an age, and "30s" after a verb is seconds."""
    surface = match.group()
    before = text[max(0, match.start() - 12) : match.start()].lower()
    if len(surface) == 5 or surface[0] in "'’" or _DECADE_BEFORE.search(before):
        return _Raw(match.start(), match.end(), "date", _year_in(surface), None, False)
    if _AGE_BEFORE.search(before):
        return None
    return _Raw(match.start(), match.end(), "duration", float(surface[:-1]), _TIME, False)


def _digits(text: str, match: re.Match[str]) -> _Raw | None:
    """Return the quantity that starts with a run of digits, or None when it is an identifier."""
    start = match.start()
    sign = match.group("sign")
    cur = match.group("cur")
    if sign and not cur:
        prev = text[start - 1 : start]
        if prev and (prev.isalnum() or prev in "_."):
            if prev.isalpha():
                return None  # "COVID-19", "B-52": a name, not a negative number
            # "10-15": the hyphen joins a range; the number starts after it
            start += 1
            sign = None
    prev = text[start - 1 : start]
    if prev and (prev.isalnum() or prev in "_.#@/\\&"):
        return None
    if _is_list_marker(text, start, match.end()):
        return None
    value = _digit_value(match, sign)
    if value is None:
        return None
    end = match.end()
    if match.group("frac") and match.group("frac").startswith("/") and not cur:
        numerator = float(match.group("int").replace(",", "")) + float(match.group("dec") or 0)
        if value >= 1 or numerator == 0:
            return None  # "24/7", "1/0" are not fractions of anything
        return _extend(text, start, end, value, "fraction")
    scale = 1.0
    glued = _GLUED_SCALE.match(text, end)
    if glued and not (
        glued.group("s") == "B" and cur is None and not _next_is_word(text, glued.end())
    ):
        scale = _GLUED_SCALE_VALUE[glued.group("s")]
        end = glued.end()
    elif _glued_million(text, end, cur):
        scale = 1e6 if text[end] == "m" else 1e9
        end += 1
    word_scale = _WORD_SCALE.match(text, end)
    if word_scale:
        scale *= _WORD_SCALE_VALUE[word_scale.group("s").lower()]
        end = word_scale.end()
    value *= scale
    if cur:
        return _money(text, start, end, value)
    integer = match.group("int")
    plain = not (match.group("dec") or match.group("exp") or match.group("frac")) and scale == 1.0
    raw = _extend(text, start, end, value, "number", scaled=scale != 1.0)
    if raw is None:
        return None
    if raw.bare and plain and integer.isdigit() and len(integer) == 4 and 1800 <= value <= 2099:
        return _year_or_count(text, raw)
    if raw.bare and _is_label(text, start):
        return replace(raw, kind="number")
    return raw


def _is_label(text: str, start: int) -> bool:
    """Return True when the number names something ("Python 3", "step 2", "room 101") rather than counts."""
    before = text[max(0, start - 24) : start]
    if _LABEL_WORD.search(before):
        return True
    name = _BEFORE_TOKEN.search(before)
    if name is None or not name.group(1)[0].isupper() or name.group(1) == "I":
        return False
    # a capitalised word that opens the sentence ("Over 3,000 users") is not a name
    return not _SENTENCE_START.search(text[max(0, start - 24 - 3) : start - len(name.group(0))])


def _is_list_marker(text: str, start: int, end: int) -> bool:
    """Return True for the "1." or "2)" that numbers an item at the start of a line."""
    if text[end : end + 1] not in (".", ")") or text[end + 1 : end + 2] not in (
        " ",
        "\t",
        "\n",
        "",
    ):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _glued_million(text: str, end: int, cur: str | None) -> bool:
    """Return True for "$5m", "$2b" and "2m users"; "5m of cable" and a lone "100m" are metres."""
    letter = text[end : end + 1]
    if letter not in ("m", "b") or text[end + 1 : end + 2].isalnum():
        return False
    if cur:
        return True
    return letter == "m" and _next_word(text, end + 1) not in _FUNCTION_WORDS | {""}


def _digit_value(match: re.Match[str], sign: str | None) -> float | None:
    """Return the numeric value of a digit core (grouping, decimals, exponent, fraction)."""
    try:
        return _digit_value_unchecked(match, sign)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None  # absurd exponents or digit strings: not a quantity worth reporting


def _digit_value_unchecked(match: re.Match[str], sign: str | None) -> float | None:
    """Return the numeric value of a digit core; may raise on absurd input."""
    digits = _DIGIT_GROUPING.sub("", match.group("int")) + (match.group("dec") or "")
    try:
        value = float(digits)
    except ValueError:
        return None
    exp = match.group("exp")
    if exp:
        exp = exp.translate(_SUPERSCRIPT).replace("−", "-").replace(" ", "")
        if exp[0] in "eE":
            value *= 10.0 ** int(exp[1:])
        elif "^" in exp and not exp[1:].startswith("10"):
            base, _, power = exp[1:].partition("^")
            value *= float(base) ** int(power)
        else:
            power = exp[3:].lstrip("^") or "0"
            value *= 10.0 ** int(power)
    frac = match.group("frac")
    if frac:
        frac = frac.strip()
        if frac in _VULGAR:
            value += _VULGAR[frac]
        elif frac.startswith("/"):
            denominator = float(frac[1:])
            if denominator == 0:
                return None
            value /= denominator
        else:
            numerator, _, denominator_text = frac.partition("/")
            denominator = float(denominator_text)
            if denominator == 0 or float(numerator) >= denominator:
                return None
            value += float(numerator) / denominator
    if sign in ("-", "−"):
        value = -value
    return value


def _next_is_word(text: str, pos: int) -> bool:
    """Return True when a lowercase word follows `pos` after a space."""
    return _SPACE_THEN_LOWER.match(text, pos, pos + 3) is not None


def _next_word(text: str, pos: int) -> str:
    """Return the lowercase word that follows `pos` after spaces, or "" when none does."""
    found = _NEXT_WORD.match(text, pos)
    return found.group(1) if found else ""


def _money(text: str, start: int, end: int, value: float) -> _Raw:
    """Return a money quantity, with a per-unit tail such as "/hour" or "per user" when present."""
    per = _PER_WORD.match(text, end) or _FREQUENCY.match(text, end)
    if per:
        end = per.end()
    end = _trailing_plus(text, end)
    return _Raw(start, end, "money", value, _MONEY, False)


def _trailing_plus(text: str, end: int) -> int:
    """Return `end` moved past a "+" that means "or more" ("10,000+")."""
    plus = _TRAILING_PLUS.match(text, end)
    return plus.end() if plus else end


def _extend(
    text: str, start: int, end: int, value: float, kind: str, *, scaled: bool = False
) -> _Raw | None:
    """Return the quantity at text[start:end] extended by its suffix (unit, percent, multiplier, noun)."""
    if text[end : end + 1] == "s" and not text[end + 1 : end + 2].isalnum():
        # "30s" after a number that is not a decade: seconds ("from 30s to 5s")
        return _Raw(start, end + 1, "duration", value, _TIME, False)
    mult = _MULT_SUFFIX.match(text, end)
    if mult:
        return _Raw(start, mult.end(), "multiplier", value, "multiplier", False)
    plus = _TRAILING_PLUS.match(text, end)
    if plus:
        # "8+ hours": the unit comes after the "or more" sign
        plus_kind, plus_end, plus_dim, _ = _suffix(text, plus.end(), value)
        if plus_kind:
            return _Raw(start, plus_end, plus_kind, value, plus_dim, False)
    suffix_kind, suffix_end, dim, value = _suffix(text, end, value)
    if suffix_kind:
        return _Raw(start, suffix_end, suffix_kind, value, dim, False)
    grand = _GRAND.match(text, end)
    if grand:
        return _Raw(start, grand.end(), "money", value * 1e3, _MONEY, False)
    times = _TIMES.match(text, end)
    if times:
        if times.group("cmp") is not None:
            return _Raw(start, times.end(), "multiplier", value, "multiplier", False)
        freq = _FREQUENCY.match(text, times.end())
        return _Raw(start, freq.end() if freq else times.end(), "count", value, "times", False)
    nxt = text[end : end + 1]
    if nxt.isalnum() or nxt == "_":
        return None  # "4F7", "3Qx", "i7": an identifier, not a quantity
    if nxt == "-" and text[end + 1 : end + 2].isalpha():
        team = _TEAM_SIZE.match(text, end)
        if team:
            return _Raw(start, team.end(), "count", value, None, False)
        # "a 3-step plan", "a 5-star review": a number inside a compound word; it measures nothing
        return _Raw(start, end, "number", value, None, False)
    end = _trailing_plus(text, end)
    out_of = _OUT_OF.match(text, end)
    if out_of and kind == "number":
        den = _number_value(out_of.group("den"))
        if den and 0 <= value <= den:
            return _Raw(start, out_of.end(), "fraction", value / den, "fraction", False)
    if kind == "number" and (scaled or _counts_something(text, end)):
        kind = "count"
    return _Raw(start, end, kind, value, None, True)


def _suffix(text: str, end: int, value: float) -> tuple[str | None, int, str | None, float]:
    """Return (kind, end, dimension, value) for a unit, percent or currency right after a number."""
    none: tuple[str | None, int, str | None, float] = (None, end, None, value)
    inch = _INCH.match(text, end)
    if inch:
        return "measure", inch.end(), "length", value
    first = text[end : end + 1]
    glued = False
    if first == "-":
        unit = _unit_at(text, end + 1)
        if unit is None or not unit.word:
            return none
    elif first in (" ", "\u00a0"):
        gap = _SPACES.match(text, end)
        unit = _unit_at(text, gap.end()) if gap else None
    else:
        unit = _unit_at(text, end)
        glued = True
    if unit is None:
        return none
    name = unit.name
    if name in _RISKY_SYMBOLS and not _risky_ok(text, unit, glued):
        return none
    dim = unit.dim
    if dim == _PERCENT:
        return "percent", unit.end, dim, value
    if dim == _MONEY:
        return "money", unit.end, dim, value
    if dim == "mass" and name.lower() == "pounds" and abs(value) >= 1e6:
        return "money", unit.end, _MONEY, value  # "12 million pounds" is sterling, not weight
    if dim == _TIME:
        if name.lower().startswith("quarter") and _OF.match(text, unit.end):
            return none  # "three quarters of the team" is a fraction, handled elsewhere
        return "duration", _possessive(text, unit.end), dim, value
    return "measure", unit.end, dim, value


def _risky_ok(text: str, unit: _Unit, glued: bool) -> bool:
    """Return True when a one-letter or word-like symbol really is a unit here ("2.1 s to", "5 L of")."""
    if glued:
        return unit.name not in ("m", "B", "t", "bar", "ha", "hp", "mi")
    after = text[unit.end : unit.end + 1]
    if after == "" or after in ".,;:!?)/\n\t":
        return True
    if after != " ":
        return False
    return _next_word(text, unit.end) in _AFTER_UNIT


def _possessive(text: str, end: int) -> int:
    """Return `end` past a possessive apostrophe on a plural unit ("two weeks' notice")."""
    if text[end - 1 : end] == "s":
        apostrophe = _POSSESSIVE.match(text, end)
        if apostrophe:
            return apostrophe.end()
    return end


def _counts_something(text: str, end: int) -> bool:
    """Return True when the number is followed by what it counts ("12 engineers", "3 of us")."""
    if _COUNT_OF.match(text, end):
        return True
    words = _NEXT_WORDS.match(text, end)
    if words is None:
        return False
    tokens = words.group().split()
    for k, token in enumerate(tokens[:2]):
        if _is_plural_noun(token):
            return True
        if token in _FUNCTION_WORDS or k == 1:
            return False
    return False


def _is_plural_noun(word: str) -> bool:
    """Return True for a word that looks like a plural noun."""
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous", "'s", "’s"))
        and word not in _NOT_PLURAL
        and word not in _FUNCTION_WORDS
    )


def number_value(written: str) -> float | None:
    """Return the value of one number written alone, in digits ("12", "1,200", "2.5") or in words
    ("seven", "twenty-one", "twenty one", "a dozen", "half a"); None when it is not one number."""
    word = " ".join(written.lower().replace("-", " ").split())
    if word in ("a half", "half a"):
        return 0.5
    value, end = _parse_words(word, 0, len(word))
    if value is not None and end == len(word) and word not in ("a", "an"):
        return value
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


class Amount(NamedTuple):
    """A value written alone, in the one scale its unit family is compared in."""

    value: float
    family: str
    """"s" for a length of time (the value in seconds), "%" for a percentage, "pp" for percentage
    points, "x" for a multiplier, the currency sign for money, "" for a plain count."""


# Seconds in each time unit above that has a fixed length, by its lowercased singular name. Units of
# effort ("person-days") and sprints have none.
_SECONDS = {
    "ns": 1e-9,
    "nanosecond": 1e-9,
    "µs": 1e-6,
    "μs": 1e-6,
    "microsecond": 1e-6,
    "ms": 0.001,
    "millisecond": 0.001,
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hour": 3600.0,
    "day": 86400.0,
    "wk": 604800.0,
    "week": 604800.0,
    "fortnight": 1_209_600.0,
    # A month and a year of the Julian calendar's average length: 30.4375 and 365.25 days.
    "mo": 2_629_800.0,
    "month": 2_629_800.0,
    "quarter": 7_889_400.0,
    "yr": 31_557_600.0,
    "year": 31_557_600.0,
    "decade": 315_576_000.0,
    "century": 3_155_760_000.0,
}
# The scale letters and words read after a number, in any case: written alone, "$5m" and "2.5K"
# leave no doubt that the letter scales the number.
_AMOUNT_SCALES = {
    name.lower(): value for name, value in (_GLUED_SCALE_VALUE | _WORD_SCALE_VALUE).items()
}
_AMOUNT = re.compile(
    r"(?P<cur>[$€£¥₹])?\s?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<rest>.*?)\s*",
    re.DOTALL,
)


def read_amount(written: str) -> Amount | None:
    """Return the amount of one value written alone in digits, in the common scale of its unit family,
    so that two values of one family compare: "2.4 s" and "900 ms" as 2.4 and 0.9 seconds, "$2m" as
    2000000 dollars, "40%" as 40 percent and "5 percentage points" as 5 points, "3x" as a multiplier of
    3, "1,200" or "12k" as a count. None when the value is not one number with at most one unit, or
    its unit is of another family (a length, a mass, a data size) or has no fixed length ("3 sprints").

    A percent or multiplier sign says what the amount is even after a currency sign; a currency sign
    makes the amount money whatever unit follows, as in `find_quantities`.
    """
    match = _AMOUNT.fullmatch(written.strip())
    if match is None:
        return None
    amount = number_value(match.group("num"))
    if amount is None:
        return None
    currency = match.group("cur") or ""
    rest = match.group("rest")
    unit = _whole_unit(rest)
    if unit is not None and unit.dim == _PERCENT:
        name = fold(unit.name)
        if name.startswith("percentage") or name in ("pp", "p.p."):
            return Amount(amount, "pp")
        if name.startswith("basis"):
            return Amount(amount / 100, "pp")
        return Amount(amount / 10 if name == "‰" else amount, "%")
    if rest and _MULT_SUFFIX.fullmatch(rest):
        return Amount(amount, "x")
    scale = _AMOUNT_SCALES.get(fold(rest))
    if scale is not None:
        amount *= scale
        rest = ""
    if currency:
        return Amount(amount, currency)
    if not rest:
        return Amount(amount, "")
    if unit is None or unit.dim != _TIME:
        return None
    seconds = _SECONDS.get(fold(unit.name)) or _SECONDS.get(_singular(fold(unit.name)))
    return None if seconds is None else Amount(amount * seconds, "s")


def _singular(name: str) -> str:
    """Return a unit name without its plural ending ("hours", "centuries")."""
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") else name


def _whole_unit(written: str) -> _Unit | None:
    """Return the unit that is all of `written` ("ms", "percentage points"), if any. A symbol whose
    case names no unit is read in lowercase: written alone, "5 MS" can only mean milliseconds."""
    folded = fold(written)
    for form in (written,) if folded == written else (written, folded):
        unit = _unit_at(form, 0) if form else None
        if unit is not None and len(unit.name) == len(form):
            return unit
    return None


def _number_value(word: str) -> float | None:
    """Return the value of a short number written in digits or as one word."""
    word = word.replace(",", "").lower()
    if word.isdigit():
        return float(word)
    if word in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[word])
    return 100.0 if word == "hundred" else None


def _year_or_count(text: str, raw: _Raw) -> _Raw:
    """Return a bare four-digit number in 1800-2099 as a date unless it plainly counts something."""
    before = text[max(0, raw.start - 20) : raw.start]
    if raw.kind == "count" and not _DATE_CUE.search(before):
        return raw
    return replace(raw, kind="date", bare=False)


def _words(text: str, match: re.Match[str]) -> _Raw | None:
    """Return the quantity that starts with a spelled-out number ("five metres", "a dozen")."""
    start = match.start()
    value, end = _parse_words(text, start, match.end())
    if value is None:
        return None
    surface = text[start:end].lower()
    fraction = _FRACTION_TAIL.match(text, end)
    kind = "number"
    if fraction:
        den_word = fraction.group("den")
        if den_word is None:
            value += 0.5
            end = fraction.end()
        elif surface not in ("a", "an") and not (
            den_word.startswith("quarter") and not _OF.match(text, fraction.end())
        ):
            value /= _FRACTION_WORDS[den_word.lower()]
            end = fraction.end()
            kind = "fraction"
    if text[end : end + 1] == "-" and not _hyphen_unit_follows(text, end):
        return None  # "two-way", "one-off", "one-on-one"
    if surface in ("one", "zero") and kind == "number":
        # "one" is far more often a pronoun ("the one I built", "one of the hardest") than a count;
        # keep it only with a unit ("one week")
        raw = _extend(text, start, end, value, kind)
        if raw is None or (surface == "one" and raw.kind in ("number", "count")):
            return None
        if (
            surface == "one"
            and raw.kind == "duration"
            and not _ONE_DURATION_CUE.search(text, 0, start)
        ):
            return None  # "One day, ...", "one time": idioms; "within one week" is a duration
        return raw
    return _extend(text, start, end, value, kind, scaled=value >= 1000)


def _hyphen_unit_follows(text: str, end: int) -> bool:
    """Return True when "-" after a spelled-out number leads to a unit ("three-month")."""
    unit = _unit_at(text, end + 1)
    return unit is not None and unit.word


def _parse_words(text: str, start: int, end: int) -> tuple[float | None, int]:
    """Return the value of the longest well-formed spelled-out number in text[start:end], and its end."""
    total = 0.0
    current = 0.0
    best: tuple[float | None, int] = (None, start)
    last_kind = ""  # "unit", "tens", "scale", "and"
    seen_any = False
    for token in _WORD_TOKEN.finditer(text, start, end):
        word = token.group().lower()
        if word in ("and", "&", ","):
            if last_kind != "scale":
                break
            last_kind = "and"
            continue
        if word in ("a", "an"):
            if seen_any:
                break
            current = 1.0
            last_kind = "article"
            continue
        parts = word.split("-")
        if parts[0] in TENS_NUMBERS:
            if last_kind in ("unit", "tens"):
                break
            current += TENS_NUMBERS[parts[0]] + (
                SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0
            )
            last_kind = "unit" if len(parts) > 1 else "tens"
        elif word in SMALL_NUMBERS:
            if last_kind == "unit" or (last_kind == "tens" and SMALL_NUMBERS[word] >= 10):
                break
            if last_kind == "tens" and SMALL_NUMBERS[word] == 0:
                break
            current += SMALL_NUMBERS[word]
            last_kind = "unit"
        elif word in _SCALES or word in _DOZEN:
            factor = _SCALES.get(word) or _DOZEN[word]
            if last_kind not in ("unit", "tens", "article", "scale"):
                break
            if current == 0:
                current = 1.0
            if factor == 100:
                current *= 100
            else:
                total += current * factor
                current = 0
            last_kind = "scale"
        else:
            break
        seen_any = True
        best = (total + current, token.end())
    if best[0] is None:
        return None, start
    return best


def _word_multiplier(text: str, match: re.Match[str]) -> _Raw | None:
    """Return "twice", "doubled", "tenfold" and kin as multipliers ("twice a week" is a count)."""
    word = match.group().lower()
    value = _WORD_MULTIPLIERS[word]
    end = match.end()
    if word in ("twice", "thrice"):
        freq = _FREQUENCY.match(text, end)
        if freq:
            return _Raw(match.start(), freq.end(), "count", value, "times", False)
        if not _COMPARATIVE.match(text, end):
            return _Raw(match.start(), end, "count", value, "times", False)
    return _Raw(match.start(), end, "multiplier", value, "multiplier", False)


# ---------------------------------------------------------------------------------------------------
# Ranges, changes and uncertainties.


def _join(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Return `raws` with ranges, changes and "±" uncertainties joined into single quantities."""
    out: list[_Raw] = []
    k = 0
    while k < len(raws):
        current = raws[k]
        k += 1
        joins = 0
        while k < len(raws):
            joined = _try_join(text, current, raws[k])
            # only a chain of changes goes on joining: "1% → 10% → 50% → 100%"
            if joined is None or (joins and not (current.kind == joined.kind == "change")):
                break
            current = joined
            k += 1
            joins += 1
        out.append(current)
    return out


def _try_join(text: str, first: _Raw, second: _Raw) -> _Raw | None:
    """Return the two quantities joined when the words between them make one quantity of them."""
    gap = text[first.end : second.start]
    if len(gap) > 20 or first.value is None or second.value is None:
        return None
    before = text[max(0, first.start - 80) : first.start]
    if _UNCERTAINTY_GAP.fullmatch(gap) and (first.bare or first.dim == second.dim):
        return _Raw(first.start, second.end, second.kind, first.value, second.dim, second.bare)
    if (
        first.kind == "date"
        and second.kind in ("date", "number", "count")
        and _RANGE_GAP.fullmatch(gap)
    ):
        if second.kind == "date" or (second.value < 100 and second.end - second.start == 2):
            return _Raw(first.start, second.end, "date", first.value, None, False)
        return None
    if not _compatible(first, second):
        return None
    from_before = _FROM.search(before)
    is_change = bool(
        _CHANGE_GAP.fullmatch(gap) and not gap.strip().startswith("to") and gap.strip()
    )
    if from_before and _CHANGE_GAP.fullmatch(gap):
        head = before[: from_before.start()]
        if _CHANGE_VERB.search(head) and not _RANGE_WORD.search(before):
            is_change = True
    if is_change:
        return _Raw(first.start, second.end, "change", second.value, second.dim, False)
    between = _BETWEEN.search(before)
    if between and _BETWEEN_GAP.fullmatch(gap):
        value = (first.value + second.value) / 2
        start = first.start - (len(before) - between.start())
        return _Raw(start, second.end, second.kind, value, second.dim, second.bare)
    if _RANGE_GAP.fullmatch(gap):
        if "-" in gap and gap.strip() == "-" and first.end - first.start > 6 and second.bare:
            return None  # "555-1234" style strings are identifiers, not ranges
        value = (first.value + second.value) / 2
        return _Raw(first.start, second.end, second.kind, value, second.dim, second.bare)
    return None


def _compatible(first: _Raw, second: _Raw) -> bool:
    """Return True when two quantities can be the ends of one range or change."""
    if first.kind == "date" or second.kind == "date":
        return False
    if first.bare:
        return second.kind != "fraction"
    return first.dim is not None and first.dim == second.dim


# ---------------------------------------------------------------------------------------------------
# Judging a quantity in context.

_BASELINE_CUE = re.compile(
    r"\b(?:from\s+(?:about\s+|around\s+|roughly\s+|just\s+)?[~$€£¥]?\d|compared\s+(?:with|to)|relative\s+to|up\s+from|down\s+from|baseline|before|vs\.?|versus"
    r"|previously|prior|used\s+to|than|year[- ]over[- ]year|yoy|month[- ]over[- ]month|last\s+year"
    r"|the\s+previous|the\s+old|originally|initially)\b",
    re.IGNORECASE,
)


def is_striking(q: Quantity) -> bool:
    """Return True for a claim so large that an interviewer would ask for its baseline (400%, 10x)."""
    if q.value is None:
        return False
    if q.kind == "percent":
        return abs(q.value) >= 300
    if q.kind == "multiplier":
        return q.value >= 10
    return False


def has_baseline(text: str, q: Quantity, quantities: Sequence[Quantity] | None = None) -> bool:
    """Return True when `q` is a before→after change or a baseline is stated near it in its sentence.

    Pass `quantities` (what `find_quantities(text)` returned) to spare a second scan of the text.
    """
    if q.kind == "change":
        return True
    lo = max(0, q.span.start - 80)
    hi = min(len(text), q.span.end + 80)
    window = list(text[lo:hi])
    if quantities is None:
        found = find_quantities(text[lo:hi])
        changes = [Span(c.span.start + lo, c.span.end + lo) for c in found if c.kind == "change"]
    else:
        changes = [c.span for c in quantities if c.kind == "change"]
    for other in changes:
        # a "from X to Y" elsewhere in the sentence is the baseline of that change, not of this number
        start, end = max(other.start, lo) - lo, min(other.end, hi) - lo
        if start < end:
            window[start:end] = " " * (end - start)
    masked = "".join(window)
    before = masked[: q.span.start - lo]
    after = masked[q.span.end - lo :]
    # stay inside the sentence: cut at the nearest sentence end on each side
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    if cut >= 0:
        before = before[cut + 1 :]
    stop = _SENTENCE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    return bool(_BASELINE_CUE.search(before) or _BASELINE_CUE.search(after))
