"""A cycle run for one partnership, or for every partnership in turn, each in its own transaction.

One partnership's failure is recorded in the outcome and does not stop the others. The loop calls
one Prefect task per partnership, so it can become a mapped task across workers without changing
what each task does.
"""

from typing import Any

from prefect import Task

from flows.bootstrap import Platform
from flows.deliver_notifications import send_queued_notifications
from flows.run_summary import CycleOutcome, PartnershipRun
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
    for key in partnerships_to_run(partnership):
        state = task(key, **arguments, return_state=True)
        run = PartnershipRun(partnership=key)
        if state.is_completed():
            run.cycle = state.result()
            if deliver:
                run.delivery = send_queued_notifications(key)
        else:
            run.failure = _reason(state.result(raise_on_failure=False))
        outcome.partnerships.append(run)
    return outcome


def _reason(error: object) -> str:
    return f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else str(error)
