"""How every move of a report is made: hold it, make the move, stamp the version people read, save
it, audit it, one transaction; and where a report stands afterwards (``ReportStatus``)."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from governance.documents.drafting import stamped
from governance.lifecycles import ReportState
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.partnership.use_cases import person_on_record
from governance.ports import GovernanceUnitOfWork
from governance.reports.approvals import Requirement, outstanding_approvals
from governance.reports.catalogue import run_checks
from governance.reports.checks import Finding
from governance.reports.model import Recipient, ReportOnRecord
from governance.rules import UnknownRecord
from governance.vocabulary import ReportKind

Move = Callable[[ReportOnRecord, PersonOnRecord, PartnershipOnRecord], ReportOnRecord]
After = Callable[[GovernanceUnitOfWork, ReportOnRecord, PersonOnRecord, PartnershipOnRecord], ReportOnRecord]


class ReportStatus(BaseModel):
    """Where a report stands: what an approver must know, without its text (``read_report`` gives that)."""

    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    kind: ReportKind
    state: ReportState
    version: str
    """The version to approve or edit from: the fingerprint of the document as drafted now."""
    findings: list[Finding]
    outstanding_approvals: list[Requirement]
    outstanding_recipients: list[Recipient]


def report_on_record(uow: GovernanceUnitOfWork, key: str) -> ReportOnRecord:
    report = uow.reports.find(key)
    if report is None:
        raise UnknownRecord(f"No report with key {key!r}")
    return report


def status(report: ReportOnRecord, p: PartnershipOnRecord) -> ReportStatus:
    return ReportStatus(
        key=report.key,
        title=report.title,
        kind=report.kind,
        state=report.state,
        version=report.version,
        findings=run_checks(report, p),
        outstanding_approvals=outstanding_approvals(report, p),
        outstanding_recipients=report.outstanding_recipients() if report.published_on else [],
    )


def change(
    uow: GovernanceUnitOfWork,
    key: str,
    by: str,
    now: datetime,
    event: str,
    move: Move,
    details: dict[str, Any] | Callable[[ReportOnRecord], dict[str, Any]] | None = None,
    after: After | None = None,
    tell: After | None = None,
) -> ReportStatus:
    """Hold the report, make the move, save it and audit it; ``details`` may be worked out from the
        report as it was before the move; ``after`` does what the move leads to (freezing the files of
        an approved report) in the same transaction; ``tell`` queues the messages the move calls for,
    once the version people will read is stamped."""
    with uow:
        report = uow.reports.hold(key)  # one change at a time: the next one sees this one
        if report is None:
            raise UnknownRecord(f"No report with key {key!r}")
        person = person_on_record(uow, by)
        partnership = uow.partnership.snapshot()
        changed = move(report, person, partnership)
        if after is not None:
            changed = after(uow, changed, person, partnership)
        changed = stamped(changed, partnership, frozen_version=uow.report_files.frozen_version(key))
        if tell is not None:
            tell(uow, changed, person, partnership)
        extra = details(report) if callable(details) else (details or {})
        uow.reports.save(changed)
        uow.audit.record(
            at=now,
            actor=person.key,
            role=_role_of(changed, person.key),
            event=event,
            subject=key,
            details={
                "before": {"state": report.state.value, "version": report.version},
                "after": {"state": changed.state.value, "version": changed.version},
                "state": changed.state.value,
                "version": changed.version,
                **extra,
            },
        )
        uow.commit()
    return status(changed, partnership)


def _role_of(report: ReportOnRecord, person_key: str) -> str:
    """The role the person acted in, where the report records one (an approver's)."""
    return next((a.role.value for a in reversed(report.approvals) if a.person_key == person_key), "")
