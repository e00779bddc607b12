"""The registry on a real SQLite file and a real PostgreSQL server: migrations and round trips."""

from datetime import UTC, date, datetime, timedelta, timezone

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import Session, SQLModel, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import SubmitActionUpdate, run_action_plan_update, submit_action_update
from governance.deadlines.model import DeadlineState
from registry import tables as m
from registry.engine import make_engine
from registry.migrate import current_revision, downgrade, head_revision, upgrade
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def run_cycle(engine, as_of: date):
    return run_action_plan_update(
        as_of, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )


def test_migrations_go_up_down_and_up_again(registry_url):
    upgrade(registry_url)
    assert current_revision(registry_url) == head_revision()
    downgrade(registry_url, "base")
    assert current_revision(registry_url) is None
    upgrade(registry_url)
    assert current_revision(registry_url) == head_revision()


def test_the_migrations_build_exactly_the_tables_the_models_declare(engine):
    with engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), SQLModel.metadata
        )
    assert differences == []


def test_a_partnership_round_trips_with_its_tri_board_sub_group(engine):
    load_partnership(engine, small_partnership())
    with Session(engine) as session:
        boards = session.exec(
            select(m.Board.key)
            .join(m.ReportingLine, m.ReportingLine.board_id == m.Board.id)
            .order_by(m.Board.key)
        ).all()
        assert boards == ["bsab", "tbp"]
        assert (
            session.exec(select(m.Board.kind).where(m.Board.key == "bsab")).one()
            == "safeguarding adults board"
        )


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
    command = SubmitActionUpdate(
        reference="P/R01.1", submitted_by="amira", progress="Done", submitted_on=date(2026, 1, 9)
    )
    submit_action_update(command, uow=SqlUnitOfWork(engine), now=NOW)
    with Session(engine) as session:
        deadline = session.exec(
            select(m.Deadline).where(m.Deadline.subject == "P/R01.1", m.Deadline.period == "2026-01")
        ).one()
        assert (deadline.state, deadline.submitted_on) == (DeadlineState.SUBMITTED, date(2026, 1, 9))


def test_instants_come_back_in_utc_whatever_zone_they_were_written_in(engine):
    load_partnership(engine, small_partnership())
    written = datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    with SqlUnitOfWork(engine) as uow:
        uow.audit.record(at=written, actor="test", event="probe", subject="clock", details={"n": 1})
        uow.commit()
    with Session(engine) as session:
        read = session.exec(select(m.AuditEvent.at).where(m.AuditEvent.event == "probe")).one()
    assert read == written and read.tzinfo == UTC


def test_a_claimed_message_cannot_be_claimed_by_a_second_sender(engine):
    load_partnership(engine, small_partnership())
    run_cycle(engine, date(2026, 1, 5))
    stale_before = NOW - timedelta(minutes=15)
    with SqlUnitOfWork(engine) as first, SqlUnitOfWork(engine) as second:
        (message, _) = first.outbox.pending(now=NOW, stale_before=stale_before)
        assert first.outbox.claim(message.id, at=NOW, stale_before=stale_before)
        first.commit()
        assert not second.outbox.claim(message.id, at=NOW, stale_before=stale_before)


def test_a_claim_abandoned_longer_than_the_lease_is_shown_stale_and_never_pending_again(engine):
    load_partnership(engine, small_partnership())
    run_cycle(engine, date(2026, 1, 5))
    with SqlUnitOfWork(engine) as uow:
        message = uow.outbox.pending(now=NOW, stale_before=NOW)[0]
        uow.outbox.claim(message.id, at=NOW, stale_before=NOW)
        uow.commit()
    later = NOW + timedelta(minutes=16)
    with SqlUnitOfWork(engine) as uow:
        assert message.id not in [p.id for p in uow.outbox.pending(now=NOW, stale_before=NOW)]
        # its sender may have handed it over before it stopped: not sent again blindly (decision 50)
        assert message.id not in [p.id for p in uow.outbox.pending(now=later, stale_before=later)]
        assert [p.id for p in uow.outbox.stale(stale_before=later)] == [message.id]


def test_sqlite_enforces_foreign_keys(sqlite_url):
    import pytest
    from sqlalchemy.exc import IntegrityError

    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    with Session(engine) as session, pytest.raises(IntegrityError):
        session.add(m.Board(partnership_id=999, key="x", name="x", short_name="x", kind="council committee"))
        session.commit()
    engine.dispose()


# --- the governance engine on both databases ------------------------------------------------

from governance.deadlines.model import Duty  # noqa: E402
from governance.deadlines.reminders import run_reminders  # noqa: E402
from governance.deadlines.use_cases import run_calendar  # noqa: E402
from governance.extensions.model import DecideExtension, RequestExtension  # noqa: E402
from governance.extensions.use_cases import decide_extension, request_extension  # noqa: E402
from governance.lifecycles import ExtensionState, ReportState  # noqa: E402
from governance.reports.use_cases import approve_report, edit_report, send_for_review  # noqa: E402
from registry.partnership_file.loader import load_partnership_file  # noqa: E402

