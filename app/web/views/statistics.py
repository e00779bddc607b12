"""Statistics: each figure as a chart whose title and axis say the unit, the denominator of a rate,
and whether it is cumulative or for the period; each with its data table."""

import altair as alt
import pandas as pd
import streamlit as st

from app.web.acting import Page
from governance.partnership.statistics import axis_title, say

page = Page("Statistics")
with page.uow() as uow:
    figures = uow.partnership.snapshot().statistics
if not figures:
    st.info("No statistics are on record.")
for figure in figures:
    d = figure.definition
    st.subheader(d.title)
    st.caption(d.definition + (f" Source: {d.source}." if d.source else ""))
    frame = pd.DataFrame(
        [{"Period": v.period, "Value": v.value, "In words": say(d, v)} for v in figure.values]
    )
    if frame.empty:
        st.caption("No values yet.")
        continue
    title = f"{d.title}: {axis_title(d)}"
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("Period:N", sort=None, title="Period"),
            y=alt.Y("Value:Q", title=axis_title(d)),
            tooltip=["Period", "In words"],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.table(frame[["Period", "In words"]], hide_index=True)
