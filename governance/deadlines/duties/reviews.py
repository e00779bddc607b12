"""Case-review clocks, multi-agency audits and the annual review of protocols.

Case reviews are tracked by reference, status and dates only: never by personal details.
"""

import re
from collections.abc import Iterator
from datetime import date, timedelta

from governance.dates import add_months, add_working_days, every_months_after
from governance.deadlines.model import Deadline, DeadlineState, Duty
from governance.partnership.model import AgencyOnRecord, CaseReviewOnRecord, PartnershipOnRecord, ReviewKind
from governance.policy import in_year
from governance.vocabulary import AgencyKind, BoardKind, Role


def _clock(
    review: CaseReviewOnRecord, duty: Duty, due: date, opens: date, owner: str, what: str, done: bool
) -> Deadline:
    return Deadline(
        duty=duty,
        subject=review.reference,
        period="once",
        due_on=due,
        opens_on=opens,
        owner_key=owner,
        board_key=review.board_key,
        title=f"{review.reference}: {what}",
        state=DeadlineState.SUBMITTED if done else DeadlineState.OPEN,
    )


def case_review_clocks(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """Serious incident notification and rapid review (working days); practice reviews and SARs (months)."""
    policy, owner = p.policy, p.business_manager().key
    for review in p.case_reviews:
        found: list[Deadline] = []
        if review.kind is ReviewKind.SERIOUS_INCIDENT and review.became_aware_on:
            notify_by = add_working_days(
                review.became_aware_on, policy.serious_incident_notification_working_days
            )
            found.append(
                _clock(
                    review,
                    Duty.SERIOUS_INCIDENT_NOTIFICATION,
                    notify_by,
                    review.became_aware_on,
                    owner,
                    "notify the national Panel",
                    review.notified_on is not None,
                )
            )
            if review.notified_on:  # its clock starts with the notification, not with the day it was due
                review_by = add_working_days(review.notified_on, policy.rapid_review_working_days)
                found.append(
                    _clock(
                        review,
                        Duty.RAPID_REVIEW,
                        review_by,
                        review.notified_on,
                        owner,
                        "complete the rapid review",
                        review.rapid_review_on is not None,
                    )
                )
        if review.kind is ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW and review.initiated_on:
            due = add_months(review.initiated_on, policy.practice_review_months)
            found.append(
                _clock(
                    review,
                    Duty.LCSPR_PUBLICATION,
                    due,
                    review.initiated_on,
                    owner,
                    "publish the practice review",
                    review.published_on is not None,
                )
            )
        if review.kind is ReviewKind.SAFEGUARDING_ADULTS_REVIEW and review.initiated_on:
            due = add_months(review.initiated_on, policy.sar_completion_months)
            found.append(
                _clock(
                    review,
                    Duty.SAR_COMPLETION,
                    due,
                    review.initiated_on,
                    owner,
                    "complete the safeguarding adults review",
                    review.concluded_on is not None,
                )
            )
        yield from (d for d in found if start <= d.due_on <= end)


def _audit_returns(
    p: PartnershipOnRecord,
    duty: Duty,
    audit: tuple[str, str],
    due: date,
    agencies: list[AgencyOnRecord],
    *contacts: Role,
) -> Iterator[Deadline]:
    """One return per taking-part agency, owned by its contact, on the children's partnership."""
    boards = p.boards_of_kind(BoardKind.CHILDRENS_PARTNERSHIP)
    if not boards:
        return
    prefix, name = audit
    for agency in agencies:
        yield Deadline(
            duty=duty,
            subject=f"{prefix}/{agency.key}",
            period=str(due.year),
            due_on=due,
            opens_on=due - timedelta(days=90),
            owner_key=p.agency_contact(agency.key, *contacts).key,
            board_key=boards[0].key,
            title=f"{name} {due.year}: {agency.name}",
        )


def section_11_audits(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """Agencies under Children Act 2004 s11 return a self-assessment, annually or every other year."""
    policy, taking_part = p.policy, [a for a in p.agencies if a.section_11]
    for year in range(start.year, end.year + 1):
        due = in_year(policy.section_11_due, year)
        if start <= due <= end and (year - policy.section_11_first_year) % policy.section_11_every_years == 0:
            yield from _audit_returns(
                p,
                Duty.SECTION_11_AUDIT,
                ("section-11", "Section 11 self-assessment"),
                due,
                taking_part,
                Role.AGENCY_REPRESENTATIVE,
                Role.MEMBER,
            )


def section_175_audits(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """Each school returns its Section 175/157 safeguarding audit every year (late returns are chased)."""
    schools = [a for a in p.agencies if a.kind is AgencyKind.SCHOOL]
    for year in range(start.year, end.year + 1):
        due = in_year(p.policy.section_175_due, year)
        if start <= due <= end:
            yield from _audit_returns(
                p,
                Duty.SECTION_175_AUDIT,
                ("section-175", "Section 175/157 safeguarding audit"),
                due,
                schools,
                Role.DESIGNATED_SAFEGUARDING_LEAD,
            )


def protocol_reviews(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A sub-group reviews its protocols (e.g. the Child Exploitation Protocol) every year."""
    for sub_group in p.sub_groups:
        owner = p.first_holder([(Role.SUB_GROUP_LEAD, sub_group.key), (Role.SUB_GROUP_CHAIR, sub_group.key)])
        for review in sub_group.protocol_reviews:
            slug = re.sub(r"[^a-z0-9]+", "-", review.document.lower()).strip("-")
            for due in every_months_after(review.last_reviewed_on, review.every_months, start, end):
                yield Deadline(
                    duty=Duty.PROTOCOL_REVIEW,
                    subject=f"{sub_group.key}/{slug}",
                    period=due.isoformat(),
                    due_on=due,
                    opens_on=due - timedelta(days=p.policy.lead_time_days),
                    owner_key=owner.key,
                    board_key=sub_group.reports_to[0],
                    sub_group_key=sub_group.key,
                    title=f"{sub_group.name}: review the {review.document}",
                )
