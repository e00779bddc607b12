"""The deadline board, the business manager's page: every open deadline and how it stands on a chosen day."""

import streamlit as st

from app.web.components import (
    DEADLINE_COLUMNS,
    STANDING_ORDER,
    chosen_partnership,
    deadline_table,
    filtered,
    open_registry,
    settings,
    standing_counts,
)
from flows.bootstrap import london_today
from governance.deadlines.model import Duty, Standing
from registry.queries import open_deadlines

st.title("Deadlines")
config = settings()
engine = open_registry(config)
partnership = chosen_partnership(engine, config)

as_of_column, board_column, owner_column, standing_column, duty_column = st.columns(5)
as_of = as_of_column.date_input(
    "As of",
    value=london_today(),
    key="as_of",
    format="DD/MM/YYYY",
    help="Shows how things stand on this day. Pick a later day to see what will be overdue by then, "
    "or an earlier one to see how things stood.",
)
rows = open_deadlines(engine, partnership=partnership, as_of=as_of, due_soon_days=config.due_soon_days)
if not rows:
    st.info(
        "No deadlines recorded yet. Run a cycle: `govern cycle run calendar` (every obligation) or "
        "`govern cycle run action-plan-update` (the monthly action-plan update)",
        icon=":material/event_busy:",
    )
    st.stop()

boards = board_column.multiselect(
    "Board", sorted({r.board for r in rows}), key="board_filter", placeholder="All boards"
)
owners = owner_column.multiselect(
    "Owner", sorted({r.owner for r in rows}), key="owner_filter", placeholder="All owners"
)
standings = standing_column.multiselect(
    "Standing", [s.value for s in STANDING_ORDER], key="standing_filter", placeholder="All standings"
)
duties = duty_column.multiselect("Duty", [d.value for d in Duty], key="duty_filter", placeholder="All duties")
shown = filtered(rows, boards=boards, owners=owners, standings=standings, duties=duties)

counts = standing_counts(shown)
overdue, due_soon, submitted, total = st.columns(4)
overdue.metric("Overdue", counts[Standing.OVERDUE], border=True)
due_soon.metric("Due soon", counts[Standing.DUE_SOON], border=True)
submitted.metric("Submitted", counts[Standing.SUBMITTED], border=True)
total.metric("Open deadlines", len(shown), border=True)

st.dataframe(
    deadline_table(shown),
    hide_index=True,
    width="stretch",
    column_config=DEADLINE_COLUMNS,
    key="deadline_table",
)
st.caption(
    f"{len(shown)} of {len(rows)} open deadlines shown, overdue first. A deadline is due soon within "
    f"{config.due_soon_days} days of its due date, and overdue from the day after it."
)
