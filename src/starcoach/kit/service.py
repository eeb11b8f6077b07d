"""The interviewer service: kits and versions, candidates, interviews, notes, scorecards, calibration.

One class used by the CLI and the web app alike. Every write is one transaction, and every refusal
(an unknown id, a stale kit edit, a score without evidence, notes after submission) happens before
anything is written, so nothing stored is lost or silently changed.

The independence rule: an interviewer sees only their own scorecard until they submit it; after that
they see the panel. Someone who interviewed nobody (a hiring manager) sees the panel once every
interviewer has submitted or the kit's deadline has passed.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from starcoach.kit.calibration import Ratings
from starcoach.kit.content import calibration_set
from starcoach.kit.errors import (
    CandidateNotFound,
    InterviewExists,
    InterviewNotFound,
    KitConflict,
    KitError,
    KitNotFound,
    NotesInvalid,
    ScorecardHidden,
    ScorecardRefused,
)
from starcoach.kit.model import Kit, kit_from_dict, kit_to_dict
from starcoach.kit.notes import MAX_NOTES_BYTES
from starcoach.kit.scorecard import (
    RatingInput,
    Scorecard,
    check_scorecard,
    ratings_from_list,
    ratings_to_list,
)
from starcoach.storage.db import Database, as_utc
from starcoach.storage.kits import (
    CalibrationRow,
    CandidateRow,
    InterviewRow,
    KitRow,
    KitVersionRow,
    NoteRow,
    ScorecardRow,
)
from starcoach.storage.models import LOCAL_USER_ID

MAX_NAME_CHARS = 100


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def clean_name(name: str, what: str = "interviewer") -> str:
    """Return a person's name trimmed; raise KitError when empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise KitError(f"give the {what}'s name")
    if len(cleaned) > MAX_NAME_CHARS:
        raise KitError(f"the {what}'s name is longer than {MAX_NAME_CHARS} characters")
    return cleaned


@dataclass(frozen=True)
class SaveOutcome:
    """What saving a kit did."""

    kit_id: str
    version: int
    action: str
    """"created", "new_version", "updated" or "unchanged"."""
    message: str


@dataclass(frozen=True)
class StoredKit:
    """A kit at one version, with the versions that exist."""

    kit: Kit
    version: int
    latest: int
    interviews: int
    scorecards: int


@dataclass(frozen=True)
class Candidate:
    """A candidate and their panel."""

    id: str
    name: str
    kit_id: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Interview:
    """One interviewer's interview of a candidate, with its notes."""

    id: str
    candidate_id: str
    kit_id: str
    kit_version: int
    interviewer: str
    notes: dict[str, str]
    submitted: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class Panel:
    """A candidate's panel as one viewer may see it."""

    candidate: Candidate
    kit: Kit
    interviews: list[Interview]
    scorecards: list[Scorecard]
    pending: list[str]
    overdue: list[str] = field(default_factory=list)


