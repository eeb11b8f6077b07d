"""What each number in an answer measures: an outcome, the effort spent, a threshold, a plan, a diagnosis...

An interviewer hears "I wrote 12,000 lines of code" as effort, "orders above $500" as a rule, "70% of the
latency came from one query" as a finding and "to 5% of traffic" as a rollout step; only "errors fell from
4% to 0.3%" is what the work changed. `number_roles` reads the words around each quantity (its clause, and
the STAR part of its sentence) and gives it one role:

- ``outcome``: what changed because of the work (``baseline`` says whether a starting point is given);
- ``effort``: work put in (lines of code, commits, meetings, calls, hours worked);
- ``threshold``: a limit or a category boundary ("orders above $500", "anything under two seconds");
- ``target``: a plan, goal or hope, not yet reached ("we plan to reach 100%", "a target of 95%");
- ``diagnosis``: a finding about the problem ("70% of the latency came from ...");
- ``rollout``: a step of a gradual release ("to 5% of traffic");
- ``load``: the size of the demand faced ("peaked at 11.4x normal traffic");
- ``lesson``: a number inside a lesson or a general truth ("a test costs ten times less than an outage");
- ``duration``: how long something took or lasted;
- ``context``: anything else (dates, team sizes, the scene).

Known limits: the cues are English and read a clause or so either side; a sentence that packs an effort
and an outcome into one clause gets the role its nearest cue gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starcoach.analysis.features.fold import rx
from starcoach.analysis.features.numbers import has_baseline
from starcoach.analysis.report import Quantity, Span
from starcoach.analysis.scan import fold

ROLES = (
    "outcome",
    "effort",
    "threshold",
    "target",
    "diagnosis",
    "rollout",
    "load",
    "lesson",
    "duration",
    "context",
)
"""Every role `number_roles` gives."""

OUTCOME_KINDS = frozenset({"percent", "money", "multiplier", "change", "fraction"})
"""Quantities that state an outcome on their own in an action sentence; a count or duration may be context."""

METRIC_KINDS = frozenset(
    {"percent", "money", "duration", "multiplier", "count", "change", "measure", "fraction"}
)


@dataclass(frozen=True, slots=True)
class QuantityRole:
    """One quantity and what it measures."""

    quantity: Quantity
    role: str
    baseline: bool = False
    """For an outcome: a starting point or comparison is stated (a before and after, "up from", "than")."""

    @property
    def span(self) -> Span:
        """Return the quantity's span."""
        return self.quantity.span


# A clause ends at punctuation or a coordinating word; the cues read only the number's own clause.
_CLAUSE_BREAK = rx(r"[,;:.!?()\n]|\b(?:and|but|so|then|while|which|because|when)\b")

