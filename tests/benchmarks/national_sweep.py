"""The daily sweep at national scale, for ``tests.benchmarks.national``: an ordinary day (the day
before run first) of the calendar and the reminders cycles for every partnership, as the flows run
them. The reminders cycle is measured in its two parts:

- **the sweep**: every partnership's escalation steps found and recorded at once
  (``registry.sql.escalation_sweep.take_every_partnerships_steps``), against its lower bound measured
  in the same run: the bare indexed SELECT that finds the same steps
  (``registry.sql.deadline_sweep.reached_and_not_taken`` for every partnership, rows fetched), in
  three forms (over every waiting deadline; over the partnerships' waiting deadlines, as the sweep
  reads them; and the sweep's own SELECT without its INSERT), the fastest taken as the bound.
  Nine rounds alternate each bare SELECT, a sweep rolled back and a sweep committed (then undone,
  untimed); the figures are medians, and the day's own sweep then commits for the telling;
- **telling**: each partnership with steps taken reads itself and queues one message per person
  (``governance.deadlines.reminders.run_reminders``), per partnership and per step told.
"""

import statistics
import time
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from tests.benchmarks.national_registry import TEMPLATE


def sweep_figures(engine: sa.Engine, as_of: date) -> dict:
    """Every partnership's calendar and reminders for ``as_of`` (after ``as_of`` - 1), and the bare SQL."""
    from flows.adapters.message_templates import TemplateRenderer
    from governance.deadlines.reminders import run_reminders
    from governance.deadlines.use_cases import run_calendar
    from registry import tables as m
    from registry.sql.deadline_sweep import reached_and_not_taken, take_steps_due_statement
    from registry.sql.escalation_sweep import take_every_partnerships_steps, take_steps_everywhere
    from registry.sql.scope import loaded_partnerships
    from registry.unit_of_work import SqlUnitOfWork

    keys, render = loaded_partnerships(engine), TemplateRenderer()

    def calendar(on: date) -> list[float]:
        return [_timed(lambda k=key: run_calendar(on, uow=SqlUnitOfWork(engine, partnership=k), now=_at(on))) for key in keys]  # fmt: skip

    def tell(on: date) -> list[float]:
        return [_timed(lambda k=key: run_reminders(on, uow=SqlUnitOfWork(engine, partnership=k), render=render, now=_at(on))) for key in keys]  # fmt: skip

    def sweep_rolled_back() -> None:
        with Session(engine) as session:
            take_steps_everywhere(session, as_of)
            session.rollback()

    def undo_the_days_steps() -> None:  # untimed: so that the next committed sweep has the day's work again
        with engine.begin() as connection:
            connection.execute(
                sa.delete(m.EscalationStepTaken).where(m.EscalationStepTaken.taken_on == as_of)
            )

    started = time.perf_counter()
    day_before = as_of - timedelta(days=1)
    calendar(day_before)
    take_every_partnerships_steps(engine, day_before)
    tell(day_before)
    warm_up = time.perf_counter() - started

    per_calendar = calendar(as_of)
    with SqlUnitOfWork(engine, partnership=TEMPLATE) as uow:
        ladder = uow.partnership.snapshot().policy.escalation
    everywhere = reached_and_not_taken(as_of, ladder, partnership_id=None)
    ids = loaded_ids(engine)
    by_partnership = everywhere.where(m.Deadline.__table__.c.partnership_id.in_(ids))
    # the sweep's own SELECT (the window that tells taken from skipped included), its rows fetched
    own = take_steps_due_statement(as_of, ladder, partnerships=ids, dialect=engine.dialect.name).select
    with engine.connect() as connection:
        steps = len(connection.execute(everywhere).all())
        live = connection.execute(
            sa.text("SELECT count(*) FROM deadline WHERE state NOT IN ('closed', 'accepted')")
        ).scalar_one()
        times: dict[str, list[float]] = {"everywhere": [], "by_partnership": [], "own": [], "sweep": [], "committed": []}  # fmt: skip
        for _ in range(9):  # alternately, so that the machine's noise falls on each alike
            times["everywhere"].append(_timed(lambda: connection.execute(everywhere).all()))
            times["by_partnership"].append(_timed(lambda: connection.execute(by_partnership).all()))
            times["own"].append(_timed(lambda: connection.execute(own).all()))
            times["sweep"].append(_timed(sweep_rolled_back))
            connection.commit()  # the reads' snapshot ends, so the committed sweep is seen and undone
            times["committed"].append(_timed(lambda: take_every_partnerships_steps(engine, as_of)))
            undo_the_days_steps()
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    bound = min(medians["everywhere"], medians["by_partnership"], medians["own"])
    rolled_back, committed = medians["sweep"], medians["committed"]
    started = time.perf_counter()
    recorded = take_every_partnerships_steps(engine, as_of)
    sweep = time.perf_counter() - started
    per_tell = tell(as_of)
    told = sum(per_tell)
    return {
        "partnerships": len(keys),
        "live_deadlines": live,
        "steps_due": steps,
        "steps_recorded": recorded.model_dump(),
        "day_before_s": warm_up,
        "calendar_total_s": sum(per_calendar),
        "calendar_per_partnership_ms": 1000 * statistics.median(per_calendar),
        "bare_sql_ms": 1000 * bound,
        "sweep_ms": 1000 * committed,
        "sweep_ratio": committed / bound if bound else None,
        "the_days_sweep_ms": 1000 * sweep,
        "sweep_rolled_back_median_ms": 1000 * rolled_back,
        "sweep_rolled_back_ratio": rolled_back / bound if bound else None,
        "bare_sql_forms_ms": {
            "every waiting deadline": 1000 * medians["everywhere"],
            "the partnerships' waiting deadlines (the sweep's index)": 1000 * medians["by_partnership"],
            "the sweep's own SELECT, without writing": 1000 * medians["own"],
        },
        "runs_ms": {name: [round(1000 * t, 1) for t in runs] for name, runs in times.items()},
        "telling_total_s": told,
        "telling_per_partnership_ms": 1000 * statistics.median(per_tell),
        "telling_per_step_ms": 1000 * told / recorded.to_tell if recorded.to_tell else None,
        "reminders_cycle_total_s": sweep + told,
    }


def loaded_ids(engine: sa.Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.execute(sa.text("SELECT id FROM partnership")).scalars())


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _at(on: date) -> datetime:
    return datetime(on.year, on.month, on.day, 6, tzinfo=UTC)
