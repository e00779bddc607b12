"""Calendar: my deadlines and the meetings of my boards in every partnership I serve, as an ICS file
to download, and a feed address to subscribe to (its token is shown once; a new one ends the old).
Exempt items say only "exempt item" to those who may not see them."""

import streamlit as st

from app.web.acting import Page, attempt
from app.web.identity import feed_address, my_calendar_ics
from flows.bootstrap import utc_now
from governance.accounts.calendar import calendar_entries, issue_calendar_feed
from registry.sql.accounts import SqlAccounts

page = Page("Calendar")
with page.uow() as uow:
    entries = calendar_entries(page.visitor.person, uow.partnership.snapshot(), uow.deadlines.live())
st.write(
    f"{len(entries)} entries in {page.visitor.partnership_name}: your deadlines and the meetings of your boards."
)
signed_in = page.visitor.signed_in
st.download_button(
    "Download my calendar (ICS)",
    data=lambda: my_calendar_ics(page.engine, signed_in, now=utc_now()),
    file_name="my-governance-calendar.ics",
    mime="text/calendar",
    key="ics",
    icon=":material/download:",
    on_click="ignore",
)
if entries:
    st.table(
        [{"Day": f"{e.day:%d %b %Y}", "What": e.summary, "Kind": e.category} for e in entries[:100]],
        hide_index=True,
    )
st.subheader("Subscribe")
st.write("A feed address for your calendar program. It is shown once; making a new one ends the old one.")
if st.button("Make a new feed address", key="new_feed"):
    token = attempt(
        lambda: issue_calendar_feed(signed_in.email, accounts=SqlAccounts(page.engine), now=utc_now())
    )
    if token:
        st.code(feed_address(f"http://127.0.0.1:{page.config.feed_port}", token))
        st.caption(
            "Served by the platform's calendar feed server (`govern up` starts it beside the workspace)."
        )
