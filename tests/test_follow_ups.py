"""Every workflow step tells the people it concerns (governance/notifications/follow_ups.py), in memory:
a request or submission goes to those who decide it, a decision to the person who asked, a report sent
for review to its approvers, an approval or return to the business unit. Each message links to the page
where its recipient acts, names the business manager and replies to her; each is queued once."""

from datetime import UTC, date, datetime

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.model import DeadlineOnRecord, DeadlineState, Duty
from governance.extensions.model import ExtensionDecision, ExtensionRequestOnRecord
from governance.lifecycles import ExtensionState, ReportState
from governance.notifications.follow_ups import (
    tell_action_update_submitted,
    tell_extension_decided,
    tell_extension_requested,
    tell_report_approved,
    tell_report_returned,
    tell_report_sent_for_review,
    tell_returns_submitted,
    tell_submission_decided,
    telling,
)
from governance.notifications.links import Item, Page, link
from governance.partnership.model import PlanOnRecord, SubGroupOnRecord
from governance.reports.model import Approval, ReportOnRecord
from governance.vocabulary import ReportKind, Role
from tests.builders import holding, make_action, make_board, make_partnership
from tests.fakes import FakeUnitOfWork

AT = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
BASE = "https://governance.example.org"
RENDER = TemplateRenderer(BASE)
MANAGER = holding("manager", (Role.BUSINESS_MANAGER, None), name="Joanne Pickering")
CHAIR = holding("chair", (Role.INDEPENDENT_CHAIR, "tbp"), name="Helen Achebe")
SCRUTINEER = holding("scrutineer", (Role.INDEPENDENT_SCRUTINEER, "tbp"), name="Graham Whitfield")
ADULTS_CHAIR = holding("adults-chair", (Role.INDEPENDENT_CHAIR, "bsab"), name="Rukhsana Malik")
LEAD = holding("lead", (Role.SUB_GROUP_LEAD, "aae"), name="Grace Mensah")
GROUP_CHAIR = holding("group-chair", (Role.SUB_GROUP_CHAIR, "aae"), name="Mark Ellison")
OWNER = holding("owner", (Role.AGENCY_REPRESENTATIVE, "tbp"), name="Paul Hartley")
OUTSIDER = holding("outsider", (Role.AGENCY_REPRESENTATIVE, "bsab"), name="Ewa Nowak")
SECRET = "Map the hotels of concern with licensing"
ACTION = make_action(
    "CSE/R01.1", text=SECRET, plan_exempt_paragraph=7, lead_sub_group_key="aae", owner_key="owner"
)
P = make_partnership(
    key="bradford",
    boards=(make_board("tbp"), make_board("bsab", "safeguarding adults board")),
    sub_groups=(SubGroupOnRecord(key="aae", name="All-Age Exploitation", reports_to=("tbp", "bsab")),),
    people=(MANAGER, CHAIR, SCRUTINEER, ADULTS_CHAIR, LEAD, GROUP_CHAIR, OWNER, OUTSIDER),
    plans=(
        PlanOnRecord(
            key="cse-thematic-review-2021",
            title="CSE Thematic Review action plan",
            board_key="tbp",
            lead_sub_group_key="aae",
            exempt_paragraph=7,
        ),
    ),
    actions=(ACTION, ACTION.model_copy(update={"reference": "CSE/R02.1", "owner_key": "outsider"})),
)


def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork(partnership=P)


def sent(unit: FakeUnitOfWork) -> dict[str, object]:
    return {m.recipient_key: m for m in unit.outbox.messages}


def completion(reference: str = "CSE/R01.1", owner: str = "owner", number: int = 7) -> DeadlineOnRecord:
    return DeadlineOnRecord(
        id=number,
        duty=Duty.ACTION_COMPLETION,
        subject=reference,
        period="once",
        due_on=date(2026, 12, 4),
        original_due_on=date(2026, 12, 4),
        owner_key=owner,
        board_key="tbp",
        sub_group_key="aae",
        title=f"{reference}: complete the action",
    )


def request(by: str = "owner", *decisions: ExtensionDecision, state=ExtensionState.REQUESTED):
    return ExtensionRequestOnRecord(
        id=3,
        deadline_id=7,
        deadline_key=("action completion", "CSE/R01.1", "once"),
        requested_by=by,
        requested_on=TODAY,
        reason="The licensing committee meets in January.",
        evidence=f"Committee calendar; {SECRET}",
        current_due_on=date(2026, 12, 4),
        proposed_due_on=date(2027, 1, 29),
        required=(Role.INDEPENDENT_CHAIR, Role.INDEPENDENT_SCRUTINEER),
        state=state,
        decisions=decisions,
    )


