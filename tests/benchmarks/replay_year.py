"""Benchmark: a governance year replayed on the Bradford demo, both cycles as of every day.

Prints figures, asserts nothing (performance targets live here, not in timed tests). Run:

    .venv/bin/python -m tests.benchmarks.replay_year [postgresql+psycopg://…]

With no URL it uses a temporary SQLite file.
"""

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.dates import FinancialYear, days_between
from governance.deadlines.obligations import occurrences
from governance.deadlines.use_cases import run_calendar
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork


def main(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    year = FinancialYear(start_year=2026)
    days = days_between(year.starts_on, year.ends_on)
    renderer, policy = TemplateRenderer(), ActionPlanPolicy()
    with SqlUnitOfWork(engine) as uow:
        partnership = uow.partnership.snapshot()
    started = time.perf_counter()
    produced = occurrences(partnership, year.starts_on, year.ends_on)
    listing = time.perf_counter() - started
    timings = {"action-plan update": 0.0, "calendar": 0.0}
    for day in days:
        now = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        t = time.perf_counter()
        run_action_plan_update(day, uow=SqlUnitOfWork(engine), render=renderer, now=now, policy=policy)
        timings["action-plan update"] += time.perf_counter() - t
        t = time.perf_counter()
        run_calendar(day, uow=SqlUnitOfWork(engine), render=renderer, now=now)
        timings["calendar"] += time.perf_counter() - t
    engine.dispose()
    print(
        f"registry: {url.split('://')[0]}; year {year}: {len(days)} days, {len(produced)} deadlines produced"
    )
    print(f"listing every deadline of the year (govern deadlines): {listing * 1000:.1f} ms")
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.2f} s for the year, {seconds / len(days) * 1000:.1f} ms a day")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{Path(tempfile.mkdtemp()) / 'registry.db'}")
