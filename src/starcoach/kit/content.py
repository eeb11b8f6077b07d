"""Interviewer content: the kit questions, examples per level and red flags, and the calibration set.

Both files live in `starcoach/content/` beside the candidate-side content they build on; they are read
once per process and checked against it (every question, dimension and role they name must exist).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from starcoach.content import load_content
from starcoach.content.loader import CONTENT_DIR, ContentError

INTERVIEWER_FILE = "interviewer.toml"
CALIBRATION_FILE = "calibration.toml"
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up asked under a question, in order, with what it listens for."""

    ask: str
    listens_for: str


@dataclass(frozen=True, slots=True)
class KitPrompt:
    """One question of a kit as the content defines it."""

    id: str
    kind: str
    ask: str
    minutes: int
    listens_for: tuple[str, ...]
    red_flags: tuple[str, ...]
    follow_ups: tuple[FollowUp, ...]


@dataclass(frozen=True, slots=True)
class RoleNotes:
    """What interviewers for a role listen for, and the dimensions they rate."""

    listen_for: str
    dimensions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class InterviewerContent:
    """The validated interviewer content."""

    version: str
    dimensions: tuple[str, ...]
    red_flags: tuple[str, ...]
    prompts: Mapping[str, KitPrompt]
    examples: Mapping[str, Mapping[int, str]]
    roles: Mapping[str, RoleNotes]


@dataclass(frozen=True, slots=True)
class Sample:
    """One bundled calibration answer with its reference scores (None: not enough evidence)."""

    id: str
    question: str
    answer: str
    reference: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class CalibrationSet:
    """The bundled calibration exercise."""

    version: str
    dimensions: tuple[str, ...]
    samples: tuple[Sample, ...]

    def sample(self, sample_id: str) -> Sample:
        """Return the sample with this id; raise KeyError naming the valid ids."""
        for sample in self.samples:
            if sample.id == sample_id:
                return sample
        valid = ", ".join(s.id for s in self.samples)
        raise KeyError(f"unknown calibration sample {sample_id!r} (valid: {valid})")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from None


def _fold(text: str) -> str:
    return " ".join(text.split())


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(f"{where}: expected a list of non-empty texts")
    return tuple(_fold(v) for v in value)


def _dimension_ids(value: object, where: str) -> tuple[str, ...]:
    ids = _texts(value, where)
    known = load_content().dimensions
    for dim in ids:
        if dim not in known:
            raise ContentError(f"{where}: unknown dimension {dim!r}")
    return ids


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: key {key!r} must be a non-empty text")
    return _fold(value)


@cache
def interviewer_content(directory: str | None = None) -> InterviewerContent:
    """Return the validated interviewer content (from the package unless `directory` says)."""
    path = Path(directory or CONTENT_DIR) / INTERVIEWER_FILE
    raw = _read(path)
    content = load_content()
    dimensions = _dimension_ids(raw.get("dimensions"), f"{path}: dimensions")
    prompts: dict[str, KitPrompt] = {}
    for qid, table in dict(raw.get("questions", {})).items():
        where = f"{path}: questions.{qid}"
        if qid not in content.questions:
            raise ContentError(f"{where}: unknown question id")
        minutes = table.get("minutes")
        if not isinstance(minutes, int) or not 1 <= minutes <= 120:
            raise ContentError(f"{where}: minutes must be a whole number from 1 to 120")
        kind = _text(table, "kind", where)
        if kind not in ("opener", "prompt"):
            raise ContentError(f"{where}: kind must be 'opener' or 'prompt'")
        follow_ups = tuple(
            FollowUp(_text(f, "ask", where), _text(f, "listens_for", where))
            for f in table.get("follow_ups", [])
        )
        prompts[qid] = KitPrompt(
            id=qid,
            kind=kind,
            ask=_text(table, "ask", where),
            minutes=minutes,
            listens_for=_texts(table.get("listens_for"), f"{where}.listens_for"),
            red_flags=_texts(table.get("red_flags", []), f"{where}.red_flags"),
            follow_ups=follow_ups,
        )
    if sum(p.kind == "opener" for p in prompts.values()) != 1:
        raise ContentError(f"{path}: exactly one question must be the opener")
    examples: dict[str, dict[int, str]] = {}
    for dim, table in dict(raw.get("examples", {})).items():
        if dim not in content.dimensions:
            raise ContentError(f"{path}: examples.{dim}: unknown dimension")
        levels = {int(k): _fold(str(v)) for k, v in table.items()}
        if tuple(sorted(levels)) != LEVELS:
            raise ContentError(f"{path}: examples.{dim}: needs one example for each level 1-5")
        examples[dim] = levels
    roles: dict[str, RoleNotes] = {}
    for role_id, table in dict(raw.get("roles", {})).items():
        where = f"{path}: roles.{role_id}"
        if role_id not in content.roles:
            raise ContentError(f"{where}: unknown role")
        dims = (
            _dimension_ids(table["dimensions"], f"{where}.dimensions")
            if "dimensions" in table
            else dimensions
        )
        roles[role_id] = RoleNotes(_text(table, "listen_for", where), dims)
    for role in roles.values():
        for dim in role.dimensions:
            if dim not in examples:
                raise ContentError(f"{path}: dimension {dim!r} is rated but has no examples")
    return InterviewerContent(
        version=_text(raw, "version", str(path)),
        dimensions=dimensions,
        red_flags=_texts(raw.get("red_flags"), f"{path}: red_flags"),
        prompts=prompts,
        examples=examples,
        roles=roles,
    )


@cache
def calibration_set(directory: str | None = None) -> CalibrationSet:
    """Return the validated calibration exercise (from the package unless `directory` says)."""
    path = Path(directory or CONTENT_DIR) / CALIBRATION_FILE
    raw = _read(path)
    dimensions = _dimension_ids(raw.get("dimensions"), f"{path}: dimensions")
    content = load_content()
    samples: list[Sample] = []
    for index, table in enumerate(raw.get("samples", [])):
        where = f"{path}: samples[{index}]"
        sample_id = _text(table, "id", where)
        question = _text(table, "question", where)
        if question not in content.questions:
            raise ContentError(f"{where}: unknown question {question!r}")
        reference_raw = table.get("reference", {})
        if set(reference_raw) != set(dimensions):
            raise ContentError(f"{where}: reference must score exactly {', '.join(dimensions)}")
        reference: dict[str, int | None] = {}
        for dim in dimensions:
            value = reference_raw[dim]
            if not isinstance(value, int) or not 0 <= value <= 5:
                raise ContentError(f"{where}: reference.{dim} must be 0 (no evidence) or 1-5")
            reference[dim] = value or None
        samples.append(Sample(sample_id, question, _text(table, "answer", where), reference))
    if len({s.id for s in samples}) != len(samples):
        raise ContentError(f"{path}: two samples share an id")
    return CalibrationSet(_text(raw, "version", str(path)), dimensions, tuple(samples))
