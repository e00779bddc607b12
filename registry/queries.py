"""Read-only views the pages and the command line show: plain rows, no session leaks out."""

from datetime import date, datetime

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from governance.deadlines.model import DeadlineState, Duty, Standing, standing_on
from registry import tables as m
from registry.sql.scope import chosen_partnership_id


class DeadlineRow(BaseModel):
    duty: Duty
    subject: str
    title: str
    period: str
    board: str
    sub_group: str | None
    owner: str
    agency: str | None
    due_on: date
    state: DeadlineState
    standing: Standing
    days_overdue: int
    extensions: int = 0
    original_due_on: date | None = None


def open_deadlines(
    engine: Engine, *, partnership: str | None = None, as_of: date, due_soon_days: int
) -> list[DeadlineRow]:
    """Every deadline of the partnership not closed, with how it stands on ``as_of``, soonest first."""
    query = (
        select(m.Deadline, m.Board.short_name, m.SubGroup.name, m.Person.name, m.Agency.name)
        .join(m.Board, col(m.Deadline.board_id) == m.Board.id)
        .join(m.Person, col(m.Deadline.owner_id) == m.Person.id)
        .join(m.Agency, col(m.Person.agency_id) == m.Agency.id, isouter=True)
        .join(m.SubGroup, col(m.Deadline.sub_group_id) == m.SubGroup.id, isouter=True)
        .where(m.Deadline.state != DeadlineState.CLOSED)
        .where(m.Deadline.partnership_id == sa.bindparam("partnership_id"))
        .order_by(m.Deadline.due_on, m.Deadline.subject, m.Deadline.duty)
    )
    with Session(engine) as session:
        return [
            DeadlineRow(
                duty=d.duty,
                subject=d.subject,
                title=d.title or f"{d.duty.value}: {d.subject}",
                period=d.period,
                board=board,
                sub_group=sub_group,
                owner=owner,
                agency=agency,
                due_on=d.due_on,
                state=d.state,
                standing=standing_on(d.state, d.due_on, as_of, due_soon_days=due_soon_days),
                days_overdue=max(0, (as_of - d.due_on).days)
                if d.state in (DeadlineState.OPEN, DeadlineState.RETURNED)
                else 0,
                extensions=d.extensions,
                original_due_on=d.original_due_on,
            )
            for d, board, sub_group, owner, agency in session.exec(
                query, params={"partnership_id": chosen_partnership_id(session, partnership)}
            )
        ]


class NotificationRow(BaseModel):
    id: int
    recipient: str
    address: str
    subject: str
    status: m.NotificationStatus
    attempts: int
    last_error: str | None
    queued_at: datetime
    sent_at: datetime | None


def notifications(
    engine: Engine, *, partnership: str | None = None, limit: int = 500
) -> list[NotificationRow]:
    """The partnership's outbox, newest first."""
    with Session(engine) as session:
        mine = m.Notification.partnership_id == chosen_partnership_id(session, partnership)
        rows = session.exec(
            select(m.Notification).where(mine).order_by(col(m.Notification.id).desc()).limit(limit)
        )
        return [
            NotificationRow(recipient=n.recipient_name, **n.model_dump(exclude={"recipient_name"}))
            for n in rows
        ]


class PartnershipSummary(BaseModel):
    name: str
    boards: int
    sub_groups: int
    agencies: int
    people: int
    actions: int


def partnership_summary(engine: Engine, *, partnership: str | None = None) -> PartnershipSummary:
    with Session(engine) as session:
        found = session.get(m.Partnership, chosen_partnership_id(session, partnership))
        assert found is not None

        def count(table: type) -> int:
            return session.exec(
                select(func.count()).select_from(table).where(table.partnership_id == found.id)
            ).one()

        return PartnershipSummary(
            name=found.name,
            boards=count(m.Board),
            sub_groups=count(m.SubGroup),
            agencies=count(m.Agency),
            people=count(m.Person),
            actions=count(m.Action),
        )


class PartnershipChoice(BaseModel):
    key: str
    name: str


def partnerships(engine: Engine) -> list[PartnershipChoice]:
    """Every partnership the registry holds, by name: the choice the pages and commands offer."""
    with Session(engine) as session:
        rows = session.exec(select(m.Partnership).order_by(m.Partnership.name))
        return [PartnershipChoice(key=p.key, name=p.name) for p in rows]
