"""The audit trail: every change and decision, who made it in which role, before and after; refusals
of permission recorded as security events; append-only and hash-chained, so that an edited,
deleted, inserted or reordered event is found by ``govern audit verify`` and named."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.audit.model import event_hash
from governance.audit.use_cases import verify_audit_trail
from governance.deadlines.model import Duty
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.permissions import PermissionRefused
from registry import tables as m
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = date(2026, 11, 25)
CHAIR, SCRUTINEER, OWNER = "helen-achebe", "graham-whitfield", "paul-hartley"
ACTION = "CSE-2021/R07.2"


def request(engine, by: str = OWNER) -> int:
    command = RequestExtension(
        duty=Duty.ACTION_COMPLETION, subject=ACTION, period="once", requested_by=by,
        proposed_due_on=date(2027, 1, 29), requested_on=TODAY,
        reason="The licensing committee meets in January, after the due date.",
        evidence="Committee calendar 2026/27: next meeting 14 January 2027.",
    )  # fmt: skip
    return request_extension(command, uow=SqlUnitOfWork(engine), now=NOW)


def decide(engine, number: int, by: str) -> None:
    command = DecideExtension(request_id=number, decided_by=by, approve=True, decided_on=TODAY)
    decide_extension(command, uow=SqlUnitOfWork(engine), now=NOW)


@pytest.fixture
def audited(engine):
    """The demo after today's cycles, an extension asked for and granted by chair and scrutineer."""
    load_partnership_file(engine)
    run_action_plan_update(
        TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    run_calendar(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)
    number = request(engine)
    decide(engine, number, CHAIR)
    decide(engine, number, SCRUTINEER)
    return engine


def events(engine) -> list[m.AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(m.AuditEvent).order_by(m.AuditEvent.sequence)))


def verify(engine):
    return verify_audit_trail(uow=SqlUnitOfWork(engine))


def tamper(engine, *statements: str) -> None:
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(sa.text(statement))


def test_each_decision_is_recorded_with_who_in_which_role_and_the_values_before_and_after(audited):
    decisions = [e for e in events(audited) if e.event == "extension decided"]
    assert [(e.actor, e.role) for e in decisions] == [
        (CHAIR, "independent chair"),
        (SCRUTINEER, "independent scrutineer"),
    ]
    last = decisions[-1].details
    assert (last["before"], last["after"]) == ("requested", "approved")
    assert last["due_on after"] == "2027-01-29"


def test_an_untouched_trail_is_intact_and_says_its_head(audited):
    check = verify(audited)
    chain = events(audited)
    assert check.intact and check.events == len(chain) >= 4
    assert (check.head_sequence, check.head_hash) == (chain[-1].sequence, chain[-1].hash)
    assert [e.sequence for e in chain] == list(range(1, len(chain) + 1))


def test_an_edited_event_is_found_and_named(audited):
    tamper(audited, """UPDATE auditevent SET actor = 'someone-else' WHERE sequence = 3""")
    check = verify(audited)
    assert not check.intact and check.first_bad_sequence == 3 and "edited" in check.problem


def test_a_deleted_event_is_found_and_named(audited):
    tamper(audited, "DELETE FROM auditevent WHERE sequence = 2")
    check = verify(audited)
    assert not check.intact and check.first_bad_sequence == 2 and "missing" in check.problem


def test_reordered_events_are_found(audited):
    tamper(
        audited,
        "UPDATE auditevent SET sequence = -2 WHERE sequence = 2",
        "UPDATE auditevent SET sequence = 2 WHERE sequence = 3",
        "UPDATE auditevent SET sequence = 3 WHERE sequence = -2",
    )
    check = verify(audited)
    assert not check.intact and check.first_bad_sequence == 2


def test_an_inserted_event_is_found_even_with_a_well_formed_hash_of_its_own(audited):
    chain = events(audited)
    forged_at = datetime(2026, 11, 25, 11, tzinfo=UTC)
    forged = event_hash(
        chain[1].hash, sequence=3, at=forged_at, actor="x", role="", event="forged", subject="s", details={}
    )
    tamper(audited, "UPDATE auditevent SET sequence = sequence + 1000 WHERE sequence >= 3")
    tamper(audited, "UPDATE auditevent SET sequence = sequence - 999 WHERE sequence >= 1003")
    with Session(audited) as session:
        session.add(
            m.AuditEvent(
                partnership_id=chain[0].partnership_id,
                sequence=3,
                at=forged_at,
                actor="x",
                role="",
                event="forged",
                subject="s",
                details={},
                previous_hash=chain[1].hash,
                hash=forged,
            )  # fmt: skip
        )
        session.commit()
    check = verify(audited)
    assert not check.intact and check.first_bad_sequence == 4


def test_the_newest_events_removed_are_found_by_the_head_the_partnership_keeps(audited):
    last = events(audited)[-1].sequence
    tamper(audited, f"DELETE FROM auditevent WHERE sequence = {last}")
    check = verify(audited)
    assert not check.intact and "head" in check.problem


def test_a_refusal_of_permission_is_recorded_as_a_security_event(audited):
    with pytest.raises(PermissionRefused):
        request(audited, by=SCRUTINEER)  # neither the action's owner, nor its lead, nor the business unit
    refused = [e for e in events(audited) if e.event == "permission refused"]
    assert len(refused) == 1 and (refused[0].actor, refused[0].subject) == (
        SCRUTINEER,
        f"action completion {ACTION} once",
    )
    assert refused[0].details["security event"] is True and "request" in refused[0].details["refusal"].lower()
    assert verify(audited).intact


def test_two_partnerships_keep_chains_of_their_own(engine):
    from pathlib import Path

    load_partnership_file(engine)
    load_partnership_file(engine, Path(__file__).parent / "partnerships" / "calderdale.yaml")
    for key in ("bradford", "calderdale"):
        run_calendar(TODAY, uow=SqlUnitOfWork(engine, partnership=key), render=TemplateRenderer(), now=NOW)
        assert verify_audit_trail(uow=SqlUnitOfWork(engine, partnership=key)).intact
