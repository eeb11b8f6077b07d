"""What each delivery metric means, the range that reads as fine, and our advice with its source.

The numbers here are the only place the thresholds live; docs/speech.md explains each one and the
delivery report quotes them, so a reader can see why a value was flagged.
"""

from __future__ import annotations

from dataclasses import dataclass

LONG_PAUSE_SECONDS = 1.0
"""A silence between words at least this long counts as a long pause."""
VERY_LONG_PAUSE_SECONDS = 4.0
"""A silence this long is worth attention wherever it falls: the listener may think you have finished."""
PACE_RANGE = (100.0, 165.0)
"""Words per minute that read as fine for an interview answer."""
FILLERS_PER_MINUTE_MAX = 5.0
HEDGES_PER_MINUTE_MAX = 4.0
MID_CLAUSE_PAUSES_PER_MINUTE_MAX = 2.0
REPEATS_PER_MINUTE_MAX = 3.0
PACE_WINDOW_SECONDS = 15.0
"""Pace over time is counted in windows of this length."""


@dataclass(frozen=True, slots=True)
class Metric:
    """One delivery metric: its definition, when it reads as fine, and what to do about it."""

    id: str
    name: str
    definition: str
    fine: str
    attention: str
    advice: str
    source: str


METRICS: dict[str, Metric] = {
    m.id: m
    for m in (
        Metric(
            "speaking_time",
            "Speaking time",
            "Seconds from the first word to the last, against the question's target range.",
            "inside the question's target range",
            "under its lower end (likely thin on Action or Result) or over its upper end",
            "Aim for the range the question guide gives: long enough to tell Situation, Task, "
            "Action and Result, short enough that the interviewer can dig in with follow-ups.",
            "starcoach question guide (target_seconds per prompt)",
        ),
        Metric(
            "pace",
            "Pace",
            "Words per minute over the speaking time, fillers left out; also counted in "
            f"{PACE_WINDOW_SECONDS:.0f}-second windows to show where it speeds up or slows down.",
            f"{PACE_RANGE[0]:.0f}–{PACE_RANGE[1]:.0f} words per minute",
            f"below {PACE_RANGE[0]:.0f} (hard to follow, sounds unsure) or above "
            f"{PACE_RANGE[1]:.0f} (rushed, hard to take notes)",
            "There is no single right speed: a calm explaining pace, like a good lecture or a "
            "radio talk, lets the interviewer follow and take notes. Slow down for numbers and "
            "results; speed is fine in the Situation.",
            "Tauroza & Allison (1990), 'Speech rates in British English', Applied Linguistics "
            "11(1): measured rates of lectures, radio and conversation",
        ),
        Metric(
            "pauses",
            "Long pauses",
            f"Silences of at least {LONG_PAUSE_SECONDS:.1f} s between two words, told apart by "
            "where they fall: between sentences (after . ? !) or mid-clause.",
            f"pauses between sentences; at most {MID_CLAUSE_PAUSES_PER_MINUTE_MAX:.0f} mid-clause "
            f"long pauses a minute; none over {VERY_LONG_PAUSE_SECONDS:.0f} s",
            f"more mid-clause long pauses than that, or any pause over "
            f"{VERY_LONG_PAUSE_SECONDS:.0f} s",
            "A pause between sentences gives the listener time and reads as composure. A long "
            "pause in the middle of a clause reads as searching for the story; know your "
            "Action and Result well enough that the words are there.",
            "Campione & Véronis (2002), 'A large-scale multilingual study of silent pause "
            "duration', Speech Prosody: pauses above about one second form their own long class",
        ),
        Metric(
            "fillers",
            "Filler words",
            "um, uh, er, hmm, and 'like', 'you know', 'I mean' where they are set off as "
            "fillers; counted per minute of speaking time.",
            f"up to {FILLERS_PER_MINUTE_MAX:.0f} a minute: a few fillers are normal and do not "
            "hurt how a speaker is judged",
            f"more than {FILLERS_PER_MINUTE_MAX:.0f} a minute",
            "Fillers mark that the speaker is planning what to say next. Replace them with a "
            "short silent pause; rehearsing the story's order cuts most of them.",
            "Clark & Fox Tree (2002), 'Using uh and um in spontaneous speaking', Cognition 84(1); "
            "the five-a-minute flag is our working threshold",
        ),
        Metric(
            "hedges",
            "Hedges",
            "'sort of', 'kind of', 'I guess', 'I suppose', 'more or less', 'or something' "
            "(not 'what kind of'); counted per minute.",
            f"up to {HEDGES_PER_MINUTE_MAX:.0f} a minute",
            f"more than {HEDGES_PER_MINUTE_MAX:.0f} a minute",
            "Hedges make a result sound less certain than it was. Say what you did and what "
            "changed plainly; keep 'I think' for real uncertainty.",
            "Hosman (1989), 'The evaluative consequences of hedges, hesitations, and intensifiers', "
            "Human Communication Research 15(3): hedged speech was rated less authoritative",
        ),
        Metric(
            "repeats",
            "Repeats and restarts",
            "A word said twice in a row ('I, I') or a phrase begun again ('we were, we were'); "
            "counted per minute.",
            f"up to {REPEATS_PER_MINUTE_MAX:.0f} a minute",
            f"more than {REPEATS_PER_MINUTE_MAX:.0f} a minute",
            "Restarts show the sentence was planned while it was said. Start sentences with the "
            "actor and the verb ('I rewrote…'), which are easiest to say cleanly.",
            "Levelt (1983), 'Monitoring and self-repair in speech', Cognition 14(1)",
        ),
    )
}
