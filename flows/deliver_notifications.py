"""Flow: send what the outbox holds, partnership by partnership.

A failed message waits for its back-off; a refused one is dead; one the server may have stored
(no answer after it was handed over, or a sender that stopped mid-send) is uncertain and waits
for the business manager (``governance.notifications.delivery``).

Notification tasks have no result cache (``cache_policy=NONE``) and may be retried: a retried
task calls ``deliver_queued`` again, which claims each message in its own transaction before
sending it and marks it in another, so a message already sent (or claimed by the attempt that
failed) is never claimed, and never sent, again. A cached result would instead skip a real
delivery and report one that did not happen.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform
from flows.run_summary import CycleOutcome, PartnershipRun, publish, run_name, run_tags
from governance.notifications.use_cases import DeliveryRun, deliver_queued
from governance.vocabulary import Cycle
from registry.sql.scope import loaded_partnerships


@task(retries=2, retry_delay_seconds=10, cache_policy=NONE, task_run_name="deliver {partnership}")
def send_queued_notifications(partnership: str) -> DeliveryRun:
    """Send each of the partnership's due notifications once; record what was sent, and why others were not."""
    platform = Platform.from_environment()
    return deliver_queued(uow=platform.uow(partnership), notifier=platform.notifier, clock=platform.clock)


@flow(name=Cycle.DELIVER_NOTIFICATIONS.value, flow_run_name=run_name, log_prints=True)
def deliver_notifications(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Send every notification that is due, for one partnership or for each in turn. Delivery is
    always as of now (``as_of`` is accepted for a uniform command line); ``dry_run`` sends nothing."""
    from flows.each_partnership import tag_the_flow_run  # each_partnership imports this module's task

    keys = [partnership] if partnership else loaded_partnerships(Platform.from_environment().engine)
    outcome = CycleOutcome(cycle=Cycle.DELIVER_NOTIFICATIONS, dry_run=dry_run)
    tag_the_flow_run(run_tags(outcome.cycle, partnership))
    for key in keys:
        delivery = None if dry_run else send_queued_notifications(key)
        outcome.partnerships.append(PartnershipRun(partnership=key, delivery=delivery))
    return publish(outcome)
