"""Load and strictly validate the coaching content shipped as TOML beside this module.

The content (questions, dimensions, roles) changes far more often than code, so it lives in data
files. A typo in a data file must fail loudly at load time with the file, the id and the key in the
message, rather than surface later as a missing piece of advice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "ALWAYS_WEIGHED",
    "CORE_QUESTION_IDS",
    "GENERIC_QUESTION_ID",
    "QUESTION_IDS",
    "STRUCTURE_PARTS",
    "Content",
    "ContentError",
    "Dimension",
    "Question",
    "Role",
    "StructureStep",
    "UnknownQuestionError",
    "UnknownRoleError",
    "get_question",
    "load_content",
    "load_content_from",
    "resolve_role",
]

CORE_QUESTION_IDS: tuple[str, ...] = (
    "proud",
    "challenge",
    "pushback",
    "difficult_person",
    "failure",
    "feedback",
    "improvement",
)
"""The seven core prompts, in the order an interview usually walks through them."""

GENERIC_QUESTION_ID = "generic"
"""Any other behavioral question, checked as plain STAR + Reflection."""

QUESTION_IDS: tuple[str, ...] = (*CORE_QUESTION_IDS, GENERIC_QUESTION_ID)

# The same names as `starcoach.analysis.report.STAR_PARTS`; repeated here because content sits
# beside analysis in the layering and must not import it (a test keeps the two equal).
STRUCTURE_PARTS: tuple[str, ...] = ("situation", "task", "action", "result", "reflection")

ALWAYS_WEIGHED: tuple[str, ...] = ("structure", "communication")
"""Dimensions every prompt weighs, whatever else it looks for."""

CONTENT_DIR = Path(__file__).resolve().parent
QUESTIONS_FILE = "questions.toml"
DIMENSIONS_FILE = "dimensions.toml"
ROLES_FILE = "roles.toml"

_ID_RE = re.compile(r"^[a-z][a-z_]*$")
_CHECK_RE = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")
_ANCHOR_LEVELS = (1, 2, 3, 4, 5)


class ContentError(ValueError):
    """A content file is missing, unreadable or does not match the expected shape."""


class UnknownQuestionError(ValueError):
    """A question id that the content does not define."""


class UnknownRoleError(ValueError):
    """A role name that matches no role id, name or alias."""


@dataclass(frozen=True, slots=True)
class StructureStep:
    """One step of the recommended structure for a prompt."""

    id: str
    label: str
    guidance: str
    part: str | None
    """The STAR+R part this step belongs to, or None when it spans parts."""
    check: str | None
    """The analyzer rule id that flags this step as missing, or None when no rule checks it."""


@dataclass(frozen=True, slots=True)
class Question:
    """One interview prompt: how it is asked, what it tests and how to answer it."""

    id: str
    title: str
    phrasings: tuple[str, ...]
    why: str
    signal: str
    skeleton: str
    example: str
    structure: tuple[StructureStep, ...]
    pitfalls: tuple[str, ...]
    follow_ups: tuple[str, ...]
    role_advice: Mapping[str, str]
    weights: Mapping[str, float]
    target_seconds: tuple[int, int]
    min_words: int

    @property
    def is_core(self) -> bool:
        """Return True for the seven core prompts (False for the generic one)."""
        return self.id in CORE_QUESTION_IDS

    def checks(self) -> tuple[str, ...]:
        """Return the rule ids the structure steps name, in step order, without repeats."""
        return tuple(dict.fromkeys(s.check for s in self.structure if s.check is not None))


@dataclass(frozen=True, slots=True)
class Dimension:
    """A dimension of a good answer with its behaviour-anchored 1-5 scale."""

    id: str
    name: str
    question: str
    anchors: Mapping[int, str]
    probe: str = ""
    """The follow-up question that draws out evidence for the dimension when an answer shows none."""


@dataclass(frozen=True, slots=True)
class Role:
    """A job family whose interviewers listen for particular things."""

    id: str
    name: str
    aliases: tuple[str, ...]
    focus: str
    outcomes: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Content:
    """All coaching content, validated, keyed by id in file order."""

    questions: Mapping[str, Question]
    dimensions: Mapping[str, Dimension]
    roles: Mapping[str, Role]
    version: str

    def core_questions(self) -> tuple[Question, ...]:
        """Return the seven core prompts in order."""
        return tuple(self.questions[qid] for qid in CORE_QUESTION_IDS)


@cache
def load_content() -> Content:
    """Return the validated content shipped with the package (read once per process)."""
    return load_content_from(CONTENT_DIR)


def load_content_from(directory: Path | str) -> Content:
    """Read and validate the three content files in `directory`; raise ContentError on any flaw."""
    base = Path(directory)
    questions_path = base / QUESTIONS_FILE
    dimensions_path = base / DIMENSIONS_FILE
    roles_path = base / ROLES_FILE
    raw_questions = _read_toml(questions_path)
    raw_dimensions = _read_toml(dimensions_path)
    raw_roles = _read_toml(roles_path)

    versions = {
        path: _version(raw, path)
        for path, raw in (
            (questions_path, raw_questions),
            (dimensions_path, raw_dimensions),
            (roles_path, raw_roles),
        )
    }
    version = versions[questions_path]
    for path, other in versions.items():
        if other != version:
            raise ContentError(
                f"{path}: key 'version': {other!r} differs from {version!r} in {questions_path.name}"
                " (the content files are versioned together)"
            )

    dimensions = _parse_dimensions(raw_dimensions, dimensions_path)
    roles = _parse_roles(raw_roles, roles_path)
    questions = _parse_questions(raw_questions, questions_path, dimensions, roles)
    return Content(
        questions=MappingProxyType(questions),
        dimensions=MappingProxyType(dimensions),
        roles=MappingProxyType(roles),
        version=version,
    )


def get_question(question_id: str) -> Question:
    """Return the question with id `question_id`; raise UnknownQuestionError if none."""
    questions = load_content().questions
    try:
        return questions[question_id]
    except KeyError:
        valid = ", ".join(questions)
        raise UnknownQuestionError(
            f"unknown question id {question_id!r} (valid ids: {valid})"
        ) from None


def resolve_role(name: str) -> Role:
    """Return the role that `name` names or nearest matches (see `match_role`); raise UnknownRoleError."""
    match = match_role(name)
    if match is None:
        valid = ", ".join(load_content().roles)
        raise UnknownRoleError(
            f"no role matches {name!r}; name your job in a few words (e.g. nurse, store manager,"
            f" teacher) or use a role id: {valid}"
        )
    return match.role


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """The role that a free-text job title was read as, and the label that decided it."""

    role: Role
    label: str
    exact: bool


def match_role(name: str) -> RoleMatch | None:
    """Return the role a free-text job title names, or None when it names none.

    Exact first: the id, name or an alias, ignoring case, hyphens, underscores and spacing
    ("Software-Engineer"). Otherwise the longest id, name or alias that appears in the title as whole
    words wins ("Year 4 teacher" -> teacher, "senior ICU nurse" -> nurse, "warehouse supervisor" ->
    logistics, not the retail "supervisor"); on a tie the role listed first in roles.toml. A plural
    word counts as its singular ("nurses"). Nothing is guessed from spelling alone.
    """
    roles = load_content().roles
    wanted = _role_key(name)
    if not wanted:
        return None
    labels = _role_labels(roles)
    if wanted in labels:
        role_id, label = labels[wanted]
        return RoleMatch(roles[role_id], label, exact=True)
    words = wanted.split()
    variants = [words, [_singular(word) for word in words]]
    best: tuple[int, int, str, str] | None = None
    order = {role_id: k for k, role_id in enumerate(roles)}
    for key, (role_id, label) in labels.items():
        needle = key.split()
        if any(_contains(tokens, needle) for tokens in variants):
            rank = (-len(needle), order[role_id], role_id, label)
            if best is None or rank < best:
                best = rank
    if best is None:
        return None
    return RoleMatch(roles[best[2]], best[3], exact=False)


def _role_labels(roles: Mapping[str, Role]) -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for role in roles.values():
        for label in (role.name, *role.aliases, role.id):
            labels.setdefault(_role_key(label), (role.id, label))
    return labels


def _contains(tokens: list[str], needle: list[str]) -> bool:
    width = len(needle)
    return any(tokens[k : k + width] == needle for k in range(len(tokens) - width + 1))


def _singular(word: str) -> str:
    # Enough for job titles: "nurses", "teachers", "accountants"; not "sales" or "ops".
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "ics", "les")):
        return word[:-1]
    return word


def _role_key(name: str) -> str:
    # "Software-Engineer", "software_engineer" and "software  engineer" all name the same role;
    # punctuation other than "&" (as in "L&D") separates words: "nurse (ICU)" holds "nurse".
    folded = name.lower().replace("_", " ").replace("-", " ").replace("/", " ")
    return " ".join(re.sub(r"[^\w&+ ]", " ", folded).split())


# --- reading ---------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here so that importing the package (e.g. for the CLI's --help) does not pay for it.
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(f"{path}: content file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ContentError(f"{path}: cannot be read: {exc.strerror}") from None


def _version(raw: Mapping[str, Any], path: Path) -> str:
    if "version" not in raw:
        raise ContentError(f"{path}: missing key 'version'")
    value = raw["version"]
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{path}: key 'version' must be a non-empty string")
    return value


# --- field helpers ---------------------------------------------------------------------------


def _check_keys(
    table: Mapping[str, Any], required: tuple[str, ...], optional: tuple[str, ...], where: str
) -> None:
    unknown = [key for key in table if key not in required and key not in optional]
    if unknown:
        allowed = ", ".join((*required, *optional))
        raise ContentError(f"{where}: unknown key {unknown[0]!r} (allowed keys: {allowed})")
    missing = [key for key in required if key not in table]
    if missing:
        raise ContentError(f"{where}: missing key {missing[0]!r}")


def _table(value: object, where: str, key: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(f"{where}: key {key!r} must be a table, got {_type_name(value)}")
    return value


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table[key]
    if not isinstance(value, str):
        raise ContentError(f"{where}: key {key!r} must be a string, got {_type_name(value)}")
    # Long texts are wrapped freely in the files; a line break there is never meaningful.
    folded = " ".join(value.split())
    if not folded:
        raise ContentError(f"{where}: key {key!r} must not be empty")
    return folded


def _optional_text(table: Mapping[str, Any], key: str, where: str) -> str | None:
    return _text(table, key, where) if key in table else None


def _text_list(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list):
        raise ContentError(
            f"{where}: key {key!r} must be a list of strings, got {_type_name(value)}"
        )
    if not value:
        raise ContentError(f"{where}: key {key!r} must not be empty")
    items: list[str] = []
    for index, item in enumerate(value):
        folded = " ".join(item.split()) if isinstance(item, str) else ""
        if not folded:
            raise ContentError(
                f"{where}: key {key!r} item {index} must be a non-empty string,"
                f" got {_type_name(item)}"
            )
        items.append(folded)
    if len(set(items)) != len(items):
        raise ContentError(f"{where}: key {key!r} has a repeated item")
    return tuple(items)


def _identifier(value: str, where: str, what: str) -> str:
    if not _ID_RE.match(value):
        raise ContentError(f"{where}: {what} {value!r} must be lowercase letters and underscores")
    return value


def _type_name(value: object) -> str:
    names = {dict: "table", list: "list", str: "string", bool: "boolean", int: "integer"}
    return names.get(type(value), type(value).__name__)


# --- dimensions ------------------------------------------------------------------------------


def _parse_dimensions(raw: Mapping[str, Any], path: Path) -> dict[str, Dimension]:
    _check_keys(raw, ("version", "dimensions"), (), str(path))
    tables = _table(raw["dimensions"], str(path), "dimensions")
    dimensions: dict[str, Dimension] = {}
    for dim_id, value in tables.items():
        where = f"{path}: dimension {dim_id!r}"
        _identifier(dim_id, str(path), "dimension id")
        table = _table(value, str(path), f"dimensions.{dim_id}")
        _check_keys(table, ("name", "question", "anchors"), ("probe",), where)
        anchors_raw = _table(table["anchors"], where, "anchors")
        anchors: dict[int, str] = {}
        for level_key in anchors_raw:
            if level_key not in {str(level) for level in _ANCHOR_LEVELS}:
                raise ContentError(
                    f"{where}: key 'anchors' has level {level_key!r}; levels must be exactly 1..5"
                )
            anchors[int(level_key)] = _text(anchors_raw, level_key, f"{where}: anchors")
        missing = [level for level in _ANCHOR_LEVELS if level not in anchors]
        if missing:
            raise ContentError(
                f"{where}: key 'anchors' lacks level {missing[0]}; levels must be exactly 1..5"
            )
        dimensions[dim_id] = Dimension(
            id=dim_id,
            name=_text(table, "name", where),
            question=_text(table, "question", where),
            anchors=MappingProxyType({level: anchors[level] for level in _ANCHOR_LEVELS}),
            probe=_text(table, "probe", where) if "probe" in table else "",
        )
    for dim_id in ALWAYS_WEIGHED:
        if dim_id not in dimensions:
            raise ContentError(f"{path}: missing dimension {dim_id!r} (every prompt weighs it)")
    return dimensions


# --- roles -----------------------------------------------------------------------------------


def _parse_roles(raw: Mapping[str, Any], path: Path) -> dict[str, Role]:
    _check_keys(raw, ("version", "roles"), (), str(path))
    tables = _table(raw["roles"], str(path), "roles")
    if not tables:
        raise ContentError(f"{path}: key 'roles' defines no role")
    roles: dict[str, Role] = {}
    seen: dict[str, str] = {}
    for role_id, value in tables.items():
        where = f"{path}: role {role_id!r}"
        _identifier(role_id, str(path), "role id")
        table = _table(value, str(path), f"roles.{role_id}")
        _check_keys(table, ("name", "aliases", "focus", "outcomes", "follow_ups"), (), where)
        role = Role(
            id=role_id,
            name=_text(table, "name", where),
            aliases=_text_list(table, "aliases", where),
            focus=_text(table, "focus", where),
            outcomes=_text_list(table, "outcomes", where),
            follow_ups=_text_list(table, "follow_ups", where),
        )
        # A name that resolves to two roles would make `--role` depend on file order.
        for label in {_role_key(role.id), _role_key(role.name), *map(_role_key, role.aliases)}:
            if label in seen and seen[label] != role_id:
                raise ContentError(
                    f"{where}: key 'aliases': {label!r} already names role {seen[label]!r}"
                )
            seen[label] = role_id
        roles[role_id] = role
    return roles


# --- questions -------------------------------------------------------------------------------

_QUESTION_REQUIRED = (
    "title",
    "phrasings",
    "why",
    "signal",
    "skeleton",
    "example",
    "structure",
    "pitfalls",
    "follow_ups",
    "roles",
    "weights",
    "target_seconds",
    "min_words",
)
_STEP_REQUIRED = ("id", "label", "guidance")
_STEP_OPTIONAL = ("part", "check")


def _parse_questions(
    raw: Mapping[str, Any],
    path: Path,
    dimensions: Mapping[str, Dimension],
    roles: Mapping[str, Role],
) -> dict[str, Question]:
    _check_keys(raw, ("version", "questions"), (), str(path))
    tables = _table(raw["questions"], str(path), "questions")
    for question_id in tables:
        if question_id not in QUESTION_IDS:
            valid = ", ".join(QUESTION_IDS)
            raise ContentError(
                f"{path}: question {question_id!r}: unknown question id (valid ids: {valid})"
            )
    for question_id in QUESTION_IDS:
        if question_id not in tables:
            raise ContentError(f"{path}: question {question_id!r}: missing")
    if tuple(tables) != QUESTION_IDS:
        raise ContentError(
            f"{path}: key 'questions': ids must appear in the order {', '.join(QUESTION_IDS)}"
        )
    return {
        question_id: _parse_question(question_id, tables[question_id], path, dimensions, roles)
        for question_id in QUESTION_IDS
    }


def _parse_question(
    question_id: str,
    value: object,
    path: Path,
    dimensions: Mapping[str, Dimension],
    roles: Mapping[str, Role],
) -> Question:
    where = f"{path}: question {question_id!r}"
    table = _table(value, str(path), f"questions.{question_id}")
    _check_keys(table, _QUESTION_REQUIRED, (), where)
    return Question(
        id=question_id,
        title=_text(table, "title", where),
        phrasings=_text_list(table, "phrasings", where),
        why=_text(table, "why", where),
        signal=_text(table, "signal", where),
        skeleton=_text(table, "skeleton", where),
        example=_text(table, "example", where),
        structure=_parse_structure(table["structure"], where),
        pitfalls=_text_list(table, "pitfalls", where),
        follow_ups=_text_list(table, "follow_ups", where),
        role_advice=_parse_role_advice(table["roles"], where, roles),
        weights=_parse_weights(table["weights"], where, dimensions),
        target_seconds=_parse_target(table["target_seconds"], where),
        min_words=_parse_min_words(table["min_words"], where),
    )


def _parse_structure(value: object, where: str) -> tuple[StructureStep, ...]:
    if not isinstance(value, list) or not value:
        raise ContentError(f"{where}: key 'structure' must be a non-empty list of tables")
    steps: list[StructureStep] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise ContentError(f"{where}: key 'structure' item {index} must be a table")
        step_where = f"{where}: structure step {item.get('id', index)!r}"
        _check_keys(item, _STEP_REQUIRED, _STEP_OPTIONAL, step_where)
        step_id = _identifier(_text(item, "id", step_where), step_where, "key 'id'")
        part = _optional_text(item, "part", step_where)
        if part is not None and part not in STRUCTURE_PARTS:
            raise ContentError(
                f"{step_where}: key 'part' is {part!r}; expected one of {', '.join(STRUCTURE_PARTS)}"
            )
        check = _optional_text(item, "check", step_where)
        if check is not None and not _CHECK_RE.match(check):
            raise ContentError(
                f"{step_where}: key 'check' is {check!r}; expected a dotted rule id like"
                " 'star.missing_result'"
            )
        if any(step.id == step_id for step in steps):
            raise ContentError(f"{step_where}: key 'id' is repeated")
        steps.append(
            StructureStep(
                id=step_id,
                label=_text(item, "label", step_where),
                guidance=_text(item, "guidance", step_where),
                part=part,
                check=check,
            )
        )
    return tuple(steps)


def _parse_role_advice(value: object, where: str, roles: Mapping[str, Role]) -> Mapping[str, str]:
    table = _table(value, where, "roles")
    for role_id in table:
        if role_id not in roles:
            raise ContentError(
                f"{where}: key 'roles': advice for unknown role {role_id!r}"
                f" (roles: {', '.join(roles)})"
            )
    # Advice for one prompt is optional per role: a role without it is shown its own focus,
    # outcomes and follow-ups, which hold for every prompt.
    advice = {
        role_id: _text(table, role_id, f"{where}: roles") for role_id in roles if role_id in table
    }
    return MappingProxyType(advice)


def _parse_weights(
    value: object, where: str, dimensions: Mapping[str, Dimension]
) -> Mapping[str, float]:
    table = _table(value, where, "weights")
    weights: dict[str, float] = {}
    for dim_id, weight in table.items():
        if dim_id not in dimensions:
            raise ContentError(
                f"{where}: key 'weights': unknown dimension {dim_id!r}"
                f" (dimensions: {', '.join(dimensions)})"
            )
        # bool is an int subclass in Python; `true` is never a weight.
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ContentError(
                f"{where}: key 'weights': weight of {dim_id!r} must be a number,"
                f" got {_type_name(weight)}"
            )
        if not 0 < weight <= 1:
            raise ContentError(
                f"{where}: key 'weights': weight of {dim_id!r} must be in (0, 1], got {weight}"
            )
        weights[dim_id] = float(weight)
    for dim_id in ALWAYS_WEIGHED:
        if dim_id not in weights:
            raise ContentError(f"{where}: key 'weights': missing dimension {dim_id!r}")
    return MappingProxyType(weights)


def _parse_target(value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise ContentError(f"{where}: key 'target_seconds' must be [min, max] in whole seconds")
    low, high = value
    if not 0 < low < high:
        raise ContentError(f"{where}: key 'target_seconds' needs 0 < min < max, got {value}")
    return (low, high)


def _parse_min_words(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContentError(f"{where}: key 'min_words' must be an integer, got {_type_name(value)}")
    if value < 1:
        raise ContentError(f"{where}: key 'min_words' must be positive, got {value}")
    return value
