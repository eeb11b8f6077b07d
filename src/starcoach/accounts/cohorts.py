"""Cohorts and sharing on a team server: who coaches whom, and which stories a candidate shares.

A cohort has coaches and candidates. An admin or a coach creates one (a coach who creates it runs
it); an admin or one of its coaches adds and removes candidates by login, and only an admin adds
or removes coaches. A coach sees, for the cohorts they run, each candidate's practice (sessions,
scores, findings) and the stories that candidate shares; nothing else of theirs. Sharing is per
story and goes to the coaches of every cohort the candidate is in.

Every check here answers "not found" for a cohort or a candidate the account may not see, so a
stranger cannot tell what exists; "not allowed" only for an action on something it can see.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from starcoach.accounts.model import Account, AccountError, clean_name
from starcoach.storage.db import as_utc
from starcoach.storage.models import (
    AccountRow,
    CohortMemberRow,
    CohortRow,
    StoryRow,
    StoryShareRow,
)

if TYPE_CHECKING:
    from starcoach.accounts.service import Accounts
    from starcoach.storage.attempts import AttemptRecord
    from starcoach.stories.model import Story

COACH = "coach"
CANDIDATE = "candidate"

OPERATOR = Account(id=0, user_id=0, login="", name="the server's operator", role="admin")
"""Whoever runs `starcoach admin` on the server: an admin's rights, and no account of its own (its
audit entries name no actor)."""


def actor_id(account: Account) -> int | None:
    """Return the account id an audit entry or a row names as the actor (None for the operator)."""
    return account.id or None


class NotFound(AccountError):
    """Something the account may not see, answered as if it did not exist."""


class NotAllowed(AccountError):
    """An action on something the account can see but may not do."""


@dataclass(frozen=True, slots=True)
class Member:
    """An account in a cohort, as a coach or a candidate."""

    account_id: int
    user_id: int
    login: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Cohort:
    """A cohort with its coaches and candidates."""

    id: int
    name: str
    created_at: dt.datetime
    coaches: tuple[Member, ...]
    candidates: tuple[Member, ...]

    def runs(self, account: Account) -> bool:
        """Return True when `account` is one of the cohort's coaches."""
        return any(m.account_id == account.id for m in self.coaches)

    def candidate(self, account_id: int) -> Member | None:
        """Return the candidate with this account id, or None."""
        return next((m for m in self.candidates if m.account_id == account_id), None)


