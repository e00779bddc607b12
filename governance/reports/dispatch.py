"""A published report sent to each of its statutory recipients (Care Act 2014 Sch 2 para 4(2) for the
SAB annual report; the national Panel and the What Works body for the children's yearly report).

Queued once per report and recipient, with the published PDF attached (the public file issued at
publication) or, for a report published before files were kept, a link. A copy is recorded as sent
(``record_dispatch``) only once the outbox says the mail server accepted it, on the day it did:
the platform never claims a dispatch that did not happen. A message refused, failed or "delivery
uncertain" is not a dispatch; it shows as awaiting delivery until someone resolves it.
"""

from datetime import date, datetime, timedelta

from governance.dates import spoken, today_in_london
from governance.documents.files import Purpose
from governance.documents.model import Audience
from governance.lifecycles import ReportState
from governance.notifications.model import Attachment, MessageRenderer
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.reports.model import RECIPIENT_ROLES, RECIPIENTS, Recipient, ReportOnRecord
from governance.reports.use_cases import record_dispatch
from governance.returns.cycles import CycleRun, MessagesOnRecord, addressee, message
from governance.rules import RuleBroken
from governance.vocabulary import ReportKind

TEMPLATE = "statutory_dispatch"
PDF = "application/pdf"


def dispatch_key(report_key: str, recipient: Recipient) -> str:
    return f"annual-report/{report_key}/dispatch/{recipient.name.lower().replace('_', '-')}"


def statutory_addressee(p: PartnershipOnRecord, recipient: Recipient) -> PersonOnRecord | None:
    """Where the recipient's copy goes: the address the partnership file gives for it, else the
    person on record holding the recipient's role; ``None`` when the registry has neither."""
    holders = p.holders(RECIPIENT_ROLES[recipient]) if recipient in RECIPIENT_ROLES else []
    given = p.statutory_recipients.get(recipient)
    if given is not None:
        known = next((x for x in holders if x.email.lower() == given.address.lower()), None)
        return (known or addressee(given.name, given.address)).model_copy(
            update={"name": given.name, "email": given.address}
        )
    return holders[0] if holders else None


def due_on(report: ReportOnRecord, p: PartnershipOnRecord) -> date | None:
    """The local target for sending it: days after publication (``sab_report_distribution_days``,
    ``yearly_report_dispatch_days``)."""
    if report.published_on is None:
        return None
    days = (
        p.policy.sab_report_distribution_days
        if report.kind is ReportKind.SAB_ANNUAL_REPORT
        else p.policy.yearly_report_dispatch_days
    )
    return report.published_on + timedelta(days=days)


def published_pdf(uow: GovernanceUnitOfWork, report: ReportOnRecord) -> Attachment | None:
    """The public PDF issued when the report was published, if the registry keeps it."""
    issued = [
        f
        for f in uow.report_files.files(report.key, purpose=Purpose.PUBLICATION)
        if f.format == "pdf" and f.audience is Audience.PUBLIC
    ]
    chosen = next((f for f in issued if f.version == report.version), issued[-1] if issued else None)
    if chosen is None:
        return None
    name = f"{report.title or report.key}.pdf".replace("/", "-")
    return Attachment(filename=name, media_type=PDF, content=chosen.content)


def awaiting_dispatch(uow: GovernanceUnitOfWork, p: PartnershipOnRecord, as_of: date) -> list[ReportOnRecord]:
    """Reports published by ``as_of`` of a kind the law sends to recipients, not yet sent to each."""
    found = []
    for summary in p.reports:
        published = summary.published_on is not None and summary.published_on <= as_of
        if summary.kind in RECIPIENTS and summary.state is ReportState.PUBLISHED and published:
            report = uow.reports.find(summary.key)
            if report is not None and report.outstanding_recipients():
                found.append(report)
    return found


def queue_dispatches(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    as_of: date,
    run: CycleRun,
    *,
    render: MessageRenderer,
    now: datetime,
    messages: MessagesOnRecord,
) -> None:
    """Queue a copy of each published report to each recipient it has not been sent to (inside the
    caller's transaction); say which await delivery and which are late."""
    for report in awaiting_dispatch(uow, p, as_of):
        pdf = published_pdf(uow, report)
        target = due_on(report, p)
        for recipient in report.outstanding_recipients():
            to = statutory_addressee(p, recipient)
            what = f"{report.title} to {recipient.value}"
            if to is None:
                run.overdue.append(f"{what}: no address on record (add it to the partnership file)")
                continue
            key = dispatch_key(report.key, recipient)
            if messages.sent_at(key) is not None:
                continue  # sent: recorded by record_sent_dispatches
            if pdf is None:  # a link to the workspace would reach nobody outside the partnership
                run.overdue.append(
                    f"{what}: no published file is kept (it was published outside the platform); "
                    "send it and record it with `govern report sent`"
                )
                continue
            built = message(
                p,
                to,
                key=key,
                template=TEMPLATE,
                context={
                    "title": report.title,
                    "recipient": recipient.value,
                    "published_on": report.published_on,
                    "board": p.board(report.board_key).name,
                    "attached": True,
                    "kind": report.kind.value,
                },
                render=render,
                on=as_of,
                board_key=report.board_key,
            ).model_copy(update={"attachments": (pdf,)})
            if run.queued(uow, built, at=now):
                run.asked.append(f"{what}: queued to {to.name} <{to.email}> with the PDF")
            elif target is not None and as_of > target:
                run.overdue.append(f"{what}: not yet delivered, due {spoken(target)} (see the outbox)")
            else:
                run.notes.append(f"{what}: queued, awaiting delivery")


def record_sent_dispatches(
    as_of: date, *, uow: GovernanceUnitOfWork, now: datetime, messages: MessagesOnRecord, run: CycleRun
) -> CycleRun:
    """Record, per recipient, each copy the outbox says was sent: on the day it was sent, to whom,
    by the business manager's hand (the report use case's own checks and audit apply)."""
    with uow:
        p = uow.partnership.snapshot()
        waiting = [
            (report, recipient, at, statutory_addressee(p, recipient))
            for report in awaiting_dispatch(uow, p, as_of)
            for recipient in report.outstanding_recipients()
            if (at := messages.sent_at(dispatch_key(report.key, recipient))) is not None
        ]
        manager = p.business_manager()
    for report, recipient, at, to in waiting:
        sent_to = f"{to.name} ({to.email}), by e-mail" if to else f"{recipient.value}, by e-mail"
        try:
            record_dispatch(
                report.key,
                by=manager.key,
                recipient=recipient,
                sent_to=sent_to,
                sent_on=today_in_london(at),
                uow=uow,
                now=now,
            )
        except RuleBroken as refused:
            run.overdue.append(f"{report.title} to {recipient.value}: sent, not recorded: {refused}")
            continue
        run.sent.append(f"{report.title} to {recipient.value}: {sent_to} on {spoken(today_in_london(at))}")
    return run
