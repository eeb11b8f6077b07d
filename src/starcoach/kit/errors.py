"""Errors the interviewer side raises; each message is fit to show the user as is."""

from __future__ import annotations

from starcoach.storage.errors import StorageError


class KitError(StorageError):
    """Something asked of kits, interviews or scorecards could not be done; nothing was changed."""


class UnknownRole(KitError):
    """No role matches the name given."""


class KitNotFound(KitError):
    """No kit with the given id."""

    def __init__(self, kit_id: str, version: int | None = None) -> None:
        what = f"kit {kit_id!r}" if version is None else f"version {version} of kit {kit_id!r}"
        super().__init__(f"no {what} (see `starcoach kit list`)")
        self.kit_id = kit_id


class KitInvalid(KitError):
    """A kit (from a file or a form) fails validation; nothing was stored."""

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = problems
        prefix = f"{source}: " if source else ""
        super().__init__("; ".join(prefix + p for p in problems))


class KitConflict(KitError):
    """A kit edit was made from an older version than the one stored."""


class CandidateNotFound(KitError):
    """No candidate with the given id."""

    def __init__(self, candidate_id: str) -> None:
        super().__init__(f"no candidate with id {candidate_id!r} (see `starcoach kit candidates`)")
        self.candidate_id = candidate_id


class InterviewNotFound(KitError):
    """No interview with the given id."""

    def __init__(self, interview_id: str) -> None:
        super().__init__(f"no interview with id {interview_id!r} (see `starcoach kit interviews`)")
        self.interview_id = interview_id


class InterviewExists(KitError):
    """The interviewer already has an interview with this candidate."""


class NotesInvalid(KitError):
    """Notes (typed or imported from a file) cannot be used; nothing was stored."""


class ScorecardRefused(KitError):
    """A scorecard breaks a rule (a score without evidence, a missing reason); nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class ScorecardHidden(KitError):
    """Other interviewers' scores stay hidden until this interviewer submits their own."""
