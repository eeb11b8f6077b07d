"""Consistency between answers and a story: facts stated in text, and the ones that contradict.

An interviewer who hears "a team of six" in one answer and "we were four engineers" in the next stops
trusting the numbers. `extract_facts` finds the facts people restate about one piece of work: team size,
the people the speaker managed, the speaker's role, when the work started and ended, how long it took,
and measured changes ("cut p95 latency from 2.4 s to 900 ms", "churn fell by 8%"). `compare_facts` and
`find_contradictions` report the clear contradictions with both spans.

Precision comes first, as everywhere in starcoach. Facts are only read from phrasings that leave no doubt
about what the number measures; two facts are only compared when they are the same kind of fact about the
same subject; and a fact only contradicts the reference when it agrees with none of the reference's facts
of that kind and subject (a story may mention its own team and a larger department). Hedged values
("about six") get a wider tolerance. Pure: text in, facts out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from starcoach.analysis.features.actor_words import CLOSE_GROUPS
from starcoach.analysis.features.numbers import (
    SMALL_NUMBERS,
    TENS_NUMBERS,
    number_value,
    read_amount,
)
from starcoach.analysis.report import Contradiction, Span
from starcoach.analysis.text import NON_SPACE_RUN

__all__ = [
    "Contradiction",
    "Fact",
    "Reference",
    "compare_facts",
    "extract_facts",
    "find_contradictions",
]

FACT_KINDS = ("team_size", "reports", "role", "period", "start", "end", "duration", "change")
"""Every kind of fact `extract_facts` returns."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact stated in a text: its kind, what it is about, its value and where it is written.

    `numbers` holds the value in comparable units: people for sizes, years for dates, days for
    durations; for a change, (before, after) or the signed amount, in `unit`.
    """

    kind: str
    subject: str
    value: str
    span: Span
    numbers: tuple[float, ...] = ()
    unit: str = ""
    approximate: bool = False
    shape: str = ""
    """For a change: "from_to" (before and after given) or "by" (the amount of change)."""


# ---------------------------------------------------------------------------------------------------
# Patterns with keywords: a pattern runs only when one of its words occurs in the lowercased text.
# Most texts lack most keywords, so this skips most of the scanning and keeps extraction fast.

_KEYWORDS: dict[re.Pattern[str], tuple[str, ...]] = {}


def _rx(pattern: str, *keywords: str) -> re.Pattern[str]:
    compiled = re.compile(pattern, re.IGNORECASE)
    if keywords:
        _KEYWORDS[compiled] = keywords
    return compiled


def _finditer(pattern: re.Pattern[str], text: str, low: str) -> Iterable[re.Match[str]]:
    keywords = _KEYWORDS.get(pattern)
    if keywords is not None and not any(k in low for k in keywords):
        return ()
    return pattern.finditer(text)


# ---------------------------------------------------------------------------------------------------
# Numbers.

# What a fact's number may look like; `number_value` (the analyzer's one number parser) reads it.
_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(TENS_NUMBERS)
    + r")(?:[- ](?:"
    + "|".join(list(SMALL_NUMBERS)[1:10])
    + r"))?"
    r"|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r"|a dozen|a half|half a)"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|" + _WORD_NUMBER
_HEDGE = r"(?:(?:about|around|roughly|nearly|almost|approximately|some|over|under|close to|more than|less than|just over|just under)\s+)"


def _fmt(value: float) -> str:
    return f"{value:g}"


# ---------------------------------------------------------------------------------------------------
# Team size and reports.

_PEOPLE = r"(?:people|persons|engineers|developers|devs|members|folks|designers|analysts|scientists|researchers|testers|contractors)"
# Staff of every line of work, for "managed eight pickers" and "led six nurses".
_STAFF = (
    r"(?:engineers|developers|people|designers|analysts|scientists|direct\s+reports|reports|staff|nurses"
    r"|carers|teachers|assistants|agents|drivers|pickers|packers|operatives|technicians|apprentices"
    r"|volunteers|cashiers|waiters|servers|chefs|cooks|officers|advisers|advisors|reps|consultants"
    r"|associates|workers|employees|supervisors|managers|team\s+leads|coordinators|administrators"
    r"|clerks|caseworkers|social\s+workers|paramedics|midwives|electricians|plumbers|joiners|fitters)"
)
_TEAM_PATTERNS = (
    _rx(rf"\bteam\s+of\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\b", "team of"),
    _rx(
        rf"\bteam\s+(?:was|is|had|has|consisted\s+of|numbered)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+{_PEOPLE}?\b",
        "team ",
    ),
    _rx(
        rf"\b(?:we\s+were|there\s+were)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?:of\s+us|{_PEOPLE}\s+on\s+the\s+team)\b",
        "we were",
        "there were",
    ),
)
_REPORT_PATTERNS = (
    _rx(
        rf"\b(?:managed|manage|managing|led|lead|leading|supervised|supervise|supervising)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?:other\s+)?{_STAFF}\b",
        "manag",
        "led ",
        "lead",
        "supervis",
    ),
    # "each of my four reports", "I had three people reporting to me"
    _rx(
        rf"\b(?:my|all)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?:direct\s+)?reports\b",
        "reports",
    ),
    _rx(
        rf"\b(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?:\w+\s+)?{_STAFF}\s+reporting\s+(?:directly\s+)?(?:in\s+)?to\s+me\b",
        "reporting",
    ),
)
# Phrases where the number comes first ("a 5-person team", "4 direct reports") are found from the
# words after the number and then read backwards, which is far faster than trying a number at every
# position of the text.
_NUMBER_FIRST = (
    (
        "team_size",
        _rx(r"[- ](?:person|people|member|strong|engineer|developer)s?\s+team\b", "team"),
    ),
    # The lookbehind starts a match only at the first space of a run: without it, a long run of
    # spaces was tried from each of its positions, quadratic in the run's length.
    ("reports", _rx(r"(?<!\s)\s+direct\s+reports\b", "direct")),
)
_NUMBER_BEFORE = re.compile(rf"(?<![\w-])(?P<hedge>{_HEDGE})?(?P<n>{_NUM})$", re.IGNORECASE)


def _people_matches(text: str) -> Iterable[tuple[str, re.Match[str], int]]:
    low = text.lower()
    for kind, patterns in (("team_size", _TEAM_PATTERNS), ("reports", _REPORT_PATTERNS)):
        for pattern in patterns:
            for match in _finditer(pattern, text, low):
                yield kind, match, match.end()
    for kind, after in _NUMBER_FIRST:
        for match in _finditer(after, text, low):
            before = _NUMBER_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if before is not None:
                yield kind, before, match.end()


def _people(text: str) -> Iterable[Fact]:
    for kind, match, end in _people_matches(text):
        value = number_value(match.group("n"))
        if value is None or value < 1 or value != int(value) or value > 100_000:
            continue
        yield Fact(
            kind=kind,
            subject="team" if kind == "team_size" else "reports",
            value=_fmt(value),
            span=Span(match.start(), end),
            numbers=(value,),
            approximate=bool(match.group("hedge")),
        )


# ---------------------------------------------------------------------------------------------------
# Role.

# Each title maps to (family, level); families that differ are incompatible, as are two explicit
# seniority levels that differ. "Lead" titles carry no level: a tech lead can be any seniority.
_TITLES: dict[str, tuple[str, str]] = {
    "intern": ("intern", ""),
    "engineering intern": ("intern", ""),
    "software engineer": ("engineering", ""),
    "software developer": ("engineering", ""),
    "backend engineer": ("engineering", ""),
    "back-end engineer": ("engineering", ""),
    "frontend engineer": ("engineering", ""),
    "front-end engineer": ("engineering", ""),
    "full-stack engineer": ("engineering", ""),
    "fullstack engineer": ("engineering", ""),
    "mobile engineer": ("engineering", ""),
    "platform engineer": ("engineering", ""),
    "infrastructure engineer": ("engineering", ""),
    "site reliability engineer": ("engineering", ""),
    "sre": ("engineering", ""),
    "devops engineer": ("engineering", ""),
    "ml engineer": ("engineering", ""),
    "machine learning engineer": ("engineering", ""),
    "data engineer": ("engineering", ""),
    "qa engineer": ("engineering", ""),
    "engineer": ("engineering", ""),
    "developer": ("engineering", ""),
    "programmer": ("engineering", ""),
    "architect": ("engineering", ""),
    "software architect": ("engineering", ""),
    "tech lead": ("engineering", ""),
    "technical lead": ("engineering", ""),
    "lead engineer": ("engineering", ""),
    "lead developer": ("engineering", ""),
    "engineering manager": ("management", ""),
    "software engineering manager": ("management", ""),
    "development manager": ("management", ""),
    "director of engineering": ("management", "director"),
    "engineering director": ("management", "director"),
    "vp of engineering": ("management", "vp"),
    "head of engineering": ("management", "head"),
    "cto": ("management", "cto"),
    "product manager": ("product", ""),
    "product owner": ("product", ""),
    "product lead": ("product", ""),
    "group product manager": ("product", ""),
    "pm": ("product", ""),
    "program manager": ("program", ""),
    "project manager": ("program", ""),
    "technical program manager": ("program", ""),
    "designer": ("design", ""),
    "product designer": ("design", ""),
    "ux designer": ("design", ""),
    "ui designer": ("design", ""),
    "ux researcher": ("design", ""),
    "data scientist": ("data", ""),
    "data analyst": ("data", ""),
    "analyst": ("data", ""),
    "business analyst": ("data", ""),
    "research scientist": ("data", ""),
}
_LEVELS = {
    "junior": "junior",
    "jr": "junior",
    "jr.": "junior",
    "associate": "junior",
    "mid-level": "mid",
    "senior": "senior",
    "sr": "senior",
    "sr.": "senior",
    "staff": "staff",
    "principal": "principal",
}
_TITLE_ALT = "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True))
_LEVEL_ALT = "|".join(re.escape(level) for level in sorted(_LEVELS, key=len, reverse=True))
_TITLE_PHRASE = rf"(?P<title>(?:(?:{_LEVEL_ALT})\s+)?(?:{_TITLE_ALT}))"
_ROLE_TRIGGER = re.compile(
    r"\b(?:I\s+was|I'm|I\s+am|I\s+worked\s+as|I\s+joined\s+as|I\s+served\s+as|I\s+acted\s+as|"
    r"my\s+role\s+was|my\s+title\s+was|my\s+position\s+was|in\s+my\s+role\s+as|as)\s+"
    r"(?:(?:the|a|an|our|their|its)\s+)?(?:(?:team's|company's|project's)\s+)?(?:only\s+|sole\s+|lead\s+(?=\w+\s))?"
    + _TITLE_PHRASE
    + r"(?![\w-])",
    re.IGNORECASE,
)
_TITLE_ANYWHERE = re.compile(rf"(?<![\w-]){_TITLE_PHRASE}(?![\w-])", re.IGNORECASE)
# A role stated about another time ("now I'm a staff engineer") is not the role in the story.
_OTHER_TIME = re.compile(
    r"\b(?:now|today|currently|these\s+days|since\s+then|later|afterwards|promoted|became|become|"
    r"next|future|hope|want|would\s+like|aim|goal|before\s+that|previously|used\s+to)\b",
    re.IGNORECASE,
)
_BOUNDARY_MARKS = ".!?;\n"
_SENTENCE_BOUNDARY = re.compile(f"[{re.escape(_BOUNDARY_MARKS)}]")


def canonical_title(text: str) -> tuple[str, str, str] | None:
    """Return (title, family, level) for the first job title in `text`, or None when there is none."""
    match = _TITLE_ANYWHERE.search(text)
    return _title_parts(match.group("title")) if match else None


def _title_parts(raw: str) -> tuple[str, str, str]:
    words = " ".join(raw.lower().split())
    level = ""
    for written, canonical in _LEVELS.items():
        if words.startswith(written + " "):
            level = canonical
            words = words[len(written) + 1 :]
            break
    family, title_level = _TITLES.get(words, ("", ""))
    return (" ".join(raw.split()), family, level or title_level)


class _SpanSet:
    """Spans kept apart from each other, with an overlap test in log time (a list scanned on every test
    made a long story's extraction quadratic)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[Span] = []

    def overlaps(self, span: Span) -> bool:
        k = bisect_right(self._starts, span.start)
        return (k > 0 and self._spans[k - 1].overlaps(span)) or (
            k < len(self._spans) and self._spans[k].overlaps(span)
        )

    def add(self, span: Span) -> None:
        k = bisect_right(self._starts, span.start)
        self._starts.insert(k, span.start)
        self._spans.insert(k, span)


def _sentence_around(text: str, start: int, end: int) -> str:
    # The nearest boundary before `start`, found backwards: a scan from the text's start would make
    # every call cost the length of the text before it.
    left = max(text.rfind(mark, 0, start) for mark in _BOUNDARY_MARKS) + 1
    right_match = _SENTENCE_BOUNDARY.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


_TITLE_WORDS = tuple(sorted({title.split()[-1] for title in _TITLES}))


def _roles(text: str) -> Iterable[Fact]:
    low = text.lower()
    if not any(word in low for word in _TITLE_WORDS):
        return
    for match in _ROLE_TRIGGER.finditer(text):
        if _OTHER_TIME.search(_sentence_around(text, match.start(), match.end())):
            continue
        title, family, level = _title_parts(match.group("title"))
        if not family:
            continue
        yield Fact(
            kind="role",
            subject="role",
            value=title,
            span=Span(match.start("title"), match.end("title")),
            unit=family,
            shape=level,
        )


def role_fact(role: str, span: Span) -> Fact | None:
    """Return the role fact for a role field (e.g. "Senior backend engineer"), if it names a title."""
    match = _TITLE_ANYWHERE.search(role)
    if match is None:
        return None
    title, family, level = _title_parts(match.group("title"))
    if not family:
        return None
    start = span.start + match.start("title")
    return Fact(
        "role",
        "role",
        title,
        Span(start, start + len(match.group("title"))),
        (),
        family,
        False,
        level,
    )


# ---------------------------------------------------------------------------------------------------
# Dates and durations.

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WHEN = rf"(?:(?:early|late|mid|the\s+(?:spring|summer|autumn|fall|winter)\s+of)[- ]?\s*)?(?:{_MONTH}\s+)?"
_PERIOD_PATTERNS = (
    _rx(
        rf"\b(?:from|between)\s+{_WHEN}(?P<a>{_YEAR})\s*(?:to|and|until|till|through|-|–|—)\s*{_WHEN}(?P<b>{_YEAR}|present|now|today)\b",
        "from",
        "between",
    ),
    _rx(rf"(?<![\d-])(?P<a>{_YEAR})\s*(?:–|—|-|to)\s*(?P<b>{_YEAR})(?![\d-])"),
)
_STARTS = r"(?:started|began|begun|kicked\s+off|launched\s+the\s+project|took\s+(?:it|this|the\s+project)\s+on)"
_ENDS = (
    r"(?:launched|shipped|finished|completed|ended|delivered|went\s+live|wrapped\s+up|rolled\s+out)"
)
_NOT_PROJECT = re.compile(
    r"\b(?:career|job|company|school|university|college|degree|studies|role|position|internship)\b",
    re.IGNORECASE,
)
_START_WORDS = ("start", "began", "begun", "kicked", "took")
_END_WORDS = (
    "launch",
    "ship",
    "finish",
    "complet",
    "ended",
    "deliver",
    "live",
    "wrapped",
    "rolled",
)
_POINT_PATTERNS = (
    (
        "start",
        _rx(
            rf"\b{_STARTS}\b(?P<gap>[^.!?;\n]{{0,40}}?)\bin\s+{_WHEN}(?P<y>{_YEAR})\b",
            *_START_WORDS,
        ),
    ),
    (
        "end",
        _rx(rf"\b{_ENDS}\b(?P<gap>[^.!?;\n]{{0,40}}?)\bin\s+{_WHEN}(?P<y>{_YEAR})\b", *_END_WORDS),
    ),
    (
        "start",
        _rx(
            rf"\bin\s+{_WHEN}(?P<y>{_YEAR}),?\s+(?P<gap>(?:I|we|the\s+team)\s+(?:\w+\s+)?){_STARTS}\b",
            *_START_WORDS,
        ),
    ),
    (
        "end",
        _rx(
            rf"\bin\s+{_WHEN}(?P<y>{_YEAR}),?\s+(?P<gap>(?:I|we|the\s+team)\s+(?:\w+\s+)?){_ENDS}\b",
            *_END_WORDS,
        ),
    ),
)

_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "quarter": 91.3, "year": 365.25}
_WORK = r"(?:project|job|migration|rollout|roll-out|rewrite|effort|initiative|programme|program|launch|build|work|redesign|overhaul|engagement)"
_DURATION_PATTERNS = (
    _rx(
        rf"\b(?:the|this|that|our|my|whole|entire)\s+(?:\w+\s+){{0,2}}(?P<subject>{_WORK})\s+(?:took|lasted|ran\s+for|spanned|ran\s+over)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?P<unit>day|week|month|quarter|year)s?\b",
        "took",
        "lasted",
        "ran ",
        "spanned",
    ),
    _rx(
        rf"\b(?:a|an|the|our|this|that)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})[- ](?P<unit>day|week|month|quarter|year)[- ](?:long\s+)?(?:\w+\s+)?(?P<subject>{_WORK})\b",
        "day",
        "week",
        "month",
        "quarter",
        "year",
    ),
)


