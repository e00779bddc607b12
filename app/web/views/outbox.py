"""The outbox, the business manager's page for messages: what was queued and what became of it,
and first what needs a decision (dead, uncertain, or left by a sender that stopped mid-send),
each with its reason and the server's reply, to confirm or resend."""

from collections import Counter

import pandas as pd
import streamlit as st

from app.web.acting import Page, attempt, done
from app.web.outbox import deliver
from flows.bootstrap import utc_now
from governance.notifications.use_cases import OutboxEntry, decide_undelivered, outbox_entries

page = Page("Outbox")
entries = outbox_entries(uow=page.uow(), now=utc_now())
stuck = [e for e in entries if e.status in ("dead", "uncertain") or e.status.startswith("sending (stale")]
by_status = Counter(
    e.status.split(" ")[0] if not e.status.startswith("sending (stale") else "stale" for e in entries
)
columns = st.columns(6)
for column, status in zip(columns, ("queued", "sent", "failed", "uncertain", "dead", "stale"), strict=True):
    column.metric(status.capitalize(), by_status[status], border=True)
if st.button("Send what is due now", key="send_due", icon=":material/send:"):
    deliver(page)


def _table(rows: list[OutboxEntry]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"#": e.id, "To": f"{e.recipient} ({e.address})", "Subject": e.subject, "Status": e.status,
             "Tries": e.attempts, "Reason": e.reason}
            for e in rows
        ]
    )  # fmt: skip


if stuck:
    st.subheader(f"{len(stuck)} not delivered: your decision is needed")
    st.caption(
        "Dead: refused for good (the server's reply is kept) or failed too often. Uncertain: the server did not "
        "answer once it had the message, or the sender stopped mid-send, so it may have arrived. Confirm a "
        "message that did arrive (ask the recipient); resend one that did not: it keeps its Message-ID."
    )
    st.table(_table(stuck), hide_index=True)
    decidable = [e for e in stuck if not e.status.startswith("sending")]
    if decidable:
        chosen = st.selectbox(
            "Message",
            decidable,
            format_func=lambda e: f"#{e.id} to {e.recipient}: {e.subject}",
            key="stuck_pick",
        )
        confirm, resend = st.columns(2)
        for column, again, label in ((confirm, False, "Confirm it arrived"), (resend, True, "Resend it")):
            if column.button(label, key=f"decide_{again}") and attempt(
                lambda again=again: decide_undelivered(
                    chosen.id, resend=again, by=page.visitor.key, uow=page.uow(), now=utc_now()
                )
            ):
                done(f"#{chosen.id} {'queued again' if again else 'marked sent'}")
    else:
        st.info("A stale claim becomes uncertain at the next delivery run; then it can be decided.")
st.subheader("Outbox, newest first")
if not entries:
    st.info("Nothing queued yet. Messages appear here when a cycle runs or someone acts.")
else:
    st.table(_table(entries[:200]), hide_index=True)
    if len(entries) > 200:
        st.caption(f"The newest 200 of {len(entries)} messages.")
