"""Flow: sub-group reporting for one day (``as_of``, default today in London): highlight reports
asked for before each board meeting, and the board pack sent to the chair and members as PDF."""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.adapters.documents.render import DocumentRenderer
from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.boards.use_cases import SubGroupReportingRun, run_sub_group_reporting
from governance.vocabulary import Cycle


@task(
    retries=2,
    retry_delay_seconds=5,
    cache_policy=NONE,  # idempotency lives in the outbox keys, not in Prefect's result cache
    task_run_name="sub-group reporting {partnership} {as_of}",
)
def ask_for_reports_and_send_packs(
    partnership: str, as_of: date, dry_run: bool = False
) -> SubGroupReportingRun:
    """Ask the sub-group leads for the coming meetings' reports and queue each board pack that is due (idempotent)."""
    platform = Platform.from_environment()
    return run_sub_group_reporting(
        as_of,
        uow=platform.uow(partnership, dry_run=dry_run),
        render=platform.renderer,
        documents=DocumentRenderer(),
        now=platform.clock(),
    )


@flow(name=Cycle.SUB_GROUP_REPORTING.value, flow_run_name=run_name, log_prints=True)
def sub_group_reporting(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Before each board meeting, ask every sub-group that serves the board for its highlight report;
    at the deadline, or once all are in, send the board pack to the chair and the members, marking
    any report still missing: for the partnership named, or for every partnership in turn.

    ``dry_run`` says who would be asked and who would receive a pack, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.SUB_GROUP_REPORTING, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome,
        ask_for_reports_and_send_packs,
        partnership,
        deliver=not dry_run,
        as_of=as_of,
        dry_run=dry_run,
    )
    return publish(outcome)