def _year(value: str) -> float | None:
    return None if value.lower() in ("present", "now", "today") else float(value)


def _dates(text: str) -> Iterable[Fact]:
    low = text.lower()
    taken = _SpanSet()
    for pattern in _PERIOD_PATTERNS:
        for match in _finditer(pattern, text, low):
            span = Span(match.start(), match.end())
            if taken.overlaps(span):
                continue
            start, end = float(match.group("a")), _year(match.group("b"))
            if end is not None and end < start:
                continue
            if _NOT_PROJECT.search(_sentence_around(text, match.start(), match.end())):
                continue
            taken.add(span)
            shown = f"{_fmt(start)} to {_fmt(end) if end is not None else 'present'}"
            numbers = (start,) if end is None else (start, end)
            yield Fact("period", "project", shown, span, numbers)
    for kind, pattern in _POINT_PATTERNS:
        for match in _finditer(pattern, text, low):
            span = Span(match.start(), match.end())
            if taken.overlaps(span) or _NOT_PROJECT.search(match.group("gap")):
                continue
            taken.add(span)
            year = float(match.group("y"))
            yield Fact(kind, "project", _fmt(year), span, (year,))


def _durations(text: str) -> Iterable[Fact]:
    low = text.lower()
    for pattern in _DURATION_PATTERNS:
        for match in _finditer(pattern, text, low):
            value = number_value(match.group("n"))
            if value is None or value <= 0:
                continue
            unit = match.group("unit").lower()
            subject = _lemma(match.group("subject").lower().replace("roll-out", "rollout"))
            if subject == "programme":
                subject = "program"
            shown = f"{_fmt(value)} {unit}{'' if value == 1 else 's'}"
            yield Fact(
                "duration",
                subject,
                shown,
                Span(match.start(), match.end()),
                (value * _DAYS[unit],),
                "days",
                bool(match.group("hedge")),
            )


