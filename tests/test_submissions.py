"""Returns against deadlines on the Bradford demo: one sub-group report for every board it serves,
submitted by those entitled, accepted or returned by the business unit or the board's chair."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.model import DeadlineState, Duty
from governance.deadlines.use_cases import run_calendar
from governance.lifecycles import TransitionRefused
from governance.returns.use_cases import (
    DecideSubmission,
    SubmitReturn,
    SubmitSubGroupReport,
    decide_submission,
    submit_return,
    submit_sub_group_report,
)
from governance.rules import (
    ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS,
    RETURNED_SUBMISSIONS_SAY_WHY,
    RuleBroken,
)
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2027, 1, 5, 10, tzinfo=UTC)
ON = date(2027, 1, 5)


@pytest.fixture
def recorded(bradford):
    """The calendar as it stands on 5 January 2027, having run on 25 November 2026 too."""
    for day in (date(2026, 11, 25), ON):
        run_calendar(day, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    return bradford


def state(engine, duty: Duty, subject: str, period: str) -> DeadlineState:
    with Session(engine) as session:
        return session.exec(
            select(m.Deadline.state).where(
                m.Deadline.duty == duty, m.Deadline.subject == subject, m.Deadline.period == period
            )
        ).one()


def submit_aae(engine, by: str = "grace-mensah", boards: tuple[str, ...] = ()):
    command = SubmitSubGroupReport(
        sub_group="all-age-exploitation", submitted_by=by, submitted_on=ON, boards=boards
    )
    return submit_sub_group_report(command, uow=SqlUnitOfWork(engine), now=NOW)


def test_one_sub_group_report_meets_the_next_meeting_of_each_board_it_serves(recorded):
    met = submit_aae(recorded)
    assert sorted((d.board_key, d.period) for d in met) == [("bsab", "2027-01-26"), ("tbp", "2027-01-19")]
    assert (
        state(recorded, Duty.SUB_GROUP_REPORT, "all-age-exploitation/tbp", "2027-01-19")
        is DeadlineState.SUBMITTED
    )
    assert (
        state(recorded, Duty.SUB_GROUP_REPORT, "all-age-exploitation/tbp", "2026-11-17") is DeadlineState.OPEN
    )  # that meeting was missed


def test_a_report_can_go_to_one_of_the_boards_only(recorded):
    assert [d.board_key for d in submit_aae(recorded, boards=("bsab",))] == ["bsab"]


def test_somebody_outside_the_sub_group_cannot_submit_its_report(recorded):
    with pytest.raises(RuleBroken) as refused:
        submit_aae(recorded, by="kwame-boateng")
    assert refused.value.rule is ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS


def test_the_sub_group_chair_and_the_business_unit_may_submit_it(recorded):
    assert submit_aae(recorded, by="mark-ellison", boards=("tbp",))
    assert submit_aae(recorded, by="nadia-rehman", boards=("bsab",))


def test_a_return_is_accepted_or_returned_with_the_reason_by_the_business_unit_or_the_chair(recorded):
    key = dict(duty=Duty.SECTION_11_AUDIT, subject="section-11/barnardos", period="2026")
    submit_return(
        SubmitReturn(**key, submitted_by="kwame-boateng", submitted_on=ON),
        uow=SqlUnitOfWork(recorded),
        now=NOW,
    )

    def decide(by: str, accept: bool, note: str = "") -> DeadlineState:
        return decide_submission(
            DecideSubmission(**key, decided_by=by, accept=accept, note=note, decided_on=ON),
            uow=SqlUnitOfWork(recorded),
            now=NOW,
        )

    with pytest.raises(RuleBroken) as refused:
        decide("kwame-boateng", accept=True)
    assert refused.value.rule is ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS
    with pytest.raises(RuleBroken) as refused:
        decide("joanne-pickering", accept=False)
    assert refused.value.rule is RETURNED_SUBMISSIONS_SAY_WHY
    assert (
        decide("joanne-pickering", accept=False, note="Section 4 (safer recruitment) is blank.")
        is DeadlineState.RETURNED
    )
    submit_return(
        SubmitReturn(**key, submitted_by="kwame-boateng", submitted_on=ON),
        uow=SqlUnitOfWork(recorded),
        now=NOW,
    )
    assert decide("helen-achebe", accept=True) is DeadlineState.ACCEPTED


def test_an_accepted_return_cannot_be_submitted_again(recorded):
    key = dict(duty=Duty.SECTION_175_AUDIT, subject="section-175/school-a", period="2027")
    submit_return(
        SubmitReturn(**key, submitted_by="lena-hart", submitted_on=ON), uow=SqlUnitOfWork(recorded), now=NOW
    )
    decide_submission(
        DecideSubmission(**key, decided_by="joanne-pickering", accept=True, decided_on=ON),
        uow=SqlUnitOfWork(recorded),
        now=NOW,
    )
    with pytest.raises(TransitionRefused, match="a deadline that is accepted cannot be submitted"):
        submit_return(
            SubmitReturn(**key, submitted_by="lena-hart", submitted_on=ON),
            uow=SqlUnitOfWork(recorded),
            now=NOW,
        )


@pytest.mark.parametrize(
    ("duty", "subject", "period", "how"),
    [
        (Duty.ACTION_PLAN_UPDATE, "CSE-2021/R01.2", "2027-01", "the owner's monthly update"),
        (Duty.COUNCILLOR_ENQUIRY, "ENQ-2026-014", "once", "the enquiry's answer date"),
    ],
    ids=["monthly update", "enquiry"],
)
def test_a_deadline_met_by_an_update_or_a_record_is_not_submitted_or_decided_by_hand(
    recorded, duty, subject, period, how
):
    from governance.action_plans.model import ActionPlanPolicy
    from governance.action_plans.use_cases import run_action_plan_update
    from governance.rules import ONLY_RETURNS_ARE_SUBMITTED_BY_HAND

    run_action_plan_update(
        ON, uow=SqlUnitOfWork(recorded), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    key = dict(duty=duty, subject=subject, period=period)
    with pytest.raises(
        RuleBroken
    ) as refused:  # the lead of the plan's sub-group may submit returns, but this is not one
        submit_return(
            SubmitReturn(
                **key,
                submitted_by="grace-mensah" if duty is Duty.ACTION_PLAN_UPDATE else "joanne-pickering",
                submitted_on=ON,
            ),
            uow=SqlUnitOfWork(recorded),
            now=NOW,
        )
    assert refused.value.rule is ONLY_RETURNS_ARE_SUBMITTED_BY_HAND and how in str(refused.value)
    with pytest.raises(RuleBroken) as refused:
        decide_submission(
            DecideSubmission(
                **key, decided_by="joanne-pickering", accept=False, note="Not good enough", decided_on=ON
            ),
            uow=SqlUnitOfWork(recorded),
            now=NOW,
        )
    assert refused.value.rule is ONLY_RETURNS_ARE_SUBMITTED_BY_HAND