_PLANNED = rx(
    r"\b(?:plan(?:s|ned|ning)?|aim(?:s|ed|ing)?|hop(?:e|es|ed|ing)|want(?:s|ed)?|intend(?:s|ed)?"
    r"|going|expect(?:s|ed)?|project(?:ed)?|forecast(?:s|ed)?) to\b|\bnext step is\b"
    r"|\b(?:goal|target|aim|objective|quota|ambition|budget)s?\s+(?:is|was|of|were|are|for)\b"
    r"|\b(?:aim|aiming|aimed|shooting) (?:for|at)\b|\bwe(?:'ll| will| would)\b|\bI(?:'ll| will)\b"
    r"|\bshould (?:reach|get|hit|be)\b",
)
# "beat the target by 12%", "exceeded our goal by a third": the amount beyond a target is an outcome.
_BEYOND_TARGET = rx(
    r"\b(?:beat|beaten|exceeded|surpassed|overshot|outperformed|topped|smashed|hit|met|reached)\b"
    r"[^,;.!?]{0,30}\b(?:by|at|with)\s+(?:about |roughly |nearly |almost |over |around )?$",
)
_OUTCOME_BEFORE = rx(
    r"\b(?:cut|cuts|reduced|reducing|reduce|saved|saving|save|increased|increasing|grew|growing|"
    r"improved|improving|raised|lowered|dropped|drop|fell|rose|climbed|jumped|shrank|shrunk|halved|"
    r"doubled|tripled|boosted|lifted|trimmed|slashed|decreased|decreasing|recovered|generated|"
    r"brought|went|came|got|gained|won|closed|sold|freed|eliminated|beat|exceeded|rising|"
    r"falling|resulting|achieved|delivered|hit|reached|added|retained|converted|avoided|prevented)\b"
    r"[^,;.!?]{0,40}$",
)
_OUTCOME_AFTER = rx(
    r"^\s*(?:(?:more|less|fewer|faster|slower|cheaper|higher|lower|shorter|better|quicker)\b"
    r"|(?:improvement|reduction|increase|decrease|drop|rise|growth|gain|uplift|saving|savings|"
    r"lift|jump|fall|cut|boost|return|roi|more\s+\w+|fewer\s+\w+|less\s+\w+)\b"
    r"|(?:in\s+)?(?:savings?|revenue|profit|sales|new\s+business|pipeline|bookings))",
)
_DIAGNOSIS_AFTER = rx(
    r"^\s*of\s+(?:the\s+|our\s+|all\s+|their\s+|its\s+|those\s+)?[\w\s-]{0,40}?\b(?:came|come|comes|"
    r"were|was|is|are|caused|stemmed|originated|traced|happened|occurred|accounted|sat|lived|went|"
    r"spent|due|belonged|related|coming|pointed)\b",
)
_DIAGNOSIS_BEFORE = rx(
    r"\b(?:found|find|noticed|discovered|realised|realized|saw|learned|learnt|showed|revealed|"
    r"turned out|traced|measured|profiled|audited)\b[^,;.!?]{0,30}(?:that\s+)?(?:about |roughly |over |nearly |almost |around )?$",
)
# A share stated at a later point ("By Easter five of the six were at the expected level", "within a
# month 80% of the orders were ...") is the state after the work: an outcome, not a finding about the problem.
_LATER_POINT_BEFORE = rx(
    r"\b(?:by|within|after)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?|next\s+|following\s+|a\s+|two\s+|"
    r"three\s+|six\s+)?(?:easter|christmas|summer|spring|autumn|winter|half[- ]term|march|april|may|june|"
    r"july|august|september|october|november|december|january|february|term|week|weeks|month|months|"
    r"year|quarter|then)\b,?\s*$"
)
_ROLLOUT_BEFORE = rx(
    r"\b(?:roll(?:ed|ing)?\s+(?:[\w-]+\s+){0,4}?out|rollout|ramp(?:ed|ing)?|canary|"
    r"released\s+(?:it\s+)?to|enabled\s+(?:it\s+)?(?:for|to)|turned\s+(?:it\s+)?on\s+for|exposed|"
    r"pilot(?:ed|ing)?|phased|opened\s+(?:it\s+)?(?:up\s+)?to|shipped\s+(?:it\s+)?to|started\s+with|"
    r"first\s+to|gradually)\b[^;.!?]{0,40}$",
)
_ROLLOUT_AFTER = rx(
    r"^\s*(?:of\s+)?(?:the\s+|our\s+)?(?:traffic|users|customers|accounts|stores|branches|sites|"
    r"servers|hosts|fleet|requests|clients|wards|schools|regions|shops|depots|teams|staff)\b",
)
_THRESHOLD_BEFORE = rx(
    r"(?:\b(?:threshold|limit|cap|cutoff|cut-off|ceiling|floor|minimum|maximum|min|max|tolerance|"
    r"sla|slo)\b[^,;.!?]{0,25}|(?:\b(?:anything|anyone|everything|everyone|(?:any|all|every|each)\s+\w+|"
    r"those|ones|\w{3,}s)\s+(?:(?:worth|valued\s+at|priced\s+at|aged|costing|taking|lasting|"
    r"with)\s+)?)(?:above|over|below|under|exceeding|beyond|of\s+more\s+than|of\s+less\s+than|"
    r"(?:more|less|greater|bigger|larger|higher|lower|older|younger|longer|shorter)\s+than|"
    r"at\s+least|at\s+most|>|<|>=|<=)\s*|\bif\s+(?:it|they|the\s+\w+|\w+)\s+(?:ever\s+)?(?:went|goes|"
    r"go|got|gets|exceeded|exceeds|dropped|drops|fell|falls|rose|rises|hit|hits|reached|reaches)\s+"
    r"(?:above|below|over|under|past|beyond)?\s*)$",
)
# Words that end in "s" but are not a counted category before "over"/"under" ("was over 40%").
_NOT_CATEGORY = frozenset(
    "was is has does this its us as his always perhaps plus thus yes status its less unless across "
    "various previous obvious serious famous numerous goes makes takes gets".split()
)
_LOAD_BEFORE = rx(
    r"\b(?:peak(?:ed|ing)?|spik(?:e|ed|ing)|surg(?:e|ed|ing)|burst|flood(?:ed)?|demand|load|"
    r"traffic|volume)\b[^,;.!?]{0,25}(?:at|to|of|by|hit|reached)?\s*(?:about |roughly |nearly |over |around )?$",
)
_LOAD_AFTER = rx(
    r"^\s*(?:(?:the|our|its|their)\s+)?(?:(?:normal|usual|typical|regular|average|daily|baseline|"
    r"expected|everyday|standard|peak|planned|forecast)\s+)+(?:traffic|load|volume|demand|requests|"
    r"orders|calls|capacity|levels?|numbers)\b",
)
_EFFORT_AFTER = rx(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:lines?\s+of\s+code|loc\b|commits?\b|pull\s+requests?\b|prs\b|"
    r"merge\s+requests?\b|meetings?\b|calls?\b|phone\s+calls?\b|e-?mails?\b|messages?\b|slides?\b|"
    r"slide\s+decks?\b|pages?\b|documents?\b|docs\b|workshops?\b|presentations?\b|interviews?\b|"
    r"story\s+points\b|tickets?\s+(?:closed|resolved|handled)|sessions?\b|site\s+visits?\b|"
    r"visits?\b|late\s+nights?\b|weekends?\b|overtime\b|tests?\s+written|unit\s+tests\b|"
    r"spreadsheets?\b|reports?\s+written|drafts?\b|revisions?\b|iterations?\b|versions?\b|tabs\b|formulas?\b|macros?\b|worksheets?\b|"
    r"hours?\s+(?:of\s+)?(?:overtime|work|calls|meetings|research|prep|preparation|training|"
    r"reading|reviews?|testing|coding))",
)
_EFFORT_BEFORE = rx(
    r"\b(?:worked|working|spent|spending|put\s+in|putting\s+in|logged|clocked|sat\s+through|"
    r"attended|wrote|written|writing|made|sent|held|ran|booked|reviewed|hosted|"
    r"organised|organized|scheduled|read|filled|completed|answered|handled|pushed|merged|"
    r"committed)\b[^,;.!?]{0,20}$",
)
# "I ran fourteen revision sessions", "I was doing fifteen visits a day": work done, counted.
_EFFORT_VERB = rx(
    r"\b(?:ran|run|running|wrote|written|writing|made|making|sent|sending|attended|attending|held|"
    r"holding|marked|marking|read|reading|did|doing|done|covered|covering|reviewed|reviewing|answered|"
    r"answering|handled|handling|hosted|organised|organized|booked|delivered|gave|giving|taught|"
    r"visited|phoned|rang|drove|driving|filled|completed|processed|checked|picked|packed|served|filed|typed|entered|built|coded|went\s+to|been\s+to|"
    r"sat\s+in|took\s+part\s+in|signed\s+up\s+for|watched|bought)\s+(?:(?:about|around|over|"
    r"roughly|nearly|almost|some|at\s+least|more\s+than|well\s+over|like|something\s+like)\s+)*$",
)
_EFFORT_UNIT = rx(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:sessions?|visits?|calls?|e-?mails?|meetings?|stand-?ups?|syncs?|"
    r"war\s+rooms?|books?|courses?|workshops?|documents?|guides?|booklets?|pages?|sets?|shifts?|"
    r"weekends?|evenings?|nights?|trainings?|classes|lessons|hours?|days?|reviews?|reports?|"
    r"presentations?|decks?|drafts?|versions?|tickets?|requests?|commits?|lines?|tests?|audits?|"
    r"checks?|rounds?|trips?|miles?|kilometres?|videos?|webinars?|events?|one-to-ones?|1:1s?|orders|parcels|boxes|pallets|items|files|forms|records|invoices|claims|"
    r"applications)\b",
)
# "I spent £3,000 on tools", "I bought ...": money put in, not money made or saved.
_SPENT = rx(r"\b(?:spent|spending|bought|buying|paid|paying)\b[^,;.!?]{0,20}$")
# "I got four of them": a share of something counted before.
_OF_THEM = rx(r"^\s+of\s+(?:them|those|these|us)\b")
# "I raised it three times": how often, not how much better.
_FREQUENCY = rx(r"\btimes$")
_SAVED_BEFORE = rx(r"\b(?:saved|saving|freed|free|cut|reduced|down|fewer|less)\b[^,;.!?]{0,25}$")
_GENERAL_AFTER = rx(
    r"^\s*(?:more|less|cheaper|harder|easier|faster|slower|longer|quicker|costlier|as\s+\w+)\s+"
    r"(?:than|to|as|when|if)\b",
)
_LESSON_SENTENCE = rx(
    r"\b(?:lesson|learned|learnt|taught\s+me|takeaway|realised|realized|looking\s+back|hindsight|"
    r"next\s+time|I\s+now|always|never|rule\s+of\s+thumb|in\s+general|usually)\b",
)
# A time in seconds or minutes is usually a measurement (a page load, a wait), and a compared time is
# an outcome ("in 2 seconds instead of 6").
_SHORT_TIME = rx(r"(?:\d\s*|\b)(?:ms|sec|secs|seconds?|minutes?|mins?|milliseconds?|s)$")
_COMPARED = rx(r"\b(?:instead\s+of|compared|than|down\s+to|used\s+to|now)\b")
_FRACTION_CHANGE = rx(
    r"\b(?:by|about|nearly|almost|roughly|over|than)\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+"
    r"|around\s+|over\s+|more\s+than\s+|just\s+over\s+|just\s+under\s+)?(?P<q>(?:a|one|two)\s+"
    r"(?:third|half|quarter|fifth|tenth)s?)\b",
)
_FRACTION_VALUE = {"third": 33.3, "half": 50.0, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}


