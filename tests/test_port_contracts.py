"""One contract suite, run against the in-memory fakes (``tests/fakes.py``) and the SQL adapters on
SQLite and PostgreSQL: what each port promises the use cases, whichever side keeps it.

The fake is seeded with the very values the registry gives for the Bradford demo, so the same
assertions hold on both."""

from datetime import UTC, date, datetime, timedelta

import pytest

from governance.audit.model import verify
from governance.deadlines.model import DeadlineState
from governance.deadlines.obligations import occurrences
from governance.extensions.model import ExtensionDecision, RequestExtension
from governance.lifecycles import ExtensionState, ReportState
from governance.notifications.model import OutboxMessage
from governance.vocabulary import Role
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
LEASE = NOW - timedelta(minutes=15)


@pytest.fixture(scope="module")
def bradford_values(tmp_path_factory):
    """The Bradford demo as the registry hands it to the use cases: the seed of the fake."""
    from registry.engine import make_engine
    from registry.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    with SqlUnitOfWork(engine) as uow:
        partnership = uow.partnership.snapshot()
        reports = [uow.reports.find(r.key) for r in partnership.reports]
    engine.dispose()
    return partnership, reports


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_uow(request, bradford_values):
    """A factory of units of work on one store holding the Bradford demo."""
    if request.param == "memory":
        partnership, reports = bradford_values
        fake = FakeUnitOfWork(partnership=partnership, reports=reports)
        return lambda: fake
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    from registry.engine import make_engine
    from registry.migrate import upgrade

    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    request.addfinalizer(engine.dispose)
    return lambda: SqlUnitOfWork(engine)


def a_deadline(new_uow):
    with new_uow() as uow:
        p = uow.partnership.snapshot()
    return next(d for d in occurrences(p, date(2026, 11, 1), date(2027, 1, 31)) if d.sub_group_key)


def message(key: str = "calendar/2026-11-25/joanne-pickering", **values) -> OutboxMessage:
    fields = dict(
        key=key, recipient_key="joanne-pickering", recipient_name="Joanne Pickering",
        address="joanne.pickering@bradford-council.example", subject="Deadlines", body="…",
    )  # fmt: skip
    return OutboxMessage(**{**fields, **values})


# --- partnership and people ------------------------------------------------------------------------


def test_the_snapshot_is_the_partnership_as_loaded(new_uow, bradford_values):
    with new_uow() as uow:
        assert uow.partnership.snapshot() == bradford_values[0]


def test_people_are_found_by_key_with_their_roles_and_strangers_are_not(new_uow):
    with new_uow() as uow:
        chair = uow.people.find("helen-achebe")
        assert chair.name == "Helen Achebe" and chair.holds_on(Role.INDEPENDENT_CHAIR, "tbp")
        assert uow.people.find("nobody") is None
        assert set(uow.people.find_many({"helen-achebe", "nobody", "joanne-pickering"})) == {
            "helen-achebe",
            "joanne-pickering",
        }


def test_a_person_is_found_by_their_e_mail_address_in_any_case(new_uow):
    with new_uow() as uow:
        assert uow.people.find_by_email("Helen.Achebe@Bradford-Partnership.example ").key == "helen-achebe"
        assert uow.people.find_by_email("nobody@nowhere.example") is None


# --- the audit trail -------------------------------------------------------------------------------


def test_events_are_chained_in_order_and_the_head_follows_them(new_uow):
    with new_uow() as uow:
        before, _ = uow.audit.head()
    with new_uow() as uow:
        uow.audit.record(at=NOW, actor="a", event="first", subject="s", details={"on": date(2026, 11, 25)})
        uow.audit.record(at=NOW, actor="b", role="independent chair", event="second", subject="s", details={})
        uow.commit()
    with new_uow() as uow:
        sequence, head = uow.audit.head()
        chain = list(uow.audit.events())
    assert sequence == before + 2 and chain[-1].hash == head
    assert [(e.sequence, e.actor, e.role, e.event) for e in chain[-2:]] == [
        (before + 1, "a", "", "first"),
        (before + 2, "b", "independent chair", "second"),
    ]
    assert chain[-2].details == {"on": "2026-11-25"} and chain[-1].previous_hash == chain[-2].hash
    assert verify(chain, head_sequence=sequence, head_hash=head).intact


