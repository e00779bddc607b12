"""The deadline board and one deadline in detail: its history, submission, extensions and escalation steps."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from governance.deadlines.model import DeadlineState, Duty, Standing, standing_on
from governance.lifecycles import ExtensionState
from registry import tables as m
from registry.sql.scope import chosen_partnership_id

WAITING = (DeadlineState.OPEN, DeadlineState.RETURNED)


class BoardRow(BaseModel):
    id: int
    duty: Duty
    subject: str
    period: str
    title: str
    board: str
    board_key: str
    sub_group: str | None
    sub_group_key: str | None
    owner: str
    owner_key: str
    agency: str | None
    due_on: date
    original_due_on: date
    extensions: int
    state: DeadlineState
    standing: Standing
    days_overdue: int
    """0 unless open (or returned) and past its due date."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.duty.value, self.subject, self.period)

    @property
    def is_open(self) -> bool:
        """Waiting on its owner: open or returned. Scheduled, submitted and accepted ones are not."""
        return self.state in WAITING


def deadline_board(
    engine: Engine, *, partnership: str, as_of: date, due_soon_days: int, owner_key: str | None = None
) -> list[BoardRow]:
    """Every deadline of the partnership not closed (or only ``owner_key``'s), soonest first: one
    SELECT of plain columns, no ORM objects."""
    d, b, g, p = m.Deadline, m.Board, m.SubGroup, m.Person
    columns = [d.id, d.duty, d.subject, d.period, d.title, d.due_on, d.original_due_on, d.extensions, d.state]
    named = {"board": b.short_name, "board_key": b.key, "sub_group": g.name, "sub_group_key": g.key,
             "owner": p.name, "owner_key": p.key, "agency": m.Agency.name}  # fmt: skip
    query = (
        sa.select(*columns, *(column.label(name) for name, column in named.items()))
        .join(m.Board, col(d.board_id) == m.Board.id)
        .join(m.Person, col(d.owner_id) == m.Person.id)
        .join(m.Agency, col(m.Person.agency_id) == m.Agency.id, isouter=True)
        .join(m.SubGroup, col(d.sub_group_id) == m.SubGroup.id, isouter=True)
        .where(d.state != DeadlineState.CLOSED)
        .order_by(d.due_on, d.subject, d.duty)
    )
    if owner_key is not None:
        query = query.where(m.Person.key == owner_key)
    with Session(engine) as session:
        query = query.where(d.partnership_id == chosen_partnership_id(session, partnership))
        rows = session.connection().execute(query).all()
    return [_board_row(row, as_of, due_soon_days) for row in rows]


def _board_row(row: sa.Row, as_of: date, due_soon_days: int) -> BoardRow:
    r = row._mapping
    return BoardRow(
        **{**r, "title": r["title"] or f"{r['duty'].value}: {r['subject']}"},
        standing=standing_on(r["state"], r["due_on"], as_of, due_soon_days=due_soon_days),
        days_overdue=max(0, (as_of - r["due_on"]).days) if r["state"] in WAITING else 0,
    )


def _row(d: Any, b: Any, s: Any, p: Any, agency: str | None, as_of: date, due_soon_days: int) -> BoardRow:
    return BoardRow(
        id=d.id,
        duty=d.duty,
        subject=d.subject,
        period=d.period,
        title=d.title or f"{d.duty.value}: {d.subject}",
        board=b.short_name,
        board_key=b.key,
        sub_group=s.name if s else None,
        sub_group_key=s.key if s else None,
        owner=p.name,
        owner_key=p.key,
        agency=agency,
        due_on=d.due_on,
        original_due_on=d.original_due_on,
        extensions=d.extensions,
        state=d.state,
        standing=standing_on(d.state, d.due_on, as_of, due_soon_days=due_soon_days),
        days_overdue=max(0, (as_of - d.due_on).days) if d.state in WAITING else 0,
    )


class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    role: str
    event: str
    note: str


class StepEntry(BaseModel):
    step: str
    for_due_on: date
    taken_on: date
    skipped: bool


class DecisionEntry(BaseModel):
    person: str
    role: str
    approve: bool
    note: str
    decided_on: date


class RequestEntry(BaseModel):
    id: int
    requested_by: str
    requested_by_key: str
    requested_on: date
    reason: str
    evidence: str
    current_due_on: date
    proposed_due_on: date
    required: list[str]
    state: ExtensionState
    decisions: list[DecisionEntry]


class SubmissionEntry(BaseModel):
    kind: str
    submitted_by: str
    submitted_on: date
    content: dict[str, Any]


class DeadlineDetail(BaseModel):
    row: BoardRow
    history: list[HistoryEntry]
    steps: list[StepEntry]
    requests: list[RequestEntry]
    submission: SubmissionEntry | None