def fraction_phrases(text: str) -> list[Quantity]:
    """Return changes stated as a fraction in words ("dropped by about a third") as percent quantities.

    `text` must be folded (see features.fold)."""
    if not any(word in text for word in _FRACTION_VALUE):
        return []
    found = []
    for match in _FRACTION_CHANGE.finditer(text):
        words = match.group("q").lower().split()
        share = _FRACTION_VALUE[words[-1].rstrip("s")]
        if words[0] == "two":
            share *= 2
        found.append(Quantity(Span(match.start("q"), match.end("q")), "fraction", share))
    return found


def _clause_before(text: str, start: int) -> str:
    before = text[max(0, start - 90) : start]
    return _CLAUSE_BREAK.split(before)[-1]


def _clause_after(text: str, end: int) -> str:
    return text[end : end + 70]


def _is_category_comparator(before: str) -> bool:
    """Return True when a comparator follows a counted category ("orders above"), not a verb ("was over")."""
    words = before.lower().split()
    if len(words) < 2:
        return False
    comparator_at = -1
    for index in range(len(words) - 1, -1, -1):
        if words[index] in (
            "above",
            "over",
            "below",
            "under",
            "exceeding",
            "beyond",
            "than",
            "least",
        ):
            comparator_at = index
            break
    if comparator_at <= 0:
        return True
    previous = words[comparator_at - 1]
    if previous in ("more", "less", "greater", "bigger", "larger", "higher", "lower", "at"):
        previous = words[comparator_at - 2] if comparator_at >= 2 else ""
    return previous not in _NOT_CATEGORY