# ---------------------------------------------------------------------------------------------------
# Measured changes.

_DOWN = r"(?:cut|cutting|reduced|reducing|lowered|decreased|dropped|brought\s+down|shrank|shrunk|trimmed|slashed)"
_UP = r"(?:increased|increasing|raised|grew|growing|boosted|lifted|improved|improving|doubled|tripled|quadrupled)"
_FELL = (
    r"(?:fell|dropped|went\s+down|decreased|declined|shrank|came\s+down|was\s+cut|was\s+reduced)"
)
_ROSE = r"(?:rose|grew|went\s+up|increased|jumped|climbed|improved|was\s+raised|doubled|tripled)"
# What a value in a change phrase may look like; `read_amount` reads it into its unit family's scale.
_VALUE = (
    r"(?:[$£€]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?"
    r"(?:%|percent(?:age\s+points)?|x|ms|milliseconds?|secs?|seconds?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|k|m|million|thousand|bn|billion)?"
    r"(?![\w%])"
)
_SUBJECT_WORD = r"[A-Za-z][\w\-/]*|p\d{2}"
_STOP = frozenset(
    """a an the our their its my his her your this that these those and or but so then which who
    also by from to of in on at for with we i they it was were is are be been has have had our
    total overall average mean median""".split()
)
# A change is read around its "by" or "from": the amount follows the anchor, and the verb and the
# subject come before it ("cut p95 latency | by 40%", "churn fell | from 9% to 2%"). Looking back from
# the few anchors is much faster than trying a verb at every position of the text.
_ANCHOR = re.compile(r"\b(?:by|from)\s", re.IGNORECASE)
_TAIL = re.compile(
    rf"(?:by\s+(?P<hedge>{_HEDGE})?(?P<by>{_VALUE}))"
    rf"|(?:from\s+(?P<before>{_VALUE})\s+(?:to|down\s+to|up\s+to)\s+(?P<after>{_VALUE}))",
    re.IGNORECASE,
)
_VERB_FIRST_RE = re.compile(rf"(?:{_DOWN}|{_UP})", re.IGNORECASE)
_NEUTRAL = r"(?:went|moved|changed|shifted)"
_VERB_AFTER_RE = re.compile(rf"(?:{_FELL}|{_ROSE}|{_NEUTRAL})", re.IGNORECASE)
_NEUTRAL_RE = re.compile(_NEUTRAL, re.IGNORECASE)
_SUBJECT_TOKEN = re.compile(r"(?:[A-Za-z][\w\-/]*|p\d{2})")
_DETERMINERS = frozenset({"the", "our", "their", "its", "my"})
_LOOKBACK = 80
_DOWN_RE = re.compile(rf"^(?:{_DOWN}|{_FELL})$", re.IGNORECASE)
_MULTIPLIER_VERBS = {"doubled": 100.0, "tripled": 200.0, "quadrupled": 300.0}


