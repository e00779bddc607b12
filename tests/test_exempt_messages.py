"""No exempt action text reaches anyone without a membership of the exempt plan's bodies.

The Bradford demo's CSE Thematic Review action plan is exempt from publication (Sch 12A para 7); it
belongs to TBP and the All-Age Exploitation sub-group. Both cycles are replayed for every day of
2026, the year the plan runs, and on 25 November every workflow step is taken once: monthly updates,
extension requests and both decisions, a sub-group report submitted and returned, a report sent for
review, returned, sent again and approved. Then every message queued is read: to anyone who sits on
neither body (Ewa Nowak owns three of its actions from the adults' side) it names no action,
recommendation or plan, only "an exempt item"; those entitled get the texts.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import SubmitActionUpdate, run_action_plan_update, submit_action_update
from governance.dates import days_between
from governance.deadlines.model import Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.notifications.exempt import EXEMPT_ITEM_NEEDS_YOUR_UPDATE
from governance.notifications.follow_ups import (
    tell_report_approved,
    tell_report_returned,
    tell_report_sent_for_review,
    tell_returns_submitted,
    tell_submission_decided,
)
from governance.permissions import may_see_exempt
from governance.reports.use_cases import approve_report, edit_report_section, return_report, send_for_review
from governance.returns.model import DecideSubmission, SubmitSubGroupReport
from governance.returns.use_cases import decide_submission, submit_sub_group_report
from registry import tables as m
from registry.partnership_file.file import read_partnership_file
from registry.partnership_file.loader import BRADFORD_DEMO
from registry.unit_of_work import SqlUnitOfWork

DEMO = read_partnership_file(BRADFORD_DEMO)
PLAN = next(plan for plan in DEMO.plans if plan.exempt_paragraph)
ACTIONS = [a for r in PLAN.recommendations for a in r.actions]
EXEMPT_TEXTS = (
    [PLAN.title]
    + [r.text for r in PLAN.recommendations]
    + [a.text for a in ACTIONS]
    + [a.reference for a in ACTIONS]
)
YEAR = days_between(date(2026, 1, 1), date(2026, 12, 31))
STEPS_ON = date(2026, 11, 25)
RENDER = TemplateRenderer("http://127.0.0.1:8501")
OUTSIDER, CHAIR, SCRUTINEER, MANAGER = "ewa-nowak", "helen-achebe", "graham-whitfield", "joanne-pickering"
OUTSIDERS_ACTION = "CSE-2021/R29.1"
ENTITLED_OWNER, ENTITLED_ACTION = "paul-hartley", "CSE-2021/R07.2"
REPORT = "bsab-strategic-plan-2027-28"
ADULTS_CHAIR = "rukhsana-malik"
RETURNED_BECAUSE = "Say how Healthwatch was consulted"


def text_of(reference: str) -> str:
    return next(a.text for a in ACTIONS if a.reference == reference)


def follow_up(engine, tell) -> None:
    """A step's follow-up, in a transaction of its own: until the reports' and returns' use cases call
    the follow-ups themselves, the test takes the step, then tells its people as the use case will."""
    uow = SqlUnitOfWork(engine)
    with uow:
        tell(uow, uow.partnership.snapshot())
        uow.commit()


def every_workflow_step(engine, now: datetime) -> None:
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    for owner, reference in ((OUTSIDER, OUTSIDERS_ACTION), (ENTITLED_OWNER, ENTITLED_ACTION)):
        update = SubmitActionUpdate(
            reference=reference, submitted_by=owner, submitted_on=STEPS_ON,
            progress=f"Progress on {text_of(reference)}",
        )  # fmt: skip
        submit_action_update(update, uow=uow(), now=now, render=RENDER)
        asked = RequestExtension(
            duty=Duty.ACTION_COMPLETION, subject=reference, period="once", requested_by=owner,
            proposed_due_on=date(2027, 3, 31), requested_on=STEPS_ON,
            reason=f"Waiting on licensing for: {text_of(reference)}", evidence="Committee calendar 2026/27",
        )  # fmt: skip
        number = request_extension(asked, uow=uow(), now=now, render=RENDER)
        for decider, approve in ((CHAIR, True), (SCRUTINEER, False)):
            decision = DecideExtension(
                request_id=number, decided_by=decider, approve=approve, decided_on=STEPS_ON,
                note=f"Not yet shown that {text_of(reference)} is delayed",
            )  # fmt: skip
            decide_extension(decision, uow=uow(), now=now, render=RENDER)

    submitted = SubmitSubGroupReport(
        sub_group="modern-day-slavery-operational-group", submitted_by=OUTSIDER, submitted_on=STEPS_ON
    )
    met = submit_sub_group_report(submitted, uow=uow(), now=now)
    follow_up(engine, lambda u, p: tell_returns_submitted(
        u, met, p, by=p.person(OUTSIDER), on=STEPS_ON, renderer=RENDER, at=now))  # fmt: skip
    for deadline in met:
        returned = DecideSubmission(
            duty=deadline.duty, subject=deadline.subject, period=deadline.period, decided_by=MANAGER,
            accept=False, note="Add the referral figures", decided_on=STEPS_ON,
        )  # fmt: skip
        state = decide_submission(returned, uow=uow(), now=now)
        follow_up(engine, lambda u, p, d=deadline, s=state: tell_submission_decided(
            u, d, s, p, by=p.person(MANAGER), on=STEPS_ON, note="Add the referral figures",
            renderer=RENDER, at=now))  # fmt: skip

    report_steps(engine, now)


def report_of(uow):
    return uow.reports.find(REPORT)


def report_steps(engine, now: datetime) -> None:
    """Completed, sent for review, returned by the adults board's chair, sent again unchanged, approved."""
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    sent = lambda u, p: tell_report_sent_for_review(  # noqa: E731
        u, report_of(u), p, by=p.person(MANAGER), renderer=RENDER, at=now
    )
    involvement = "Three community events and an easy-read survey shaped the plan."
    edit_report_section(
        REPORT, section="community_involvement", text=involvement, edited_by=MANAGER,
        based_on=approver_reads(engine), uow=uow(), now=now,
    )  # fmt: skip
    send_for_review(REPORT, by=MANAGER, uow=uow(), now=now)
    follow_up(engine, sent)
    return_report(REPORT, by=ADULTS_CHAIR, note=RETURNED_BECAUSE, uow=uow(), now=now)
    follow_up(engine, lambda u, p: tell_report_returned(
        u, report_of(u), p, by=p.person(ADULTS_CHAIR), note=RETURNED_BECAUSE, renderer=RENDER, at=now))  # fmt: skip
    send_for_review(REPORT, by=MANAGER, uow=uow(), now=now + timedelta(days=1))
    follow_up(engine, sent)
    version = approver_reads(engine)
    approve_report(REPORT, approved_by=ADULTS_CHAIR, version=version, uow=uow(), now=now)
    follow_up(engine, lambda u, p: tell_report_approved(
        u, report_of(u), p, by=p.person(ADULTS_CHAIR), renderer=RENDER, at=now))  # fmt: skip


