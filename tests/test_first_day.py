"""A new registry's first day: the first calendar run records every deadline still unmet since the
partnership went live (``live_from``; default the start of the previous financial year), so an
install on 1 December shows the SAB annual report that fell due on 30 September."""

from datetime import UTC, date, datetime

from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.model import DeadlineState, Duty, Standing
from governance.deadlines.use_cases import run_calendar
from governance.policy import GovernancePolicy
from registry import tables as m
from registry.queries import recorded_deadlines
from registry.unit_of_work import SqlUnitOfWork

FIRST_DAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
SAB_REPORT = (Duty.SAB_ANNUAL_REPORT.value, "bsab/sab-annual-report", "2025/26")


def first_run(engine, on: date = FIRST_DAY):
    return run_calendar(on, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)


def recorded(engine, key):
    with SqlUnitOfWork(engine) as uow:
        return uow.deadlines.find(key)


def test_the_first_run_on_1_december_shows_the_sab_annual_report_overdue_since_30_september(bradford):
    first_run(bradford)
    report = recorded(bradford, SAB_REPORT)
    assert report is not None and report.due_on == date(2026, 9, 30)
    assert report.state is DeadlineState.OPEN  # still a draft in the registry: unmet, and overdue
    (listed,) = [
        r
        for r in recorded_deadlines(bradford, as_of=FIRST_DAY)
        if (r.duty.value, r.subject, r.period) == SAB_REPORT
    ]
    assert listed.standing is Standing.OVERDUE


def test_by_default_the_first_run_looks_back_to_the_start_of_the_previous_financial_year():
    assert GovernancePolicy().first_run_looks_back_to(FIRST_DAY) == date(2025, 4, 1)
    assert GovernancePolicy().first_run_looks_back_to(date(2027, 3, 31)) == date(2025, 4, 1)
    assert GovernancePolicy().first_run_looks_back_to(date(2027, 4, 1)) == date(2026, 4, 1)


def test_a_partnership_live_from_october_is_not_shown_what_fell_due_before(bradford):
    with Session(bradford) as session:
        partnership = session.exec(select(m.Partnership)).one()
        partnership.policy = {**partnership.policy, "live_from": "2026-11-01"}
        session.add(partnership)
        session.commit()
    first_run(bradford)
    assert recorded(bradford, SAB_REPORT) is None
    with Session(bradford) as session:
        earliest = min(session.exec(select(m.Deadline.due_on)))
    assert earliest >= date(2026, 10, 31)  # 1 November less the usual catch-up of 31 days


def test_later_runs_look_back_only_the_usual_31_days(bradford):
    first_run(bradford, on=date(2026, 11, 30))
    with Session(bradford) as session:  # a deadline of 2025 that someone removed by hand
        session.delete(session.exec(select(m.Deadline).where(m.Deadline.due_on < date(2026, 1, 1))).first())
        session.commit()
        known = set(session.exec(select(m.Deadline.id)))
    first_run(bradford, on=date(2026, 12, 31))
    with Session(bradford) as session:
        new = session.exec(select(m.Deadline.due_on).where(m.Deadline.id.not_in(known))).all()
    assert new and min(new) >= date(2026, 11, 30)  # 31 December less 31 days
