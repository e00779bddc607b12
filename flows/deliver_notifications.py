"""Flow: send what the outbox holds, partnership by partnership; a failed message stays queued."""

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform
from flows.run_summary import CycleOutcome, PartnershipRun, publish
from governance.notifications.use_cases import DeliveryRun, deliver_queued
from governance.vocabulary import Cycle
from registry.sql.scope import loaded_partnerships


@task(cache_policy=NONE, task_run_name="deliver {partnership}")
def send_queued_notifications(partnership: str) -> DeliveryRun:
    """Send each of the partnership's queued notifications once; record what was sent and why others failed.

    No result cache: a repeated or retried delivery must run again (the outbox keeps it idempotent)."""
    platform = Platform.from_environment()
    return deliver_queued(uow=platform.uow(partnership), notifier=platform.notifier, clock=platform.clock)


@flow(name=Cycle.DELIVER_NOTIFICATIONS.value, log_prints=True)
def deliver_notifications(partnership: str | None = None) -> CycleOutcome:
    """Retry every notification still queued, for one partnership or for each in turn."""
    keys = [partnership] if partnership else loaded_partnerships(Platform.from_environment().engine)
    outcome = CycleOutcome(cycle=Cycle.DELIVER_NOTIFICATIONS)
    for key in keys:
        outcome.partnerships.append(PartnershipRun(partnership=key, delivery=send_queued_notifications(key)))
    return publish(outcome)