def classify(
    text: str,
    quantity: Quantity,
    part: str | None,
    sentence: str,
    quantities: Sequence[Quantity] | None = None,
) -> QuantityRole:
    """Return the role of one quantity, given the STAR part and the text of its sentence (both folded)."""
    kind = quantity.kind
    if kind == "date":
        return QuantityRole(quantity, "context")
    before = _clause_before(text, quantity.span.start)
    after = _clause_after(text, quantity.span.end)
    if kind == "number":
        effort = _EFFORT_VERB.search(before) and _EFFORT_UNIT.match(after)
        return QuantityRole(quantity, "effort" if effort else "context")
    if (
        kind == "multiplier"
        and _FREQUENCY.search(quantity.span.text(text))
        and not _OUTCOME_BEFORE.search(before)
        and not _GENERAL_AFTER.match(after)
        and not _OUTCOME_AFTER.match(after)
    ):
        return QuantityRole(quantity, "context")
    beyond = _BEYOND_TARGET.search(before) is not None
    if not beyond and _PLANNED.search(before):
        return QuantityRole(quantity, "target")
    if kind == "change" or beyond:
        return QuantityRole(quantity, "outcome", True)
    if (
        kind in ("percent", "fraction", "count", "number", "money")
        and _DIAGNOSIS_AFTER.match(after)
        and (_OUTCOME_BEFORE.search(before) is None or _DIAGNOSIS_BEFORE.search(before))
    ):
        if _LATER_POINT_BEFORE.search(before):
            return QuantityRole(quantity, "outcome")
        return QuantityRole(quantity, "diagnosis")
    if (
        kind in ("percent", "count", "fraction")
        and _ROLLOUT_BEFORE.search(before)
        and (_ROLLOUT_AFTER.match(after) or kind == "percent")
    ):
        return QuantityRole(quantity, "rollout")
    if _THRESHOLD_BEFORE.search(before) and _is_category_comparator(before):
        return QuantityRole(quantity, "threshold")
    if kind in ("multiplier", "percent") and (
        _LOAD_AFTER.match(after)
        or (_LOAD_BEFORE.search(before) and not _OUTCOME_AFTER.match(after))
    ):
        return QuantityRole(quantity, "load")
    outcome_cue = (
        _OUTCOME_BEFORE.search(before) is not None or _OUTCOME_AFTER.match(after) is not None
    )
    worked = (
        kind in ("duration", "money")
        and (_EFFORT_BEFORE.search(before) or _EFFORT_VERB.search(before))
        and not _SAVED_BEFORE.search(before)
        and (kind == "duration" or _SPENT.search(before))
    )
    if kind in ("count", "number") and _OF_THEM.match(after):
        return QuantityRole(quantity, "context")
    if (
        kind in ("count", "duration", "measure", "money")
        and not outcome_cue
        and (_EFFORT_AFTER.match(after) or worked)
    ):
        return QuantityRole(quantity, "effort")
    if (
        kind == "count"
        and not _SAVED_BEFORE.search(before)
        and (
            _EFFORT_AFTER.match(after)
            or (_EFFORT_VERB.search(before) and _EFFORT_UNIT.match(after))
        )
    ):
        return QuantityRole(quantity, "effort")
    if kind == "multiplier" and _GENERAL_AFTER.match(after) and not _OUTCOME_BEFORE.search(before):
        return QuantityRole(quantity, "lesson")
    in_lesson = part == "reflection" or (_LESSON_SENTENCE.search(sentence) and part != "result")
    if in_lesson and not outcome_cue:
        return QuantityRole(quantity, "lesson")
    if kind == "duration" and not (outcome_cue and part == "result"):
        measured = _SHORT_TIME.search(quantity.span.text(text)) or _COMPARED.search(sentence)
        if not (part == "result" and measured):
            return QuantityRole(quantity, "duration")
    is_outcome = (
        (part == "result" and kind in METRIC_KINDS)
        or (outcome_cue and kind in METRIC_KINDS)
        or (kind in OUTCOME_KINDS and (part == "action" or outcome_cue))
        or (kind in METRIC_KINDS and outcome_cue and part in ("action", "result", None))
    )
    if is_outcome:
        return QuantityRole(quantity, "outcome", has_baseline(text, quantity, quantities))
    return QuantityRole(quantity, "context")


