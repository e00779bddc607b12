"""A partnership's settings for the rules: every timescale that is practice or local policy.

Law fixes some figures (the five clear days before a council meeting); guidance and local policy
set the rest, and where the source is unconfirmed the figure is a setting, not a constant. A
partnership file's ``policy:`` section overrides any of these; the rule catalogue shows them.
"""

from datetime import date, time
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from governance.dates import FinancialYear


def _month_day(value: str) -> str:
    month, _, day = value.partition("-")
    if not (month.isdigit() and day.isdigit()) or len(value) != 5:
        raise ValueError(f"{value!r} is not a day of the year written MM-DD, e.g. 09-30")
    try:
        date(2001, int(month), int(day))  # not a leap year: 02-29 does not come every year
    except ValueError:
        raise ValueError(f"{value!r} is not a day that comes every year") from None
    return value


MonthDay = Annotated[str, AfterValidator(_month_day)]
"""A day of the year, ``MM-DD``: ``09-30`` is 30 September."""


def on_or_after(month_day: str, day: date) -> date:
    """The first ``month_day`` falling on or after ``day``."""
    month, dom = (int(part) for part in month_day.split("-"))
    candidate = date(day.year, month, dom)
    return candidate if candidate >= day else date(day.year + 1, month, dom)


def in_year(month_day: str, year: int) -> date:
    month, dom = (int(part) for part in month_day.split("-"))
    return date(year, month, dom)


class Audience(StrEnum):
    """Who an escalation step tells."""

    OWNER = "owner"
    SUB_GROUP_LEAD_OR_BUSINESS_MANAGER = "sub-group lead or business manager"
    BUSINESS_MANAGER = "business manager"
    INDEPENDENT_CHAIR = "independent chair"


