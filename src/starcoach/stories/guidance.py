"""What to write in each story field: the short advice shown when a field is asked for.

The guided `starcoach story new` walks the fields in `FIELD_ORDER`, one at a time, showing the label
and the guidance for each.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldGuide:
    """How to ask for one story field."""

    name: str
    label: str
    guidance: str
    multiline: bool = False


GUIDES: tuple[FieldGuide, ...] = (
    FieldGuide(
        "title",
        "Title",
        "A short name you will recognise later, such as 'Cutting checkout latency before the peak'. "
        "Required.",
    ),
    FieldGuide(
        "role",
        "Your role",
        "Your job title while this happened. Every answer about this story should claim the same "
        "role, so write the one you will say out loud.",
    ),
    FieldGuide(
        "organisation",
        "Organisation",
        "Where it happened. Leave it empty if the name is confidential; the story works without it.",
    ),
    FieldGuide(
        "started",
        "Started",
        "When the work began: a year (2023), a month (2023-04) or a day (2023-04-17).",
    ),
    FieldGuide(
        "ended",
        "Ended",
        "When it ended, in the same form, or 'present' if it is still going.",
    ),
    FieldGuide(
        "team_size",
        "Team size",
        "How many people worked on it, you included. Interviewers notice when this number changes "
        "between answers.",
    ),
    FieldGuide(
        "situation",
        "Situation",
        "Two or three sentences of context: what was wrong or at stake, for whom, and why it "
        "mattered at the time. Keep it short; the interest is in what you did next.",
        multiline=True,
    ),
    FieldGuide(
        "task",
        "Task",
        "What you in particular were responsible for, or chose to take on, and what made it hard. "
        "Say whether it was handed to you or you picked it up.",
        multiline=True,
    ),
    FieldGuide(
        "actions",
        "Actions",
        "The steps, one at a time, each starting with a verb ('Profiled...', 'Wrote...'). For each, "
        "say who did it: you, the team, or a named colleague. Listeners want to hear your part "
        "apart from everyone else's.",
    ),
    FieldGuide(
        "results",
        "Results",
        "What changed, with a number where there is one. Then what it was before (the baseline) "
        "and how you know (how it was measured). A number with no baseline invites a hard "
        "follow-up.",
    ),
    FieldGuide(
        "reflection",
        "Reflection",
        "What you would do differently knowing what you know now. A real lesson is worth more than "
        "a modest-sounding boast.",
        multiline=True,
    ),
    FieldGuide(
        "why_it_matters",
        "Why it matters to you",
        "Why this is the work you are proud of: what it says about what you care about (the users, "
        "the team, the craft), not only the recognition it brought.",
        multiline=True,
    ),
    FieldGuide(
        "hardest_challenge",
        "Hardest challenge",
        "The hardest part of this work, what made it hard, the options you weighed and how you got "
        "through it.",
        multiline=True,
    ),
    FieldGuide(
        "pushback",
        "Pushback or disagreement",
        "A moment in this story when someone disagreed with you or you with them: what each side "
        "wanted, how you listened, the evidence, and how it was settled.",
        multiline=True,
    ),
    FieldGuide(
        "difficult_person",
        "A difficult person",
        "Someone who made this work harder. Describe what they did, not what they are, what you "
        "think was behind it, and what you did about it.",
        multiline=True,
    ),
    FieldGuide(
        "failure",
        "A mistake or failure",
        "Something that went wrong here and your part in it: what it cost, how you limited the "
        "damage, and what you do differently since.",
        multiline=True,
    ),
    FieldGuide(
        "feedback",
        "Feedback you received",
        "A specific piece of feedback you were given during this work, who gave it, and what you "
        "changed because of it.",
        multiline=True,
    ),
    FieldGuide(
        "working_on_now",
        "What you are working on now",
        "A skill this story showed you still need: how you practise it now and how you will know "
        "you are improving.",
        multiline=True,
    ),
    FieldGuide(
        "tags",
        "Tags",
        "Skills or competencies this story shows, separated by commas (for example: leadership, "
        "performance, conflict).",
    ),
)

FIELD_ORDER: tuple[str, ...] = tuple(g.name for g in GUIDES)
GUIDE_BY_NAME: dict[str, FieldGuide] = {g.name: g for g in GUIDES}
