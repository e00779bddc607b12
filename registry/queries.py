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
    """Every deadline of the partnership not closed, with how it stands on ``as_of``, soonest first.

    One SELECT of plain columns, no ORM objects."""
    d = m.Deadline
    query = (
        sa.select(
            d.duty,
            d.subject,
            d.title,
            d.period,
            m.Board.short_name,
            m.SubGroup.name,
            m.Person.name,
            m.Agency.name,
            d.due_on,
            d.state,
            d.extensions,
            d.original_due_on,
        )
        .join(m.Board, col(d.board_id) == m.Board.id)
        .join(m.Person, col(d.owner_id) == m.Person.id)
        .join(m.Agency, col(m.Person.agency_id) == m.Agency.id, isouter=True)
        .join(m.SubGroup, col(d.sub_group_id) == m.SubGroup.id, isouter=True)
        .where(d.state != DeadlineState.CLOSED)
        .where(d.partnership_id == sa.bindparam("partnership_id"))
        .order_by(d.due_on, d.subject, d.duty)
    )
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        rows = session.connection().execute(query, {"partnership_id": pid}).all()
    return [_deadline_row(row, as_of, due_soon_days) for row in rows]


def _deadline_row(row: sa.Row, as_of: date, due_soon_days: int) -> DeadlineRow:
    duty, subject, title, period, board, sub_group, owner, agency, due_on, state, extensions, first = row
    return DeadlineRow(
        duty=duty,
        subject=subject,
        title=title or f"{duty.value}: {subject}",
        period=period,
        board=board,
        sub_group=sub_group,
        owner=owner,
        agency=agency,
        due_on=due_on,
        state=state,
        standing=standing_on(state, due_on, as_of, due_soon_days=due_soon_days),
        days_overdue=max(0, (as_of - due_on).days)
        if state in (DeadlineState.OPEN, DeadlineState.RETURNED)
        else 0,
        extensions=extensions,
        original_due_on=first,
    )


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


class PersonRow(BaseModel):
    key: str
    name: str
    email: str
    job_title: str
    agency: str | None
    roles: list[str]
    """Each role held on ``as_of``, with the body it is held on: ``independent chair (BSAB)``."""


def people(engine: Engine, *, partnership: str | None = None, as_of: date) -> list[PersonRow]:
    """The partnership's people by name, with the keys and e-mail addresses ``--by`` takes."""
    current = sa.or_(col(m.Membership.ended_on).is_(None), col(m.Membership.ended_on) > as_of)
    roles = (
        select(m.Membership.person_id, m.Membership.role, m.Board.short_name, m.SubGroup.name)
        .join(m.Board, col(m.Membership.board_id) == m.Board.id, isouter=True)
        .join(m.SubGroup, col(m.Membership.sub_group_id) == m.SubGroup.id, isouter=True)
        .where(current)
        .order_by(m.Membership.id)
    )
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        held: dict[int, list[str]] = {}
        for person_id, role, board, sub_group in session.exec(roles):
            body = board or sub_group
            held.setdefault(person_id, []).append(f"{role.value} ({body})" if body else role.value)
        rows = session.exec(
            select(m.Person, m.Agency.name)
            .join(m.Agency, col(m.Person.agency_id) == m.Agency.id, isouter=True)
            .where(m.Person.partnership_id == pid)
            .order_by(m.Person.name, m.Person.key)
        )
        return [
            PersonRow(
                key=p.key,
                name=p.name,
                email=p.email,
                job_title=p.job_title,
                agency=agency,
                roles=held.get(p.id, []),
            )
            for p, agency in rows
        ]


class StepRow(BaseModel):
    step: str
    for_due_on: date
    taken_on: date
    skipped: bool


class RecordedDeadlineRow(BaseModel):
    duty: Duty
    subject: str
    period: str
    title: str
    board: str
    owner: str
    state: DeadlineState
    standing: Standing
    """How it stands on the day asked: overdue, due soon, on track, or its state when it waits on nobody."""
    due_on: date
    original_due_on: date
    extensions: int
    recorded_on: date
    steps: list[StepRow]
    """The escalation steps taken (or skipped as stale), oldest first."""


def recorded_deadlines(
    engine: Engine,
    *,
    as_of: date,
    partnership: str | None = None,
    start: date | None = None,
    end: date | None = None,
    due_soon_days: int = 14,
) -> list[RecordedDeadlineRow]:
    """Every deadline the registry has recorded (due from ``start`` to ``end`` when given), soonest
    first, with how each stands on ``as_of``."""
    query = (
        select(m.Deadline, m.Board.short_name, m.Person.name)
        .join(m.Board, col(m.Deadline.board_id) == m.Board.id)
        .join(m.Person, col(m.Deadline.owner_id) == m.Person.id)
        .where(m.Deadline.partnership_id == sa.bindparam("partnership_id"))
        .order_by(m.Deadline.due_on, m.Deadline.subject, m.Deadline.duty)
    )
    if start is not None:
        query = query.where(m.Deadline.due_on >= start)
    if end is not None:
        query = query.where(m.Deadline.due_on <= end)
    steps = (
        select(m.EscalationStepTaken)
        .join(m.Deadline, col(m.EscalationStepTaken.deadline_id) == m.Deadline.id)
        .where(m.Deadline.partnership_id == sa.bindparam("partnership_id"))
        .order_by(m.EscalationStepTaken.taken_on, m.EscalationStepTaken.id)
    )
    with Session(engine) as session:
        params = {"partnership_id": chosen_partnership_id(session, partnership)}
        taken: dict[int, list[StepRow]] = {}
        for s in session.exec(steps, params=params):
            taken.setdefault(s.deadline_id, []).append(StepRow.model_validate(s, from_attributes=True))
        return [
            RecordedDeadlineRow(
                **d.model_dump(
                    include=set(RecordedDeadlineRow.model_fields) - {"board", "owner", "steps", "standing"}
                ),
                standing=standing_on(d.state, d.due_on, as_of, due_soon_days=due_soon_days),
                board=board,
                owner=owner,
                steps=taken.get(d.id, []),
            )
            for d, board, owner in session.exec(query, params=params)
        ]


def notifications_not_yet_due(
    engine: Engine, *, partnership: str | None = None, now: datetime
) -> list[datetime]:
    """When each queued (or failed) message of the partnership may first be sent, for those held until later."""
    with Session(engine) as session:
        mine = m.Notification.partnership_id == chosen_partnership_id(session, partnership)
        return list(
            session.exec(
                select(m.Notification.not_before)
                .where(
                    mine,
                    col(m.Notification.status).in_(
                        (m.NotificationStatus.QUEUED, m.NotificationStatus.FAILED)
                    ),
                )
                .where(col(m.Notification.not_before) > now)
                .order_by(m.Notification.not_before)
            )
        )


def failed_waiting_for_retry(
    engine: Engine, *, partnership: str | None = None, now: datetime
) -> list[tuple[int, str, datetime, str]]:
    """Each failed message whose next try is still to come: its number, address, next try and error."""
    with Session(engine) as session:
        mine = m.Notification.partnership_id == chosen_partnership_id(session, partnership)
        rows = session.exec(
            select(
                m.Notification.id,
                m.Notification.address,
                m.Notification.next_attempt_at,
                m.Notification.last_error,
            )
            .where(mine, m.Notification.status == m.NotificationStatus.FAILED)
            .where(col(m.Notification.next_attempt_at) > now)
            .order_by(col(m.Notification.next_attempt_at), col(m.Notification.id))
        )
        return [(n, address, at, error or "") for n, address, at, error in rows]
