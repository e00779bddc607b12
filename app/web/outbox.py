"""Reminders sent now and the outbox: what was queued and what became of it, failed messages first,
with a retry. Bodies are not shown here: a message is read only by the person it was sent to."""

from collections import Counter

import pandas as pd
import streamlit as st

from app.web.acting import Page, attempt
from app.web.components import in_london
from flows.bootstrap import Platform, utc_now
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from governance.notifications.model import NotificationStatus
from governance.notifications.use_cases import deliver_queued
from registry.queries import notifications, notifications_not_yet_due


def send_reminders_now(page: Page) -> None:
    """Today's calendar and reminders cycles, as the daily flows run them, then delivery of whatever is due."""
    platform = Platform(page.config)
    run = attempt(
        lambda: run_calendar(page.today, uow=page.uow(), render=platform.renderer, now=utc_now()),
    )
    if run is None:
        return
    told = attempt(lambda: run_reminders(page.today, uow=page.uow(), render=platform.renderer, now=utc_now()))
    if told is None:
        return
    st.success(f"Today's calendar: {run.summary()}; {told.summary()}", icon=":material/check_circle:")
    deliver(page)


def deliver(page: Page) -> None:
    platform = Platform(page.config)
    delivery = attempt(lambda: deliver_queued(uow=page.uow(), notifier=platform.notifier, clock=utc_now))
    if delivery is not None:
        waiting = notifications_not_yet_due(page.engine, partnership=page.partnership, now=utc_now())
        st.info(f"Delivery: {delivery.told(waiting_until=waiting)}", icon=":material/send:")


def show_outbox(page: Page) -> None:
    left, right = st.columns(2)
    if left.button("Send reminders now", key="send_reminders", type="primary", icon=":material/notifications_active:",
                   help="Runs today's calendar cycle (deadlines recorded, reminders and escalations queued) and sends what is due."):  # fmt: skip
        send_reminders_now(page)
    if right.button("Retry failed messages", key="retry_failed", icon=":material/refresh:"):
        deliver(page)
    outbox = notifications(page.engine, partnership=page.partnership)
    by_status = Counter(n.status for n in outbox)
    for column, status in zip(st.columns(len(NotificationStatus)), NotificationStatus, strict=True):
        column.metric(status.value.capitalize(), by_status[status], border=True)
    failed = [n for n in outbox if n.status is NotificationStatus.FAILED]
    if failed:
        st.subheader(f"{len(failed)} failed, kept for retry")
        st.table(_table(failed), hide_index=True)
    st.subheader("Outbox, newest first")
    if not outbox:
        st.info("Nothing queued yet. Messages appear here when a cycle runs or someone acts.")
        return
    st.table(_table(outbox[:200]), hide_index=True)
    if len(outbox) > 200:
        st.caption(f"The newest 200 of {len(outbox)} messages.")


def _table(rows) -> pd.DataFrame:
    def when(instant) -> str:
        return f"{in_london(instant):%d %b %Y %H:%M}" if instant else ""

    return pd.DataFrame(
        [
            {
                "To": f"{n.recipient} ({n.address})",
                "Subject": n.subject,
                "Status": n.status.value
                + (f" after {n.attempts} attempts: {n.last_error}" if n.last_error else ""),
                "Queued": when(n.queued_at),
                "Sent": when(n.sent_at),
            }
            for n in rows
        ]
    )