TODAY = date(2026, 11, 25)


def test_the_demo_partnership_reads_back_as_the_rules_see_it(engine):
    load_partnership_file(engine)
    with SqlUnitOfWork(engine) as uow:
        p = uow.partnership.snapshot()
    assert p.sub_group("all-age-exploitation").reports_to == ("tbp", "bsab")
    assert p.board("keighley-area-committee").kind == "area committee"
    assert [r.reference for r in p.case_reviews if r.findings] == ["BSAB-SAR-2025-01"]
    assert p.policy.section_11_every_years == 2 and p.policy.councillor_enquiry_days == 7
    assert {r.key for r in p.reports if r.state is ReportState.DISTRIBUTED} == {
        "tbp-yearly-report-2024-25",
        "bsab-annual-report-2024-25",
    }
    assert len(p.actions) == 38 and p.actions[0].plan_extension_approvers == (
        "independent chair",
        "independent scrutineer",
    )


def test_the_calendar_records_each_deadline_once_and_an_extension_moves_it(engine):
    load_partnership_file(engine)
    first = run_calendar(TODAY, uow=SqlUnitOfWork(engine), now=NOW)
    run_reminders(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)
    second = run_calendar(TODAY, uow=SqlUnitOfWork(engine), now=NOW)
    told_again = run_reminders(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=NOW)
    assert (
        sum(first.recorded.values()) > 0
        and sum(second.recorded.values()) == 0
        and told_again.messages_queued == 0
    )
    ask = RequestExtension(
        duty=Duty.SUB_GROUP_REPORT, subject="all-age-exploitation/tbp", period="2027-01-19", requested_by="grace-mensah",
        reason="Police data arrives late", evidence="Data-sharing schedule", proposed_due_on=date(2027, 1, 12), requested_on=TODAY,
    )  # fmt: skip
    request = request_extension(ask, uow=SqlUnitOfWork(engine), now=NOW)
    decided = decide_extension(
        DecideExtension(request_id=request, decided_by="helen-achebe", approve=True, decided_on=TODAY),
        uow=SqlUnitOfWork(engine),
        now=NOW,
    )
    assert decided.state is ExtensionState.APPROVED
    with SqlUnitOfWork(engine) as uow:
        moved = uow.deadlines.find(ask.deadline_key)
    assert moved is not None and (moved.due_on, moved.original_due_on, moved.extensions) == (
        date(2027, 1, 12),
        date(2027, 1, 5),
        1,
    )


def test_a_report_approval_is_kept_with_the_version_approved(engine):
    load_partnership_file(engine)
    key = "executive-exploitation-update-2027"
    send_for_review(key, by="joanne-pickering", uow=SqlUnitOfWork(engine), now=NOW)
    with SqlUnitOfWork(engine) as uow:
        version = uow.reports.find(key).version
    approved = approve_report(
        key, approved_by="joanne-pickering", version=version, uow=SqlUnitOfWork(engine), now=NOW
    )
    assert approved.state is ReportState.APPROVED
    with SqlUnitOfWork(engine) as uow:
        content = uow.reports.find(key).content
    edited = edit_report(
        key,
        edited_by="joanne-pickering",
        based_on=version,
        title="Retitled",
        content=content,
        uow=SqlUnitOfWork(engine),
        now=NOW,
    )
    assert edited.state is ReportState.DRAFT and [r.label for r in edited.outstanding_approvals] == [
        "the business manager"
    ]
    with SqlUnitOfWork(engine) as uow:
        kept = uow.reports.find(key)
    assert [a.version for a in kept.approvals] == [version] and kept.current_approvals() == []


def test_a_registry_holding_deadlines_upgrades_to_the_governance_engine(registry_url):
    import sqlalchemy as sa

    upgrade(registry_url, "0001")
    engine = make_engine(registry_url)
    with engine.begin() as connection:  # a registry as issue 2 left it: a partnership and one deadline
        connection.execute(sa.text("INSERT INTO partnership (key, name, area) VALUES ('old', 'Old', 'Area')"))
        connection.execute(
            sa.text(
                "INSERT INTO board (partnership_id, key, name, short_name, kind) VALUES (1, 'tbp', 'TBP', 'TBP', 'children''s safeguarding partnership')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO person (key, name, email, job_title) VALUES ('amira', 'Amira', 'a@x.example', '')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO deadline (duty, subject, period, due_on, owner_id, board_id, state, recorded_on) VALUES ('action completion', 'P/R01.1', 'once', '2026-01-16', 1, 1, 'open', '2026-01-05')"
            )
        )
    upgrade(registry_url)
    with engine.connect() as connection:
        row = connection.execute(
            sa.text("SELECT due_on, original_due_on, extensions, title FROM deadline")
        ).one()
        policy = connection.execute(sa.text("SELECT policy FROM partnership")).scalar_one()
    engine.dispose()
    assert (str(row.original_due_on), row.extensions, row.title) == (str(row.due_on), 0, "")
    assert policy in ({}, "{}")