def _lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _subject_key(raw: str) -> tuple[str, int]:
    """Return the subject's key and where its first kept word starts in `raw`.

    Only the last run of words that are not function words is kept: "and then p95 latency" gives
    "p95 latency".
    """
    words = list(NON_SPACE_RUN.finditer(raw))
    kept: list[re.Match[str]] = []
    for word in reversed(words):
        if word.group().lower() in _STOP:
            break
        kept.append(word)
    kept.reverse()
    if not kept:
        return "", len(raw)
    return " ".join(_lemma(w.group().lower()) for w in kept), kept[0].start()


@dataclass(frozen=True, slots=True)
class _Head:
    """The verb and subject read backwards from a change's "by" or "from"."""

    verb: str
    subject: str
    start: int
    verb_first: bool


def _head(tokens: list[re.Match[str]]) -> _Head | None:
    words = [t.group() for t in tokens]
    # Verb first: "cut (the) p95 latency | by ...", with one to three subject words.
    for size in (1, 2, 3):
        if size >= len(words):
            break
        subject = words[-size:]
        if not all(_SUBJECT_TOKEN.fullmatch(w) for w in subject):
            break
        rest = len(words) - size
        if words[rest - 1].lower() in _DETERMINERS:
            rest -= 1
        for verb_size in (2, 1):
            if rest - verb_size < 0:
                continue
            verb = " ".join(words[rest - verb_size : rest])
            if _VERB_FIRST_RE.fullmatch(verb):
                return _Head(verb, " ".join(subject), tokens[rest - verb_size].start(), True)
    # Subject first: "p95 latency fell | by ...".
    for verb_size in (2, 1):
        if verb_size >= len(words):
            continue
        verb = " ".join(words[-verb_size:])
        if not _VERB_AFTER_RE.fullmatch(verb):
            continue
        subject_tokens: list[re.Match[str]] = []
        for token in reversed(tokens[: len(tokens) - verb_size][-3:]):
            if not _SUBJECT_TOKEN.fullmatch(token.group()):
                break
            subject_tokens.insert(0, token)
        if subject_tokens:
            written = " ".join(t.group() for t in subject_tokens)
            return _Head(verb, written, subject_tokens[0].start(), False)
    return None


def _change_matches(text: str) -> Iterable[tuple[_Head, re.Match[str]]]:
    """Yield (head, tail) for each change phrase: the verb and subject, then the amount."""
    for anchor in _ANCHOR.finditer(text):
        tail = _TAIL.match(text, anchor.start())
        if tail is None:
            continue
        start = max(0, anchor.start() - _LOOKBACK)
        tokens = list(NON_SPACE_RUN.finditer(text, start, anchor.start()))
        head = _head(tokens[1:] if anchor.start() > _LOOKBACK else tokens)
        if head is not None:
            yield head, tail


def _changes(text: str) -> Iterable[Fact]:
    seen = _SpanSet()
    for head, match in _change_matches(text):
        subject, offset = _subject_key(head.subject)
        if not subject:
            continue
        start = head.start if head.verb_first else head.start + offset
        span = Span(start, match.end())
        if seen.overlaps(span):
            continue
        verb = " ".join(head.verb.lower().split())
        down = bool(_DOWN_RE.match(verb))
        if match.group("by"):
            if _NEUTRAL_RE.fullmatch(verb):
                continue  # "went by 10%" says nothing about the direction
            measured = read_amount(match.group("by"))
            if measured is None or measured.family == "x":
                continue
            signed = -measured.value if down else measured.value
            fact = Fact(
                "change",
                subject,
                match.group("by").strip(),
                span,
                (signed,),
                measured.family,
                bool(match.group("hedge")),
                "by",
            )
        else:
            before = read_amount(match.group("before"))
            after = read_amount(match.group("after"))
            if before is None or after is None:
                continue
            # "from 2.4 seconds to 900 ms": the units must be of one family to compare.
            unit = before.family or after.family
            if before.family and after.family and before.family != after.family:
                continue
            shown = f"{match.group('before').strip()} to {match.group('after').strip()}"
            numbers = (before.value, after.value)
            fact = Fact("change", subject, shown, span, numbers, unit, False, "from_to")
        seen.add(span)
        yield fact
    for match in re.finditer(
        rf"\b(?P<verb>doubled|tripled|quadrupled)\s+(?:(?:the|our|their|its|my)\s+)?(?P<subject>(?:(?:{_SUBJECT_WORD})\s+){{0,2}}(?:{_SUBJECT_WORD}))\b(?!\s+(?:by|from))",
        text,
        re.IGNORECASE,
    ):
        subject, _ = _subject_key(match.group("subject"))
        span = Span(match.start(), match.end())
        if not subject or seen.overlaps(span):
            continue
        pct = _MULTIPLIER_VERBS[match.group("verb").lower()]
        seen.add(span)
        yield Fact("change", subject, match.group("verb").lower(), span, (pct,), "%", False, "by")


