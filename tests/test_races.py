"""Two or more people acting at the same moment, on SQLite and PostgreSQL, in real threads.

Each race the platform was tried with ends in exactly one outcome: the rule holds, the losers get a
refusal in the users' words (or succeed after the winner, where both may act), nothing is left
half-decided, and nobody sees a traceback.
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, delete, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.audit.use_cases import verify_audit_trail
from governance.deadlines.model import DeadlineState, Duty
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.lifecycles import ExtensionState, ReportState
from governance.reports.use_cases import approve_report, check_report
from governance.rules import RuleBroken
from registry import tables as m
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
CHAIR, SCRUTINEER, OWNER, MANAGER = "helen-achebe", "graham-whitfield", "paul-hartley", "joanne-pickering"
ACTION = "CSE-2021/R07.2"  # Paul Hartley's
LEAD_PARTNERS = ("alison-fairbairn", "susan-marsh", "david-okafor")
YEARLY = "tbp-yearly-report-2025-26"


@pytest.fixture
def recorded(engine):
    """The Bradford demo, on SQLite and PostgreSQL, after today's cycles recorded its deadlines."""
    load_partnership_file(engine)
    run_action_plan_update(
        TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    run_calendar(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)
    return engine


def at_once(*moves: Callable[[], Any]) -> list[tuple[str, Any]]:
    """Start every move at the same instant, each in its own thread and transaction. A refusal is an
    outcome; any other exception (a traceback) fails the test."""
    start = threading.Barrier(len(moves))

    def run(move: Callable[[], Any]) -> tuple[str, Any]:
        start.wait()
        try:
            return "done", move()
        except RuleBroken as refusal:
            return "refused", refusal

    with ThreadPoolExecutor(len(moves)) as pool:
        return list(pool.map(run, moves))


def ask(engine, action: str = ACTION, *, by: str = OWNER) -> Callable[[], int]:
    command = RequestExtension(
        duty=Duty.ACTION_COMPLETION, subject=action, period="once", requested_by=by,
        proposed_due_on=date(2027, 3, 31), requested_on=TODAY,
        reason="The licensing committee meets in January, after the due date.",
        evidence="Committee calendar 2026/27: the licensing committee's next meeting is 14 January 2027.",
    )  # fmt: skip
    return lambda: request_extension(command, uow=SqlUnitOfWork(engine), now=NOW)


def decide(engine, request: int, by: str) -> Callable[[], Any]:
    command = DecideExtension(request_id=request, decided_by=by, approve=True, decided_on=TODAY)
    return lambda: decide_extension(command, uow=SqlUnitOfWork(engine), now=NOW)


def test_ten_requests_at_once_to_extend_one_deadline_record_exactly_one(recorded):
    outcomes = at_once(*[ask(recorded) for _ in range(10)])
    assert [kind for kind, _ in outcomes].count("done") == 1
    assert all(
        "already awaiting a decision" in str(refusal).lower() or "awaiting" in str(refusal).lower()
        for kind, refusal in outcomes
        if kind == "refused"
    )
    with Session(recorded) as session:
        assert len(session.exec(select(m.ExtensionRequest)).all()) == 1


def test_the_chair_and_the_scrutineer_approving_at_the_same_moment_both_count_and_the_date_moves_once(
    recorded,
):
    with Session(recorded) as session:  # every thematic-review action whose completion date is recorded
        actions = session.exec(
            select(m.Deadline.subject).where(
                m.Deadline.duty == Duty.ACTION_COMPLETION,
                col(m.Deadline.state).in_([DeadlineState.SCHEDULED, DeadlineState.OPEN]),
            )
        ).all()
    assert len(actions) >= 5
    requests = [ask(recorded, action, by=MANAGER)() for action in actions]
    for request in requests:
        outcomes = at_once(decide(recorded, request, CHAIR), decide(recorded, request, SCRUTINEER))
        assert [kind for kind, _ in outcomes] == ["done", "done"]
    with Session(recorded) as session:
        for request in requests:
            row = session.get(m.ExtensionRequest, request)
            decisions = session.exec(
                select(m.ExtensionDecisionMade).where(m.ExtensionDecisionMade.request_id == request)
            ).all()
            deadline = session.get(m.Deadline, row.deadline_id)
            assert row.state is ExtensionState.APPROVED and len(decisions) == 2
            assert deadline.due_on == date(2027, 3, 31) and deadline.extensions == 1


def test_one_person_deciding_twice_at_once_is_one_decision_and_a_refusal(recorded):
    request = ask(recorded)()
    outcomes = at_once(decide(recorded, request, CHAIR), decide(recorded, request, CHAIR))
    assert sorted(kind for kind, _ in outcomes) == ["done", "refused"]
    refusal = next(r for kind, r in outcomes if kind == "refused")
    assert "already decided" in str(refusal)
    # the request still waits for the scrutineer, who can decide it
    decide(recorded, request, SCRUTINEER)()
    with Session(recorded) as session:
        assert session.get(m.ExtensionRequest, request).state is ExtensionState.APPROVED


def test_three_lead_partners_approving_the_yearly_report_at_once_approve_it(recorded):
    with Session(recorded) as session:  # the published report sent back for review, as if reopened
        report = session.exec(select(m.Report).where(m.Report.key == YEARLY)).one()
        session.exec(delete(m.ReportApproval).where(m.ReportApproval.report_id == report.id))
        report.state, report.published_on = ReportState.IN_REVIEW, None
        session.add(report)
        session.commit()
    status = check_report(YEARLY, uow=SqlUnitOfWork(recorded))
    assert [f for f in status.findings if f.blocking] == [] and len(status.outstanding_approvals) == 3

    def approve(person: str) -> Callable[[], Any]:
        return lambda: approve_report(
            YEARLY, approved_by=person, version=status.version, uow=SqlUnitOfWork(recorded), now=NOW
        )

    outcomes = at_once(*[approve(p) for p in LEAD_PARTNERS])
    assert [kind for kind, _ in outcomes] == ["done"] * 3
    final = check_report(YEARLY, uow=SqlUnitOfWork(recorded))
    assert final.state is ReportState.APPROVED and final.outstanding_approvals == []


def test_the_same_lead_partner_approving_twice_at_once_is_one_approval_and_a_refusal(recorded):
    with Session(recorded) as session:
        report = session.exec(select(m.Report).where(m.Report.key == YEARLY)).one()
        session.exec(delete(m.ReportApproval).where(m.ReportApproval.report_id == report.id))
        report.state, report.published_on = ReportState.IN_REVIEW, None
        session.add(report)
        session.commit()
    version = check_report(YEARLY, uow=SqlUnitOfWork(recorded)).version
    move = lambda: approve_report(  # noqa: E731
        YEARLY, approved_by=LEAD_PARTNERS[0], version=version, uow=SqlUnitOfWork(recorded), now=NOW
    )
    outcomes = at_once(move, move)
    assert sorted(kind for kind, _ in outcomes) == ["done", "refused"]
    assert len(check_report(YEARLY, uow=SqlUnitOfWork(recorded)).outstanding_approvals) == 2


def test_the_audit_trail_stays_one_unbroken_chain_when_many_act_at_once(recorded):
    def note(n: int) -> Callable[[], None]:
        def record() -> None:
            with SqlUnitOfWork(recorded) as uow:
                uow.audit.record(at=NOW, actor=f"person-{n}", event="probe", subject="race", details={"n": n})
                uow.commit()

        return record

    outcomes = at_once(*[note(n) for n in range(12)], ask(recorded))
    assert [kind for kind, _ in outcomes] == ["done"] * 13
    check = verify_audit_trail(uow=SqlUnitOfWork(recorded))
    assert check.intact, check.problem
    with Session(recorded) as session:
        sequences = sorted(session.exec(select(m.AuditEvent.sequence)))
    assert sequences == list(range(1, len(sequences) + 1))


def test_two_loads_of_one_changed_file_at_once_end_the_role_once(recorded, tmp_path):
    import yaml

    from registry.partnership_file.loader import BRADFORD_DEMO

    data = yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))
    next(p for p in data["people"] if p["key"] == CHAIR)["roles"] = []
    changed = tmp_path / "chair-left.yaml"
    changed.write_text(yaml.safe_dump(data), encoding="utf-8")
    outcomes = at_once(*[lambda: load_partnership_file(recorded, changed) for _ in range(3)])
    assert [kind for kind, _ in outcomes] == ["done"] * 3
    assert sorted(summary["ended"] for _, summary in outcomes) == [0, 0, 1]
    with Session(recorded) as session:
        chair_roles = session.exec(
            select(m.Membership)
            .join(m.Person, col(m.Membership.person_id) == m.Person.id)
            .where(m.Person.key == CHAIR)
        ).all()
        loads = session.exec(
            select(m.AuditEvent).where(m.AuditEvent.event == "partnership file loaded")
        ).all()
    assert len(chair_roles) == 1 and chair_roles[0].ended_on is not None
    assert sum("role ended" in str(e.details) for e in loads) == 1


def test_the_first_load_of_a_partnership_twice_at_once_loads_it_once(engine):
    outcomes = at_once(*[lambda: load_partnership_file(engine) for _ in range(3)])
    assert "done" in [kind for kind, _ in outcomes]
    assert all("same moment" in str(r) for kind, r in outcomes if kind == "refused")
    with Session(engine) as session:
        assert len(session.exec(select(m.Partnership)).all()) == 1
        assert len(session.exec(select(m.Person)).all()) == len(
            session.exec(select(m.Person.key).distinct()).all()
        )
    assert load_partnership_file(engine).summary().startswith("0 created, 0 updated, 0 ended")
