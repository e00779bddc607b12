"""Use cases of action plans: the monthly update cycle, and an owner's update on an action.

The cycle records the day's deadlines, closes those of completed actions, and queues one update request per
owner for the month. Running it again for the same month queues nothing new.
"""

from collections import defaultdict
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from governance.action_plans.messages import update_request, update_request_key
from governance.action_plans.model import (
    ActionOnRecord,
    ActionPlanPolicy,
    ActionReview,
    completed_by,
    review_action_plan,
)
from governance.action_plans.monthly_summary import queue_monthly_summaries
from governance.dates import month_label
from governance.deadlines.model import DeadlineState, Duty, Standing
from governance.documents.ports import DocumentRenderer
from governance.lifecycles import DEADLINE
from governance.notifications.follow_ups import tell_action_update_submitted
from governance.notifications.messages import contact_of
from governance.notifications.model import MessageRenderer
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.use_cases import person_on_record
from governance.permissions import check_may_update_action
from governance.ports import GovernanceUnitOfWork, UnitOfWork
from governance.rules import (
    CLOSED_ACTIONS_TAKE_NO_UPDATES,
    UPDATE_NEEDS_PROGRESS_TEXT,
    RuleBroken,
    UnknownRecord,
)
from governance.values import Day, Key, Month, Text, said
from governance.vocabulary import Cycle, Rag, UpdateStatus

CYCLE = Cycle.ACTION_PLAN_UPDATE


class ActionPlanRun(BaseModel):
    """What one run of a cycle did, for the command line, the flow's logs and the audit trail."""

    cycle: str
    as_of: date
    open_actions: int = 0
    overdue: int = 0
    due_soon: int = 0
    needing_update: int = 0
    deadlines_recorded: int = 0
    deadlines_already_recorded: int = 0
    deadlines_closed: int = 0
    messages_queued: int = 0
    messages_already_queued: int = 0
    summaries_queued: int = 0
    """The monthly summaries for the chair and the scrutineer (``monthly_summary``), apart from the requests."""
    summaries_already_queued: int = 0
    recipients: list[str] = []
    sent: list[str] = []

    def summary(self) -> str:
        summaries = (
            f"; monthly summaries: {self.summaries_queued} queued, {self.summaries_already_queued} already queued before"
            if self.summaries_queued or self.summaries_already_queued
            else ""
        )
        return (
            f"{self.cycle} as of {self.as_of:%d %B %Y}: {self.open_actions} open actions "
            f"({self.overdue} overdue, {self.due_soon} due soon, {self.needing_update} awaiting this month's update); "
            f"deadlines: {self.deadlines_recorded} recorded, {self.deadlines_already_recorded} already recorded, "
            f"{self.deadlines_closed} closed; messages: {self.messages_queued} queued, "
            f"{self.messages_already_queued} already queued before{summaries}"
        )


def run_action_plan_update(
    as_of: date,
    *,
    uow: GovernanceUnitOfWork,
    render: MessageRenderer,
    now: datetime,
    policy: ActionPlanPolicy,
    documents: DocumentRenderer | None = None,
) -> ActionPlanRun:
    """The day's run: deadlines recorded and closed, the month's update requests queued, and each
    plan's summary of the month just ended queued for its chair and scrutineer (with the month's
    update document as PDF where ``documents`` renders it)."""
    report = ActionPlanRun(cycle=CYCLE, as_of=as_of)
    with uow:
        actions = uow.actions.actions()
        reviews = review_action_plan(actions, as_of, policy)
        _record_deadlines(uow, reviews, as_of, report)
        report.deadlines_closed = _close_completed(uow, completed_by(actions, as_of), as_of)
        _queue_update_requests(uow, reviews, as_of, render, now, report)
        if (p := partnership_or_none(uow)) is not None:
            done = queue_monthly_summaries(
                uow,
                p,
                actions,
                as_of,
                render=render,
                documents=documents,
                now=now,
                due_soon_days=policy.due_soon_days,
            )
            report.summaries_queued, report.summaries_already_queued = done.queued, done.already_queued
            report.recipients += done.recipients
            report.sent += done.sent
        uow.audit.record(
            at=now, actor="system", event="cycle run", subject=CYCLE, details=report.model_dump(mode="json")
        )
        uow.commit()
    return report


def _close_completed(uow: UnitOfWork, completed: list[ActionOnRecord], as_of: date) -> int:
    """A completed action leaves the cycle: its update and completion deadlines close."""
    references = {a.reference for a in completed}
    if not references:
        return 0
    closing = [
        d
        for d in uow.deadlines.live()
        if d.subject in references and d.duty in (Duty.ACTION_PLAN_UPDATE, Duty.ACTION_COMPLETION)
    ]
    for deadline in closing:
        uow.deadlines.change_state(deadline.id, DEADLINE.after(deadline.state, "close"), on=as_of)
    return len(closing)


def _record_deadlines(
    uow: UnitOfWork, reviews: list[ActionReview], as_of: date, report: ActionPlanRun
) -> None:
    report.open_actions = len(reviews)
    report.overdue = sum(r.standing is Standing.OVERDUE for r in reviews)
    report.due_soon = sum(r.standing is Standing.DUE_SOON for r in reviews)
    report.needing_update = sum(r.needs_update for r in reviews)
    for review in reviews:
        for deadline in (review.update_deadline, review.completion_deadline):
            if deadline is None:  # no update owed in the month the action is completed in
                continue
            if uow.deadlines.record(deadline, recorded_on=as_of):
                report.deadlines_recorded += 1
            else:
                report.deadlines_already_recorded += 1