class Cohorts:
    """Cohorts, their members and shared stories on one team server's database."""

    def __init__(self, accounts: Accounts) -> None:
        self.accounts = accounts
        self.db = accounts.db

    # -- reading ---------------------------------------------------------------------------------

    def _cohort(self, session: Session, row: CohortRow) -> Cohort:
        members = session.execute(
            select(CohortMemberRow.role, AccountRow)
            .join(AccountRow, AccountRow.id == CohortMemberRow.account_id)
            .where(CohortMemberRow.cohort_id == row.id)
            .order_by(AccountRow.name, AccountRow.login)
        ).all()
        people = [(role, Member(a.id, a.user_id, a.login, a.name, role)) for role, a in members]
        return Cohort(
            id=row.id,
            name=row.name,
            created_at=as_utc(row.created_at),
            coaches=tuple(m for role, m in people if role == COACH),
            candidates=tuple(m for role, m in people if role == CANDIDATE),
        )

    def _all(self, session: Session, ids: Sequence[int] | None = None) -> list[Cohort]:
        query = select(CohortRow).order_by(CohortRow.name, CohortRow.id)
        if ids is not None:
            query = query.where(CohortRow.id.in_(ids))
        return [self._cohort(session, row) for row in session.scalars(query)]

    def _member_of(self, session: Session, account: Account, role: str) -> list[int]:
        return list(
            session.scalars(
                select(CohortMemberRow.cohort_id).where(
                    CohortMemberRow.account_id == account.id, CohortMemberRow.role == role
                )
            )
        )

    def visible(self, account: Account) -> list[Cohort]:
        """Return the cohorts an account may manage or look at: all for an admin, the ones a
        coach runs for a coach. A candidate's own cohorts are `joined`."""
        with self.db.session() as session:
            if account.is_admin:
                return self._all(session)
            if account.role == COACH:
                return self._all(session, self._member_of(session, account, COACH))
            return []

    def joined(self, account: Account) -> list[Cohort]:
        """Return the cohorts an account is a candidate in."""
        with self.db.session() as session:
            return self._all(session, self._member_of(session, account, CANDIDATE))

    def get(self, account: Account, cohort_id: int) -> Cohort:
        """Return a cohort its admin or one of its coaches asks for; raise NotFound otherwise."""
        with self.db.session() as session:
            row = session.get(CohortRow, cohort_id)
            cohort = self._cohort(session, row) if row is not None else None
        if cohort is None or not (account.is_admin or cohort.runs(account)):
            raise NotFound(f"there is no cohort {cohort_id} that you run")
        return cohort

    def coached(self, coach: Account, cohort_id: int, account_id: int) -> Member:
        """Return a candidate of a cohort `coach` runs; raise NotFound for anyone else.

        An admin manages cohorts but is not their coach: this is for coaches only.
        """
        cohort = self.get(coach, cohort_id)
        member = cohort.candidate(account_id)
        if member is None or not cohort.runs(coach):
            raise NotFound(f"cohort {cohort_id} has no candidate {account_id} that you coach")
        return member

    # -- changing ----------------------------------------------------------------------------------

    def create(self, actor: Account, name: str, coach_login: str = "") -> Cohort:
        """Create a cohort. A coach who creates one runs it; an admin may name its coach."""
        if not (actor.is_admin or actor.role == COACH):
            raise NotAllowed("Only an admin or a coach creates cohorts.")
        name = clean_name(name)
        with self.db.transaction() as session:
            coach_id = actor.id if actor.role == COACH else None
            if coach_login.strip() and actor.is_admin:
                coach = self._account_by_login(session, coach_login)
                if coach.role != COACH:
                    raise AccountError(f"{coach.login} is not a coach (their role: {coach.role}).")
                coach_id = coach.id
            row = CohortRow(name=name, created_by=actor_id(actor), created_at=self.accounts.clock())
            session.add(row)
            session.flush()
            if coach_id is not None:
                session.add(
                    CohortMemberRow(
                        cohort_id=row.id,
                        account_id=coach_id,
                        role=COACH,
                        added_at=self.accounts.clock(),
                    )
                )
            self.accounts.log(
                session, "cohort_created", actor=actor_id(actor), detail=f"cohort {row.id}"
            )
            session.flush()
            return self._cohort(session, row)

    def _account_by_login(self, session: Session, login: str) -> AccountRow:
        row = session.scalar(select(AccountRow).where(AccountRow.login == login.strip().lower()))
        if row is None:
            raise AccountError(f"There is no account with the login {login.strip()!r}.")
        return row

    def add(self, actor: Account, cohort_id: int, login: str) -> Member:
        """Add an account to a cohort by login: a candidate as a candidate, a coach as a coach
        (an admin's action only)."""
        cohort = self.get(actor, cohort_id)
        with self.db.transaction() as session:
            row = self._account_by_login(session, login)
            if row.role not in (COACH, CANDIDATE):
                raise AccountError(
                    f"{row.login} is an {row.role}: a cohort has only coaches and candidates."
                )
            if row.role == COACH and not actor.is_admin:
                raise NotAllowed("Only an admin adds a coach to a cohort.")
            if row.id in {m.account_id for m in cohort.coaches + cohort.candidates}:
                raise AccountError(f"{row.login} is in this cohort already.")
            self._join(session, cohort.id, row, actor_id(actor))
            return Member(row.id, row.user_id, row.login, row.name, row.role)

    def _join(self, session: Session, cohort_id: int, row: AccountRow, actor: int | None) -> None:
        session.add(
            CohortMemberRow(
                cohort_id=cohort_id,
                account_id=row.id,
                role=row.role,
                added_at=self.accounts.clock(),
            )
        )
        self.accounts.log(
            session,
            "cohort_member_added",
            actor=actor,
            subject=row.id,
            detail=f"cohort {cohort_id} as {row.role}",
        )

    def join_by_invitation(self, session: Session, cohort_id: int, row: AccountRow) -> None:
        """Put a newly signed-up account in the cohort its invitation named (if it still exists)."""
        if row.role in (COACH, CANDIDATE) and session.get(CohortRow, cohort_id) is not None:
            self._join(session, cohort_id, row, row.id)

    def remove(self, actor: Account, cohort_id: int, account_id: int) -> Member:
        """Take an account out of a cohort; a coach only by an admin."""
        cohort = self.get(actor, cohort_id)
        member = next(
            (m for m in cohort.coaches + cohort.candidates if m.account_id == account_id), None
        )
        if member is None:
            raise NotFound(f"cohort {cohort_id} has no member {account_id}")
        if member.role == COACH and not actor.is_admin:
            raise NotAllowed("Only an admin removes a coach from a cohort.")
        with self.db.transaction() as session:
            session.execute(
                delete(CohortMemberRow).where(
                    CohortMemberRow.cohort_id == cohort_id,
                    CohortMemberRow.account_id == account_id,
                )
            )
            self.accounts.log(
                session,
                "cohort_member_removed",
                actor=actor_id(actor),
                subject=account_id,
                detail=f"cohort {cohort_id}",
            )
        return member

    # -- sharing -----------------------------------------------------------------------------------

    def shared_ids(self, owner: Account) -> set[str]:
        """Return the ids (slugs) of the owner's stories that are shared."""
        with self.db.session() as session:
            return set(
                session.scalars(
                    select(StoryRow.slug)
                    .join(StoryShareRow, StoryShareRow.story_id == StoryRow.id)
                    .where(StoryRow.owner_id == owner.user_id)
                )
            )

    def share(self, owner: Account, story_id: str, shared: bool) -> None:
        """Share one of the owner's stories with their cohorts' coaches, or stop sharing it."""
        with self.db.transaction() as session:
            story = session.scalar(
                select(StoryRow).where(
                    StoryRow.owner_id == owner.user_id, StoryRow.slug == story_id
                )
            )
            if story is None:
                raise NotFound(f"you have no story {story_id!r}")
            current = session.scalar(
                select(StoryShareRow).where(StoryShareRow.story_id == story.id)
            )
            if shared and current is None:
                session.add(
                    StoryShareRow(
                        story_id=story.id, owner_id=owner.user_id, shared_at=self.accounts.clock()
                    )
                )
            elif not shared and current is not None:
                session.delete(current)
            else:
                return
            action = "story_shared" if shared else "story_unshared"
            self.accounts.log(session, action, actor=owner.id, subject=owner.id, detail=story_id)

    def shared_stories(self, member: Member) -> list[Story]:
        """Return a candidate's shared stories, by title."""
        from starcoach.storage.stories import StoryStore

        store = StoryStore(self.db, member.user_id)
        with self.db.session() as session:
            ids = set(
                session.scalars(
                    select(StoryRow.slug)
                    .join(StoryShareRow, StoryShareRow.story_id == StoryRow.id)
                    .where(StoryRow.owner_id == member.user_id)
                )
            )
        return sorted((s for s in store.all() if s.id in ids), key=lambda s: s.title.lower())

    def shared_story(self, member: Member, story_id: str) -> Story:
        """Return one shared story of a candidate; raise NotFound when it is not shared."""
        for story in self.shared_stories(member):
            if story.id == story_id:
                return story
        raise NotFound(f"no shared story {story_id!r}")

    # -- the audit of what coaches look at -----------------------------------------------------------

    def viewed(self, viewer: Account, members: Sequence[Member], action: str, what: str) -> None:
        """Record that `viewer` looked at candidates' data: one entry per candidate, so each one's
        audit trail (and their export) says who saw what of theirs. `action` is
        "viewed_progress", "viewed_story" or "viewed_cohort"."""
        with self.db.transaction() as session:
            for member in members:
                self.accounts.log(
                    session, action, actor=viewer.id, subject=member.account_id, detail=what
                )


