"""The reminders cycle in memory: each step of the ladder once, the latest reached taken and the
earlier ones skipped, one message a day per person listing everything that concerns them."""

from datetime import UTC, date, datetime, timedelta

from governance.deadlines.model import Deadline, Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from tests.builders import holding, make_partnership
from tests.fakes import FakeRenderer, FakeUnitOfWork

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 6, tzinfo=UTC)
OWNER = holding("owner")


def with_deadlines(*due: int) -> FakeUnitOfWork:
    """The owner's enquiries, due ``due`` days from today each, recorded and open."""
    uow = FakeUnitOfWork(partnership=make_partnership(people=make_partnership().people + (OWNER,)))
    for i, days in enumerate(due):
        uow.deadlines.record(
            Deadline(
                duty=Duty.COUNCILLOR_ENQUIRY,
                subject=f"ENQ-{i}",
                period="once",
                due_on=TODAY + timedelta(days=days),
                owner_key="owner",
                board_key="tbp",
            ),
            recorded_on=TODAY,
        )
    return uow


def remind(uow: FakeUnitOfWork, day: date = TODAY):
    return run_reminders(day, uow=uow, render=FakeRenderer(), now=NOW)


def test_the_owner_gets_one_message_for_all_their_reminders_of_the_day():
    uow = with_deadlines(7, 14, 30)
    told = remind(uow)
    assert (told.steps_taken, told.messages_queued, told.recipients) == (2, 1, [OWNER.name])
    assert [m.recipient_key for m in uow.outbox.messages] == ["owner"]


def test_a_second_run_on_the_same_day_takes_no_step_again():
    uow = with_deadlines(7, 14)
    remind(uow)
    again = remind(uow)
    assert (again.steps_taken, again.steps_skipped, again.messages_queued) == (0, 0, 0)
    assert len(uow.outbox.messages) == 1


def test_a_deadline_first_seen_overdue_is_escalated_with_the_earlier_steps_recorded_as_skipped():
    uow = with_deadlines(-8)
    told = remind(uow)
    assert (told.steps_taken, told.steps_skipped) == (1, 4)
    # no sub-group lead: the business manager is told instead
    assert told.recipients == [holding("manager").name]
    assert told.overdue and "overdue by 8 days" in told.overdue[0]


def test_nothing_due_tells_nobody():
    uow = with_deadlines(40)
    told = remind(uow)
    assert (told.steps_taken, told.recipients, uow.outbox.messages) == (0, [], [])


def test_the_calendar_records_and_the_reminders_cycle_tells():
    uow = FakeUnitOfWork(partnership=make_partnership(people=make_partnership().people + (OWNER,)))
    kept = run_calendar(TODAY, uow=uow, now=NOW)
    assert kept.recipients == [] and uow.outbox.messages == []
    told = remind(uow)
    assert told.messages_queued == len(uow.outbox.messages)


def test_a_chair_with_many_escalations_gets_a_summary_counts_per_owner_the_three_oldest_and_a_link():
    from flows.adapters.message_templates import TemplateRenderer

    second = holding("second-owner")
    uow = FakeUnitOfWork(partnership=make_partnership(people=make_partnership().people + (OWNER, second)))
    for i, (owner, overdue_by) in enumerate(
        [("owner", 30), ("owner", 29), ("second-owner", 28)] + [("owner", 25)] * 4
    ):
        uow.deadlines.record(
            Deadline(
                duty=Duty.COUNCILLOR_ENQUIRY, subject=f"ENQ-{i}", period="once",
                due_on=TODAY - timedelta(days=overdue_by), owner_key=owner, board_key="tbp",
            ),
            recorded_on=TODAY,
        )  # fmt: skip
    run_reminders(TODAY, uow=uow, render=TemplateRenderer(), now=NOW)
    (to_chair,) = [m for m in uow.outbox.messages if m.recipient_key == "tbp-chair"]
    assert "7 deadlines are overdue and escalated to you" in to_chair.body
    assert "By owner: Owner 6, Second Owner 1." in to_chair.body
    oldest = to_chair.body.split("The three oldest:")[1].split("The full list")[0]
    dues = [line.strip() for line in oldest.splitlines() if line.strip().startswith("Due")]
    assert [due.split(":")[0].split(" ", 2)[2] for due in dues] == [
        "26 October 2026",
        "27 October 2026",
        "28 October 2026",
    ]
    assert (
        "The full list, with every owner and date: " in to_chair.body
        and "my-work?partnership=test" in to_chair.body
    )


def test_a_chair_with_a_few_escalations_gets_each_one_listed():
    from flows.adapters.message_templates import TemplateRenderer

    uow = with_deadlines(-25, -26)
    run_reminders(TODAY, uow=uow, render=TemplateRenderer(), now=NOW)
    (to_chair,) = [m for m in uow.outbox.messages if m.recipient_key == "tbp-chair"]
    assert "These deadlines are overdue and escalated to you" in to_chair.body
    assert "By owner" not in to_chair.body


def test_steps_the_sweep_took_are_told_by_the_partnerships_run():
    uow = with_deadlines(7, 14)
    ladder = uow.partnership.policy().escalation
    swept = uow.deadlines.take_steps_due(TODAY, ladder)  # as the sweep across every partnership does
    told = remind(uow)
    assert (swept.to_tell, told.steps_taken, told.messages_queued) == (2, 2, 1)
    assert remind(uow).messages_queued == 0


def test_a_step_left_untold_by_a_failed_run_is_told_with_the_next_and_only_the_latest_is_sent():
    uow = with_deadlines(8)
    ladder = uow.partnership.policy().escalation
    uow.deadlines.take_steps_due(TODAY, ladder)  # "reminder 14 days before" taken; the run then failed
    told = remind(uow, TODAY + timedelta(days=7))  # a day before: the 7-day and 1-day reminders reached
    # told: the 1-day reminder; skipped: the 7-day one, and the 14-day one never told
    assert (told.steps_taken, told.steps_skipped, told.messages_queued) == (1, 2, 1)
    assert told.asked == [f"{OWNER.name}: 1 deadline (reminder 1 day before)"]
    assert remind(uow, TODAY + timedelta(days=7)).messages_queued == 0