def _queue_update_requests(
    uow: GovernanceUnitOfWork,
    reviews: list[ActionReview],
    as_of: date,
    render: MessageRenderer,
    now: datetime,
    report: ActionPlanRun,
) -> None:
    by_owner: dict[str, list[ActionReview]] = defaultdict(list)
    for review in reviews:
        if review.needs_update:
            by_owner[review.action.owner_key].append(review)
    for owner_key in [k for k in by_owner if uow.outbox.queued(update_request_key(k, as_of))]:
        del by_owner[owner_key]  # asked already this month: nothing to render
        report.messages_already_queued += 1
    owners = uow.people.find_many(set(by_owner)) if by_owner else {}
    partnership = partnership_or_none(uow)
    live = {d.key: d.id for d in uow.deadlines.live()} if by_owner else {}  # one read for every owner
    for owner_key in sorted(by_owner):
        mine = by_owner[owner_key]
        message = update_request(
            owners[owner_key],
            mine,
            as_of,
            render,
            partnership_key=partnership.key if partnership else "",
            contact=contact_of(partnership) if partnership else None,
            deadline_ids=_update_deadline_ids(uow, mine, live),
        )
        if uow.outbox.enqueue(message, at=now):
            report.messages_queued += 1
            report.recipients.append(owners[owner_key].name)
        else:
            report.messages_already_queued += 1


def _update_deadline_ids(
    uow: GovernanceUnitOfWork, reviews: list[ActionReview], live: dict[tuple[str, str, str], int]
) -> dict[str, int]:
    """The number of each action's update deadline for the month, just recorded (and so ``live``)."""
    ids: dict[str, int] = {}
    for review in (r for r in reviews if r.update_deadline is not None):
        key = review.update_deadline.key
        deadline_id = live.get(key)
        if deadline_id is None and (closed := uow.deadlines.find(key)) is not None:
            deadline_id = closed.id  # answered and closed before the request went
        if deadline_id is not None:
            ids[review.action.reference] = deadline_id
    return ids


def partnership_or_none(uow: GovernanceUnitOfWork) -> PartnershipOnRecord | None:
    """The partnership, where the unit of work holds one (an in-memory test's may hold actions alone)."""
    try:
        return uow.partnership.snapshot()
    except LookupError:
        return None


class SubmitActionUpdate(BaseModel):
    model_config = ConfigDict(frozen=True)

    reference: Key
    submitted_by: Key = Field(description="the key or e-mail address of the person submitting")
    progress: Text
    submitted_on: Day
    period: Month | None = Field(None, description="the month answered; default the month of submission")
    status: UpdateStatus | None = Field(None, description="where the action stands, in the owner's words")
    rag: Rag | None = Field(None, description="the owner's rating: red, amber or green")

    @field_validator("progress")
    @classmethod
    def _progress_is_said(cls, value: str) -> str:
        return said(UPDATE_NEEDS_PROGRESS_TEXT, value)


def submit_action_update(
    command: SubmitActionUpdate,
    *,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> str:
    """Record the update and mark that month's update deadline submitted; returns the period.

    With ``render``, the lead of the plan's lead sub-group is told (``tell_action_update_submitted``)."""
    period = command.period or month_label(command.submitted_on)
    with uow:
        action = uow.actions.find(command.reference)
        if action is None:
            raise UnknownRecord(f"No action with reference {command.reference!r}")
        person = person_on_record(uow, command.submitted_by)
        check_may_update_action(person, action)
        if action.completed_on is not None and action.completed_on <= command.submitted_on:
            raise RuleBroken(CLOSED_ACTIONS_TAKE_NO_UPDATES, action.reference)
        uow.actions.add_update(
            action.reference,
            period=period,
            progress=command.progress,
            submitted_by=person.key,
            submitted_on=command.submitted_on,
            status=command.status.value if command.status else "",
            rag=command.rag.value if command.rag else "",
        )
        deadline = uow.deadlines.find((Duty.ACTION_PLAN_UPDATE.value, action.reference, period))
        if deadline is not None and deadline.state in (
            DeadlineState.SCHEDULED,
            DeadlineState.OPEN,
            DeadlineState.RETURNED,
        ):
            opened = (
                DEADLINE.after(deadline.state, "open")
                if deadline.state is DeadlineState.SCHEDULED
                else deadline.state
            )
            uow.deadlines.change_state(deadline.id, DEADLINE.after(opened, "submit"), on=command.submitted_on)
        uow.audit.record(
            at=now,
            actor=person.key,
            event="action update submitted",
            subject=action.reference,
            details={
                "period": period,
                "status": command.status.value if command.status else "",
                "rag": command.rag.value if command.rag else "",
            },
        )
        if render is not None and (p := partnership_or_none(uow)) is not None:
            tell_action_update_submitted(
                uow, action, p, period=period, progress=command.progress, by=person, renderer=render, at=now
            )
        uow.commit()
    return period
