"""Extensions on the Bradford demo, through the use cases, in a real SQLite registry: only on
evidence of justifiable delay, decided by the roles the deadline names, bound to the date they move."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.lifecycles import ExtensionState
from governance.rules import (
    A_PERSON_DECIDES_A_REQUEST_ONCE,
    A_REFUSAL_GIVES_ITS_REASON,
    EACH_ROLE_DECIDES_ONCE,
    EXTENSION_MOVES_THE_DATE_LATER,
    EXTENSION_NEEDS_EVIDENCE_OF_JUSTIFIABLE_DELAY,
    NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST,
    ONE_OPEN_EXTENSION_REQUEST_PER_DEADLINE,
    ONLY_NAMED_DECIDERS_DECIDE_EXTENSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS,
    STATUTORY_TIMESCALES_ARE_NOT_EXTENDED,
    THEMATIC_REVIEW_EXTENSIONS_NEED_CHAIR_AND_SCRUTINEER,
    RuleBroken,
)
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
ACTION = "CSE-2021/R07.2"  # Paul Hartley's; due 4 December 2026
CHAIR, SCRUTINEER, OWNER, MANAGER = "helen-achebe", "graham-whitfield", "paul-hartley", "joanne-pickering"


@pytest.fixture
def recorded(bradford):
    """The demo after today's action-plan update and calendar runs recorded their deadlines."""
    run_action_plan_update(
        TODAY, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    run_calendar(TODAY, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    run_reminders(TODAY, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    return bradford


def ask(
    engine,
    *,
    subject: str = ACTION,
    duty: Duty = Duty.ACTION_COMPLETION,
    period: str = "once",
    by: str = OWNER,
    to: date = date(2027, 1, 29),
    **overrides,
) -> int:
    values = dict(
        duty=duty, subject=subject, period=period, requested_by=by, proposed_due_on=to, requested_on=TODAY,
        reason="The licensing committee meets in January, after the due date.",
        evidence="Committee calendar 2026/27: the licensing committee's next meeting is 14 January 2027.",
    )  # fmt: skip
    values.update(overrides)
    return request_extension(
        RequestExtension(**values), uow=SqlUnitOfWork(engine), now=NOW, render=TemplateRenderer()
    )


def decide(engine, request: int, by: str, approve: bool = True, note: str = ""):
    return decide_extension(
        DecideExtension(request_id=request, decided_by=by, approve=approve, note=note, decided_on=TODAY),
        uow=SqlUnitOfWork(engine),
        now=NOW,
        render=TemplateRenderer(),
    )


def told(engine, key_prefix: str) -> list[m.Notification]:
    """The messages queued under keys starting ``key_prefix``, in the order queued."""
    with Session(engine) as session:
        query = select(m.Notification).where(m.Notification.key.startswith(key_prefix))
        return list(session.exec(query.order_by(m.Notification.id)))


def refused(rule, move) -> None:
    with pytest.raises(RuleBroken) as error:
        move()
    assert error.value.rule is rule, str(error.value)


def completion(engine) -> tuple[m.Deadline, m.Action]:
    with Session(engine) as session:
        deadline = session.exec(
            select(m.Deadline).where(m.Deadline.duty == Duty.ACTION_COMPLETION, m.Deadline.subject == ACTION)
        ).one()
        action = session.exec(select(m.Action).where(m.Action.reference == ACTION)).one()
        return deadline, action


def test_an_extension_without_evidence_is_refused(recorded):
    with pytest.raises(ValidationError, match=EXTENSION_NEEDS_EVIDENCE_OF_JUSTIFIABLE_DELAY.message):
        ask(recorded, evidence="  ")


def test_an_extension_without_a_reason_is_refused(recorded):
    with pytest.raises(ValidationError, match="must say why"):
        ask(recorded, reason="")


def test_an_extension_must_move_the_date_later(recorded):
    refused(EXTENSION_MOVES_THE_DATE_LATER, lambda: ask(recorded, to=date(2026, 12, 1)))


def test_the_thematic_review_plan_needs_both_the_chair_and_the_scrutineer(recorded):
    request = ask(recorded)
    after_chair = decide(recorded, request, CHAIR)
    assert after_chair.state is ExtensionState.REQUESTED and [r.value for r in after_chair.awaiting()] == [
        "independent scrutineer"
    ]
    assert completion(recorded)[0].due_on == date(2026, 12, 4)  # nothing moves on one approval
    assert decide(recorded, request, SCRUTINEER).state is ExtensionState.APPROVED


def test_a_request_tells_the_chair_and_the_scrutineer_with_the_link_to_decide_it(recorded):
    request = ask(recorded)
    messages = {n.recipient_name: n for n in told(recorded, f"extension-requested/{request}/")}
    assert set(messages) == {"Helen Achebe", "Graham Whitfield"}
    assert f"/approvals?partnership=bradford&extension={request}" in messages["Helen Achebe"].body
    assert messages["Helen Achebe"].reply_to == "joanne.pickering@bradford-council.example"


def test_each_decision_tells_the_person_who_asked(recorded):
    request = ask(recorded)
    decide(recorded, request, CHAIR)
    decide(recorded, request, SCRUTINEER, approve=False, note="The evidence does not show the delay.")
    messages = told(recorded, f"extension-decided/{request}/")
    assert [n.address for n in messages] == ["paul.hartley@wyp.example"] * 2
    assert messages[0].subject.startswith(
        "Extension approved by Helen Achebe, awaiting independent scrutineer"
    )
    refusal = messages[1]
    assert refusal.subject.startswith("Extension refused")
    assert "The evidence does not show the delay." in refusal.body  # Paul sits on TBP, the plan's board


def test_an_approved_extension_keeps_the_original_date_and_counts_the_extensions(recorded):
    request = ask(recorded)
    decide(recorded, request, CHAIR)
    decide(recorded, request, SCRUTINEER)
    deadline, action = completion(recorded)
    assert (deadline.due_on, deadline.original_due_on, deadline.extensions) == (
        date(2027, 1, 29),
        date(2026, 12, 4),
        1,
    )
    assert (action.due_on, action.original_due_on, action.extensions) == (
        date(2027, 1, 29),
        date(2026, 12, 4),
        1,
    )


def test_a_refusal_by_either_ends_the_request_and_says_why(recorded):
    request = ask(recorded)
    refused(A_REFUSAL_GIVES_ITS_REASON, lambda: decide(recorded, request, SCRUTINEER, approve=False))
    assert (
        decide(recorded, request, SCRUTINEER, approve=False, note="The January date is not evidenced.").state
        is ExtensionState.REFUSED
    )
    assert completion(recorded)[0].due_on == date(2026, 12, 4)


def test_nobody_else_decides_a_thematic_review_extension_not_even_the_business_manager(recorded):
    request = ask(recorded)
    for somebody in (MANAGER, "rukhsana-malik"):  # the business manager, the BSAB chair
        refused(
            THEMATIC_REVIEW_EXTENSIONS_NEED_CHAIR_AND_SCRUTINEER,
            lambda who=somebody: decide(recorded, request, who),
        )


def test_a_person_decides_a_request_once(recorded):
    request = ask(recorded)
    decide(recorded, request, CHAIR)
    refused(A_PERSON_DECIDES_A_REQUEST_ONCE, lambda: decide(recorded, request, CHAIR))


def test_a_deadline_has_one_request_under_decision_at_a_time(recorded):
    ask(recorded)
    refused(ONE_OPEN_EXTENSION_REQUEST_PER_DEADLINE, lambda: ask(recorded, to=date(2027, 2, 26)))


def test_only_the_owner_the_sub_group_lead_or_the_business_unit_may_ask(recorded):
    refused(ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS, lambda: ask(recorded, by="kwame-boateng"))
    assert ask(recorded, by="grace-mensah")  # lead of All-Age Exploitation, the plan's lead sub-group


def test_one_person_holding_both_roles_cannot_approve_as_chair_and_as_scrutineer(recorded):
    with Session(
        recorded
    ) as session:  # the chair also made scrutineer, as a mistake in the partnership file would
        chair = session.exec(select(m.Person).where(m.Person.key == CHAIR)).one()
        tbp = session.exec(select(m.Board).where(m.Board.key == "tbp")).one()
        session.add(m.Membership(person_id=chair.id, role="independent scrutineer", board_id=tbp.id))
        session.commit()
    request = ask(recorded)
    decide(recorded, request, CHAIR)
    refused(A_PERSON_DECIDES_A_REQUEST_ONCE, lambda: decide(recorded, request, CHAIR))


def test_a_statutory_timescale_is_not_extended_locally(recorded):
    notify = dict(
        duty=Duty.SERIOUS_INCIDENT_NOTIFICATION,
        subject="TBP-SI-2026-02",
        period="once",
        by=MANAGER,
        to=date(2026, 12, 4),
    )
    refused(STATUTORY_TIMESCALES_ARE_NOT_EXTENDED, lambda: ask(recorded, **notify))


def test_other_deadlines_are_extended_by_the_boards_independent_chair_alone(recorded):
    report = dict(
        duty=Duty.SUB_GROUP_REPORT,
        subject="all-age-exploitation/tbp",
        period="2027-01-19",
        by="grace-mensah",
        to=date(2027, 1, 8),
    )
    request = ask(recorded, **report)
    refused(ONLY_NAMED_DECIDERS_DECIDE_EXTENSIONS, lambda: decide(recorded, request, SCRUTINEER))
    assert decide(recorded, request, CHAIR).state is ExtensionState.APPROVED


def test_a_committees_deadline_is_extended_by_its_committee_chair_not_by_the_business_manager_who_asked(
    recorded,
):
    enquiry = dict(
        duty=Duty.COUNCILLOR_ENQUIRY, subject="ENQ-2026-014", period="once", by=MANAGER, to=date(2026, 12, 4)
    )
    request = ask(recorded, **enquiry)
    refused(NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST, lambda: decide(recorded, request, MANAGER))
    assert (
        decide(recorded, request, "bernard-holt").state is ExtensionState.APPROVED
    )  # chair of Keighley Area Committee


def test_an_extension_starts_the_escalation_ladder_again_for_the_new_date(recorded):
    report = dict(
        duty=Duty.SUB_GROUP_REPORT,
        subject="training/tbp",
        period="2026-11-17",
        by="rebecca-thornton",
        to=date(2026, 12, 18),
    )
    request = ask(recorded, **report)
    decide(recorded, request, CHAIR)
    run_calendar(date(2026, 12, 4), uow=SqlUnitOfWork(recorded), now=NOW)
    later = run_reminders(date(2026, 12, 4), uow=SqlUnitOfWork(recorded), render=TemplateRenderer(), now=NOW)
    assert later.steps_taken >= 1
    with Session(recorded) as session:
        rows = session.exec(
            select(m.EscalationStepTaken.step, m.EscalationStepTaken.for_due_on)
            .join(m.Deadline, m.EscalationStepTaken.deadline_id == m.Deadline.id)
            .where(
                m.Deadline.subject == "training/tbp",
                m.Deadline.period == "2026-11-17",
                m.EscalationStepTaken.skipped.is_(False),
            )
        ).all()
    assert ("escalation to chair", date(2026, 11, 3)) in rows and (
        "reminder 14 days before",
        date(2026, 12, 18),
    ) in rows


# --- who decides, as pure rules ---------------------------------------------------------------

from governance.deadlines.model import Deadline  # noqa: E402
from governance.extensions.model import ExtensionDecision, ExtensionRequestOnRecord  # noqa: E402
from governance.permissions import check_may_decide_extension, extension_deciders  # noqa: E402
from governance.vocabulary import Role  # noqa: E402
from tests.builders import holding  # noqa: E402

MANAGER_ROLE = holding("manager", (Role.BUSINESS_MANAGER, None))
FIRST_CHAIR, SECOND_CHAIR = (
    holding("chair-1", (Role.INDEPENDENT_CHAIR, "tbp")),
    holding("chair-2", (Role.INDEPENDENT_CHAIR, "tbp")),
)


def request_by(
    key: str, *required: Role, decisions: tuple[ExtensionDecision, ...] = ()
) -> ExtensionRequestOnRecord:
    return ExtensionRequestOnRecord(
        id=1, deadline_id=1, deadline_key=("sub-group report to board", "aae/tbp", "2027-01-19"), requested_by=key, requested_on=TODAY,
        reason="r", evidence="e", current_due_on=date(2027, 1, 5), proposed_due_on=date(2027, 1, 12), required=required, decisions=decisions,
    )  # fmt: skip


def test_nobody_decides_their_own_extension_request():
    refused(
        NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST,
        lambda: check_may_decide_extension(MANAGER_ROLE, request_by("manager", Role.BUSINESS_MANAGER), "tbp"),
    )
    assert (
        check_may_decide_extension(MANAGER_ROLE, request_by("owner", Role.BUSINESS_MANAGER), "tbp")
        is Role.BUSINESS_MANAGER
    )


def test_a_role_decided_by_one_holder_is_not_decided_again_by_another():
    chaired = (
        ExtensionDecision(
            person_key="chair-1",
            person_name="Chair 1",
            role=Role.INDEPENDENT_CHAIR,
            approve=True,
            decided_on=TODAY,
        ),
    )
    refused(
        EACH_ROLE_DECIDES_ONCE,
        lambda: check_may_decide_extension(
            SECOND_CHAIR, request_by("owner", Role.INDEPENDENT_CHAIR, decisions=chaired), "tbp"
        ),
    )


def test_a_request_is_bound_to_the_due_date_it_asked_to_move():
    request = request_by("owner", Role.INDEPENDENT_CHAIR)
    assert request.still_moves(date(2027, 1, 5)) and not request.still_moves(date(2027, 1, 8))


def sub_group_report() -> Deadline:
    return Deadline(
        duty=Duty.SUB_GROUP_REPORT,
        subject="aae/tbp",
        period="2027-01-19",
        due_on=date(2027, 1, 5),
        owner_key="owner",
        board_key="tbp",
    )


def test_a_boards_deadline_is_extended_by_its_independent_chair_else_its_committee_chair_else_the_business_manager():
    assert extension_deciders(
        sub_group_report(), plan_approvers=None, board_roles={Role.INDEPENDENT_CHAIR, Role.COMMITTEE_CHAIR}
    ) == (Role.INDEPENDENT_CHAIR,)
    assert extension_deciders(
        sub_group_report(), plan_approvers=None, board_roles={Role.COMMITTEE_CHAIR}
    ) == (Role.COMMITTEE_CHAIR,)
    assert extension_deciders(sub_group_report(), plan_approvers=None, board_roles=set()) == (
        Role.BUSINESS_MANAGER,
    )