def number_roles(
    text: str,
    quantities: Sequence[Quantity],
    sentences: Sequence[Span],
    parts: Sequence[str],
) -> list[QuantityRole]:
    """Return the role of each quantity (and of fractions stated in words) in text order."""
    text = fold(text)
    extra = [
        q for q in fraction_phrases(text) if not any(q.span.overlaps(o.span) for o in quantities)
    ]
    every = sorted([*quantities, *extra], key=lambda q: q.span.start)
    roles = []
    k = 0
    for quantity in every:
        while k + 1 < len(sentences) and sentences[k].end <= quantity.span.start:
            k += 1
        inside = k < len(sentences) and sentences[k].start <= quantity.span.start
        part = parts[k] if inside else None
        sentence = sentences[k].text(text) if inside else ""
        roles.append(classify(text, quantity, part, sentence, quantities))
    return roles


# --- Numbers nobody would believe. ---
_DECREASE_BEFORE = rx(
    r"\b(?:reduc\w*|cut|cutting|lower\w*|decreas\w*|dropp\w*|drop|fell|fall\w*|down|sav\w*|"
    r"shr[aiu]nk\w*|slash\w*|trim\w*|less|fewer|eliminat\w*)\b[^.!?;]{0,40}$",
)
_DECREASE_AFTER = rx(
    r"^\s*(?:less|fewer|lower|cheaper|reduction|decrease|drop|cut|saving|savings|faster|quicker)\b",
)
_SPEED_AFTER = rx(r"^\s*(?:faster|quicker|cheaper|shorter|less\s+time)\b")
_AVAILABILITY = rx(
    r"\b(?:uptime|availability|available|sla|slo|accuracy|accurate|reliability|durability|nines|"
    r"pass\s+rate|compliance|coverage|precision)\b",
)
_SHARE_OF_PEOPLE = rx(
    r"^\s*of\s+(?:the\s+|our\s+|all\s+|my\s+)?(?:staff|users|customers|clients|team|people|"
    r"patients|employees|students|pupils|members|population|residents|workforce|market)\b",
)
# "N% of <something>": above 100% is possible of a reference level that can be exceeded (a target, last
# year, the budget), impossible of a set of members (the group, the class, our drivers, the orders).
_SHARE_OF = rx(
    r"^\s*of\s+(?:(?:the|our|all|my|his|her|their|this|that|each|every)\s+)?(?P<noun>\w+)(?:\s+(?P<next>\w+))?"
)
_CAN_EXCEED = frozenset(
    "target targets quota quotas goal goals plan plans budget budgets forecast forecasts baseline capacity "
    "normal usual average expected expectations estimate estimates benchmark last previous prior year "
    "month week quarter day plan rate level levels pay salary price cost costs value original "
    "requirement requirements minimum standard allocation allowance limit limits projection projections "
    "objective objectives kpi kpis sla slas ask pre peak industry market national the what where how it its "
    "itself those these them revenue sales output volume volumes throughput demand production turnover "
    "usage traffic spend spending income profit profits fees hours time stock size growth".split()
)
# A rate or score that is bounded by 100%: "satisfaction reached 110%", "accuracy of 120%".
_BOUNDED_SCORE = rx(
    r"\b(?:satisfaction|accuracy|attendance|compliance|completion|approval|pass|retention|occupancy|"
    r"attendance)(?:\s+(?:rate|score|rating))?\s+(?:\w+\s+)?(?:reached|hit|was|were|of|at|rose\s+to|"
    r"went\s+up\s+to|climbed\s+to|came\s+in\s+at)\s*$"
)
_PERFECT_RATE = rx(
    r"^\s*(?:\w+\s+)?(?:conversion|close|closing|win|success|hit|strike|retention|satisfaction|response|"
    r"show-up|attendance)\s*(?:rate|ratio)?\b|^\s*(?:of\s+(?:the\s+|my\s+)?(?:deals|pitches|"
    r"meetings|calls|leads|bids|tenders|interviews)\s+(?:I|we)\s+(?:closed|won|converted))",
)
_PER_SHORT_TIME = rx(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:calls|emails|deals|sales|visits|meetings|patients|customers|orders|"
    r"tickets|appointments|pitches)\s+(?:a|per|each|every|in\s+(?:one|a|an|a\s+single))\s+"
    r"(?:day|hour|afternoon|morning|shift)\b",
)
# Soft measures that do not grow fivefold: "productivity up 1000%".
_SOFT_MEASURE = rx(
    r"\b(?:productivity|efficiency|satisfaction|morale|engagement|quality|happiness|teamwork|"
    r"communication|collaboration|motivation)\b"
)
_DECIMALS = rx(r"\.(\d+)")


