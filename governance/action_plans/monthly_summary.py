"""The monthly summary of an action plan for its board's independent chair and scrutineer, who set
its deadlines and decide its extensions (seed 003 §2.89): for the month just ended, how many actions
reported progress, how they stand (RAG), which are overdue, and the extensions asked and granted.

Sent on the first run of the next month, once: its outbox key names the plan, the month and the
reader. The RAG status is the monthly update document's (``governance.documents.action_plan_update``):
the owner's own rating where this month's update gives one, else worked out from the dates.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from governance.action_plans.model import ActionOnRecord
from governance.already_queued import queued_before
from governance.audit.model import AuditEvent
from governance.dates import first_day_of_month, last_day_of_month, month_label, today_in_london
from governance.documents.action_plan_update import action_plan_update, rag_of
from governance.documents.model import Audience
from governance.documents.ports import DocumentRenderer
from governance.notifications.links import Page, link, workspace_of
from governance.notifications.messages import contact_of, each_once, message_to
from governance.notifications.model import Attachment, MessageRenderer, OutboxMessage
from governance.partnership.model import ActionUpdateOnRecord, PartnershipOnRecord, PlanOnRecord
from governance.partnership.people import PersonOnRecord
from governance.permissions import may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.vocabulary import Cycle, Rag, Role

SUMMARY_TEMPLATE = "action_plan_monthly_summary"
PDF = "application/pdf"
READERS = (Role.INDEPENDENT_CHAIR, Role.INDEPENDENT_SCRUTINEER)


class OverdueAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    reference: str
    text: str
    owner: str
    due_on: date
    days: int


class PlanMonth(BaseModel):
    """One plan's month, as its summary tells it."""

    model_config = ConfigDict(frozen=True)

    plan_key: str
    plan_title: str
    board_key: str
    lead_sub_group_key: str | None = None
    month: date
    """The first day of the month summarised."""
    exempt_paragraph: int | None = None
    actions: int = 0
    owed_updates: int = 0
    updated: int = 0
    completed: int = 0
    rag: dict[Rag, int] = {}
    overdue: tuple[OverdueAction, ...] = ()
    extensions_asked: tuple[str, ...] = ()
    """The actions an extension was asked for in the month (by reference, once each request)."""
    extensions_granted: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        return month_label(self.month)


def month_summarised(as_of: date) -> date:
    """The month just ended: its first day."""
    return first_day_of_month(first_day_of_month(as_of) - timedelta(days=1))


def has_run_in(plan_actions: list[ActionOnRecord], month: date) -> bool:
    """The plan had started by the month's end."""
    return any(a.plan_starts_on <= last_day_of_month(month) for a in plan_actions)


def plan_month(
    plan: PlanOnRecord,
    actions: list[ActionOnRecord],
    month: date,
    updates: list[ActionUpdateOnRecord],
    events: Iterable[AuditEvent],
    *,
    due_soon_days: int,
) -> PlanMonth:
    """The figures of ``plan``'s month ``month``, as things stood at its end."""
    end, period = last_day_of_month(month), month_label(month)
    this_month = {u.reference: u for u in updates if u.period == period}
    rags: dict[Rag, int] = {}
    for action in actions:
        update = this_month.get(action.reference)
        rag = (update.rag if update else None) or rag_of(action, end, due_soon_days=due_soon_days)
        rags[rag] = rags.get(rag, 0) + 1
    overdue = tuple(
        OverdueAction(
            reference=a.reference,
            text=a.text,
            owner=a.owner_name,
            due_on=a.due_on,
            days=(end - a.due_on).days,
        )
        for a in sorted(actions, key=lambda a: (a.due_on, a.reference))
        if a.due_on < end and (a.completed_on is None or a.completed_on > end)
    )
    asked, granted = _extensions(events, {a.reference for a in actions}, month)
    return PlanMonth(
        plan_key=plan.key,
        plan_title=plan.title,
        board_key=plan.board_key,
        lead_sub_group_key=plan.lead_sub_group_key,
        month=month,
        exempt_paragraph=plan.exempt_paragraph,
        actions=len(actions),
        owed_updates=sum(a.owes_update_for(month) for a in actions),
        updated=sum(a.reference in this_month for a in actions),
        completed=sum(a.completed_on is not None and month <= a.completed_on <= end for a in actions),
        rag=rags,
        overdue=overdue,
        extensions_asked=asked,
        extensions_granted=granted,
    )


