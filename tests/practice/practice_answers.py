"""Answers and a story written for the practice tests (our own words, not from any data set)."""

from __future__ import annotations

from starcoach.stories.model import Story, StoryAction, StoryResult

WEAK_PROUD = (
    "At my last job we had a lot of trouble with our reporting pipeline. The team looked into it "
    "and we worked on various fixes to make it better. We rewrote parts of the loader and the "
    "schedule was changed. Everything went really well in the end and management was pleased "
    "with the result."
)

STRONG_PROUD = (
    "At a regional logistics firm, our nightly route planner often finished after drivers had "
    "already left, so about one route in six went out on the previous day's plan. Nobody owned "
    "the planner, so I asked my lead to let me take it on for a quarter. I profiled a month of "
    "runs and found that most of the time went into recomputing distances that never changed. "
    "I designed a cache for the distance table, wrote the migration myself, and paired with a "
    "colleague on the rollout, which we staged over three weekends. Over the next two months, "
    "late plans fell from 17% of nights to 2%, which we tracked on the planner dashboard, and "
    "fuel costs dropped by about 6%. I'm proud of it because drivers stopped starting their day "
    "with a wrong plan. Looking back, I would have involved the dispatch team before the rollout "
    "rather than after, because they spotted two edge cases in the first week."
)

WEAK_FAILURE = (
    "My biggest failure was a data migration that slipped. The schedule was too tight and the "
    "requirements kept changing, so things were delayed. We got it done eventually and the "
    "customer was fine with it in the end."
)

CHALLENGE = (
    "The hardest challenge on the planner was keeping the cache correct when road closures "
    "changed distances during the night. Our team of five had no way to test it safely. I wrote "
    "a replay tool that fed a week of closure events through the cache and compared every answer "
    "with a fresh computation. It found three ordering bugs before launch, and after launch we "
    "had no wrong routes for the whole winter. I would build the replay tool first next time, "
    "because it would have saved me two weeks of guessing."
)


def planner_story() -> Story:
    """Return a story about the route planner, with material for every follow-up."""
    return Story(
        id="route-planner",
        title="Making the nightly route planner finish on time",
        role="Senior software engineer",
        organisation="A regional logistics firm",
        started="2021-03",
        ended="2021-09",
        team_size=5,
        situation="The nightly route planner finished after drivers left on one night in six.",
        task="Nobody owned the planner; I asked to take it on for a quarter.",
        actions=(
            StoryAction(
                did="I profiled a month of planner runs to find where the time went.", who="me"
            ),
            StoryAction(did="I designed a cache for the distance table.", who="me"),
            StoryAction(did="We staged the rollout over three weekends.", who="team"),
        ),
        results=(
            StoryResult(
                outcome="Late plans fell from 17% of nights to 2%.",
                metric="late plans 2% of nights",
                baseline="17% of nights over the previous quarter",
                measured_by="the planner dashboard",
            ),
        ),
        reflection="I would involve the dispatch team before the rollout, not after it.",
        why_it_matters="Drivers stopped starting their day with a wrong plan.",
        hardest_challenge="Keeping the cache correct when road closures changed distances overnight.",
        pushback="The dispatch lead feared stale routes; I agreed to a kill switch he could pull.",
        difficult_person="A product owner kept adding scope; I showed her the trade-off in hours.",
        failure="A cache key ignored the depot, and one depot got the wrong routes for a morning.",
        feedback="My lead said my updates buried the decision; I now open with the decision.",
        working_on_now="Shorter written updates: one paragraph, one number, one next step.",
    )