def sub_group_report(number: int = 11) -> DeadlineOnRecord:
    return DeadlineOnRecord(
        id=number,
        duty=Duty.SUB_GROUP_REPORT,
        subject="aae/tbp",
        period="2027-01-20",
        due_on=date(2027, 1, 6),
        original_due_on=date(2027, 1, 6),
        owner_key="lead",
        board_key="tbp",
        sub_group_key="aae",
        title="All-Age Exploitation report for the TBP meeting of 20 January 2027",
        state=DeadlineState.SUBMITTED,
    )


def report(state=ReportState.IN_REVIEW, approvals=()) -> ReportOnRecord:
    return ReportOnRecord(
        key="bsab-annual-report-2025-26",
        kind=ReportKind.SAB_ANNUAL_REPORT,
        board_key="bsab",
        period="2025/26",
        title="BSAB annual report 2025/26",
        state=state,
        approvals=approvals,
    )


def test_links_follow_one_scheme_of_page_partnership_and_item():
    assert link(BASE + "/", Page.APPROVALS, "bradford", Item.EXTENSION, 3) == (
        "https://governance.example.org/approvals?partnership=bradford&extension=3"
    )
    assert (
        link(BASE, Page.MY_WORK, "bradford") == "https://governance.example.org/my-work?partnership=bradford"
    )


def test_an_update_submitted_goes_to_the_lead_of_the_plans_lead_sub_group_with_a_link_to_it():
    unit = uow()
    tell_action_update_submitted(
        unit, ACTION, P, period="2026-11", progress="Joint visits done", by=OWNER, renderer=RENDER, at=AT
    )
    message = sent(unit)["lead"]
    assert set(sent(unit)) == {"lead"}
    assert "Paul Hartley has submitted the November 2026 update" in message.body
    assert "Joint visits done" in message.body and SECRET in message.body  # the lead sits on the plan's body
    assert f"{BASE}/action-plans?partnership=bradford&action=CSE%2FR01.1" in message.body


def test_an_update_the_lead_submits_goes_to_the_sub_groups_chair():
    unit = uow()
    tell_action_update_submitted(
        unit, ACTION, P, period="2026-11", progress="Done", by=LEAD, renderer=RENDER, at=AT
    )
    assert set(sent(unit)) == {"group-chair"}


def test_an_extension_request_goes_to_each_person_who_must_decide_it_and_not_to_the_one_who_asked():
    unit = uow()
    assert tell_extension_requested(unit, request(), completion(), P, renderer=RENDER, at=AT) == 2
    assert set(sent(unit)) == {"chair", "scrutineer"}
    message = sent(unit)["chair"]
    assert message.subject == "Extension requested, for your decision: CSE/R01.1: complete the action"
    assert "from Friday 4 December 2026 to Friday 29 January 2027" in message.body
    assert "The licensing committee meets in January." in message.body
    assert f"{BASE}/approvals?partnership=bradford&extension=3" in message.body


def test_a_decision_goes_to_the_person_who_asked_saying_what_it_still_awaits():
    chairs = ExtensionDecision(
        person_key="chair", person_name="Helen Achebe", role=Role.INDEPENDENT_CHAIR, approve=True,
        note="Agreed: the committee date is outside the owner's control.", decided_on=TODAY,
    )  # fmt: skip
    unit = uow()
    tell_extension_decided(unit, request("owner", chairs), completion(), P, by=CHAIR, renderer=RENDER, at=AT)
    message = sent(unit)["owner"]
    assert message.subject.startswith("Extension approved by Helen Achebe, awaiting independent scrutineer")
    assert "the committee date is outside the owner's control" in message.body
    assert f"{BASE}/my-work?partnership=bradford&extension=3" in message.body


def test_a_refusal_told_to_an_owner_on_none_of_the_exempt_plans_bodies_says_only_an_exempt_item():
    refusal = ExtensionDecision(
        person_key="chair", person_name="Helen Achebe", role=Role.INDEPENDENT_CHAIR, approve=False,
        note=f"No: {SECRET} can start now.", decided_on=TODAY,
    )  # fmt: skip
    unit = uow()
    asked = request("outsider", refusal, state=ExtensionState.REFUSED)
    deadline = completion("CSE/R02.1", "outsider")
    tell_extension_decided(unit, asked, deadline, P, by=CHAIR, renderer=RENDER, at=AT)
    message = sent(unit)["outsider"]
    assert message.subject == "Extension refused: an exempt item"
    assert SECRET not in message.body and "CSE" not in message.subject + message.body
    assert f"{BASE}/submit?partnership=bradford&deadline=7" in message.body


