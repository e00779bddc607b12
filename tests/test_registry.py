"""The registry on a real SQLite file and a real PostgreSQL server: migrations and round trips."""

from datetime import UTC, date, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from flows.rendering import TemplateRenderer
from governance.action_plan import ActionPlanPolicy
from governance.action_plan_cycle import run_action_plan_update
from governance.action_updates import SubmitActionUpdate, submit_action_update
from governance.deadlines import DeadlineState
from registry import models as m
from registry.db import make_engine
from registry.loader import load_partnership
from registry.migrate import current_revision, downgrade, head_revision, upgrade
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def run_cycle(engine, as_of: date):
    return run_action_plan_update(as_of, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy())


def test_migrations_go_up_down_and_up_again(registry_url):
    upgrade(registry_url)
    assert current_revision(registry_url) == head_revision()
    downgrade(registry_url, "base")
    assert current_revision(registry_url) is None
    upgrade(registry_url)
    assert current_revision(registry_url) == head_revision()


def test_the_migrations_build_exactly_the_tables_the_models_declare(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata)
    assert differences == []


def test_a_partnership_round_trips_with_its_tri_board_sub_group(engine):
    load_partnership(engine, small_partnership())
    with Session(engine) as session:
        boards = session.exec(
            select(m.Board.key).join(m.ReportingLine, m.ReportingLine.board_id == m.Board.id).order_by(m.Board.key)
        ).all()
        assert boards == ["bsab", "tbp"]
        assert session.exec(select(m.Board.kind).where(m.Board.key == "bsab")).one() == "safeguarding adults board"


def test_the_cycle_records_deadlines_and_messages_once(engine):
    load_partnership(engine, small_partnership())
    first = run_cycle(engine, date(2026, 1, 5))
    second = run_cycle(engine, date(2026, 1, 5))
    assert (first.deadlines_recorded, first.messages_queued) == (4, 2)
    assert (second.deadlines_recorded, second.messages_queued) == (0, 0)
    with Session(engine) as session:
        assert len(session.exec(select(m.Deadline)).all()) == 4
        assert len(session.exec(select(m.Notification)).all()) == 2


def test_an_update_submitted_through_the_registry_marks_the_deadline_submitted(engine):
    load_partnership(engine, small_partnership())
    run_cycle(engine, date(2026, 1, 5))
    command = SubmitActionUpdate(reference="P/R01.1", submitted_by="amira", progress="Done", submitted_on=date(2026, 1, 9))
    submit_action_update(command, uow=SqlUnitOfWork(engine), now=NOW)
    with Session(engine) as session:
        deadline = session.exec(select(m.Deadline).where(m.Deadline.subject == "P/R01.1", m.Deadline.period == "2026-01")).one()
        assert (deadline.state, deadline.submitted_on) == (DeadlineState.SUBMITTED, date(2026, 1, 9))


def test_instants_come_back_in_utc_whatever_zone_they_were_written_in(engine):
    load_partnership(engine, small_partnership())
    written = datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    with Session(engine) as session:
        session.add(m.AuditEvent(at=written, actor="test", event="probe", subject="clock", details={"n": 1}))
        session.commit()
    with Session(engine) as session:
        read = session.exec(select(m.AuditEvent.at).where(m.AuditEvent.event == "probe")).one()
    assert read == written and read.tzinfo == UTC


def test_a_claimed_message_cannot_be_claimed_by_a_second_sender(engine):
    load_partnership(engine, small_partnership())
    run_cycle(engine, date(2026, 1, 5))
    stale_before = NOW - timedelta(minutes=15)
    with SqlUnitOfWork(engine) as first, SqlUnitOfWork(engine) as second:
        (message, _) = first.outbox.pending(stale_before=stale_before)
        assert first.outbox.claim(message.id, at=NOW, stale_before=stale_before)
        first.commit()
        assert not second.outbox.claim(message.id, at=NOW, stale_before=stale_before)


def test_a_claim_abandoned_longer_than_the_lease_is_pending_again(engine):
    load_partnership(engine, small_partnership())
    run_cycle(engine, date(2026, 1, 5))
    with SqlUnitOfWork(engine) as uow:
        message = uow.outbox.pending(stale_before=NOW)[0]
        uow.outbox.claim(message.id, at=NOW, stale_before=NOW)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert message.id not in [p.id for p in uow.outbox.pending(stale_before=NOW)]
        assert message.id in [p.id for p in uow.outbox.pending(stale_before=NOW + timedelta(minutes=16))]


def test_sqlite_enforces_foreign_keys(sqlite_url):
    import pytest
    from sqlalchemy.exc import IntegrityError

    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.add(m.Board(partnership_id=999, key="x", name="x", short_name="x", kind="council committee"))
        session.commit()
    engine.dispose()
