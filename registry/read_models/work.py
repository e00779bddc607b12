"""A person's own work: what they submitted and how it stands, and the messages sent to them (only theirs)."""

from datetime import date, datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.deadlines.model import DeadlineState, Duty
from governance.lifecycles import ExtensionState
from registry import tables as m
from registry.sql.scope import chosen_partnership_id


class Given(BaseModel):
    """Something the person submitted or asked for, and where it stands."""

    what: str
    on: date
    state: str
    link: dict[str, str] = {}
    """The query parameters of the page where it is followed: ``{"extension": "3"}``."""


def given_by(engine: Engine, *, partnership: str, person: str) -> list[Given]:
    """Updates, returns and extension requests the person gave, newest first."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        me = session.exec(
            select(m.Person.id).where(m.Person.partnership_id == pid, m.Person.key == person)
        ).one()
        given = [*_updates(session, pid, me), *_requests(session, pid, me), *_returns(session, pid, me)]
    return sorted(given, key=lambda g: g.on, reverse=True)


def _updates(session: Session, pid: int, me: int) -> list[Given]:
    rows = session.exec(
        select(m.ActionUpdate, m.Action.reference, m.Deadline.state)
        .join(m.Action, col(m.ActionUpdate.action_id) == m.Action.id)
        .join(
            m.Deadline,
            sa.and_(
                m.Deadline.partnership_id == pid,
                m.Deadline.duty == Duty.ACTION_PLAN_UPDATE,
                col(m.Deadline.subject) == m.Action.reference,
                col(m.Deadline.period) == m.ActionUpdate.period,
            ),
            isouter=True,
        )
        .where(m.Action.partnership_id == pid, m.ActionUpdate.submitted_by_id == me)
    )
    return [
        Given(
            what=f"Update on {reference} for {u.period}",
            on=u.submitted_on,
            state=(state or DeadlineState.SUBMITTED).value,
            link={"action": reference},
        )
        for u, reference, state in rows
    ]


def _requests(session: Session, pid: int, me: int) -> list[Given]:
    rows = session.exec(
        select(m.ExtensionRequest, m.Deadline)
        .join(m.Deadline, col(m.ExtensionRequest.deadline_id) == m.Deadline.id)
        .where(m.Deadline.partnership_id == pid, m.ExtensionRequest.requested_by_id == me)
    )
    return [
        Given(
            what=f"Extension of {d.title or d.subject} to {r.proposed_due_on:%d %b %Y}",
            on=r.requested_on,
            state=f"extension {r.state.value}"
            + (", awaiting decision" if r.state is ExtensionState.REQUESTED else ""),
            link={"extension": str(r.id)},
        )
        for r, d in rows
    ]


def _returns(session: Session, pid: int, me: int) -> list[Given]:
    rows = session.exec(
        select(m.Deadline).where(
            m.Deadline.partnership_id == pid,
            m.Deadline.owner_id == me,
            m.Deadline.duty != Duty.ACTION_PLAN_UPDATE,
            col(m.Deadline.submitted_on).is_not(None),
        )
    )
    return [
        Given(
            what=d.title or f"{d.duty.value}: {d.subject}",
            on=d.submitted_on,
            state=d.state.value,
            link={"deadline": str(d.id)},
        )
        for d in rows
        if d.submitted_on is not None
    ]


class MessageRow(BaseModel):
    subject: str
    body: str
    status: str
    queued_at: datetime
    sent_at: datetime | None


def messages_to(engine: Engine, *, partnership: str, person: str, limit: int = 20) -> list[MessageRow]:
    """The newest messages the outbox holds for this person (by their record, or their address)."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        me = session.exec(
            select(m.Person).where(m.Person.partnership_id == pid, m.Person.key == person)
        ).one()
        rows = session.exec(
            select(m.Notification)
            .where(m.Notification.partnership_id == pid)
            .where(
                sa.or_(
                    m.Notification.recipient_id == me.id,
                    sa.func.lower(m.Notification.address) == me.email.lower(),
                )
            )
            .order_by(col(m.Notification.id).desc())
            .limit(limit)
        )
        return [
            MessageRow(
                subject=n.subject,
                body=n.body,
                status=n.status.value,
                queued_at=n.queued_at,
                sent_at=n.sent_at,
            )
            for n in rows
        ]


def owns_open_work(engine: Engine, *, partnership: str, person: str) -> bool:
    """Whether the person owns a deadline not closed or an action not completed."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        me = (
            select(m.Person.id)
            .where(m.Person.partnership_id == pid, m.Person.key == person)
            .scalar_subquery()
        )
        deadline = session.exec(
            select(m.Deadline.id).where(m.Deadline.owner_id == me, m.Deadline.state != DeadlineState.CLOSED)
        ).first()
        action = session.exec(
            select(m.Action.id).where(m.Action.owner_id == me, col(m.Action.completed_on).is_(None))
        ).first()
        return deadline is not None or action is not None
