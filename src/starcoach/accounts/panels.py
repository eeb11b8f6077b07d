"""Hiring panels on a team server: which interviewers see which kit, its candidates and scorecards.

An admin creates the panel for a kit (one panel per kit) and seats interviewers on it. An
interviewer sees only the kits of the panels they sit on, and those kits' candidates; they open
only their own interviews (notes and scorecard). The independence rule is kept per account: an
interviewer who has an interview with a candidate sees nobody else's scorecard for that candidate
until their own is submitted. An admin builds kits and manages panels, and sees a kit's
candidates, but opens nobody's notes or scorecard, and reads the debrief on the same terms as
anyone outside the panel (once every interviewer has submitted, or the deadline has passed).

Kits in a team server are one store (the kit service's default owner); this module only decides
who may reach which part of it. "Not found" answers a kit, candidate or interview the account may
not see, so nobody learns what exists; "not allowed" an action on something it can see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from starcoach.accounts.cohorts import NotAllowed, NotFound, actor_id
from starcoach.accounts.model import Account, AccountError, clean_name
from starcoach.storage.db import as_utc
from starcoach.storage.kits import CandidateRow, InterviewRow, KitRow, ScorecardRow
from starcoach.storage.models import (
    LOCAL_USER_ID,
    AccountRow,
    PanelInterviewRow,
    PanelMemberRow,
    PanelRow,
)

if TYPE_CHECKING:
    from starcoach.accounts.service import Accounts

KIT_OWNER = LOCAL_USER_ID
"""Whose kits a team server's kit pages use: one shared store, reached through panels."""
SEATED_ROLES = ("interviewer", "admin")


@dataclass(frozen=True, slots=True)
class Seat:
    """An interviewer on a panel."""

    account_id: int
    login: str
    name: str


@dataclass(frozen=True, slots=True)
class HiringPanel:
    """A kit's hiring panel and who sits on it."""

    id: int
    name: str
    kit_id: str
    created_at: dt.datetime
    members: tuple[Seat, ...]

    def seats(self, account: Account) -> bool:
        """Return True when `account` sits on the panel."""
        return any(m.account_id == account.id for m in self.members)