class KitService:
    """Kits, interviews, notes, scorecards and calibration ratings of one owner."""

    def __init__(self, db: Database, owner_id: int = LOCAL_USER_ID) -> None:
        self.db = db
        self.owner_id = owner_id

    # --- kits ------------------------------------------------------------------------------

    def _kit_row(self, session: Session, kit_id: str) -> KitRow:
        row = session.scalars(
            select(KitRow).where(KitRow.owner_id == self.owner_id, KitRow.slug == kit_id)
        ).one_or_none()
        if row is None:
            raise KitNotFound(kit_id)
        return row

    def _version_doc(self, session: Session, row: KitRow, version: int) -> Kit:
        doc = session.scalars(
            select(KitVersionRow.document).where(
                KitVersionRow.kit_id == row.id, KitVersionRow.version == version
            )
        ).one_or_none()
        if doc is None:
            raise KitNotFound(row.slug, version)
        return kit_from_dict(json.loads(doc))

    def _usage(self, session: Session, row: KitRow, version: int) -> tuple[int, int]:
        interviews = (
            select(InterviewRow.id)
            .join(CandidateRow, InterviewRow.candidate_id == CandidateRow.id)
            .where(CandidateRow.kit_id == row.id, InterviewRow.kit_version == version)
        )
        n_interviews = session.scalar(select(func.count()).select_from(interviews.subquery())) or 0
        n_cards = (
            session.scalar(
                select(func.count()).where(
                    ScorecardRow.interview_id.in_(interviews), ScorecardRow.kit_version == version
                )
            )
            or 0
        )
        return n_interviews, n_cards

    def save_kit(self, kit: Kit, *, base_version: int | None = None) -> SaveOutcome:
        """Store a kit: a new kit, an edit in place, or a new version once interviews use it.

        `base_version` is the version the edit was made from (a kit file's `version`); an edit made
        from an older version than the newest is refused rather than overwriting it.
        """
        document = json.dumps(kit_to_dict(kit), ensure_ascii=False, sort_keys=True)
        with self.db.transaction() as session:
            row = session.scalars(
                select(KitRow).where(KitRow.owner_id == self.owner_id, KitRow.slug == kit.id)
            ).one_or_none()
            if row is None:
                row = KitRow(
                    owner_id=self.owner_id, slug=kit.id, role=kit.role, title=kit.title, version=1
                )
                session.add(row)
                session.flush()
                session.add(
                    KitVersionRow(
                        owner_id=self.owner_id, kit_id=row.id, version=1, document=document
                    )
                )
                return SaveOutcome(kit.id, 1, "created", f"created kit {kit.id!r} at version 1")
            if base_version is not None and base_version != row.version:
                raise KitConflict(
                    f"this edit of kit {kit.id!r} was made from version {base_version}, but the kit "
                    f"is at version {row.version} now; export the newest version (`starcoach kit "
                    f"export {kit.id}`), make your change there and import it again. Nothing was changed."
                )
            current = session.scalars(
                select(KitVersionRow).where(
                    KitVersionRow.kit_id == row.id, KitVersionRow.version == row.version
                )
            ).one()
            if json.loads(current.document) == json.loads(document):
                return SaveOutcome(kit.id, row.version, "unchanged", f"kit {kit.id!r} is unchanged")
            interviews, cards = self._usage(session, row, row.version)
            row.role, row.title, row.updated_at = kit.role, kit.title, _now()
            if interviews == 0:
                current.document = document
                return SaveOutcome(
                    kit.id, row.version, "updated", f"updated kit {kit.id!r} version {row.version}"
                )
            row.version += 1
            session.add(
                KitVersionRow(
                    owner_id=self.owner_id, kit_id=row.id, version=row.version, document=document
                )
            )
            return SaveOutcome(
                kit.id,
                row.version,
                "new_version",
                f"version {row.version - 1} of kit {kit.id!r} is in use ({interviews} interview(s), "
                f"{cards} scorecard(s)), so your edit is saved as version {row.version}; those "
                f"interviews and scorecards keep version {row.version - 1}",
            )

    def kit(self, kit_id: str, version: int | None = None) -> StoredKit:
        """Return a kit at `version` (default: the newest); raise KitNotFound."""
        with self.db.session() as session:
            row = self._kit_row(session, kit_id)
            wanted = version or row.version
            kit = self._version_doc(session, row, wanted)
            interviews, cards = self._usage(session, row, wanted)
            return StoredKit(kit, wanted, row.version, interviews, cards)

    def kits(self) -> list[StoredKit]:
        """Return every kit at its newest version."""
        with self.db.session() as session:
            slugs = session.scalars(
                select(KitRow.slug).where(KitRow.owner_id == self.owner_id).order_by(KitRow.slug)
            ).all()
        return [self.kit(slug) for slug in slugs]

    # --- candidates and interviews ---------------------------------------------------------

    def add_candidate(self, kit_id: str, name: str) -> Candidate:
        """Add a candidate for a kit's role."""
        name = clean_name(name, "candidate")
        with self.db.transaction() as session:
            kit_row = self._kit_row(session, kit_id)
            row = CandidateRow(
                owner_id=self.owner_id, public_id=secrets.token_hex(4), kit_id=kit_row.id, name=name
            )
            session.add(row)
            session.flush()
            return Candidate(row.public_id, name, kit_id, _now())

    def _candidate_row(self, session: Session, candidate_id: str) -> CandidateRow:
        row = session.scalars(
            select(CandidateRow).where(
                CandidateRow.owner_id == self.owner_id, CandidateRow.public_id == candidate_id
            )
        ).one_or_none()
        if row is None:
            raise CandidateNotFound(candidate_id)
        return row

    def _candidate(self, session: Session, row: CandidateRow) -> Candidate:
        slug = session.scalars(select(KitRow.slug).where(KitRow.id == row.kit_id)).one()
        return Candidate(row.public_id, row.name, slug, as_utc(row.created_at))

    def candidate(self, candidate_id: str) -> Candidate:
        """Return a candidate; raise CandidateNotFound."""
        with self.db.session() as session:
            return self._candidate(session, self._candidate_row(session, candidate_id))

    def candidates(self, kit_id: str | None = None) -> list[Candidate]:
        """Return the candidates, of one kit or of all, newest first."""
        with self.db.session() as session:
            query = select(CandidateRow).where(CandidateRow.owner_id == self.owner_id)
            if kit_id is not None:
                query = query.where(CandidateRow.kit_id == self._kit_row(session, kit_id).id)
            rows = session.scalars(query.order_by(CandidateRow.id.desc())).all()
            return [self._candidate(session, r) for r in rows]

    def start_interview(self, candidate_id: str, interviewer: str) -> Interview:
        """Start an interviewer's interview of a candidate on the kit's newest version."""
        interviewer = clean_name(interviewer)
        with self.db.transaction() as session:
            cand = self._candidate_row(session, candidate_id)
            taken = session.scalars(
                select(InterviewRow.public_id).where(
                    InterviewRow.candidate_id == cand.id, InterviewRow.interviewer == interviewer
                )
            ).one_or_none()
            if taken is not None:
                raise InterviewExists(
                    f"{interviewer} already has interview {taken} with this candidate; carry on there"
                )
            version = session.scalars(select(KitRow.version).where(KitRow.id == cand.kit_id)).one()
            row = InterviewRow(
                owner_id=self.owner_id,
                public_id=secrets.token_hex(4),
                candidate_id=cand.id,
                kit_version=version,
                interviewer=interviewer,
            )
            session.add(row)
            session.flush()
            return self._interview(session, row)

    def _interview_row(self, session: Session, interview_id: str) -> InterviewRow:
        row = session.scalars(
            select(InterviewRow).where(
                InterviewRow.owner_id == self.owner_id, InterviewRow.public_id == interview_id
            )
        ).one_or_none()
        if row is None:
            raise InterviewNotFound(interview_id)
        return row

    def _interview(self, session: Session, row: InterviewRow) -> Interview:
        cand = session.get(CandidateRow, row.candidate_id)
        assert cand is not None
        kit_row = session.get(KitRow, cand.kit_id)
        assert kit_row is not None
        notes = {
            n.question: n.text
            for n in session.scalars(select(NoteRow).where(NoteRow.interview_id == row.id))
        }
        submitted = (
            session.scalar(select(ScorecardRow.id).where(ScorecardRow.interview_id == row.id))
            is not None
        )
        kit = self._version_doc(session, kit_row, row.kit_version)
        created = as_utc(row.created_at)
        deadline = created + dt.timedelta(hours=kit.deadline_hours) if kit.deadline_hours else None
        return Interview(
            row.public_id,
            cand.public_id,
            kit_row.slug,
            row.kit_version,
            row.interviewer,
            notes,
            submitted,
            created,
            as_utc(row.updated_at),
            deadline,
        )

    def interview(self, interview_id: str) -> Interview:
        """Return an interview with its notes; raise InterviewNotFound."""
        with self.db.session() as session:
            return self._interview(session, self._interview_row(session, interview_id))

    def interview_kit(self, interview: Interview) -> Kit:
        """Return the kit version an interview uses."""
        return self.kit(interview.kit_id, interview.kit_version).kit

    def interviews(self, candidate_id: str | None = None) -> list[Interview]:
        """Return the interviews, of one candidate or of all."""
        with self.db.session() as session:
            query = select(InterviewRow).where(InterviewRow.owner_id == self.owner_id)
            if candidate_id is not None:
                cand = self._candidate_row(session, candidate_id)
                query = query.where(InterviewRow.candidate_id == cand.id)
            rows = session.scalars(query.order_by(InterviewRow.id)).all()
            return [self._interview(session, r) for r in rows]

    def save_notes(self, interview_id: str, notes: Mapping[str, str]) -> Interview:
        """Store the notes under the given questions (others are kept); refused after submission."""
        with self.db.transaction() as session:
            row = self._interview_row(session, interview_id)
            current = self._interview(session, row)
            if current.submitted:
                raise NotesInvalid(
                    "the scorecard for this interview is submitted, so its notes (the evidence) "
                    "can no longer change"
                )
            kit = self.interview_kit(current)
            keys = {q.key for q in kit.questions}
            for key, text in notes.items():
                if key not in keys:
                    raise NotesInvalid(
                        f"the kit has no question {key!r} (its questions: {', '.join(sorted(keys))})"
                    )
                if len(text) > MAX_NOTES_BYTES:
                    raise NotesInvalid(
                        f"the notes under {key!r} are {len(text):,} characters; the limit is "
                        f"{MAX_NOTES_BYTES:,}"
                    )
            for key, text in notes.items():
                note = session.scalars(
                    select(NoteRow).where(NoteRow.interview_id == row.id, NoteRow.question == key)
                ).one_or_none()
                if note is None:
                    session.add(
                        NoteRow(
                            owner_id=self.owner_id, interview_id=row.id, question=key, text=text
                        )
                    )
                else:
                    note.text, note.updated_at = text, _now()
            row.updated_at = _now()
            session.flush()
            return self._interview(session, row)

    # --- scorecards ------------------------------------------------------------------------

    def submit_scorecard(
        self,
        interview_id: str,
        ratings: Mapping[str, RatingInput],
        recommendation: str,
        reason: str,
    ) -> Scorecard:
        """Check and store a scorecard; raise ScorecardRefused with every problem, storing nothing."""
        interview = self.interview(interview_id)
        if interview.submitted:
            raise ScorecardRefused(
                [f"{interview.interviewer} already submitted a scorecard for this interview"]
            )
        kit = self.interview_kit(interview)
        checked, recommendation, reason = check_scorecard(
            kit, interview.notes, ratings, recommendation, reason
        )
        now = _now()
        late = interview.deadline is not None and now > interview.deadline
        with self.db.transaction() as session:
            row = self._interview_row(session, interview_id)
            if session.scalar(select(ScorecardRow.id).where(ScorecardRow.interview_id == row.id)):
                raise ScorecardRefused(["a scorecard for this interview was just submitted"])
            session.add(
                ScorecardRow(
                    owner_id=self.owner_id,
                    interview_id=row.id,
                    kit_version=interview.kit_version,
                    interviewer=interview.interviewer,
                    recommendation=recommendation,
                    reason=reason,
                    ratings=json.dumps(ratings_to_list(checked), ensure_ascii=False),
                    late=late,
                    submitted_at=now,
                )
            )
        return Scorecard(
            interview.id,
            interview.interviewer,
            interview.kit_id,
            interview.kit_version,
            checked,
            recommendation,
            reason,
            now.isoformat(timespec="seconds"),
            late,
        )

    def _cards(self, session: Session, candidate: CandidateRow) -> list[Scorecard]:
        rows = session.execute(
            select(ScorecardRow, InterviewRow.public_id)
            .join(InterviewRow, ScorecardRow.interview_id == InterviewRow.id)
            .where(InterviewRow.candidate_id == candidate.id)
            .order_by(ScorecardRow.submitted_at, ScorecardRow.id)
        ).all()
        slug = session.scalars(select(KitRow.slug).where(KitRow.id == candidate.kit_id)).one()
        return [
            Scorecard(
                public_id,
                card.interviewer,
                slug,
                card.kit_version,
                ratings_from_list(json.loads(card.ratings)),
                card.recommendation,
                card.reason,
                as_utc(card.submitted_at).isoformat(timespec="seconds"),
                card.late,
            )
            for card, public_id in rows
        ]

    def panel(self, candidate_id: str, viewer: str | None) -> Panel:
        """Return a candidate's panel as `viewer` may see it; raise ScorecardHidden when not yet."""
        with self.db.session() as session:
            cand_row = self._candidate_row(session, candidate_id)
            candidate = self._candidate(session, cand_row)
            rows = session.scalars(
                select(InterviewRow)
                .where(InterviewRow.candidate_id == cand_row.id)
                .order_by(InterviewRow.id)
            ).all()
            interviews = [self._interview(session, r) for r in rows]
            cards = self._cards(session, cand_row)
        pending = [i.interviewer for i in interviews if not i.submitted]
        now = _now()
        overdue = [
            i.interviewer
            for i in interviews
            if not i.submitted and i.deadline is not None and now > i.deadline
        ]
        viewer_name = " ".join((viewer or "").split())
        mine = next((i for i in interviews if i.interviewer == viewer_name), None)
        if mine is not None and not mine.submitted:
            raise ScorecardHidden(
                f"{viewer_name}, submit your own scorecard first: the others' scores stay hidden "
                "until yours is in, so your rating is your own"
            )
        all_in_or_late = bool(interviews) and all(
            i.submitted or (i.deadline is not None and now > i.deadline) for i in interviews
        )
        if mine is None and not all_in_or_late:
            raise ScorecardHidden(
                "the debrief opens when every interviewer has submitted (waiting for "
                f"{', '.join(pending) or 'the first interview'}); an interviewer who has "
                "submitted can see it now by giving their name"
            )
        kit = (
            self.kit(candidate.kit_id).kit
            if not cards
            else self.kit(candidate.kit_id, cards[-1].kit_version).kit
        )
        return Panel(candidate, kit, interviews, cards, pending, overdue)

    def own_scorecard(self, interview_id: str) -> Scorecard | None:
        """Return the scorecard of one interview (its own interviewer may always see it)."""
        with self.db.session() as session:
            row = self._interview_row(session, interview_id)
            cand = session.get(CandidateRow, row.candidate_id)
            assert cand is not None
            return next(
                (c for c in self._cards(session, cand) if c.interview_id == interview_id), None
            )

    def export_cards(self, candidate_id: str) -> tuple[Candidate, list[Scorecard]]:
        """Return a candidate and every submitted scorecard (for the JSON and CSV exports).

        The export opens when the debrief does for someone outside the panel: once every
        interviewer has submitted or the deadline has passed; until then it raises ScorecardHidden.
        """
        self.panel(candidate_id, None)
        with self.db.session() as session:
            row = self._candidate_row(session, candidate_id)
            return self._candidate(session, row), self._cards(session, row)

    # --- calibration -----------------------------------------------------------------------

    def rate_sample(
        self, interviewer: str, sample_id: str, scores: Mapping[str, int | None]
    ) -> None:
        """Store an interviewer's scores of one calibration sample (replacing earlier ones)."""
        interviewer = clean_name(interviewer)
        exercise = calibration_set()
        try:
            exercise.sample(sample_id)
        except KeyError as exc:
            raise KitError(str(exc.args[0])) from None
        for dim, score in scores.items():
            if dim not in exercise.dimensions:
                raise KitError(
                    f"the exercise does not rate {dim!r} ({', '.join(exercise.dimensions)})"
                )
            if score is not None and score not in (1, 2, 3, 4, 5):
                raise KitError(f"{dim}: a score is 1-5, or none for not enough evidence")
        with self.db.transaction() as session:
            for dim, score in scores.items():
                row = session.scalars(
                    select(CalibrationRow).where(
                        CalibrationRow.owner_id == self.owner_id,
                        CalibrationRow.interviewer == interviewer,
                        CalibrationRow.sample == sample_id,
                        CalibrationRow.dimension == dim,
                    )
                ).one_or_none()
                if row is None:
                    session.add(
                        CalibrationRow(
                            owner_id=self.owner_id,
                            interviewer=interviewer,
                            sample=sample_id,
                            dimension=dim,
                            score=score,
                        )
                    )
                else:
                    row.score, row.updated_at = score, _now()

    def calibration_ratings(self) -> dict[str, Ratings]:
        """Return every interviewer's calibration ratings."""
        out: dict[str, dict[tuple[str, str], int | None]] = {}
        with self.db.session() as session:
            for row in session.scalars(
                select(CalibrationRow).where(CalibrationRow.owner_id == self.owner_id)
            ):
                out.setdefault(row.interviewer, {})[(row.sample, row.dimension)] = row.score
        return dict(out)