def deadline_detail(
    engine: Engine, *, partnership: str, deadline_id: int, as_of: date, due_soon_days: int
) -> DeadlineDetail | None:
    """One of the partnership's deadlines with everything recorded about it; None when it is not theirs."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        found = session.exec(
            select(m.Deadline, m.Board, m.SubGroup, m.Person, m.Agency.name)
            .join(m.Board, col(m.Deadline.board_id) == m.Board.id)
            .join(m.Person, col(m.Deadline.owner_id) == m.Person.id)
            .join(m.Agency, col(m.Person.agency_id) == m.Agency.id, isouter=True)
            .join(m.SubGroup, col(m.Deadline.sub_group_id) == m.SubGroup.id, isouter=True)
            .where(m.Deadline.id == deadline_id, m.Deadline.partnership_id == pid)
        ).first()
        if found is None:
            return None
        row = _row(*found, as_of, due_soon_days)
        return DeadlineDetail(
            row=row,
            history=_history(session, pid, " ".join(row.key)),
            steps=[
                StepEntry.model_validate(s, from_attributes=True)
                for s in session.exec(
                    select(m.EscalationStepTaken)
                    .where(m.EscalationStepTaken.deadline_id == deadline_id)
                    .order_by(m.EscalationStepTaken.taken_on, m.EscalationStepTaken.id)
                )
            ],
            requests=requests_for(session, deadline_id),
            submission=_submission(session, found[0].submission_id),
        )


def _history(session: Session, pid: int, subject: str) -> list[HistoryEntry]:
    names = dict(
        session.exec(select(m.Person.key, m.Person.name).where(m.Person.partnership_id == pid)).all()
    )
    events = session.exec(
        select(m.AuditEvent)
        .where(m.AuditEvent.partnership_id == pid, m.AuditEvent.subject == subject)
        .order_by(m.AuditEvent.sequence)
    )
    return [
        HistoryEntry(
            at=e.at,
            actor=names.get(e.actor, e.actor),
            role=e.role,
            event=e.event,
            note=str((e.details or {}).get("note", "")),
        )
        for e in events
    ]


def requests_for(session: Session, deadline_id: int) -> list[RequestEntry]:
    rows = session.exec(
        select(m.ExtensionRequest, m.Person)
        .join(m.Person, col(m.ExtensionRequest.requested_by_id) == m.Person.id)
        .where(m.ExtensionRequest.deadline_id == deadline_id)
        .order_by(m.ExtensionRequest.id)
    )
    found = []
    for request, person in rows:
        decisions = session.exec(
            select(m.ExtensionDecisionMade, m.Person.name)
            .join(m.Person, col(m.ExtensionDecisionMade.person_id) == m.Person.id)
            .where(m.ExtensionDecisionMade.request_id == request.id)
            .order_by(m.ExtensionDecisionMade.id)
        )
        found.append(
            RequestEntry(
                **request.model_dump(exclude={"deadline_id", "requested_by_id"}),
                requested_by=person.name,
                requested_by_key=person.key,
                decisions=[
                    DecisionEntry(
                        person=name,
                        role=d.role.value,
                        approve=d.approve,
                        note=d.note,
                        decided_on=d.decided_on,
                    )
                    for d, name in decisions
                ],
            )
        )
    return found


def _submission(session: Session, submission_id: int | None) -> SubmissionEntry | None:
    if submission_id is None:
        return None
    found = session.exec(
        select(m.Submission, m.Person.name)
        .join(m.Person, col(m.Submission.submitted_by_id) == m.Person.id)
        .where(m.Submission.id == submission_id)
    ).first()
    if found is None:
        return None
    submission, name = found
    return SubmissionEntry(
        kind=submission.kind,
        submitted_by=name,
        submitted_on=submission.submitted_on,
        content=submission.content,
    )


def requests_awaiting_decision(engine: Engine, *, partnership: str) -> list[tuple[BoardRow, RequestEntry]]:
    """Every extension request still awaiting a decision, with its deadline (as of its request day)."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        ids = session.exec(
            select(m.Deadline.id)
            .join(m.ExtensionRequest, col(m.ExtensionRequest.deadline_id) == m.Deadline.id)
            .where(m.Deadline.partnership_id == pid, m.ExtensionRequest.state == ExtensionState.REQUESTED)
            .distinct()
        ).all()
    found = []
    for deadline_id in ids:
        detail = deadline_detail(
            engine, partnership=partnership, deadline_id=deadline_id, as_of=date.min, due_soon_days=0
        )
        assert detail is not None
        found += [(detail.row, r) for r in detail.requests if r.state is ExtensionState.REQUESTED]
    return sorted(found, key=lambda pair: pair[1].requested_on)


def state_counts(engine: Engine, *, partnership: str) -> dict[str, int]:
    """How many of the partnership's deadlines are in each state (closed ones included)."""
    with Session(engine) as session:
        pid = chosen_partnership_id(session, partnership)
        rows = session.exec(
            select(m.Deadline.state, sa.func.count())
            .where(m.Deadline.partnership_id == pid)
            .group_by(m.Deadline.state)
        )
        return {state.value: n for state, n in rows}