# ---------------------------------------------------------------------------------------------------
# Public API.


_HAS_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_HAS_DURATION = re.compile(r"(?:day|week|month|quarter|year)", re.IGNORECASE)
_HAS_CHANGE = re.compile(r"\b(?:by|from|doubled|tripled|quadrupled)\b", re.IGNORECASE)
_HAS_PEOPLE = re.compile(r"team|of us|report|manag|led\b|lead", re.IGNORECASE)


def extract_facts(text: str) -> tuple[Fact, ...]:
    """Return every fact stated in `text`, in order of position."""
    # Cheap keyword checks skip whole families of patterns that cannot match.
    facts = list(_roles(text))
    if _HAS_PEOPLE.search(text):
        facts.extend(_people(text))
    if _HAS_YEAR.search(text):
        facts.extend(_dates(text))
    if _HAS_DURATION.search(text):
        facts.extend(_durations(text))
    if _HAS_CHANGE.search(text):
        facts.extend(_changes(text))
    facts.sort(key=lambda f: (f.span.start, f.span.end, f.kind))
    return tuple(facts)


def same_subject(a: str, b: str) -> bool:
    """Return True when two subjects name the same thing ("p95 latency" and "latency" do)."""
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b or words_a[-1] != words_b[-1]:
        return False
    shorter, longer = sorted((set(words_a), set(words_b)), key=len)
    return shorter <= longer


def _close(a: float, b: float, relative: float, absolute: float = 0.0) -> bool:
    return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))


def compatible(fact: Fact, other: Fact) -> bool:
    """Return True when two facts of the same kind and subject can both be true."""
    loose = fact.approximate or other.approximate
    if fact.kind in ("team_size", "reports"):
        if loose:
            return _close(fact.numbers[0], other.numbers[0], 0.25, 1.0)
        return fact.numbers[0] == other.numbers[0]
    if fact.kind == "role":
        if fact.unit != other.unit:
            return False
        return not (fact.shape and other.shape and fact.shape != other.shape)
    if fact.kind in ("period", "start", "end"):
        return _dates_compatible(fact, other)
    if fact.kind == "duration":
        ratio = 2.0 if loose else 1.5
        low, high = sorted((fact.numbers[0], other.numbers[0]))
        return high <= low * ratio
    if fact.kind == "change":
        return _changes_compatible(fact, other)
    return True


def _range(fact: Fact) -> tuple[float, float]:
    if fact.kind == "period":
        return fact.numbers[0], fact.numbers[1] if len(fact.numbers) > 1 else 9999.0
    return fact.numbers[0], fact.numbers[0]


def _dates_compatible(fact: Fact, other: Fact) -> bool:
    if fact.kind == other.kind and fact.kind in ("start", "end"):
        return fact.numbers[0] == other.numbers[0]
    if fact.kind == "period" and other.kind == "period":
        # An open period ("2021 to present") agrees with any end at or after its start.
        a, b = _range(fact), _range(other)
        if len(fact.numbers) == 1 or len(other.numbers) == 1:
            return a[0] == b[0]
        return a == b
    point, period = (fact, other) if fact.kind != "period" else (other, fact)
    if period.kind != "period":
        return True  # a start and an end say nothing against each other
    low, high = _range(period)
    year = point.numbers[0]
    if point.kind == "start":
        return year == low
    return year == high or (len(period.numbers) == 1 and year >= low)


def _changes_compatible(fact: Fact, other: Fact) -> bool:
    loose = fact.approximate or other.approximate
    tolerance = 0.25 if loose else 0.1
    if fact.shape == other.shape == "from_to":
        if fact.unit and other.unit and fact.unit != other.unit:
            return True
        return all(
            _close(x, y, tolerance) for x, y in zip(fact.numbers, other.numbers, strict=True)
        )
    if fact.shape == other.shape == "by":
        if fact.unit != other.unit:
            return True  # "by 40%" and "by 300 ms" can both be true
        return _close(fact.numbers[0], other.numbers[0], tolerance)
    by, span = (fact, other) if fact.shape == "by" else (other, fact)
    before, after = span.numbers
    if by.unit == "%":
        if before == 0:
            return True
        derived = (after - before) / before * 100.0
        return _close(derived, by.numbers[0], tolerance, 5.0)
    if by.unit == "pp" and span.unit == "%":
        return _close(after - before, by.numbers[0], tolerance, 0.5)
    if by.unit == span.unit:
        return _close(after - before, by.numbers[0], tolerance)
    return True


def _related(fact: Fact, other: Fact) -> bool:
    dates = ("period", "start", "end")
    if fact.kind in dates and other.kind in dates:
        return True
    return fact.kind == other.kind and same_subject(fact.subject, other.subject)


def compare_facts(facts: Sequence[Fact], reference: Sequence[Fact]) -> list[Contradiction]:
    """Return a contradiction for each fact that agrees with none of the related reference facts."""
    found: list[Contradiction] = []
    for fact in facts:
        related = [r for r in reference if _related(fact, r)]
        # Dates only compare with dates that bear on them (a start says nothing about an end).
        if fact.kind in ("start", "end"):
            related = [r for r in related if r.kind in (fact.kind, "period")]
        elif fact.kind == "period":
            related = [r for r in related if r.kind == "period" or r.kind in ("start", "end")]
        if not related or any(compatible(fact, r) for r in related):
            continue
        first = related[0]
        found.append(
            Contradiction(
                kind=fact.kind if fact.kind not in ("start", "end", "period") else "dates",
                subject=fact.subject,
                span=fact.span,
                reference_span=first.span,
                value=fact.value,
                reference_value=first.value,
            )
        )
    return found


@dataclass(frozen=True)
class Reference:
    """What an answer must agree with: a text and the facts it states (spans into `text`).

    A story's structured fields (team size, dates, role) give facts that prose extraction cannot, so the
    story bank builds its Reference directly; plain text becomes one with `Reference.of`.
    """

    text: str
    facts: tuple[Fact, ...]

    @classmethod
    def of(cls, text: str) -> Reference:
        """Return the reference for plain text (an earlier answer), its facts extracted from the prose."""
        return cls(text, extract_facts(text))


_OF_US = _rx(rf"\b(?:the|all)\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+of\s+us\b", "of us")

