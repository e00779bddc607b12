"""The daily calendar on the Bradford demo, in a real SQLite registry: deadlines recorded ahead and
opened on time, facts followed, the escalation ladder climbed once per step, reminders at 09:00."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.model import DeadlineState, Duty
from governance.deadlines.reminders import RemindersRun, run_reminders
from governance.deadlines.use_cases import CalendarRun, run_calendar
from governance.notifications.use_cases import deliver_queued
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeNotifier

TODAY = date(2026, 11, 25)


def run(engine, day: date) -> tuple[CalendarRun, RemindersRun]:
    """The day's calendar, then its reminders, as the daily schedule runs them."""
    now = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=6)
    kept = run_calendar(day, uow=SqlUnitOfWork(engine), now=now)
    return kept, run_reminders(day, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=now)


def deadline(engine, duty: Duty, subject: str, period: str) -> m.Deadline:
    with Session(engine) as session:
        return session.exec(
            select(m.Deadline).where(
                m.Deadline.duty == duty, m.Deadline.subject == subject, m.Deadline.period == period
            )
        ).one()


def steps(engine, subject: str) -> list[tuple[str, bool]]:
    with Session(engine) as session:
        rows = session.exec(
            select(m.EscalationStepTaken)
            .join(m.Deadline, m.EscalationStepTaken.deadline_id == m.Deadline.id)
            .where(m.Deadline.subject == subject)
            .order_by(m.EscalationStepTaken.id)
        )
        return [(row.step, row.skipped) for row in rows]


def test_a_second_run_on_the_same_day_records_and_queues_nothing_new(bradford):
    (first, first_told), (second, second_told) = run(bradford, TODAY), run(bradford, TODAY)
    assert sum(first.recorded.values()) > 0 and first_told.messages_queued > 0
    assert (sum(second.recorded.values()), second_told.steps_taken, second_told.messages_queued) == (0, 0, 0)
    # the first run looked back to when the partnership went live; the second only the usual 31 days
    assert 0 < second.already_recorded < sum(first.recorded.values())


def test_a_deadline_is_recorded_as_scheduled_ahead_and_opens_when_its_window_opens(bradford):
    run(bradford, TODAY)
    ahead = deadline(bradford, Duty.SUB_GROUP_REPORT, "all-age-exploitation/tbp", "2027-01-19")
    assert ahead.state is DeadlineState.SCHEDULED and ahead.opens_on == date(2026, 12, 8)
    run(bradford, date(2026, 12, 8))
    assert (
        deadline(bradford, Duty.SUB_GROUP_REPORT, "all-age-exploitation/tbp", "2027-01-19").state
        is DeadlineState.OPEN
    )


def test_an_enquiry_answered_in_the_registry_meets_its_deadline_on_the_next_run(bradford):
    run(bradford, TODAY)
    assert deadline(bradford, Duty.COUNCILLOR_ENQUIRY, "ENQ-2026-014", "once").state is DeadlineState.OPEN
    with Session(bradford) as session:
        enquiry = session.exec(select(m.Enquiry).where(m.Enquiry.reference == "ENQ-2026-014")).one()
        enquiry.answered_on = date(2026, 11, 26)
        session.add(enquiry)
        session.commit()
    report, _ = run(bradford, date(2026, 11, 26))
    assert report.submitted_by_facts >= 1
    assert (
        deadline(bradford, Duty.COUNCILLOR_ENQUIRY, "ENQ-2026-014", "once").state is DeadlineState.SUBMITTED
    )


def test_run_daily_each_step_of_the_ladder_is_taken_once_from_the_day_the_deadline_opens(bradford):
    for offset in range(-40, 30):
        run(
            bradford, date(2026, 11, 27) + timedelta(days=offset)
        )  # ENQ-2026-014: received 20 November, due 27th
    taken = steps(bradford, "ENQ-2026-014")
    sent = [
        "reminder 7 days before",
        "reminder 1 day before",
        "overdue notice",
        "escalation to lead",
        "escalation to chair",
    ]
    assert [step for step, skipped in taken if not skipped] == sent
    assert [step for step, skipped in taken if skipped] == [
        "reminder 14 days before"
    ]  # before the enquiry was received


