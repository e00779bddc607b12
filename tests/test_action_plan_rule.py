"""The monthly action-plan rule at its boundaries (seed 003 §2.89)."""

from datetime import date

from governance.action_plans.model import ActionPlanPolicy, action_plan_deadlines, review_action_plan
from governance.deadlines.model import DeadlineState, Duty, Standing
from tests.builders import make_action

POLICY = ActionPlanPolicy(due_soon_days=14)
AS_OF = date(2026, 1, 15)


def standing_of(due_on: date, as_of: date = AS_OF) -> Standing:
    (review,) = review_action_plan([make_action(due_on=due_on)], as_of, POLICY)
    return review.standing


def test_an_action_due_today_is_due_soon_not_overdue():
    assert standing_of(AS_OF) is Standing.DUE_SOON


def test_an_action_due_tomorrow_is_due_soon():
    assert standing_of(date(2026, 1, 16)) is Standing.DUE_SOON


def test_an_action_due_yesterday_is_overdue():
    assert standing_of(date(2026, 1, 14)) is Standing.OVERDUE


def test_an_action_due_on_the_last_day_of_the_window_is_due_soon_and_the_day_after_on_track():
    assert standing_of(date(2026, 1, 29)) is Standing.DUE_SOON
    assert standing_of(date(2026, 1, 30)) is Standing.ON_TRACK


def test_the_monthly_update_is_due_on_the_last_working_day_of_the_month():
    (march,) = review_action_plan([make_action()], date(2026, 3, 2), POLICY)
    assert march.update_deadline.duty is Duty.ACTION_PLAN_UPDATE
    assert (march.update_deadline.period, march.update_deadline.due_on) == (
        "2026-03",
        date(2026, 3, 31),
    )  # a Tuesday


def test_a_month_ending_at_a_weekend_has_its_update_due_on_the_friday_before():
    (february,) = review_action_plan([make_action()], date(2026, 2, 1), POLICY)
    assert (february.update_deadline.period, february.update_deadline.due_on) == (
        "2026-02",
        date(2026, 2, 27),
    )  # 28th is a Saturday


def test_a_month_ending_on_a_bank_holiday_weekend_has_its_update_due_on_the_last_working_day():
    (august,) = review_action_plan([make_action(due_on=date(2026, 12, 31))], date(2026, 8, 3), POLICY)
    assert august.update_deadline.due_on == date(
        2026, 8, 28
    )  # 31 August 2026 is the late summer bank holiday


def test_on_the_last_day_of_the_month_the_update_is_of_that_month_and_the_next_day_starts_a_new_month():
    (on_month_end,) = review_action_plan([make_action()], date(2026, 1, 31), POLICY)
    (next_day,) = review_action_plan([make_action()], date(2026, 2, 1), POLICY)
    assert (on_month_end.update_deadline.period, on_month_end.update_deadline.due_on) == (
        "2026-01",
        date(2026, 1, 30),
    )
    assert next_day.update_deadline.period == "2026-02"


def test_an_action_updated_this_month_needs_no_update_request_and_its_deadline_is_submitted():
    (review,) = review_action_plan([make_action(updated_periods=frozenset({"2026-01"}))], AS_OF, POLICY)
    assert not review.needs_update
    assert review.update_deadline.state is DeadlineState.SUBMITTED


def test_an_update_last_month_does_not_answer_this_month():
    (review,) = review_action_plan([make_action(updated_periods=frozenset({"2025-12"}))], AS_OF, POLICY)
    assert review.needs_update


def test_a_completed_action_is_no_longer_reviewed_from_the_day_it_was_completed():
    action = make_action(completed_on=date(2026, 1, 15))
    assert review_action_plan([action], date(2026, 1, 14), POLICY)
    assert review_action_plan([action], date(2026, 1, 15), POLICY) == []


def test_actions_of_a_plan_that_has_not_started_are_not_reviewed():
    assert review_action_plan([make_action(plan_starts_on=date(2026, 2, 1))], AS_OF, POLICY) == []


# --- the month an action is completed in owes no update --------------------------------------------


def test_an_action_completed_in_a_month_is_not_asked_for_that_months_update():
    completed = make_action(completed_on=date(2026, 1, 20), plan_starts_on=date(2025, 11, 1))
    updates = [
        d.period
        for d in action_plan_deadlines([completed], date(2025, 12, 1), date(2026, 2, 28))
        if d.duty is Duty.ACTION_PLAN_UPDATE
    ]
    assert updates == ["2025-12"]
    (january,) = review_action_plan([completed], date(2026, 1, 5), POLICY)
    assert january.update_deadline is None and not january.needs_update


def test_an_action_completed_on_the_first_of_the_next_month_still_owes_the_month_before():
    completed = make_action(completed_on=date(2026, 2, 1))
    updates = [
        d.period
        for d in action_plan_deadlines([completed], date(2026, 1, 1), date(2026, 2, 28))
        if d.duty is Duty.ACTION_PLAN_UPDATE
    ]
    assert updates == ["2026-01"]
