"""Lay out the small evaluation files we wrote (tests/data/eval/) the way the external data is laid
out, so the harness can run end to end on them. Our files keep names of their own; only here do they
take the external data's paths, in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "data" / "eval"

# Our file (under tests/data/eval/) -> the path the harness reads in the evaluation data folder.
LAYOUT = {
    "agency/all_train.csv": "agency-claff/labeled_10k_train.csv",
    "agency/all_test.csv": "agency-claff/labeled_17k_test.csv",
    "agency/work_train.csv": "agency-claff/work_career_train.csv",
    "agency/work_test.csv": "agency-claff/work_career_test.csv",
    "answers/answers.jsonl": "answers-dev/answers.jsonl",
    "answers/framing_pairs.jsonl": "tech-interview-handbook/derived_framing_pairs.jsonl",
    "numbers/sentences.json": "numbers-quantulum3/quantities.json",
    "numbers/ambiguity.json": "numbers-quantulum3/quantities.ambiguity.json",
    "specificity/movie_sentences.txt": "specificity-ko2019/movies.txt",
    "specificity/movie_ratings.txt": "specificity-ko2019/moviev.txt",
    "specificity/twitter_sentences.txt": "specificity-ko2019/twitters.txt",
    "specificity/twitter_ratings.txt": "specificity-ko2019/twitterv.txt",
    "specificity/yelp_sentences.txt": "specificity-ko2019/yelps.txt",
    "specificity/yelp_ratings.txt": "specificity-ko2019/yelpv.txt",
    "star/star_parts.jsonl": "answers-dev/star_parts.jsonl",
    "star/handbook_example.json": "tech-interview-handbook/derived_star_example_gold.json",
}


def lay_out(root: Path, area: str | None = None) -> Path:
    """Copy our files (all areas, or one) into `root` under the external data's paths; return it."""
    for ours, theirs in LAYOUT.items():
        if area is None or ours.startswith(f"{area}/"):
            target = root / theirs
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(FIXTURES / ours, target)
    return root
