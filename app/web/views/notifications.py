"""The outbox: every message the cycles queued and what became of it; and the local mail sink's inbox."""

from collections import Counter

import streamlit as st

from app.web.components import (
    NOTIFICATION_COLUMNS,
    chosen_partnership,
    notification_table,
    open_registry,
    settings,
)
from flows.adapters.mail_sink import received_mail
from governance.notifications.model import NotificationStatus
from registry.queries import notifications

st.title("Notifications")
config = settings()
engine = open_registry(config)

outbox = notifications(engine, partnership=chosen_partnership(engine, config))
by_status = Counter(n.status for n in outbox)
for column, status in zip(st.columns(len(NotificationStatus)), NotificationStatus, strict=True):
    column.metric(status.value.capitalize(), by_status[status], border=True)

if outbox:
    st.dataframe(
        notification_table(outbox), hide_index=True, width="stretch", column_config=NOTIFICATION_COLUMNS
    )
    st.caption(
        "Newest first. Failed messages stay queued and are tried again on the next delivery run (`govern outbox send`)."
    )
else:
    st.info(
        "Nothing queued yet. Messages appear here when a cycle runs: `govern cycle run action-plan-update`"
    )

if config.email_url is None:
    st.header("Local mail sink")
    st.caption(
        f"`GOVERN_EMAIL_URL` is not set, so e-mail goes to the local mail sink on 127.0.0.1:{config.mail_sink_port} "
        f"(started by `govern up`), which keeps it in `{config.mail_sink_dir}`."
    )
    addresses = {n.address for n in outbox}  # the sink serves every partnership: show this one's mail only
    inbox = [mail for mail in reversed(received_mail(config.mail_sink_dir)) if mail.to in addresses]
    if not inbox:
        st.info("The mail sink has received nothing yet.")
    else:
        st.dataframe(
            [mail.model_dump(include={"to", "subject", "date"}) for mail in inbox],
            hide_index=True,
            width="stretch",
        )
    for mail in inbox:
        with st.expander(f"{mail.subject} — to {mail.to} — {mail.date}"):
            st.text(mail.body)