# The speaker's own group, told in other ways than "a team of six". Each reading has a shape that says
# how it may meet the others (see `_self_compatible`):
# - "crew": a group the speaker runs, named by a group noun ("I ran a crew of four", "my squad of ten");
# - "members": some of the speaker's people ("my eight agents", "all eight of my carers"), never more
#   than the whole team, though they may be fewer;
# - "exact": the whole of who did the work ("it was just me and one other developer");
# - "solo": the speaker alone ("I was working on my own on that job");
# - "pair": the speaker and one of their people together ("my apprentice and I worked late").
_STAFF_WORD = re.compile(_STAFF)
# People the speaker answers to: working with one of them is no sign of the speaker's own group.
_ABOVE_SPEAKER = re.compile(r"(?:manager|supervisor|director|consultant|team\s+lead|coordinator)")
_GROUP_NOUNS = "|".join(sorted((CLOSE_GROUPS - {"team", "lab"}) | {"gang", "shift"}))
_OWN_GROUP = _rx(
    rf"\b(?:my|our|(?:ran|led|run|lead|running|leading|managed|had)\s+an?)\s+(?:\w+\s+)?(?:{_GROUP_NOUNS})"
    rf"\s+of\s+(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\b",
    " of ",
)
_MY_PEOPLE = _rx(
    rf"\b(?:(?:all|each\s+of|every\s+one\s+of)\s+(?P<hedge2>{_HEDGE})?(?P<n2>{_NUM})\s+of\s+my|my)\s+"
    rf"(?:(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+)?(?P<noun>[a-z]+s)\b",
    "my ",
)
_JUST_US = _rx(
    rf"\b(?:it\s+was\s+|there\s+was\s+)?just\s+me\s+and\s+(?P<n>{_NUM}|an?)\s+other(?:s|\s+[a-z]+)?\b",
    "just me",
)
# "The two other engineers I had working on it with me": the speaker and that many others.
_OTHERS_WITH_ME = _rx(
    rf"\b(?:the|my)\s+(?P<n>{_NUM})\s+other\s+(?P<noun>[a-z]+)\s+(?:(?:I|who)\s+(?:had\s+)?)?"
    r"(?:working|worked|were)\s+(?:on\s+(?:it|this|that)\s+)?with\s+me\b(?!\s+on\s+the\b)",
    "with me",
)
_SOLO = _rx(
    r"\b(?:working|worked|work|was|did\s+(?:it|the\s+(?:[a-z-]+\s+)?[a-z-]+))\s+"
    r"(?:entirely\s+|completely\s+|pretty\s+much\s+|basically\s+|more\s+or\s+less\s+)?"
    r"(?:on\s+my\s+own|alone|by\s+myself|single-handed(?:ly)?)\b",
    "my own",
    "alone",
    "myself",
    "single",
)
_PAIR = _rx(r"\bmy\s+(?P<noun>[a-z]+)\s+and\s+I\b", " and i")


def _own_group_sizes(text: str, low: str) -> Iterable[Fact]:
    """Return the sizes of the speaker's own group that the phrasings above state."""
    for match in _finditer(_OWN_GROUP, text, low):
        value = number_value(match.group("n"))
        if value is not None and value >= 2:
            yield _group_fact(match, value, "crew", bool(match.group("hedge")))
    for match in _finditer(_MY_PEOPLE, text, low):
        raw = match.group("n") or match.group("n2")
        noun = match.group("noun").lower()
        value = number_value(raw) if raw else None
        if value is not None and value >= 2 and _STAFF_WORD.fullmatch(noun):
            hedge = bool(match.group("hedge") or match.group("hedge2"))
            yield _group_fact(match, value, "members", hedge, noun)
    for match in _finditer(_JUST_US, text, low):
        raw = match.group("n")
        value = 1.0 if raw.lower() in ("a", "an") else number_value(raw)
        if value is not None:
            yield _group_fact(match, value + 1, "exact", False)
    for match in _finditer(_OTHERS_WITH_ME, text, low):
        value = number_value(match.group("n"))
        if value is not None and _STAFF_WORD.fullmatch(match.group("noun").lower()):
            yield _group_fact(match, value + 1, "exact", False)
    for match in _finditer(_SOLO, text, low):
        yield _group_fact(match, 1.0, "solo", False)
    for match in _finditer(_PAIR, text, low):
        noun = match.group("noun").lower()
        if _STAFF_WORD.fullmatch(noun + "s") and not _ABOVE_SPEAKER.fullmatch(noun):
            yield _group_fact(match, 2.0, "pair", False)


def _group_fact(
    match: re.Match[str], value: float, shape: str, hedge: bool, noun: str = ""
) -> Fact:
    span = Span(match.start(), match.end())
    return Fact("team_size", "team", _fmt(value), span, (value,), noun, hedge, shape)