def test_a_deadline_first_seen_long_overdue_goes_straight_to_the_latest_step(bradford):
    run(bradford, TODAY)  # the Section 11 returns fell due on 31 October
    taken = steps(bradford, "section-11/barnardos")
    assert [step for step, skipped in taken if not skipped] == ["escalation to chair"]
    assert len([step for step, skipped in taken if skipped]) == 5


def test_one_person_gets_one_message_a_day_whatever_the_number_of_steps(bradford):
    with Session(bradford) as session:
        before = {n.key for n in session.exec(select(m.Notification))}
    run(bradford, TODAY)
    with Session(bradford) as session:
        queued = [n for n in session.exec(select(m.Notification)) if n.key not in before]
    recipients = [n.recipient_name for n in queued]
    assert len(recipients) == len(set(recipients)) > 1
    chair = next(n for n in queued if n.recipient_name == "Helen Achebe")
    # dozens escalated to the chair on a first day: summarised, counts per owner and the three oldest
    assert "escalated to you" in chair.subject and "deadlines are overdue and escalated to you" in chair.body
    assert "By owner: " in chair.body and "The three oldest:" in chair.body


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        (date(2026, 11, 25), 9),
        (date(2026, 6, 24), 8),
    ],  # 09:00 London is 09:00 UTC in winter, 08:00 UTC in summer
    ids=["winter", "summer"],
)
def test_reminders_wait_until_nine_oclock_london_time(bradford, day, utc_hour):
    run(bradford, day)
    nine = datetime(day.year, day.month, day.day, utc_hour, tzinfo=UTC)
    notifier = FakeNotifier()
    early = deliver_queued(
        uow=SqlUnitOfWork(bradford), notifier=notifier, clock=lambda: nine - timedelta(minutes=1)
    )
    on_time = deliver_queued(uow=SqlUnitOfWork(bradford), notifier=notifier, clock=lambda: nine)
    assert early.sent == 0 and on_time.sent > 0
    assert all(message.subject.startswith("Deadlines on") for message in notifier.sent)


def test_the_calendar_tells_nobody_the_reminders_cycle_does(bradford):
    now = datetime(2026, 11, 25, 6, tzinfo=UTC)
    run_calendar(TODAY, uow=SqlUnitOfWork(bradford), now=now)
    with Session(bradford) as session:
        assert session.exec(select(m.Notification)).all() == []
        assert session.exec(select(m.EscalationStepTaken)).all() == []
    told = run_reminders(TODAY, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=now)
    with Session(bradford) as session:
        assert len(session.exec(select(m.Notification)).all()) == told.messages_queued > 0


def test_a_dry_run_records_nothing(bradford):
    run_calendar(
        TODAY,
        uow=SqlUnitOfWork(bradford, dry_run=True),
        render=TemplateRenderer(),
        now=datetime(2026, 11, 25, 6, tzinfo=UTC),
    )
    with Session(bradford) as session:
        assert session.exec(select(m.Deadline)).all() == []


def test_a_fact_recorded_long_after_the_due_date_still_meets_the_deadline(bradford):
    run(bradford, TODAY)  # records TBP-SI-2026-02's notification, due 26 November
    with Session(bradford) as session:
        review = session.exec(select(m.CaseReview).where(m.CaseReview.reference == "TBP-SI-2026-02")).one()
        review.notified_on = date(2027, 1, 15)  # 50 days late: outside the calendar's catch-up window
        session.add(review)
        session.commit()
    run(bradford, date(2027, 1, 16))
    assert (
        deadline(bradford, Duty.SERIOUS_INCIDENT_NOTIFICATION, "TBP-SI-2026-02", "once").state
        is DeadlineState.SUBMITTED
    )
