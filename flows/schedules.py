"""Every scheduled cycle, in one place: what runs, when (Europe/London), and why.

Cron expressions are read in Europe/London, so 06:30 stays 06:30 across the clock changes.
Nothing is scheduled between 01:00 and 02:00 local time: on the last Sunday of March that hour does
not happen, and on the last Sunday of October it happens twice (``tests/test_schedules.py``).

The morning runs in order: the calendar records and opens the day's deadlines; the cycles that ask
people for things run after it, over what it recorded; their messages (reminders at 09:00) go out
with the next delivery; the daily digests gather the morning's messages for those who chose one.
Each cycle is idempotent by its outbox keys, so a run repeated (or one late) sends nothing twice.
"""

from dataclasses import dataclass

from prefect import Flow
from prefect.schedules import Cron

from flows.action_plan_update import action_plan_update
from flows.annual_report import annual_report
from flows.calendar import calendar
from flows.committee_returns import committee_returns
from flows.deliver_notifications import deliver_notifications
from flows.digests import digests
from flows.enquiries import enquiries
from flows.reminders import reminders
from flows.review_clocks import review_clocks
from flows.sub_group_reporting import sub_group_reporting

TIME_ZONE = "Europe/London"


@dataclass(frozen=True)
class ScheduledCycle:
    name: str
    flow: Flow
    cron: str
    why: str


SCHEDULED_CYCLES = (
    ScheduledCycle(
        name="calendar",
        flow=calendar,
        cron="30 6 * * *",
        why="Every day at 06:30, first: records every obligation's deadlines (sub-group reports, annual reports, "
        "committee returns, enquiries, case-review and audit clocks), opens those whose window opened and follows "
        "what the registry shows done, so that every later cycle works on today's deadlines (rule catalogue: "
        "`govern rules`).",
    ),
    ScheduledCycle(
        name="reminders",
        flow=reminders,
        cron="0 7 * * *",
        why="Every day at 07:00, after the calendar: the escalation ladder's sweep over every open deadline, each "
        "step once; the reminders are queued for 09:00 (the policy's reminder time), so people read them at work.",
    ),
    ScheduledCycle(
        name="sub-group-reporting",
        flow=sub_group_reporting,
        cron="15 7 * * *",
        why="Every day at 07:15: asks each sub-group lead for the highlight report once its deadline's window opens "
        "(28 days before the deadline, 10 working days before the meeting), and sends the board pack on the first "
        "run after the deadline day, or once every report is in (seed 001 §2.4, seed 003 §2.7). Daily, so that a "
        "pack is never a weekend late.",
    ),
    ScheduledCycle(
        name="annual-report",
        flow=annual_report,
        cron="30 7 * * *",
        why="Every day at 07:30: after the year end, asks each member agency for its part of the annual report and "
        "chases it, routes a draft that passes the checks to its approvers, and sends a published report to its "
        "statutory recipients (SAB: Care Act 2014 Sch 2 para 4; children's partnership: Children Act 2004 s16G).",
    ),
    ScheduledCycle(
        name="committee-returns",
        flow=committee_returns,
        cron="45 7 * * *",
        why="Every day at 07:45: reminds the ACTION owner of each further report a committee resolved and each "
        "6-monthly area committee update, and tracks the draft to the papers deadline, five clear days before "
        "the meeting (Local Government Act 1972 s100B(3)).",
    ),
    ScheduledCycle(
        name="review-clocks",
        flow=review_clocks,
        cron="0 8 * * *",
        why="Every day at 08:00: the case-review and audit clocks, with their requests to agencies and chasers "
        "(rapid reviews and local child safeguarding practice reviews, Working Together 2023 ch 5; safeguarding adults "
        "reviews, Care Act 2014 s44; Section 11 and Section 175/157 audit returns).",
    ),
    ScheduledCycle(
        name="enquiries",
        flow=enquiries,
        cron="15 8 * * *",
        why="Every day at 08:15: councillors' enquiries against the seven-day answer time (seed 000: 'responses "
        "would be made within seven days'), counted in calendar days, so weekends count too.",
    ),
    ScheduledCycle(
        name="action-plan-update",
        flow=action_plan_update,
        cron="0 9 * * 1-5",
        why="Every weekday at 09:00: records the day's deadlines; the month's update requests go out on the first "
        "run of the month and never twice (seed 003 §2.89: the plan is updated monthly), with each plan's summary "
        "of the month just ended for its independent chair and scrutineer.",
    ),
    ScheduledCycle(
        name="digests",
        flow=digests,
        cron="30 9 * * *",
        why="Every day at 09:30, after the 09:00 reminders are due and the morning's cycles have queued: one "
        "message to each person who chose a daily digest, and the business manager's alert about messages "
        "that did not arrive.",
    ),
    ScheduledCycle(
        name="deliver-notifications",
        flow=deliver_notifications,
        cron="*/2 0,2-23 * * *",
        why="Every 2 minutes, except 01:00–01:59 (the hour the clocks change in): sends what the steps people take "
        "have queued (a request reaches its deciders within minutes) and retries what could not be delivered "
        "after its back-off; nothing is dropped, and overnight mail waits at most an hour.",
    ),
)

CYCLES = {cycle.name: cycle for cycle in SCHEDULED_CYCLES}


def deployments() -> list:
    return [
        cycle.flow.to_deployment(
            name=cycle.name, schedules=[Cron(cycle.cron, timezone=TIME_ZONE)], description=cycle.why
        )
        for cycle in SCHEDULED_CYCLES
    ]