_TOTAL = _rx(
    rf"\b(?:all|every\s+one\s+of\s+(?:the|our))\s+(?P<n>{_NUM})\s+(?P<noun>[a-z]+)\b",
    "all ",
    "every one",
)
_COUNT = re.compile(rf"\b(?P<hedge>{_HEDGE})?(?P<n>{_NUM})\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)


# How long the work took, however it is said: "the whole thing took three months", "we went live after
# six weeks", "a six-month project", "over the two years of the project", "six weeks in, we had finished".
_SPAN_OF_TIME = _rx(
    rf"(?<![\w-])(?P<n>{_NUM}|an?)(?:\s+(?:whole|full|entire))?[- ](?P<unit>day|week|month|quarter|year)s?\b",
    "day",
    "week",
    "month",
    "quarter",
    "year",
)
_LENGTH_BEFORE = re.compile(
    r"(?:\btook|\btakes|\blasted|\bran(?:\s+for)?|\bfinished\s+(?:it\s+|everything\s+|the\s+\w+\s+)?in|"
    r"\bdone\s+in|\bcompleted\s+(?:it\s+|the\s+\w+\s+)?in|\bdelivered\s+(?:it\s+|the\s+\w+\s+)?in|"
    r"\bwent\s+live\s+(?:after|in)|\blive\s+after|\bover\s+(?:the|those|these)\s+(?:whole\s+|entire\s+|full\s+)?|"
    # The work opening for use: "we started seeing patients after three weeks", "opened the hub after".
    r"\b(?:started\s+(?:seeing|taking|serving|running|using)|opened|launched)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:after|within))"
    r"(?:\s+(?:us|me|the\s+team))?\s*(?P<hedge>(?:(?:just|only|about|around|roughly|nearly|almost|over|"
    r"under|some)\s+)*)$",
    re.IGNORECASE,
)
_LENGTH_AFTER = re.compile(
    rf"^\s*(?:(?:in\s+total|from\s+start\s+to\s+finish|end\s+to\s+end|altogether|all\s+told)\b|"
    rf"(?:long\s+)?(?P<subject>{_WORK})\b|of\s+(?:the|this|our)\s+(?P<of>{_WORK})\b)",
    re.IGNORECASE,
)
# "The job was eight weeks long", "the whole refit is about a year long".
_BE_BEFORE = re.compile(
    r"\b(?:the|this|that|our|my|whole|entire)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:was|is|were)\s+"
    r"(?P<hedge>(?:(?:just|only|about|around|roughly|nearly|almost|over|under|some)\s+)*)$",
    re.IGNORECASE,
)
_LONG_AFTER = re.compile(r"^\s*long\b", re.IGNORECASE)
# "Over a whole quarter": a length of the work, where "just over a week" is not.
_WHOLE_SPAN = re.compile(r"\s(?:whole|full|entire)\s", re.IGNORECASE)
_OVER_BEFORE = re.compile(r"\bover\s+(?P<hedge>)$", re.IGNORECASE)
_STEP_AFTER = re.compile(r"^\s*(?:just\s+|only\s+)?to\s+[a-z]", re.IGNORECASE)
# The time the work was given: "we had four months from sign-off to go-live", "nine months of lead-in".
_HAD_BEFORE = re.compile(
    r"\b(?:we|i)\s+(?:only\s+|just\s+)?had\s+(?P<hedge>(?:(?:just|only|about|around|roughly|nearly"
    r"|almost|over|under|some)\s+)*)$",
    re.IGNORECASE,
)
_HAD_AFTER = re.compile(
    r"^\s*(?:from\s+\S+\s+(?:to|until|till)\b|until\s+(?:go-?live|launch|the\s+deadline)"
    r"|to\s+(?:go\s+live|deliver\s+(?:it|the\s+\w+)|launch|finish|complete)\b)",
    re.IGNORECASE,
)
_LEAD_IN_AFTER = re.compile(
    r"^\s*of\s+(?:lead-?in|lead\s+time|run-?way|notice|preparation|planning)\b", re.IGNORECASE
)
# "After six weeks, the whole thing was done": the length of the whole work.
_AFTER_BEFORE = re.compile(
    r"\bafter\s+(?P<hedge>(?:(?:just|only|about|around|roughly|nearly|almost|over|under|some)\s+)*)$",
    re.IGNORECASE,
)
_ALL_DONE_AFTER = re.compile(
    r"^,?\s*(?:the\s+whole\s+thing|everything|it\s+all|the\s+(?:whole\s+|entire\s+)?(?:project|work|job"
    r"|programme|program|rollout|migration))\s+(?:was|were)\s+(?:all\s+)?(?:done|finished|complete|completed"
    r"|live|over|delivered)\b",
    re.IGNORECASE,
)
# "It took three months to get it running": the length of the whole work, not of one step in it.
_WHOLE_AFTER = re.compile(
    r"^\s*(?:just\s+|only\s+)?to\s+get\s+(?:it|the\s+\w+|everything)\s+(?:up\s+and\s+)?"
    r"(?:running|going|live|open|started|finished|done|off\s+the\s+ground)\b",
    re.IGNORECASE,
)
_POINT = re.compile(r"^\s*(?:mark\b|in\s*,)", re.IGNORECASE)
_PART_OF_WORK = re.compile(
    r"\b(?:the|this|our|my|that|a|first|second|last|final)\s+(?:\w+\s+)??(?P<part>pilot|trial|phase|"
    r"stage|sprint|test|testing|training|handover|design|build|first\s+part|prep|preparation|"
    r"planning|beta|rollout|migration|rewrite|launch|project|programme|program)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)
_GENERIC_WORK = frozenset(
    {"project", "job", "programme", "program", "work", "effort", "initiative", "engagement"}
)


def _lengths(text: str) -> list[Fact]:
    """Return the lengths of work an answer states, each with its subject ("" when none is named)."""
    facts: list[Fact] = []
    low = text.lower()
    for match in _finditer(_SPAN_OF_TIME, text, low):
        raw = match.group("n")
        value = 1.0 if raw.lower() in ("a", "an") else number_value(raw)
        if value is None or value <= 0:
            continue
        unit = match.group("unit").lower()
        before = text[max(0, match.start() - 60) : match.start()]
        before = re.split(r"[.!?;]", before)[-1]
        after = text[match.end() : match.end() + 40]
        kind = ""
        subject = ""
        hedge = False
        cue = _LENGTH_BEFORE.search(before)
        if cue is None and _WHOLE_SPAN.search(match.group()):
            cue = _OVER_BEFORE.search(before)
        tail = _LENGTH_AFTER.match(after)
        given = _HAD_BEFORE.search(before) if _HAD_AFTER.match(after) else None
        if given is None and _ALL_DONE_AFTER.match(after):
            given = _AFTER_BEFORE.search(before)
        lead_in = _LEAD_IN_AFTER.match(after) is not None
        if _POINT.match(after) and (
            before.rstrip().lower().endswith("the") or after.lstrip().startswith("in")
        ):
            kind = "duration_point"
        elif cue is not None:
            kind = "duration"
            hedge = bool(cue.group("hedge").strip())
        elif tail is not None:
            kind = "duration"
        elif _LONG_AFTER.match(after) and (be := _BE_BEFORE.search(before)) is not None:
            kind = "duration"
            hedge = bool(be.group("hedge").strip())
        elif given is not None or lead_in:
            kind = "duration"
            hedge = (
                bool(given.group("hedge").strip())
                if given is not None
                else "nearly" in before.lower()[-12:]
            )
        # "It took me two weeks to get sign-off": the length of one step, not of the work.
        whole = _WHOLE_AFTER.match(after) is not None or given is not None or lead_in
        if not kind or (_STEP_AFTER.match(after) and not whole):
            continue
        if tail is not None and (tail.group("subject") or tail.group("of")):
            subject = (tail.group("subject") or tail.group("of")).lower()
        else:
            part = _PART_OF_WORK.search(before)
            if part is not None:
                subject = part.group("part").lower()
        subject = _lemma(subject.replace("roll-out", "rollout")) if subject else ""
        if subject in _GENERIC_WORK:
            subject = ""
        if whole:
            # Named apart, so that a part of the work ("the pilot took two weeks") is not read as it.
            subject = "whole work"
        shown = f"{_fmt(value)} {unit}{'' if value == 1 else 's'}"
        facts.append(
            Fact(
                kind,
                subject,
                shown,
                Span(match.start(), match.end()),
                (value * _DAYS[unit],),
                "days",
                hedge,
            )
        )
    return facts


def _totals(text: str) -> list[Contradiction]:
    """Return a total ("all three thousand staff") that disagrees with a count of the same thing."""
    found: list[Contradiction] = []
    low = text.lower()
    for total in _finditer(_TOTAL, text, low):
        whole = number_value(total.group("n"))
        noun = total.group("noun").lower()
        if whole is None or whole < 10:
            continue
        for count in _COUNT.finditer(text):
            if count.start() >= total.start() and count.end() <= total.end():
                continue
            if count.group("noun").lower() != noun:
                continue
            value = number_value(count.group("n"))
            if value is None or value < 10:
                continue
            low_v, high_v = sorted((value, whole))
            if high_v >= low_v * 1.5:
                found.append(
                    Contradiction(
                        kind="count",
                        subject=noun,
                        span=Span(total.start(), total.end()),
                        reference_span=Span(count.start(), count.end()),
                        value=_fmt(whole),
                        reference_value=_fmt(value),
                    )
                )
                break
    return found


_TEAM_CUES = (
    "team of",
    " of my ",
    "my ",
    "just me",
    "with me",
    "single-handed",
    "my own",
    " and i ",
    " reports",
    "reporting to me",
    "supervis",
    "person team",
    "people team",
    "member team",
    " of us",
    "team was",
    "team had",
    "direct report",
    "managed ",
    "manage ",
    "managing ",
)
_DURATION_CUES = (
    " took ",
    " long",
    " ran ",
    " months from",
    " weeks from",
    " days from",
    " years from",
    "go live",
    "go-live",
    "lead-in",
    "lead time",
    "whole thing",
    "everything was",
    " live ",
    " in total",
    " done in",
    " weeks in",
    " months in",
    " lasted ",
    " ran for",
    " spanned",
    "-month",
    "-week",
    "-year",
    "-day",
    " month ",
    " week ",
    " year ",
    " mark",
    "finished it",
    "completed it",
    "over the ",
    " after ",
)


def self_contradictions(text: str) -> list[Contradiction]:
    """Return places where an answer disagrees with itself: two team sizes, two lengths of the same
    work, or two different totals of the same thing."""
    # Only the kinds compared here are extracted, each behind its cheap keyword check.
    # A contradiction needs two statements of the same kind, so a kind named fewer than twice is skipped.
    low = text.lower()
    found_facts: list[Fact] = []
    if sum(low.count(k) for k in _TEAM_CUES) >= 2:
        found_facts.extend(f for f in _people(text) if f.kind in ("team_size", "reports"))
        for match in _finditer(_OF_US, text, low):
            value = number_value(match.group("n"))
            if value is not None and value > 1:
                span = Span(match.start(), match.end())
                if not any(f.span.overlaps(span) for f in found_facts):
                    found_facts.append(
                        Fact(
                            "team_size",
                            "team",
                            _fmt(value),
                            span,
                            (value,),
                            "",
                            bool(match.group("hedge")),
                            "of us",
                        )
                    )
        found_facts.extend(
            f
            for f in _own_group_sizes(text, low)
            if not any(f.span.overlaps(g.span) for g in found_facts)
        )
    if sum(low.count(k) for k in _DURATION_CUES) >= 2:
        found_facts.extend(_lengths(text))
    # A length with no named subject ("we finished it in six weeks") is about the one piece of work the
    # answer is about: the project, or the one kind of work it names.
    named = {f.subject for f in found_facts if f.kind.startswith("duration") and f.subject}
    only = next(iter(named)) if len(named) == 1 else ""
    facts = [
        Fact(f.kind, only, f.value, f.span, f.numbers, f.unit, f.approximate, f.shape)
        if f.kind.startswith("duration") and not f.subject
        else f
        for f in found_facts
    ]
    facts.sort(key=lambda f: f.span.start)
    found: list[Contradiction] = []
    for later_index, later in enumerate(facts):
        for earlier in facts[:later_index]:
            if earlier.span.overlaps(later.span):
                continue
            if not _self_related(earlier, later) or _self_compatible(earlier, later):
                continue
            found.append(
                Contradiction(
                    kind=later.kind if later.kind != "duration_point" else "duration",
                    subject=later.subject,
                    span=later.span,
                    reference_span=earlier.span,
                    value=later.value,
                    reference_value=earlier.value,
                )
            )
            break
    found.extend(_totals(text))
    found.sort(key=lambda c: c.span.start)
    return found


def _self_related(a: Fact, b: Fact) -> bool:
    durations = ("duration", "duration_point")
    if a.kind in durations and b.kind in durations:
        return a.subject == b.subject
    return a.kind == b.kind and same_subject(a.subject, b.subject)


def _self_compatible(a: Fact, b: Fact) -> bool:
    if "duration_point" in (a.kind, b.kind):
        if a.kind == b.kind:
            return True
        point, length = (a, b) if a.kind == "duration_point" else (b, a)
        # Reaching a point beyond the whole length is impossible; before it, anything goes.
        return point.numbers[0] <= length.numbers[0] * (1.25 if length.approximate else 1.0)
    if a.kind == "team_size" and _GROUP_SHAPES & {a.shape, b.shape}:
        return _group_compatible(a, b)
    if a.kind in ("team_size", "reports"):
        # "A team of four" and "my team of twelve" cannot both hold; "the three of us" may be part of a
        # larger team, so a smaller "of us" group is no contradiction.
        low, high = sorted((a.numbers[0], b.numbers[0]))
        if "of us" in (a.shape, b.shape):
            small = a if a.numbers[0] <= b.numbers[0] else b
            return small.shape == "of us" or high - low < 2
        loose = a.approximate or b.approximate
        return high - low < 2 or (loose and high <= low * 1.25)
    return compatible(a, b)


_GROUP_SHAPES = frozenset({"members", "exact", "solo", "pair"})


def _group_compatible(a: Fact, b: Fact) -> bool:
    """Return True when two sizes of the speaker's group, one of them told in a shape of `_OWN_GROUP`'s
    family, can both hold."""
    shapes = {a.shape, b.shape}
    if "solo" in shapes:
        # Alone, and then with someone: only a group the speaker runs elsewhere can sit beside it.
        other = b if a.shape == "solo" else a
        return other.shape in ("", "crew", "members", "solo")
    if "pair" in shapes:
        return True
    if "members" in shapes:
        some, other = (a, b) if a.shape == "members" else (b, a)
        if other.shape == "members":
            return some.unit != other.unit or compatible(some, other)
        if other.shape == "of us":
            return True
        # Some of the speaker's people are never more than the whole team.
        slack = 1.25 if some.approximate or other.approximate else 1.0
        return some.numbers[0] <= other.numbers[0] * slack
    # "Just me and one other": the whole group, which an "of us" group may not outnumber; a team the
    # speaker belongs to may be larger.
    exact, other = (a, b) if a.shape == "exact" else (b, a)
    if other.shape == "":
        return True
    return compatible(exact, other)


def find_contradictions(text: str, reference: str | Reference) -> list[Contradiction]:
    """Return the facts in `text` that clearly contradict `reference` (spans into each text)."""
    ref = reference if isinstance(reference, Reference) else Reference.of(reference)
    return compare_facts(extract_facts(text), ref.facts)