def _extensions(
    events: Iterable[AuditEvent], references: set[str], month: date
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The plan's extension requests made, and extensions granted, in the month (from the audit
    trail: ``extension requested``, and ``extension decided`` ending in approval)."""
    asked, granted = [], []
    for event in events:
        if event.event not in ("extension requested", "extension decided"):
            continue
        if first_day_of_month(today_in_london(event.at)) != month:
            continue
        reference = next((r for r in references if f" {r} " in f" {event.subject} "), None)
        if reference is None:
            continue
        if event.event == "extension requested":
            asked.append(reference)
        elif event.details.get("after") == "approved":
            granted.append(reference)
    return tuple(asked), tuple(granted)


def summary_readers(p: PartnershipOnRecord, plan: PlanOnRecord) -> list[PersonOnRecord]:
    """The independent chair and the independent scrutineer of the plan's board; the business
    manager where the board has neither on record."""
    found = [person for role in READERS for person in p.holders(role, plan.board_key)]
    return each_once(found or [p.business_manager()])


def summary_key(plan_key: str, month: date, reader_key: str) -> str:
    """``action-plan-update/summary/<plan>/<month>/<reader>``: one summary a month to each reader."""
    return f"{Cycle.ACTION_PLAN_UPDATE}/summary/{plan_key}/{month_label(month)}/{reader_key}"


def monthly_summary(
    reader: PersonOnRecord,
    figures: PlanMonth,
    render: MessageRenderer,
    *,
    base: str,
    partnership_key: str,
    contact: PersonOnRecord | None,
    document: Attachment | None = None,
) -> OutboxMessage:
    """The summary to one reader; an exempt plan's action texts only to those entitled to see them."""
    withheld = figures.exempt_paragraph is not None and not may_see_exempt(
        reader, figures.board_key, figures.lead_sub_group_key
    )
    context = {
        "plan_title": figures.plan_title,
        "month": figures.month,
        "figures": figures,
        "red": figures.rag.get(Rag.RED, 0),
        "amber": figures.rag.get(Rag.AMBER, 0),
        "green": figures.rag.get(Rag.GREEN, 0),
        "withheld": withheld,
        "exempt_paragraph": figures.exempt_paragraph,
        "link": link(base, Page.ACTION_PLANS, partnership_key),
        "attachment": document.filename if document else "",
    }
    message = message_to(
        reader,
        key=summary_key(figures.plan_key, figures.month, reader.key),
        template=SUMMARY_TEMPLATE,
        context=context,
        renderer=render,
        contact=contact,
    )
    return message.model_copy(
        update={
            "board_key": figures.board_key,
            "ask": SUMMARY_TEMPLATE,
            "attachments": (document,) if document else (),
        }
    )


class SummariesQueued(BaseModel):
    queued: int = 0
    already_queued: int = 0
    recipients: list[str] = []
    sent: list[str] = []


def queue_monthly_summaries(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    actions: list[ActionOnRecord],
    as_of: date,
    *,
    render: MessageRenderer,
    documents: DocumentRenderer | None,
    now: datetime,
    due_soon_days: int,
) -> SummariesQueued:
    """Inside the cycle's unit of work: each started plan's summary of the month just ended, to each
    reader once, with the month's update document attached as PDF where a renderer is given."""
    done, month = SummariesQueued(), month_summarised(as_of)
    events: list[AuditEvent] | None = None
    contact, base = contact_of(p), workspace_of(render)
    for plan in p.plans:
        mine = [a for a in actions if a.plan_key == plan.key]
        if not mine or not has_run_in(mine, month):
            continue
        readers = summary_readers(p, plan)
        if queued_before(uow.outbox, [summary_key(plan.key, month, r.key) for r in readers]):
            done.already_queued += len(readers)
            continue
        events = list(uow.audit.events()) if events is None else events
        updates = uow.partnership.action_updates(plan.key)
        figures = plan_month(plan, mine, month, updates, events, due_soon_days=due_soon_days)
        entitled = {r.key: plan.exempt_paragraph is None or _entitled(r, plan) for r in readers}
        files = _documents(
            plan, month, p, updates, documents, needed=set(entitled.values()), due_soon_days=due_soon_days
        )
        for reader in readers:
            attachment = files.get(entitled[reader.key])
            message = monthly_summary(
                reader,
                figures,
                render,
                base=base,
                partnership_key=p.key,
                contact=contact,
                document=attachment,
            )
            if uow.outbox.enqueue(message, at=now):
                done.queued += 1
                done.recipients.append(reader.name)
                done.sent.append(f"{plan.title}, {month:%B %Y} summary to {reader.name}")
            else:
                done.already_queued += 1
    return done


def _entitled(reader: PersonOnRecord, plan: PlanOnRecord) -> bool:
    return may_see_exempt(reader, plan.board_key, plan.lead_sub_group_key)


def _documents(
    plan: PlanOnRecord,
    month: date,
    p: PartnershipOnRecord,
    updates: list[ActionUpdateOnRecord],
    documents: DocumentRenderer | None,
    *,
    needed: set[bool],
    due_soon_days: int,
) -> dict[bool, Attachment]:
    """The month's update as PDF, for each version ``needed``: the restricted one (``True``) for
    those entitled to an exempt plan's material, the public one (``False``) for anyone else."""
    if documents is None:
        return {}
    document = action_plan_update(plan, month, p, updates, due_soon_days=due_soon_days)
    files = {}
    for entitled in needed:
        version = document.for_audience(Audience.RESTRICTED if entitled else Audience.PUBLIC)
        suffix = "-restricted" if entitled and plan.exempt_paragraph else ""
        files[entitled] = Attachment(
            filename=f"{version.key}{suffix}.pdf", media_type=PDF, content=documents.render(version, "pdf")
        )
    return files
