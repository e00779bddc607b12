"""Flow: send what the outbox holds; a failed message stays queued for the next run."""

from prefect import flow, task

from flows.bootstrap import Platform
from governance.notifications.use_cases import DeliveryRun, deliver_queued


@task
def send_queued_notifications() -> DeliveryRun:
    """Send each queued notification once; record what was sent and why the others failed."""
    platform = Platform.from_environment()
    return deliver_queued(uow=platform.uow(), notifier=platform.notifier, clock=platform.clock)


@flow(name="deliver-notifications", log_prints=True)
def deliver_notifications() -> DeliveryRun:
    """Retry every notification still queued."""
    report = send_queued_notifications()
    print(report.summary())
    return report
