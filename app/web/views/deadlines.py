"""Deadlines, the business manager's page: the board with its filters, one deadline in detail, the
timeline, reminders sent now, and the outbox with failed messages to retry."""

import streamlit as st

from app.web.acting import Page, query_item
from app.web.board import as_of_day, board_filters, board_table, timeline
from app.web.deadline_detail import show_detail
from app.web.outbox import show_outbox
from registry.read_models.deadlines import deadline_board

page = Page("Deadlines")
as_of = as_of_day(page.today)
rows = deadline_board(
    page.engine, partnership=page.partnership, as_of=as_of, due_soon_days=page.config.due_soon_days
)
VIEWS = ["Board", "One deadline", "Timeline", "Reminders and outbox"]
if query_item("deadline") and "deadline_view" not in st.session_state:
    st.session_state["deadline_view"] = "One deadline"  # a link to one deadline opens it
view = st.radio("Show", VIEWS, key="deadline_view", horizontal=True, label_visibility="collapsed")
if view == "Board":
    if not rows:
        st.info(
            "No deadlines recorded yet. Run a cycle: `govern cycle run calendar` (every obligation) or "
            "`govern cycle run action-plan-update` (the monthly action-plan update), or send reminders now.",
            icon=":material/event_busy:",
        )
    else:
        shown = board_filters(rows)
        open_count = sum(r.is_open for r in shown)
        overdue, due_soon, submitted, still_open = st.columns(4)
        overdue.metric("Overdue", sum(r.standing.value == "overdue" for r in shown), border=True)
        due_soon.metric("Due soon", sum(r.standing.value == "due soon" for r in shown), border=True)
        submitted.metric("Submitted", sum(r.state.value == "submitted" for r in shown), border=True)
        still_open.metric("Open deadlines", open_count, border=True)
        st.table(board_table(shown), hide_index=True)
        st.caption(
            f"{len(shown)} of {len(rows)} deadlines shown ({open_count} open: waiting on their owner), overdue "
            f"first. A deadline is due soon within {page.config.due_soon_days} days of its due date, and overdue "
            "from the day after it. Submitted and accepted deadlines are not open."
        )
elif view == "One deadline":
    show_detail(page, rows, as_of, chosen=query_item("deadline"))
elif view == "Timeline":
    timeline(rows)
else:
    show_outbox(page)
