"""The recurring duties of a partnership, as data: one obligation per duty, each with its rule, the
role that owns it, the boards it concerns, its source, and the setting that shapes it.

``occurrences(partnership, start, end)`` gives every deadline the obligations produce in a date
range; the calendar cycle records them, ``govern deadlines`` lists them, the catalogue cites them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from governance.action_plan import action_plan_deadlines
from governance.deadlines import Deadline, Duty
from governance.duties import annual, boards, reviews
from governance.partnership import PartnershipOnRecord
from governance.policy import GovernancePolicy
from governance.sources import (
    CARE_ACT_SCH2_PARA3,
    CARE_ACT_SCH2_PARA4,
    WORKING_TOGETHER,
    Source,
    guidance,
    law,
    practice,
    seed,
)

Producer = Callable[[PartnershipOnRecord, date, date], Iterable[Deadline]]
CALENDAR = "calendar"
ACTION_PLAN_CYCLE = "action-plan-update"


class MetBy(StrEnum):
    """How a deadline is met: decides which use cases may submit, accept or return it."""

    RETURN = "a return submitted by its owner"
    UPDATE = "the owner's monthly update on the action"
    RECORD = "what the registry records"


@dataclass(frozen=True)
class Obligation:
    duty: Duty
    rule: str
    owner: str
    concerns: str
    source: Source
    setting: Callable[[GovernancePolicy], str]
    """The figure in force, in words, read from the partnership's policy."""
    produce: Producer
    extendable: bool = True
    """False where the timescale is set by law or statutory guidance: no local extension."""
    recorded_by: str = CALENDAR
    """The cycle that records its deadlines (the action-plan cycle records its own, with its requests)."""
    met_by: MetBy = MetBy.RETURN
    record: str = ""
    """For a deadline met by the registry's record: which fact meets it."""


