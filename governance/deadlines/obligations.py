"""The recurring duties of a partnership, as data: one obligation per duty, each with its rule, the
role that owns it, the boards it concerns, its source, and the setting that shapes it.

``occurrences(partnership, start, end)`` gives every deadline the obligations produce in a date
range; the calendar cycle records them, ``govern deadlines`` lists them, the catalogue cites them.
"""

from datetime import date

from governance.action_plans.model import action_plan_deadlines
from governance.deadlines.duties import annual, boards, reviews
from governance.deadlines.model import Deadline, Duty, MetBy, Obligation
from governance.partnership.model import PartnershipOnRecord
from governance.sources import (
    CARE_ACT_SCH2_PARA3,
    CARE_ACT_SCH2_PARA4,
    WORKING_TOGETHER,
    guidance,
    law,
    practice,
    seed,
)
from governance.vocabulary import Cycle

CALENDAR = Cycle.CALENDAR.value
ACTION_PLAN_CYCLE = Cycle.ACTION_PLAN_UPDATE.value


def _actions(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return action_plan_deadlines(list(p.actions), start, end)


def _monthly_updates(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return [d for d in _actions(p, start, end) if d.duty is Duty.ACTION_PLAN_UPDATE]


def _completions(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    return [d for d in _actions(p, start, end) if d.duty is Duty.ACTION_COMPLETION]


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation(
        duty=Duty.SUB_GROUP_REPORT,
        rule="Each sub-group reports to every board it serves before each of that board's meetings: one report, many boards",
        owner="sub-group lead (else chair, else business manager)",
        concerns="every board a sub-group reports to",
        source=seed("seed 001 §2.4, seed 003 §2.7, §2.11 (tri-board sub-groups)"),
        setting=lambda s: f"{s.sub_group_report_working_days} working days before the meeting",
        produce=boards.sub_group_reports,
    ),
    Obligation(
        duty=Duty.ACTION_PLAN_UPDATE,
        rule="Each open action of an action plan is updated monthly; the owner is asked once a month",
        owner="action owner",
        concerns="the plan's board",
        source=seed('seed 003 §2.89 ("updated monthly")'),
        setting=lambda s: "by the last working day of each month",
        produce=_monthly_updates,
        recorded_by=ACTION_PLAN_CYCLE,
        met_by=MetBy.UPDATE,
    ),
    Obligation(
        duty=Duty.ACTION_COMPLETION,
        rule="Each action is completed by its due date, set by the Independent Chair and Independent Scrutineer; extended only on evidence of justifiable delay",
        owner="action owner",
        concerns="the plan's board",
        source=seed("seed 003 §2.89"),
        setting=lambda s: "the action's due date",
        produce=_completions,
        recorded_by=ACTION_PLAN_CYCLE,
        met_by=MetBy.RECORD,
        record="the action's completion date",
    ),
    Obligation(
        duty=Duty.ACTION_PLAN_IMPACT_REVIEW,
        rule="A later review of the plan checks the evidence of outcome and impact, and that changes are embedded in practice",
        owner="the lead sub-group's lead (else the business manager)",
        concerns="the plan's board",
        source=seed("seed 003 §2.90"),
        setting=lambda s: "the date the plan sets",
        produce=boards.action_plan_impact_reviews,
    ),
    Obligation(
        duty=Duty.SAB_ANNUAL_REPORT,
        rule="After each financial year, as soon as is feasible, the SAB publishes its annual report (content: para 4(1)(a)–(g))",
        owner="business manager; approved by the independent chair",
        concerns="each safeguarding adults board",
        source=law(f"{CARE_ACT_SCH2_PARA4}(1)", unconfirmed=True),
        setting=lambda s: f"target {s.sab_annual_report_due} (MM-DD) after the year ends",
        produce=annual.sab_annual_reports,
        met_by=MetBy.RECORD,
        record="the report's publication",
    ),
    Obligation(
        duty=Duty.SAB_REPORT_DISTRIBUTION,
        rule="The SAB annual report is sent to the council's chief executive and leader, the local policing body, Local Healthwatch and the Health and Wellbeing Board chair; it is not complete until each has it",
        owner="business manager",
        concerns="each safeguarding adults board",
        source=law(f"{CARE_ACT_SCH2_PARA4}(2)"),
        setting=lambda s: f"within {s.sab_report_distribution_days} days of publication (local target)",
        produce=annual.sab_report_distributions,
        met_by=MetBy.RECORD,
        record="a copy sent to each statutory recipient",
    ),
    Obligation(
        duty=Duty.SAB_STRATEGIC_PLAN,
        rule="The SAB publishes a strategic plan for each financial year, consulting Local Healthwatch and involving the community",
        owner="business manager; approved by the independent chair",
        concerns="each safeguarding adults board",
        source=law(CARE_ACT_SCH2_PARA3, unconfirmed=True),
        setting=lambda s: f"by {s.sab_strategic_plan_due} (MM-DD) before the year starts",
        produce=annual.sab_strategic_plans,
        met_by=MetBy.RECORD,
        record="the plan's publication",
    ),
    Obligation(
        duty=Duty.CHILDRENS_YEARLY_REPORT,
        rule="The safeguarding partners publish a report at least once every 12 months (period 1 April–31 March), signed off by the lead partners",
        owner="business manager; signed off by each lead safeguarding partner",
        concerns="each children's safeguarding partnership",
        source=guidance(f"Children Act 2004 s16G; {WORKING_TOGETHER}; seed 003 §6.4", unconfirmed=True),
        setting=lambda s: (
            f"by {s.yearly_report_due} (MM-DD) after the period, and within 12 months of the last"
        ),
        produce=annual.childrens_yearly_reports,
        met_by=MetBy.RECORD,
        record="the report's publication",
    ),
    Obligation(
        duty=Duty.YEARLY_REPORT_DISPATCH,
        rule="The published yearly report is sent to the Child Safeguarding Practice Review Panel and the What Works body",
        owner="business manager",
        concerns="each children's safeguarding partnership",
        source=guidance(WORKING_TOGETHER, unconfirmed=True),
        setting=lambda s: f"within {s.yearly_report_dispatch_days} days of publication",
        produce=annual.yearly_report_dispatches,
        met_by=MetBy.RECORD,
        record="the copies sent to the Panel and the What Works body",
    ),
    Obligation(
        duty=Duty.COMMITTEE_RETURN,
        rule='A committee resolution asking for "a further report in N months\' time" is a deadline for its ACTION owner',
        owner="the resolution's ACTION owner",
        concerns="the committee that resolved",
        source=seed(
            "seed 000 (Keighley Area Committee, resolution 2; ACTION: Chief Executive); seed 001 §10.2"
        ),
        setting=lambda s: "N months after the resolution (month-end safe)",
        produce=boards.committee_returns,
    ),
    Obligation(
        duty=Duty.AREA_COMMITTEE_UPDATE,
        rule="Each area committee receives an update report every six months",
        owner="business manager",
        concerns="each area committee",
        source=seed("seed 001 §7.71, seed 003 §7.61"),
        setting=lambda s: f"every {s.area_committee_update_months} months",
        produce=boards.area_committee_updates,
    ),
    Obligation(
        duty=Duty.COMMITTEE_PAPERS,
        rule="A report to a council meeting is open to the public five clear days before the meeting",
        owner="business manager",
        concerns="council committees",
        source=law("Local Government Act 1972 s100B(3); SI 2002/715"),
        setting=lambda s: (
            f"{s.committee_papers_clear_days} clear {'working ' if s.clear_days_are_working_days else ''}days before"
        ),
        produce=boards.committee_papers,
        extendable=False,
        met_by=MetBy.RECORD,
        record="the report's publication",
    ),
    Obligation(
        duty=Duty.COUNCILLOR_ENQUIRY,
        rule="A councillor's enquiry is answered within seven days",
        owner="the enquiry's owner",
        concerns="the councillor's committee",
        source=seed('seed 000 ("responses would be made within seven days")'),
        setting=lambda s: f"{s.councillor_enquiry_days} days from receipt",
        produce=boards.councillor_enquiries,
        met_by=MetBy.RECORD,
        record="the enquiry's answer date",
    ),
    Obligation(
        duty=Duty.PROTOCOL_REVIEW,
        rule="The All-Age Exploitation sub-group reviews the Child Exploitation Protocol annually",
        owner="sub-group lead",
        concerns="the boards the sub-group reports to",
        source=seed("seed 003 §2.11"),
        setting=lambda s: "12 months after the last review (per protocol)",
        produce=reviews.protocol_reviews,
    ),
    Obligation(
        duty=Duty.SERIOUS_INCIDENT_NOTIFICATION,
        rule="A serious child safeguarding incident is notified to the Child Safeguarding Practice Review Panel",
        owner="business manager (for the local authority)",
        concerns="the children's safeguarding partnership",
        source=law(f"Children Act 2004 s16C(1); timescale: {WORKING_TOGETHER} ch 5"),
        setting=lambda s: f"{s.serious_incident_notification_working_days} working days from becoming aware",
        produce=reviews.case_review_clocks,
        extendable=False,
        met_by=MetBy.RECORD,
        record="the review's notification date",
    ),
    Obligation(
        duty=Duty.RAPID_REVIEW,
        rule="A rapid review follows the notification",
        owner="business manager",
        concerns="the children's safeguarding partnership",
        source=guidance(f"{WORKING_TOGETHER} ch 5"),
        setting=lambda s: f"{s.rapid_review_working_days} working days from the notification",
        produce=reviews.case_review_clocks,
        extendable=False,
        met_by=MetBy.RECORD,
        record="the rapid review's date",
    ),
    Obligation(
        duty=Duty.LCSPR_PUBLICATION,
        rule="A local child safeguarding practice review is published",
        owner="business manager",
        concerns="the children's safeguarding partnership",
        source=practice(WORKING_TOGETHER, unconfirmed=True),
        setting=lambda s: f"{s.practice_review_months} months from initiation",
        produce=reviews.case_review_clocks,
        met_by=MetBy.RECORD,
        record="the review's publication date",
    ),
    Obligation(
        duty=Duty.SAR_COMPLETION,
        rule="A safeguarding adults review (mandatory under s44(1)–(3), discretionary under s44(4)) is completed",
        owner="business manager",
        concerns="the safeguarding adults board",
        source=practice("Care Act 2014 s44; timescale local", unconfirmed=True),
        setting=lambda s: f"{s.sar_completion_months} months from initiation",
        produce=reviews.case_review_clocks,
        met_by=MetBy.RECORD,
        record="the review's conclusion date",
    ),
    Obligation(
        duty=Duty.SECTION_11_AUDIT,
        rule="Agencies return a Section 11 self-assessment with improvement actions; results feed the yearly report",
        owner="the agency's representative",
        concerns="the children's safeguarding partnership",
        source=practice("Children Act 2004 s11"),
        setting=lambda s: f"by {s.section_11_due} (MM-DD), every {s.section_11_every_years} year(s)",
        produce=reviews.section_11_audits,
    ),
    Obligation(
        duty=Duty.SECTION_175_AUDIT,
        rule="Each school's designated safeguarding lead returns the annual Section 175/157 audit; late returns are chased",
        owner="the school's designated safeguarding lead",
        concerns="the children's safeguarding partnership",
        source=practice("Education Act 2002 s175, s157"),
        setting=lambda s: f"by {s.section_175_due} (MM-DD) each year",
        produce=reviews.section_175_audits,
    ),
    Obligation(
        duty=Duty.CSP_STRATEGIC_ASSESSMENT,
        rule="The Community Safety Partnership carries out a strategic assessment each year",
        owner="business manager",
        concerns="the community safety partnership",
        source=law("SI 2007/1830 regs 5–7", unconfirmed=True),
        setting=lambda s: f"by {s.csp_strategic_assessment_due} (MM-DD) before the year it informs",
        produce=annual.csp_strategic_assessments,
    ),
    Obligation(
        duty=Duty.CSP_PARTNERSHIP_PLAN,
        rule="The CSP has a partnership plan for three years, refreshed each year, sent to the policing body",
        owner="business manager",
        concerns="the community safety partnership",
        source=law("SI 2007/1830 regs 10–11, 13A", unconfirmed=True),
        setting=lambda s: (
            f"by {s.csp_plan_due} (MM-DD); a new plan every {s.csp_plan_years} years from {s.csp_plan_first_year}/{(s.csp_plan_first_year + 1) % 100:02d}"
        ),
        produce=annual.csp_partnership_plans,
    ),
    Obligation(
        duty=Duty.CSP_PUBLIC_MEETING,
        rule="The CSP's strategy group holds one or more public meetings each year",
        owner="business manager",
        concerns="the community safety partnership",
        source=law("SI 2007/1830 reg 12(4)(a)"),
        setting=lambda s: "met when a public meeting is on the calendar in the financial year",
        produce=annual.csp_public_meetings,
        extendable=False,
        met_by=MetBy.RECORD,
        record="a public meeting on the board's calendar",
    ),
)

BY_DUTY = {o.duty: o for o in OBLIGATIONS}


def obligation_for(duty: Duty) -> Obligation:
    return BY_DUTY[duty]


def duties_recorded_by(cycle: str) -> frozenset[Duty]:
    return frozenset(o.duty for o in OBLIGATIONS if o.recorded_by == cycle)


CALENDAR_DUTIES = duties_recorded_by(CALENDAR)
"""What the calendar records (the action-plan update records the monthly updates and completions)."""


def occurrences(
    partnership: PartnershipOnRecord, start: date, end: date, *, recorded_by: str | None = None
) -> list[Deadline]:
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