class Panels:
    """Hiring panels and the access they give, on one team server's database."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.db = accounts.db

    # -- panels ----------------------------------------------------------------------------------

    def _panel(self, session: Session, row: PanelRow) -> HiringPanel:
        slug = session.scalars(select(KitRow.slug).where(KitRow.id == row.kit_id)).one()
        seats = session.scalars(
            select(AccountRow)
            .join(PanelMemberRow, PanelMemberRow.account_id == AccountRow.id)
            .where(PanelMemberRow.panel_id == row.id)
            .order_by(AccountRow.name, AccountRow.login)
        ).all()
        return HiringPanel(
            id=row.id,
            name=row.name,
            kit_id=slug,
            created_at=as_utc(row.created_at),
            members=tuple(Seat(a.id, a.login, a.name) for a in seats),
        )

    def visible(self, account: Account) -> list[HiringPanel]:
        """Return every panel for an admin, the panels an account sits on otherwise."""
        with self.db.session() as session:
            query = select(PanelRow).order_by(PanelRow.name, PanelRow.id)
            if not account.is_admin:
                query = query.join(PanelMemberRow, PanelMemberRow.panel_id == PanelRow.id).where(
                    PanelMemberRow.account_id == account.id
                )
            return [self._panel(session, row) for row in session.scalars(query)]

    def get(self, account: Account, panel_id: int) -> HiringPanel:
        """Return a panel its admin or one of its interviewers asks for; raise NotFound otherwise."""
        with self.db.session() as session:
            row = session.get(PanelRow, panel_id)
            panel = self._panel(session, row) if row is not None else None
        if panel is None or not (account.is_admin or panel.seats(account)):
            raise NotFound(f"there is no panel {panel_id} that you sit on")
        return panel

    def create(self, actor: Account, name: str, kit_id: str) -> HiringPanel:
        """Create the panel for a kit (an admin's action; one panel per kit)."""
        if not actor.is_admin:
            raise NotAllowed("Only an admin creates hiring panels.")
        name = clean_name(name)
        with self.db.transaction() as session:
            kit = session.scalar(
                select(KitRow).where(KitRow.owner_id == KIT_OWNER, KitRow.slug == kit_id)
            )
            if kit is None:
                raise AccountError(f"There is no kit {kit_id!r}.")
            if session.scalar(select(PanelRow.id).where(PanelRow.kit_id == kit.id)) is not None:
                raise AccountError(f"The kit {kit_id!r} has a panel already.")
            row = PanelRow(
                name=name,
                kit_id=kit.id,
                created_by=actor_id(actor),
                created_at=self.accounts.clock(),
            )
            session.add(row)
            session.flush()
            self.accounts.log(
                session, "panel_created", actor=actor_id(actor), detail=f"panel {row.id}"
            )
            return self._panel(session, row)

    def add(self, actor: Account, panel_id: int, login: str) -> Seat:
        """Seat an interviewer (or an admin) on a panel by login; an admin's action."""
        panel = self.get(actor, panel_id)
        if not actor.is_admin:
            raise NotAllowed("Only an admin seats interviewers on a panel.")
        with self.db.transaction() as session:
            row = session.scalar(
                select(AccountRow).where(AccountRow.login == login.strip().lower())
            )
            if row is None:
                raise AccountError(f"There is no account with the login {login.strip()!r}.")
            if row.role not in SEATED_ROLES:
                raise AccountError(
                    f"{row.login} is a {row.role}: a panel seats interviewers and admins."
                )
            if panel.seats(Account(row.id, row.user_id, row.login, row.name, row.role)):
                raise AccountError(f"{row.login} sits on this panel already.")
            session.add(
                PanelMemberRow(panel_id=panel.id, account_id=row.id, added_at=self.accounts.clock())
            )
            self.accounts.log(
                session,
                "panel_member_added",
                actor=actor_id(actor),
                subject=row.id,
                detail=f"panel {panel.id}",
            )
            return Seat(row.id, row.login, row.name)

    def remove(self, actor: Account, panel_id: int, account_id: int) -> None:
        """Take an interviewer off a panel (an admin's action); their interviews stay."""
        panel = self.get(actor, panel_id)
        if not actor.is_admin:
            raise NotAllowed("Only an admin takes interviewers off a panel.")
        if not any(m.account_id == account_id for m in panel.members):
            raise NotFound(f"panel {panel_id} has no interviewer {account_id}")
        with self.db.transaction() as session:
            session.execute(
                delete(PanelMemberRow).where(
                    PanelMemberRow.panel_id == panel_id, PanelMemberRow.account_id == account_id
                )
            )
            self.accounts.log(
                session,
                "panel_member_removed",
                actor=actor_id(actor),
                subject=account_id,
                detail=f"panel {panel_id}",
            )

    # -- what an account may reach -----------------------------------------------------------------

    def kit_ids(self, account: Account) -> set[str] | None:
        """Return the kit ids an account may see: None (every kit) for an admin."""
        if account.is_admin:
            return None
        with self.db.session() as session:
            return set(
                session.scalars(
                    select(KitRow.slug)
                    .join(PanelRow, PanelRow.kit_id == KitRow.id)
                    .join(PanelMemberRow, PanelMemberRow.panel_id == PanelRow.id)
                    .where(PanelMemberRow.account_id == account.id)
                )
            )

    def _sits_on_kit(self, session: Session, account: Account, kit_row_id: int) -> bool:
        return (
            session.scalar(
                select(PanelMemberRow.id)
                .join(PanelRow, PanelRow.id == PanelMemberRow.panel_id)
                .where(PanelRow.kit_id == kit_row_id, PanelMemberRow.account_id == account.id)
            )
            is not None
        )

    def kit(self, account: Account, kit_id: str) -> None:
        """Raise NotFound unless the account may see the kit (an admin, or its panel)."""
        with self.db.session() as session:
            row = session.scalar(
                select(KitRow).where(KitRow.owner_id == KIT_OWNER, KitRow.slug == kit_id)
            )
            if row is not None and (
                account.is_admin or self._sits_on_kit(session, account, row.id)
            ):
                return
        raise NotFound(f"there is no kit {kit_id!r} on a panel you sit on")

    def _candidate_row(self, session: Session, candidate_id: str) -> CandidateRow | None:
        return session.scalar(
            select(CandidateRow).where(
                CandidateRow.owner_id == KIT_OWNER, CandidateRow.public_id == candidate_id
            )
        )

    def candidate(self, account: Account, candidate_id: str, *, seated: bool = False) -> None:
        """Raise NotFound unless the account may see the candidate (an admin, or the kit's panel;
        only the panel with `seated`)."""
        with self.db.session() as session:
            row = self._candidate_row(session, candidate_id)
            if row is not None:
                if self._sits_on_kit(session, account, row.kit_id):
                    return
                if account.is_admin and not seated:
                    return
        raise NotFound(f"there is no candidate {candidate_id!r} on a panel you sit on")

    def own_interview(self, account: Account, interview_id: str) -> None:
        """Raise NotFound unless the interview is the account's own."""
        with self.db.session() as session:
            found = session.scalar(
                select(PanelInterviewRow.id)
                .join(InterviewRow, InterviewRow.id == PanelInterviewRow.interview_id)
                .where(
                    InterviewRow.owner_id == KIT_OWNER,
                    InterviewRow.public_id == interview_id,
                    PanelInterviewRow.account_id == account.id,
                )
            )
        if found is None:
            raise NotFound(f"there is no interview {interview_id!r} of yours")

    def interview_of(self, account: Account, candidate_id: str) -> tuple[str, bool] | None:
        """Return the account's interview of a candidate (its id and whether its scorecard is
        in), or None when it has none."""
        with self.db.session() as session:
            found = session.execute(
                select(InterviewRow.id, InterviewRow.public_id)
                .join(PanelInterviewRow, PanelInterviewRow.interview_id == InterviewRow.id)
                .join(CandidateRow, CandidateRow.id == InterviewRow.candidate_id)
                .where(
                    CandidateRow.owner_id == KIT_OWNER,
                    CandidateRow.public_id == candidate_id,
                    PanelInterviewRow.account_id == account.id,
                )
            ).first()
            if found is None:
                return None
            submitted = session.scalar(
                select(ScorecardRow.id).where(ScorecardRow.interview_id == found[0])
            )
            return found[1], submitted is not None

    def own_interview_ids(self, account: Account) -> set[str]:
        """Return the ids of every interview of the account."""
        with self.db.session() as session:
            return set(
                session.scalars(
                    select(InterviewRow.public_id)
                    .join(PanelInterviewRow, PanelInterviewRow.interview_id == InterviewRow.id)
                    .where(PanelInterviewRow.account_id == account.id)
                )
            )

    def claim(self, account: Account, interview_id: str) -> None:
        """Record that a newly started interview belongs to `account`."""
        with self.db.transaction() as session:
            row = session.scalar(
                select(InterviewRow).where(
                    InterviewRow.owner_id == KIT_OWNER, InterviewRow.public_id == interview_id
                )
            )
            if row is None:
                raise NotFound(f"there is no interview {interview_id!r}")
            session.add(PanelInterviewRow(interview_id=row.id, account_id=account.id))

    def viewed_scorecards(self, viewer: Account, candidate_id: str, what: str) -> int:
        """Record that `viewer` read the submitted scorecards of a candidate (a debrief or an
        export): one entry per other interviewer whose scorecard was shown. Return how many."""
        with self.db.transaction() as session:
            authors = session.scalars(
                select(PanelInterviewRow.account_id)
                .join(InterviewRow, InterviewRow.id == PanelInterviewRow.interview_id)
                .join(ScorecardRow, ScorecardRow.interview_id == InterviewRow.id)
                .join(CandidateRow, CandidateRow.id == InterviewRow.candidate_id)
                .where(
                    CandidateRow.owner_id == KIT_OWNER,
                    CandidateRow.public_id == candidate_id,
                    PanelInterviewRow.account_id != viewer.id,
                )
                .order_by(PanelInterviewRow.account_id)
            ).all()
            for author in authors:
                self.accounts.log(
                    session,
                    "viewed_scorecard",
                    actor=viewer.id,
                    subject=author,
                    detail=f"{what} of candidate {candidate_id}",
                )
            return len(authors)