def cohort_summary(
    cohort: Cohort, practice: Mapping[int, Sequence[AttemptRecord]], sessions: Mapping[int, int]
) -> dict[str, Any]:
    """Return the coach's view of a cohort: who practised, findings that recur across the cohort
    (counted by rule), and the dimensions to work on (the median score of every answer, lowest
    first). `practice` maps a candidate's account id to their opener answers; `sessions` to their
    number of practice sessions. Only counts and scores: no answer's words."""
    people = []
    rule_answers: Counter[str] = Counter()
    rule_people: Counter[str] = Counter()
    dimension_scores: dict[str, list[int]] = {}
    for member in cohort.candidates:
        answers = list(practice.get(member.account_id, ()))
        last = max((a.created_at for a in answers), default=None)
        people.append(
            {
                "account_id": member.account_id,
                "login": member.login,
                "name": member.name,
                "sessions": sessions.get(member.account_id, 0),
                "answers": len(answers),
                "last_practice": as_utc(last).isoformat(timespec="minutes") if last else None,
            }
        )
        seen: set[str] = set()
        for answer in answers:
            for finding in answer.report.findings:
                rule_answers[finding.rule_id] += 1
                seen.add(finding.rule_id)
            for score in answer.report.scores:
                dimension_scores.setdefault(score.dimension, []).append(score.score)
        rule_people.update(seen)
    findings = [
        {"rule_id": rule, "answers": rule_answers[rule], "candidates": rule_people[rule]}
        for rule in sorted(rule_answers, key=lambda r: (-rule_people[r], -rule_answers[r], r))
    ]
    dimensions = [
        {"dimension": dim, "median": statistics.median(scores), "answers": len(scores)}
        for dim, scores in sorted(
            dimension_scores.items(), key=lambda item: (statistics.median(item[1]), item[0])
        )
    ]
    return {
        "kind": "cohort",
        "cohort": {"id": cohort.id, "name": cohort.name},
        "coaches": [{"account_id": m.account_id, "name": m.name} for m in cohort.coaches],
        "candidates": people,
        "practised": sum(1 for p in people if p["answers"]),
        "findings": findings,
        "dimensions": dimensions,
    }
