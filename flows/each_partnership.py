"""A cycle run for one partnership, or for every partnership in turn, each in its own transaction.

One partnership's failure is recorded in the outcome and does not stop the others. The flow run
carries the tags ``cycle:…`` and ``partnership:…`` (``all`` for a run over every partnership), so
the Prefect UI filters runs by partnership and cycle; each task run is named for its partnership
and carries no tags, since Prefect asks its server for a concurrency slot for every tagged task
run (decision 59).

The partnerships run one after another inside a run: on SQLite two writers at once would wait on
the database's single write lock, and one partnership's day is small. Scale comes from several
runs at once across workers (README "Running at scale").
"""

from typing import Any

from prefect import Task

from flows.bootstrap import Platform
from flows.deliver_notifications import send_queued_notifications
from flows.run_summary import CycleOutcome, PartnershipRun, run_tags
from registry.sql.scope import loaded_partnerships


def partnerships_to_run(partnership: str | None) -> list[str]:
    """The partnership named, or every partnership the registry holds."""
    if partnership is not None:
        return [partnership]
    return loaded_partnerships(Platform.from_environment().engine)


def run_in_turn(
    outcome: CycleOutcome, task: Task, partnership: str | None, *, deliver: bool, **arguments: Any
) -> CycleOutcome:
    """Run ``task`` for each partnership, then send what it queued; a failure is kept with its reason."""
    tag_the_flow_run(run_tags(outcome.cycle, partnership))
    for key in partnerships_to_run(partnership):
        run = PartnershipRun(partnership=key)
        state = task(key, **arguments, return_state=True)
        if state.is_completed():
            run.cycle = state.result()
            if deliver:
                run.delivery = send_queued_notifications(key)
        else:
            run.failure = _reason(state.result(raise_on_failure=False))
        outcome.partnerships.append(run)
    return outcome


def tag_the_flow_run(names: list[str]) -> None:
    """Add ``names`` to the tags of the flow run in progress (a scheduled run starts with its
    deployment's tags only); outside a flow run, or where the API refuses, nothing happens."""
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        return
    missing = [name for name in names if name not in context.flow_run.tags]
    if not missing:
        return
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(context.flow_run.id, tags=[*context.flow_run.tags, *missing])
    except Exception:  # tags are for reading runs; a cycle never fails for want of one
        return
    context.flow_run.tags.extend(missing)


def _reason(error: object) -> str:
    return f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)
