"""Benchmark at national scale: a registry the size of England (``national_registry``), on SQLite
and on PostgreSQL, and the figures the issue asks for, each beside a lower bound measured in the
same run:

- the daily sweep for every partnership (the calendar and the reminders cycles, an ordinary day:
  the day before was run first; ``national_sweep``): the escalation steps recorded for every
  partnership at once against the bare indexed SQL that finds the same steps, and the telling
  per partnership and per step;
- the business manager's page queries for one partnership (``registry.read_models``), the
  deadline board against its bare SELECT;
- one SAB annual report drafted and rendered (HTML, Word, PDF);
- dispatching notifications to a loopback SMTP server through the platform's notifier, against
  raw ``smtplib`` over one connection.

Not part of the test run; asserts nothing. Results go to ``tests/benchmarks/results/national.json``.

    .venv/bin/python -m tests.benchmarks.national --areas 10 --deadlines 30000 --messages 1000   # a minute
    .venv/bin/python -m tests.benchmarks.national                # England: 150 areas, 1,000,000 deadlines
"""

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import sqlalchemy as sa

from tests.benchmarks.national_dispatch import dispatch_figures
from tests.benchmarks.national_registry import TEMPLATE, generate
from tests.benchmarks.national_sweep import sweep_figures

RESULTS = Path(__file__).parent / "results" / "national.json"
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
SCRATCH_DATABASE = "govern_national"
SAB_ANNUAL_REPORT = "bsab-annual-report-2025-26"


def median_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def scratch_postgres(name: str = SCRATCH_DATABASE) -> str:
    with psycopg.connect(POSTGRES_SERVER, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def page_figures(engine: sa.Engine, as_of: date) -> dict:
    """The business manager's page queries for one partnership, median of 5 each."""
    from registry.read_models import deadlines, plans, reports, work
    from registry.unit_of_work import SqlUnitOfWork

    with SqlUnitOfWork(engine, partnership=TEMPLATE) as uow:
        manager = uow.partnership.snapshot().business_manager().key
    queries = {
        "deadline board": lambda: deadlines.deadline_board(engine, partnership=TEMPLATE, as_of=as_of, due_soon_days=14),
        "deadline states": lambda: deadlines.state_counts(engine, partnership=TEMPLATE),
        "extensions awaiting decision": lambda: deadlines.requests_awaiting_decision(engine, partnership=TEMPLATE),
        "action plans": lambda: plans.action_plans(engine, partnership=TEMPLATE),
        "reports": lambda: reports.report_list(engine, partnership=TEMPLATE),
        "my work": lambda: work.given_by(engine, partnership=TEMPLATE, person=manager),
        "my messages": lambda: work.messages_to(engine, partnership=TEMPLATE, person=manager),
    }  # fmt: skip
    figures = {name: 1000 * median_of(5, q) for name, q in queries.items()}
    bare = sa.text(
        "SELECT d.*, b.key, s.key, p.key, a.name FROM deadline d JOIN board b ON b.id = d.board_id "
        "JOIN person p ON p.id = d.owner_id LEFT JOIN agency a ON a.id = p.agency_id "
        "LEFT JOIN subgroup s ON s.id = d.sub_group_id JOIN partnership x ON x.id = d.partnership_id "
        "WHERE x.key = :k AND d.state != 'closed' ORDER BY d.due_on, d.subject, d.duty"
    )
    with engine.connect() as connection:
        bound = median_of(5, lambda: connection.execute(bare, {"k": TEMPLATE}).all())
    return {
        "queries_ms": figures,
        "slowest_ms": max(figures.values()),
        "deadline_board_bare_sql_ms": 1000 * bound,
        "deadline_board_ratio": figures["deadline board"] / (1000 * bound) if bound else None,
    }


def annual_report_figures(engine: sa.Engine) -> dict:
    """One SAB annual report drafted from the national registry and rendered in all three formats."""
    from flows.adapters.documents import render_all
    from governance.documents.drafting import draft_report
    from registry.unit_of_work import SqlUnitOfWork

    def build() -> None:
        with SqlUnitOfWork(engine, partnership=TEMPLATE) as uow:
            document = draft_report(uow.reports.find(SAB_ANNUAL_REPORT), uow.partnership.snapshot())
        render_all(document)

    build()  # warm up: fonts, templates, the chart engine
    return {"draft_and_render_s": median_of(3, build)}


def run(url: str, args: argparse.Namespace) -> dict:
    from registry.engine import make_engine

    result: dict = {"registry": url.split("://")[0]}
    if not args.url:
        started = time.perf_counter()
        counts = generate(url, areas=args.areas, deadlines=args.deadlines, as_of=args.as_of)
        result |= {"generate_s": time.perf_counter() - started, "rows": counts}
        print(f"[{result['registry']}] generated in {result['generate_s']:.1f} s: {counts}", flush=True)
    engine = make_engine(url)
    measures = {
        "sweep": lambda: sweep_figures(engine, args.as_of),
        "pages": lambda: page_figures(engine, args.as_of),
        "annual_report": lambda: annual_report_figures(engine),
        "dispatch": lambda: dispatch_figures(engine, url, args.messages),
    }
    try:
        for name, figures in measures.items():
            if args.only and name not in args.only.split(","):
                continue
            try:
                result[name] = figures()
            except Exception as error:  # a figure that cannot be measured is said, the others go on
                result[name] = {"failed": f"{type(error).__name__}: {error}"}
            print(f"[{result['registry']}] {name}: {json.dumps(result[name], default=str)}", flush=True)
    finally:
        engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--areas",
        type=int,
        default=150,
        help="copies of the demo area (its SAB, children's partnership, CSP)",
    )
    parser.add_argument("--deadlines", type=int, default=1_000_000, help="deadlines in all, history included")
    parser.add_argument("--messages", type=int, default=10_000, help="notifications to dispatch")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=date(2026, 12, 1), help="the ordinary day"
    )
    parser.add_argument("--on", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--url", help="measure a registry generated before, instead of generating one")
    parser.add_argument(
        "--scratch-database",
        default=SCRATCH_DATABASE,
        help="the PostgreSQL database made (and dropped first)",
    )
    parser.add_argument("--only", help="the figures to measure, e.g. dispatch, or sweep,pages")
    args = parser.parse_args()
    results = {
        "areas": args.areas,
        "deadlines": args.deadlines,
        "messages": args.messages,
        "as_of": args.as_of.isoformat(),
        "measured_at": datetime.now(UTC).isoformat(),
        "runs": [],
    }
    if args.url:
        results["runs"].append(run(args.url, args))
    else:
        if args.on in ("sqlite", "both"):
            folder = Path(tempfile.mkdtemp(prefix="govern-national-"))
            results["runs"].append(run(f"sqlite:///{folder / 'n.db'}", args))
        if args.on in ("postgresql", "both"):
            results["runs"].append(run(scratch_postgres(args.scratch_database), args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str))
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
