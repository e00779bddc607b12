"""Flow: the annual-report cycle, for one day (``as_of``, default today in London).

After the year end each member agency is asked for its part of the SAB annual report and chased;
a draft that passes the statutory checks goes to its approvers; a published report is queued to
each statutory recipient, delivered, and the dispatch recorded once the mail server took it.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.reports.annual_cycle import AnnualReportRun, run_annual_report
from governance.reports.dispatch import record_sent_dispatches
from governance.returns.cycles import CycleRun
from governance.vocabulary import Cycle
from registry.sql.messages_on_record import OutboxOnRecord


def outbox_on_record(platform: Platform, partnership: str) -> OutboxOnRecord:
    return OutboxOnRecord(platform.engine, partnership)


@task(
    retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="annual report {partnership} {as_of}"
)
def draft_check_route_and_queue(partnership: str, as_of: date, dry_run: bool = False) -> AnnualReportRun:
    """Open the year's reports, ask and chase each member agency, route drafts that pass their
    checks, and queue published reports to their statutory recipients (idempotent by outbox key)."""
    platform = Platform.from_environment()
    return run_annual_report(
        as_of,
        uow=platform.uow(partnership, dry_run=dry_run),
        render=platform.renderer,
        now=platform.clock(),
        messages=outbox_on_record(platform, partnership),
    )


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="dispatches sent {partnership}")
def record_dispatches_sent(partnership: str, as_of: date) -> CycleRun:
    """Record each statutory copy the outbox says was sent (never one that was not)."""
    platform = Platform.from_environment()
    return record_sent_dispatches(
        as_of,
        uow=platform.uow(partnership),
        now=platform.clock(),
        messages=outbox_on_record(platform, partnership),
        run=CycleRun(cycle=Cycle.ANNUAL_REPORT.value, as_of=as_of),
    )


@flow(name=Cycle.ANNUAL_REPORT.value, flow_run_name=run_name, log_prints=True)
def annual_report(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """The SAB annual report and the children's partnership yearly report, from the year end to
    their statutory recipients: for the partnership named, or for every partnership in turn.

    ``dry_run`` says what would be asked and sent, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.ANNUAL_REPORT, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome, draft_check_route_and_queue, partnership, deliver=not dry_run, as_of=as_of, dry_run=dry_run
    )
    if not dry_run:
        for run in outcome.partnerships:
            if run.failure is None and run.cycle is not None:
                state = record_dispatches_sent(run.partnership, as_of, return_state=True)
                if state.is_completed():
                    recorded = state.result()
                    run.cycle.sent += recorded.sent
                    run.cycle.overdue += recorded.overdue
                else:
                    run.failure = f"dispatches sent but not recorded: {state.result(raise_on_failure=False)}"
    return publish(outcome)