def approver_reads(engine) -> str:
    uow = SqlUnitOfWork(engine)
    with uow:
        return report_of(uow).version


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    from registry.migrate import upgrade
    from registry.partnership_file.loader import load_partnership_file
    from registry.replay import scratch_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('exempt-year') / 'registry.db'}"
    upgrade(url)
    engine = scratch_engine(url)  # as a replay does: this test alone writes it, so snapshots are kept
    load_partnership_file(engine)
    policy = ActionPlanPolicy()
    for day in YEAR:
        now = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        run_action_plan_update(day, uow=SqlUnitOfWork(engine), render=RENDER, now=now, policy=policy)
        run_calendar(day, uow=SqlUnitOfWork(engine), render=RENDER, now=now)
        run_reminders(day, uow=SqlUnitOfWork(engine), render=RENDER, now=now)
        if day == STEPS_ON:
            every_workflow_step(engine, now.replace(hour=11))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def messages(year):
    """Every message queued in the year, with its recipient as the rules see them."""
    uow = SqlUnitOfWork(year)
    with uow:
        people = {p.key: p for p in uow.partnership.snapshot().people}
    with Session(year) as session:
        rows = session.exec(
            select(m.Notification, m.Person.key).join(m.Person, m.Notification.recipient_id == m.Person.id)
        ).all()
    return [(people[key], row) for row, key in rows]


def entitled(person) -> bool:
    return may_see_exempt(person, PLAN.board, PLAN.lead_sub_group)


def test_no_exempt_text_reaches_anyone_outside_the_plans_bodies(messages):
    leaks = [
        (person.name, row.key, text)
        for person, row in messages
        if not entitled(person)
        for text in EXEMPT_TEXTS
        if text in row.subject or text in row.body
    ]
    assert leaks == []


def test_the_owner_outside_the_plans_bodies_is_told_an_exempt_item_needs_their_update(messages):
    outsiders = [row for person, row in messages if person.key == OUTSIDER]
    assert not entitled(next(p for p, _ in messages if p.key == OUTSIDER))
    assert any(EXEMPT_ITEM_NEEDS_YOUR_UPDATE.capitalize() in row.body for row in outsiders)
    decided = [row for row in outsiders if row.key.startswith("extension-decided/")]
    assert [row.subject for row in decided] == [
        "Extension approved by Helen Achebe, awaiting independent scrutineer: an exempt item",
        "Extension refused: an exempt item",
    ]


def test_those_entitled_are_given_the_texts(messages):
    texts = [row.body for person, row in messages if person.key == ENTITLED_OWNER]
    assert any(text_of(ENTITLED_ACTION) in body for body in texts)
    chairs = [
        row.body for person, row in messages if person.key == CHAIR and "extension-requested" in row.key
    ]
    assert any(f"Waiting on licensing for: {text_of(OUTSIDERS_ACTION)}" in body for body in chairs)


def test_every_workflow_step_told_someone(messages):
    kinds = {row.key.split("/")[0] for _, row in messages}
    assert {
        "action-plan-update",
        "reminders",
        "action-update-submitted",
        "extension-requested",
        "extension-decided",
        "return-submitted",
        "submission-returned",
        "report-in-review",
        "report-returned",
        "report-approved",
    } <= kinds


def test_every_message_links_to_the_workspace_names_its_contact_and_asks_for_no_reply(messages):
    for _, row in messages:
        assert "http://127.0.0.1:8501/" in row.body and "?partnership=bradford" in row.body, row.key
        assert row.reply_to == "joanne.pickering@bradford-council.example", row.key
        assert "Your contact: Joanne Pickering, Business manager" in row.body, row.key
        assert "reply to this message" not in row.body.lower()
