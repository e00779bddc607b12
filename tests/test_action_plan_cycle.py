"""The monthly action-plan update use case, on in-memory fakes."""

from datetime import UTC, date, datetime

import pytest

from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import DeadlineState, Duty
from tests.builders import make_action, make_person
from tests.fakes import FakeRenderer, FakeUnitOfWork

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeUnitOfWork:
    actions = [
        make_action("CSE-2021/R01.1", owner_key="amira", due_on=date(2026, 1, 16)),
        make_action("CSE-2021/R02.1", owner_key="amira", due_on=date(2026, 3, 31)),
        make_action("CSE-2021/R03.1", owner_key="ben", due_on=date(2026, 1, 2)),
        make_action(
            "CSE-2021/R04.1", owner_key="ben", due_on=date(2026, 2, 27), completed_on=date(2026, 1, 20)
        ),
    ]
    return FakeUnitOfWork(actions, [make_person("amira"), make_person("ben")])


def run(uow: FakeUnitOfWork, as_of: date):
    return run_action_plan_update(as_of, uow=uow, render=FakeRenderer(), now=NOW, policy=ActionPlanPolicy())


def test_each_owner_gets_one_message_listing_all_their_actions(uow):
    report = run(uow, date(2026, 1, 5))
    assert report.messages_queued == 2
    bodies = {m.recipient_key: m.body for m in uow.outbox.messages}
    # R04.1 is completed on 20 January: its completion is January's report, so no January update is asked
    assert bodies == {"amira": "CSE-2021/R01.1, CSE-2021/R02.1", "ben": "CSE-2021/R03.1"}


def test_the_report_counts_overdue_and_due_soon_actions(uow):
    report = run(uow, date(2026, 1, 5))
    assert (report.open_actions, report.overdue, report.due_soon) == (4, 1, 1)


def test_a_second_run_on_the_same_day_queues_nothing_and_records_nothing_new(uow):
    run(uow, date(2026, 1, 5))
    again = run(uow, date(2026, 1, 5))
    assert (again.messages_queued, again.deadlines_recorded) == (0, 0)
    assert again.messages_already_queued == 2
    assert len(uow.outbox.messages) == 2


def test_a_later_run_in_the_same_month_asks_nobody_twice(uow):
    run(uow, date(2026, 1, 5))
    assert run(uow, date(2026, 1, 19)).messages_queued == 0


def test_the_next_month_asks_again(uow):
    run(uow, date(2026, 1, 5))
    assert run(uow, date(2026, 2, 2)).messages_queued == 2


def test_each_open_action_gets_a_monthly_update_deadline_and_a_completion_deadline(uow):
    run(uow, date(2026, 1, 5))
    duties = sorted(
        (d.subject, d.duty) for d in uow.deadlines.recorded.values() if d.subject == "CSE-2021/R01.1"
    )
    assert duties == [("CSE-2021/R01.1", Duty.ACTION_COMPLETION), ("CSE-2021/R01.1", Duty.ACTION_PLAN_UPDATE)]


def test_completing_an_action_closes_its_open_deadlines(uow):
    run(uow, date(2026, 1, 5))
    report = run(uow, date(2026, 1, 21))
    assert report.deadlines_closed == 1  # its completion deadline; no January update was ever owed
    states = {d.state for d in uow.deadlines.recorded.values() if d.subject == "CSE-2021/R04.1"}
    assert states == {DeadlineState.CLOSED}


def test_an_owner_whose_actions_are_all_updated_is_not_asked(uow):
    for reference in ("CSE-2021/R01.1", "CSE-2021/R02.1"):
        uow.actions.add_update(
            reference, period="2026-01", progress="done", submitted_by="amira", submitted_on=date(2026, 1, 2)
        )
    run(uow, date(2026, 1, 5))
    assert [m.recipient_key for m in uow.outbox.messages] == ["ben"]


def test_a_run_is_one_transaction_with_an_audit_event(uow):
    run(uow, date(2026, 1, 5))
    assert uow.commits == 1
    assert [e.event for e in uow.audit.events()] == ["cycle run"]
