"""The escalation sweep's contract: the deadlines port's one indexed query (``steps_due_on``) on
SQLite and PostgreSQL finds exactly the steps the domain's rule (``escalation.steps_due``, which the
in-memory fake applies deadline by deadline) finds, over generated deadlines, ladders and days; and
recording steps and deadlines in bulk keeps each once."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from governance.deadlines.escalation import StepsRecorded, TakenStep
from governance.deadlines.model import Deadline, DeadlineState, Duty
from governance.policy import DEFAULT_LADDER, Audience, EscalationStep
from registry import tables as m
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork
from tests.fakes import FakeUnitOfWork

BASE = date(2026, 11, 25)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request):
    """A registry holding the Bradford demo, on SQLite or PostgreSQL, and its partnership."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    request.addfinalizer(engine.dispose)
    with SqlUnitOfWork(engine) as uow:
        partnership = uow.partnership.snapshot()
    return engine, partnership


# small ranges of days, so that due dates often fall exactly on a step's day (the edge of the rule)
ladders = st.lists(st.integers(-10, 10), min_size=1, max_size=5, unique=True).map(
    lambda days: tuple(
        EscalationStep(name=f"step {i} at {d}", days=d, audience=Audience.OWNER)
        for i, d in enumerate(sorted(days))
    )
)
deadlines = st.lists(
    st.fixed_dictionaries(
        {
            "due": st.integers(-15, 15),
            "state": st.sampled_from(DeadlineState),
            "extended_by": st.one_of(st.none(), st.integers(1, 10)),
            "taken": st.sets(st.integers(0, 4), max_size=4),
            "taken_before_extension": st.sets(st.integers(0, 4), max_size=4),
        }
    ),
    max_size=25,
)


def keep(uow, scenario, ladder, partnership) -> None:
    """Record the scenario's deadlines, move them to their states, extend them and record their steps."""
    owners, boards = [p.key for p in partnership.people], [b.key for b in partnership.boards]
    groups = [None] + [g.key for g in partnership.sub_groups]
    with uow:
        recorded = [
            Deadline(
                duty=Duty.COUNCILLOR_ENQUIRY,
                subject=f"ENQ-{i:03d}",
                period="once",
                due_on=BASE + timedelta(days=d["due"]),
                owner_key=owners[i % len(owners)],
                board_key=boards[i % len(boards)],
                sub_group_key=groups[i % len(groups)],
                title=f"Enquiry {i}",
            )
            for i, d in enumerate(scenario)
        ]
        uow.deadlines.record_all(recorded, recorded_on=BASE)
        steps = []
        for deadline, d in zip(recorded, scenario, strict=True):
            found = uow.deadlines.find(deadline.key)
            names = lambda chosen: [ladder[i].name for i in sorted(chosen) if i < len(ladder)]  # noqa: E731
            if d["extended_by"]:
                steps += [
                    TakenStep(deadline_id=found.id, step=n, for_due_on=found.due_on)
                    for n in names(d["taken_before_extension"])
                ]
                uow.deadlines.extend(found.id, to=found.due_on + timedelta(days=d["extended_by"]))
                found = uow.deadlines.find(deadline.key)
            uow.deadlines.change_state(found.id, d["state"], on=BASE)
            steps += [
                TakenStep(deadline_id=found.id, step=n, for_due_on=found.due_on, skipped=True)
                for n in names(d["taken"])
            ]
        uow.deadlines.record_steps(steps, on=BASE)
        uow.commit()


def due(uow, as_of, ladder):
    with uow:
        found = uow.deadlines.steps_due_on(as_of, ladder)
    return sorted((s.deadline.due_on, s.deadline.key, s.deadline, s.take, s.skip) for s in found)


def empty(engine) -> None:
    with Session(engine) as session:
        session.execute(sa.delete(m.EscalationStepTaken))
        session.execute(sa.delete(m.Deadline))
        session.commit()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=deadlines, ladder=ladders, day=st.integers(-15, 15))
def test_the_sql_sweep_finds_exactly_the_steps_the_rule_finds(store, scenario, ladder, day):
    engine, memory = kept_in_both(store, scenario, ladder)
    as_of = BASE + timedelta(days=day)
    assert due(SqlUnitOfWork(engine), as_of, ladder) == due(memory, as_of, ladder)


def kept_in_both(store, scenario, ladder):
    """The scenario kept afresh on the SQL registry and in memory."""
    engine, partnership = store
    empty(engine)
    memory = FakeUnitOfWork(partnership=partnership)
    keep(memory, scenario, ladder, partnership)
    keep(SqlUnitOfWork(engine), scenario, ladder, partnership)
    return engine, memory


def taken_and_told(uow, as_of, ladder):
    """Take the day's steps, then what is to tell: exactly what ``steps_due_on`` found before."""
    with uow:
        found = uow.deadlines.steps_due_on(as_of, ladder)
        recorded = uow.deadlines.take_steps_due(as_of, ladder)
        to_tell = uow.deadlines.steps_to_tell(ladder)
        left = uow.deadlines.steps_due_on(as_of, ladder)
        uow.commit()
    assert recorded == StepsRecorded(to_tell=len(found), skipped=sum(len(s.skip) for s in found))
    assert sorted((s.deadline.key, s.take) for s in to_tell) == sorted(
        (s.deadline.key, s.take) for s in found
    )
    assert all(s.skip == () for s in to_tell)
    assert left == []
    return sorted((s.deadline.key, s.deadline, s.take) for s in to_tell)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=deadlines, ladder=ladders, day=st.integers(-15, 15))
