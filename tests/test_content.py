"""The coaching content: its shape, its completeness, and the loader's strict validation."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from starcoach.content import (
    ALWAYS_WEIGHED,
    CORE_QUESTION_IDS,
    QUESTION_IDS,
    STRUCTURE_PARTS,
    Content,
    ContentError,
    UnknownQuestionError,
    UnknownRoleError,
    get_question,
    load_content,
    load_content_from,
    resolve_role,
)
from starcoach.content.loader import CONTENT_DIR

ROLE_IDS = (
    "software_engineer",
    "ml_engineer",
    "product_manager",
    "engineering_manager",
    "data_scientist",
    "designer",
    "nursing_care",
    "teaching",
    "sales",
    "retail_hospitality",
    "customer_support",
    "logistics_operations",
    "finance_accounting",
    "marketing",
    "human_resources",
    "public_service",
    "skilled_trades",
    "project_manager",
    "early_career",
)
# The roles whose advice is written for each prompt; the others give their own notes, outcomes and
# follow-ups, which hold for every prompt.
ADVISED_ROLE_IDS = ROLE_IDS[:6]
DIMENSION_IDS = (
    "ownership",
    "impact",
    "judgment",
    "collaboration",
    "resilience",
    "self_awareness",
    "growth",
    "structure",
    "communication",
)
# The analyzer rules a structure step may name (agreed with the analyzer's rule files).
KNOWN_CHECKS = frozenset(
    {
        "star.missing_situation",
        "star.missing_action",
        "star.missing_result",
        "reflection.missing",
        "result.no_number",
        "proud.no_why",
        "challenge.no_difficulty",
        "pushback.no_listening",
        "pushback.no_resolution",
        "difficult_person.no_empathy",
        "failure.no_cost",
        "failure.no_own_part",
        "failure.no_change",
        "feedback.no_specific_feedback",
        "feedback.no_change",
        "improvement.no_plan",
        "improvement.no_measure",
    }
)
WORDS_PER_MINUTE = 150  # the speaking rate the analyzer assumes for its time estimate

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'%,.-]*")
_TABLE_HEADER = re.compile(r"^\[{1,2}[a-z_.]+\]{1,2}$", re.MULTILINE)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


# --- the shipped content ---------------------------------------------------------------------


def test_core_ids_in_order_then_generic(content: Content) -> None:
    assert CORE_QUESTION_IDS == (
        "proud",
        "challenge",
        "pushback",
        "difficult_person",
        "failure",
        "feedback",
        "improvement",
    )
    assert tuple(content.questions) == (*CORE_QUESTION_IDS, "generic")
    assert tuple(q.id for q in content.core_questions()) == CORE_QUESTION_IDS
    assert [q.is_core for q in content.questions.values()] == [True] * 7 + [False]


def test_versions(content: Content) -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", content.version)


def test_dimensions_and_roles_are_the_agreed_sets(content: Content) -> None:
    assert tuple(content.dimensions) == DIMENSION_IDS
    assert tuple(content.roles) == ROLE_IDS


def test_every_question_has_every_roles_advice(content: Content) -> None:
    for question in content.questions.values():
        # The anchor prompt and the failure prompt have advice for every role; the others for the
        # first six at least (the rest fall back to each role's own notes).
        wanted = ROLE_IDS if question.id in ("proud", "failure") else ADVISED_ROLE_IDS
        assert tuple(question.role_advice)[: len(wanted)] == wanted, question.id
        for role_id, advice in question.role_advice.items():
            assert len(advice.split()) >= 25, (question.id, role_id)
        # Advice is written for this prompt, not pasted across prompts.
        assert len(set(question.role_advice.values())) == len(question.role_advice)


def test_role_advice_differs_between_prompts(content: Content) -> None:
    seen: dict[str, str] = {}
    for question in content.questions.values():
        for advice in question.role_advice.values():
            assert advice not in seen, (question.id, seen.get(advice))
            seen[advice] = question.id


def test_every_structure_part_is_a_star_part(content: Content) -> None:
    from starcoach.analysis.report import STAR_PARTS

    assert STRUCTURE_PARTS == STAR_PARTS
    for question in content.questions.values():
        assert question.structure, question.id
        for step in question.structure:
            assert step.part is None or step.part in STAR_PARTS, (question.id, step.id)


def test_structure_checks_name_known_rules(content: Content) -> None:
    used: set[str] = set()
    for question in content.questions.values():
        for check in question.checks():
            assert check in KNOWN_CHECKS, (question.id, check)
            prefix = check.split(".")[0]
            # A prompt-specific rule belongs to its own prompt only.
            assert prefix not in CORE_QUESTION_IDS or prefix == question.id, (question.id, check)
            used.add(check)
    assert used == KNOWN_CHECKS


def test_failure_structure_follows_the_recommended_order() -> None:
    steps = get_question("failure").structure
    assert [s.check for s in steps] == [
        "failure.no_cost",
        "failure.no_own_part",
        "star.missing_action",
        "failure.no_change",
    ]
    assert [s.part for s in steps] == ["situation", "task", "action", "reflection"]


def test_question_texts_meet_the_content_bar(content: Content) -> None:
    for question in content.questions.values():
        assert len(question.phrasings) >= 6, question.id
        assert 4 <= len(question.follow_ups) <= 6, question.id
        assert len(question.pitfalls) >= 4, question.id
        assert all(f.endswith("?") for f in question.follow_ups), question.id
        assert question.skeleton.count("[") >= 4, question.id
        assert question.skeleton.count("[") == question.skeleton.count("]"), question.id
        assert 25 <= question.min_words <= 40, question.id
        low, high = question.target_seconds
        assert 30 <= low < high <= 240, question.id


def test_proud_phrasings_include_the_common_forms() -> None:
    phrasings = " | ".join(get_question("proud").phrasings).lower()
    for form in (
        "greatest accomplishment",
        "most important accomplishment in your career",
        "something you've worked on that you're really, really proud of",
        "proudest achievement",
    ):
        assert form in phrasings


def test_weights_name_three_to_six_dimensions_plus_the_always_weighed(content: Content) -> None:
    for question in content.questions.values():
        for dim_id in ALWAYS_WEIGHED:
            assert dim_id in question.weights, question.id
        specific = [d for d in question.weights if d not in ALWAYS_WEIGHED]
        assert 3 <= len(specific) <= 6, question.id
        assert all(0 < w <= 1 for w in question.weights.values()), question.id
        assert max(question.weights.values()) == 1.0, question.id


def test_prompt_weights_fit_the_prompt() -> None:
    # Spot checks that the data says what the method says each prompt is about.
    assert get_question("failure").weights["self_awareness"] == 1.0
    assert get_question("failure").weights["growth"] == 1.0
    assert get_question("pushback").weights["collaboration"] == 1.0
    assert get_question("proud").weights["impact"] == 1.0
    assert get_question("improvement").weights["growth"] == 1.0
    assert "impact" not in get_question("improvement").weights


@pytest.mark.parametrize("question_id", QUESTION_IDS)
def test_example_is_a_strong_first_person_answer(question_id: str) -> None:
    question = get_question(question_id)
    words = _WORD.findall(question.example)
    assert 150 <= len(words) <= 250, len(words)
    # First person, with the speaker's own actions.
    assert len(re.findall(r"\bI\b", question.example)) >= 8
    # A measurable result.
    assert re.search(r"\d", question.example)
    # A reflection close to the end.
    tail = question.example[len(question.example) // 2 :]
    assert re.search(
        r"\b(If I did it again|Looking back|I learned|What I learned|What I took|Since then|Next)\b",
        tail,
    )
    # The spoken length fits the prompt's target at the analyzer's speaking rate.
    seconds = len(words) * 60 / WORDS_PER_MINUTE
    low, high = question.target_seconds
    assert low <= seconds <= high, seconds


def test_examples_pass_their_own_min_words(content: Content) -> None:
    for question in content.questions.values():
        assert len(question.example.split()) >= 3 * question.min_words


def test_text_is_folded_to_single_spaces(content: Content) -> None:
    for question in content.questions.values():
        for text in (question.why, question.signal, question.skeleton, question.example):
            assert "\n" not in text and "  " not in text
            assert text == text.strip()


def test_dimension_anchors_are_exactly_one_to_five(content: Content) -> None:
    for dimension in content.dimensions.values():
        assert tuple(dimension.anchors) == (1, 2, 3, 4, 5), dimension.id
        assert len(set(dimension.anchors.values())) == 5, dimension.id
        assert dimension.question.endswith("?"), dimension.id


def test_roles_have_aliases_and_focus(content: Content) -> None:
    for role in content.roles.values():
        assert role.aliases, role.id
        assert len(role.focus.split()) >= 20, role.id


def test_content_is_immutable(content: Content) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        content.questions["extra"] = content.questions["proud"]  # type: ignore[index]
    with pytest.raises(TypeError):
        get_question("proud").weights["impact"] = 0.1  # type: ignore[index]


def test_load_content_is_cached() -> None:
    assert load_content() is load_content()


# --- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("swe", "software_engineer"),
        ("Software Engineer", "software_engineer"),
        ("software-engineer", "software_engineer"),
        ("software_engineer", "software_engineer"),
        ("  Backend   Engineer ", "software_engineer"),
        ("PM", "product_manager"),
        ("product manager", "product_manager"),
        ("em", "engineering_manager"),
        ("MLE", "ml_engineer"),
        ("machine learning engineer", "ml_engineer"),
        ("ds", "data_scientist"),
        ("UX Designer", "designer"),
        ("designer", "designer"),
    ],
)
def test_resolve_role(name: str, role_id: str) -> None:
    assert resolve_role(name).id == role_id


@pytest.mark.parametrize("name", ["astronaut", "", "   ", "software"])
def test_resolve_unknown_role_lists_valid_ids(name: str) -> None:
    with pytest.raises(UnknownRoleError) as info:
        resolve_role(name)
    assert isinstance(info.value, ValueError)
    for role_id in ROLE_IDS:
        assert role_id in str(info.value)


def test_get_question() -> None:
    assert get_question("feedback").id == "feedback"
    with pytest.raises(UnknownQuestionError) as info:
        get_question("leadership")
    assert isinstance(info.value, ValueError)
    for question_id in QUESTION_IDS:
        assert question_id in str(info.value)


# --- strict validation -----------------------------------------------------------------------


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    for name in ("questions.toml", "dimensions.toml", "roles.toml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return tmp_path


def _edit(directory: Path, filename: str, header: str, old: str, new: str) -> None:
    """Replace `old` with `new` once, inside the TOML table that starts with `header`."""
    path = directory / filename
    text = path.read_text(encoding="utf-8")
    start = text.index(header + "\n")
    following = _TABLE_HEADER.search(text, start + len(header))
    end = following.start() if following else len(text)
    section = text[start:end]
    assert old in section, f"{old!r} not in {header}"
    path.write_text(text[:start] + section.replace(old, new, 1) + text[end:], encoding="utf-8")


def test_copied_content_loads_like_the_shipped_one(content_dir: Path) -> None:
    assert load_content_from(content_dir) == load_content()


# (file, table header, old text, new text, words the error must name)
BROKEN: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    (
        "questions.toml",
        "[questions.failure]",
        "title = ",
        "colour = 'red'\ntitle = ",
        ("questions.toml", "'failure'", "'colour'"),
    ),
    (
        "questions.toml",
        "[questions.feedback]",
        "title = 'Constructive feedback you received'\n",
        "",
        ("questions.toml", "'feedback'", "'title'"),
    ),
    (
        "questions.toml",
        "[questions.feedback]",
        "min_words = 25",
        "min_words = 'twenty-five'",
        ("questions.toml", "'feedback'", "'min_words'"),
    ),
    (
        "questions.toml",
        "[questions.proud]",
        "min_words = 30",
        "min_words = 30.5",
        ("questions.toml", "'proud'", "'min_words'"),
    ),
    (
        "questions.toml",
        "[questions.challenge]",
        "target_seconds = [60, 150]",
        "target_seconds = [150, 60]",
        ("questions.toml", "'challenge'", "'target_seconds'"),
    ),
    (
        "questions.toml",
        "[questions.proud]",
        "phrasings = [",
        "phrasings = [3, ",
        ("questions.toml", "'proud'", "'phrasings'"),
    ),
    (
        "questions.toml",
        "[questions.pushback.weights]",
        "collaboration = 1.0",
        "charisma = 1.0",
        ("questions.toml", "'pushback'", "'weights'", "'charisma'"),
    ),
    (
        "questions.toml",
        "[questions.pushback.weights]",
        "collaboration = 1.0",
        "collaboration = 'high'",
        ("questions.toml", "'pushback'", "'weights'", "'collaboration'"),
    ),
    (
        "questions.toml",
        "[questions.generic.weights]",
        "communication = 0.5",
        "",
        ("questions.toml", "'generic'", "'weights'", "'communication'"),
    ),
    (
        "questions.toml",
        "[questions.challenge.roles]",
        "software_engineer = ",
        "astronaut = 'Mention the rocket.'\nsoftware_engineer = ",
        ("questions.toml", "'challenge'", "'roles'", "'astronaut'"),
    ),
    (
        "questions.toml",
        "[questions.failure.roles]",
        "designer = '''",
        "designers = '''",
        ("questions.toml", "'failure'", "'roles'"),
    ),
    (
        "questions.toml",
        "[[questions.failure.structure]]",
        "part = 'situation'",
        "part = 'setting'",
        ("questions.toml", "'failure'", "'what_went_wrong'", "'part'"),
    ),
    (
        "questions.toml",
        "[[questions.failure.structure]]",
        "check = 'failure.no_cost'",
        "check = 'no cost'",
        ("questions.toml", "'failure'", "'what_went_wrong'", "'check'"),
    ),
    (
        "questions.toml",
        "[[questions.failure.structure]]",
        "label = ",
        "tip = 'x'\nlabel = ",
        ("questions.toml", "'failure'", "'what_went_wrong'", "'tip'"),
    ),
    (
        "dimensions.toml",
        "[dimensions.growth.anchors]",
        "1 = ",
        "6 = 'Beyond the scale.'\n1 = ",
        ("dimensions.toml", "'growth'", "'anchors'"),
    ),
    (
        "dimensions.toml",
        "[dimensions.growth.anchors]",
        "3 = ",
        "three = ",
        ("dimensions.toml", "'growth'", "'anchors'"),
    ),
    (
        "dimensions.toml",
        "[dimensions.impact]",
        "name = 'Impact'",
        "name = 'Impact'\nweight = 2",
        ("dimensions.toml", "'impact'", "'weight'"),
    ),
    (
        "roles.toml",
        "[roles.designer]",
        "name = 'Designer'",
        "name = 3",
        ("roles.toml", "'designer'", "'name'"),
    ),
    (
        "roles.toml",
        "[roles.designer]",
        "name = 'Designer'",
        "name = 'Designer'\nsalary = 1",
        ("roles.toml", "'designer'", "'salary'"),
    ),
    (
        "roles.toml",
        "[roles.designer]",
        "aliases = [",
        "aliases = [\n    'pm',",
        ("roles.toml", "'designer'", "'aliases'", "'pm'"),
    ),
]


@pytest.mark.parametrize(
    ("filename", "header", "old", "new", "named"),
    BROKEN,
    ids=[f"{b[0]}:{b[4][-1]}" for b in BROKEN],
)
def test_broken_content_names_file_id_and_key(
    content_dir: Path, filename: str, header: str, old: str, new: str, named: tuple[str, ...]
) -> None:
    _edit(content_dir, filename, header, old, new)
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    message = str(info.value)
    for word in named:
        assert word in message, (word, message)
    assert str(content_dir) in message


def test_new_role_without_advice_per_prompt_loads(content_dir: Path) -> None:
    roles = content_dir / "roles.toml"
    roles.write_text(
        roles.read_text(encoding="utf-8")
        + "\n[roles.researcher]\nname = 'Researcher'\naliases = ['ux researcher']\nfocus = 'x'\n"
        + "outcomes = ['a study that changed a decision']\nfollow_ups = ['How did you recruit?']\n",
        encoding="utf-8",
    )
    loaded = load_content_from(content_dir)
    assert "researcher" in loaded.roles
    assert "researcher" not in loaded.questions["proud"].role_advice


def test_role_without_outcomes_is_an_error(content_dir: Path) -> None:
    roles = content_dir / "roles.toml"
    roles.write_text(
        roles.read_text(encoding="utf-8")
        + "\n[roles.researcher]\nname = 'Researcher'\naliases = ['ux researcher']\nfocus = 'x'\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    for word in ("roles.toml", "'researcher'", "'outcomes'"):
        assert word in str(info.value)


def test_unknown_question_id_is_an_error(content_dir: Path) -> None:
    path = content_dir / "questions.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("questions.generic", "questions.general"),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    assert "questions.toml" in str(info.value) and "'general'" in str(info.value)


def test_questions_out_of_order_are_an_error(content_dir: Path) -> None:
    path = content_dir / "questions.toml"
    text = path.read_text(encoding="utf-8")
    # Move the generic prompt to the front.
    start = text.index("[questions.generic]")
    generic = text[start:]
    first = text.index("[questions.proud]")
    path.write_text(text[:first] + generic + "\n" + text[first:start], encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    assert "questions.toml" in str(info.value) and "order" in str(info.value)


def test_invalid_toml_names_the_file(content_dir: Path) -> None:
    (content_dir / "dimensions.toml").write_text("version = \n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    assert "dimensions.toml" in str(info.value)


def test_missing_file_names_the_file(content_dir: Path) -> None:
    (content_dir / "roles.toml").unlink()
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    assert "roles.toml" in str(info.value)


def test_version_mismatch_names_the_file(content_dir: Path) -> None:
    path = content_dir / "roles.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"version = '[^']*'", "version = '1999.1.1'", text), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content_from(content_dir)
    assert "roles.toml" in str(info.value) and "'version'" in str(info.value)
