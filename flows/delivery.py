"""Flow: send what the outbox holds; a failed message stays queued for the next run."""

from prefect import flow, task

from flows.platform import Platform
from governance.delivery import DeliveryReport, deliver_queued


@task
def send_queued_notifications() -> DeliveryReport:
    """Send each queued notification once; record what was sent and why the others failed."""
    platform = Platform.from_environment()
    return deliver_queued(uow=platform.uow(), notifier=platform.notifier, clock=platform.clock)


@flow(name="deliver-notifications", log_prints=True)
def deliver_notifications() -> DeliveryReport:
    """Retry every notification still queued."""
    report = send_queued_notifications()
    print(report.summary())
    return report