# --- action plans ----------------------------------------------------------------------------------


def test_an_update_adds_its_month_to_the_action(new_uow):
    with new_uow() as uow:
        uow.actions.add_update(
            "CSE-2021/R07.2", period="2026-11", progress="Draft circulated",
            submitted_by="paul-hartley", submitted_on=date(2026, 11, 25),
        )  # fmt: skip
        uow.commit()
    with new_uow() as uow:
        assert "2026-11" in uow.actions.find("CSE-2021/R07.2").updated_periods
        assert uow.actions.find("NO/SUCH") is None


def test_moving_an_actions_due_date_keeps_the_first_and_counts_the_extension(new_uow):
    with new_uow() as uow:
        first = uow.actions.find("CSE-2021/R07.2").due_on
        uow.actions.move_due_date("CSE-2021/R07.2", to=date(2027, 1, 29))
        uow.commit()
    with new_uow() as uow:
        moved = uow.actions.find("CSE-2021/R07.2")
    assert (moved.due_on, moved.original_due_on, moved.extensions) == (date(2027, 1, 29), first, 1)


# --- deadlines -------------------------------------------------------------------------------------


def test_a_deadline_is_recorded_once_by_its_key(new_uow):
    deadline = a_deadline(new_uow)
    with new_uow() as uow:
        assert uow.deadlines.record(deadline, recorded_on=NOW.date()) is True
        assert uow.deadlines.record(deadline, recorded_on=NOW.date()) is False
        uow.commit()
    with new_uow() as uow:
        found = uow.deadlines.find(deadline.key)
    assert (found.due_on, found.original_due_on, found.extensions) == (deadline.due_on, deadline.due_on, 0)


def test_a_held_deadline_is_the_deadline_as_recorded_and_a_new_registry_has_none(new_uow):
    deadline = a_deadline(new_uow)
    with new_uow() as uow:
        assert uow.deadlines.any_recorded() is False and uow.deadlines.hold(deadline.key) is None
        uow.deadlines.record(deadline, recorded_on=NOW.date())
        uow.commit()
    with new_uow() as uow:
        assert uow.deadlines.any_recorded() is True
        assert uow.deadlines.hold(deadline.key) == uow.deadlines.find(deadline.key)


def test_a_closed_deadline_is_no_longer_live(new_uow):
    deadline = a_deadline(new_uow)
    with new_uow() as uow:
        uow.deadlines.record(deadline, recorded_on=NOW.date())
        recorded = uow.deadlines.find(deadline.key)
        uow.deadlines.change_state(recorded.id, DeadlineState.CLOSED, on=NOW.date())
        uow.commit()
    with new_uow() as uow:
        assert uow.deadlines.find(deadline.key).state is DeadlineState.CLOSED
        assert deadline.key not in {d.key for d in uow.deadlines.live()}


def test_steps_are_taken_for_a_due_date_and_an_extension_starts_the_ladder_again(new_uow):
    deadline = a_deadline(new_uow)
    with new_uow() as uow:
        uow.deadlines.record(deadline, recorded_on=NOW.date())
        recorded = uow.deadlines.find(deadline.key)
        uow.deadlines.record_step(
            recorded.id,
            "reminder -7",
            for_due_on=recorded.due_on,
            on=NOW.date(),
            skipped=False,
            message_key=None,
        )
        uow.commit()
    with new_uow() as uow:
        assert uow.deadlines.find(deadline.key).steps_taken == {"reminder -7"}
        uow.deadlines.extend(recorded.id, to=recorded.due_on + timedelta(days=30))
        uow.commit()
    with new_uow() as uow:
        extended = uow.deadlines.find(deadline.key)
    assert (extended.extensions, extended.original_due_on, extended.steps_taken) == (
        1,
        deadline.due_on,
        frozenset(),
    )


