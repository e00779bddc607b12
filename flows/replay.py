"""Replay: every cycle, for every day of a range, against a copy of the registry, mail captured.

The same governance use cases the cycles' flows call, called in this process (not through Prefect:
a year of ten cycles is some 3,650 runs, and a Prefect task run costs more than most of them). Each
day runs the cycles in the order their schedules run them, each partnership in its own transaction,
and ends with the day's delivery into a capture: a notifier that keeps what would have gone out.
The live registry is only read, to copy it (``registry.replay.scratch_copy``).
"""

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

from pydantic import BaseModel

from flows.adapters.message_templates import TemplateRenderer
from flows.replay_cycles import ReplayDay, Run, cycles_to_replay
from flows.replay_documents import ReplayDocuments
from governance.dates import at_london_time, days_between
from governance.deadlines.use_cases import list_deadlines
from governance.notifications.model import QueuedMessage
from governance.policy import Audience
from governance.replay import CycleTally, ReplayReport, month_of
from governance.vocabulary import Cycle
from registry.replay import (
    Added,
    Marks,
    added_since,
    falling_due,
    marks,
    recorded_since,
    scratch_copy,
    scratch_engine,
)
from registry.sql.scope import loaded_partnerships
from registry.unit_of_work import SqlUnitOfWork

ASKING = {Cycle.CALENDAR, Cycle.REMINDERS, Cycle.DIGESTS, Cycle.DELIVER_NOTIFICATIONS}
"""Cycles whose messages are reminders, escalations or digests; every other cycle's messages ask for something."""


@dataclass
class CapturedMail:
    """The replay's notifier: keeps each message it is given; nothing leaves the process."""

    messages: list[QueuedMessage] = field(default_factory=list)

    def send(self, message: QueuedMessage) -> None:
        self.messages.append(message)


class Replayed(BaseModel):
    report: ReplayReport
    copy_url: str | None
    """The replayed copy, when it was kept (``workspace``); else it is removed."""


def replay(
    live_url: str,
    start: date,
    end: date,
    *,
    partnership: str | None = None,
    workspace: Path | None = None,
    on_month: Callable[[str, ReplayReport], None] = lambda month, report: None,
    cycles: tuple[list[tuple[Cycle, Run]], dict[str, str]] | None = None,
    typeset: bool = False,
) -> Replayed:
    """Replay ``start``..``end`` on a copy of the registry at ``live_url``; ``on_month`` is told as each
    month ends. ``cycles`` (default: every cycle whose use case is there) is what each day runs.
    ``typeset`` typesets each PDF attached, as the live run does (``flows.replay_documents``)."""
    started = time.perf_counter()
    directory = workspace or Path(tempfile.mkdtemp(prefix="govern-replay-"))
    copy_url = scratch_copy(live_url, directory)
    engine = scratch_engine(copy_url)
    try:
        keys = [partnership] if partnership else loaded_partnerships(engine)
        available, missing = cycles or cycles_to_replay()
        report = ReplayReport(
            start=start,
            end=end,
            partnerships=keys,
            cycles=list(dict.fromkeys(c.value for c, _ in available)),
            not_replayed=missing,
        )
        report.already_run = recorded_since(engine, keys, start)
        owner_steps = {key: _owner_steps(engine, key) for key in keys}
        capture, renderer = CapturedMail(), TemplateRenderer()
        with engine.connect() as connection:
            mark = marks(connection)
        documents = ReplayDocuments(typeset=typeset)
        for month, days in _by_month(days_between(start, end)):
            for day in days:
                context = ReplayDay(
                    engine=engine,
                    day=day,
                    renderer=renderer,
                    notifier=capture,
                    now=_morning(day),
                    documents=documents,
                )
                for cycle, run in available:
                    for key in keys:
                        mark = _run_one(context, cycle, run, key, report, owner_steps[key], mark)
            on_month(month, report)
        _compare_with_listing(engine, keys, report)
        report.documents, report.typeset = documents.drafted, typeset
    finally:
        engine.dispose()
        if workspace is None:
            shutil.rmtree(directory, ignore_errors=True)  # the copy was the replay's own
    report.seconds = time.perf_counter() - started
    return Replayed(report=report, copy_url=copy_url if workspace is not None else None)


def _run_one(
    context: ReplayDay,
    cycle: Cycle,
    run: Callable[[ReplayDay, str], object],
    key: str,
    report: ReplayReport,
    owner_steps: set[str],
    before: Marks,
) -> Marks:
    """Run one cycle for one partnership on the day; ``before`` are the copy's marks as it starts,
    and the marks after it are returned (the next run's ``before``)."""
    started = time.perf_counter()
    try:
        outcome = run(context, key)
    except Exception as error:  # one run's failure is said and the replay goes on, as the flows do
        report.problem(context.day, cycle.value, key, f"{type(error).__name__}: {error}")
        with context.engine.connect() as connection:
            return marks(connection)
    finally:
        report.timed(cycle.value, time.perf_counter() - started)
    with context.engine.connect() as connection:
        after, added = added_since(connection, before)
    tally = report.tally(context.day, cycle.value)
    tally.add(_tally_of(cycle, added, owner_steps))
    for said in _delivery_problems(outcome):
        report.problem(context.day, cycle.value, key, said)
    if cycle is Cycle.DELIVER_NOTIFICATIONS:
        tally.sent += getattr(outcome, "sent", 0)
    return after


def _tally_of(cycle: Cycle, added: Added, owner_steps: set[str]) -> CycleTally:
    reminders = sum(n for step, n in added.steps_by_name.items() if step in owner_steps)
    return CycleTally(
        deadlines=added.deadlines,
        requests=0 if cycle in ASKING else added.messages,
        reminders=reminders,
        escalations=sum(added.steps_by_name.values()) - reminders,
        dispatches=added.dispatches,
    )


def _delivery_problems(outcome: object) -> list[str]:
    errors = getattr(outcome, "errors", None)
    return [str(e) for e in errors] if isinstance(errors, list) else []


def _owner_steps(engine, key: str) -> set[str]:
    with SqlUnitOfWork(engine, partnership=key) as uow:
        ladder = uow.partnership.snapshot().policy.escalation
    return {step.name for step in ladder if step.audience is Audience.OWNER}


def _compare_with_listing(engine, keys: list[str], report: ReplayReport) -> None:
    """The deadlines the copy records as falling due each month, beside what the engine lists."""
    with engine.connect() as connection:
        for due_on in falling_due(connection, report.start, report.end, keys):
            report.falling_due[month_of(due_on)] = report.falling_due.get(month_of(due_on), 0) + 1
    for key in keys:
        for listed in list_deadlines(report.start, report.end, uow=SqlUnitOfWork(engine, partnership=key)):
            report.listed[month_of(listed.due_on)] = report.listed.get(month_of(listed.due_on), 0) + 1


def _morning(day: date) -> datetime:
    return at_london_time(day, clock_time(7, 0))


def _by_month(days: list[date]) -> Iterator[tuple[str, list[date]]]:
    month: list[date] = []
    for day in days:
        if month and month_of(day) != month_of(month[0]):
            yield month_of(month[0]), month
            month = []
        month.append(day)
    if month:
        yield month_of(month[0]), month