def test_taking_the_steps_due_records_what_the_rule_finds_and_leaves_them_to_tell(
    store, scenario, ladder, day
):
    engine, memory = kept_in_both(store, scenario, ladder)
    as_of = BASE + timedelta(days=day)
    assert taken_and_told(SqlUnitOfWork(engine), as_of, ladder) == taken_and_told(memory, as_of, ladder)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_uow(request):
    """Units of work on one store holding the Bradford demo: in memory, on SQLite, on PostgreSQL."""
    if request.param == "memory":
        seed = request.getfixturevalue("bradford")
        with SqlUnitOfWork(seed) as uow:
            partnership = uow.partnership.snapshot()
        fake = FakeUnitOfWork(partnership=partnership)
        return (lambda: fake), partnership
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    request.addfinalizer(engine.dispose)
    with SqlUnitOfWork(engine) as uow:
        partnership = uow.partnership.snapshot()
    return (lambda: SqlUnitOfWork(engine)), partnership


def test_a_deadline_first_seen_late_takes_only_the_latest_step_and_skips_the_rest(new_uow):
    new, partnership = new_uow
    keep(new(), [{"due": -10, "state": DeadlineState.OPEN, "extended_by": None, "taken": set(), "taken_before_extension": set()}], DEFAULT_LADDER, partnership)  # fmt: skip
    (step,) = due(new(), BASE, DEFAULT_LADDER)
    assert step[3] == "escalation to lead"
    assert step[4] == (
        "reminder 14 days before",
        "reminder 7 days before",
        "reminder 1 day before",
        "overdue notice",
    )


def test_a_step_recorded_is_not_due_again_and_recording_it_twice_keeps_it_once(new_uow):
    new, partnership = new_uow
    keep(new(), [{"due": 7, "state": DeadlineState.OPEN, "extended_by": None, "taken": set(), "taken_before_extension": set()}], DEFAULT_LADDER, partnership)  # fmt: skip
    with new() as uow:
        (step,) = uow.deadlines.steps_due_on(BASE, DEFAULT_LADDER)
        taken = [
            TakenStep(deadline_id=step.deadline_id, step=name, for_due_on=step.deadline.due_on)
            for name in (*step.skip, step.take)
        ]
        uow.deadlines.record_steps(taken + taken, on=BASE)
        uow.commit()
    with new() as uow:
        uow.deadlines.record_steps(taken, on=BASE)
        uow.commit()
        assert uow.deadlines.steps_due_on(BASE, DEFAULT_LADDER) == []
        assert uow.deadlines.find(step.deadline.key).steps_taken == {
            "reminder 14 days before",
            "reminder 7 days before",
        }


def test_an_extension_starts_the_ladder_again(new_uow):
    new, partnership = new_uow
    keep(new(), [{"due": -1, "state": DeadlineState.OPEN, "extended_by": 20, "taken": set(), "taken_before_extension": {0, 1, 2, 3}}], DEFAULT_LADDER, partnership)  # fmt: skip
    (step,) = due(new(), BASE + timedelta(days=5), DEFAULT_LADDER)  # due on 14 December now
    assert (step[3], step[4]) == ("reminder 14 days before", ())


def test_scheduled_submitted_accepted_and_closed_deadlines_are_not_swept(new_uow):
    new, partnership = new_uow
    resting = [s for s in DeadlineState if s not in (DeadlineState.OPEN, DeadlineState.RETURNED)]
    keep(new(), [{"due": -5, "state": s, "extended_by": None, "taken": set(), "taken_before_extension": set()} for s in resting], DEFAULT_LADDER, partnership)  # fmt: skip
    assert due(new(), BASE, DEFAULT_LADDER) == []


def test_recording_the_same_deadlines_twice_records_each_once(new_uow):
    new, partnership = new_uow
    board, owner = partnership.boards[0].key, partnership.people[0].key
    batch = [
        Deadline(duty=Duty.COUNCILLOR_ENQUIRY, subject=f"ENQ-{i}", period="once", due_on=BASE + timedelta(days=i), owner_key=owner, board_key=board)
        for i in range(3)
    ]  # fmt: skip
    with new() as uow:
        first = uow.deadlines.record_all(batch[:2] + batch[:1], recorded_on=BASE)
        second = uow.deadlines.record_all(batch, recorded_on=BASE)
        uow.commit()
    assert sorted(first) == sorted(d.key for d in batch[:2]) and second == [batch[2].key]


def test_more_deadlines_and_steps_than_one_statement_can_bind_are_recorded_each_once(store):
    """5,000 deadlines of 16 values each are 80,000 parameters: over PostgreSQL's 65,535 and SQLite's 32,766."""
    engine, partnership = store
    board, owner = partnership.boards[0].key, partnership.people[0].key
    many = [
        Deadline(duty=Duty.COUNCILLOR_ENQUIRY, subject=f"ENQ-{i:05d}", period="once", due_on=BASE, owner_key=owner, board_key=board)
        for i in range(5_000)
    ]  # fmt: skip
    with SqlUnitOfWork(engine) as uow:
        assert len(uow.deadlines.record_all(many, recorded_on=BASE)) == len(many)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        due = uow.deadlines.steps_due_on(BASE, DEFAULT_LADDER)
        steps = [
            TakenStep(deadline_id=s.deadline_id, step=n, for_due_on=BASE)
            for s in due
            for n in (*s.skip, s.take)
        ]
        uow.deadlines.record_steps(steps, on=BASE)
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        assert len(due) == len(many) and uow.deadlines.steps_due_on(BASE, DEFAULT_LADDER) == []
        assert uow.deadlines.record_all(many, recorded_on=BASE) == []
