"""Who may submit an action's update, decided in the use case, not the page."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from governance.action_plans.use_cases import SubmitActionUpdate, UnknownRecord, submit_action_update
from governance.deadlines.model import DeadlineState, Duty
from governance.rules import ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE, RuleBroken
from governance.vocabulary import Role
from tests.builders import make_action, make_person
from tests.fakes import FakeUnitOfWork

NOW = datetime(2026, 1, 12, 10, tzinfo=UTC)
REFERENCE = "CSE-2021/R01.1"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    people = [
        make_person("owner"),
        make_person("manager", Role.BUSINESS_MANAGER),
        make_person("chair", Role.INDEPENDENT_CHAIR),
    ]
    return FakeUnitOfWork([make_action(REFERENCE, owner_key="owner", completed_on=date(2026, 6, 1))], people)


def submit(
    uow: FakeUnitOfWork, by: str, on: date = date(2026, 1, 12), progress: str = "Tool revised and shared"
) -> str:
    command = SubmitActionUpdate(reference=REFERENCE, submitted_by=by, progress=progress, submitted_on=on)
    return submit_action_update(command, uow=uow, now=NOW)


def test_the_owner_submits_an_update_for_the_month():
    uow_ = FakeUnitOfWork([make_action(REFERENCE, owner_key="owner")], [make_person("owner")])
    assert submit(uow_, "owner") == "2026-01"
    assert uow_.actions.updates[0]["progress"] == "Tool revised and shared"


def test_the_business_unit_submits_on_an_owners_behalf(uow):
    submit(uow, "manager")
    assert uow.actions.updates[0]["submitted_by"] == "manager"


def test_anyone_else_is_refused_even_an_independent_chair(uow):
    with pytest.raises(RuleBroken) as refusal:
        submit(uow, "chair")
    assert refusal.value.rule is ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE
    assert uow.actions.updates == [] and uow.commits == 0


def test_an_update_without_progress_is_refused_before_anything_is_written(uow):
    with pytest.raises(ValidationError, match="must say what progress was made"):
        submit(uow, "owner", progress="   ")


def test_a_completed_action_takes_no_further_updates(uow):
    with pytest.raises(RuleBroken, match="complete"):
        submit(uow, "owner", on=date(2026, 6, 2))


def test_an_unknown_action_is_named_in_the_error(uow):
    command = SubmitActionUpdate(
        reference="CSE-2021/R99.9", submitted_by="owner", progress="x", submitted_on=date(2026, 1, 12)
    )
    with pytest.raises(UnknownRecord, match="CSE-2021/R99.9"):
        submit_action_update(command, uow=uow, now=NOW)


def test_submitting_marks_the_months_update_deadline_submitted(uow):
    from governance.action_plans.model import ActionPlanPolicy, review_action_plan

    (review,) = review_action_plan(uow.actions.actions(), date(2026, 1, 5), ActionPlanPolicy())
    uow.deadlines.record(review.update_deadline, recorded_on=date(2026, 1, 5))
    submit(uow, "owner")
    assert (
        uow.deadlines.recorded[(Duty.ACTION_PLAN_UPDATE.value, REFERENCE, "2026-01")].state
        is DeadlineState.SUBMITTED
    )
