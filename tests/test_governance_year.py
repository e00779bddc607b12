"""A whole governance year replayed on the Bradford demo: both cycles run as of every day from
1 April 2026 to 31 March 2027, as the schedules would. Every obligation produces the expected
number of deadlines, none twice; every owner is asked once a month; no escalation step twice."""

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, func, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.dates import (
    FinancialYear,
    days_between,
    last_day_of_month,
    month_label,
    months_between,
    working_days_before,
)
from governance.deadlines.model import Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from registry import tables as m
from registry.partnership_file.file import read_partnership_file
from registry.partnership_file.loader import BRADFORD_DEMO
from registry.unit_of_work import SqlUnitOfWork

YEAR = FinancialYear(start_year=2026)
DEMO = read_partnership_file(BRADFORD_DEMO)
PLAN = DEMO.plans[0]
ACTIONS = [a for r in PLAN.recommendations for a in r.actions]


def open_on(action, day: date) -> bool:
    return PLAN.starts_on <= day and (action.completed_on is None or action.completed_on > day)


def owes_update(action, month: date) -> bool:
    """Open in the month, and not completed in it (its completion is that month's report)."""
    return PLAN.starts_on <= last_day_of_month(month) and (
        action.completed_on is None or action.completed_on > last_day_of_month(month)
    )


def expected_sub_group_reports() -> int:
    """Each sub-group, each board it serves, each meeting whose report falls due in the year."""
    meetings = {b.key: [mt.held_on for mt in b.meetings] for b in DEMO.boards}
    return sum(
        working_days_before(held_on, DEMO.policy.sub_group_report_working_days) in YEAR
        for group in DEMO.sub_groups
        for board in group.reports_to
        for held_on in meetings[board]
    )


EXPECTED = {
    Duty.SUB_GROUP_REPORT: expected_sub_group_reports(),
    # each action is asked for the update of every month it is open in, except the month it is completed in
    Duty.ACTION_PLAN_UPDATE: sum(
        owes_update(a, month) for a in ACTIONS for month in months_between(YEAR.starts_on, YEAR.ends_on)
    ),
    # the completion of each action open during the year and due in it
    Duty.ACTION_COMPLETION: sum(
        a.due_on in YEAR and (a.completed_on is None or a.completed_on >= YEAR.starts_on) for a in ACTIONS
    ),
    Duty.ACTION_PLAN_IMPACT_REVIEW: 1,  # late October 2026 (seed 003 §2.90)
    Duty.SAB_ANNUAL_REPORT: 1,  # 2025/26, due 30 September 2026
    Duty.SAB_STRATEGIC_PLAN: 1,  # 2027/28, due 31 March 2027
    Duty.CHILDRENS_YEARLY_REPORT: 1,  # 2025/26, due 26 September 2026: 12 months after 2024/25's
    Duty.YEARLY_REPORT_DISPATCH: 1,  # 2025/26 published 24 September 2026
    Duty.COMMITTEE_RETURN: 2,  # Keighley AC and Children's O&S asked for a further report in 12 months
    Duty.AREA_COMMITTEE_UPDATE: 2,  # Keighley AC, July 2026 and January 2027
    Duty.COMMITTEE_PAPERS: 1,  # the report to the Executive of 2 February 2027
    Duty.COUNCILLOR_ENQUIRY: 2,
    Duty.PROTOCOL_REVIEW: 1,  # the Child Exploitation Protocol, October 2026
    Duty.SERIOUS_INCIDENT_NOTIFICATION: 2,
    Duty.RAPID_REVIEW: 1,  # TBP-SI-2026-01; TBP-SI-2026-02's starts when it is notified
    Duty.LCSPR_PUBLICATION: 1,  # TBP-LCSPR-2026-01
    Duty.SAR_COMPLETION: 2,  # BSAB-SAR-2025-02 (due 1 April 2026) and BSAB-SAR-2026-01
    Duty.SECTION_11_AUDIT: sum(a.section_11 for a in DEMO.agencies),  # biennial, runs in 2026
    Duty.SECTION_175_AUDIT: sum(a.kind == "school" for a in DEMO.agencies),  # due 31 March 2027
    Duty.CSP_STRATEGIC_ASSESSMENT: 1,
    Duty.CSP_PARTNERSHIP_PLAN: 1,
    Duty.CSP_PUBLIC_MEETING: 1,
}


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    from registry.migrate import upgrade
    from registry.partnership_file.loader import load_partnership_file
    from registry.replay import scratch_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('year') / 'registry.db'}"
    upgrade(url)
    engine = scratch_engine(url)  # as a replay does: this test alone writes it, so snapshots are kept
    load_partnership_file(engine)
    renderer, policy = TemplateRenderer(), ActionPlanPolicy()
    for day in days_between(YEAR.starts_on, YEAR.ends_on):
        now = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        run_action_plan_update(day, uow=SqlUnitOfWork(engine), render=renderer, now=now, policy=policy)
        run_calendar(day, uow=SqlUnitOfWork(engine), render=renderer, now=now)
        run_reminders(day, uow=SqlUnitOfWork(engine), render=renderer, now=now)
    yield engine
    engine.dispose()


def test_every_obligation_produces_the_expected_number_of_deadlines_in_the_year(replayed):
    with Session(replayed) as session:
        rows = session.exec(
            select(m.Deadline.duty, func.count())
            .where(m.Deadline.due_on >= YEAR.starts_on, m.Deadline.due_on <= YEAR.ends_on)
            .group_by(m.Deadline.duty)
        )
        counted = {Duty(duty): n for duty, n in rows}
    assert counted == EXPECTED


def test_no_deadline_is_recorded_twice(replayed):
    with Session(replayed) as session:
        total = session.exec(select(func.count()).select_from(m.Deadline)).one()
        distinct = session.exec(
            select(func.count()).select_from(
                select(m.Deadline.duty, m.Deadline.subject, m.Deadline.period).distinct().subquery()
            )
        ).one()
    assert total == distinct > 0


def test_every_owner_is_asked_for_their_updates_once_a_month(replayed):
    with Session(replayed) as session:
        requests = Counter(
            key.split("/")[1]
            for key in session.exec(select(m.Notification.key))
            if key.startswith("action-plan-update/")
        )
    for month in months_between(YEAR.starts_on, YEAR.ends_on):
        owners = {a.owner for a in ACTIONS if open_on(a, month) and owes_update(a, month)}
        assert requests[month_label(month)] == len(owners), month_label(month)


def test_no_escalation_step_is_taken_twice_and_nobody_gets_two_reminders_a_day(replayed):
    with Session(replayed) as session:
        steps = session.exec(
            select(
                m.EscalationStepTaken.deadline_id,
                m.EscalationStepTaken.step,
                m.EscalationStepTaken.for_due_on,
            )
        ).all()
        reminders = [
            key.split("/")[1:3]
            for key in session.exec(select(m.Notification.key))
            if key.startswith("reminders/")
        ]
    assert len(steps) == len(set(steps)) > 0
    assert len(reminders) == len({tuple(r) for r in reminders}) > 0