def implausible(text: str, quantity: Quantity) -> bool:
    """Return True for a number an interviewer would not believe as stated.

    A fall of more than 100% ("cut costs by 300%"), a speed-up stated as a share close to 100% ("99.9%
    faster"), a percentage with three decimals outside uptime-like measures ("99.999% faster"), more than
    100% of a group of people, a perfect conversion or win rate, or hundreds of calls or deals in a day.
    `text` must be folded (see features.fold).
    """
    value = quantity.value
    if value is None:
        return False
    span = quantity.span.text(text)
    percent = quantity.kind == "percent"
    # Cheap tests first: most numbers cannot be implausible by any of the checks below.
    if not (
        (percent and (value >= 99 or "." in span))
        or (quantity.kind in ("count", "number") and value >= 200)
    ):
        return False
    before = _clause_before(text, quantity.span.start)
    after = _clause_after(text, quantity.span.end)
    if quantity.kind == "percent":
        if value > 100 and (_DECREASE_BEFORE.search(before) or _DECREASE_AFTER.match(after)):
            return True
        if value > 100 and _SHARE_OF_PEOPLE.match(after):
            return True
        if value > 100:
            share = _SHARE_OF.match(after)
            if share is not None:
                noun, following = share.group("noun"), share.group("next") or ""
                # A participle ("of the expected") or a possessive opens a reference level, not a group.
                level = noun.endswith(("ed", "ing", "s'")) or following in ("of",)
                if not level and noun not in _CAN_EXCEED and following not in _CAN_EXCEED:
                    return True
            if _BOUNDED_SCORE.search(before):
                return True
        if value >= 99 and _SPEED_AFTER.match(after):
            return True
        decimals = _DECIMALS.search(span)
        if decimals and len(decimals.group(1)) >= 3 and not _AVAILABILITY.search(before + after):
            return True
        if value == 100 and _PERFECT_RATE.match(after):
            return True
        if value >= 500 and _SOFT_MEASURE.search(before + after):
            return True
    return bool(
        quantity.kind in ("count", "number") and value >= 200 and _PER_SHORT_TIME.match(after)
    )
