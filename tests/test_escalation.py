"""The escalation ladder as it reads: reminders, overdue notice, escalation to the lead, then the chair;
and the page each reminder links to."""

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from governance.deadlines.escalation import audience, describe, steps_due, where_to_act
from governance.deadlines.model import Deadline, Duty
from governance.notifications.links import Page
from governance.policy import DEFAULT_LADDER, Audience, EscalationStep, GovernancePolicy
from governance.vocabulary import Role
from tests.builders import holding, make_partnership

DUE = date(2026, 6, 30)
NOTHING_TAKEN: frozenset[str] = frozenset()


def step_on(day: date, taken: frozenset[str] = NOTHING_TAKEN) -> str | None:
    due = steps_due(DUE, day, DEFAULT_LADDER, taken)
    return due.take.name if due.take else None


def test_nothing_is_sent_more_than_14_days_before_the_due_date():
    assert step_on(DUE - timedelta(days=15)) is None


def test_reminders_come_14_7_and_1_days_before():
    assert step_on(DUE - timedelta(days=14)) == "reminder 14 days before"
    assert (
        step_on(DUE - timedelta(days=7), frozenset({"reminder 14 days before"})) == "reminder 7 days before"
    )
    assert (
        step_on(DUE - timedelta(days=1), frozenset({"reminder 14 days before", "reminder 7 days before"}))
        == "reminder 1 day before"
    )


def test_a_step_already_taken_is_not_taken_again_on_the_same_day():
    assert step_on(DUE - timedelta(days=14), frozenset({"reminder 14 days before"})) is None


def test_the_day_after_the_due_date_the_owner_gets_an_overdue_notice():
    taken = frozenset(s.name for s in DEFAULT_LADDER[:3])
    assert step_on(DUE + timedelta(days=1), taken) == "overdue notice"
    assert step_on(DUE, taken) is None  # due today is not yet overdue


def test_a_deadline_first_seen_three_weeks_overdue_takes_only_the_chair_step_and_skips_the_rest():
    due = steps_due(DUE, DUE + timedelta(days=21), DEFAULT_LADDER, NOTHING_TAKEN)
    assert due.take is not None and due.take.name == "escalation to chair"
    assert [s.name for s in due.skip] == [s.name for s in DEFAULT_LADDER[:-1]]


def test_the_ladder_is_a_setting_with_its_steps_in_order():
    with pytest.raises(ValidationError, match="in order of their days"):
        GovernancePolicy(
            escalation=(
                EscalationStep(name="late", days=3, audience=Audience.OWNER),
                EscalationStep(name="early", days=-3, audience=Audience.OWNER),
            )
        )


def deadline(**overrides) -> Deadline:
    values = dict(
        duty=Duty.SUB_GROUP_REPORT,
        subject="aae/tbp",
        period="2026-07-14",
        due_on=DUE,
        owner_key="owner",
        board_key="tbp",
        sub_group_key="aae",
    )
    values.update(overrides)
    return Deadline.model_validate(values)


PEOPLE = make_partnership().people + (holding("owner"), holding("lead", (Role.SUB_GROUP_LEAD, "aae")))
STEP = {s.name: s for s in DEFAULT_LADDER}


def test_escalation_goes_to_the_sub_group_lead_then_to_the_boards_independent_chair():
    p = make_partnership(people=PEOPLE)
    assert audience(STEP["overdue notice"], deadline(), p).key == "owner"
    assert audience(STEP["escalation to lead"], deadline(), p).key == "lead"
    assert audience(STEP["escalation to chair"], deadline(), p).key == "tbp-chair"


def test_without_a_sub_group_the_lead_step_goes_to_the_business_manager():
    p = make_partnership(people=PEOPLE)
    assert audience(STEP["escalation to lead"], deadline(sub_group_key=None), p).key == "manager"


def test_when_the_owner_is_the_sub_group_lead_the_lead_step_goes_to_the_business_manager():
    p = make_partnership(people=PEOPLE)
    assert audience(STEP["escalation to lead"], deadline(owner_key="lead"), p).key == "manager"


def test_a_board_without_an_independent_chair_escalates_to_its_committee_chair_or_the_business_manager():
    committee_chair = holding("cllr", (Role.COMMITTEE_CHAIR, "executive"))
    p = make_partnership(people=PEOPLE + (committee_chair,))
    assert audience(STEP["escalation to chair"], deadline(board_key="executive"), p).key == "cllr"
    assert audience(STEP["escalation to chair"], deadline(board_key="keighley"), p).key == "manager"


def test_the_message_says_how_the_deadline_stands_in_words():
    assert describe(STEP["reminder 7 days before"], deadline(), DUE - timedelta(days=7)) == "due in 7 days"
    assert describe(STEP["reminder 1 day before"], deadline(), DUE - timedelta(days=1)) == "due tomorrow"
    assert describe(STEP["overdue notice"], deadline(), DUE + timedelta(days=1)) == "overdue by 1 day"
    assert describe(STEP["escalation to chair"], deadline(), DUE + timedelta(days=21)) == "overdue by 21 days"


def test_a_reminder_links_the_owner_to_submit_the_business_unit_to_the_board_and_others_to_their_work():
    owner, lead = holding("owner"), holding("lead", (Role.SUB_GROUP_LEAD, "aae"))
    manager = holding("manager", (Role.BUSINESS_MANAGER, None))
    assert where_to_act(deadline(), owner) is Page.SUBMIT  # a sub-group report is met by a return
    assert where_to_act(deadline(), lead) is Page.MY_WORK
    assert where_to_act(deadline(), manager) is Page.DEADLINES
    answered = deadline(duty=Duty.COUNCILLOR_ENQUIRY, subject="ENQ-1", period="once")
    assert where_to_act(answered, owner) is Page.MY_WORK  # met by what the registry records
