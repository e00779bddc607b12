"""The daily sweep across every partnership at once records, per partnership and its own ladder,
exactly what that partnership's own sweep would: each step once, however many sweeps run at once;
and each partnership's reminders then tell what was taken, once."""

import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.escalation import StepsRecorded
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from registry.partnership_file.loader import load_partnership_file
from registry.sql.escalation_sweep import take_every_partnerships_steps
from registry.unit_of_work import SqlUnitOfWork

DAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 6, tzinfo=UTC)
PARTNERSHIPS = ("bradford", "calderdale")
CALDERDALE_LADDER = [
    {"name": "reminder 10 days before", "days": -10, "audience": "owner"},
    {"name": "overdue notice to the business manager", "days": 2, "audience": "business manager"},
]


@pytest.fixture
def two_partnerships(engine, tmp_path: Path):
    """Bradford on the default ladder and Calderdale on a ladder of its own, their calendars run."""
    calderdale = yaml.safe_load((Path(__file__).parent / "partnerships" / "calderdale.yaml").read_text())
    calderdale["policy"] = {**calderdale.get("policy", {}), "escalation": CALDERDALE_LADDER}
    (tmp_path / "calderdale.yaml").write_text(yaml.safe_dump(calderdale, allow_unicode=True))
    load_partnership_file(engine)
    load_partnership_file(engine, tmp_path / "calderdale.yaml")
    for key in PARTNERSHIPS:
        run_calendar(DAY, uow=SqlUnitOfWork(engine, partnership=key), render=TemplateRenderer(), now=NOW)
    return engine


def in_each(engine, read) -> dict[str, list]:
    """``read(deadlines, ladder)`` for each partnership, sorted."""
    found = {}
    for key in PARTNERSHIPS:
        with SqlUnitOfWork(engine, partnership=key) as uow:
            found[key] = sorted(read(uow.deadlines, uow.partnership.policy().escalation))
    return found


def due_in_each(engine) -> dict[str, list]:
    """What each partnership's own sweep finds on the day, by deadline key: the step and those skipped."""
    return in_each(
        engine, lambda d, ladder: ((s.deadline.key, s.take, s.skip) for s in d.steps_due_on(DAY, ladder))
    )


def to_tell_in_each(engine) -> dict[str, list]:
    return in_each(engine, lambda d, ladder: ((s.deadline.key, s.take) for s in d.steps_to_tell(ladder)))


def counted(due: dict[str, list]) -> StepsRecorded:
    steps = [step for each in due.values() for step in each]
    return StepsRecorded(to_tell=len(steps), skipped=sum(len(skip) for _, _, skip in steps))


def test_one_sweep_records_each_partnerships_steps_on_its_own_ladder(two_partnerships):
    due = due_in_each(two_partnerships)
    assert all(due.values()), "both partnerships have steps due on the day"
    assert {take for _, take, _ in due["calderdale"]} <= {step["name"] for step in CALDERDALE_LADDER}

    assert take_every_partnerships_steps(two_partnerships, DAY) == counted(due)
    assert to_tell_in_each(two_partnerships) == {
        key: sorted((deadline, take) for deadline, take, _ in steps) for key, steps in due.items()
    }
    assert due_in_each(two_partnerships) == {key: [] for key in PARTNERSHIPS}
    assert take_every_partnerships_steps(two_partnerships, DAY) == StepsRecorded()


def test_each_partnerships_reminders_tell_what_the_sweep_took_once(two_partnerships):
    due = due_in_each(two_partnerships)
    take_every_partnerships_steps(two_partnerships, DAY)
    for key in PARTNERSHIPS:
        uow = SqlUnitOfWork(two_partnerships, partnership=key)
        told = run_reminders(DAY, uow=uow, render=TemplateRenderer(), now=NOW)
        assert told.steps_taken == len(due[key]) and told.messages_queued >= 1
        again = run_reminders(DAY, uow=SqlUnitOfWork(two_partnerships, partnership=key), render=TemplateRenderer(), now=NOW)  # fmt: skip
        assert (again.steps_taken, again.messages_queued) == (0, 0)
    assert to_tell_in_each(two_partnerships) == {key: [] for key in PARTNERSHIPS}


def test_two_sweeps_at_once_record_each_step_once(two_partnerships):
    due = due_in_each(two_partnerships)
    results: list[StepsRecorded] = []
    start = threading.Barrier(2)

    def sweep() -> None:
        start.wait()
        results.append(take_every_partnerships_steps(two_partnerships, DAY))

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 2
    assert results[0] + results[1] == counted(due)
    assert to_tell_in_each(two_partnerships) == {
        key: sorted((deadline, take) for deadline, take, _ in steps) for key, steps in due.items()
    }
