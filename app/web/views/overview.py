"""The partnership at a glance: what the registry holds."""

import streamlit as st

from app.web.components import chosen_partnership, open_registry, settings
from registry.queries import partnership_summary

st.title("Partnership")
config = settings()
engine = open_registry(config)
summary = partnership_summary(engine, partnership=chosen_partnership(engine, config))

st.subheader(summary.name)
counts = {
    "Boards": summary.boards,
    "Sub-groups": summary.sub_groups,
    "Agencies": summary.agencies,
    "People": summary.people,
    "Actions": summary.actions,
}
for column, (label, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
    column.metric(label, count, border=True)
st.caption(
    "Edit the partnership file and run `govern demo load --file …` again to change it; loading twice changes nothing."
)