def test_a_return_submitted_goes_to_the_business_unit_to_accept_or_return():
    unit = uow()
    tell_returns_submitted(unit, [sub_group_report()], P, by=LEAD, on=TODAY, renderer=RENDER, at=AT)
    message = sent(unit)["manager"]
    assert message.subject == (
        "Submitted, for acceptance: All-Age Exploitation report for the TBP meeting of 20 January 2027"
    )
    assert f"{BASE}/approvals?partnership=bradford&deadline=11" in message.body


def test_a_submission_returned_goes_to_its_owner_with_what_must_change():
    unit = uow()
    deadline = sub_group_report()
    tell_submission_decided(
        unit, deadline, DeadlineState.RETURNED, P, by=MANAGER, on=TODAY, note="Add the Q3 figures",
        renderer=RENDER, at=AT,
    )  # fmt: skip
    message = sent(unit)["lead"]
    assert message.subject.startswith("Returned, to put right:") and "Add the Q3 figures" in message.body
    assert f"{BASE}/submit?partnership=bradford&deadline=11" in message.body


def test_a_report_sent_for_review_goes_to_the_approver_it_awaits():
    unit = uow()
    tell_report_sent_for_review(unit, report(), P, by=MANAGER, renderer=RENDER, at=AT)
    message = sent(unit)["adults-chair"]
    assert set(sent(unit)) == {"adults-chair"}
    assert message.subject == "For your approval: BSAB annual report 2025/26"
    assert f"{BASE}/approvals?partnership=bradford&report=bsab-annual-report-2025-26" in message.body


def test_an_approval_goes_to_the_business_unit_saying_it_may_be_published():
    given = report(ReportState.APPROVED)
    approval = Approval(
        person_key="adults-chair", person_name="Rukhsana Malik", role=Role.INDEPENDENT_CHAIR,
        version=given.version, at=AT,
    )  # fmt: skip
    approved = given.model_copy(update={"approvals": (approval,)})
    unit = uow()
    tell_report_approved(unit, approved, P, by=ADULTS_CHAIR, renderer=RENDER, at=AT)
    message = sent(unit)["manager"]
    assert message.subject == "Approved by Rukhsana Malik: BSAB annual report 2025/26"
    assert "it may be published" in message.body
    assert f"{BASE}/reports?partnership=bradford&report=bsab-annual-report-2025-26" in message.body


def test_a_report_returned_goes_to_the_business_unit_with_the_note_and_not_to_whoever_returned_it():
    unit = uow()
    tell_report_returned(
        unit, report(ReportState.DRAFT), P, by=ADULTS_CHAIR, note="Add para (g)", renderer=RENDER, at=AT
    )
    assert "Add para (g)" in sent(unit)["manager"].body
    mine = uow()
    assert tell_report_returned(mine, report(), P, by=MANAGER, note="Typo", renderer=RENDER, at=AT) == 0


def test_every_message_names_the_business_manager_and_replies_to_her_and_asks_for_no_reply():
    unit = uow()
    tell_extension_requested(unit, request(), completion(), P, renderer=RENDER, at=AT)
    tell_report_sent_for_review(unit, report(), P, by=MANAGER, renderer=RENDER, at=AT)
    tell_returns_submitted(unit, [sub_group_report()], P, by=LEAD, on=TODAY, renderer=RENDER, at=AT)
    for message in unit.outbox.messages:
        assert "Your contact: Joanne Pickering, Business manager" in message.body
        assert message.reply_to == "manager@agency.example"
        assert "reply to this message" not in message.body.lower()


def test_a_step_told_twice_is_queued_once():
    unit = uow()
    assert tell_extension_requested(unit, request(), completion(), P, renderer=RENDER, at=AT) == 2
    assert tell_extension_requested(unit, request(), completion(), P, renderer=RENDER, at=AT) == 0
    assert len(unit.outbox.messages) == 2


def test_a_reports_move_tells_its_people_in_the_same_transaction_through_telling():
    unit = uow()
    after = telling(tell_report_returned, renderer=RENDER, at=AT, note="Add para (g)")
    assert after(unit, report(ReportState.DRAFT), ADULTS_CHAIR, P) == report(ReportState.DRAFT)
    assert "Add para (g)" in sent(unit)["manager"].body