def _actions(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return action_plan_deadlines(list(p.actions), start, end)


def _monthly_updates(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return [d for d in _actions(p, start, end) if d.duty is Duty.ACTION_PLAN_UPDATE]


def _completions(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return [d for d in _actions(p, start, end) if d.duty is Duty.ACTION_COMPLETION]


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        Duty.SUB_GROUP_REPORT,
        "Each sub-group reports to every board it serves before each of that board's meetings: one report, many boards",
        "sub-group lead (else chair, else business manager)", "every board a sub-group reports to",
        seed("seed 001 §2.4, seed 003 §2.7, §2.11 (tri-board sub-groups)"),
        lambda s: f"{s.sub_group_report_working_days} working days before the meeting",
        boards.sub_group_reports,
    ),
    Obligation(
        Duty.ACTION_PLAN_UPDATE,
        "Each open action of an action plan is updated monthly; the owner is asked once a month",
        "action owner", "the plan's board",
        seed("seed 003 §2.89 (\"updated monthly\")"),
        lambda s: "by the last working day of each month",
        _monthly_updates, recorded_by=ACTION_PLAN_CYCLE,
        met_by=MetBy.UPDATE,
    ),
    Obligation(
        Duty.ACTION_COMPLETION,
        "Each action is completed by its due date, set by the Independent Chair and Independent Scrutineer; extended only on evidence of justifiable delay",
        "action owner", "the plan's board",
        seed("seed 003 §2.89"),
        lambda s: "the action's due date",
        _completions, recorded_by=ACTION_PLAN_CYCLE,
        met_by=MetBy.RECORD, record="the action's completion date",
    ),
    Obligation(
        Duty.ACTION_PLAN_IMPACT_REVIEW,
        "A later review of the plan checks the evidence of outcome and impact, and that changes are embedded in practice",
        "the lead sub-group's lead (else the business manager)", "the plan's board",
        seed("seed 003 §2.90"),
        lambda s: "the date the plan sets",
        boards.action_plan_impact_reviews,
    ),
    Obligation(
        Duty.SAB_ANNUAL_REPORT,
        "After each financial year, as soon as is feasible, the SAB publishes its annual report (content: para 4(1)(a)–(g))",
        "business manager; approved by the independent chair", "each safeguarding adults board",
        law(f"{CARE_ACT_SCH2_PARA4}(1)", unconfirmed=True),
        lambda s: f"target {s.sab_annual_report_due} (MM-DD) after the year ends",
        annual.sab_annual_reports,
        met_by=MetBy.RECORD, record="the report's publication",
    ),
    Obligation(
        Duty.SAB_REPORT_DISTRIBUTION,
        "The SAB annual report is sent to the council's chief executive and leader, the local policing body, Local Healthwatch and the Health and Wellbeing Board chair; it is not complete until each has it",
        "business manager", "each safeguarding adults board",
        law(f"{CARE_ACT_SCH2_PARA4}(2)"),
        lambda s: f"within {s.sab_report_distribution_days} days of publication (local target)",
        annual.sab_report_distributions,
        met_by=MetBy.RECORD, record="a copy sent to each statutory recipient",
    ),
    Obligation(
        Duty.SAB_STRATEGIC_PLAN,
        "The SAB publishes a strategic plan for each financial year, consulting Local Healthwatch and involving the community",
        "business manager; approved by the independent chair", "each safeguarding adults board",
        law(CARE_ACT_SCH2_PARA3, unconfirmed=True),
        lambda s: f"by {s.sab_strategic_plan_due} (MM-DD) before the year starts",
        annual.sab_strategic_plans,
        met_by=MetBy.RECORD, record="the plan's publication",
    ),
    Obligation(
        Duty.CHILDRENS_YEARLY_REPORT,
        "The safeguarding partners publish a report at least once every 12 months (period 1 April–31 March), signed off by the lead partners",
        "business manager; signed off by each lead safeguarding partner", "each children's safeguarding partnership",
        guidance(f"Children Act 2004 s16G; {WORKING_TOGETHER}; seed 003 §6.4", unconfirmed=True),
        lambda s: f"by {s.yearly_report_due} (MM-DD) after the period, and within 12 months of the last",
        annual.childrens_yearly_reports,
        met_by=MetBy.RECORD, record="the report's publication",
    ),
    Obligation(
        Duty.YEARLY_REPORT_DISPATCH,
        "The published yearly report is sent to the Child Safeguarding Practice Review Panel and the What Works body",
        "business manager", "each children's safeguarding partnership",
        guidance(WORKING_TOGETHER, unconfirmed=True),
        lambda s: f"within {s.yearly_report_dispatch_days} days of publication",
        annual.yearly_report_dispatches,
        met_by=MetBy.RECORD, record="the copies sent to the Panel and the What Works body",
    ),
    Obligation(
        Duty.COMMITTEE_RETURN,
        "A committee resolution asking for \"a further report in N months' time\" is a deadline for its ACTION owner",
        "the resolution's ACTION owner", "the committee that resolved",
        seed("seed 000 (Keighley Area Committee, resolution 2; ACTION: Chief Executive); seed 001 §10.2"),
        lambda s: "N months after the resolution (month-end safe)",
        boards.committee_returns,
    ),
    Obligation(
        Duty.AREA_COMMITTEE_UPDATE,
        "Each area committee receives an update report every six months",
        "business manager", "each area committee",
        seed("seed 001 §7.71, seed 003 §7.61"),
        lambda s: f"every {s.area_committee_update_months} months",
        boards.area_committee_updates,
    ),
    Obligation(
        Duty.COMMITTEE_PAPERS,
        "A report to a council meeting is open to the public five clear days before the meeting",
        "business manager", "council committees",
        law("Local Government Act 1972 s100B(3); SI 2002/715"),
        lambda s: f"{s.committee_papers_clear_days} clear {'working ' if s.clear_days_are_working_days else ''}days before",
        boards.committee_papers, extendable=False,
        met_by=MetBy.RECORD, record="the report's publication",
    ),
    Obligation(
        Duty.COUNCILLOR_ENQUIRY,
        "A councillor's enquiry is answered within seven days",
        "the enquiry's owner", "the councillor's committee",
        seed("seed 000 (\"responses would be made within seven days\")"),
        lambda s: f"{s.councillor_enquiry_days} days from receipt",
        boards.councillor_enquiries,
        met_by=MetBy.RECORD, record="the enquiry's answer date",
    ),
    Obligation(
        Duty.PROTOCOL_REVIEW,
        "The All-Age Exploitation sub-group reviews the Child Exploitation Protocol annually",
        "sub-group lead", "the boards the sub-group reports to",
        seed("seed 003 §2.11"),
        lambda s: "12 months after the last review (per protocol)",
        reviews.protocol_reviews,
    ),
    Obligation(
        Duty.SERIOUS_INCIDENT_NOTIFICATION,
        "A serious child safeguarding incident is notified to the Child Safeguarding Practice Review Panel",
        "business manager (for the local authority)", "the children's safeguarding partnership",
        law(f"Children Act 2004 s16C(1); timescale: {WORKING_TOGETHER} ch 5"),
        lambda s: f"{s.serious_incident_notification_working_days} working days from becoming aware",
        reviews.case_review_clocks, extendable=False,
        met_by=MetBy.RECORD, record="the review's notification date",
    ),
    Obligation(
        Duty.RAPID_REVIEW,
        "A rapid review follows the notification",
        "business manager", "the children's safeguarding partnership",
        guidance(f"{WORKING_TOGETHER} ch 5"),
        lambda s: f"{s.rapid_review_working_days} working days from the notification",
        reviews.case_review_clocks, extendable=False,
        met_by=MetBy.RECORD, record="the rapid review's date",
    ),
    Obligation(
        Duty.LCSPR_PUBLICATION,
        "A local child safeguarding practice review is published",
        "business manager", "the children's safeguarding partnership",
        practice(WORKING_TOGETHER, unconfirmed=True),
        lambda s: f"{s.practice_review_months} months from initiation",
        reviews.case_review_clocks,
        met_by=MetBy.RECORD, record="the review's publication date",
    ),
    Obligation(
        Duty.SAR_COMPLETION,
        "A safeguarding adults review (mandatory under s44(1)–(3), discretionary under s44(4)) is completed",
        "business manager", "the safeguarding adults board",
        practice("Care Act 2014 s44; timescale local", unconfirmed=True),
        lambda s: f"{s.sar_completion_months} months from initiation",
        reviews.case_review_clocks,
        met_by=MetBy.RECORD, record="the review's conclusion date",
    ),
    Obligation(
        Duty.SECTION_11_AUDIT,
        "Agencies return a Section 11 self-assessment with improvement actions; results feed the yearly report",
        "the agency's representative", "the children's safeguarding partnership",
        practice("Children Act 2004 s11"),
        lambda s: f"by {s.section_11_due} (MM-DD), every {s.section_11_every_years} year(s)",
        reviews.section_11_audits,
    ),
    Obligation(
        Duty.SECTION_175_AUDIT,
        "Each school's designated safeguarding lead returns the annual Section 175/157 audit; late returns are chased",
        "the school's designated safeguarding lead", "the children's safeguarding partnership",
        practice("Education Act 2002 s175, s157"),
        lambda s: f"by {s.section_175_due} (MM-DD) each year",
        reviews.section_175_audits,
    ),
    Obligation(
        Duty.CSP_STRATEGIC_ASSESSMENT,
        "The Community Safety Partnership carries out a strategic assessment each year",
        "business manager", "the community safety partnership",
        law("SI 2007/1830 regs 5–7", unconfirmed=True),
        lambda s: f"by {s.csp_strategic_assessment_due} (MM-DD) before the year it informs",
        annual.csp_strategic_assessments,
    ),
    Obligation(
        Duty.CSP_PARTNERSHIP_PLAN,
        "The CSP has a partnership plan for three years, refreshed each year, sent to the policing body",
        "business manager", "the community safety partnership",
        law("SI 2007/1830 regs 10–11, 13A", unconfirmed=True),
        lambda s: f"by {s.csp_plan_due} (MM-DD); a new plan every {s.csp_plan_years} years from {s.csp_plan_first_year}/{(s.csp_plan_first_year + 1) % 100:02d}",
        annual.csp_partnership_plans,
    ),
    Obligation(
        Duty.CSP_PUBLIC_MEETING,
        "The CSP's strategy group holds one or more public meetings each year",
        "business manager", "the community safety partnership",
        law("SI 2007/1830 reg 12(4)(a)"),
        lambda s: "met when a public meeting is on the calendar in the financial year",
        annual.csp_public_meetings, extendable=False,
        met_by=MetBy.RECORD, record="a public meeting on the board's calendar",
    ),
)

BY_DUTY = {o.duty: o for o in OBLIGATIONS}


def obligation_for(duty: Duty) -> Obligation:
    return BY_DUTY[duty]


def occurrences(partnership: PartnershipOnRecord, start: date, end: date, *, recorded_by: str | None = None) -> list[Deadline]:
    """Every deadline the obligations produce with a due date from ``start`` to ``end``, soonest first.

    Some producers serve several duties (the case-review clocks): each deadline is kept once.
    """
    chosen = [o for o in OBLIGATIONS if recorded_by is None or o.recorded_by == recorded_by]
    found: dict[tuple[str, str, str], Deadline] = {}
    for producer in dict.fromkeys(o.produce for o in chosen):
        for deadline in producer(partnership, start, end):
            if deadline.duty in BY_DUTY and BY_DUTY[deadline.duty] in chosen:
                found.setdefault(deadline.key, deadline)
    return sorted(found.values(), key=lambda d: (d.due_on, d.duty.value, d.subject, d.period))
