"""Story files: lossless round trips and clear, located errors for bad files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from starcoach.storage.storyfile import parse_story, read_story_file, render_story
from starcoach.stories.errors import StoryInvalid
from starcoach.stories.model import (
    MAX_TAG_CHARS,
    SECTIONS,
    Story,
    StoryAction,
    StoryResult,
    normalize_tag,
    validate_story,
)

DATA = Path(__file__).parent.parent / "data" / "stories"

FULL = Story(
    id="café-story".replace("é", "e"),
    title="Réécrire le moteur de recherche — 検索 🚀",
    role="Staff engineer",
    organisation="Ørsted & Sons: \"quoted\" 'name'",
    started="2021-03-01",
    ended="present",
    team_size=12,
    situation="First line.\n\nSecond paragraph with trailing spaces   \n  indented line\n## looks like a heading",
    task="yes",
    actions=(
        StoryAction(did="I wrote the plan.\nIt had two lines.", who="me"),
        StoryAction(did="- a dash start: and colon", who="Ana Lima, designer"),
        StoryAction(did="null", who="team"),
        StoryAction(did="Something nobody owned", who=""),
    ),
    results=(
        StoryResult(
            outcome="Latency fell 40%", metric="p95 0.9 s", baseline="1.5 s", measured_by="APM"
        ),
        StoryResult(outcome="# not a comment", metric="", baseline="", measured_by=""),
    ),
    reflection="\\## already escaped once\n\\\\## twice",
    why_it_matters="Tabs\tinside, and «guillemets».",
    hardest_challenge="---\nthree dashes on a line",
    pushback="...",
    difficult_person="1.0",
    failure="true",
    feedback="2021-03-01",
    working_on_now="- item one\n- item two",
    tags=("système", "100", "yes", "a: b"),
    anchor=True,
)


def test_every_field_survives_a_round_trip() -> None:
    story = validate_story(FULL)
    # The fixture is already normalized, so validation must not have changed any field.
    assert story == FULL
    back = parse_story(render_story(story))
    for field in dataclasses.fields(Story):
        assert getattr(back, field.name) == getattr(story, field.name), field.name


def test_empty_optional_fields_survive_a_round_trip() -> None:
    story = validate_story(Story(id="bare", title="Only a title"))
    text = render_story(story)
    assert parse_story(text) == story
    # Every section is written, even empty, so the file doubles as a template.
    for _, heading in SECTIONS:
        assert f"## {heading}\n" in text


def test_rendering_is_stable() -> None:
    text = render_story(FULL)
    assert render_story(parse_story(text)) == text


_chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufffe\uffff"
)
_chunk = st.text(_chars, max_size=8) | st.sampled_from(
    ["\n", "\t", " ", "#", "## ", "\\", "\n---\n", ": ", "- ", "'", '"', "|", "> ", "\n## Task\n"]
)
_text = st.lists(_chunk, max_size=8).map("".join)
_line = _text.map(lambda s: " ".join(s.split()))


@st.composite
def stories(draw: st.DrawFn) -> Story:
    title = draw(_line.filter(bool))
    return validate_story(
        Story(
            id=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)),
            title=title,
            role=draw(_line),
            organisation=draw(_line),
            started=draw(st.sampled_from(["", "2020", "2020-01", "2020-01-31"])),
            ended=draw(st.sampled_from(["", "2021", "2021-12", "present"])),
            team_size=draw(st.none() | st.integers(1, 500)),
            actions=tuple(
                StoryAction(did=d, who=w)
                for d, w in draw(st.lists(st.tuples(_text.filter(str.strip), _line), max_size=3))
            ),
            results=tuple(
                StoryResult(*r)
                for r in draw(
                    st.lists(st.tuples(_text.filter(str.strip), _text, _text, _text), max_size=2)
                )
            ),
            # The limit holds for the stored (lowercased) tag; a few letters grow when lowercased.
            tags=tuple(
                draw(
                    st.lists(
                        _line.filter(bool)
                        .map(lambda t: t[:40])
                        .filter(lambda t: len(normalize_tag(t)) <= MAX_TAG_CHARS),
                        max_size=3,
                    )
                )
            ),
            anchor=draw(st.booleans()),
            **{name: draw(_text) for name, _ in SECTIONS},
        )
    )


@settings(max_examples=200, deadline=None)
@given(stories())
def test_any_valid_story_round_trips(story: Story) -> None:
    assert parse_story(render_story(story)) == story


def test_fixture_files_parse() -> None:
    story = read_story_file(DATA / "checkout-latency.md")
    assert story.id == "checkout-latency"
    assert story.team_size == 5
    assert story.started == "2022-02"
    assert [a.who for a in story.actions] == ["me", "me", "team", "me"]
    assert story.results[0].baseline.startswith("2.4 seconds")
    assert story.tags == ("performance", "ownership", "influence")
    assert story.failure.startswith("In the second stage")


def _problems(text: str) -> list[tuple[int | None, str | None]]:
    with pytest.raises(StoryInvalid) as caught:
        parse_story(text, source="s.md")
    assert caught.value.source == "s.md"
    return [(p.line, p.field) for p in caught.value.problems]


def test_missing_front_matter_is_reported_on_line_one() -> None:
    assert _problems("# A story\n\nno front matter") == [(1, None)]


def test_unclosed_front_matter_is_reported() -> None:
    assert _problems("---\ntitle: x\n") == [(1, None)]


def test_malformed_yaml_names_its_line() -> None:
    text = "---\ntitle: ok\nrole: [unclosed\norganisation: x\n---\n"
    [(line, field)] = _problems(text)
    assert field is None
    assert line in (4, 5)  # the scanner notices at the next line or the end


def test_missing_title_is_named() -> None:
    assert _problems("---\nrole: Engineer\n---\n") == [(1, "title")]


def test_empty_title_is_located() -> None:
    assert _problems("---\nid: x\ntitle: ''\n---\n") == [(3, "title")]


def test_unknown_keys_are_named_with_their_lines() -> None:
    text = "---\ntitle: T\nteamsize: 4\nactions:\n- did: x\n  whom: me\n---\n"
    assert _problems(text) == [(3, "teamsize"), (6, "actions[1].whom")]


def test_wrong_types_name_field_and_line() -> None:
    text = "---\ntitle: T\nteam_size: five\nanchor: maybe\ntags: {a: 1}\n---\n"
    assert _problems(text) == [(3, "team_size"), (4, "anchor"), (5, "tags")]


def test_invalid_values_are_located() -> None:
    text = "---\nid: Not A Slug\ntitle: T\nstarted: 2022-13\nended: 2021\n---\n"
    assert _problems(text) == [(2, "id"), (4, "started")]


def test_end_before_start_is_located() -> None:
    assert _problems("---\ntitle: T\nstarted: 2022\nended: 2021-05\n---\n") == [(4, "ended")]


def test_action_without_did_is_located() -> None:
    assert _problems("---\ntitle: T\nactions:\n- who: me\n---\n") == [(4, "actions[1]")]


def test_unknown_and_duplicate_sections_are_located() -> None:
    text = "---\ntitle: T\n---\n\n## Situation\nx\n## Sitation\ny\n## Situation\nz\n"
    assert _problems(text) == [(7, None), (9, "situation")]


def test_text_outside_a_section_is_located() -> None:
    assert _problems("---\ntitle: T\n---\nstray words\n## Task\nt\n") == [(4, None)]


def test_duplicate_front_matter_key_is_located() -> None:
    assert _problems("---\ntitle: T\ntitle: U\n---\n") == [(3, "title")]


def test_control_characters_are_refused() -> None:
    assert _problems("---\ntitle: T\n---\n## Task\nbad \x07 bell\n") == [(4, "task")]


def test_missing_id_is_made_from_the_title() -> None:
    story = parse_story("---\ntitle: Ship the Search Revamp!\n---\n")
    assert story.id == "ship-the-search-revamp"


def test_windows_line_endings_and_bom_are_accepted() -> None:
    text = "\ufeff---\r\ntitle: T\r\n---\r\n## Task\r\nline one\r\nline two\r\n"
    assert parse_story(text).task == "line one\nline two"


def test_yaml_dates_and_years_become_text() -> None:
    story = parse_story("---\ntitle: T\nstarted: 2021-03-04\nended: 2022\n---\n")
    assert (story.started, story.ended) == ("2021-03-04", "2022")


def test_plain_string_items_are_accepted() -> None:
    story = parse_story("---\ntitle: T\nactions:\n- did a thing\nresults:\n- it worked\n---\n")
    assert story.actions == (StoryAction(did="did a thing", who=""),)
    assert story.results == (StoryResult(outcome="it worked"),)


def test_binary_and_invalid_utf8_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "b.md"
    binary.write_bytes(b"---\ntitle: x\n\x00\x01")
    bad = tmp_path / "u.md"
    bad.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    for path, line in ((binary, 3), (bad, 2)):
        with pytest.raises(StoryInvalid) as caught:
            read_story_file(path)
        assert caught.value.source == path
        assert caught.value.problems[0].line == line


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoryInvalid) as caught:
        read_story_file(tmp_path / "nope.md")
    assert caught.value.source == tmp_path / "nope.md"
