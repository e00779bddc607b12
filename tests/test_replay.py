"""A governance year replayed day by day on the Bradford demo: every owner is asked once a month,
and no deadline is recorded twice."""

from collections import Counter
from datetime import UTC, date, datetime

from sqlmodel import Session, func, select

from flows.rendering import TemplateRenderer
from governance.action_plan import ActionPlanPolicy
from governance.action_plan_cycle import run_action_plan_update
from governance.calendar import days_between, month_label
from registry import models as m
from registry.partnership_file import read_partnership_file
from registry.loader import BRADFORD_DEMO
from registry.unit_of_work import SqlUnitOfWork


def owners_with_open_actions(on: date) -> set[str]:
    """Straight from the demo file: whose actions have started and are not complete on that day."""
    plan = read_partnership_file(BRADFORD_DEMO).plans[0]
    actions = [a for r in plan.recommendations for a in r.actions]
    return {a.owner for a in actions if plan.starts_on <= on and (a.completed_on is None or a.completed_on > on)}


def test_replaying_2026_asks_each_owner_once_a_month_and_records_each_deadline_once(bradford):
    renderer, policy = TemplateRenderer(), ActionPlanPolicy()
    for day in days_between(date(2026, 1, 1), date(2026, 12, 31)):
        now = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
        run_action_plan_update(day, uow=SqlUnitOfWork(bradford), render=renderer, now=now, policy=policy)

    with Session(bradford) as session:
        keys = session.exec(select(m.Notification.key)).all()
        per_month = Counter(key.split("/")[1] for key in keys)
        duplicates = session.exec(
            select(m.Deadline.duty, m.Deadline.subject, m.Deadline.period).group_by(m.Deadline.duty, m.Deadline.subject, m.Deadline.period).having(func.count() > 1)
        ).all()
    assert len(keys) == len(set(keys))
    assert duplicates == []
    for month in range(1, 13):
        first_day = date(2026, month, 1)
        assert per_month[month_label(first_day)] == len(owners_with_open_actions(first_day)), month_label(first_day)
