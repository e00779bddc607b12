"""Use cases: submit a return against a deadline (one sub-group report for many boards), and
accept or return it."""

from datetime import date, datetime

from governance.deadlines.model import DeadlineOnRecord, DeadlineState, Duty
from governance.lifecycles import DEADLINE
from governance.notifications.follow_ups import tell_returns_submitted, tell_submission_decided
from governance.notifications.model import MessageRenderer
from governance.partnership.use_cases import person_on_record
from governance.permissions import check_may_decide_submission, check_may_submit, check_met_by_a_return
from governance.ports import GovernanceUnitOfWork
from governance.returns.model import DecideSubmission, SubmitReturn, SubmitSubGroupReport
from governance.rules import RETURNED_SUBMISSIONS_SAY_WHY, UnknownRecord, refuse_unless

SUB_GROUP_REPORT = "sub-group report"
"""The kind of submission a sub-group's highlight report is."""


def deadline_on_record(
    uow: GovernanceUnitOfWork, key: tuple[str, str, str], *, hold: bool = False
) -> DeadlineOnRecord:
    """The recorded deadline; ``hold=True`` keeps others from changing it until the unit of work ends
    (first thing in a use case that checks it and then writes)."""
    deadline = uow.deadlines.hold(key) if hold else uow.deadlines.find(key)
    if deadline is None:
        raise UnknownRecord(f"No deadline recorded for {key[0]} {key[1]} {key[2]}")
    return deadline


def _submit(uow: GovernanceUnitOfWork, deadline: DeadlineOnRecord, on: date) -> None:
    state = (
        DEADLINE.after(deadline.state, "open")
        if deadline.state is DeadlineState.SCHEDULED
        else deadline.state
    )
    uow.deadlines.change_state(deadline.id, DEADLINE.after(state, "submit"), on=on)


def submit_return(
    command: SubmitReturn, *, uow: GovernanceUnitOfWork, now: datetime, render: MessageRenderer | None = None
) -> DeadlineOnRecord:
    """Submit a return; with ``render``, whoever decides it is told, with a link to it."""
    with uow:
        key = (command.duty.value, command.subject, command.period)
        deadline = deadline_on_record(uow, key, hold=True)
        person = person_on_record(uow, command.submitted_by)
        check_met_by_a_return(deadline)
        check_may_submit(person, deadline)
        _submit(uow, deadline, command.submitted_on)
        uow.audit.record(
            at=now,
            actor=person.key,
            event="return submitted",
            subject=" ".join(deadline.key),
            details={
                "note": command.note,
                "before": deadline.state.value,
                "after": DeadlineState.SUBMITTED.value,
            },
        )
        if render:
            tell_returns_submitted(
                uow,
                [deadline],
                uow.partnership.snapshot(),
                by=person,
                on=command.submitted_on,
                note=command.note,
                renderer=render,
                at=now,
            )
        uow.commit()
    return deadline


def submit_sub_group_report(
    command: SubmitSubGroupReport,
    *,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> list[DeadlineOnRecord]:
    """Marks, for each board, the deadline of the sub-group's report for its next meeting, and keeps
    the one highlight report as a submission every one of those deadlines points at."""
    with uow:
        partnership = uow.partnership.snapshot()
        sub_group = next((s for s in partnership.sub_groups if s.key == command.sub_group), None)
        if sub_group is None:
            raise UnknownRecord(f"No sub-group with key {command.sub_group!r}")
        person = person_on_record(uow, command.submitted_by)
        boards = command.boards or sub_group.reports_to
        unknown = [b for b in boards if b not in sub_group.reports_to]
        if unknown:
            raise UnknownRecord(f"{sub_group.name} does not report to {', '.join(unknown)}")
        waiting = (DeadlineState.SCHEDULED, DeadlineState.OPEN, DeadlineState.RETURNED)
        live = [d for d in uow.deadlines.live() if d.duty is Duty.SUB_GROUP_REPORT and d.state in waiting]
        met = []
        for board in boards:
            mine = [d for d in live if d.subject == f"{sub_group.key}/{board}"]
            if (chosen := _next_meeting(mine, command.submitted_on)) is not None:
                chosen = deadline_on_record(uow, chosen.key, hold=True)  # as it stands now, held
                check_may_submit(person, chosen)
                _submit(uow, chosen, command.submitted_on)
                met.append(chosen)
        if not met:
            raise UnknownRecord(f"{sub_group.name} has no report awaiting submission for {', '.join(boards)}")
        submission = uow.submissions.add(
            kind=SUB_GROUP_REPORT,
            sub_group_key=sub_group.key,
            submitted_by=person.key,
            submitted_on=command.submitted_on,
            content=command.highlight.model_dump(mode="json"),
            deadline_ids=[d.id for d in met],
        )
        details = {
            "boards": [d.board_key for d in met],
            "meetings": [d.period for d in met],
            "note": command.note,
            "submission": submission,
            "highlight": command.highlight.model_dump(mode="json"),
        }
        uow.audit.record(
            at=now,
            actor=person.key,
            event="sub-group report submitted",
            subject=sub_group.key,
            details=details,
        )
        if render:
            tell_returns_submitted(
                uow,
                met,
                partnership,
                by=person,
                on=command.submitted_on,
                note=command.note,
                renderer=render,
                at=now,
            )
        uow.commit()
    return met


def _next_meeting(deadlines: list[DeadlineOnRecord], submitted_on: date) -> DeadlineOnRecord | None:
    """The report goes to the board's next meeting still to come; if none is recorded, to the earliest waiting."""
    ahead = [d for d in deadlines if date.fromisoformat(d.period) >= submitted_on]
    return min(ahead or deadlines, key=lambda d: d.due_on, default=None)


def decide_submission(
    command: DecideSubmission,
    *,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> DeadlineState:
    """Accept or return a submission; with ``render``, whoever is to hear of it is told."""
    with uow:
        key = (command.duty.value, command.subject, command.period)
        deadline = deadline_on_record(uow, key, hold=True)
        person = person_on_record(uow, command.decided_by)
        check_met_by_a_return(deadline)
        check_may_decide_submission(person, deadline)
        refuse_unless(command.accept or bool(command.note.strip()), RETURNED_SUBMISSIONS_SAY_WHY)
        state = DEADLINE.after(deadline.state, "accept" if command.accept else "return")
        uow.deadlines.change_state(deadline.id, state, on=command.decided_on, note=command.note)
        uow.audit.record(
            at=now,
            actor=person.key,
            event=f"submission {state.value}",
            subject=" ".join(deadline.key),
            details={"note": command.note, "before": deadline.state.value, "after": state.value},
        )
        if render:
            tell_submission_decided(
                uow,
                deadline,
                state,
                uow.partnership.snapshot(),
                by=person,
                on=command.decided_on,
                note=command.note,
                renderer=render,
                at=now,
            )
        uow.commit()
    return state
