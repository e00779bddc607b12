"""The registry's side of the use cases' ports (``governance.ports``), on SQLModel sessions."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from governance.action_plan import ActionOnRecord
from governance.notifications import OutboxMessage, QueuedMessage
from governance.people import PersonOnRecord, RoleHeld
from registry import models as m

RETRYABLE = (m.NotificationStatus.QUEUED, m.NotificationStatus.FAILED)


class SqlActionPlanRecords:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return (
            select(m.Action, m.Plan, m.Board.key, m.Person, m.SubGroup.key)
            .join(m.Recommendation, col(m.Action.recommendation_id) == m.Recommendation.id)
            .join(m.Plan, col(m.Recommendation.plan_id) == m.Plan.id)
            .join(m.Board, col(m.Plan.board_id) == m.Board.id)
            .join(m.Person, col(m.Action.owner_id) == m.Person.id)
            .join(m.SubGroup, col(m.Plan.lead_sub_group_id) == m.SubGroup.id, isouter=True)
            .order_by(m.Action.reference)
        )

    def actions(self) -> list[ActionOnRecord]:
        periods: dict[int, set[str]] = defaultdict(set)
        for action_id, period in self._session.exec(select(m.ActionUpdate.action_id, m.ActionUpdate.period)):
            periods[action_id].add(period)
        return [_action(*row, periods[row[0].id]) for row in self._session.exec(self._query())]

    def find(self, reference: str) -> ActionOnRecord | None:
        row = self._session.exec(self._query().where(m.Action.reference == reference)).first()
        if row is None:
            return None
        updates = self._session.exec(select(m.ActionUpdate.period).where(m.ActionUpdate.action_id == row[0].id))
        return _action(*row, set(updates))

    def add_update(self, reference: str, *, period: str, progress: str, submitted_by: str, submitted_on: date) -> None:
        action = self._session.exec(select(m.Action).where(m.Action.reference == reference)).one()
        person = _person_id(self._session, submitted_by)
        self._session.add(
            m.ActionUpdate(action_id=action.id, period=period, progress=progress, submitted_by_id=person, submitted_on=submitted_on)
        )

    def move_due_date(self, reference: str, *, to: date) -> None:
        action = self._session.exec(select(m.Action).where(m.Action.reference == reference)).one()
        action.original_due_on = action.original_due_on or action.due_on
        action.due_on = to
        action.extensions += 1
        self._session.add(action)


def _action(action: m.Action, plan: m.Plan, board_key: str, owner: m.Person, sub_group_key: str | None, periods: set[str]) -> ActionOnRecord:
    return ActionOnRecord(
        reference=action.reference,
        text=action.text,
        plan_key=plan.key,
        plan_title=plan.title,
        plan_starts_on=plan.starts_on,
        plan_exempt_paragraph=plan.exempt_paragraph,
        plan_extension_approvers=tuple(plan.extension_approvers),
        board_key=board_key,
        lead_sub_group_key=sub_group_key,
        owner_key=owner.key,
        owner_name=owner.name,
        due_on=action.due_on,
        original_due_on=action.original_due_on,
        extensions=action.extensions,
        completed_on=action.completed_on,
        updated_periods=frozenset(periods),
    )


def _person_id(session: Session, key: str) -> int:
    return session.exec(select(m.Person.id).where(m.Person.key == key)).one()


class SqlOutbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        if self._session.exec(select(m.Notification.id).where(m.Notification.key == message.key)).first():
            return False
        self._session.add(
            m.Notification(
                **message.model_dump(exclude={"recipient_key"}),
                recipient_id=_person_id(self._session, message.recipient_key),
                status=m.NotificationStatus.QUEUED,
                queued_at=at,
            )
        )
        self._session.flush()
        return True

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        rows = self._session.exec(
            select(m.Notification, m.Person.key)
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id, isouter=True)
            .where(_claimable(stale_before))
            .where(sa.or_(col(m.Notification.not_before).is_(None), col(m.Notification.not_before) <= now))
            .order_by(m.Notification.id)
        )
        return [
            QueuedMessage(**row.model_dump(include=set(QueuedMessage.model_fields) - {"recipient_key"}), recipient_key=key or "")
            for row, key in rows
        ]

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        result = self._session.execute(
            sa.update(m.Notification)
            .where(m.Notification.id == message_id, _claimable(stale_before))
            .values(status=m.NotificationStatus.SENDING, claimed_at=at)
        )
        return result.rowcount == 1

    def mark_sent(self, message_id: int, *, at: datetime) -> None:
        self._finish(message_id, status=m.NotificationStatus.SENT, sent_at=at, last_error=None)

    def mark_failed(self, message_id: int, *, error: str, at: datetime) -> None:
        self._finish(message_id, status=m.NotificationStatus.FAILED, last_error=error[:2000])

    def _finish(self, message_id: int, **values: Any) -> None:
        self._session.execute(
            sa.update(m.Notification)
            .where(m.Notification.id == message_id)
            .values(attempts=m.Notification.attempts + 1, claimed_at=None, **values)
        )


def _claimable(stale_before: datetime) -> Any:
    """Queued or failed, or claimed by a sender that stopped before finishing (claim older than the lease)."""
    return sa.or_(
        col(m.Notification.status).in_(RETRYABLE),
        sa.and_(m.Notification.status == m.NotificationStatus.SENDING, col(m.Notification.claimed_at) < stale_before),
    )


class SqlPeople:
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, key: str) -> PersonOnRecord | None:
        return self.find_many({key}).get(key)

    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]:
        people = self._session.exec(select(m.Person).where(col(m.Person.key).in_(keys))).all()
        agencies = dict(self._session.exec(select(m.Agency.id, m.Agency.key)).all())
        roles = self._roles({p.id for p in people})
        return {
            p.key: PersonOnRecord(
                key=p.key, name=p.name, email=p.email, agency_key=agencies.get(p.agency_id), roles=frozenset(roles[p.id])
            )
            for p in people
        }

    def _roles(self, person_ids: set[int | None]) -> dict[int | None, set[RoleHeld]]:
        rows = self._session.exec(
            select(m.Membership, m.Board.key, m.SubGroup.key)
            .join(m.Board, col(m.Membership.board_id) == m.Board.id, isouter=True)
            .join(m.SubGroup, col(m.Membership.sub_group_id) == m.SubGroup.id, isouter=True)
            .where(col(m.Membership.person_id).in_(person_ids))
        )
        roles: dict[int | None, set[RoleHeld]] = defaultdict(set)
        for membership, board_key, sub_group_key in rows:
            roles[membership.person_id].add(RoleHeld(role=membership.role, body_key=board_key or sub_group_key))
        return roles


class SqlAuditTrail:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any]) -> None:
        self._session.add(m.AuditEvent(at=at, actor=actor, event=event, subject=subject, details=details))