# --- the outbox ------------------------------------------------------------------------------------


def test_a_message_is_queued_once_by_its_key_and_waits_for_its_time(new_uow):
    with new_uow() as uow:
        assert uow.outbox.enqueue(message(), at=NOW) is True
        assert uow.outbox.enqueue(message(), at=NOW) is False
        uow.outbox.enqueue(message("later", not_before=NOW + timedelta(hours=1)), at=NOW)
        uow.commit()
    with new_uow() as uow:
        assert [m.key for m in uow.outbox.pending(now=NOW, stale_before=LEASE)] == [message().key]


def test_a_message_is_claimed_by_one_sender_and_a_failed_one_is_tried_again(new_uow):
    with new_uow() as uow:
        uow.outbox.enqueue(message(), at=NOW)
        uow.outbox.enqueue(message("second"), at=NOW)
        uow.commit()
    with new_uow() as uow:
        first, second = uow.outbox.pending(now=NOW, stale_before=LEASE)
        assert uow.outbox.claim(first.id, at=NOW, stale_before=LEASE) is True
        assert uow.outbox.claim(first.id, at=NOW, stale_before=LEASE) is False
        uow.outbox.mark_sent(first.id, at=NOW)
        assert uow.outbox.claim(second.id, at=NOW, stale_before=LEASE) is True
        uow.outbox.mark_failed(second.id, error="connection refused", at=NOW)
        uow.commit()
    with new_uow() as uow:
        assert [m.key for m in uow.outbox.pending(now=NOW, stale_before=LEASE)] == ["second"]


# --- reports and extensions ------------------------------------------------------------------------


def test_a_saved_report_comes_back_as_saved(new_uow):
    with new_uow() as uow:
        report = uow.reports.find("bsab-annual-report-2025-26")
        uow.reports.save(report.model_copy(update={"state": ReportState.IN_REVIEW, "title": "BSAB 2025/26"}))
        uow.commit()
    with new_uow() as uow:
        saved = uow.reports.find("bsab-annual-report-2025-26")
        assert (saved.state, saved.title, saved.content) == (
            ReportState.IN_REVIEW,
            "BSAB 2025/26",
            report.content,
        )
        assert uow.reports.find("no-such-report") is None


def test_an_extension_request_awaits_a_decision_until_it_is_decided(new_uow):
    deadline = a_deadline(new_uow)
    with new_uow() as uow:
        uow.deadlines.record(deadline, recorded_on=NOW.date())
        recorded = uow.deadlines.find(deadline.key)
        ask = RequestExtension(
            duty=deadline.duty, subject=deadline.subject, period=deadline.period, requested_by="grace-mensah",
            proposed_due_on=deadline.due_on + timedelta(days=14), requested_on=NOW.date(),
            reason="The chair is away.", evidence="Leave record.",
        )  # fmt: skip
        number = uow.extensions.add(
            ask, deadline_id=recorded.id, current_due_on=recorded.due_on, required=("independent chair",)
        )
        uow.commit()
    with new_uow() as uow:
        assert [r.id for r in uow.extensions.awaiting_decision(recorded.id)] == [number]
        decision = ExtensionDecision(
            person_key="helen-achebe", person_name="Helen Achebe", role=Role.INDEPENDENT_CHAIR,
            approve=True, note="", decided_on=NOW.date(),
        )  # fmt: skip
        uow.extensions.decide(number, decision, state=ExtensionState.APPROVED)
        uow.commit()
    with new_uow() as uow:
        decided = uow.extensions.find(number)
        assert (decided.state, decided.deadline_key, decided.decisions) == (
            ExtensionState.APPROVED,
            deadline.key,
            (decision,),
        )
        assert uow.extensions.awaiting_decision(recorded.id) == []
        assert uow.extensions.find(number + 1000) is None