class EscalationStep(BaseModel):
    """One rung of the ladder: ``days`` before (negative) or after (positive) the due date, and who is told."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9 -]{0,38}$")
    days: int = Field(
        ge=-90, le=365, description="days from the due date: -14 is 14 days before, 7 is 7 days overdue"
    )
    audience: Audience


DEFAULT_LADDER = (
    EscalationStep(name="reminder 14 days before", days=-14, audience=Audience.OWNER),
    EscalationStep(name="reminder 7 days before", days=-7, audience=Audience.OWNER),
    EscalationStep(name="reminder 1 day before", days=-1, audience=Audience.OWNER),
    EscalationStep(name="overdue notice", days=1, audience=Audience.OWNER),
    EscalationStep(name="escalation to lead", days=7, audience=Audience.SUB_GROUP_LEAD_OR_BUSINESS_MANAGER),
    EscalationStep(name="escalation to chair", days=21, audience=Audience.INDEPENDENT_CHAIR),
)


def _ladder_in_order(steps: tuple[EscalationStep, ...]) -> tuple[EscalationStep, ...]:
    days = [s.days for s in steps]
    names = [s.name for s in steps]
    if days != sorted(days) or len(set(days)) != len(days):
        raise ValueError("the escalation steps must be in order of their days, each on a different day")
    if len(set(names)) != len(names):
        raise ValueError("each escalation step needs its own name")
    return steps


class GovernancePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def first_run_looks_back_to(self, as_of: date) -> date:
        """How far back a partnership's first calendar run records what is still unmet."""
        return self.live_from or FinancialYear.of(as_of).previous().starts_on

    # sub-groups and boards
    sub_group_report_working_days: int = Field(
        10,
        ge=0,
        le=60,
        description="a sub-group's report is due this many working days before each meeting of each board it serves",
    )
    committee_papers_clear_days: int = Field(
        5,
        ge=0,
        le=30,
        description="a report is published this many clear days before the council meeting that receives it",
    )
    clear_days_are_working_days: bool = Field(
        True,
        description="clear days count only working days (common council practice), excluding the day of publication and of the meeting",
    )
    area_committee_update_months: int = Field(
        6, ge=1, le=24, description="an area committee receives an update this many months after the last"
    )
    councillor_enquiry_days: int = Field(
        7, ge=1, le=60, description="a councillor's enquiry is answered within this many days"
    )
    # annual reports and plans
    sab_annual_report_due: MonthDay = Field(
        "09-30",
        description="the SAB annual report is published by this day after the financial year ends ('as soon as is feasible')",
    )
    sab_report_distribution_days: int = Field(
        14,
        ge=0,
        le=90,
        description="the SAB annual report is sent to every statutory recipient within this many days of publication",
    )
    sab_strategic_plan_due: MonthDay = Field(
        "03-31",
        description="the SAB strategic plan for a financial year is published by this day before the year starts",
    )
    yearly_report_due: MonthDay = Field(
        "09-30",
        description="the children's partnership yearly report (period 1 April–31 March) is published by this day",
    )
    yearly_report_dispatch_days: int = Field(
        7,
        ge=0,
        le=60,
        description="the yearly report is sent to the Panel and the What Works body within this many days of publication",
    )
    csp_strategic_assessment_due: MonthDay = Field(
        "01-31", description="the CSP's annual strategic assessment is completed by this day"
    )
    csp_plan_due: MonthDay = Field(
        "03-31",
        description="the CSP partnership plan (or its yearly refresh) for a financial year is agreed by this day before the year starts",
    )
    csp_plan_years: int = Field(
        3, ge=1, le=5, description="a new CSP partnership plan every this many years, refreshed in between"
    )
    csp_plan_first_year: int = Field(
        2025,
        ge=2000,
        le=2100,
        description="the financial year (its starting calendar year) the current CSP plan began",
    )
    # case reviews and audits
    serious_incident_notification_working_days: int = Field(
        5,
        ge=1,
        le=30,
        description="a serious incident is notified to the national Panel within this many working days of becoming aware",
    )
    rapid_review_working_days: int = Field(
        15,
        ge=1,
        le=60,
        description="a rapid review is completed within this many working days of the notification",
    )
    practice_review_months: int = Field(
        6,
        ge=1,
        le=24,
        description="a local child safeguarding practice review is published within this many months of its initiation",
    )
    sar_completion_months: int = Field(
        6,
        ge=1,
        le=36,
        description="a safeguarding adults review is completed within this many months of its initiation",
    )
    section_11_due: MonthDay = Field(
        "10-31", description="Section 11 self-assessments are returned by this day"
    )
    section_11_every_years: int = Field(
        1, ge=1, le=3, description="the Section 11 audit runs every this many years (1: annual, 2: biennial)"
    )
    section_11_first_year: int = Field(
        2025, ge=2000, le=2100, description="a calendar year in which the Section 11 audit runs"
    )
    section_175_due: MonthDay = Field(
        "03-31", description="schools return their Section 175/157 audit by this day each year"
    )
    # the calendar cycle
    lead_time_days: int = Field(
        28,
        ge=0,
        le=180,
        description="a deadline opens (reminders may start) this many days before it is due, unless its rule says otherwise",
    )
    schedule_ahead_days: int = Field(
        90, ge=0, le=400, description="deadlines are recorded as scheduled this many days before they are due"
    )
    catch_up_days: int = Field(
        31,
        ge=0,
        le=400,
        description="a calendar run also records deadlines that fell due this many days before it (after a pause)",
    )
    live_from: date | None = Field(
        None,
        description=(
            "the first calendar run records every deadline still unmet since this day; "
            "default: the start of the financial year before the one that run falls in"
        ),
    )
    reminder_time: time = Field(time(9, 0), description="reminders are sent at this London time")
    escalation: Annotated[tuple[EscalationStep, ...], AfterValidator(_ladder_in_order)] = Field(
        DEFAULT_LADDER,
        description="reminders before the due date, then overdue notices and escalation, each sent once",
    )
